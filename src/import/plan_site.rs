//! `taizhang import plan`: a plan as published, saved as text, into a new
//! site's content — the notice and the plan's chapters into `site.yaml`,
//! each problem into `issues/NN.yaml` — checked before the command ends.
//! Every line that finds no place is kept as a comment with its number.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::check::check;
use crate::diagnostics::Severity;
use crate::scaffold::quote;
use crate::settings::Given;

use super::into_site::{LedgerImported, content_folder, register_people};
use super::ledger::Draft;
use super::plan::{PlanDraft, read_plan};
use super::writer::{Places, issue_yaml, text_value};

/// What an import of a plan wrote and found.
#[derive(Debug, Default)]
pub struct PlanImported {
    /// Files written (none in a dry run).
    pub written: Vec<PathBuf>,
    /// Numbering that skips or repeats, and names listed as residents.
    pub notes: Vec<String>,
    /// Every line kept as a comment, not placed.
    pub unplaced: Vec<NotPlaced>,
    /// Problems, measures, units, villages, deadlines, other chapters.
    pub counts: [usize; 6],
    /// Errors of the check after writing.
    pub errors: usize,
    /// Warnings of that check.
    pub warnings: usize,
}

/// A line of the plan kept as a comment because it found no place.
#[derive(Debug)]
pub struct NotPlaced {
    /// Where it stands in the plan: a line (`28`), or a table's cell.
    pub place: String,
    /// Its text.
    pub text: String,
    /// The file that keeps it: `site.yaml` or `issues/04.yaml`.
    pub kept_in: String,
}

/// Reads a plan as plain text (UTF-8 or GBK) and writes a site's content
/// into `into`, which must hold no `content/` unless `force`.
pub fn import_plan(
    file: &Path,
    into: &Path,
    force: bool,
    dry_run: bool,
) -> Result<PlanImported, String> {
    let name = super::sheet::file_name(file);
    let (blocks, wrapped) = super::document::plan_blocks(file, &name)?;
    let plan = read_plan(&blocks, wrapped);
    if plan.issues.is_empty() {
        return Err(format!(
            "{name}: no problems found — a plan lists them as (一)…问题。 items followed by 整改措施: lines; is this a rectification plan?"
        ));
    }
    let mut issues = plan.issues;
    for issue in &mut issues {
        name_villages(issue, &plan.villages);
    }
    let draft = Draft {
        issues,
        ..Draft::default()
    };
    let mut places = Places::of(&draft);
    for name in &plan.villages {
        places.village(name);
    }
    let mut imported = PlanImported {
        counts: [
            draft.issues.len(),
            draft.issues.iter().map(|i| i.measures.len()).sum(),
            places.units.len(),
            places.villages.len(),
            draft
                .issues
                .iter()
                .filter(|i| !i.deadline.is_empty())
                .count(),
            plan.sections.len() + usize::from(!plan.requirements.is_empty()),
        ],
        notes: plan.warnings.clone(),
        unplaced: not_placed(&plan.unplaced, &draft.issues),
        ..PlanImported::default()
    };
    if dry_run {
        return Ok(imported);
    }
    let content = content_folder(into, force)?;
    let plan = PlanDraft {
        issues: Vec::new(),
        ..plan
    };
    let mut site = plan_site_yaml(&plan, &places);
    for (line, text) in &plan.unplaced {
        site.push_str(&format!("# 原文(第{line}行): {text}\n"));
    }
    let mut written = Vec::new();
    let mut write = |path: PathBuf, text: String| -> Result<(), String> {
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
        Ok(())
    };
    write(content.join("site.yaml"), site.clone())?;
    for issue in &draft.issues {
        write(
            content
                .join("issues")
                .join(format!("{:02}.yaml", issue.number)),
            issue_yaml(issue, &places),
        )?;
    }
    let mut ledger = LedgerImported {
        written,
        ..LedgerImported::default()
    };
    register_people(into, &site, &mut ledger)?;
    imported.written = ledger.written;
    imported.notes.extend(ledger.notes);
    let after = check(into, &Given::default());
    imported.errors = after.diagnostics.count(Severity::Error);
    imported.warnings = after.diagnostics.count(Severity::Warning);
    Ok(imported)
}

