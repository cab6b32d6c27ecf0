//! An office's existing ledger (台账) into a site: the shape town offices
//! keep in Excel — a title row, a problem merged down its measures' rows,
//! deadlines as date cells and as words, columns we have no place for —
//! and the same ledger saved as a GBK CSV; and our own export read back.

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use taizhang::content::Audience;

use crate::common::{self, repo, taizhang};

const HEADER: [&str; 11] = [
    "序号",
    "存在问题",
    "整改措施",
    "整改目标",
    "牵头单位",
    "责任单位",
    "责任人",
    "整改时限",
    "整改进展",
    "状态",
    "备注",
];

/// Three problems written the way a town's ledger writes them; the first
/// spans three measure rows, the second two. `None` marks a cell left to
/// the merge above (or blank in the CSV).
fn ledger_rows() -> Vec<[Option<&'static str>; 11]> {
    vec![
        [
            Some("1"),
            Some("部分村村务公开栏未按季度更新,村民张小红反映看不到最新公开内容。"),
            Some("各村(社区)每季度更新一次公开栏,并拍照留存"),
            Some("村务公开按时、完整"),
            Some("党政综合办"),
            Some("各村(社区)"),
            Some("李明"),
            Some("day:2025-09-30"),
            Some("已更新6个村的公开栏"),
            Some("正在整改"),
            Some("第一季度已检查"),
        ],
        [
            None,
            None,
            Some("镇纪委每季度抽查公开情况"),
            None,
            None,
            Some("镇纪委"),
            None,
            None,
            None,
            None,
            None,
        ],
        [
            None,
            None,
            Some("把公开情况纳入村干部年度考核"),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            Some("2"),
            Some("低保动态管理不够及时,少数家庭收入变化后未及时调整。"),
            Some("对全镇低保对象开展一次入户核查"),
            Some("应保尽保、应退尽退"),
            Some("民政办"),
            Some("民政办、各村(社区)"),
            None,
            Some("2025年9月底前"),
            Some(""),
            Some("已完成"),
            None,
        ],
        [
            None,
            None,
            Some("建立收入变化月报制度"),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            Some("3"),
            Some("产业帮扶项目后续管护不到位。"),
            Some("明确每个项目的管护责任人并公示"),
            Some(""),
            Some("农业办"),
            Some("农业办"),
            None,
            Some("长期坚持"),
            None,
            None,
            None,
        ],
    ]
}

fn write_xlsx(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("台账").expect("a name");
    sheet
        .write_string(0, 0, "示例镇2025年问题整改台账")
        .expect("writes");
    for (col, title) in HEADER.iter().enumerate() {
        sheet.write_string(2, col as u16, *title).expect("writes");
    }
    let plain = Format::new();
    let day = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let rows = ledger_rows();
    // Rows 3.. hold the problems, with a blank row between the second and third.
    let at = |k: usize| 3 + k as u32 + u32::from(k >= 5);
    for (k, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            let Some(text) = cell else { continue };
            match text.strip_prefix("day:") {
                Some(iso) => {
                    let p: Vec<u16> = iso
                        .split('-')
                        .map(|x| x.parse().expect("a number"))
                        .collect();
                    let date =
                        ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).expect("a date");
                    sheet
                        .write_datetime_with_format(at(k), col as u16, &date, &day)
                        .expect("writes");
                }
                None => {
                    sheet
                        .write_string(at(k), col as u16, *text)
                        .expect("writes");
                }
            }
        }
    }
    // The problem, its number, target and lead unit merged down its rows.
    for (first, last) in [(0usize, 2usize), (3, 4)] {
        for col in [0u16, 1, 3, 4, 7] {
            let text = rows[first][col as usize].unwrap_or("");
            if text.starts_with("day:") {
                continue;
            }
            sheet
                .merge_range(at(first), col, at(last), col, text, &plain)
                .expect("merges");
        }
    }
    workbook.save(path).expect("saves");
}

fn write_gbk_csv(path: &Path) {
    let mut text = String::from("示例镇2025年问题整改台账\r\n\r\n");
    text.push_str(&HEADER.join(","));
    text.push_str("\r\n");
    for (k, row) in ledger_rows().iter().enumerate() {
        if k == 5 {
            text.push_str(",,,,,,,,,,\r\n");
        }
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let c = c.unwrap_or("");
                let c = c.strip_prefix("day:").unwrap_or(c);
                if c.contains(',') {
                    format!("\"{c}\"")
                } else {
                    c.to_string()
                }
            })
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    fs::write(path, gbk).expect("writes");
}

