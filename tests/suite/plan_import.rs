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
    let public = common::build_in_memory(&site, Audience::Public);
    let page = public
        .iter()
        .find(|f| f.path == "plan/index.html")
        .expect("the plan page");
    let page = String::from_utf8_lossy(&page.bytes);
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
