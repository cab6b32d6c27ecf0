//! Plans and reports of other places, typed as they were published
//! (`tests/plans/`, each citing its source): each builds from its content
//! alone, and every problem's title, deadline as written and units appear
//! on the list page and in the print pack.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{build_ok, tree};

/// The fixture `name` copied into a fresh folder, built.
fn built(name: &str) -> (tempfile::TempDir, taizhang::check::Checked) {
    let from = common::repo().join("tests/plans").join(name);
    let dir = tempfile::tempdir().expect("a folder");
    for (path, bytes) in tree(&from) {
        let to = dir.path().join(&path);
        fs::create_dir_all(to.parent().expect("inside")).expect("creates");
        fs::write(to, bytes).expect("writes");
    }
    build_ok(dir.path(), &[]);
    let checked = common::check(dir.path());
    assert!(!checked.diagnostics.has_errors(), "{name} checks clean");
    (dir, checked)
}

fn page(root: &Path, path: &str) -> String {
    let text = fs::read_to_string(root.join("public").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    // Compare with text as written, not as escaped for HTML or set in
    // Chinese typography.
    crate::common::as_typed(&text)
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every problem title, deadline as written, lead unit and unit of the
/// fixture, by the names pages show.
fn what_must_show(checked: &taizhang::check::Checked) -> Vec<String> {
    let site = checked.content.site.as_ref().expect("a site.yaml");
    let unit_name = |written: &str| {
        site.units
            .iter()
            .find(|u| u.id.value == written)
            .map_or(written.to_string(), |u| u.name.value.clone())
    };
    let mut wanted = Vec::new();
    for issue in &checked.content.issues {
        wanted.push(issue.title.value.clone());
        wanted.extend(issue.deadline.as_ref().map(|d| d.value.shown()));
        for unit in issue.lead_units.iter().chain(&issue.units) {
            wanted.push(unit_name(&unit.value));
        }
    }
    wanted
}

/// Asserts the list page and the print pack each hold every item of
/// [`what_must_show`], and returns both pages.
fn everything_listed(name: &str) -> (tempfile::TempDir, String, String) {
    let (dir, checked) = built(name);
    let wanted = what_must_show(&checked);
    assert!(!wanted.is_empty(), "{name} has problems");
    let list = page(dir.path(), "list/index.html");
    let pack = page(dir.path(), "print/index.html");
    for text in &wanted {
        assert!(
            list.contains(text.as_str()),
            "{name}: list page lacks {text}"
        );
        assert!(
            pack.contains(text.as_str()),
            "{name}: print pack lacks {text}"
        );
    }
    (dir, list, pack)
}

#[test]
fn there_are_at_least_three_plans_of_other_places() {
    let plans: Vec<PathBuf> = fs::read_dir(common::repo().join("tests/plans"))
        .expect("tests/plans")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.join("content/site.yaml").is_file())
        .collect();
    assert!(plans.len() >= 3, "{plans:?}");
    for plan in plans {
        let site = fs::read_to_string(plan.join("content/site.yaml")).expect("reads");
        assert!(site.contains("http"), "{} cites its source", plan.display());
    }
}

#[test]
fn an_audit_report_with_prose_progress_and_no_deadlines() {
    let (dir, list, pack) = everything_listed("cangxi-audit-report");
    let overview = page(dir.path(), "index.html");
    assert!(overview.contains("报告日期 <time datetime=\"2023-01-17\">2023年1月17日</time>"));
    assert!(overview.contains("苍审农报〔2022〕1号"));
    // A report dated to the day states its figures as of that day.
    assert!(overview.contains("统计截至 <time datetime=\"2023-01-17\">"));
    assert!(overview.contains("报告没有把问题分解到村、单位,也没有逐项说明整改状态"));
    // Its own account, never a status it did not state.
    let issue = page(dir.path(), "issues/01/index.html");
    assert!(issue.contains("<h2 id=\"progress\">整改情况</h2>"));
    assert!(issue.contains("170米主管网还在迁改"));
    for invented in ["未启动", "整改中", "待验收", "已销号"] {
        assert!(!list.contains(invented), "list shows {invented}");
        assert!(!issue.contains(invented), "issue shows {invented}");
    }
    assert!(list.contains("见整改情况"));
    assert!(pack.contains("<h2 id=\"plan\">报告原文</h2>"));
    assert!(pack.contains("170米主管网还在迁改"));
}

#[test]
fn an_inspection_report_that_lists_fewer_problems_than_it_counts() {
    let (dir, list, pack) = everything_listed("wucheng-inspection-report");
    let overview = page(dir.path(), "index.html");
    assert!(overview.contains(
        "<th scope=\"row\">问题</th><td class=\"num\">25 个</td><td class=\"num\">1 个</td>"
    ));
    assert!(overview.contains("<th scope=\"row\">其中已完成整改</th><td class=\"num\">19 个</td>"));
    assert!(overview.contains("<th scope=\"row\">其中正在整改</th><td class=\"num\">6 个</td>"));
    assert!(overview.contains("报告称共有问题 25 个,本站列出其中 1 个"));
    // Two levels of headings above the problem, outermost first.
    let outer = "(一)贯彻落实上级决策部署不够有力、党组领导核心作用发挥不足方面";
    let inner = "1.学习贯彻习近平新时代中国特色社会主义思想和上级重大决策部署不够到位的问题";
    for text in [&list, &pack] {
        let (o, i) = (text.find(outer), text.find(inner));
        assert!(
            o.is_some() && i.is_some() && o < i,
            "both headings, in order"
        );
    }
    assert!(list.contains("group-depth-2"));
    assert!(list.contains("<td class=\"num\" data-label=\"序号\">(1)</td>"));
}

#[test]
fn a_notice_without_number_or_date_and_several_units_per_problem() {
    let (dir, list, pack) = everything_listed("fuyu-supervision-notice");
    let overview = page(dir.path(), "index.html");
    // Nothing the copy does not show is printed: no date, no as-of date.
    for page in [&overview, &list, &pack] {
        for invented in ["印发日期", "统计截至", "数据截至", "1970"] {
            assert!(!page.contains(invented), "{invented}");
        }
    }
    let units = page(dir.path(), "units/index.html");
    assert!(units.contains("各乡镇场</a> <span class=\"small muted\">7 个问题"));
    assert!(!units.contains("销号率"), "no empty progress table");
    // Four units answer for matter 4, in the order written.
    let row = list
        .split("<tr id=\"issue-04\">")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("row 4");
    let order: Vec<usize> = ["农机服务中心", "农业局", "林业局", "交通局", "各乡镇场"]
        .iter()
        .map(|u| row.find(u).unwrap_or_else(|| panic!("{u}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(pack.contains("7月17日下班前"));
}

#[test]
fn a_township_plan_with_two_lead_units_and_headed_measures() {
    let (dir, list, pack) = everything_listed("shejian-poverty-plan");
    // Both lead units, marked as leading, before the responsible unit.
    assert!(list.contains("<li>扶贫办(牵头)</li><li>村建所(牵头)</li><li>各村支部</li>"));
    let issue = page(dir.path(), "issues/02/index.html");
    assert!(issue.contains("<dt>牵头单位</dt>"));
    assert!(issue.contains("扶贫办</a>、<a href=\"../../units/cunjiansuo/\">村建所</a>"));
    // Measures summed up by their own headings; a sole measure unnumbered,
    // as the plan prints it.
    assert!(list.contains("<span class=\"measure-label\">一是</span><details class=\"measure-more\"><summary>强化宣传培训,提高政策水平。</summary>"));
    let first = list
        .split("<tr id=\"issue-01\">")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("row 1");
    assert!(!first.contains("一是"), "{first}");
    // ① under (2)住房安全方面 under 1.专项整改问题, and (1) under the
    // outer heading alone.
    for text in [&list, &pack] {
        let outer = text.find("1.专项整改问题").expect("outer heading");
        let inner = text.find("(2)住房安全方面").expect("inner heading");
        let first = text.find("脱贫人口指标集中安排").expect("problem (1)");
        let second = text.find("易地扶贫搬迁建房超面积").expect("problem ①");
        assert!(outer < first && first < inner && inner < second);
        assert_eq!(
            text.matches("1.专项整改问题").count(),
            1 + usize::from(text == &pack)
        );
    }
}
