//! Open data beside the public list: the ledger as CSV that Excel on
//! Windows opens with Chinese intact, as a workbook with real date cells,
//! and the whole model as JSON that its own schema accepts; every one
//! made per audience and read by the leak guard.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use taizhang::content::Audience;
use taizhang::output::OutputFile;

use crate::common::{self, repo};

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a OutputFile {
    files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("the build has {path}"))
}

fn sanjiang(audience: Audience) -> Vec<OutputFile> {
    common::build_in_memory(repo(), audience)
}

/// Tasks in the content for `audience`, and issues without any task.
fn expected_rows(audience: Audience) -> usize {
    let checked = common::check(repo());
    let issues = &checked.content.issues;
    let shown = |a: Audience| audience == Audience::Internal || a == Audience::Public;
    issues
        .iter()
        .map(|i| i.tasks.iter().filter(|t| shown(t.audience)).count().max(1))
        .sum()
}

#[test]
fn the_csv_opens_in_excel_with_chinese_intact() {
    for audience in [Audience::Public, Audience::Internal] {
        let files = sanjiang(audience);
        let bytes = &file(&files, "data/ledger.csv").bytes;
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let text = text
            .strip_prefix('\u{FEFF}')
            .expect("a byte-order mark first");
        let (first, _) = text.split_once("\r\n").expect("CRLF line ends");
        assert!(first.starts_with("问题序号,"), "{first}");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header[0], "问题序号");
        assert!(header.iter().any(|h| h == "村(社区)") && header.iter().any(|h| h == "验收日期"));
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len(), expected_rows(audience), "{audience:?}");
        assert!(rows.iter().all(|r| r.len() == header.len()));
        assert!(rows.iter().any(|r| &r[4] == "八景村"));
        let statuses = ["未启动", "整改中", "待验收", "已销号"];
        assert!(
            rows.iter().all(|r| statuses.contains(&&r[10])),
            "status words"
        );
    }
}

#[test]
fn the_public_ledger_drops_internal_only_tasks() {
    let site = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(site.path(), Default::default()).expect("writes");
    let issue = site.path().join("content/issues/01.yaml");
    let text = std::fs::read_to_string(&issue).expect("reads");
    let marked = text.replacen(
        "    what: 更新村务公开栏\n    status: in_progress",
        "    what: 更新村务公开栏\n    audience: internal\n    status: in_progress",
        1,
    );
    assert_ne!(text, marked);
    std::fs::write(&issue, marked).expect("writes");
    let rows = |audience| {
        let files = common::build_in_memory(site.path(), audience);
        let csv = String::from_utf8(file(&files, "data/ledger.csv").bytes.clone()).expect("UTF-8");
        csv.matches("更新村务公开栏").count()
    };
    assert_eq!((rows(Audience::Public), rows(Audience::Internal)), (1, 2));
}

