//! Plans of other places, imported from the fixtures under
//! `tests/plans/import/`: a township's web page with problems in two levels,
//! a Word file numbered automatically with a table of problems, and a GBK
//! text copied out of a PDF with its lines broken mid-sentence.

use std::fs;
use std::path::Path;

use crate::common::{repo, taizhang};
use crate::plan_import::plan_page;

/// One plan of another place, as imported: the report's counts line, and
/// the issue files by name.
fn import_fixture(file: &str, site: &Path) -> (String, String) {
    let out = taizhang()
        .args(["import", "plan"])
        .arg(repo().join("tests/plans/import").join(file))
        .arg("--into")
        .arg(site)
        .args(["--lang", "en"])
        .output()
        .expect("runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{file}: {stdout}\n{stderr}");
    assert!(stdout.contains("check: 0 errors"), "{file}: {stdout}");
    let check = taizhang()
        .args(["check", "--root"])
        .arg(site)
        .output()
        .expect("runs");
    assert!(check.status.success(), "{file} does not check");
    (stdout, stderr)
}

fn issue(site: &Path, number: u32) -> String {
    fs::read_to_string(site.join(format!("content/issues/{number:02}.yaml"))).expect("reads")
}

#[test]
fn a_township_page_with_problems_in_two_levels_and_units_in_brackets() {
    let dir = tempfile::tempdir().expect("a folder");
    let site = dir.path().join("qingshi");
    let (stdout, stderr) = import_fixture("qingshi-2018.html", &site);
    assert!(
        stdout.contains("7 problems, 12 measures, 7 units, 2 villages, 7 deadlines, 1 other chapter; 0 lines not placed"),
        "{stdout}"
    );
    // ① under (2)住房安全方面 under 1.专项整改问题: two categories, the
    // number as printed, units out of the bracket after the problem.
    let second = issue(&site, 2);
    for line in [
        "label: \"1.\u{FF08}2\u{FF09}\u{2460}\"",
        "category: [\"专项整改问题\", \"住房安全方面\"]",
        "lead_unit: [fupinban, cunjiansuo]",
        "units: [gecunzhibu]",
        "deadline: \"2018年10月底前\"",
    ] {
        assert!(second.contains(line), "{line} in\n{second}");
    }
    // 搬 迁 with a space inside the word reads as one word; no bracket left.
    assert!(second.contains("易地搬迁政策") && !second.contains("牵头单位"));
    // Villages given as units are the problem's villages; the resident it names is registered.
    let third = issue(&site, 3);
    assert!(third.contains("villages: [shimen, baiyan]"), "{third}");
    assert!(stderr.contains("张德明"), "{stderr}");
    let site_yaml = fs::read_to_string(site.join("content/site.yaml")).expect("reads");
    // No notice on the page: the title from the page, issuer and date from the signature.
    assert!(site_yaml.contains("title: \"2017年度脱贫攻坚成效考核反馈问题整改实施方案\""));
    assert!(
        site_yaml.contains("issuer: \"青石乡人民政府\"") && site_yaml.contains("date: 2018-09-05")
    );
    // Nothing of the page's navigation, tools or footer.
    for chrome in ["首页", "打印本页", "备案号", "doZoom"] {
        assert!(!site_yaml.contains(chrome), "{chrome}");
    }
    // On the plan page, 1.(3) stands under its own category again, not
    // under the group of ① items before it.
    let (page, _) = plan_page(&site);
    let resumed = page
        .find("<h3>专项整改问题(续)</h3>")
        .expect("the category resumes");
    assert!(page[resumed..].find("饮水安全方面") < page[resumed..].find("共性问题"));
    assert!(page.contains("饮水安全方面,部分农户水量不足、季节性缺水</a>"));
}

#[test]
fn a_word_file_with_automatic_numbering_and_a_table_of_problems() {
    let dir = tempfile::tempdir().expect("a folder");
    let site = dir.path().join("liuwan");
    let (stdout, stderr) = import_fixture("liuwan-2023.docx", &site);
    assert!(
        stdout.contains("6 problems, 13 measures, 9 units, 2 villages, 6 deadlines, 4 other chapters; 6 lines not placed"),
        "{stdout}"
    );
    // The officials' column is kept beside each problem, not made a unit.
    assert!(
        stderr
            .contains("!E2: not placed, kept as a comment in issues/01.yaml: 责任领导:分管副主任"),
        "{stderr}"
    );
    let site_yaml = fs::read_to_string(site.join("content/site.yaml")).expect("reads");
    // Chapters numbered by Word's heading style; two issuers on two lines.
    for words in [
        "- title: \"指导思想\"",
        "- title: \"保障措施\"",
        "\u{FF08}二\u{FF09}压实整改责任",
        "issuer: \"中共柳湾管理区工作委员会、柳湾管理区管理委员会\"",
        "number: \"柳管发〔2023〕9号\"",
        "date: 2023-06-12",
    ] {
        assert!(site_yaml.contains(words), "{words} in\n{site_yaml}");
    }
    // Text deleted under tracked changes is not read.
    assert!(!site_yaml.contains("征求意见稿"));
    // The category merged down three rows reaches each of them; numbered
    // paragraphs in a cell are measures each.
    let first = issue(&site, 1);
    assert!(first.contains("title: \"政策底数不清\""), "{first}");
    assert_eq!(first.matches("\n  - ").count(), 2, "{first}");
    for n in 3..=6 {
        assert!(
            issue(&site, n).contains("category: \"工作落实方面\""),
            "{n}"
        );
    }
    assert!(issue(&site, 2).contains("villages: [xinhe]"));
}

#[test]
fn a_gbk_text_copied_out_of_a_pdf_with_lines_broken_mid_sentence() {
    let dir = tempfile::tempdir().expect("a folder");
    let site = dir.path().join("tongmu");
    let (stdout, stderr) = import_fixture("tongmu-2020.txt", &site);
    assert!(
        stdout.contains("6 problems, 14 measures, 7 units, 2 villages, 6 deadlines, 2 other chapters; 2 lines not placed"),
        "{stdout}"
    );
    // What was not placed is the PDF's page numbers.
    assert!(
        stderr.contains(":28: not placed, kept as a comment in site.yaml: — 1 —"),
        "{stderr}"
    );
    // A measure broken over a page's end and its number reads whole.
    let second = issue(&site, 2);
    assert!(
        second.contains("对有劳动力的户逐人登记就业意愿\u{FF0C}推荐岗位。"),
        "{second}"
    );
    assert!(
        second.contains("组织农技人员入户开展技术指导。"),
        "{second}"
    );
    // Each category numbers its problems from 1 again: no warning, labels as printed.
    assert!(!stderr.contains("expected"), "{stderr}");
    let fourth = issue(&site, 4);
    assert!(fourth.contains("label: \"(二)1.\""), "{fourth}");
    assert!(fourth.contains("villages: [fengshu, longtan]"), "{fourth}");
    let site_yaml = fs::read_to_string(site.join("content/site.yaml")).expect("reads");
    assert!(site_yaml.contains("title: \"桐木乡贫困县退出专项评估检查反馈问题整改方案\""));
    // Round trip: the plan page holds the preamble and the chapters.
    let (page, _) = plan_page(&site);
    for words in ["迎接国家脱贫攻坚普查", "指导思想", "保障措施", "严格督导"]
    {
        assert!(page.contains(words), "/plan/ lacks {words}");
    }
}
