//! What residents read: the overview's village finder, a village's open
//! tasks before its closed ones, the list's filters and full measures,
//! dates in Chinese form, the open list without finished issues, and the
//! bulletin-board notice's posting details.

use std::fs;
use std::path::Path;

use taizhang::content::Audience;

use crate::common::{self, as_typed, repo};

/// The public pages of the site at `root`, by path, as typed.
fn pages(root: &Path) -> std::collections::BTreeMap<String, String> {
    common::build_in_memory(root, Audience::Public)
        .into_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path, as_typed(&String::from_utf8_lossy(&f.bytes))))
        .collect()
}

#[test]
fn the_overview_leads_to_every_village_near_its_top() {
    let pages = pages(repo());
    let overview = &pages["index.html"];
    let finder = overview.find("查看本村(社区)整改情况").expect("the finder");
    assert!(finder < overview.find("整改总体情况").expect("the figures"));
    for village in ["bajing", "wangfeng", "huaqiao-anzhiqu", "gaohua-anzhiqu"] {
        assert!(
            overview[finder..].contains(&format!("href=\"villages/{village}/\"")),
            "{village}"
        );
    }
}

#[test]
fn a_village_page_lists_open_tasks_first_and_folds_the_closed_ones() {
    let pages = pages(repo());
    let page = &pages["villages/bajing/index.html"];
    let open = page
        .find("尚未完成的整改任务(4项")
        .expect("open tasks first");
    let closed = page
        .find("<details class=\"closed-tasks\">")
        .expect("closed folded");
    assert!(open < closed);
    // The longest overdue task heads the open list: 八景村's 三是 of issue 8
    // has not started.
    let body = &page[open..closed];
    let first = body.find("<tbody>").expect("rows");
    let first_row = body[first..].split("</tr>").next().unwrap_or("");
    assert!(
        first_row.contains("未启动") && first_row.contains("三是"),
        "{first_row}"
    );
    assert!(page[closed..].contains("已销号的整改任务(11项)"));
    assert!(
        !page.contains("<p class=\"muted\">村</p>"),
        "no stray 村 under the breadcrumb"
    );
}

#[test]
fn the_list_filters_without_javascript_and_shows_whole_measures() {
    let pages = pages(repo());
    let list = &pages["list/index.html"];
    assert!(
        list.contains("href=\"../list/open/\""),
        "a pre-rendered filter"
    );
    assert!(list.contains("href=\"../villages/bajing/#tasks\""));
    assert!(
        list.contains("href=\"../policy/glossary/\""),
        "status words explained"
    );
    // Issue 1's first measure is cut in the list and whole behind it.
    assert!(
        list.contains("<details class=\"measure-more\"><summary>明确监测对象纳入标准</summary>")
    );
    // Every Sanjiang issue still has open tasks.
    assert!(list.contains("尚未完成(14)"));
    assert!(pages["list/open/index.html"].contains("<h1>尚未完成的问题</h1>"));

    let rows = |page: &str| page.matches("<tr id=\"issue-").count();
    assert_eq!(rows(&pages["list/open/index.html"]), 14);
}

#[test]
fn the_open_list_leaves_out_finished_issues_and_keeps_their_heading() {
    // Issue 1 is finished by its report's word and opens a group that
    // issue 2 continues: the open list drops issue 1 and puts the
    // group's heading over issue 2.
    let dir = tempfile::tempdir().expect("a folder");
    common::copy_repository_content(dir.path());
    let issues = dir.path().join("content/issues");
    for (file, head) in [
        ("01.yaml", "category: 甲方面\nprogress:\n  status: 已销号\n"),
        ("02.yaml", "category: 甲方面\n"),
    ] {
        let path = issues.join(file);
        let text = fs::read_to_string(&path).expect("reads");
        fs::write(
            &path,
            text.replacen("title: ", &format!("{head}title: "), 1),
        )
        .expect("writes");
    }
    let pages = pages(dir.path());
    let (list, open) = (&pages["list/index.html"], &pages["list/open/index.html"]);
    assert!(list.contains("尚未完成(13)"), "the filter counts 13 open");
    let rows = |page: &str| page.matches("<tr id=\"issue-").count();
    assert_eq!((rows(list), rows(open)), (14, 13));
    assert!(list.contains("<tr id=\"issue-01\"") && !open.contains("<tr id=\"issue-01\""));
    let heading = open.find(">甲方面</th>").expect("the group's heading");
    let second = open.find("<tr id=\"issue-02\"").expect("issue 2");
    assert!(heading < second, "the heading stands over issue 2");
    assert_eq!(open.matches(">甲方面</th>").count(), 1);
}

