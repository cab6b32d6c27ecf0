//! A published plan into a site with one command: the Sanjiang plan's text,
//! as saved from the town's website, imported and compared field by field
//! with the content this repository encodes by hand.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use taizhang::content::Audience;
use taizhang::output::OutputFile;

use crate::common::{self, repo, taizhang};

fn model(files: &[OutputFile]) -> serde_json::Value {
    let json = files
        .iter()
        .find(|f| f.path == "data/site.json")
        .expect("site.json");
    serde_json::from_slice(&json.bytes).expect("JSON")
}

/// Text compared as a reader would: no markup, spaces or closing stop.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"*_`。;;".contains(*c))
        .collect()
}

fn units(issue: &serde_json::Value) -> BTreeSet<String> {
    ["units", "lead_units"]
        .iter()
        .flat_map(|key| issue[key].as_array().cloned().unwrap_or_default())
        .filter_map(|u| u["name"].as_str().map(str::to_string))
        .collect()
}

/// The public build of `site`: its /plan/ page, and every file.
pub(crate) fn plan_page(site: &Path) -> (String, Vec<OutputFile>) {
    let public = common::build_in_memory(site, Audience::Public);
    let page = public
        .iter()
        .find(|f| f.path == "plan/index.html")
        .expect("the plan page");
    (
        common::as_typed(&String::from_utf8_lossy(&page.bytes)),
        public,
    )
}

#[test]
fn the_sanjiang_plan_imports_into_the_content_we_wrote_by_hand() {
    let dir = tempfile::tempdir().expect("a folder");
    let site = dir.path().join("imported");
    let plan = repo().join("tests/plans/import/sanjiang-2025.txt");
    let out = taizhang()
        .args(["import", "plan"])
        .arg(&plan)
        .arg("--into")
        .arg(&site)
        .args(["--lang", "en"])
        .output()
        .expect("runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("14 problems"), "{stdout}");
    let check = taizhang()
        .args(["check", "--root"])
        .arg(&site)
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let ours = model(&common::build_in_memory(repo(), Audience::Internal));
    let theirs = model(&common::build_in_memory(&site, Audience::Internal));
    let (ours, theirs) = (
        ours["issues"].as_array().expect("issues"),
        theirs["issues"].as_array().expect("issues"),
    );
    assert_eq!(theirs.len(), 14);
    let (mut measures, mut measures_same, mut units_same) = (0, 0, 0);
    for (a, b) in ours.iter().zip(theirs) {
        assert_eq!(a["title"], b["title"], "issue {}", a["number"]);
        assert_eq!(
            a["deadline_text"], b["deadline_text"],
            "issue {}",
            a["number"]
        );
        let texts = |i: &serde_json::Value| -> Vec<String> {
            i["measures"]
                .as_array()
                .expect("measures")
                .iter()
                .map(|m| plain(m["text"].as_str().unwrap_or_default()))
                .collect()
        };
        let (mine, found) = (texts(a), texts(b));
        measures += mine.len();
        measures_same += mine.iter().filter(|m| found.contains(m)).count();
        units_same += usize::from(units(a) == units(b));
    }
    let measure_score = measures_same as f64 / measures as f64;
    let unit_score = units_same as f64 / 14.0;
    println!(
        "import plan score: titles 14/14, deadlines 14/14, measures {measures_same}/{measures} ({:.0}%), unit assignments {units_same}/14 ({:.0}%)",
        measure_score * 100.0,
        unit_score * 100.0
    );
    assert!(measure_score >= 0.9, "measures {measures_same}/{measures}");
    assert!(unit_score >= 0.9, "units {units_same}/14");

    // The residents the plan names are registered, so the public site masks them.
    let people = fs::read_to_string(site.join("content/people.yaml")).expect("reads");
    for name in ["兰东风", "罗茜宇", "徐丹", "蒋汨江"] {
        assert!(people.contains(name), "{people}");
    }
    // The plan page holds the preamble and the chapters.
    let (page, public) = plan_page(&site);
    for words in [
        "特制定如下整改方案",
        "实施步骤",
        "工作要求",
        "压实整改责任",
        "各村(社区)、部门单位",
    ] {
        assert!(page.contains(words), "/plan/ lacks {words}");
    }
    assert!(
        public
            .iter()
            .all(|f| !String::from_utf8_lossy(&f.bytes).contains("兰东风"))
    );
}

#[test]
fn a_file_that_is_not_a_plan_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("a folder");
    let news = dir.path().join("news.txt");
    fs::write(
        &news,
        "镇里召开乡村振兴工作会议\n\n会议要求各村抓好落实。\n",
    )
    .expect("writes");
    let into = dir.path().join("x");
    let out = taizhang()
        .args(["import", "plan"])
        .arg(&news)
        .arg("--into")
        .arg(&into)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no problems found"));
    assert!(!Path::new(&into).exists());
}

