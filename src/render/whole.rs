//! Rendering the whole site: every file handed on as it is made, in
//! parallel, in an order that keeps a county's memory low (the pages that
//! hold the whole ledger one after another, the workbook beside the small
//! pages, each village's page beside its notice), and the content's links
//! checked against what was rendered — or, for `check`, against the pages
//! the site would have, without rendering them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::links::{self, LinkTargets};
use super::pages::Page;
use super::{BrokenLink, OutputFile, Progress, Renderer, file_of, prose};
use crate::export::DataFile;

impl Renderer {
    /// Renders every file, in parallel, and hands each to `sink` as soon as
    /// it is rendered (in no particular order), so a build can write and
    /// drop pages as it goes instead of holding the whole site. Returns the
    /// content links that lead nowhere, or `None` when `stop` was set.
    /// Errors are template errors and the first error `sink` returned.
    /// Given `stream`, the print pack goes to it as it is made instead.
    pub fn render_each(
        &self,
        stop: &AtomicBool,
        progress: &Progress,
        sink: &(dyn Fn(OutputFile) -> Result<(), String> + Sync),
        stream: Option<Streaming<'_>>,
    ) -> Result<Option<Vec<BrokenLink>>, String> {
        let model = &self.model;
        progress.done.store(0, Ordering::Relaxed);
        progress.total.store(self.pages.len(), Ordering::Relaxed);
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        // The anchors of the pages that content links into an anchor of
        // are read as they pass, for the link check; of no other page.
        let links = prose::links_unrendered(model);
        let anchored = links::anchored(links.iter().map(|(_, _, t)| t.trim_start_matches("@/")));
        let pass = |file: OutputFile| -> Passed {
            let ids = if anchored.contains(links::address_of(&file.path)) {
                ids_of(&file)
            } else {
                HashSet::new()
            };
            let path = file.path.clone();
            sink(file)?;
            Ok((path, ids))
        };
        // The pages that hold the whole ledger are made one after another,
        // each a hundred megabytes at a county's scale: two at once made
        // its highest memory moments. The workbook comes first: seconds of
        // one thread's work, most of it in its temporary files and its
        // deflate, while the other cores make the small pages (at the end
        // it kept them idle; beside them, once the lists no longer stood
        // before the print pack, it met the pack: 400 MB against 367 at
        // 10,000 issues). The print pack comes last, with every issue's
        // page made beside its block, in parallel: whatever core runs out
        // of small pages helps with it.
        let (big, small): (Vec<usize>, Vec<usize>) = (0..self.pages.len())
            .filter(|i| !matches!(self.pages[*i], Page::Issue(_)))
            .partition(|i| self.pages[*i].holds_the_ledger());
        let beside = |i: &usize| matches!(self.pages[*i], Page::Data(DataFile::LedgerXlsx));
        let (workbook, big): (Vec<usize>, Vec<usize>) = big.into_iter().partition(beside);
        let (print, big): (Vec<usize>, Vec<usize>) = big
            .into_iter()
            .partition(|i| matches!(self.pages[*i], Page::Print));
        let ledger: Vec<Job> = workbook
            .into_iter()
            .chain(big)
            .map(Job::Page)
            .chain([Job::SearchIndex])
            .chain(print.into_iter().map(Job::Page))
            .collect();
        let rest: Vec<Job> = self.paired_with_notices(small);
        // The pack's anchors are read from the pack whole.
        let pack_anchored = self
            .pages
            .iter()
            .position(|p| matches!(p, Page::Print))
            .is_some_and(|i| anchored.contains(links::address_of(&self.paths[i])));
        let passing = Passing {
            stop,
            progress,
            pass: &pass,
            stream: stream.filter(|_| !pack_anchored),
        };
        let (mut rendered, rest): (Vec<Option<Passed>>, Vec<Option<Passed>>) = rayon::join(
            || self.run(Job::OneAfterAnother(ledger), &passing),
            || {
                rest.into_par_iter()
                    // One job per task, so that no thread is handed a run
                    // of them while another waits.
                    .with_max_len(1)
                    .flat_map_iter(|job| self.run(job, &passing))
                    .chain(self.statics.par_iter().map(|f| Some(pass(f.clone()))))
                    .collect()
            },
        );
        rendered.extend(rest);
        let Some(rendered) = rendered.into_iter().collect::<Option<Vec<_>>>() else {
            return Ok(None);
        };
        let mut targets = LinkTargets::default();
        for passed in rendered {
            let (path, ids) = passed?;
            targets.add_ids(&path, ids);
        }
        Ok(Some(broken(links, &targets)))
    }

    /// `pages` as jobs, each village's notice made right after its page,
    /// on the same thread: the two share the village's task values, held
    /// only between them (made far apart, all villages' would be held at
    /// once).
    fn paired_with_notices(&self, pages: Vec<usize>) -> Vec<Job> {
        let notices: HashMap<usize, usize> = pages
            .iter()
            .filter_map(|&p| match self.pages[p] {
                Page::Notice(v) => Some((v, p)),
                _ => None,
            })
            .collect();
        let paired: HashSet<usize> = pages
            .iter()
            .filter_map(|&p| match self.pages[p] {
                Page::Village(v) => notices.get(&v).copied(),
                _ => None,
            })
            .collect();
        pages
            .into_iter()
            .filter(|p| !paired.contains(p))
            .map(|p| match self.pages[p] {
                Page::Village(v) => match notices.get(&v) {
                    Some(&notice) => Job::OneAfterAnother(vec![Job::Page(p), Job::Page(notice)]),
                    None => Job::Page(p),
                },
                _ => Job::Page(p),
            })
            .collect()
    }

