//! Rendering: the model through the theme's Tera templates into the files
//! of the site, in parallel and deterministically. Nothing here reads or
//! writes files; [`crate::site`] does that.

mod contexts;
mod figures;
mod growing;
mod held;
mod links;
mod pages;
mod pagination;
mod print;
mod prose;
mod qr;
mod templates;
mod typography;
mod views;
mod village_tasks;
mod whole;

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::Span;
use crate::model::Model;
use crate::theme::Theme;

use contexts::context;
use figures::Figures;
pub(crate) use growing::Growing;
use links::Relinker;
use pages::{Page, PrintParts, address};
use prose::Prose;
use templates::error_text;
use village_tasks::VillageTasks;
pub use whole::Streaming;
use whole::{Passed, Passing};

/// How far a render has come, for a progress bar: a handle the caller
/// makes, passes in, and reads from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// `(pages rendered, pages in all)`; `(0, 0)` before rendering starts.
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
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

/// A model ready to render, page by page or whole. Charts, Markdown and
/// pages are produced the first time they are asked for: `build` asks for
/// all of them at once, in parallel; `serve` answers for one page right
/// after an edit without rendering the other thousands.
pub struct Renderer {
    model: Model,
    tera: Tera,
    prose: Prose,
    figures: Figures,
    pages: Vec<Page>,
    /// Output path of each page, by the page's position in `pages`.
    paths: Vec<String>,
    by_path: HashMap<String, usize>,
    sitemap: Vec<String>,
    base_path: String,
    options: Options,
    statics: Vec<OutputFile>,
    /// The search index's files, built on first use.
    search: OnceLock<Vec<OutputFile>>,
    /// How many times each issue's HTML and charts were shown: by its own
    /// page and its block in the print pack, after which they are let go.
    issue_shown: Vec<AtomicU32>,
    /// Each village's tasks as values, shared by its page and its notice.
    village_tasks: VillageTasks,
    /// The overdue tasks in the order they are listed, found on first
    /// use: the overview shows the first, and each of a county's 250
    /// pages of them its hundred.
    overdue: OnceLock<Vec<usize>>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("pages", &self.paths.len())
            .finish_non_exhaustive()
    }
}

impl Renderer {
    /// Compiles the theme's templates and lists the site's pages; renders
    /// nothing yet.
    pub fn new(model: Model, theme: &Theme, options: Options) -> Result<Renderer, String> {
        let tera = templates::compile(theme, &model)?;
        let (pages, sitemapped) = pages::every_page(&model);
        // A county's site has tens of thousands of pages, and `serve` lists
        // them again on every save: each address is made once, in parallel.
        let mut sitemap: Vec<String> = pages.par_iter().map(|p| address(&model, p)).collect();
        let paths: Vec<String> = sitemap.par_iter().map(|a| file_of(a)).collect();
        sitemap.truncate(sitemapped);
        let by_path = paths
            .par_iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        let statics = theme
            .statics
            .iter()
            .map(|(path, bytes)| OutputFile {
                path: format!("static/{path}"),
                bytes: bytes.clone(),
            })
            .collect();
        let model_issues = model.issues.len();
        Ok(Renderer {
            prose: Prose::new(&model),
            figures: Figures::new(&model),
            village_tasks: VillageTasks::new(&model),
            base_path: base_path(&model.base_url),
            model,
            tera,
            pages,
            paths,
            by_path,
            sitemap,
            options,
            statics,
            search: OnceLock::new(),
            overdue: OnceLock::new(),
            issue_shown: (0..model_issues).map(|_| AtomicU32::new(0)).collect(),
        })
    }

    /// The site's stylesheet as text, for the page that carries its own
    /// (404.html is served at any address, where no relative link finds
    /// `static/style.css`).
    fn stylesheet(&self) -> &str {
        self.statics
            .iter()
            .find(|f| f.path == "static/style.css")
            .and_then(|f| std::str::from_utf8(&f.bytes).ok())
            .unwrap_or("")
    }

    /// The overdue tasks' positions in the model's tasks, in the order
    /// they are listed ([`pages::overdue_order`]).
    fn overdue(&self) -> &[usize] {
        self.overdue
            .get_or_init(|| pages::overdue_order(&self.model))
    }

