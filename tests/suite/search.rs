//! Site search: every build writes a search index of its own audience's
//! text, and the leak guard reads the index as it reads pages.

use std::collections::BTreeMap;

use taizhang::content::{Audience, Register};
use taizhang::output::{Guard, OutputFile};
use taizhang::search::{self, Record};

use crate::common::{self, repo};

/// The text of every file of the index.
fn index_text(files: &[OutputFile]) -> String {
    files
        .iter()
        .filter(|f| f.path.starts_with(search::DIR))
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect()
}

#[test]
fn each_audience_is_indexed_in_its_own_words() {
    let public = common::build_in_memory(repo(), Audience::Public);
    for path in [
        "search/index.html",
        "static/search.js",
        "search/index/meta.js",
    ] {
        assert!(public.iter().any(|f| f.path == path), "{path}");
    }
    let text = index_text(&public);
    assert!(text.contains("小额信贷管理不够规范的问题"));
    assert!(text.contains("兰某某") && !text.contains("兰东风"));
    let internal = common::build_in_memory(repo(), Audience::Internal);
    assert!(index_text(&internal).contains("兰东风"));
    // Every page but the search page itself leads to it.
    let overview = public
        .iter()
        .find(|f| f.path == "index.html")
        .expect("the overview");
    assert!(String::from_utf8_lossy(&overview.bytes).contains("action=\"search/\""));
}

#[test]
fn an_index_holding_a_registered_name_is_a_leak() {
    let record = Record {
        url: "issues/02/".into(),
        title: "问题 2".into(),
        content: "八景村兰东风户为3年以上未消除风险户".into(),
        filters: BTreeMap::new(),
    };
    let files = search::index(&[record]);
    let mut register = Register::default();
    register.people.push(("兰东风".into(), "兰".into()));
    let leaks = Guard::new(&register).find(&files);
    assert!(
        leaks.iter().any(|l| l.path.ends_with("pages-0.js")),
        "{leaks:?}"
    );
    // The pairs of characters (兰东, 东风) are cut from that text, which is
    // searched whole: they are no name on their own.
    assert!(
        leaks.iter().all(|l| !l.path.contains("shard-")),
        "{leaks:?}"
    );
}
