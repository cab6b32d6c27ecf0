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

mod pack;

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::pages::{Page, PrintParts, print_block};
use super::typography::Edges;
use super::{Growing, OutputFile, Passed, Passing, Renderer, Streaming};
use pack::{Pack, Stop};

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
