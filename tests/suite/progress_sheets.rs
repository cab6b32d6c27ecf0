//! The clerk's round trip: a progress sheet for one village, filled in as
//! Excel would save it, read back into the YAML files — the valid rows as
//! dated history, the invalid one reported at its cell, and every byte the
//! import did not mean to change left as the user wrote it.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{copy_repository_content, taizhang};

/// The sheet `taizhang sheet progress` wrote, as rows of text.
fn read_sheet(path: &Path) -> (String, Vec<Vec<String>>) {
    let bytes = fs::read(path).expect("the sheet");
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).expect("a sheet");
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    (name, rows)
}

/// The same sheet with some white cells filled in, saved again.
fn save_filled(path: &Path, name: &str, rows: &[Vec<String>], filled: &[(usize, usize, &str)]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).expect("a name");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(r as u32, c as u16, text)
                    .expect("writes");
            }
        }
    }
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for &(r, c, text) in filled {
        // Dates go in as Excel date cells, the way Excel stores a typed date.
        match text.strip_prefix("day:") {
            Some(iso) => {
                let parts: Vec<u16> = iso
                    .split('-')
                    .map(|p| p.parse().expect("a number"))
                    .collect();
                let date = ExcelDateTime::from_ymd(parts[0], parts[1] as u8, parts[2] as u8)
                    .expect("a date");
                sheet
                    .write_datetime_with_format(r as u32, c as u16, &date, &day)
                    .expect("writes");
            }
            None => {
                sheet
                    .write_string(r as u32, c as u16, text)
                    .expect("writes");
            }
        }
    }
    workbook.save(path).expect("saves");
}

