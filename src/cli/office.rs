//! The commands that meet the office's own files: `sheet` writes a
//! workbook for villages or units to fill in, `import` reads filled-in
//! sheets, a ledger workbook or a plan document back into the site.

use std::path::Path;
use std::process::ExitCode;

use taizhang::check::counted;
use taizhang::diagnostics::Lang;

use super::args::{ImportKind, SheetKind};
use super::commands::failed;

/// `sheet progress`: a workbook of open tasks to fill in.
pub(crate) fn sheet(root: &Path, kind: SheetKind, lang: Lang) -> ExitCode {
    let SheetKind::Progress {
        village,
        unit,
        out,
        force,
    } = kind;
    use taizhang::sheet::Owner;
    let owner = match (village, unit) {
        (Some(id), _) => Owner::Village(id),
        (None, Some(id)) => Owner::Unit(id),
        (None, None) => Owner::All,
    };
    match taizhang::sheet::write_progress_sheet(root, &owner, &out, force) {
        Ok(()) => {
            match lang {
                Lang::Zh => println!(
                    "已写入 {}:填好白色的列后交回,用 taizhang import progress 导入",
                    out.display()
                ),
                Lang::En => println!(
                    "wrote {}: fill in the white columns, then read it back with taizhang import progress",
                    out.display()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(message) => failed(message),
    }
}

/// `import progress`: filled-in sheets back into the ledger.
pub(crate) fn import(root: &Path, kind: ImportKind, lang: Lang) -> ExitCode {
    let (files, apply) = match kind {
        ImportKind::Progress { files, apply } => (files, apply),
        ImportKind::Ledger {
            file,
            sheet,
            into,
            force,
            dry_run,
        } => return import_ledger(&file, sheet.as_deref(), &into, force, dry_run, lang),
        ImportKind::Plan {
            file,
            into,
            force,
            dry_run,
        } => return import_plan(&file, &into, force, dry_run, lang),
    };
    let imported = match taizhang::import::import_progress(root, &files, apply) {
        Ok(imported) => imported,
        Err(message) => return failed(message),
    };
    for change in &imported.changes {
        println!("{change}");
    }
    for refusal in &imported.refusals {
        eprintln!("{}: error: {}", refusal.cell, refusal.reason);
    }
    let (changes, refused) = (imported.changes.len(), imported.refusals.len());
    match (lang, apply) {
        (Lang::Zh, true) => println!(
            "已导入 {changes} 条进展,写入 {} 个问题文件;{refused} 行未导入",
            imported.written.len()
        ),
        (Lang::Zh, false) => {
            println!("预览:{changes} 条进展可以导入,{refused} 行有问题;确认无误后加 --apply 写入")
        }
        (Lang::En, true) => println!(
            "imported {}, into {}; {} not imported",
            counted(changes, "update", "updates"),
            counted(imported.written.len(), "issue file", "issue files"),
            counted(refused, "row", "rows")
        ),
        (Lang::En, false) => println!(
            "dry run: {} can be imported, {} refused; add --apply to write them",
            counted(changes, "update", "updates"),
            counted(refused, "row", "rows")
        ),
    }
    if refused > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `import ledger`: an existing ledger into a new site.
fn import_ledger(
    file: &Path,
    sheet: Option<&str>,
    into: &Path,
    force: bool,
    dry_run: bool,
    lang: Lang,
) -> ExitCode {
    let imported = match taizhang::import::import_ledger(file, sheet, into, force, dry_run) {
        Ok(imported) => imported,
        Err(message) => return failed(message),
    };
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    let [issues, measures, tasks, villages, units, deadlines, kept] = imported.counts;
    match lang {
        Lang::Zh => println!(
            "{issues} 个问题,{measures} 项措施,{tasks} 个任务,{villages} 个村(社区),{units} 个单位,{deadlines} 个整改时限;{kept} 处原文作为注释保留"
        ),
        Lang::En => println!(
            "{}, {}, {}, {}, {}, {}; {} kept as comments",
            counted(issues, "problem", "problems"),
            counted(measures, "measure", "measures"),
            counted(tasks, "task", "tasks"),
            counted(villages, "village", "villages"),
            counted(units, "unit", "units"),
            counted(deadlines, "deadline", "deadlines"),
            counted(kept, "cell", "cells")
        ),
    }
    if dry_run {
        return ExitCode::SUCCESS;
    }
    match lang {
        Lang::Zh => println!(
            "已写入 {} 个文件到 {};检查结果:{} 个错误,{} 个警告(运行 taizhang check --root {} 查看)",
            imported.written.len(),
            into.display(),
            imported.errors,
            imported.warnings,
            into.display()
        ),
        Lang::En => println!(
            "wrote {} to {}; check: {}, {} (run taizhang check --root {} to see them)",
            counted(imported.written.len(), "file", "files"),
            into.display(),
            counted(imported.errors, "error", "errors"),
            counted(imported.warnings, "warning", "warnings"),
            into.display()
        ),
    }
    if imported.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `import plan`: a published plan into a new site.
fn import_plan(file: &Path, into: &Path, force: bool, dry_run: bool, lang: Lang) -> ExitCode {
    let imported = match taizhang::import::import_plan(file, into, force, dry_run) {
        Ok(imported) => imported,
        Err(message) => return failed(message),
    };
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    for kept in &imported.unplaced {
        eprintln!(
            "{}:{}: not placed, kept as a comment in {}: {}",
            file.display(),
            kept.place,
            kept.kept_in,
            kept.text
        );
    }
    let [issues, measures, units, villages, deadlines, chapters] = imported.counts;
    let unplaced = imported.unplaced.len();
    match lang {
        Lang::Zh => println!(
            "{issues} 个问题,{measures} 项措施,{units} 个单位,{villages} 个村(社区),{deadlines} 个整改时限,{chapters} 个其他章节;{unplaced} 行未能归位(已作为注释保留)"
        ),
        Lang::En => println!(
            "{}, {}, {}, {}, {}, {}; {} not placed (kept as comments)",
            counted(issues, "problem", "problems"),
            counted(measures, "measure", "measures"),
            counted(units, "unit", "units"),
            counted(villages, "village", "villages"),
            counted(deadlines, "deadline", "deadlines"),
            counted(chapters, "other chapter", "other chapters"),
            counted(unplaced, "line", "lines")
        ),
    }
    if dry_run {
        return ExitCode::SUCCESS;
    }
    match lang {
        Lang::Zh => println!(
            "已写入 {} 个文件到 {};检查结果:{} 个错误,{} 个警告",
            imported.written.len(),
            into.display(),
            imported.errors,
            imported.warnings
        ),
        Lang::En => println!(
            "wrote {} to {}; check: {}, {}",
            counted(imported.written.len(), "file", "files"),
            into.display(),
            counted(imported.errors, "error", "errors"),
            counted(imported.warnings, "warning", "warnings")
        ),
    }
    if imported.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
