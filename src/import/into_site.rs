//! `taizhang import ledger`: an existing ledger workbook or CSV into a new
//! site's content, checked before the command ends. Likely residents'
//! names the checker finds are listed in `people.yaml` for the user to
//! confirm, so the public build masks them from the first build.

use std::fs;
use std::path::{Path, PathBuf};

use crate::check::check;
use crate::diagnostics::{Problem, Severity};
use crate::settings::Given;

use super::ledger::{Draft, read_ledger};
use super::sheet::grids;
use super::writer::{Places, issue_yaml, site_yaml};

/// What an import of a ledger wrote and found.
#[derive(Debug, Default)]
pub struct LedgerImported {
    /// Files written (none in a dry run).
    pub written: Vec<PathBuf>,
    /// What the user should look at: columns not mapped, sheets skipped,
    /// the issuer guessed, names listed as residents.
    pub notes: Vec<String>,
    /// Problems, measures, tasks, villages, units, deadlines, and cells
    /// kept as comments.
    pub counts: [usize; 7],
    /// Errors and warnings `check` reports on the imported content.
    pub errors: usize,
    /// Warnings of that check.
    pub warnings: usize,
}

/// Reads `file` (all its sheets, or `sheet`) and writes a site's content
/// into `into`, which must hold no `content/` unless `force`. With
/// `dry_run`, reports only.
pub fn import_ledger(
    file: &Path,
    sheet: Option<&str>,
    into: &Path,
    force: bool,
    dry_run: bool,
) -> Result<LedgerImported, String> {
    let mut all = grids(file)?;
    if let Some(sheet) = sheet {
        let names: Vec<String> = all.iter().map(|(n, _)| n.clone()).collect();
        all.retain(|(name, _)| name.rsplit('!').next() == Some(sheet));
        if all.is_empty() {
            return Err(format!("no sheet “{sheet}” (sheets: {})", names.join(", ")));
        }
    }
    let draft = read_ledger(&all)?;
    let places = Places::of(&draft);
    let mut imported = LedgerImported {
        counts: counts(&draft, &places),
        ..LedgerImported::default()
    };
    imported.notes.extend(
        draft
            .unmapped
            .iter()
            .map(|c| format!("column not imported (kept as comments): {c}")),
    );
    imported.notes.extend(
        draft
            .skipped
            .iter()
            .map(|s| format!("sheet without a ledger header, skipped: {s}")),
    );
    let (issuer, number, as_of, guessed) = document(&draft);
    if guessed {
        imported.notes.push(format!(
            "issuer guessed from the title: {issuer} (check document.issuer in site.yaml)"
        ));
    }
    if dry_run {
        return Ok(imported);
    }
    let content = content_folder(into, force)?;
    let mut write = |path: PathBuf, text: String| -> Result<(), String> {
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        imported.written.push(path);
        Ok(())
    };
    let site = site_yaml(
        &draft,
        &places,
        as_of.as_deref(),
        &issuer,
        number.as_deref(),
    );
    write(content.join("site.yaml"), site.clone())?;
    let width = draft
        .issues
        .iter()
        .map(|i| i.number.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    for issue in &draft.issues {
        write(
            content
                .join("issues")
                .join(format!("{:0width$}.yaml", issue.number)),
            issue_yaml(issue, &places),
        )?;
    }
    register_people(into, &site, &mut imported)?;
    let after = check(into, &Given::default());
    imported.errors = after.diagnostics.count(Severity::Error);
    imported.warnings = after.diagnostics.count(Severity::Warning);
    Ok(imported)
}

/// `into/content/`, with its `issues/` folder made: refused when it exists
/// already, unless `force` (an import never overwrites a site unasked).
pub(super) fn content_folder(into: &Path, force: bool) -> Result<PathBuf, String> {
    let content = into.join("content");
    if content.exists() && !force {
        return Err(format!(
            "{} already has content/: choose a new folder, or add --force to overwrite its files",
            into.display()
        ));
    }
    fs::create_dir_all(content.join("issues"))
        .map_err(|e| format!("cannot write {}: {e}", content.display()))?;
    Ok(content)
}

/// Lists the likely residents' names the checker finds in `people.yaml`;
/// when it finds none, says in site.yaml that the plan names no one.
pub(super) fn register_people(
    into: &Path,
    site: &str,
    imported: &mut LedgerImported,
) -> Result<(), String> {
    let first = check(into, &Given::default());
    let mut names: Vec<String> = first
        .diagnostics
        .iter()
        .filter_map(|d| match &d.problem {
            // A name already masked in an exported ledger (兰某某) is no one's.
            Problem::UnregisteredName { name } if !name.contains('某') => Some(name.clone()),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    let content = into.join("content");
    let (path, text) = if names.is_empty() {
        imported.notes.push(
            "no likely residents' names found, so site.yaml says the plan names no private person: if it does, register them in content/people.yaml and delete that line before publishing".into(),
        );
        (
            content.join("site.yaml"),
            format!(
                "{site}# 导入时没有发现像群众姓名的词。如台账点名了群众,请在 people.yaml 中登记并删去下面一行。\nprivacy: {{ no_private_persons: true }}\n"
            ),
        )
    } else {
        imported.notes.push(format!(
            "likely residents' names listed in content/people.yaml, masked in the public site; check them: {}",
            names.join("、")
        ));
        let mut text = String::from(
            "# 导入时发现的可能是群众姓名的词:是姓名的保留,不是的移到 allow 下。\npeople:\n",
        );
        for name in &names {
            text.push_str(&format!(
                "  - {{ name: {} }}\n",
                crate::scaffold::quote(name)
            ));
        }
        text.push_str("allow: []\n");
        (content.join("people.yaml"), text)
    };
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    if !imported.written.contains(&path) {
        imported.written.push(path);
    }
    Ok(())
}

/// Issuer, document number, as-of date and whether the issuer is a guess:
/// from our own export's second line (`issuer · number · 数据截至 …`), else
/// the place at the start of the title with 人民政府.
fn document(draft: &Draft) -> (String, Option<String>, Option<String>, bool) {
    let parts: Vec<&str> = draft.about.split(" · ").map(str::trim).collect();
    let as_of = parts
        .iter()
        .find_map(|p| p.strip_prefix("数据截至"))
        .map(|d| d.trim().to_string());
    let number = parts
        .iter()
        .find(|p| p.contains('〔'))
        .map(|p| p.to_string());
    if let Some(issuer) = parts
        .first()
        .filter(|p| !p.is_empty() && !p.starts_with("数据截至") && !p.contains('〔'))
    {
        return (issuer.to_string(), number, as_of, false);
    }
    let title = &draft.title;
    let place = ["街道", "镇", "乡", "县", "区", "市"]
        .iter()
        .filter_map(|mark| title.find(mark).map(|at| at + mark.len()))
        .filter(|at| title[..*at].chars().count() <= 12)
        .min();
    let issuer = match place {
        Some(at) => format!("{}人民政府", &title[..at]),
        None if !title.is_empty() => title.clone(),
        None => "待核对".to_string(),
    };
    (issuer, number, as_of, true)
}

fn counts(draft: &Draft, places: &Places) -> [usize; 7] {
    let issues = &draft.issues;
    [
        issues.len(),
        issues.iter().map(|i| i.measures.len()).sum(),
        issues.iter().map(|i| i.tasks.len()).sum(),
        places.villages.len(),
        places.units.len(),
        issues.iter().filter(|i| !i.deadline.is_empty()).count(),
        issues.iter().map(|i| i.kept.len()).sum(),
    ]
}
