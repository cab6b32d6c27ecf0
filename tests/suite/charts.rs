//! Charts: their data tables agree with the ledger, every SVG is valid XML
//! in edge cases (1 village, 0 tasks, 100 villages, a 20-character name),
//! and the same input draws the same bytes.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use taizhang::content::Status;

fn build(root: &Path) -> String {
    common::build_ok(root, &[])
}

/// The rows of every chart data table whose caption contains `caption`
/// (long charts come in parts).
fn chart_table(html: &str, caption: &str) -> Vec<Vec<String>> {
    let html = crate::common::as_typed(html);
    let tables: Vec<&str> = html
        .split("<table class=\"chart-data\">")
        .skip(1)
        .filter(|t| {
            t.split("</caption>")
                .next()
                .unwrap_or_default()
                .contains(caption)
        })
        .collect();
    assert!(!tables.is_empty(), "no chart table captioned {caption}");
    tables.into_iter().flat_map(rows).collect()
}

fn rows(table: &str) -> Vec<Vec<String>> {
    let table = table.split("</table>").next().unwrap_or_default();
    let body = table.split("<tbody>").nth(1).unwrap_or_default();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<', '>'])
                .collect::<Vec<_>>()
                .chunks(1)
                .map(|c| c[0])
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| w[0].starts_with("td") || w[0].starts_with("th"))
                .map(|w| w[1].to_string())
                .collect()
        })
        .collect()
}

/// Counts straight from the content, without the model: per village id,
/// [total, closed, awaiting, in progress, not started, overdue].
fn ledger_counts(root: &Path) -> (BTreeMap<String, [usize; 6]>, BTreeMap<String, String>) {
    let checked = common::check(root);
    let site = checked.content.site.as_ref().expect("site");
    let as_of = checked.settings.as_of.stated().expect("as_of");
    let names: BTreeMap<String, String> = site
        .villages
        .iter()
        .map(|v| (v.name.value.clone(), v.id.value.clone()))
        .collect();
    let mut counts: BTreeMap<String, [usize; 6]> = BTreeMap::new();
    for issue in &checked.content.issues {
        for task in issue
            .tasks
            .iter()
            .filter(|t| t.audience == taizhang::content::Audience::Public)
        {
            let Some(village) = &task.village else {
                continue;
            };
            let id = names
                .get(&village.value)
                .cloned()
                .unwrap_or_else(|| village.value.clone());
            let entry = counts.entry(id).or_default();
            let status = task.status.value;
            entry[0] += 1;
            entry[match status {
                Status::Closed => 1,
                Status::AwaitingAcceptance => 2,
                Status::InProgress => 3,
                Status::NotStarted => 4,
            }] += 1;
            let deadline = task
                .deadline
                .as_ref()
                .or(issue.deadline.as_ref())
                .and_then(|d| {
                    d.value
                        .date(site.document.date.as_ref().map(|p| p.value.first_day()))
                });
            if deadline.is_some_and(|d| d < as_of) && !status.is_handed_in() {
                entry[5] += 1;
            }
        }
    }
    let ids_to_names = site
        .villages
        .iter()
        .map(|v| (v.id.value.clone(), v.name.value.clone()))
        .collect();
    (counts, ids_to_names)
}

fn assert_tables_match_ledger(root: &Path) {
    build(root);
    let (counts, names) = ledger_counts(root);
    assert!(!counts.is_empty());
    let villages = fs::read_to_string(root.join("public/villages/index.html")).expect("villages");
    let rows = chart_table(&villages, "各村(社区)整改任务状态");
    assert_eq!(rows.len(), counts.len(), "one row per village with tasks");
    // The overview shows them all, or past 24 those furthest behind.
    let overview = fs::read_to_string(root.join("public/index.html")).expect("overview");
    let shown = chart_table(&overview, "村(社区)整改任务状态");
    assert_eq!(
        shown.len(),
        counts.len().min(24),
        "villages on the overview"
    );
    for row in &shown {
        assert!(rows.contains(row), "{row:?} on the overview");
    }
    for (id, expected) in &counts {
        let name = &names[id];
        let page = fs::read_to_string(root.join(format!("public/villages/{id}/index.html")))
            .expect("village page");
        let table = chart_table(&page, &format!("{name}整改任务状态"));
        let figures: Vec<usize> = table[0][1..]
            .iter()
            .map(|c| c.parse().expect("a count"))
            .collect();
        assert_eq!(figures, expected, "{name}: bar chart table vs ledger");
        let row = rows
            .iter()
            .find(|r| &r[0] == name)
            .expect("a row on /villages/");
        assert_eq!(
            row[1..]
                .iter()
                .map(|c| c.parse::<usize>().expect("a count"))
                .collect::<Vec<_>>(),
            expected,
            "{name} on /villages/"
        );
        let burnup = chart_table(&page, &format!("{name}整改进度(累计)"));
        let last = burnup.last().expect("a row");
        assert_eq!(
            last[2].parse::<usize>().expect("closed"),
            expected[1],
            "{name}: burn-up ends at the closed count"
        );
        assert_eq!(
            last[1].parse::<usize>().expect("handed in"),
            expected[1] + expected[2],
            "{name}: burn-up handed-in count"
        );
        assert_eq!(last[3].parse::<usize>().expect("total"), expected[0]);
    }
}

