//! End-to-end builds: pages and addresses, self-containment, determinism,
//! atomic replacement, portable links, and link checking.

use crate::common::{build_ok, repo, taizhang, tree};

use std::fs;
use std::path::{Path, PathBuf};

/// Builds the repository's content into `out` with extra arguments.
fn build_repo(out: &Path, extra: &[&str], threads: Option<&str>) -> std::process::Output {
    let mut command = taizhang();
    command
        .args(["build", "--quiet", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(out)
        .args(extra);
    if let Some(threads) = threads {
        command.env("RAYON_NUM_THREADS", threads);
    }
    command.output().expect("taizhang runs")
}

#[test]
fn writes_every_page_at_its_address() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("public");
    let result = build_repo(&out, &["--lang", "en"], None);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let summary = String::from_utf8_lossy(&result.stdout);
    assert!(
        summary.starts_with("built 64 pages (80 files)"),
        "{summary}"
    );
    let files = tree(&out);
    let mut expected: Vec<String> = vec![
        "index.html",
        "plan/index.html",
        "list/index.html",
        "list/open/index.html",
        "villages/index.html",
        "units/index.html",
        "notes/index.html",
        "policy/index.html",
        "policy/glossary/index.html",
        "policy/fangfan-jiance/index.html",
        "search/index.html",
        "static/search.js",
        "static/favicon.svg",
        "search/index/meta.js",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "static/style.css",
        "data/ledger.csv",
        "data/ledger.xlsx",
        "data/site.json",
        "data/site.schema.json",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    expected.extend((1..=14).map(|n| format!("issues/{n:02}/index.html")));
    for village in [
        "bajing",
        "wangfeng",
        "hongyuandong",
        "huaqiao",
        "jinghu",
        "shuangqiao",
        "taiping",
        "zhifeng",
    ] {
        expected.push(format!("villages/{village}/index.html"));
    }
    expected.push("units/nongye/index.html".into());
    expected.push("notes/2025-07-18-fangan-yinfa/index.html".into());
    for path in &expected {
        assert!(files.contains_key(path), "missing {path}");
    }
    let page = |p: &str| String::from_utf8_lossy(&files[p]).into_owned();
    assert!(page("issues/07/index.html").contains("42.68%"));
    assert!(page("index.html").contains("江政发〔2025〕16号"));
    assert!(
        page("index.html").contains("示例数据"),
        "the sample-data banner"
    );
    assert!(page("list/index.html").contains("<caption>"));
    let feed = page("feed.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(
        !feed.contains("bajing-jiuye-bangfu"),
        "internal notes stay out of the public feed"
    );
    assert!(page("sitemap.xml").contains("issues/07/</loc>"));
    assert!(
        page("villages/bajing/index.html").contains("25户"),
        "the village's figures from the plan"
    );
}

#[test]
fn references_no_external_host() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("public");
    assert!(build_repo(&out, &[], None).status.success());
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            for attribute in ["src=\"", "<link rel=\"stylesheet\" href=\"", "<script"] {
                for piece in text.split(attribute).skip(1) {
                    let value: String = piece
                        .chars()
                        .take_while(|c| *c != '"' && *c != '>')
                        .collect();
                    assert!(!value.contains("//"), "{path}: {attribute}{value}");
                }
            }
            assert!(!text.contains("<iframe"), "{path}");
        }
        if path.ends_with(".css") || path.ends_with(".html") {
            for piece in text.split("url(").skip(1) {
                let value: String = piece.chars().take_while(|c| *c != ')').collect();
                assert!(!value.contains("//"), "{path}: url({value})");
            }
            assert!(!text.contains("@import"), "{path}");
        }
    }
}

#[test]
fn same_input_same_bytes_whatever_the_threads() {
    let dir = tempfile::tempdir().expect("a folder");
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    assert!(build_repo(&a, &[], None).status.success());
    assert!(build_repo(&b, &[], None).status.success());
    assert!(build_repo(&c, &[], Some("1")).status.success());
    let (a, b, c) = (tree(&a), tree(&b), tree(&c));
    assert_eq!(a.keys().collect::<Vec<_>>(), c.keys().collect::<Vec<_>>());
    assert!(a == b, "two builds differ");
    assert!(a == c, "one thread and many differ");
}

