//! Plans as other places write them: no document number, deadlines in
//! words or none at all. A site states what the plan says and nothing the
//! user did not write.

use crate::common;

use std::fs;
use std::path::Path;

use crate::common::{build_ok, tree};

/// A fresh copy of the `taizhang init` example site.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    dir
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join("content").join(file);
    let text = fs::read_to_string(&path).expect("reads");
    assert!(text.contains(from), "{file} holds {from}");
    fs::write(&path, text.replacen(from, to, 1)).expect("writes");
}

/// A file of the built public site.
fn public(root: &Path, path: &str) -> String {
    let text = fs::read_to_string(root.join("public").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    crate::common::as_typed(&text)
}

fn pages(root: &Path) -> String {
    tree(&root.join("public"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".xml"))
        .map(|(path, bytes)| {
            let text = crate::common::as_typed(&String::from_utf8_lossy(&bytes));
            format!("=== {path}\n{text}")
        })
        .collect()
}

#[test]
fn a_plan_without_a_document_number_prints_none() {
    let dir = example_site();
    let root = dir.path();
    edit(root, "site.yaml", "  number: 示政发〔2025〕1号\n", "");
    build_ok(root, &[]);
    let all = pages(root);
    assert!(!all.contains("示政发"));
    for stray in ["()", "《示例镇问题整改方案》,", "示例镇人民政府  ·"] {
        assert!(!all.contains(stray), "{stray}");
    }
}

#[test]
fn deadlines_in_words_are_shown_as_written_and_judged_only_where_they_name_a_day() {
    let dir = example_site();
    let root = dir.path();
    // The plan is of 2025-07-01; the ledger stands at 2025-08-15.
    edit(
        root,
        "issues/01.yaml",
        "deadline: 2025-09-30\nongoing: true\n",
        "deadline: 7月底前,并长期坚持\n",
    );
    let issue = fs::read_to_string(root.join("content/issues/01.yaml")).expect("reads");
    let extra = "  - { village: xicun, measure: 1, what: 整理历年公开材料, status: not_started, deadline: 长期坚持 }\n  - { village: xicun, measure: 1, what: 公开栏破损处更换, status: not_started, deadline: 立行立改 }\n  - { village: dongcun, measure: 1, what: 按季度更新, status: not_started, deadline: 每季度 }\n";
    fs::write(
        root.join("content/issues/01.yaml"),
        format!("{issue}{extra}"),
    )
    .expect("writes");
    let out = build_ok(root, &["--lang", "en"]);
    assert!(out.contains("built"), "{out}");
    let list = public(root, "list/index.html");
    assert!(
        list.contains("<time datetime=\"2025-07-31\">7月底前,并长期坚持</time>"),
        "{list}"
    );
    let village = public(root, "villages/xicun/index.html");
    for words in ["长期坚持", "立行立改"] {
        assert!(village.contains(&format!(">{words}<")), "{words}");
    }
    // Only the task due 7月底前 and still open is overdue; the wordy ones never are.
    let check = common::taizhang()
        .args(["check", "--lang", "en", "--root"])
        .arg(root)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(stderr.matches("warning[W101]").count(), 1, "{stderr}");
    assert!(stderr.contains("(deadline 7月底前,并长期坚持)"), "{stderr}");
}

#[test]
fn an_issue_without_a_deadline_prints_no_empty_label() {
    let dir = example_site();
    let root = dir.path();
    edit(
        root,
        "issues/01.yaml",
        "deadline: 2025-09-30\nongoing: true\n",
        "",
    );
    build_ok(root, &[]);
    let pack = public(root, "print/index.html");
    assert!(!pack.contains("整改时限:</strong>。") && !pack.contains("整改时限:。"));
    let issue = public(root, "issues/01/index.html");
    assert!(!issue.contains("<time datetime=\"\""), "no empty date");
    let check = common::taizhang()
        .args(["check", "--lang", "en", "--root"])
        .arg(root)
        .output()
        .expect("runs");
    assert!(check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        !stderr.contains("W101"),
        "nothing is overdue without a day: {stderr}"
    );
}

#[test]
fn several_lead_units_are_named_on_the_list_the_issue_and_in_print() {
    let dir = example_site();
    let root = dir.path();
    edit(
        root,
        "site.yaml",
        "units:\n",
        "units:\n  - { id: minzheng, name: 民政办 }\n  - { id: caizheng, name: 财政所 }\n",
    );
    edit(
        root,
        "issues/01.yaml",
        "units: [bangongshi]\n",
        "lead_unit: [minzheng, caizheng]\nunits: [bangongshi, caizheng]\n",
    );
    build_ok(root, &[]);
    let list = public(root, "list/index.html");
    assert!(
        list.contains("<li>民政办(牵头)</li><li>财政所(牵头)</li><li>党政综合办</li></ul>"),
        "{list}"
    );
    let issue = public(root, "issues/01/index.html");
    assert!(issue.contains(">民政办</a>、<a"), "{issue}");
    let pack = public(root, "print/index.html");
    assert!(
        pack.contains("牵头单位:</strong>民政办、财政所。"),
        "{pack}"
    );
    let unit = public(root, "units/caizheng/index.html");
    assert!(unit.contains("牵头"));
}

/// A plan whose problems are stated with a finding and a target only: no
/// measures, units, tasks or deadline. Every page says what is not there
/// instead of drawing empty legends, tables or labels.
#[test]
fn issues_without_tasks_say_so_plainly() {
    let dir = example_site();
    let root = dir.path();
    let path = root.join("content/issues/01.yaml");
    let text = fs::read_to_string(&path).expect("reads");
    let head = &text[..text.find("measures:").expect("measures")];
    fs::write(
        &path,
        format!("{head}target: 村务公开按时、完整。\nupdates:\n  - {{ date: 2025-08-10, text: 已部署各村自查公开栏。 }}\n"),
    )
    .expect("writes");
    build_ok(root, &[]);
    let page = |p: &str| public(root, p);
    let issue = page("issues/01/index.html");
    assert!(issue.contains("本问题未列出整改措施。"));
    assert!(issue.contains("本问题未分解到村、单位,整改情况见下方整改进展。"));
    assert!(issue.contains("<a href=\"#updates\">见整改进展</a>"));
    for empty in [
        "<dt>整改时限</dt>",
        "<dt>责任单位</dt>",
        "<ol class=\"measures\">",
        "尚未分解",
    ] {
        assert!(!issue.contains(empty), "the issue page shows {empty}");
    }
    let overview = page("index.html");
    assert!(overview.contains("还没有分解到村、单位的整改任务"));
    assert!(!overview.contains("各村(社区)累计进度"));
    let village = page("villages/dongcun/index.html");
    assert!(village.contains("方案的整改任务没有分解到本村。"));
    let pack = page("print/index.html");
    assert!(pack.contains("本问题未分解到村、单位,整改情况如下。"));
    assert!(pack.contains("问题未分解到村(社区),没有分村进度可以统计。"));
    for empty in [
        "整改措施:",
        "责任单位:</strong>。",
        "整改时限:</strong>。",
        "尚未分解",
    ] {
        assert!(!pack.contains(empty), "the pack shows {empty}");
    }
    for page in [&issue, &overview, &village, &pack] {
        assert!(!page.contains("class=\"legend\""), "a legend for nothing");
    }
}

/// Problems grouped under the plan's headings, numbered as it prints them.
#[test]
fn groups_and_labels_appear_as_the_plan_writes_them() {
    let dir = example_site();
    let root = dir.path();
    edit(
        root,
        "issues/01.yaml",
        "number: 1\n",
        "number: 1\nlabel: (2)①\ncategory: (二)住房安全方面\n",
    );
    let short = |number: u32, label: &str, category: &str, title: &str| {
        format!(
            "number: {number}\nlabel: {label}\ncategory: {category}\ntitle: {title}\nfinding: 见方案。\n"
        )
    };
    fs::write(
        root.join("content/issues/02.yaml"),
        short(2, "(2)②", "(二)住房安全方面", "危房改造验收不及时的问题"),
    )
    .expect("writes");
    fs::write(
        root.join("content/issues/03.yaml"),
        short(3, "(3)①", "(三)政策落实方面", "临时救助发放不及时的问题"),
    )
    .expect("writes");
    build_ok(root, &[]);
    let list = public(root, "list/index.html");
    let housing = list.find("<th scope=\"rowgroup\" colspan=\"6\">(二)住房安全方面</th>");
    let policy = list.find("<th scope=\"rowgroup\" colspan=\"6\">(三)政策落实方面</th>");
    assert!(
        housing.is_some() && policy.is_some() && housing < policy,
        "{list}"
    );
    assert_eq!(list.matches("scope=\"rowgroup\"").count(), 2);
    assert!(list.contains("data-label=\"序号\">(2)②</td>"));
    let pack = public(root, "print/index.html");
    assert!(pack.contains("<h3 class=\"group-heading\">(三)政策落实方面</h3>"));
    assert!(pack.contains(">(3)①临时救助发放不及时的问题</h3>"));
    // The overview and the pack's summary count each group's problems
    // and tasks (issue 1 has the example's two tasks, one closed).
    let overview = public(root, "index.html");
    for text in [&overview, &pack] {
        assert!(text.contains("<caption>各方面问题整改情况</caption>"));
        assert!(text.contains("<th scope=\"row\" data-label=\"方面\">(二)住房安全方面</th><td class=\"num\" data-label=\"问题\">2 个</td><td class=\"num\" data-label=\"整改任务\">2</td><td class=\"num\" data-label=\"已销号\">1</td>"), "{text}");
        assert!(text.contains("<th scope=\"row\" data-label=\"方面\">(三)政策落实方面</th><td class=\"num\" data-label=\"问题\">1 个</td><td class=\"num\" data-label=\"整改任务\">0</td>"));
    }
    let plan = public(root, "plan/index.html");
    assert!(plan.contains("<h3>(二)住房安全方面</h3>"));
    let issue = public(root, "issues/02/index.html");
    assert!(issue.contains("问题 (2)② · (二)住房安全方面"));
}

#[test]
fn a_measure_with_its_own_heading_is_summed_up_by_it() {
    let dir = example_site();
    let root = dir.path();
    edit(
        root,
        "issues/01.yaml",
        "  - 各村(社区)每季度更新一次村务公开栏,并拍照留存。\n",
        "  - heading: 强化公开管理,提高公开质量。\n    text: 各村(社区)每季度更新一次村务公开栏,并拍照留存,由党政综合办逐村抽查。\n",
    );
    build_ok(root, &[]);
    let list = public(root, "list/index.html");
    assert!(
        list.contains("<ol class=\"measures-list\"><li><details class=\"measure-more\"><summary>强化公开管理,提高公开质量。</summary><p>各村(社区)每季度更新一次村务公开栏,并拍照留存,由党政综合办逐村抽查。</p></details></li>"),
        "{list}"
    );
    let issue = public(root, "issues/01/index.html");
    assert!(
        issue.contains("<strong>强化公开管理,提高公开质量。</strong>")
            && issue.contains("逐村抽查")
    );
    let pack = public(root, "print/index.html");
    assert!(pack.contains("<strong>强化公开管理,提高公开质量。</strong>"));
}

#[test]
fn a_chapter_without_a_title_is_printed_without_a_heading() {
    let dir = example_site();
    let root = dir.path();
    edit(
        root,
        "site.yaml",
        "\n# 是否逾期",
        "  sections:\n    - body: 本方案自印发之日起施行。\n\n# 是否逾期",
    );
    build_ok(root, &[]);
    let plan = public(root, "plan/index.html");
    assert!(
        plan.contains("<div class=\"prose\"><p>本方案自印发之日起施行。</p>"),
        "{plan}"
    );
    assert!(!plan.contains("<h2 id=\"plan-section-1\">"));
    let pack = public(root, "print/index.html");
    assert!(pack.contains("本方案自印发之日起施行。") && !pack.contains("<h3></h3>"));
}

#[test]
fn a_report_states_progress_in_its_own_words_and_its_totals_beside_the_list() {
    let dir = example_site();
    let root = dir.path();
    edit(
        root,
        "site.yaml",
        "document:\n",
        "document:\n  kind: report\n  declared:\n    issues: 5\n    statuses: { 已完成整改: 3, 正在整改: 2 }\n",
    );
    edit(
        root,
        "site.yaml",
        "  date: 2025-07-01\n",
        "  date: 2025年7月\n",
    );
    fs::write(
        root.join("content/issues/02.yaml"),
        "number: 2\ntitle: 公益性岗位考勤不规范的问题\nfinding: 公益性岗位缺乏考勤。\nprogress:\n  status: 已完成整改\n  text: 已建立考勤制度并张贴上墙。\n",
    )
    .expect("writes");
    build_ok(root, &[]);
    let list = public(root, "list/index.html");
    // The report's word, coloured as the status it counts as.
    assert!(
        list.contains("<strong class=\"tag tag-awaiting_acceptance\">已完成整改</strong>"),
        "{list}"
    );
    let overview = public(root, "index.html");
    assert!(overview.contains("<time datetime=\"2025-07\">2025年7月</time>"));
    assert!(overview.contains("报告日期"));
    assert!(overview.contains(
        "<th scope=\"row\">其中已完成整改</th><td class=\"num\">3 个</td><td class=\"num\">1 个</td>"
    ));
    assert!(overview.contains(
        "<th scope=\"row\">问题</th><td class=\"num\">5 个</td><td class=\"num\">2 个</td>"
    ));
    let issue = public(root, "issues/02/index.html");
    assert!(issue.contains("已建立考勤制度并张贴上墙。"));
    assert!(issue.contains("<strong class=\"tag tag-awaiting_acceptance\">已完成整改</strong>"));
    let pack = public(root, "print/index.html");
    assert!(pack.contains("<h2 id=\"plan\">报告原文</h2>"));
    assert!(pack.contains("已建立考勤制度并张贴上墙。"));
}
