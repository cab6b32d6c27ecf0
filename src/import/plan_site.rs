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
    /// `(line number, text)` of every line kept as a comment, not placed.
    pub unplaced: Vec<(usize, String)>,
    /// Problems, measures, units, deadlines, chapters.
    pub counts: [usize; 5],
    /// Errors of the check after writing.
    pub errors: usize,
    /// Warnings of that check.
    pub warnings: usize,
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
    let text = super::document::plan_text(file, &name)?;
    let plan = read_plan(&text);
    if plan.issues.is_empty() {
        return Err(format!(
            "{name}: no problems found — a plan lists them as (一)…问题。 items followed by 整改措施: lines; is this a rectification plan?"
        ));
    }
    let draft = Draft {
        issues: plan.issues,
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
            draft
                .issues
                .iter()
                .filter(|i| !i.deadline.is_empty())
                .count(),
            plan.sections.len() + usize::from(!plan.requirements.is_empty()),
        ],
        notes: plan.warnings.clone(),
        unplaced: plan.unplaced.clone(),
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
    let _ = writeln!(out, "  title: {}", quote(&plan.title));
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