#[test]
fn the_workbook_has_its_sheets_header_and_date_cells() {
    let files = sanjiang(Audience::Public);
    let bytes = file(&files, "data/ledger.xlsx").bytes.clone();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    assert_eq!(workbook.sheet_names(), ["整改任务", "问题和措施", "指标"]);
    let tasks = workbook
        .worksheet_range("整改任务")
        .expect("the task sheet");
    let title = tasks.get_value((0, 0)).expect("a title");
    assert!(title.to_string().contains("三江镇"), "{title:?}");
    let about = tasks.get_value((1, 0)).expect("an as-of line").to_string();
    assert!(about.contains("数据截至 2025-10-20"), "{about}");
    let header: Vec<String> = (0..13)
        .map(|c| {
            tasks
                .get_value((3, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(header[0], "问题序号");
    assert_eq!(header[9], "时限日期");
    assert_eq!(
        tasks.end().expect("rows").0 as usize,
        3 + expected_rows(Audience::Public)
    );
    // A deadline is a date cell, not text that looks like one.
    assert!(
        matches!(tasks.get_value((4, 9)), Some(Data::DateTime(_))),
        "{:?}",
        tasks.get_value((4, 9))
    );
    assert!(matches!(
        tasks.get_value((4, 0)),
        Some(Data::Float(_) | Data::Int(_))
    ));
    let measures = workbook
        .worksheet_range("问题和措施")
        .expect("the measure sheet");
    let checked = common::check(repo());
    let measure_count: usize = checked
        .content
        .issues
        .iter()
        .map(|i| i.measures.len())
        .sum();
    assert_eq!(measures.end().expect("rows").0 as usize, 3 + measure_count);
    let indicators = workbook
        .worksheet_range("指标")
        .expect("the indicator sheet");
    assert!(matches!(
        indicators.get_value((4, 3)),
        Some(Data::DateTime(_))
    ));
}

#[test]
fn the_json_is_valid_against_its_schema_and_the_schema_is_documented() {
    let files = sanjiang(Audience::Public);
    let json: serde_json::Value =
        serde_json::from_slice(&file(&files, "data/site.json").bytes).expect("JSON");
    let served = &file(&files, "data/site.schema.json").bytes;
    let schema: serde_json::Value = serde_json::from_slice(served).expect("JSON");
    assert_eq!(json["schema_version"], taizhang::export::SCHEMA_VERSION);
    assert_eq!(json["audience"], "public");
    assert_eq!(json["issues"].as_array().map(Vec::len), Some(14));
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // An instance that breaks it is refused: the schema says something.
    let mut broken = json.clone();
    broken["issues"][0]["number"] = serde_json::json!("one");
    assert!(!validator.is_valid(&broken));
    // The schema in the repository is the one the build serves.
    let documented = repo().join("docs/site.schema.json");
    if std::env::var_os("TAIZHANG_BLESS").is_some() {
        std::fs::write(&documented, served).expect("writes");
    }
    let committed = std::fs::read(&documented).expect("docs/site.schema.json");
    assert!(
        committed == *served,
        "docs/site.schema.json is out of date: run TAIZHANG_BLESS=1 cargo test --test suite open_data"
    );
}

#[test]
fn the_guard_reads_every_export() {
    // The internal build is not masked: its exports hold the registered
    // names, and the guard must find them in each format.
    let root = repo();
    let checked = common::check(root);
    let register = checked.content.register();
    let files = sanjiang(Audience::Internal);
    for path in ["data/ledger.csv", "data/site.json", "data/ledger.xlsx"] {
        let export = file(&files, path);
        let leaks = taizhang::output::guard(std::slice::from_ref(export), &register);
        assert!(!leaks.is_empty(), "{path}: the guard found nothing");
    }
    // The public ones hold none.
    let public = sanjiang(Audience::Public);
    for path in ["data/ledger.csv", "data/site.json", "data/ledger.xlsx"] {
        let leaks = taizhang::output::guard(std::slice::from_ref(file(&public, path)), &register);
        assert!(leaks.is_empty(), "{path}: {leaks:?}");
    }
}

#[test]
fn exports_are_the_same_bytes_every_build() {
    let site = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(site.path(), Default::default()).expect("writes");
    let once = common::build_in_memory(site.path(), Audience::Public);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = common::build_in_memory(Path::new(site.path()), Audience::Public);
    for path in ["data/ledger.xlsx", "data/ledger.csv", "data/site.json"] {
        assert!(
            file(&once, path).bytes == file(&again, path).bytes,
            "{path}"
        );
    }
}

#[test]
fn a_name_in_an_export_fails_the_public_build() {
    // The site's address is written as given (it is no person's text, so it
    // is not masked) into the feed, the sitemap and `site.json`: with a
    // resident's name in it, the build must stop, naming the JSON export.
    let site = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(site.path(), Default::default()).expect("writes");
    let out = common::taizhang()
        .args(["build", "--quiet", "--lang", "en", "--base-url"])
        .arg("https://example.org/李小梅/")
        .arg("--root")
        .arg(site.path())
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("data/site.json:") && stderr.contains("error[E090]"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists(), "nothing was written");
}
