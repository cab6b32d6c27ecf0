//! Rendering: the model through the theme's Tera templates into the files
//! of the site, in parallel and deterministically. Nothing here reads or
//! writes files; [`crate::site`] does that.

mod figures;
mod links;
mod pages;
mod prose;
mod qr;
mod views;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Span;
use crate::model::Model;
use crate::theme::Theme;

pub(crate) use links::percent_decode;
use links::{LinkTargets, Relinker};
use pages::{Page, address, context, print_block};
use views::SiteView;

/// Pages rendered and pages to render in the current build, for progress bars.
static PROGRESS: (AtomicUsize, AtomicUsize) = (AtomicUsize::new(0), AtomicUsize::new(0));

/// `(pages rendered, pages in all)` of the build under way (0, 0 before rendering).
pub fn progress() -> (usize, usize) {
    (
        PROGRESS.0.load(Ordering::Relaxed),
        PROGRESS.1.load(Ordering::Relaxed),
    )
}

/// How to render.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Links end in `index.html`, so the site works opened from disk.
    pub portable: bool,
}

/// A file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// A link in content to a page or anchor the build does not produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Where the Markdown text containing it starts.
    pub origin: Span,
    /// Line of the link within that text, 0 for the first.
    pub line_in_text: u32,
    /// The target as written, `@/` form.
    pub target: String,
}

/// The rendered site.
#[derive(Debug)]
pub struct Rendered {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
    /// Content links that lead nowhere.
    pub broken_links: Vec<BrokenLink>,
}

/// Renders the whole site. Errors are template errors (a site's override
/// with a mistake, or a theme bug), with the template's line and column.
pub fn render(model: &Model, theme: &Theme, options: Options) -> Result<Rendered, String> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str())),
    )
    .map_err(|e| error_text(&e))?;
    tera.global_context().insert("site", &SiteView::new(model));
    let (prose, figures) = rayon::join(|| prose::render(model), || figures::draw(model));

    let mut pages = vec![
        Page::Overview,
        Page::List,
        Page::Villages,
        Page::Units,
        Page::Notes,
        Page::Policy,
        Page::Glossary,
    ];
    pages.extend((0..model.issues.len()).map(Page::Issue));
    pages.extend((0..model.villages.len()).map(Page::Village));
    pages.extend((0..model.units.len()).map(Page::Unit));
    pages.extend((0..model.notes.len()).map(Page::Note));
    pages.extend((0..model.policy.len()).map(Page::Explainer));
    pages.push(Page::Overdue);
    pages.push(Page::Print);
    pages.extend((0..model.villages.len()).map(Page::Notice));
    let sitemap_paths: Vec<String> = pages.iter().map(|p| address(model, p)).collect();
    pages.extend([Page::NotFound, Page::Feed, Page::Robots]);
    // Search engines are told to stay away from an internal site: no sitemap.
    if model.audience != "internal" {
        pages.push(Page::Sitemap);
    }

    let print_blocks = (0..model.issues.len())
        .into_par_iter()
        .map(|i| print_block(&tera, model, &prose, &figures, i))
        .collect::<Result<Vec<_>, _>>()?;
    let base_path = base_path(&model.base_url);
    PROGRESS.0.store(0, Ordering::Relaxed);
    PROGRESS.1.store(pages.len(), Ordering::Relaxed);
    let rendered: Vec<Result<OutputFile, String>> = pages
        .par_iter()
        .map(|page| {
            let (template, context) =
                context(model, &prose, &figures, page, &sitemap_paths, &print_blocks);
            let text = tera
                .render(template, &context)
                .map_err(|e| error_text(&e))?;
            let address = address(model, page);
            let path = if address.is_empty() || address.ends_with('/') {
                format!("{address}index.html")
            } else {
                address
            };
            let text = if template.ends_with(".html") {
                let relinker = match page {
                    // Servers show 404.html at any depth; from disk it is opened in place.
                    Page::NotFound if !options.portable => Relinker::absolute(&base_path),
                    _ => Relinker::for_file(&path, options.portable),
                };
                relinker.rewrite(&text)
            } else {
                text
            };
            PROGRESS.0.fetch_add(1, Ordering::Relaxed);
            Ok(OutputFile {
                path,
                bytes: text.into_bytes(),
            })
        })
        .collect();
    let mut files = rendered.into_iter().collect::<Result<Vec<_>, _>>()?;
    files.extend(theme.statics.iter().map(|(path, bytes)| OutputFile {
        path: format!("static/{path}"),
        bytes: bytes.clone(),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let mut targets = LinkTargets::default();
    for file in &files {
        let html = file
            .path
            .ends_with(".html")
            .then(|| std::str::from_utf8(&file.bytes).unwrap_or_default());
        targets.add(&file.path, html);
    }
    let broken_links = prose
        .links
        .iter()
        .filter(|(_, _, target)| !targets.resolves(target.trim_start_matches("@/")))
        .map(|(origin, line, target)| BrokenLink {
            origin: *origin,
            line_in_text: *line,
            target: target.clone(),
        })
        .collect();
    Ok(Rendered {
        files,
        broken_links,
    })
}

/// The path part of the base URL, `/sanjiang/` for `https://x.org/sanjiang/`.
fn base_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or_else(|| "/".to_string(), |at| rest[at..].to_string()),
        None => base_url.to_string(),
    }
}

/// A Tera error with its causes, which carry the template's line and column.
pub(super) fn error_text(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(text, "\n  caused by: {cause}");
        source = cause.source();
    }
    text
}

/// Inserting values of different types into a context through one closure.
pub(super) mod erased {
    use super::{Context, Serialize};

    pub(in crate::render) trait Value {
        fn insert_into(&self, context: &mut Context, key: &'static str);
    }

    impl<T: Serialize + ?Sized> Value for T {
        fn insert_into(&self, context: &mut Context, key: &'static str) {
            context.insert(key, self);
        }
    }
}