#[test]
fn resident_pages_write_dates_in_chinese() {
    let pages = pages(repo());
    assert!(
        pages["index.html"]
            .contains("统计截至 <time datetime=\"2025-10-20\">2025年10月20日</time>")
    );
    let village = &pages["villages/bajing/index.html"];
    let tasks = &village[village.find("id=\"tasks\"").expect("tasks")..];
    assert!(tasks.contains("10月4日") && !tasks.contains("2025-10-04"));
}

#[test]
fn the_notice_says_how_long_it_is_posted_and_leaves_a_line_for_the_phone() {
    let pages = pages(repo());
    let notice = &pages["villages/bajing/notice/index.html"];
    assert!(
        notice.contains("公示期:2025年10月20日至10月26日(7天)"),
        "from notice.days"
    );
    assert!(
        notice.contains("监督电话:<span class=\"blank wide\">"),
        "no phone: a blank"
    );
    assert!(notice.contains("(盖章)") && notice.contains("三江镇人民政府<br>2025年10月20日"));
    assert!(
        notice.contains("<body class=\"paper notice\""),
        "15 tasks at 14 pt"
    );

    let dir = tempfile::tempdir().expect("a folder");
    common::copy_repository_content(dir.path());
    let site = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&site).expect("reads");
    let text = text.replace(
        "notice:\n  days: 7\n",
        "notice:\n  posted: 2025-11-03\n  phone: 0730-5123456\n",
    );
    fs::write(&site, text).expect("writes");
    let pages = self::pages(dir.path());
    let notice = &pages["villages/bajing/notice/index.html"];
    assert!(notice.contains("监督电话:0730-5123456"));
    assert!(
        notice.contains(
            "公示期:<span class=\"blank\">2025年11月3日</span>至<span class=\"blank wide\">"
        ),
        "no days: the end is a blank"
    );
}

#[test]
fn the_404_page_carries_its_own_styles() {
    let pages = pages(repo());
    let page = &pages["404.html"];
    assert!(page.contains("<style>") && !page.contains("static/style.css\""));
}