    /// Does `job`, handing each file it makes on; `None` for a file not
    /// made because the stop flag was set.
    fn run(&self, job: Job, passing: &Passing<'_>) -> Vec<Option<Passed>> {
        let stopped = || passing.stop.load(Ordering::Relaxed);
        match job {
            Job::Page(index) => {
                if stopped() {
                    return vec![None];
                }
                if matches!(self.pages[index], Page::Print) {
                    return self.print_pack_and_issue_pages(index, passing);
                }
                let passed = self.page(index).and_then(passing.pass);
                passing.progress.done.fetch_add(1, Ordering::Relaxed);
                vec![Some(passed)]
            }
            // Built for this pass and dropped file by file as they go, not
            // kept (as `file` keeps them for serve).
            Job::SearchIndex => {
                let mut passed = Vec::new();
                let mut emit = |file| passed.push((!stopped()).then(|| (passing.pass)(file)));
                match self.search.get() {
                    Some(files) => files.iter().cloned().for_each(&mut emit),
                    None => crate::search::each_index_file(&self.model, &mut emit),
                }
                passed
            }
            Job::OneAfterAnother(jobs) => jobs
                .into_iter()
                .flat_map(|job| self.run(job, passing))
                .collect(),
        }
    }

    /// The content links that lead nowhere, found without rendering the
    /// site (for `check`): a link's page must be one the site produces, or
    /// one of its static files; only the pages that links point into an
    /// anchor of are rendered, to read the ids on them. The search index's
    /// files are no link's target.
    pub fn broken_links_unrendered(&self) -> Result<Vec<BrokenLink>, String> {
        let links = prose::links_unrendered(&self.model);
        let mut targets = LinkTargets::default();
        for path in self
            .paths
            .iter()
            .chain(self.statics.iter().map(|f| &f.path))
        {
            targets.add_ids(path, HashSet::new());
        }
        let anchored: BTreeSet<usize> = links
            .iter()
            .filter_map(|(_, _, target)| {
                let (path, anchor) = target.trim_start_matches("@/").split_once('#')?;
                let path = path.split('?').next().unwrap_or_default();
                (!anchor.is_empty()).then(|| self.by_path.get(&file_of(path)).copied())?
            })
            .collect();
        let read: Vec<Passed> = anchored
            .into_par_iter()
            .map(|index| {
                let file = self.page(index)?;
                Ok((file.path.clone(), ids_of(&file)))
            })
            .collect();
        for passed in read {
            let (path, ids) = passed?;
            targets.add_ids(&path, ids);
        }
        Ok(broken(links, &targets))
    }
}

/// The anchors a file defines: the ids of an HTML page, none for others.
fn ids_of(file: &OutputFile) -> HashSet<String> {
    if file.path.ends_with(".html") {
        links::ids(std::str::from_utf8(&file.bytes).unwrap_or_default())
    } else {
        HashSet::new()
    }
}

/// Those of `links` that resolve to nothing among `targets`.
fn broken(links: Vec<prose::Link>, targets: &LinkTargets) -> Vec<BrokenLink> {
    links
        .into_iter()
        .filter(|(_, _, target)| !targets.resolves(target.trim_start_matches("@/")))
        .map(|(origin, line_in_text, target)| BrokenLink {
            origin,
            line_in_text,
            target,
        })
        .collect()
}

/// One piece of a build's rendering.
enum Job {
    /// The page at this index of the renderer's `pages`.
    Page(usize),
    /// Every file of the search index.
    SearchIndex,
    /// These jobs, in order, on one thread.
    OneAfterAnother(Vec<Job>),
}

/// What every job of a build hands its files to, and when to stop.
pub(super) struct Passing<'a> {
    pub(super) stop: &'a AtomicBool,
    pub(super) progress: &'a Progress,
    /// Guards, writes and reads the anchors of a file.
    pub(super) pass: &'a (dyn Fn(OutputFile) -> Passed + Sync),
    /// Guards and writes the print pack as it is read, where the sink
    /// takes a file in pieces and no link points into the pack's anchors.
    pub(super) stream: Option<Streaming<'a>>,
}

/// Guards and writes the file at a path as it is read from a reader that
/// makes it; an error of the reader's is reported as such. Given where
/// the sink can take a file in pieces (a build's staging folder: a build
/// that finds a leak is thrown away whole, what it wrote with it).
pub type Streaming<'a> = &'a (dyn Fn(&str, &mut dyn std::io::Read) -> Result<(), String> + Sync);

/// A file handed on: its path and the anchors it defines, or why not.
pub(super) type Passed = Result<(String, HashSet<String>), String>;