#[test]
fn broken_content_leaves_the_previous_site_intact() {
    let dir = tempfile::tempdir().expect("a folder");
    let site = dir.path().join("site");
    taizhang::scaffold::init(&site, Default::default()).expect("writes");
    build_ok(&site, &[]);
    let before = tree(&site.join("public"));
    fs::write(
        site.join("content/issues/01.yaml"),
        "number: 1\ntitle: [broken\n",
    )
    .expect("writes");
    let second = taizhang()
        .args(["build", "--quiet", "--root"])
        .arg(&site)
        .output()
        .expect("runs");
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("content/issues/01.yaml:"));
    assert!(before == tree(&site.join("public")), "public/ changed");
    let leftovers: Vec<_> = fs::read_dir(&site)
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .filter(|name| !name.to_string_lossy().ends_with(".taizhang-lock"))
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "only content/ and public/: {leftovers:?}"
    );
}

#[test]
fn content_links_are_checked_with_file_and_line() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let note = dir.path().join("content/notes/2025-08-01-kickoff.md");
    let text = fs::read_to_string(&note).expect("reads");
    fs::write(
        &note,
        format!("{text}\n见[问题1](/issues/01/#tasks)和[问题9](/issues/09/)。\n"),
    )
    .expect("writes");
    let issue = dir.path().join("content/issues/01.yaml");
    let text = fs::read_to_string(&issue).expect("reads");
    fs::write(&issue, text.replace("  部分村(社区)村务公开栏内容未按季度更新。\n", "  部分村(社区)村务公开栏内容未按季度更新。\n\n  详见[名词](/policy/glossary/#没有这个词)。\n"))
        .expect("writes");
    let out = taizhang()
        .args(["build", "--quiet", "--lang", "en", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/notes/2025-08-01-kickoff.md:10:"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("error[E080]: the link `/issues/09/` leads to no page or anchor of the site"),
        "{stderr}"
    );
    assert!(stderr.contains("content/issues/01.yaml:7:10:"), "{stderr}");
    // The build frees the text of its sources once checked, but keeps
    // the files that hold links: their lines are quoted.
    assert!(
        stderr.contains("7 |   详见[名词](/policy/glossary/#没有这个词)。"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`/policy/glossary/#没有这个词`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("/issues/01/#tasks`"),
        "a link that resolves is fine: {stderr}"
    );
    // Links are checked once every page is written to a fresh folder: that
    // folder goes, and no site appears.
    let left: Vec<_> = fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .filter(|name| !name.to_string_lossy().ends_with(".taizhang-lock"))
        .collect();
    assert_eq!(left, ["content"], "{left:?}");
}

/// Resolves `href` from the page at `page` (a path under `root`) the way a
/// browser opening files does.
fn resolve(root: &Path, page: &Path, href: &str) -> (PathBuf, Option<String>) {
    let (path, anchor) = match href.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (href, None),
    };
    let mut target = if path.is_empty() {
        page.to_path_buf()
    } else {
        page.parent().expect("a folder").join(path)
    };
    // Normalise `..` without touching the disk.
    let mut parts: Vec<std::ffi::OsString> = Vec::new();
    for component in target.components() {
        match component {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_owned()),
        }
    }
    target = parts.iter().collect();
    assert!(
        target.starts_with(root),
        "{href} from {} leaves the site",
        page.display()
    );
    (target, anchor)
}

