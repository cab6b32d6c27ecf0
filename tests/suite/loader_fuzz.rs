//! Random bytes and randomly mutated valid content never make the loader or
//! validator panic: every outcome is content or diagnostics.

use crate::common;

use std::fs;
use std::path::Path;

use proptest::prelude::*;

const VALID_ISSUE: &str = include_str!("../../src/scaffold/site/content/issues/01.yaml");
const VALID_NOTE: &str =
    include_str!("../../src/scaffold/site/content/notes/2025-08-01-kickoff.md");

/// Characters that matter to YAML, plus CJK text and line ends.
const MUTATIONS: &[&str] = &[
    ":",
    "-",
    " ",
    "  ",
    "\n",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    "\"",
    "#",
    "&a",
    "*a",
    "!",
    "|",
    ">",
    "?",
    "%",
    "@",
    "`",
    "~",
    "null",
    "2025-02-30",
    "八景村",
    "\u{feff}",
    "\r",
    "---",
    "...",
    "<<: *a",
    "0x1F",
    "1e999",
];

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("the example site writes");
    dir
}

/// Writes `bytes` to `relative`, checks the site and renders every
/// diagnostic; returns each as printed (English).
fn check_file(site: &Path, relative: &str, bytes: &[u8]) -> Vec<String> {
    fs::write(site.join(relative), bytes).expect("written");
    let checked = common::check(site);
    // Rendering must not panic either (odd spans, odd characters).
    checked
        .diagnostics
        .iter()
        .map(|d| {
            taizhang::diagnostics::render(d, &checked.sources, taizhang::diagnostics::Lang::En)
        })
        .collect()
}

fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(kind, position, pick) in edits {
        let at = position % (chars.len() + 1);
        match kind % 3 {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => {
                let insert: Vec<char> = MUTATIONS[pick % MUTATIONS.len()].chars().collect();
                chars.splice(at..=at, insert);
            }
            _ => {
                let insert: Vec<char> = MUTATIONS[pick % MUTATIONS.len()].chars().collect();
                chars.splice(at..at, insert);
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let dir = site();
        check_file(dir.path(), "content/issues/01.yaml", &bytes);
        check_file(dir.path(), "content/notes/2025-08-01-kickoff.md", &bytes);
    }

    #[test]
    fn mutated_valid_content_never_panics(
        edits in proptest::collection::vec((0usize..3, 0usize..4096, 0usize..64), 1..8)
    ) {
        let dir = site();
        check_file(dir.path(), "content/issues/01.yaml", mutate(VALID_ISSUE, &edits).as_bytes());
        check_file(dir.path(), "content/notes/2025-08-01-kickoff.md", mutate(VALID_NOTE, &edits).as_bytes());
    }
}

#[test]
fn hostile_yaml_is_refused_not_expanded() {
    let dir = site();
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for n in 1..12 {
        let prev = (b'a' + n - 1) as char;
        let this = (b'a' + n) as char;
        laughs.push_str(&format!("{this}: &{this} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    // Refused as a YAML error in that file, not expanded into memory.
    let refused = |said: &[String], why: &str| {
        said.iter().any(|d| {
            d.starts_with("content/issues/01.yaml:") && d.contains("error[E010]") && d.contains(why)
        })
    };
    let said = check_file(dir.path(), "content/issues/01.yaml", laughs.as_bytes());
    assert!(refused(&said, "budget breached"), "{said:?}");
    let said = check_file(
        dir.path(),
        "content/issues/01.yaml",
        "[".repeat(100_000).as_bytes(),
    );
    assert!(
        refused(&said, "recursion limit"),
        "{:?}",
        said.first().map(|d| &d[..200.min(d.len())])
    );
    // The 100,000-character line is quoted around the column, not whole.
    let longest = said.iter().map(String::len).max().unwrap_or_default();
    assert!(longest < 4_000, "a diagnostic of {longest} bytes");
}