    /// The model being rendered.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The path of every file of the site, pages first; the search index's
    /// last (built now, if not yet; none if it cannot be).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let search = self.search_files();
        self.paths
            .iter()
            .map(String::as_str)
            .chain(self.statics.iter().map(|f| f.path.as_str()))
            .chain(search.iter().map(|f| f.path.as_str()))
    }

    /// The path of every page of the site, without the static files and
    /// the search index.
    pub fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    /// The theme's and the site's static files, as they are published.
    pub fn static_files(&self) -> &[OutputFile] {
        &self.statics
    }

    /// The file at `path` (relative to the site root, `issues/07/index.html`),
    /// rendered now; `None` when the site has no such file.
    pub fn file(&self, path: &str) -> Option<Result<OutputFile, String>> {
        if let Some(&index) = self.by_path.get(path) {
            return Some(self.page(index));
        }
        if path.starts_with(crate::search::DIR) {
            return self
                .search_files()
                .iter()
                .find(|f| f.path == path)
                .cloned()
                .map(Ok);
        }
        self.statics
            .iter()
            .find(|f| f.path == path)
            .map(|f| Ok(f.clone()))
    }

    /// Whether the search index's files are held (built by
    /// [`Renderer::paths`], or for a request of one of them).
    #[cfg(test)]
    pub(crate) fn search_index_held(&self) -> bool {
        self.search.get().is_some()
    }

    /// The search index's files, indexed on first use.
    fn search_files(&self) -> &[OutputFile] {
        self.search
            .get_or_init(|| crate::search::index_files(&self.model))
    }

    fn page(&self, index: usize) -> Result<OutputFile, String> {
        let page = &self.pages[index];
        let model = &self.model;
        match page {
            Page::Data(data) => {
                return Ok(OutputFile {
                    path: self.paths[index].clone(),
                    bytes: data.bytes(model)?,
                });
            }
            Page::Print => return self.print_pack(index),
            // The overview's charts are drawn in parallel first; one at a
            // time they would take a county's overview seconds.
            Page::Overview => {
                let villages = pages::overview_villages(model);
                self.figures.draw_small_multiples(model, &villages.places);
            }
            _ => {}
        }
        let (template, text) = self.page_text(page, PrintParts::default())?;
        match page {
            Page::Issue(i) => self.shown_issue(*i),
            Page::Village(i) | Page::Notice(i) => self.village_tasks.shown(*i),
            _ => {}
        }
        Ok(self.finished(index, template, text))
    }

    /// How many issues' HTML and how many issues' charts are held.
    #[cfg(test)]
    pub(crate) fn issue_parts_held(&self) -> (usize, usize) {
        (self.prose.issues_held(), self.figures.issues_held())
    }

    /// How many villages' task values are held.
    #[cfg(test)]
    pub(crate) fn village_tasks_held(&self) -> usize {
        self.village_tasks.held()
    }

    /// Counts issue `i`'s HTML and charts shown once more. A county's are
    /// a hundred megabytes: each is let go once both pages that show it
    /// are made, and made again should another page ask.
    fn shown_issue(&self, i: usize) {
        if self.issue_shown[i].fetch_add(1, Ordering::Relaxed) == 1 {
            self.prose.let_go_of_issue(i);
            self.figures.let_go_of_issue(i);
        }
    }

    /// The text of `page` from its template; `print` is what the print
    /// pack is given for its issue blocks and notes (nothing for any other
    /// page).
    fn page_text(
        &self,
        page: &Page,
        print: PrintParts<'_>,
    ) -> Result<(&'static str, String), String> {
        let (template, context) = context(self, page, print);
        if !page.holds_the_ledger() {
            let text = self
                .tera
                .render(template, &context)
                .map_err(|e| error_text(&e))?;
            return Ok((template, text));
        }
        let mut text = Growing::new();
        self.tera
            .render_to(template, &context, &mut text)
            .map_err(|e| error_text(&e))?;
        let text = String::from_utf8(text.into_bytes())
            .map_err(|e| format!("{template} made text that is not UTF-8: {e}"))?;
        Ok((template, text))
    }

    /// The file at `index` from its template's `text`: an HTML page set in
    /// Chinese typography (unless the site keeps its punctuation), with its
    /// links made relative to where it lies.
    fn finished(&self, index: usize, template: &str, text: String) -> OutputFile {
        let path = self.paths[index].clone();
        let text = if template.ends_with(".html") {
            // Each copy is dropped as soon as the next is made.
            let text = self.polished(text);
            self.relinker(index).rewrite(&text)
        } else {
            text
        };
        OutputFile {
            path,
            bytes: text.into_bytes(),
        }
    }

    /// `html` in Chinese typography, unless the site keeps its punctuation.
    fn polished(&self, html: String) -> String {
        if self.model.keep_punctuation {
            html
        } else {
            typography::polish(&html)
        }
    }

    /// How the links of the page at `index` are written.
    fn relinker(&self, index: usize) -> Relinker {
        match self.pages[index] {
            // Servers show 404.html at any depth; from disk it is opened in place.
            Page::NotFound if !self.options.portable => Relinker::absolute(&self.base_path),
            _ => Relinker::for_file(&self.paths[index], self.options.portable),
        }
    }
}

/// The file a page at `address` is written to: a folder's `index.html`.
fn file_of(address: &str) -> String {
    if address.is_empty() || address.ends_with('/') {
        format!("{address}index.html")
    } else {
        address.to_string()
    }
}

/// `n` cells, none filled yet.
fn unset<T>(n: usize) -> Vec<OnceLock<T>> {
    (0..n).map(|_| OnceLock::new()).collect()
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