/// The lines kept as comments: in site.yaml, and beside their problems.
fn not_placed(site: &[(usize, String)], issues: &[super::ledger::DraftIssue]) -> Vec<NotPlaced> {
    let mut all: Vec<NotPlaced> = site
        .iter()
        .map(|(line, text)| NotPlaced {
            place: line.to_string(),
            text: text.clone(),
            kept_in: "site.yaml".into(),
        })
        .collect();
    for issue in issues {
        for kept in &issue.kept {
            // `原文(第12行): text` or `原文(表格(第18段起)!E2) 责任领导:…`.
            let inner = kept.strip_prefix("原文(").unwrap_or(kept);
            let (place, text) = match inner.find("): ").or_else(|| inner.find(") ")) {
                Some(at) => (&inner[..at], inner[at + 1..].trim_start_matches(':').trim()),
                None => ("", inner),
            };
            let place = place
                .strip_prefix('第')
                .and_then(|p| p.strip_suffix('行'))
                .unwrap_or(place);
            all.push(NotPlaced {
                place: place.to_string(),
                text: text.to_string(),
                kept_in: format!("issues/{:02}.yaml", issue.number),
            });
        }
    }
    all
}

/// The villages a problem concerns: those its text names, and those
/// given as its units (责任单位:石门村、白岩村), which are villages, not units.
fn name_villages(issue: &mut super::ledger::DraftIssue, villages: &[String]) {
    let is_village = |name: &String| villages.contains(name);
    for list in [&mut issue.units, &mut issue.lead_units] {
        for name in list.iter().filter(|n| is_village(n)) {
            if !issue.villages.contains(name) {
                issue.villages.push(name.clone());
            }
        }
        list.retain(|n| !is_village(n));
    }
    for name in villages {
        let named = issue.title.contains(name.as_str()) || issue.finding.contains(name.as_str());
        if named && !issue.villages.contains(name) {
            issue.villages.push(name.clone());
        }
    }
}

/// `site.yaml` for a plan read from its text: the notice and the plan's
/// own chapters, and the units its problems name.
pub(super) fn plan_site_yaml(plan: &PlanDraft, places: &Places) -> String {
    let mut out = String::from("# 由 taizhang import plan 从方案原文导入;请与原文核对。\n");
    out.push_str("document:\n");
    let issuer = if plan.issuer.is_empty() {
        "待核对"
    } else {
        plan.issuer.as_str()
    };
    let _ = writeln!(out, "  issuer: {}", quote(issuer));
    if !plan.number.is_empty() {
        let _ = writeln!(out, "  number: {}", quote(&plan.number));
    }
    // A plan published without a notice is titled by its own title.
    let title = if plan.title.is_empty() {
        &plan.plan_title
    } else {
        &plan.title
    };
    let _ = writeln!(out, "  title: {}", quote(title));
    // The plan's name as the notice quotes it, 《…》, else its own title lines.
    let quoted = plan
        .title
        .split_once('《')
        .and_then(|(_, rest)| rest.split_once('》'))
        .map(|(name, _)| name.to_string());
    if let Some(name) =
        quoted.or_else(|| (!plan.plan_title.is_empty()).then(|| plan.plan_title.clone()))
    {
        let _ = writeln!(out, "  plan_title: {}", quote(&name));
    }
    if !plan.date.is_empty() {
        let _ = writeln!(out, "  date: {}", plan.date);
    }
    if !plan.recipients.is_empty() {
        let _ = writeln!(out, "  recipients: {}", quote(&plan.recipients));
    }
    for (key, paragraphs) in [
        ("preamble", &plan.preamble),
        ("requirements", &plan.requirements),
    ] {
        if !paragraphs.is_empty() {
            let _ = writeln!(out, "  {key}: {}", text_value(&paragraphs.join("\n\n"), 2));
        }
    }
    if !plan.sections.is_empty() {
        out.push_str("  sections:\n");
        for (title, body) in &plan.sections {
            let _ = writeln!(out, "    - title: {}", quote(title));
            let body = if body.is_empty() {
                title.clone()
            } else {
                body.join("\n\n")
            };
            let _ = writeln!(out, "      body: {}", text_value(&body, 6));
        }
    }
    places.write_yaml(&mut out);
    out
}