fn run(root: &Path, args: &[&str]) -> (bool, String, String) {
    let out = taizhang()
        .args(args)
        .arg("--root")
        .arg(root)
        .args(["--lang", "en"])
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every issue file's text, by path.
fn issue_files(root: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(root.join("content/issues"))
        .expect("issues")
        .map(|e| e.expect("an entry").path())
        .map(|p| {
            let text = fs::read_to_string(&p).expect("reads");
            (
                p.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned(),
                text,
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_filled_sheet_comes_back_as_history_and_nothing_else_changes() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    copy_repository_content(root);
    let blank = root.join("bajing.xlsx");
    let (ok, _, err) = run(
        root,
        &[
            "sheet",
            "progress",
            "--village",
            "bajing",
            "--out",
            blank.to_str().expect("UTF-8"),
        ],
    );
    assert!(ok, "{err}");
    let (name, rows) = read_sheet(&blank);
    assert_eq!(name, "八景村");
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "任务编号"))
        .expect("a header");
    let column = |title: &str| rows[header].iter().position(|c| c == title).expect(title);
    let (first, second, third) = (header + 1, header + 2, header + 3);
    assert!(rows.len() > third, "at least three open tasks in 八景村");
    let keys: Vec<String> = [first, second, third]
        .iter()
        .map(|&r| rows[r][0].clone())
        .collect();

    let filled_path = root.join("bajing-filled.xlsx");
    save_filled(
        &filled_path,
        &name,
        &rows,
        &[
            // Closed out, with everything closing needs.
            (first, column("新状态"), "已销号"),
            (first, column("日期"), "day:2025-10-19"),
            (first, column("进展说明"), "镇验收组现场核验合格"),
            (first, column("验收单位"), "农业大面组"),
            (first, column("验收日期"), "day:2025-10-19"),
            (first, column("佐证材料"), "验收表、现场照片"),
            // Progress, with the date typed as text.
            (second, column("新状态"), "整改中"),
            (second, column("日期"), "2025年10月19日"),
            (second, column("进展说明"), "已完成入户核实"),
            // Not a status.
            (third, column("新状态"), "差不多了"),
            (third, column("日期"), "day:2025-10-19"),
        ],
    );
    let before = issue_files(root);
    let filled = filled_path.to_str().expect("UTF-8");

    // A dry run shows and writes nothing.
    let (ok, out, err) = run(root, &["import", "progress", filled]);
    assert!(!ok, "a refused row fails the run");
    assert!(
        out.contains(&keys[0]) && out.contains(&keys[1]) && !out.contains(&format!("{} ", keys[2])),
        "{out}"
    );
    assert!(
        out.contains("dry run: 2 updates can be imported, 1 row refused"),
        "{out}"
    );
    let cell = format!(
        "bajing-filled.xlsx!八景村!{}{}",
        (b'A' + column("新状态") as u8) as char,
        third + 1
    );
    assert!(err.contains(&cell) && err.contains("差不多了"), "{err}");
    assert_eq!(issue_files(root), before, "a dry run writes nothing");

    let (_, out, err) = run(root, &["import", "progress", filled, "--apply"]);
    assert!(out.contains("imported 2 updates"), "{out}\n{err}");
    let after = issue_files(root);
    let mut inserted = 0;
    let mut changed_status = 0;
    for ((file, old), (_, new)) in before.iter().zip(&after) {
        if old == new {
            continue;
        }
        // Every original line is still there, in order, except the status
        // lines replaced; every other new line is an inserted one.
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        let mut k = 0;
        for line in &new_lines {
            if k < old_lines.len() && *line == old_lines[k] {
                k += 1;
            } else if k < old_lines.len()
                && line.trim_start().starts_with("status:")
                && old_lines[k].trim_start().starts_with("status:")
            {
                changed_status += 1;
                k += 1;
            } else {
                inserted += 1;
                assert!(
                    line.contains("2025-10-19")
                        || line.trim() == "history:"
                        || line.contains("acceptance:")
                        || line.contains("by:")
                        || line.contains("evidence:")
                        || line.contains("title:"),
                    "{file}: unexpected line {line:?}"
                );
            }
        }
        assert_eq!(k, old_lines.len(), "{file}: every original line kept");
        assert_eq!(old.ends_with('\n'), new.ends_with('\n'));
    }
    assert!((1..=2).contains(&changed_status), "{changed_status}");
    assert!(
        inserted >= 2 + 5,
        "two entries and an acceptance record: {inserted}"
    );
    let (ok, _, err) = run(root, &["check"]);
    assert!(ok, "the site still checks: {err}");
    let all: String = after.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("镇验收组现场核验合格") && all.contains("已完成入户核实"));
    assert!(all.contains("验收表") && all.contains("现场照片"));

    // The same sheet again: the closed task is no longer open, and the rows
    // already imported are refused as older than the entries they made.
    let (ok, _, _) = run(
        root,
        &[
            "sheet",
            "progress",
            "--village",
            "bajing",
            "--out",
            blank.to_str().expect("UTF-8"),
        ],
    );
    assert!(!ok, "an existing sheet is not replaced without --force");
}

#[test]
fn a_gbk_csv_sheet_and_bad_rows_are_read_with_their_cells() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    taizhang::scaffold::init(root, Default::default()).expect("writes");
    // The example's open task is 1-2 (西村社区).
    let csv = "任务编号,问题,措施,任务,村(社区)/单位,整改时限,当前状态,最近进展,新状态,日期,进展说明,验收单位,验收日期,佐证材料\r\n\
               1-2,问题1:村务公开不及时的问题,,更新村务公开栏,西村社区,,整改中,,待验收,2025-08-12,材料已报镇里,,,\r\n\
               1-9,问题1:村务公开不及时的问题,,不存在的任务,西村社区,,整改中,,整改中,2025-08-12,,,,\r\n\
               1-2,问题1:村务公开不及时的问题,,改过的任务,西村社区,,整改中,,整改中,2025-8-31,,,,\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let path = root.join("xicun.csv");
    fs::write(&path, &gbk).expect("writes");
    let (_, out, err) = run(root, &["import", "progress", path.to_str().expect("UTF-8")]);
    assert!(
        out.contains("1-2 西村社区 · 更新村务公开栏:整改中 → 待验收 (2025-08-12):材料已报镇里"),
        "{out}"
    );
    assert!(
        err.contains("xicun.csv!A3") && err.contains("no task 1-9"),
        "{err}"
    );
    assert!(
        err.contains("xicun.csv!D4") && err.contains("locked column"),
        "{err}"
    );
    // A date that is no day, and a date after the as-of date.
    let csv = csv.replace("2025-08-12,材料已报镇里", "2025-09-31,材料已报镇里");
    fs::write(&path, csv.replace("1-9,", "x-1,")).expect("writes");
    let (_, _, err) = run(root, &["import", "progress", path.to_str().expect("UTF-8")]);
    assert!(
        err.contains("xicun.csv!J2") && err.contains("2025-09-31"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_sheet_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    taizhang::scaffold::init(root, Default::default()).expect("writes");
    let fake = root.join("ledger.xlsx");
    fs::write(&fake, "not a workbook at all").expect("writes");
    let (ok, _, err) = run(root, &["import", "progress", fake.to_str().expect("UTF-8")]);
    assert!(!ok);
    assert!(
        err.contains("ledger.xlsx: cannot be opened as a workbook"),
        "{err}"
    );
    let other = root.join("other.csv");
    fs::write(&other, "姓名,电话\r\n张三,123\r\n").expect("writes");
    let (ok, _, err) = run(
        root,
        &["import", "progress", other.to_str().expect("UTF-8")],
    );
    assert!(!ok);
    assert!(err.contains("no sheet has a header row"), "{err}");
}

#[test]
fn two_rows_for_one_task_that_disagree_are_both_refused() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    taizhang::scaffold::init(root, Default::default()).expect("writes");
    let csv = "任务编号,问题,措施,任务,村(社区)/单位,整改时限,当前状态,最近进展,新状态,日期,进展说明,验收单位,验收日期,佐证材料\r\n\
               1-2,问题1:村务公开不及时的问题,,更新村务公开栏,西村社区,,整改中,,待验收,2025-08-12,,,,\r\n\
               1-2,问题1:村务公开不及时的问题,,更新村务公开栏,西村社区,,整改中,,整改中,2025-08-12,,,,\r\n";
    let path = root.join("twice.csv");
    fs::write(&path, csv).expect("writes");
    let (ok, out, err) = run(
        root,
        &[
            "import",
            "progress",
            path.to_str().expect("UTF-8"),
            "--apply",
        ],
    );
    assert!(!ok);
    assert!(out.contains("imported 0 updates"), "{out}");
    assert!(
        err.contains("twice.csv!A2") && err.contains("twice.csv!A3"),
        "{err}"
    );
    assert!(err.contains("different statuses"), "{err}");
}
