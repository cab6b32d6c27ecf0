//! `taizhang check`: load and validate a site, and summarise what it holds.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::content::{self, Content, Refreshed, Tracking};
use crate::date::Date;
use crate::diagnostics::{Diagnostics, Lang, Severity, SourceMap};
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
    /// The as-of date used: `--as-of` if given, else `site.yaml`'s.
    pub as_of: Option<Date>,
}

/// What the command line sets over `site.yaml` before anything is checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Given {
    /// `--as-of`: overrides `as_of` in site.yaml.
    pub as_of: Option<Date>,
    /// Whether `--base-url` gives the site's address.
    pub base_url: bool,
}

/// Loads the site at `root` and validates it. `as_of` overrides the date in
/// `site.yaml`; the wall clock is never used, so results are reproducible.
pub fn check(root: &Path, as_of: Option<Date>) -> Checked {
    check_given(
        root,
        Given {
            as_of,
            base_url: false,
        },
    )
}

/// [`check`] with everything the command line sets merged in first.
pub fn check_given(root: &Path, given: Given) -> Checked {
    check_tracked(root, given, &mut validate::Memo::default()).0
}

/// The settings validation works under: the command line's over site.yaml's.
fn settings(content: &Content, given: Given) -> validate::Settings {
    validate::Settings {
        as_of: as_of_date(content, given.as_of),
        base_url_given: given.base_url,
    }
}

fn check_tracked(root: &Path, given: Given, memo: &mut validate::Memo) -> (Checked, Tracking) {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let (content, tracking) = content::load_tracked(root, &mut sources, &mut diagnostics);
    let settings = settings(&content, given);
    let as_of = settings.as_of;
    validate::validate_with(&content, settings, &sources, &mut diagnostics, memo);
    let checked = Checked {
        content,
        sources,
        diagnostics,
        as_of,
    };
    (checked, tracking)
}

/// `--as-of` if given, else `site.yaml`'s; for a report dated to the day,
/// that day: its figures stand as of when it was written (截至目前).
fn as_of_date(content: &Content, given: Option<Date>) -> Option<Date> {
    let site = content.site.as_ref();
    given
        .or_else(|| site.and_then(|s| s.as_of.as_ref()).map(|d| d.value))
        .or_else(|| {
            let document = &site?.document;
            let date = &document.date.as_ref()?.value;
            (document.kind == crate::content::DocumentKind::Report && date.day.is_some())
                .then(|| date.first_day())
        })
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
    /// Nothing checked yet; `given` as for [`check_given`].
    pub fn new(root: &Path, given: Given) -> Rechecker {
        Rechecker {
            root: root.to_path_buf(),
            given,
            kept: None,
            unchanged: false,
            memo: validate::Memo::default(),
        }
    }

    /// Whether the last [`Rechecker::check`] found every file as it was
    /// before (an editor's swap file changed, say): its result is the one
    /// before.
    pub fn unchanged(&self) -> bool {
        self.unchanged
    }

    /// The result of the last [`Rechecker::check`], if there was one.
    pub fn current(&self) -> Option<&Checked> {
        self.kept.as_ref().map(|(checked, _)| checked)
    }

    /// Checks the site as it is now. `changed` are files known to have
    /// changed (from a watcher); others are read again when their size or
    /// time changed. The result equals a fresh [`check`]'s.
    pub fn check(&mut self, changed: &HashSet<PathBuf>) -> &Checked {
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
            let settings = settings(&checked.content, self.given);
            checked.as_of = settings.as_of;
            validate::validate_with(
                &checked.content,
                settings,
                &checked.sources,
                &mut diagnostics,
                &mut self.memo,
            );
            checked.diagnostics = diagnostics;
            true
        });
        if !refreshed {
            self.kept = Some(check_tracked(&self.root, self.given, &mut self.memo));
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
    /// The closing line: what the site holds and how many problems it has.
    pub fn summary(&self, lang: Lang) -> String {
        let c = Counts::of(&self.content);
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

/// `n` and the English noun in the number it needs: `1 warning`, `2 warnings`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
