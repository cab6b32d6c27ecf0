//! `taizhang check`: load and validate a site, and summarise what it holds.

use std::path::Path;

use crate::content::{self, Content};
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

/// Loads the site at `root` and validates it. `as_of` overrides the date in
/// `site.yaml`; the wall clock is never used, so results are reproducible.
pub fn check(root: &Path, as_of: Option<Date>) -> Checked {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let content = content::load(root, &mut sources, &mut diagnostics);
    let as_of = as_of.or_else(|| {
        content
            .site
            .as_ref()
            .and_then(|s| s.as_of.as_ref())
            .map(|d| d.value)
    });
    validate::validate(&content, as_of, &sources, &mut diagnostics);
    Checked {
        content,
        sources,
        diagnostics,
        as_of,
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
                "{} issues, {} measures, {} tasks, {} villages, {} units, {} notes, {} people; {} errors, {} warnings",
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
        }
    }
}
