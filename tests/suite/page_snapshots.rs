//! Snapshot tests: the HTML of key pages of the `init` example site, read
//! like a spec of what each page holds. The overview and the feed are kept
//! whole (the header, navigation and footer every page shares); the other
//! pages keep only their breadcrumbs and `<main>`, so a change to the shared frame
//! rewrites one snapshot, not eight. `TAIZHANG_BLESS=1` rewrites them after
//! a deliberate change; review the diff before committing.

use std::fs;
use std::path::Path;

#[test]
fn key_pages_match_their_snapshots() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let out = dir.path().join("public");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .args(["build", "--quiet", "--root"])
        .arg(dir.path())
        .status()
        .expect("runs");
    assert!(status.success());
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut failures = Vec::new();
    for (page, name, whole) in [
        ("index.html", "overview.html", true),
        ("list/index.html", "list.html", false),
        ("issues/01/index.html", "issue-01.html", false),
        ("villages/dongcun/index.html", "village-dongcun.html", false),
        ("units/bangongshi/index.html", "unit-bangongshi.html", false),
        ("notes/2025-08-01-kickoff/index.html", "note.html", false),
        ("policy/glossary/index.html", "glossary.html", false),
        ("feed.xml", "feed.xml", true),
    ] {
        let text = fs::read_to_string(out.join(page)).expect("the page exists");
        let actual = if whole { text } else { main_of(&text, page) };
        let path = snapshots.join(name);
        if std::env::var_os("TAIZHANG_BLESS").is_some() {
            fs::write(&path, &actual).expect("writes");
            continue;
        }
        let expected = fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("{page} differs from tests/snapshots/{name}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with TAIZHANG_BLESS=1 and review the diff)",
        failures.join("\n")
    );
}

/// What is a page's own: its breadcrumbs, if any, through the end of its
/// `<main>` element.
fn main_of(html: &str, page: &str) -> String {
    let start = html
        .find("<nav class=\"breadcrumbs\"")
        .or_else(|| html.find("<main"))
        .unwrap_or_else(|| panic!("{page} has <main>"));
    let end = html
        .find("</main>")
        .unwrap_or_else(|| panic!("{page} closes <main>"));
    format!("{}\n", &html[start..end + "</main>".len()])
}
