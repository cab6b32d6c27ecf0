//! The print pack, made in pieces. A county's pack is one page of a
//! hundred megabytes: made whole, its issue blocks, the template's
//! context, the rendered text and its polished and relinked copies each
//! held it again. Here the template is rendered with a marker where each
//! issue's block and each note's text goes (a county's notes are half the
//! pack); blocks and notes are polished and relinked in parallel a batch
//! at a time and copied into the page between the template's pieces,
//! each freed once copied. Where pieces made apart would not read
//! as the page made whole — a site's own template that changes the blocks
//! or sets them inside a verbatim element — the page is made whole.
//! Where the sink takes a file in pieces (a build's staging folder), the
//! pack is not gathered at all: it is read as it is made, a batch at a
//! time, guarded and written as it comes ([`super::Streaming`]).

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::links::Relinker;
use super::pages::{Page, PrintParts, print_block};
use super::typography::{self, Edges};
use super::{Growing, OutputFile, Passed, Passing, Renderer, Streaming};

/// Blocks made at once: enough to keep every core busy, few enough to be
/// a small part of the page.
const BATCH: usize = 64;

/// What marks the place of a block in the template's text.
const MARKER: &str = "<!--taizhang print block ";

/// A piece finished: its text, its edges, and whether its addresses all
/// end in it.
type Piece = (String, Edges, bool);

/// What goes where a marker is: an issue's block, or a note's text.
#[derive(Clone, Copy)]
enum Part {
    Block(usize),
    Note(usize),
}

/// What is done beside each issue's block as it is made: given the issue.
type Beside<'a> = &'a (dyn Fn(usize) + Sync);

impl Renderer {
    /// The print pack, the page at `index`.
    pub(super) fn print_pack(&self, index: usize) -> Result<OutputFile, String> {
        self.print_pack_beside(index, &|_| {})
    }

    /// The print pack, the page at `index`, with each issue's own page
    /// made beside its block and handed to `pass`, for a build: both show
    /// the issue's HTML and charts, which are then made once and let go at
    /// once. Made apart, a county's were held for seconds, a hundred
    /// megabytes. Returns what `pass` returned for each page, the pack's
    /// last; `None` for a page not made because `stop` was set.
    pub(super) fn print_pack_and_issue_pages(
        &self,
        index: usize,
        passing: &Passing<'_>,
    ) -> Vec<Option<Passed>> {
        let Passing {
            stop,
            progress,
            pass,
            stream,
        } = *passing;
        let mut issue_pages = vec![0; self.model.issues.len()];
        for (at, page) in self.pages.iter().enumerate() {
            if let Page::Issue(i) = page {
                issue_pages[*i] = at;
            }
        }
        let made: Vec<AtomicBool> = issue_pages.iter().map(|_| AtomicBool::new(false)).collect();
        let passed = Mutex::new(Vec::with_capacity(issue_pages.len() + 1));
        let beside = |i: usize| {
            if made[i].swap(true, Ordering::Relaxed) {
                return;
            }
            let page =
                (!stop.load(Ordering::Relaxed)).then(|| self.page(issue_pages[i]).and_then(pass));
            progress.done.fetch_add(1, Ordering::Relaxed);
            passed.lock().unwrap_or_else(|e| e.into_inner()).push(page);
        };
        // Streamed where the sink takes a file in pieces: a county's pack
        // is 110 MB, held whole at the build's tallest moment otherwise.
        let pack = match stream.and_then(|stream| self.streamed(index, &beside, stream)) {
            Some(streamed) => streamed.map(|()| (self.paths[index].clone(), HashSet::new())),
            None if stream.is_some() => self.print_pack_whole(index, &beside).and_then(pass),
            None => self.print_pack_beside(index, &beside).and_then(pass),
        };
        // A pack that stopped at a template error made only some blocks.
        (0..issue_pages.len()).into_par_iter().for_each(beside);
        let mut passed = passed.into_inner().unwrap_or_else(|e| e.into_inner());
        passed.push(Some(pack));
        progress.done.fetch_add(1, Ordering::Relaxed);
        passed
    }