#[test]
fn sanjiang_chart_tables_equal_the_ledger() {
    let dir = tempfile::tempdir().expect("a folder");
    // Build a copy, so the test never touches the repository's public/.
    common::copy_repository_content(dir.path());
    assert_tables_match_ledger(dir.path());
}

#[test]
fn generated_hundred_village_chart_tables_equal_the_ledger() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::synthetic::write_site(
        dir.path(),
        taizhang::synthetic::Size {
            issues: 60,
            villages: 100,
            notes: 5,
            units: 0,
        },
    )
    .expect("writes");
    assert_tables_match_ledger(dir.path());
}

fn every_svg_parses(root: &Path) -> usize {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(root.join("public")) {
        let entry = entry.expect("readable");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).expect("reads");
        for piece in html.split("<svg ").skip(1) {
            let svg = format!(
                "<svg {}</svg>",
                piece.split("</svg>").next().expect("closed")
            );
            roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{}: invalid SVG: {e}\n{svg}", entry.path().display()));
            assert!(
                svg.len() < 30_000,
                "{}: an SVG of {} bytes",
                entry.path().display(),
                svg.len()
            );
            assert!(svg.contains("role=\"img\""), "an SVG without role=img");
            if svg.contains("class=\"chart\"") {
                assert!(
                    svg.contains("<title id=") && svg.contains("<desc id="),
                    "a chart without title and desc"
                );
            } else {
                assert!(
                    svg.contains("class=\"qr\" role=\"img\" aria-label="),
                    "an unlabelled SVG"
                );
            }
            count += 1;
        }
    }
    count
}

#[test]
fn edge_cases_draw_valid_svg() {
    use taizhang::synthetic::{Size, write_site};
    // One village.
    let one = tempfile::tempdir().expect("a folder");
    write_site(
        one.path(),
        Size {
            issues: 3,
            villages: 1,
            notes: 1,
            units: 0,
        },
    )
    .expect("writes");
    build(one.path());
    assert!(every_svg_parses(one.path()) > 3);
    // A hundred villages, one with a 20-character name.
    let many = tempfile::tempdir().expect("a folder");
    write_site(
        many.path(),
        Size {
            issues: 20,
            villages: 100,
            notes: 1,
            units: 0,
        },
    )
    .expect("writes");
    let site = many.path().join("content/site.yaml");
    let long = "长长长长长长长长长长长长长长长长长长长村";
    assert_eq!(long.chars().count(), 20);
    fs::write(
        &site,
        fs::read_to_string(&site)
            .expect("reads")
            .replace("name: 第1村 ", &format!("name: {long} ")),
    )
    .expect("writes");
    build(many.path());
    assert!(every_svg_parses(many.path()) > 100);
    let overview = fs::read_to_string(many.path().join("public/index.html")).expect("reads");
    assert!(
        overview.contains(&format!("{long}</th>")),
        "the full name stays in the data table"
    );
    // No tasks at all: pages build, no chart pretends.
    let none = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(none.path(), Default::default()).expect("writes");
    let issue = none.path().join("content/issues/01.yaml");
    let text = fs::read_to_string(&issue).expect("reads");
    fs::write(&issue, &text[..text.find("tasks:").expect("tasks")]).expect("writes");
    build(none.path());
    every_svg_parses(none.path());
    let overview = fs::read_to_string(none.path().join("public/index.html")).expect("reads");
    assert!(!overview.contains("c-matrix"), "no matrix without tasks");
}

#[test]
fn same_input_draws_the_same_svg() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::synthetic::write_site(
        dir.path(),
        taizhang::synthetic::Size {
            issues: 10,
            villages: 12,
            notes: 2,
            units: 0,
        },
    )
    .expect("writes");
    build(dir.path());
    let first = fs::read_to_string(dir.path().join("public/index.html")).expect("reads");
    build(dir.path());
    let second = fs::read_to_string(dir.path().join("public/index.html")).expect("reads");
    assert!(first.contains("<svg "));
    assert!(first == second);
}
