//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough,
//! heading ids; glossary terms linked; raw HTML shown as text; only safe
//! link schemes; internal links collected for checking.

mod glossary;
mod safety;

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

pub use glossary::Glossary;
use glossary::link_terms;
use safety::{kept_image, kept_link, sanitise, without_comments};

/// A Markdown text converted to HTML. Its internal links are read apart,
/// without rendering ([`links`]).
#[derive(Debug, Default)]
pub struct Converted {
    /// The HTML. Internal links are written `@/path/`, to be made relative
    /// to each page that shows it.
    pub html: String,
}

/// How to render one Markdown text.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions<'a> {
    /// Prefix for heading ids, so several texts can share a page.
    pub id_prefix: &'a str,
    /// Levels added to every heading (to `h6` at most), for a text shown
    /// under headings of its page's own: a note in the print pack.
    pub heading_offset: u8,
    /// Term id not to link (on the term's own glossary entry).
    pub skip_term: Option<&'a str>,
    /// Whether to link glossary terms at all.
    pub link_terms: bool,
}

/// The Markdown extensions every text is read with.
const EXTENSIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Renders `text` to HTML.
pub fn render(text: &str, glossary: &Glossary, options: TextOptions<'_>) -> Converted {
    let mut walk = Walk::new(glossary, options);
    for event in Parser::new_ext(text, EXTENSIONS) {
        let emit = walk.translate(event);
        walk.place(emit);
    }
    let mut rendered = Converted::default();
    html::push_html(&mut rendered.html, walk.out.into_iter());
    rendered.html = sanitise(&rendered.html);
    rendered
}

/// The internal links of `text` (`@/path/#anchor`, and the site's own
/// images), as [`render`] writes them, with their byte offsets in the
/// source; read without rendering it: a county's links are resolved in a
/// fraction of the time its HTML takes.
pub fn links(text: &str) -> Vec<(String, usize)> {
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(text, EXTENSIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(dest) = kept_link(&dest_url).filter(|d| d.starts_with("@/")) {
                    links.push((dest, range.start));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(dest) = kept_image(&dest_url) {
                    links.push((dest, range.start));
                }
            }
            _ => {}
        }
    }
    links
}

/// Whether `text` may hold a link or an image that [`links`] would find:
/// every inline one has `](` and every reference one a `]:` definition.
/// Quick enough to ask of every file a county's site reads.
pub fn may_hold_links(text: &str) -> bool {
    text.contains("](") || text.contains("]:")
}

/// `text` as plain text for a spreadsheet cell: emphasis and link markup
/// dropped (link text kept), raw HTML shown as written, paragraphs and
/// list items on lines of their own.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_))
            | Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push('\t'),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// The state of one pass over a text's events.
struct Walk<'a, 'g> {
    glossary: &'g Glossary,
    options: TextOptions<'g>,
    out: Vec<Event<'a>>,
    /// Depth inside elements where terms are never linked.
    no_terms: usize,
    /// Terms linked in the current block, linked once per block.
    linked: HashSet<usize>,
    /// A heading's events, held until it closes and its id is known.
    heading: Option<Vec<Event<'a>>>,
    /// For each open link or image, whether it was dropped (an unsafe URL).
    dropped_links: Vec<bool>,
    used_ids: HashSet<String>,
    /// Inside an HTML comment that began in an earlier event (a block
    /// comment arrives one line at a time).
    in_comment: bool,
}

impl<'a, 'g> Walk<'a, 'g> {
    fn new(glossary: &'g Glossary, options: TextOptions<'g>) -> Self {
        Walk {
            glossary,
            options,
            out: Vec::new(),
            no_terms: 0,
            linked: HashSet::new(),
            heading: None,
            dropped_links: Vec::new(),
            used_ids: HashSet::new(),
            in_comment: false,
        }
    }