/// The Sanjiang plan's lines, as a Word document would hold them: one
/// paragraph each.
fn write_docx(lines: &[&str], path: &Path) {
    use std::io::Write;
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for line in lines {
        // Word splits a paragraph into runs where formatting changes.
        let (a, b) = line.split_at(
            line.char_indices()
                .nth(line.chars().count() / 2)
                .map_or(0, |(i, _)| i),
        );
        xml.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p>",
            escape(a),
            escape(b)
        ));
    }
    xml.push_str("</w:body></w:document>");
    let file = fs::File::create(path).expect("creates");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options)
        .expect("a part");
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        .expect("writes");
    zip.start_file("word/document.xml", options)
        .expect("a part");
    zip.write_all(xml.as_bytes()).expect("writes");
    zip.finish().expect("finishes");
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same lines as a government site serves them: navigation, a
/// breadcrumb, the article in a marked element, a footer and scripts.
fn write_html(lines: &[&str], path: &Path) {
    let mut page = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>关于印发通知_三江镇人民政府</title>\
         <script>var notice='关于印发的通知';</script><style>p{margin:0}</style></head><body>\
         <header><a href=\"/\">首页</a><a href=\"/xxgk/\">信息公开</a><a>通知公告</a></header>\
         <div class=\"crumb\">当前位置:首页 &gt; 通知公告</div><div class=\"article-content\" id=\"zoom\">",
    );
    for line in lines {
        page.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    page.push_str(
        "</div><footer>主办:三江镇人民政府 备案号</footer><script>share();</script></body></html>",
    );
    fs::write(path, page).expect("writes");
}

fn issue_files(root: &Path) -> Vec<String> {
    let mut files: Vec<_> = fs::read_dir(root.join("content/issues"))
        .expect("issues")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| fs::read_to_string(p).expect("reads"))
        .collect()
}

#[test]
fn the_plan_as_a_word_document_or_a_web_page_reads_the_same() {
    let dir = tempfile::tempdir().expect("a folder");
    let text =
        fs::read_to_string(repo().join("tests/plans/import/sanjiang-2025.txt")).expect("reads");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let (docx, html) = (dir.path().join("方案.docx"), dir.path().join("方案.html"));
    write_docx(&lines, &docx);
    write_html(&lines, &html);
    let mut imported = Vec::new();
    for (file, into) in [
        (repo().join("tests/plans/import/sanjiang-2025.txt"), "txt"),
        (docx, "docx"),
        (html, "html"),
    ] {
        let site = dir.path().join(into);
        let out = taizhang()
            .args(["import", "plan"])
            .arg(&file)
            .arg("--into")
            .arg(&site)
            .args(["--lang", "en"])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{into}: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("14 problems, 38 measures"),
            "{into}: {stdout}"
        );
        imported.push(issue_files(&site));
    }
    assert_eq!(
        imported[0], imported[1],
        "the Word document reads as the text"
    );
    assert_eq!(imported[0], imported[2], "the web page reads as the text");
}

#[test]
fn files_that_are_not_plans_say_why() {
    let dir = tempfile::tempdir().expect("a folder");
    let refuse = |name: &str, bytes: &[u8]| -> String {
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("writes");
        let out = taizhang()
            .args(["import", "plan"])
            .arg(&path)
            .arg("--into")
            .arg(dir.path().join("out"))
            .output()
            .expect("runs");
        assert!(!out.status.success(), "{name}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(refuse("empty.txt", b"").contains("no problems found"));
    assert!(refuse("locked.docx", b"\xD0\xCF\x11\xE0 encrypted").contains("password"));
    let workbook = {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet()
            .write_string(0, 0, "台账")
            .expect("writes");
        book.save_to_buffer().expect("saves")
    };
    assert!(refuse("renamed.docx", &workbook).contains("not a Word document"));
    let menu = "<html><body><nav><a>首页</a></nav><div>网站地图</div></body></html>";
    assert!(refuse("menu.html", menu.as_bytes()).contains("no problems found"));
    assert!(!dir.path().join("out").exists());
}