    /// The print pack, calling `beside` for each issue as its block is made.
    fn print_pack_beside(&self, index: usize, beside: Beside<'_>) -> Result<OutputFile, String> {
        match self.spliced(index, beside)? {
            Some(page) => Ok(page),
            None => self.print_pack_whole(index, beside),
        }
    }

    /// The print pack made in pieces, or `None` where its pieces would not
    /// read as the page made whole.
    fn spliced(&self, index: usize, beside: Beside<'_>) -> Result<Option<OutputFile>, String> {
        let Some(mut pack) = Pack::new(self, index, beside)? else {
            return Ok(None);
        };
        let mut page = Growing::new();
        while pack.fill() {
            page.push(&pack.text);
        }
        match pack.stopped {
            Some(Stop::Failed(text)) => Err(text),
            Some(Stop::Unjoined) => Ok(None),
            None => Ok(Some(OutputFile {
                path: self.paths[index].clone(),
                bytes: page.into_bytes(),
            })),
        }
    }

    /// The print pack handed to `stream` as it is made, a batch of blocks
    /// at a time, never whole in memory; `None` where its pieces would not
    /// read as the page made whole (nothing of it is kept then).
    fn streamed(
        &self,
        index: usize,
        beside: Beside<'_>,
        stream: Streaming<'_>,
    ) -> Option<Result<(), String>> {
        let mut pack = match Pack::new(self, index, beside) {
            Ok(Some(pack)) => pack,
            Ok(None) => return None,
            Err(text) => return Some(Err(text)),
        };
        let streamed = stream(&self.paths[index], &mut pack);
        match pack.stopped {
            Some(Stop::Failed(text)) => Some(Err(text)),
            Some(Stop::Unjoined) => None,
            None => Some(streamed),
        }
    }

    /// The template's text with a marker where each issue's block and each
    /// note's text goes, and those parts in the order of their markers.
    fn frame(&self) -> Result<(String, Vec<(Part, String)>), String> {
        let issues = self.model.issues.len();
        let notes = self.model.notes.len();
        let blocks: Vec<String> = (0..issues).map(|i| format!("{MARKER}{i}-->")).collect();
        let texts: Vec<String> = (0..notes).map(|i| format!("{MARKER}n{i}-->")).collect();
        let parts = PrintParts {
            blocks: &blocks,
            notes: Some(&texts),
        };
        let (_, frame) = self.page_text(&Page::Print, parts)?;
        // The template shows the notes newest first, the model's order
        // reversed.
        let order = (0..issues)
            .map(Part::Block)
            .zip(blocks)
            .chain((0..notes).map(Part::Note).zip(texts).rev())
            .collect();
        Ok((frame, order))
    }

    /// The print pack's template text with markers, as [`Renderer::spliced`]
    /// cuts it.
    #[cfg(test)]
    pub(crate) fn print_frame(&self) -> Result<String, String> {
        Ok(self.frame()?.0)
    }

    /// The print pack made in pieces (`None` where it would not be) and
    /// made whole, for a test that the default theme's is made in pieces
    /// and reads as the whole.
    #[cfg(test)]
    pub(crate) fn print_pack_both_ways(&self) -> Result<(Option<OutputFile>, OutputFile), String> {
        let index = self
            .pages
            .iter()
            .position(|p| matches!(p, Page::Print))
            .ok_or("no print pack")?;
        Ok((
            self.spliced(index, &|_| {})?,
            self.print_pack_whole(index, &|_| {})?,
        ))
    }

    /// The print pack made whole, its blocks in the template's context.
    fn print_pack_whole(&self, index: usize, beside: Beside<'_>) -> Result<OutputFile, String> {
        let blocks: Vec<String> = (0..self.model.issues.len())
            .into_par_iter()
            .map(|i| {
                let block = print_block(&self.tera, &self.model, &self.prose, &self.figures, i);
                self.shown_issue(i);
                beside(i);
                block
            })
            .collect::<Result<_, _>>()?;
        let parts = PrintParts {
            blocks: &blocks,
            notes: None,
        };
        let (template, text) = self.page_text(&Page::Print, parts)?;
        drop(blocks);
        Ok(self.finished(index, template, text))
    }
}

/// Why a print pack made in pieces stopped before its end.
enum Stop {
    /// A template error.
    Failed(String),
    /// A join that would not read as the page made whole.
    Unjoined,
}