    /// What `event` becomes in the output.
    fn translate(&mut self, event: Event<'a>) -> Vec<Event<'a>> {
        let mut emit: Vec<Event<'a>> = Vec::with_capacity(1);
        match event {
            // Raw HTML is shown as text, except comments: an author's
            // `<!-- 内部:… -->` is a note to colleagues, never published.
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let shown = without_comments(&raw, &mut self.in_comment);
                if !shown.is_empty() {
                    emit.push(Event::Text(shown.into()));
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                self.no_terms += 1;
                self.heading = Some(Vec::new());
                emit.push(event);
            }
            Event::Start(Tag::Link { .. }) => self.link(event, &mut emit),
            // A footnote's id is an anchor of the text like a heading's.
            Event::FootnoteReference(name) => {
                emit.push(Event::FootnoteReference(self.anchor(name)));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let name = self.anchor(name);
                emit.push(Event::Start(Tag::FootnoteDefinition(name)));
            }
            Event::Start(Tag::Image { dest_url, .. }) => self.image(&dest_url, &mut emit),
            Event::End(TagEnd::Link) => {
                if !self.dropped_links.pop().unwrap_or(true) {
                    self.no_terms -= 1;
                    emit.push(event);
                }
            }
            Event::End(TagEnd::Image) => {
                self.no_terms -= 1;
                if !self.dropped_links.pop().unwrap_or(true) {
                    emit.push(event);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.no_terms += 1;
                emit.push(event);
            }
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                self.no_terms -= 1;
                emit.push(event);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => {
                self.linked.clear();
                emit.push(event);
            }
            Event::Text(text) if self.no_terms == 0 && self.options.link_terms => {
                let skip = self.options.skip_term;
                link_terms(text, self.glossary, skip, &mut self.linked, &mut emit);
            }
            other => emit.push(other),
        }
        emit
    }

    /// A link kept when its address is internal or safe, else dropped
    /// (its text stays).
    fn link(&mut self, event: Event<'a>, emit: &mut Vec<Event<'a>>) {
        let Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) = event
        else {
            unreachable!("called for the start of a link");
        };
        let Some(dest) = kept_link(&dest_url) else {
            self.dropped_links.push(true);
            return;
        };
        self.no_terms += 1;
        self.dropped_links.push(false);
        // `#` alone is the top of the page, whatever the text's prefix.
        let dest = match dest.strip_prefix('#').filter(|own| !own.is_empty()) {
            Some(own) => format!("#{}", self.anchor(own.to_string().into())),
            None => dest,
        };
        emit.push(Event::Start(Tag::Link {
            link_type,
            dest_url: dest.into(),
            title,
            id,
        }));
    }

    /// `name`, an anchor of this text (a heading's or a footnote's id),
    /// as the page shows it: prefixed, so that a link inside a note in the
    /// print pack lands in that note and not in the first note with the
    /// same heading.
    fn anchor(&self, name: CowStr<'a>) -> CowStr<'a> {
        match self.options.id_prefix {
            "" => name,
            prefix => format!("{prefix}{name}").into(),
        }
    }

    /// Only images shipped with the site: no request leaves it.
    fn image(&mut self, dest_url: &str, emit: &mut Vec<Event<'a>>) {
        self.no_terms += 1;
        match kept_image(dest_url) {
            Some(dest) => {
                emit.push(Event::Start(Tag::Image {
                    link_type: LinkType::Inline,
                    dest_url: dest.into(),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }));
                self.dropped_links.push(false);
            }
            None => self.dropped_links.push(true),
        }
    }

    /// Appends `emit` to the output, or to the open heading, which goes
    /// out with its id once it closes.
    fn place(&mut self, emit: Vec<Event<'a>>) {
        let Some(buffer) = self.heading.as_mut() else {
            self.out.extend(emit);
            return;
        };
        let closes = emit
            .iter()
            .any(|e| matches!(e, Event::End(TagEnd::Heading(_))));
        buffer.extend(emit);
        if closes {
            let buffer = self.heading.take().expect("inside a heading");
            let options = self.options;
            self.out
                .extend(with_heading_id(buffer, options, &mut self.used_ids));
        }
    }
}

/// A heading's events with its id made unique on the page (prefixed, as
/// `options` asks) and its level moved down by their offset.
fn with_heading_id<'a>(
    mut events: Vec<Event<'a>>,
    options: TextOptions<'_>,
    used: &mut HashSet<String>,
) -> Vec<Event<'a>> {
    let prefix = options.id_prefix;
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let lower = |level: HeadingLevel| {
        let below = level as usize + usize::from(options.heading_offset);
        HeadingLevel::try_from(below.min(6)).unwrap_or(HeadingLevel::H6)
    };
    if let Some(Event::End(TagEnd::Heading(level))) = events.last_mut() {
        *level = lower(*level);
    }
    if let Some(Event::Start(Tag::Heading {
        level,
        id,
        classes,
        attrs,
    })) = events.first_mut()
    {
        *level = lower(*level);
        // `{.class key=value}` after a heading would become HTML attributes
        // (an `onclick`, say): only the id is kept.
        classes.clear();
        attrs.clear();
        let base = match id {
            Some(given) => format!("{prefix}{given}"),
            None => format!("{prefix}{}", heading_slug(&text)),
        };
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            n += 1;
            unique = format!("{base}-{n}");
        }
        *id = Some(unique.into());
    }
    events
}

/// An id from heading text: letters and digits (CJK kept), other runs as `-`.
pub fn heading_slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests;
