//! What `serve` does after an edit equals a fresh build: a recheck that
//! reads only the changed files gives the same diagnostics and the same
//! site as checking from scratch, and a page rendered on its own equals the
//! same page from a whole-site render.

use crate::common::{copy_repository_content, repo};

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use taizhang::check::{Checked, Rechecker, check};
use taizhang::content::Audience;
use taizhang::diagnostics::{Lang, Problem, render};
use taizhang::output::{Memory, OutputFile};
use taizhang::settings::Given;
use taizhang::site::{Guards, Prepared};

/// Every file of a checked site, rendered through the build's pipeline.
fn render_all(checked: &Checked, root: &Path) -> Vec<OutputFile> {
    let prepared = Prepared::new(checked, root, &Guards::default()).expect("prepares");
    let files = Memory::default();
    let findings = prepared
        .render_into(&files, &Default::default(), &Default::default())
        .expect("renders")
        .expect("not stopped");
    assert!(findings.is_clean(), "{findings:?}");
    files.into_files()
}

/// Everything a check and build produce: each diagnostic as printed, and
/// every file of the site (none when the content has errors).
fn outcome(checked: &Checked, root: &Path) -> (Vec<String>, BTreeMap<String, Vec<u8>>) {
    let diagnostics = checked
        .diagnostics
        .sorted(&checked.sources)
        .into_iter()
        .map(|d| render(d, &checked.sources, Lang::En))
        .collect();
    let mut files = BTreeMap::new();
    if !checked.diagnostics.has_errors() {
        let rendered = render_all(checked, root);
        files.extend(rendered.into_iter().map(|f| (f.path, f.bytes)));
    }
    (diagnostics, files)
}

/// Rechecks after `changed` and asserts the outcome equals a fresh check's.
fn assert_same_as_fresh(rechecker: &mut Rechecker, root: &Path, changed: &[&Path], what: &str) {
    let changed: HashSet<PathBuf> = changed.iter().map(|p| p.to_path_buf()).collect();
    let again = outcome(rechecker.recheck(&changed), root);
    let fresh = outcome(&check(root, &Given::default()), root);
    assert_eq!(again.0, fresh.0, "{what}: diagnostics differ");
    assert_eq!(
        again.1.keys().collect::<Vec<_>>(),
        fresh.1.keys().collect::<Vec<_>>(),
        "{what}: files differ"
    );
    for (path, bytes) in &fresh.1 {
        assert!(again.1[path] == *bytes, "{what}: {path} differs");
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("reads");
    assert!(text.contains(from), "{} holds {from}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("writes");
}

#[test]
fn a_recheck_after_edits_equals_a_fresh_check() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    copy_repository_content(root);
    let content = root.join("content");
    let mut rechecker = Rechecker::new(root, Default::default());
    assert_same_as_fresh(&mut rechecker, root, &[], "first check");

    // An editor's swap file changes nothing the site shows.
    let swap = content.join("issues/.07.yaml.swp");
    fs::write(&swap, b"\0swap").expect("writes");
    rechecker.recheck(&[swap].into_iter().collect());
    assert!(rechecker.unchanged(), "a swap file is not content");

    let issue = content.join("issues/07.yaml");
    edit(&issue, "title: ", "title: 改过的");
    assert_same_as_fresh(&mut rechecker, root, &[&issue], "an issue title");
    assert!(!rechecker.unchanged());

    // The only mention of a registered person goes (an error), then comes
    // back: which names a file mentions is remembered per text.
    let with_name = fs::read_to_string(&issue).expect("reads");
    fs::write(&issue, with_name.replace("徐丹", "某人")).expect("writes");
    assert_same_as_fresh(&mut rechecker, root, &[&issue], "a person unmentioned");
    let checked = rechecker.current().expect("checked");
    assert!(
        checked
            .diagnostics
            .sorted(&checked.sources)
            .iter()
            .any(|d| matches!(&d.problem, Problem::PersonNotMentioned { name } if name == "徐丹")),
        "the register's unmentioned name is reported"
    );
    fs::write(&issue, &with_name).expect("writes");
    assert_same_as_fresh(
        &mut rechecker,
        root,
        &[&issue],
        "the person mentioned again",
    );

    // A mistake only validation sees (a village that does not exist), then
    // fixed again.
    let text = fs::read_to_string(&issue).expect("reads");
    let village = text
        .lines()
        .find_map(|l| l.trim().trim_start_matches("- ").strip_prefix("village: "))
        .expect("a task with a village")
        .to_string();
    edit(&issue, &format!("village: {village}"), "village: nowhere");
    assert_same_as_fresh(&mut rechecker, root, &[&issue], "an unknown village");
    edit(&issue, "village: nowhere", &format!("village: {village}"));
    assert_same_as_fresh(&mut rechecker, root, &[&issue], "the village again");

    // The watcher said nothing (events lost): the changed size gives it away.
    let glossary = content.join("glossary.yaml");
    edit(&glossary, "term: ", "term: 新");
    assert_same_as_fresh(&mut rechecker, root, &[], "the glossary, unannounced");

    let site = content.join("site.yaml");
    edit(&site, "as_of: 2025-10-20", "as_of: 2025-11-20");
    assert_same_as_fresh(&mut rechecker, root, &[&site], "the as-of date");

    // A file that no longer parses, then a new file, then one removed.
    let note = fs::read_dir(content.join("notes"))
        .expect("notes")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a note");
    let good = fs::read_to_string(&note).expect("reads");
    fs::write(&note, "---\ntitle: [unclosed\n---\n").expect("writes");
    assert_same_as_fresh(&mut rechecker, root, &[&note], "a broken note");
    fs::write(&note, &good).expect("writes");
    assert_same_as_fresh(&mut rechecker, root, &[&note], "the note fixed");
    let added = content.join("notes/zz-added.md");
    fs::write(
        &added,
        "---\ntitle: 新增的动态\ndate: 2025-09-01\n---\n新增的正文。\n",
    )
    .expect("writes");
    assert_same_as_fresh(&mut rechecker, root, &[&added], "a new note");
    fs::remove_file(&added).expect("removes");
    assert_same_as_fresh(&mut rechecker, root, &[&added], "the note removed");
}

#[test]
fn each_page_rendered_alone_equals_the_whole_site_render() {
    for audience in [Audience::Public, Audience::Internal] {
        let given = Given {
            audience,
            ..Given::default()
        };
        let checked = check(repo(), &given);
        let whole = render_all(&checked, repo());
        // A fresh renderer per run, asked for pages in reverse order, so no
        // page can lean on charts or prose another page drew first.
        let alone = Prepared::new(&checked, repo(), &Guards::default()).expect("prepares");
        let paths: Vec<String> = alone.renderer().paths().map(str::to_string).collect();
        assert_eq!(paths.len(), whole.len());
        for file in whole.iter().rev() {
            let single = alone
                .file(&file.path)
                .expect("a file of the site")
                .unwrap_or_else(|e| panic!("{}: {e:?}", file.path));
            assert!(
                single.bytes == file.bytes,
                "{:?}: {} differs",
                audience,
                file.path
            );
        }
        assert!(alone.file("no/such/page/index.html").is_none());
    }
}
