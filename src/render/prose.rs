//! The Markdown of the model (issues, notes, policy pages, the glossary
//! and the plan document) as HTML, each text rendered the first time a
//! page asks for it (so `serve` renders only what the open page shows); and
//! the internal links the texts contain, read without rendering them, for
//! checking. An issue's HTML is let go once the pages that show it are made.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::held::Held;
use crate::diagnostics::Span;
use crate::markdown::{self, Glossary, TextOptions};
use crate::model::{Markdown, Model};

/// An internal link found in content: where its text starts, its line
/// within the text, and the target as written.
pub(crate) type Link = (Span, u32, String);

/// HTML for the Markdown texts of one model, by position, rendered on
/// first use. Every method takes the model the prose was made for.
#[derive(Debug)]
pub(crate) struct Prose {
    glossary: Glossary,
    issues: Vec<Held<IssueProse>>,
    notes: Vec<OnceLock<String>>,
    policy: Vec<OnceLock<String>>,
    terms: OnceLock<Vec<String>>,
    document: OnceLock<DocumentProse>,
}

/// The HTML of the plan document's texts.
#[derive(Debug, Default)]
pub(crate) struct DocumentProse {
    pub(crate) preamble: Option<String>,
    pub(crate) requirements: Option<String>,
    /// One per section, in order.
    pub(crate) sections: Vec<String>,
}

/// The HTML of one issue's texts.
#[derive(Debug, Default)]
pub(crate) struct IssueProse {
    pub(crate) finding: String,
    pub(crate) measures: Vec<String>,
    pub(crate) updates: Vec<String>,
    /// The report's account of what was done (整改情况), when it gives one.
    pub(crate) progress: Option<String>,
}

const LINKED: TextOptions<'static> = TextOptions {
    id_prefix: "",
    heading_offset: 0,
    link_terms: true,
    skip_term: None,
};

impl Prose {
    /// Prose for `model`, nothing rendered yet.
    pub(crate) fn new(model: &Model) -> Prose {
        let glossary = Glossary::new(model.glossary.iter().flat_map(|t| {
            std::iter::once(t.term.as_str())
                .chain(t.aliases.iter().map(String::as_str))
                .map(|s| (s, t.id.as_str()))
        }));
        Prose {
            glossary,
            issues: Held::unset(model.issues.len()),
            notes: super::unset(model.notes.len()),
            policy: super::unset(model.policy.len()),
            terms: OnceLock::new(),
            document: OnceLock::new(),
        }
    }

    /// `text` as HTML. Its links are found apart, without rendering
    /// ([`links_unrendered`]), so nothing here keeps them.
    fn one(&self, text: &Markdown, settings: TextOptions<'_>) -> String {
        markdown::render(&text.text, &self.glossary, settings).html
    }

    /// Issue `i`'s HTML, made.
    fn make_issue(&self, model: &Model, i: usize) -> IssueProse {
        let issue = &model.issues[i];
        IssueProse {
            finding: self.one(&issue.finding, LINKED),
            measures: issue
                .measures
                .iter()
                .map(|m| self.one(&m.text, LINKED))
                .collect(),
            updates: issue
                .updates
                .iter()
                .map(|u| self.one(&u.text, LINKED))
                .collect(),
            progress: issue.progress.as_ref().map(|p| self.one(p, LINKED)),
        }
    }

    /// The HTML of the plan document's preamble, requirements and sections.
    pub(crate) fn document(&self, model: &Model) -> &DocumentProse {
        self.document.get_or_init(|| {
            let document = &model.document;
            DocumentProse {
                preamble: document.preamble.as_ref().map(|t| self.one(t, LINKED)),
                requirements: document.requirements.as_ref().map(|t| self.one(t, LINKED)),
                sections: document
                    .sections
                    .iter()
                    .map(|s| self.one(&s.body, LINKED))
                    .collect(),
            }
        })
    }

    /// The HTML of issue `i`'s finding, measures and updates.
    pub(crate) fn issue(&self, model: &Model, i: usize) -> Arc<IssueProse> {
        self.issues[i].get_or_make(|| self.make_issue(model, i))
    }

