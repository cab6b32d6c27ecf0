//! Loading and validating a site under its merged settings — the first
//! stage of the pipeline ([`crate::site`]) — again and again as it is
//! edited ([`Rechecker`]), and the summary of what it holds.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::content::{self, Content, Refreshed, Tracking};
use crate::diagnostics::{Diagnostics, Lang, Severity, SourceMap};
use crate::markdown;
use crate::settings::{Given, Settings};
use crate::validate;

/// The outcome of loading and validating a site.
#[derive(Debug)]
pub struct Checked {
    /// What was read.
    pub content: Content,
    /// The text of every file read, for quoting in messages.
    pub sources: SourceMap,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The settings the site was checked under, the command line's
    /// merged over site.yaml's.
    pub settings: Settings,
    /// What the content held when its issues, notes and policy pages were
    /// freed ([`Checked::free_documents`]); `None` while it holds them.
    pub freed: Option<Counts>,
    /// How long each stage took so far, for `--verbose`: loading and
    /// validating here, and what the run does after them
    /// ([`crate::site`]).
    pub laps: Laps,
}

/// Loads the site at `root`, merges what the command line `given` sets
/// over its site.yaml, and validates it under those settings.
pub fn check(root: &Path, given: &Given) -> Checked {
    let mut laps = Laps::new();
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let content = content::load(root, &mut sources, &mut diagnostics);
    laps.lap("load");
    let mut checked = validated(
        content,
        sources,
        diagnostics,
        given,
        &mut validate::Memo::default(),
    );
    laps.lap("validate");
    checked.laps = laps;
    checked
}

fn check_tracked(root: &Path, given: &Given, memo: &mut validate::Memo) -> (Checked, Tracking) {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let (content, tracking) = content::load_tracked(root, &mut sources, &mut diagnostics);
    (
        validated(content, sources, diagnostics, given, memo),
        tracking,
    )
}

/// `content` as loaded, validated under the settings `given` merges over
/// its site.yaml's.
fn validated(
    content: Content,
    sources: SourceMap,
    mut diagnostics: Diagnostics,
    given: &Given,
    memo: &mut validate::Memo,
) -> Checked {
    let settings = Settings::merge(&content, given);
    validate::validate_with(&content, &settings, &sources, &mut diagnostics, memo);
    Checked {
        content,
        sources,
        diagnostics,
        settings,
        freed: None,
        laps: Laps::new(),
    }
}

/// Checks a site again and again as it is edited (for `serve`): after the
/// first check only the files that changed are read and decoded, then the
/// whole content is validated as [`check`] would.
#[derive(Debug)]
pub struct Rechecker {
    root: PathBuf,
    given: Given,
    kept: Option<(Checked, Tracking)>,
    unchanged: bool,
    memo: validate::Memo,
}

impl Rechecker {
    /// Nothing checked yet; `given` as for [`check`].
    pub fn new(root: &Path, given: Given) -> Rechecker {
        Rechecker {
            root: root.to_path_buf(),
            given,
            kept: None,
            unchanged: false,
            memo: validate::Memo::default(),
        }
    }

    /// Whether the last [`Rechecker::recheck`] found every file as it was
    /// before (an editor's swap file changed, say): its result is the one
    /// before.
    pub fn unchanged(&self) -> bool {
        self.unchanged
    }

    /// The result of the last [`Rechecker::recheck`], if there was one.
    pub fn current(&self) -> Option<&Checked> {
        self.kept.as_ref().map(|(checked, _)| checked)
    }

    /// Checks the site as it is now. `changed` are files known to have
    /// changed (from a watcher); others are read again when their size or
    /// time changed. The result equals a fresh [`check`]'s.
    pub fn recheck(&mut self, changed: &HashSet<PathBuf>) -> &Checked {
        self.unchanged = false;
        let refreshed = self.kept.as_mut().is_some_and(|(checked, tracking)| {
            let refreshed = tracking.refresh(
                &self.root,
                &mut checked.content,
                &mut checked.sources,
                changed,
            );
            let mut diagnostics = match refreshed {
                None => return false,
                Some(Refreshed::Unchanged) => {
                    self.unchanged = true;
                    return true;
                }
                Some(Refreshed::Changed(diagnostics)) => diagnostics,
            };
            checked.settings = Settings::merge(&checked.content, &self.given);
            validate::validate_with(
                &checked.content,
                &checked.settings,
                &checked.sources,
                &mut diagnostics,
                &mut self.memo,
            );
            checked.diagnostics = diagnostics;
            true
        });
        if !refreshed {
            self.kept = Some(check_tracked(&self.root, &self.given, &mut self.memo));
        }
        &self.kept.as_ref().expect("kept was just filled").0
    }
}