/// The print pack in pieces: the template's pieces around its markers,
/// and its blocks and notes made a batch at a time, in parallel, as the
/// pack is read. Each part is freed once copied.
struct Pack<'r> {
    renderer: &'r Renderer,
    beside: Beside<'r>,
    relinker: Relinker,
    polish: bool,
    order: Vec<(Part, String)>,
    between: Vec<Option<Piece>>,
    /// The first part of the next batch.
    next: usize,
    started: bool,
    joins: Joins,
    /// The last batch made, and how much of it was read.
    text: Vec<u8>,
    read: usize,
    stopped: Option<Stop>,
}

impl<'r> Pack<'r> {
    /// The pack of the page at `index`, or `None` where the template's
    /// text cannot be cut at its markers.
    fn new(
        renderer: &'r Renderer,
        index: usize,
        beside: Beside<'r>,
    ) -> Result<Option<Pack<'r>>, String> {
        let (frame, order) = renderer.frame()?;
        let markers: Vec<&str> = order.iter().map(|(_, marker)| marker.as_str()).collect();
        let Some(between) = pieces_between(&frame, &markers) else {
            return Ok(None);
        };
        let relinker = renderer.relinker(index);
        let polish = !renderer.model.keep_punctuation;
        let between = between
            .into_iter()
            .map(|text| Some(finished_piece(text, &relinker, polish)))
            .collect();
        Ok(Some(Pack {
            renderer,
            beside,
            relinker,
            polish,
            order,
            between,
            next: 0,
            started: false,
            joins: Joins::default(),
            text: Vec::new(),
            read: 0,
            stopped: None,
        }))
    }

    /// Makes the next batch into `text`: the template's first piece, then
    /// each batch of parts with the template's pieces after them. `false`
    /// at the end, or when it stopped (`stopped` says why).
    fn fill(&mut self) -> bool {
        self.text.clear();
        self.read = 0;
        if self.stopped.is_some() {
            return false;
        }
        if !self.started {
            self.started = true;
            self.push_between(0);
            return self.joined();
        }
        if self.next >= self.order.len() {
            return false;
        }
        let (start, end) = (self.next, self.order.len().min(self.next + BATCH));
        self.next = end;
        let renderer = self.renderer;
        let (relinker, polish, beside) = (&self.relinker, self.polish, self.beside);
        let made: Vec<Result<Piece, String>> = self.order[start..end]
            .par_iter()
            .map(|(part, _)| match *part {
                Part::Block(i) => {
                    let block = print_block(
                        &renderer.tera,
                        &renderer.model,
                        &renderer.prose,
                        &renderer.figures,
                        i,
                    );
                    renderer.shown_issue(i);
                    beside(i);
                    block.map(|block| finished_piece(&block, relinker, polish))
                }
                Part::Note(i) => Ok(finished_piece(
                    renderer.prose.note(&renderer.model, i),
                    relinker,
                    polish,
                )),
            })
            .collect();
        for (at, piece) in (start + 1..).zip(made) {
            match piece {
                Ok(piece) => self.joins.push(&mut self.text, &piece),
                Err(text) => {
                    self.stopped = Some(Stop::Failed(text));
                    return false;
                }
            }
            self.push_between(at);
        }
        self.joined()
    }

    /// Copies the template's piece `at` in, freeing it.
    fn push_between(&mut self, at: usize) {
        if let Some(piece) = self.between[at].take() {
            self.joins.push(&mut self.text, &piece);
        }
    }

    /// Whether every join so far reads as the page made whole; when one
    /// does not, the pack stops.
    fn joined(&mut self) -> bool {
        if !self.joins.clean {
            self.stopped = Some(Stop::Unjoined);
        }
        self.joins.clean
    }
}

impl std::io::Read for Pack<'_> {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        while self.read == self.text.len() {
            if !self.fill() {
                return match self.stopped {
                    None => Ok(0),
                    Some(_) => Err(std::io::Error::other("the print pack stopped")),
                };
            }
        }
        let n = into.len().min(self.text.len() - self.read);
        into[..n].copy_from_slice(&self.text[self.read..self.read + n]);
        self.read += n;
        Ok(n)
    }
}

