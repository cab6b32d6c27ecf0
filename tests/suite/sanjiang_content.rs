//! The repository's own `content/` is the Sanjiang Town 2025 plan: it must
//! check clean and keep the plan's facts.

use std::fs;
use std::path::Path;

use taizhang::check::{Counts, check};
use taizhang::content::Status;
use taizhang::diagnostics::Severity;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn checks_clean_with_fourteen_issues() {
    let checked = check(root(), &Default::default());
    assert_eq!(
        checked.diagnostics.count(Severity::Error),
        0,
        "{:?}",
        checked.diagnostics
    );
    let counts = Counts::of(&checked.content);
    assert_eq!(counts.issues, 14);
    assert_eq!(
        counts.villages, 10,
        "8 villages/community and 2 resettlement areas"
    );
    assert_eq!(counts.people, 13);
    let numbers: Vec<u32> = checked
        .content
        .issues
        .iter()
        .map(|i| i.number.value)
        .collect();
    assert_eq!(numbers, (1..=14).collect::<Vec<_>>());
    let site = checked.content.site.as_ref().expect("site.yaml");
    assert_eq!(
        site.document.number.as_ref().map(|n| n.value.as_str()),
        Some("江政发〔2025〕16号")
    );
    let date = site.document.date.as_ref().expect("the plan is dated");
    assert_eq!(date.value.written, "2025-07-18");
    assert!(
        site.sample_data,
        "progress after the plan date is sample data"
    );
    for issue in &checked.content.issues {
        // As the plan writes it, and the day it names.
        let deadline = &issue.deadline.as_ref().expect("a deadline").value;
        assert_eq!(
            deadline.written, "9月底前,并长期坚持",
            "issue {}",
            issue.number.value
        );
        assert_eq!(
            deadline
                .date(Some(date.value.first_day()))
                .map(|d| d.to_string()),
            Some("2025-09-30".to_string())
        );
        assert!(
            deadline.ongoing,
            "issue {} is 并长期坚持",
            issue.number.value
        );
        assert!(!issue.measures.is_empty());
    }
    let measures: Vec<usize> = checked
        .content
        .issues
        .iter()
        .map(|i| i.measures.len())
        .collect();
    assert_eq!(
        measures,
        [5, 2, 1, 6, 2, 2, 2, 3, 1, 3, 1, 4, 3, 3],
        "一是、二是… as in the plan"
    );
    let closed = checked
        .content
        .issues
        .iter()
        .flat_map(|i| &i.tasks)
        .filter(|t| t.status.value == Status::Closed);
    assert!(closed.count() > 10);
}

#[test]
fn keeps_the_plans_facts() {
    let issues = |n: u32| {
        fs::read_to_string(root().join(format!("content/issues/{n:02}.yaml"))).expect("issue file")
    };
    assert!(issues(7).contains("value: 42.68"));
    assert!(issues(3).contains("total: [83, 272]"));
    for (village, figures) in [
        ("bajing", "[25, 72]"),
        ("wangfeng", "[7, 15]"),
        ("hongyuandong", "[4, 16]"),
        ("huaqiao", "[5, 19]"),
        ("jinghu", "[7, 27]"),
        ("shuangqiao", "[15, 53]"),
        ("taiping", "[11, 40]"),
        ("zhifeng", "[9, 30]"),
    ] {
        assert!(
            issues(3).contains(&format!("{{ village: {village}, values: {figures} }}")),
            "{village}"
        );
    }
    assert!(issues(12).contains("values: [1.2]") && issues(12).contains("values: [0.43]"));
    assert!(issues(2).contains("兰东风"));
    assert!(issues(9).contains("高华安置区"));
    assert!(issues(1).contains("湘农组办发〔2025〕4号"));
    assert!(issues(10).contains("30%用于困难群众,70%用于村级公益事业建设"));
    let people = fs::read_to_string(root().join("content/people.yaml")).expect("people.yaml");
    assert!(people.contains("name: 兰东风"));
    let glossary = fs::read_to_string(root().join("content/glossary.yaml")).expect("glossary.yaml");
    assert!(glossary.matches("  - term: ").count() >= 15);
    for term in [
        "3+1保障",
        "三色管理",
        "五步法",
        "四个一批",
        "回头看",
        "小额信贷",
        "公益性岗位",
        "帮扶车间",
        "衔接资金",
    ] {
        assert!(glossary.contains(&format!("term: {term}")), "{term}");
    }
}

/// With its register emptied, `check` still points at the plan's residents
/// (W105), and raises no alarm about anything else; with the register in
/// place it raises none at all.
#[test]
fn an_emptied_register_still_finds_the_residents() {
    let checked = check(root(), &Default::default());
    let registered: Vec<String> = checked
        .content
        .people
        .as_ref()
        .expect("people.yaml")
        .persons
        .iter()
        .map(|p| p.name.value.clone())
        .collect();
    assert_eq!(registered.len(), 13);
    let unregistered = |checked: &taizhang::check::Checked| -> Vec<String> {
        checked
            .diagnostics
            .iter()
            .filter_map(|d| match &d.problem {
                taizhang::diagnostics::Problem::UnregisteredName { name } => Some(name.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(unregistered(&checked), Vec::<String>::new());

    let dir = tempfile::tempdir().expect("a folder");
    for entry in walkdir::WalkDir::new(root().join("content")) {
        let entry = entry.expect("readable");
        let target = dir
            .path()
            .join(entry.path().strip_prefix(root()).expect("inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("a folder");
        } else {
            fs::copy(entry.path(), &target).expect("a copy");
        }
    }
    fs::write(dir.path().join("content/people.yaml"), "people: []\n").expect("writes");
    let emptied = check(dir.path(), &Default::default());
    let found = unregistered(&emptied);
    let residents = registered.iter().filter(|n| found.contains(n)).count();
    let false_alarms: Vec<&String> = found.iter().filter(|n| !registered.contains(n)).collect();
    println!(
        "found {residents} of {} residents, {} false alarms: {false_alarms:?}",
        registered.len(),
        false_alarms.len()
    );
    assert!(residents >= 12, "found only {residents}: {found:?}");
    assert!(false_alarms.is_empty(), "{false_alarms:?}");
}