    /// Lets the HTML of issue `i` go, once the pages that show it are
    /// made; it is made again if asked for.
    pub(crate) fn let_go_of_issue(&self, i: usize) {
        self.issues[i].let_go();
    }

    /// How many issues' HTML is held.
    #[cfg(test)]
    pub(crate) fn issues_held(&self) -> usize {
        self.issues.iter().filter(|held| held.is_held()).count()
    }

    /// The HTML of note `i`'s body.
    pub(crate) fn note(&self, model: &Model, i: usize) -> &str {
        self.notes[i].get_or_init(|| self.one(&model.notes[i].body, LINKED))
    }

    /// The HTML of note `i`'s body as the print pack shows it, under the
    /// note's own `h3` among every other note: its headings two levels
    /// down, and their ids, its footnotes' and its links to either
    /// prefixed with the note's anchor, so that two notes' 进展 or `[^1]`
    /// are not one id. A note without ids or links to them is shown as on
    /// its page.
    pub(crate) fn note_in_pack(&self, model: &Model, i: usize) -> Cow<'_, str> {
        let html = self.note(model, i);
        if !html.contains(" id=\"") && !html.contains("href=\"#") {
            return Cow::Borrowed(html);
        }
        let prefix = format!("note-{}-", model.notes[i].slug);
        let options = TextOptions {
            id_prefix: &prefix,
            heading_offset: 2,
            ..LINKED
        };
        Cow::Owned(self.one(&model.notes[i].body, options))
    }

    /// The HTML of policy page `i`'s body.
    pub(crate) fn policy(&self, model: &Model, i: usize) -> &str {
        self.policy[i].get_or_init(|| self.one(&model.policy[i].body, LINKED))
    }

    /// The HTML of every glossary explanation, in glossary order.
    pub(crate) fn terms(&self, model: &Model) -> &[String] {
        self.terms.get_or_init(|| {
            model
                .glossary
                .iter()
                .map(|t| {
                    let settings = TextOptions {
                        skip_term: Some(&t.id),
                        ..LINKED
                    };
                    self.one(&t.explanation, settings)
                })
                .collect()
        })
    }
}

/// `found` (targets with their byte offsets in `text`) as links at their
/// place in the content.
fn located(text: &Markdown, found: Vec<(String, usize)>, links: &mut Vec<Link>) {
    links.extend(found.into_iter().map(|(target, offset)| {
        let line = text.text[..offset].matches('\n').count() as u32;
        (text.origin, line, target)
    }));
}

/// Every internal link in the content, in a fixed order (issues, notes,
/// policy pages, glossary, the plan document), read from the Markdown
/// without rendering it: the links [`markdown::render`] would collect. A
/// text that cannot hold one is not parsed.
pub(crate) fn links_unrendered(model: &Model) -> Vec<Link> {
    fn scan<'a>(texts: impl Iterator<Item = &'a Markdown>) -> Vec<Link> {
        let mut links = Vec::new();
        for text in texts.filter(|t| markdown::may_hold_links(&t.text)) {
            located(text, markdown::links(&text.text), &mut links);
        }
        links
    }
    let issues: Vec<Vec<Link>> = model
        .issues
        .par_iter()
        .map(|issue| {
            scan(
                std::iter::once(&issue.finding)
                    .chain(issue.measures.iter().map(|m| &m.text))
                    .chain(issue.updates.iter().map(|u| &u.text))
                    .chain(&issue.progress),
            )
        })
        .collect();
    let notes: Vec<Vec<Link>> = model
        .notes
        .par_iter()
        .map(|note| scan(std::iter::once(&note.body)))
        .collect();
    let document = &model.document;
    let rest = scan(
        model
            .policy
            .iter()
            .map(|p| &p.body)
            .chain(model.glossary.iter().map(|t| &t.explanation))
            .chain(&document.preamble)
            .chain(&document.requirements)
            .chain(document.sections.iter().map(|s| &s.body)),
    );
    issues
        .into_iter()
        .chain(notes)
        .flatten()
        .chain(rest)
        .collect()
}