/// A county's list is cut into pages of 100 issues, so that a phone opens
/// each one: every issue on exactly one page, links to the pages before
/// and after, and a page that opens inside a group repeats its headings.
#[test]
fn a_long_list_is_cut_into_pages_that_keep_their_headings() {
    let dir = tempfile::tempdir().expect("a folder");
    let size = taizhang::synthetic::Size {
        issues: 250,
        villages: 5,
        notes: 2,
        units: 0,
    };
    taizhang::synthetic::write_site(dir.path(), size).expect("writes the site");
    let issues = dir.path().join("content/issues");
    for n in 1..=250 {
        let head = if n <= 150 {
            "category: [一、甲方面, (一)乙]\n"
        } else {
            "category: 二、丙方面\n"
        };
        let path = issues.join(format!("{n:03}.yaml"));
        let text = fs::read_to_string(&path).expect("reads");
        let text = text.replacen("title: ", &format!("{head}title: "), 1);
        fs::write(&path, text).expect("writes");
    }
    let pages = pages(dir.path());
    let lists = [
        "list/index.html",
        "list/page/2/index.html",
        "list/page/3/index.html",
    ];
    let rows = |page: &str| page.matches("<tr id=\"issue-").count();
    assert_eq!(lists.map(|p| rows(&pages[p])), [100, 100, 50]);
    assert!(!pages.contains_key("list/page/4/index.html"));
    assert!(!pages.contains_key("list/page/1/index.html"));
    let second = &pages["list/page/2/index.html"];
    assert!(second.contains("<tr id=\"issue-101\""));
    assert!(second.contains("<caption>整改清单(共 250 个问题,本页第 101–200 个)</caption>"));
    assert!(second.contains("<title>整改清单(第 2 页,共 3 页)"));
    assert!(second.contains("<a href=\"../../../list/\" rel=\"prev\">上一页</a>"));
    assert!(second.contains("<a href=\"../../../list/page/3/\" rel=\"next\">下一页</a>"));
    assert!(second.contains("aria-current=\"page\" aria-label=\"第 2 页\">2</a>"));
    // Page 2 opens inside both groups of issue 101; page 3 inside 二、.
    let headings = |page: &str| -> Vec<String> {
        page.split("<th scope=\"rowgroup\" colspan=\"6\">")
            .skip(1)
            .map(|h| h.split('<').next().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        headings(second),
        ["一、甲方面(续)", "(一)乙(续)", "二、丙方面"]
    );
    assert_eq!(
        headings(&pages["list/page/3/index.html"]),
        ["二、丙方面(续)"]
    );
    assert_eq!(
        headings(&pages["list/index.html"]),
        ["一、甲方面", "(一)乙"]
    );
    let first = &pages["list/index.html"];
    assert!(first.contains("rel=\"next\"") && !first.contains("rel=\"prev\""));
    // The open list is cut the same way, with its own addresses.
    let open = &pages["list/open/index.html"];
    assert!(open.contains("<h1>尚未完成的问题</h1>"));
    assert!(open.contains("href=\"../../list/open/page/2/\" rel=\"next\""));
}

/// The overdue tasks and the notes are cut into pages of 100 as the list
/// is: every task and every note on exactly one page, in order.
#[test]
fn overdue_tasks_and_notes_are_cut_into_pages_too() {
    let dir = tempfile::tempdir().expect("a folder");
    let size = taizhang::synthetic::Size {
        issues: 60,
        villages: 3,
        notes: 150,
        units: 0,
    };
    taizhang::synthetic::write_site(dir.path(), size).expect("writes the site");
    let pages = pages(dir.path());
    let paged = |first: &str| -> Vec<&String> {
        (1..)
            .map(|n| match n {
                1 => format!("{first}index.html"),
                _ => format!("{first}page/{n}/index.html"),
            })
            .map_while(|path| pages.get(&path))
            .collect()
    };
    let notes = paged("notes/");
    let links: Vec<usize> = notes
        .iter()
        .map(|p| p.matches("<li><time").count())
        .collect();
    assert_eq!(links, [100, 50]);
    assert!(notes[1].contains("<title>工作动态(第 2 页,共 2 页)"));
    assert!(notes[1].contains("每页 100 篇"));
    let overdue = paged("overdue/");
    let rows: Vec<usize> = overdue
        .iter()
        .map(|p| {
            p.split("<tbody>")
                .nth(1)
                .unwrap_or_default()
                .matches("<tr>")
                .count()
        })
        .collect();
    let total = rows.iter().sum::<usize>();
    assert!(rows.len() >= 2, "{rows:?}");
    assert!(rows[..rows.len() - 1].iter().all(|&r| r == 100), "{rows:?}");
    let last = total.min(200);
    let caption = format!("<caption>逾期未完成的整改任务({total}项,本页第 101–{last} 项)");
    assert!(overdue[1].contains(&caption), "{caption}");
    assert!(overdue[0].contains("<a href=\"../overdue/page/2/\" rel=\"next\">"));
}

/// A county's overview does not draw hundreds of villages: past 24 with
/// tasks, its status bars and its burn-ups show the 24 furthest behind,
/// the most overdue first, it says so, and leaves the rest to `/villages/`
/// and their own pages.
#[test]
fn a_county_overview_shows_the_villages_furthest_behind() {
    let dir = tempfile::tempdir().expect("a folder");
    let size = taizhang::synthetic::Size {
        issues: 60,
        villages: 30,
        notes: 2,
        units: 0,
    };
    taizhang::synthetic::write_site(dir.path(), size).expect("writes the site");
    let pages = pages(dir.path());
    let overview = &pages["index.html"];
    let multiples = overview
        .split("<ul class=\"multiples\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .expect("the small multiples");
    let shown: Vec<&str> = multiples.split("<li>").skip(1).collect();
    assert_eq!(shown.len(), 24);
    let overdue: Vec<usize> = shown
        .iter()
        .map(|li| {
            li.split("逾期 ")
                .nth(1)
                .and_then(|n| n.split('<').next())
                .map_or(0, |n| n.parse().expect("a count"))
        })
        .collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "{overdue:?}");
    let with_burnup = pages
        .iter()
        .filter(|(path, page)| {
            path.starts_with("villages/v") && !path.contains("notice") && page.contains("累计进度")
        })
        .count();
    assert!(with_burnup > 24, "{with_burnup}");
    let said = format!("有整改任务的村(社区)共 {with_burnup} 个,这里列出进度最靠后的 24 个");
    assert!(overview.contains(&said), "{said}");
    assert!(overview.contains("全部村(社区)的进度对比见<a href=\"villages/\">"));
    let linked = |html: &str| -> std::collections::BTreeSet<String> {
        html.split("href=\"villages/")
            .skip(1)
            .filter_map(|rest| rest.split_once("/\"").map(|(id, _)| id.to_string()))
            .filter(|id| !id.contains('"'))
            .collect()
    };
    let bars = overview
        .split("<h2 id=\"villages\">")
        .nth(1)
        .and_then(|rest| rest.split("<h3 id=\"burnup\">").next())
        .expect("the status bars");
    assert!(bars.contains("进度最靠后的村(社区)整改任务状态"));
    let in_bars = linked(bars);
    assert_eq!(in_bars, linked(multiples));
    assert_eq!(in_bars.len(), 24);
}

#[test]
fn a_county_overview_shows_the_units_furthest_behind() {
    let dir = tempfile::tempdir().expect("a folder");
    let size = taizhang::synthetic::Size {
        issues: 120,
        villages: 10,
        notes: 2,
        units: 40,
    };
    taizhang::synthetic::write_site(dir.path(), size).expect("writes the site");
    let pages = pages(dir.path());
    let overview = &pages["index.html"];
    let section = overview
        .split("<h2 id=\"units\">")
        .nth(1)
        .and_then(|rest| rest.split("<h2 ").next())
        .expect("the units' section");
    let with_tasks = pages
        .iter()
        .filter(|(path, page)| {
            path.starts_with("units/")
                && path.len() > "units/index.html".len()
                && page.contains("整改任务状态")
        })
        .count();
    assert!(with_tasks > 24, "{with_tasks}");
    let said = format!("有整改任务的责任单位共 {with_tasks} 个,这里列出进度最靠后的 24 个");
    assert!(section.contains(&said), "{said}");
    assert!(section.contains("进度最靠后的责任单位整改任务状态"));
    assert!(section.contains("全部责任单位的进度对比见<a href=\"units/\">"));
    let linked: std::collections::BTreeSet<&str> = section
        .split("href=\"units/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/\"").map(|(id, _)| id))
        .filter(|id| !id.contains('"'))
        .collect();
    assert_eq!(linked.len(), 24, "{linked:?}");
    // The most tasks overdue first, as the units' pages count them, and
    // no unit left out has more than the last one shown.
    let overdue = |id: &str| -> usize {
        let page = &pages[&format!("units/{id}/index.html")];
        page.split("逾期任务(")
            .nth(1)
            .and_then(|n| n.split('项').next())
            .map_or(0, |n| n.parse().expect("a count"))
    };
    let order: Vec<usize> = section
        .split("href=\"units/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/\"").map(|(id, _)| id))
        .filter(|id| !id.contains('"'))
        .map(overdue)
        .collect();
    assert!(order.windows(2).all(|w| w[0] >= w[1]), "{order:?}");
    assert!(order[0] > order[23], "{order:?}");
    let left_out = pages
        .keys()
        .filter_map(|path| path.strip_prefix("units/")?.strip_suffix("/index.html"))
        .filter(|id| !linked.contains(id))
        .map(overdue)
        .max()
        .unwrap_or(0);
    assert!(left_out <= order[23], "{left_out} > {order:?}");
}
