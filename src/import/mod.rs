//! `taizhang import`: spreadsheets into content. `import progress` reads
//! filled progress sheets back into the ledger: rows are read ([`sheet`]),
//! checked and matched to their tasks ([`progress`]), and written into the
//! issue files' own text ([`edit`]); nothing is written unless asked, and
//! then every file is put back if the result does not check. `import
//! ledger` turns an existing ledger into a new site ([`ledger`] reads it by
//! its headers ([`columns`]), [`writer`] writes it, [`into_site`] checks it);
//! `import plan` does the same for a plan as published ([`document`] and
//! [`docx`] read the file, [`plan`] the notice and chapters, with
//! [`plan_lines`], [`plan_items`], [`plan_fields`] and [`plan_table`];
//! [`plan_site`] writes the site).

mod columns;
mod document;
mod docx;
mod edit;
mod into_site;
mod ledger;
mod plan;
mod plan_fields;
mod plan_items;
mod plan_lines;
mod plan_site;
mod plan_table;
mod plan_words;
mod progress;
mod sheet;
mod writer;

use std::fs;
use std::path::{Path, PathBuf};

use crate::check::check;
use crate::content::{Audience, Content};
use crate::diagnostics::{Lang, Severity, render};
use crate::settings::Given;

pub use into_site::{LedgerImported, import_ledger};
pub use plan_site::{NotPlaced, PlanImported, import_plan};
pub use progress::{Change, Refusal};
pub use sheet::{Row, Value, read};

/// What an import found, and did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Each change, as one line for the user: `7-3 八景村 · 更新公开栏:整改中 → 待验收 (2025-10-25)`.
    pub changes: Vec<String>,
    /// Rows refused, at their cells.
    pub refusals: Vec<Refusal>,
    /// Issue files rewritten (none in a dry run).
    pub written: Vec<PathBuf>,
}

/// Reads `files` (filled progress sheets) against the site at `root` and,
/// when `apply` is set, writes their changes into `content/issues/`.
/// Errors: the site has errors to fix first, a file cannot be read as a
/// progress sheet, or the changes would leave the content invalid (then
/// nothing is written).
pub fn import_progress(root: &Path, files: &[PathBuf], apply: bool) -> Result<Imported, String> {
    let given = Given {
        audience: Audience::Internal,
        ..Given::default()
    };
    let checked = check(root, &given);
    if checked.diagnostics.has_errors() {
        return Err(
            "the content has errors: run `taizhang check` and fix them before importing progress"
                .into(),
        );
    }
    let mut rows = Vec::new();
    for file in files {
        rows.extend(read(file)?);
    }
    let content = &checked.content;
    let as_of = checked.settings.as_of.stated();
    let (changes, refusals) = progress::plan(content, as_of, &rows);
    let mut imported = Imported {
        changes: changes.iter().map(|c| describe(content, c)).collect(),
        refusals,
        written: Vec::new(),
    };
    if apply && !changes.is_empty() {
        let paths: Vec<PathBuf> = content
            .issues
            .iter()
            .map(|i| root.join(checked.sources.path(i.file)))
            .collect();
        imported.written = write(root, content, &paths, &changes)?;
    }
    Ok(imported)
}

/// Writes every change into its issue's file; checks the site again and
/// puts every file back if that finds an error.
fn write(
    root: &Path,
    content: &Content,
    paths: &[PathBuf],
    changes: &[Change],
) -> Result<Vec<PathBuf>, String> {
    let mut by_issue: Vec<(usize, Vec<&Change>)> = Vec::new();
    for change in changes {
        match by_issue.iter_mut().find(|(i, _)| *i == change.issue) {
            Some((_, list)) => list.push(change),
            None => by_issue.push((change.issue, vec![change])),
        }
    }
    let mut originals: Vec<(PathBuf, String)> = Vec::new();
    let restore = |originals: &[(PathBuf, String)]| {
        for (path, text) in originals {
            let _ = fs::write(path, text);
        }
    };
    for (issue, list) in &by_issue {
        let path = &paths[*issue];
        let text =
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let tasks: Vec<_> = list
            .iter()
            .map(|c| (*c, &content.issues[*issue].tasks[c.task]))
            .collect();
        let edited = edit::apply(&text, &tasks);
        if let Err(e) = fs::write(path, &edited) {
            restore(&originals);
            return Err(format!(
                "cannot write {}: {e}; nothing was changed",
                path.display()
            ));
        }
        originals.push((path.clone(), text));
    }
    let given = Given {
        audience: Audience::Internal,
        ..Given::default()
    };
    let after = check(root, &given);
    if after.diagnostics.has_errors() {
        restore(&originals);
        let first = after
            .diagnostics
            .sorted(&after.sources)
            .into_iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(|d| render(d, &after.sources, Lang::Zh))
            .collect::<Vec<_>>()
            .join("\n");
        return Err(format!(
            "the changes would leave the content with errors, so nothing was written:\n{first}"
        ));
    }
    Ok(originals.into_iter().map(|(path, _)| path).collect())
}

/// One line saying what a change does.
fn describe(content: &Content, change: &Change) -> String {
    let issue = &content.issues[change.issue];
    let task = &issue.tasks[change.task];
    let site = content.site.as_ref();
    let village = task.village.as_ref().and_then(|v| {
        let places = &site?.places;
        places
            .village(&v.value)
            .map(|i| site.map_or("", |s| s.villages[i].name.value.as_str()))
    });
    let unit = task.unit.as_ref().and_then(|u| {
        let places = &site?.places;
        places
            .unit(&u.value)
            .map(|i| site.map_or("", |s| s.units[i].name.value.as_str()))
    });
    let owner = village
        .or(unit)
        .map_or(String::new(), |o| format!("{o} · "));
    let old = task.status.value.label();
    let new = change.status.label();
    let status = if old == new {
        old.to_string()
    } else {
        format!("{old} → {new}")
    };
    let note = change
        .note
        .as_ref()
        .map_or(String::new(), |n| format!(":{n}"));
    let accepted = change
        .acceptance
        .as_ref()
        .map_or(String::new(), |(by, date, evidence)| {
            format!("(验收:{by},{date},佐证 {})", evidence.join("、"))
        });
    format!(
        "{} {owner}{}:{status} ({}){note}{accepted}",
        change.key, task.what.value, change.date
    )
}
