//! Chinese typography on built pages: the content's ASCII punctuation
//! beside Chinese is shown full-width, unless the site keeps it as typed.

use std::fs;

use taizhang::content::Audience;

use crate::common::{self, repo};

fn plan_page(root: &std::path::Path) -> String {
    let files = common::build_in_memory(root, Audience::Public);
    let page = files
        .iter()
        .find(|f| f.path == "plan/index.html")
        .expect("the plan page");
    String::from_utf8_lossy(&page.bytes).into_owned()
}

#[test]
fn pages_set_chinese_punctuation_unless_the_site_keeps_it_as_typed() {
    // site.yaml types 各村(社区)、部门单位: in the notice.
    let page = plan_page(repo());
    assert!(
        page.contains("各村\u{FF08}社区\u{FF09}、部门单位\u{FF1A}"),
        "full-width on the page"
    );
    assert!(!page.contains("各村(社区)"));
    let dir = tempfile::tempdir().expect("a folder");
    common::copy_repository_content(dir.path());
    let site = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&site).expect("reads");
    fs::write(&site, format!("keep_punctuation: true\n{text}")).expect("writes");
    let kept = plan_page(dir.path());
    assert!(kept.contains("各村(社区)、部门单位:"), "as typed when kept");
}