/// `html` polished (when `polish`) and relinked, as a page's text is.
fn finished_piece(html: &str, relinker: &Relinker, polish: bool) -> Piece {
    let (text, edges) = typography::polish_piece(html, polish);
    let (text, closed) = relinker.rewrite_piece(&text);
    (text, edges, closed)
}

/// The pieces of `frame` around its `markers`, when each is in it once, in
/// order, and nothing else in it looks like one.
fn pieces_between<'a>(frame: &'a str, markers: &[&str]) -> Option<Vec<&'a str>> {
    if frame.matches(MARKER).count() != markers.len() {
        return None;
    }
    let mut pieces = Vec::with_capacity(markers.len() + 1);
    let mut rest = frame;
    for marker in markers {
        let at = rest.find(marker)?;
        pieces.push(&rest[..at]);
        rest = &rest[at + marker.len()..];
    }
    pieces.push(rest);
    Some(pieces)
}

/// The page as its pieces are copied in, and whether every join so far
/// reads as the page made whole would.
struct Joins {
    last: Option<Edges>,
    clean: bool,
}

impl Default for Joins {
    fn default() -> Self {
        Joins {
            last: None,
            clean: true,
        }
    }
}

impl Joins {
    fn push(&mut self, page: &mut Vec<u8>, (text, edges, closed): &Piece) {
        self.clean &= *closed && self.last.is_none_or(|last| last.join(*edges));
        self.last = Some(*edges);
        if self.clean {
            page.extend_from_slice(text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages of the shapes the print pack joins: blocks between headings,
    /// Chinese text broken over lines, links, entities, verbatim text.
    const PAGES: [&str; 5] = [
        "<h2 id=\"issues\">二、问题</h2>\n<h3 class=\"group-heading\">(一)方面</h3>\n\n<section class=\"issue-block\">\n<h3>问题(1)</h3>\n<p>各村(社区),驻村\n工作队:见<a href=\"@/issues/01/#tasks\">任务</a>;</p>\n</section>\n<h2>三、</h2>",
        "<p>甲,乙</p>\n<pre>村(社区),\n工作队:</pre>\n<p>丙;丁 &amp; 戊(己)</p>",
        "前言,<b>加粗</b>\n后文:<a title=\"x\" href=\"@/list/\">清单</a>(完)",
        "<pre>\n<b>村(社区),</b>\n</pre>\n<p>完,</p>",
        "<a href=\"@/list/>清单</a>\n<p title=\"t\">尾</p>",
    ];

    #[test]
    fn pieces_that_join_read_as_the_page_made_whole() {
        let relinker = Relinker::for_file("print/index.html", false);
        let mut joined = 0;
        for page in PAGES {
            let whole = finished_piece(page, &relinker, true).0;
            for cut in (0..=page.len()).filter(|&at| page.is_char_boundary(at)) {
                let (a, b) = (
                    finished_piece(&page[..cut], &relinker, true),
                    finished_piece(&page[cut..], &relinker, true),
                );
                if a.2 && b.2 && a.1.join(b.1) {
                    assert_eq!(a.0 + &b.0, whole, "cut at {cut} of {page}");
                    joined += 1;
                }
            }
        }
        // Cuts between blocks, where the print pack joins, do join.
        assert!(joined >= 10, "only {joined} cuts joined");
    }

    #[test]
    fn a_frame_is_cut_only_where_each_marker_is_once_and_in_order() {
        let made: Vec<String> = (0..2).map(|i| format!("{MARKER}{i}-->")).collect();
        let markers: Vec<&str> = made.iter().map(String::as_str).collect();
        let frame = format!("<h1>t</h1>{}<hr>{}<p>end</p>", markers[0], markers[1]);
        assert_eq!(
            pieces_between(&frame, &markers),
            Some(vec!["<h1>t</h1>", "<hr>", "<p>end</p>"])
        );
        let swapped = format!("{}{}", markers[1], markers[0]);
        assert_eq!(pieces_between(&swapped, &markers), None);
        let twice = format!("{}{}{}", markers[0], markers[0], markers[1]);
        assert_eq!(pieces_between(&twice, &markers), None);
        let changed = format!("{}{}", markers[0].to_uppercase(), markers[1]);
        assert_eq!(pieces_between(&changed, &markers), None);
    }
}