fn import(file: &Path, into: &Path) -> (bool, String, String) {
    let out = taizhang()
        .args(["import", "ledger"])
        .arg(file)
        .arg("--into")
        .arg(into)
        .args(["--lang", "en"])
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The issue files without their comment lines (which name the sheet).
fn issues_without_comments(root: &Path) -> Vec<String> {
    let mut files: Vec<_> = fs::read_dir(root.join("content/issues"))
        .expect("issues")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            fs::read_to_string(p)
                .expect("reads")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

#[test]
fn a_typical_ledger_and_its_gbk_csv_twin_import_into_content_that_checks() {
    let dir = tempfile::tempdir().expect("a folder");
    let (xlsx, csv) = (dir.path().join("台账.xlsx"), dir.path().join("台账.csv"));
    write_xlsx(&xlsx);
    write_gbk_csv(&csv);
    let (from_xlsx, from_csv) = (dir.path().join("a"), dir.path().join("b"));
    for (file, into) in [(&xlsx, &from_xlsx), (&csv, &from_csv)] {
        let (ok, out, err) = import(file, into);
        assert!(ok, "{out}\n{err}");
        assert!(
            out.contains("3 problems, 6 measures, 0 tasks, 0 villages, 5 units, 3 deadlines"),
            "{out}"
        );
        assert!(out.contains("check: 0 errors"), "{out}");
        assert!(
            err.contains("“备注”"),
            "the unmapped column is named: {err}"
        );
        assert!(err.contains("张小红"), "the resident is listed: {err}");
        let check = taizhang()
            .args(["check", "--root"])
            .arg(into)
            .output()
            .expect("runs");
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    let first = fs::read_to_string(from_xlsx.join("content/issues/01.yaml")).expect("reads");
    assert_eq!(
        first.matches("\n  - ").count(),
        3,
        "three measures under the merged problem: {first}"
    );
    assert!(first.contains("deadline: \"2025-09-30\""), "{first}");
    assert!(
        first.contains("# 原文(台账.xlsx!台账!K4) 备注:第一季度已检查"),
        "{first}"
    );
    assert!(first.contains("责任人:李明"), "{first}");
    assert!(first.contains("status: \"正在整改\""), "{first}");
    let second = fs::read_to_string(from_xlsx.join("content/issues/02.yaml")).expect("reads");
    assert!(second.contains("deadline: \"2025年9月底前\""), "{second}");
    let people = fs::read_to_string(from_xlsx.join("content/people.yaml")).expect("reads");
    assert!(
        people.contains("张小红") && !people.contains("李明"),
        "{people}"
    );
    // The CSV twin gives the same issues.
    assert_eq!(
        issues_without_comments(&from_xlsx),
        issues_without_comments(&from_csv)
    );
    // A public build masks the resident.
    let files = common::build_in_memory(&from_xlsx, Audience::Public);
    assert!(
        files
            .iter()
            .all(|f| !String::from_utf8_lossy(&f.bytes).contains("张小红"))
    );
}

#[test]
fn sanjiang_exported_and_imported_is_the_same_ledger() {
    let files = common::build_in_memory(repo(), Audience::Internal);
    let file = |files: &[taizhang::output::OutputFile], path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .expect(path)
            .bytes
            .clone()
    };
    let dir = tempfile::tempdir().expect("a folder");
    let ledger = dir.path().join("ledger.xlsx");
    fs::write(&ledger, file(&files, "data/ledger.xlsx")).expect("writes");
    let site = dir.path().join("site");
    let (ok, out, err) = import(&ledger, &site);
    assert!(ok, "{out}\n{err}");
    let again = common::build_in_memory(&site, Audience::Internal);
    let model = |files: &[taizhang::output::OutputFile]| -> serde_json::Value {
        serde_json::from_slice(&file(files, "data/site.json")).expect("JSON")
    };
    let (before, after) = (model(&files), model(&again));
    let issues = |m: &serde_json::Value| -> Vec<String> {
        m["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .map(|i| {
                let measures: Vec<&str> = i["measures"]
                    .as_array()
                    .expect("measures")
                    .iter()
                    .map(|m| m["text"].as_str().unwrap_or_default())
                    .collect();
                format!(
                    "{} {} {} {measures:?}",
                    i["number"], i["title"], i["deadline_text"]
                )
            })
            .collect()
    };
    let tasks = |m: &serde_json::Value| -> Vec<String> {
        m["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .map(|t| {
                format!(
                    "{} {} {} {} {} {} {}",
                    t["issue"],
                    t["village"]["name"],
                    t["unit"]["name"],
                    t["measure"],
                    t["what"],
                    t["status"]["label"],
                    t["deadline_text"]
                )
            })
            .collect()
    };
    assert_eq!(issues(&before).len(), 14);
    assert_eq!(issues(&before), issues(&after));
    assert_eq!(tasks(&before).len(), 128);
    assert_eq!(tasks(&before), tasks(&after));
    // The residents come back registered, so the public build is masked.
    let people = fs::read_to_string(site.join("content/people.yaml")).expect("reads");
    for name in ["兰东风", "罗茜宇", "蒋汨江"] {
        assert!(people.contains(name), "{people}");
    }
}

#[test]
fn what_is_not_a_ledger_is_refused_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().expect("a folder");
    let news = dir.path().join("news.csv");
    fs::write(
        &news,
        "标题,日期,正文\r\n镇里召开会议,2025-08-01,会议要求……\r\n",
    )
    .expect("writes");
    let (ok, _, err) = import(&news, &dir.path().join("x"));
    assert!(!ok);
    assert!(
        err.contains("no sheet has a header naming a problem"),
        "{err}"
    );
    assert!(!dir.path().join("x").exists(), "nothing written");
    let empty = dir.path().join("empty.xlsx");
    fs::write(&empty, b"").expect("writes");
    let (ok, _, err) = import(&empty, &dir.path().join("y"));
    assert!(
        !ok && err.contains("cannot be opened as a workbook"),
        "{err}"
    );
    // An existing site is not overwritten.
    let site = dir.path().join("site");
    taizhang::scaffold::init(&site, Default::default()).expect("writes");
    let xlsx = dir.path().join("台账.xlsx");
    write_xlsx(&xlsx);
    let before = fs::read_to_string(site.join("content/site.yaml")).expect("reads");
    let (ok, _, err) = import(&xlsx, &site);
    assert!(!ok && err.contains("already has content/"), "{err}");
    assert_eq!(
        before,
        fs::read_to_string(site.join("content/site.yaml")).expect("reads")
    );
}