#[test]
fn portable_build_links_all_resolve_on_disk() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("usb");
    assert!(build_repo(&out, &["--portable"], None).status.success());
    let files = tree(&out);
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let page = out.join(path);
        let html = String::from_utf8_lossy(bytes);
        for attribute in [" href=\"", " src=\""] {
            for piece in html.split(attribute).skip(1) {
                let href = piece.split('"').next().unwrap_or_default();
                if href.contains("://") || href.starts_with("mailto:") || href.starts_with("tel:") {
                    continue;
                }
                let (target, anchor) = resolve(&out, &page, href);
                assert!(
                    target.is_file(),
                    "{path}: {href} → {} is not a file",
                    target.display()
                );
                if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                    let text = fs::read_to_string(&target).expect("reads");
                    assert!(
                        text.contains(&format!(" id=\"{anchor}\"")),
                        "{path}: {href}: no #{anchor}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} links");
}

/// A build holds of its sources only what its messages quote (a county's
/// files are tens of megabytes of text), and each message reads as
/// `check` prints it with every file's text at hand.
#[test]
fn a_build_keeps_of_its_sources_the_lines_its_messages_quote() {
    let options = taizhang::site::BuildOptions::new(repo());
    let (built, _) = taizhang::site::build_in_memory(&options).expect("builds");
    let whole = crate::common::check(repo());
    let thinned = &built.checked.sources;
    let kept: usize = thinned.files().map(|(_, _, text)| text.len()).sum();
    let read: usize = whole.sources.files().map(|(_, _, text)| text.len()).sum();
    assert!(kept * 10 < read, "kept {kept} of {read} bytes");
    let messages = |checked: &taizhang::check::Checked, sources| {
        checked
            .diagnostics
            .iter()
            .map(|d| taizhang::diagnostics::render(d, sources, taizhang::diagnostics::Lang::En))
            .collect::<Vec<_>>()
    };
    let printed = messages(&built.checked, thinned);
    assert!(printed.iter().any(|m| m.contains(" | ")), "{printed:?}");
    assert_eq!(printed, messages(&whole, &whole.sources));
}

/// A build takes the checked issues into its model, freeing each document
/// as its part is built (a county's are 150 MB): the model is the one
/// built beside them, for either audience, and what was read is still
/// counted.
#[test]
fn a_model_built_taking_the_issues_is_the_model_built_beside_them() {
    use taizhang::content::Audience;
    for audience in [Audience::Public, Audience::Internal] {
        let given = taizhang::settings::Given {
            audience,
            ..Default::default()
        };
        let mut checked = taizhang::check::check(repo(), &given);
        let beside = taizhang::model::build(&checked.content, &checked.settings).expect("builds");
        let summary = checked.summary(taizhang::diagnostics::Lang::En);
        checked.keep_counts();
        let settings = checked.settings.clone();
        let taken =
            taizhang::model::build_taking_issues(&mut checked.content, &settings).expect("builds");
        assert!(
            checked.content.issues.is_empty(),
            "the documents were taken"
        );
        assert_eq!(checked.summary(taizhang::diagnostics::Lang::En), summary);
        let json = |model| serde_json::to_string(model).expect("serialises");
        assert_eq!(json(&taken), json(&beside), "{audience:?}");
    }
}

/// A county's 100,000 tasks share their issue's slug and title and their
/// village's and unit's names, rather than each holding a copy.
#[test]
fn tasks_share_their_issue_s_title_and_their_village_s_name() {
    use std::sync::Arc;
    let checked = crate::common::check(repo());
    let model = taizhang::model::build(&checked.content, &checked.settings).expect("builds");
    let (first, rest) = model.tasks.split_first().expect("Sanjiang has tasks");
    let same_issue = rest
        .iter()
        .find(|t| t.issue == first.issue)
        .expect("two tasks");
    assert!(Arc::ptr_eq(&first.issue_title, &same_issue.issue_title));
    assert!(Arc::ptr_eq(&first.issue_slug, &same_issue.issue_slug));
    let named: Vec<Arc<str>> = (model.tasks.iter())
        .filter_map(|t| t.village.as_ref().map(|v| Arc::clone(&v.name)))
        .collect();
    let shared = named
        .iter()
        .enumerate()
        .any(|(i, a)| named[i + 1..].iter().any(|b| *a == *b && Arc::ptr_eq(a, b)));
    assert!(shared, "two tasks of one village share its name");
    let copied = named.iter().enumerate().any(|(i, a)| {
        named[i + 1..]
            .iter()
            .any(|b| *a == *b && !Arc::ptr_eq(a, b))
    });
    assert!(!copied, "no task holds a copy of its village's name");
}