/// How much a site holds, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Issues.
    pub issues: usize,
    /// Measures over all issues.
    pub measures: usize,
    /// Ledger tasks over all issues.
    pub tasks: usize,
    /// Villages (村、社区、安置区).
    pub villages: usize,
    /// Responsible units.
    pub units: usize,
    /// Notes.
    pub notes: usize,
    /// Registered private persons.
    pub people: usize,
}

impl Counts {
    /// Counts what `content` holds.
    pub fn of(content: &Content) -> Counts {
        Counts {
            issues: content.issues.len(),
            measures: content.issues.iter().map(|i| i.measures.len()).sum(),
            tasks: content.issues.iter().map(|i| i.tasks.len()).sum(),
            villages: content.site.as_ref().map_or(0, |s| s.villages.len()),
            units: content.site.as_ref().map_or(0, |s| s.units.len()),
            notes: content.notes.len(),
            people: content.people.as_ref().map_or(0, |p| p.persons.len()),
        }
    }
}

impl Checked {
    /// Frees the decoded issues, notes and policy pages, on a thread of
    /// their own: once the model is built, pages need nothing of them, and
    /// a county's are a couple of hundred MB that rendering can use. Site,
    /// glossary and register stay, and [`Checked::summary`] still counts
    /// what was freed.
    pub fn free_documents(&mut self) {
        self.keep_counts();
        let documents = (
            std::mem::take(&mut self.content.issues),
            std::mem::take(&mut self.content.notes),
            std::mem::take(&mut self.content.policy),
        );
        std::thread::spawn(move || drop(documents));
    }

    /// Counts what the content holds, for [`Checked::summary`], before
    /// any of its documents are taken or freed.
    pub fn keep_counts(&mut self) {
        if self.freed.is_none() {
            self.freed = Some(Counts::of(&self.content));
        }
    }

    /// Frees the text of the files read, but for the lines its
    /// diagnostics point at and the files whose Markdown may hold a link
    /// (a broken one is found only once pages are rendered, and its
    /// diagnostic quotes the text): what a build's messages can still
    /// quote (see [`SourceMap::thin`]).
    pub fn free_sources(&mut self) {
        let quoted = self
            .diagnostics
            .iter()
            .map(|d| (d.span.file, d.span.line))
            .collect();
        self.sources.thin(quoted, markdown::may_hold_links);
    }

    /// The closing line: what the site holds and how many problems it has.
    pub fn summary(&self, lang: Lang) -> String {
        let c = self.freed.unwrap_or_else(|| Counts::of(&self.content));
        let errors = self.diagnostics.count(Severity::Error);
        let warnings = self.diagnostics.count(Severity::Warning);
        match lang {
            Lang::Zh => format!(
                "{} 个问题,{} 项措施,{} 个任务,{} 个村(社区),{} 个单位,{} 篇动态,{} 名人员;{} 个错误,{} 个警告",
                c.issues,
                c.measures,
                c.tasks,
                c.villages,
                c.units,
                c.notes,
                c.people,
                errors,
                warnings
            ),
            Lang::En => format!(
                "{}, {}, {}, {}, {}, {}, {}; {}, {}",
                counted(c.issues, "issue", "issues"),
                counted(c.measures, "measure", "measures"),
                counted(c.tasks, "task", "tasks"),
                counted(c.villages, "village", "villages"),
                counted(c.units, "unit", "units"),
                counted(c.notes, "note", "notes"),
                counted(c.people, "person", "people"),
                counted(errors, "error", "errors"),
                counted(warnings, "warning", "warnings")
            ),
        }
    }
}

/// How long each stage of a run took, in milliseconds, stage by stage.
#[derive(Clone, Debug)]
pub struct Laps {
    last: Instant,
    /// Each stage's name and milliseconds, in the order they ran.
    pub timings: Vec<(&'static str, u128)>,
}

impl Laps {
    /// No stage yet; the first starts now.
    pub fn new() -> Laps {
        Laps {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }

    /// Ends `stage` (begun at the last lap, or when these laps were made
    /// or [`Laps::resume`]d) and starts the next.
    pub fn lap(&mut self, stage: &'static str) {
        self.timings.push((stage, self.last.elapsed().as_millis()));
        self.last = Instant::now();
    }

    /// Starts the next stage now, not when the last ended: the time
    /// between (a caller's own work) is no stage's.
    pub fn resume(&mut self) {
        self.last = Instant::now();
    }
}

impl Default for Laps {
    fn default() -> Laps {
        Laps::new()
    }
}

/// `n` and the English noun in the number it needs: `1 warning`, `2 warnings`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
