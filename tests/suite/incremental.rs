//! What `serve` does after an edit equals a fresh build: a recheck that
//! reads only the changed files, and a model that builds again only the
//! issues and notes whose files changed, give the same diagnostics and the
//! same site as checking from scratch; and a page rendered on its own
//! equals the same page from a whole-site render.

use crate::common::{copy_repository_content, repo};

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use taizhang::check::{Checked, Rechecker, check};
use taizhang::content::Audience;
use taizhang::diagnostics::{Lang, Problem, render};
use taizhang::model::{Memo, build_reusing};
use taizhang::output::{Memory, OutputFile};
use taizhang::settings::Given;
use taizhang::site::{Prepared, Reuse};

/// Every file of a checked site, rendered through the build's pipeline,
/// reusing what `reuse` kept from sites prepared before.
fn render_all(checked: &Checked, root: &Path, reuse: &Reuse) -> Vec<OutputFile> {
    let prepared = Prepared::new(checked, root, reuse).expect("prepares");
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
fn outcome(
    checked: &Checked,
    root: &Path,
    reuse: &Reuse,
) -> (Vec<String>, BTreeMap<String, Vec<u8>>) {
    let diagnostics = checked
        .diagnostics
        .sorted(&checked.sources)
        .into_iter()
        .map(|d| render(d, &checked.sources, Lang::En))
        .collect();
    let mut files = BTreeMap::new();
    if !checked.diagnostics.has_errors() {
        let rendered = render_all(checked, root, reuse);
        files.extend(rendered.into_iter().map(|f| (f.path, f.bytes)));
    }
    (diagnostics, files)
}

/// A site checked and prepared again after each edit, as `serve` does.
struct Editing {
    rechecker: Rechecker,
    reuse: Reuse,
}

impl Editing {
    /// Nothing checked yet, as when `serve` starts.
    fn new(root: &Path) -> Editing {
        Editing {
            rechecker: Rechecker::new(root, Default::default()),
            reuse: Reuse::across_edits(),
        }
    }
}

/// Rechecks and prepares after `changed`, and asserts the outcome equals a
/// fresh check and build's.
fn assert_same_as_fresh(editing: &mut Editing, root: &Path, changed: &[&Path], what: &str) {
    let changed: HashSet<PathBuf> = changed.iter().map(|p| p.to_path_buf()).collect();
    let again = outcome(editing.rechecker.recheck(&changed), root, &editing.reuse);
    let fresh = outcome(&check(root, &Given::default()), root, &Reuse::default());
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
    let mut editing = Editing::new(root);
    assert_same_as_fresh(&mut editing, root, &[], "first check");

    // An editor's swap file changes nothing the site shows.
    let swap = content.join("issues/.07.yaml.swp");
    fs::write(&swap, b"\0swap").expect("writes");
    editing.rechecker.recheck(&[swap].into_iter().collect());
    assert!(editing.rechecker.unchanged(), "a swap file is not content");

    let issue = content.join("issues/07.yaml");
    edit(&issue, "title: ", "title: 改过的");
    assert_same_as_fresh(&mut editing, root, &[&issue], "an issue title");
    assert!(!editing.rechecker.unchanged());

    // The only mention of a registered person goes (an error), then comes
    // back: which names a file mentions is remembered per text.
    let with_name = fs::read_to_string(&issue).expect("reads");
    fs::write(&issue, with_name.replace("徐丹", "某人")).expect("writes");
    assert_same_as_fresh(&mut editing, root, &[&issue], "a person unmentioned");
    let checked = editing.rechecker.current().expect("checked");
    assert!(
        checked
            .diagnostics
            .sorted(&checked.sources)
            .iter()
            .any(|d| matches!(&d.problem, Problem::PersonNotMentioned { name } if name == "徐丹")),
        "the register's unmentioned name is reported"
    );
    fs::write(&issue, &with_name).expect("writes");
    assert_same_as_fresh(&mut editing, root, &[&issue], "the person mentioned again");

    // A mistake only validation sees (a village that does not exist), then
    // fixed again.
    let text = fs::read_to_string(&issue).expect("reads");
    let village = text
        .lines()
        .find_map(|l| l.trim().trim_start_matches("- ").strip_prefix("village: "))
        .expect("a task with a village")
        .to_string();
    edit(&issue, &format!("village: {village}"), "village: nowhere");
    assert_same_as_fresh(&mut editing, root, &[&issue], "an unknown village");
    edit(&issue, "village: nowhere", &format!("village: {village}"));
    assert_same_as_fresh(&mut editing, root, &[&issue], "the village again");

    // What the model keeps from one edit to the next must not outlive what
    // it was built from: a task added before other issues' tasks (their
    // indices move), a note about other issues, then dated later (its place
    // among the notes moves), a person taken off the register (what is
    // masked changes).
    let first = content.join("issues/01.yaml");
    edit(
        &first,
        "tasks:\n",
        "tasks:\n  - village: bajing\n    measure: 4\n    what: 新增的任务\n    status: not_started\n",
    );
    assert_same_as_fresh(&mut editing, root, &[&first], "a task added first");
    let notice = content.join("notes/2025-07-18-fangan-yinfa.md");
    edit(
        &notice,
        "issues: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]",
        "issues: [3, 9]",
    );
    assert_same_as_fresh(&mut editing, root, &[&notice], "a note's issues");
    edit(&notice, "date: 2025-07-18", "date: 2025-10-01");
    assert_same_as_fresh(&mut editing, root, &[&notice], "a note's date");
    // What the reference rules keep per file must not outlive what else
    // they read: an issue a note names is renumbered away, then back; a
    // village the issues name is renamed in site.yaml, then back.
    let ninth = content.join("issues/09.yaml");
    edit(&ninth, "number: 9\n", "number: 99\n");
    assert_same_as_fresh(&mut editing, root, &[&ninth], "an issue renumbered");
    edit(&ninth, "number: 99\n", "number: 9\n");
    assert_same_as_fresh(&mut editing, root, &[&ninth], "the number back");
    let site = content.join("site.yaml");
    edit(&site, "id: bajing,", "id: bajing2,");
    assert_same_as_fresh(&mut editing, root, &[&site], "a village renamed");
    edit(&site, "id: bajing2,", "id: bajing,");
    assert_same_as_fresh(&mut editing, root, &[&site], "the village's id back");
    let people = content.join("people.yaml");
    edit(&people, "  - { name: 兰东风,", "  # - { name: 兰东风,");
    assert_same_as_fresh(&mut editing, root, &[&people], "a person unregistered");

    // The watcher said nothing (events lost): the changed size gives it away.
    let glossary = content.join("glossary.yaml");
    edit(&glossary, "term: ", "term: 新");
    assert_same_as_fresh(&mut editing, root, &[], "the glossary, unannounced");

    edit(&site, "as_of: 2025-10-20", "as_of: 2025-11-20");
    assert_same_as_fresh(&mut editing, root, &[&site], "the as-of date");

    // A file that no longer parses, then a new file, then one removed.
    let note = fs::read_dir(content.join("notes"))
        .expect("notes")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a note");
    let good = fs::read_to_string(&note).expect("reads");
    fs::write(&note, "---\ntitle: [unclosed\n---\n").expect("writes");
    assert_same_as_fresh(&mut editing, root, &[&note], "a broken note");
    fs::write(&note, &good).expect("writes");
    assert_same_as_fresh(&mut editing, root, &[&note], "the note fixed");
    let added = content.join("notes/zz-added.md");
    fs::write(
        &added,
        "---\ntitle: 新增的动态\ndate: 2025-09-01\n---\n新增的正文。\n",
    )
    .expect("writes");
    assert_same_as_fresh(&mut editing, root, &[&added], "a new note");
    fs::remove_file(&added).expect("removes");
    assert_same_as_fresh(&mut editing, root, &[&added], "the note removed");
}

#[test]
fn each_page_rendered_alone_equals_the_whole_site_render() {
    for audience in [Audience::Public, Audience::Internal] {
        let given = Given {
            audience,
            ..Given::default()
        };
        let checked = check(repo(), &given);
        let whole = render_all(&checked, repo(), &Reuse::default());
        // A fresh renderer per run, asked for pages in reverse order, so no
        // page can lean on charts or prose another page drew first.
        let alone = Prepared::new(&checked, repo(), &Reuse::default()).expect("prepares");
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

#[test]
fn an_edit_builds_again_only_the_issue_it_changed() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    copy_repository_content(root);
    let mut rechecker = Rechecker::new(root, Default::default());
    let mut memo = Memo::default();
    let mut model = || {
        let checked = rechecker.recheck(&HashSet::new());
        build_reusing(
            &checked.content,
            &checked.settings,
            &checked.sources,
            &mut memo,
        )
        .expect("a model")
    };
    let before = model();
    let again = model();
    let issue = root.join("content/issues/07.yaml");
    edit(&issue, "title: ", "title: 改过的");
    let after = model();
    // Nothing changed: everything is the model's before.
    assert!(
        before
            .issues
            .iter()
            .zip(&again.issues)
            .all(|(a, b)| Arc::ptr_eq(a, b))
    );
    assert!(
        before
            .notes
            .iter()
            .zip(&again.notes)
            .all(|(a, b)| Arc::ptr_eq(a, b))
    );
    for (old, new) in before.issues.iter().zip(&after.issues) {
        assert_eq!(
            Arc::ptr_eq(old, new),
            new.number != 7,
            "issue {}",
            new.number
        );
    }
    for (old, new) in before.tasks.iter().zip(&after.tasks) {
        assert_eq!(
            Arc::ptr_eq(old, new),
            new.issue != 7,
            "a task of issue {}",
            new.issue
        );
    }
    assert!(after.issues[6].title.starts_with("改过的"));
    assert!(
        before
            .notes
            .iter()
            .zip(&after.notes)
            .all(|(a, b)| Arc::ptr_eq(a, b))
    );
}

/// The revision of each file's text by its path: a revision names one
/// reading of a file.
fn revisions(checked: &Checked) -> BTreeMap<PathBuf, u64> {
    checked
        .sources
        .files()
        .filter(|(_, _, text)| !text.is_empty())
        .map(|(file, path, _)| (path.to_path_buf(), checked.sources.revision(file)))
        .collect()
}

/// The paths whose text was read again (or first) between `before` and
/// `after`, and those no longer read.
fn read_again(before: &BTreeMap<PathBuf, u64>, after: &BTreeMap<PathBuf, u64>) -> Vec<String> {
    let read = after
        .iter()
        .filter(|(path, revision)| before.get(*path) != Some(revision))
        .map(|(path, _)| format!("+{}", path.display()));
    let gone = before
        .keys()
        .filter(|path| !after.contains_key(*path))
        .map(|path| format!("-{}", path.display()));
    read.chain(gone).collect()
}

#[test]
fn a_file_added_removed_or_renamed_is_read_alone() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    copy_repository_content(root);
    let content = root.join("content");
    let mut editing = Editing::new(root);
    let mut last = revisions(editing.rechecker.recheck(&HashSet::new()));
    let mut step = |editing: &mut Editing, changed: &[&Path], what: &str| {
        assert_same_as_fresh(editing, root, changed, what);
        let now = revisions(editing.rechecker.current().expect("checked"));
        let read = read_again(&last, &now);
        last = now;
        read
    };

    // A new note, as `taizhang new note` writes one, then removed.
    let added = content.join("notes/2025-10-01-xinzeng.md");
    fs::write(
        &added,
        "---\ntitle: 新增的动态\ndate: 2025-10-01\n---\n新增的正文。\n",
    )
    .expect("writes");
    let read = step(&mut editing, &[&added], "a note added");
    assert_eq!(read, ["+content/notes/2025-10-01-xinzeng.md"]);
    fs::remove_file(&added).expect("removes");
    let read = step(&mut editing, &[&added], "the note removed");
    assert_eq!(read, ["-content/notes/2025-10-01-xinzeng.md"]);

    // A new issue, numbered after the others, unannounced by the watcher.
    let last_issue = fs::read_to_string(content.join("issues/14.yaml")).expect("reads");
    let fifteenth = last_issue.replacen("number: 14\n", "number: 15\n", 1);
    assert_ne!(fifteenth, last_issue, "issue 14 states its number");
    fs::write(content.join("issues/15.yaml"), fifteenth).expect("writes");
    let read = step(&mut editing, &[], "an issue added");
    assert_eq!(read, ["+content/issues/15.yaml"]);

    // A note renamed: the new name is read; nothing else.
    let from = content.join("notes/2025-09-15-bajing-yanshou.md");
    let to = content.join("notes/2025-09-16-bajing-yanshou.md");
    fs::rename(&from, &to).expect("renames");
    let read = step(&mut editing, &[&from, &to], "a note renamed");
    assert_eq!(
        read,
        [
            "+content/notes/2025-09-16-bajing-yanshou.md",
            "-content/notes/2025-09-15-bajing-yanshou.md"
        ]
    );

    // A note that no longer decodes, then decodes again: it moves out of
    // the notes and back in, and nothing else is read.
    let note = content.join("notes/2025-08-08-zhongqi-jinzhan.md");
    let good = fs::read_to_string(&note).expect("reads");
    fs::write(&note, "---\ntitle: [unclosed\n---\n").expect("writes");
    let read = step(&mut editing, &[&note], "a note broken");
    assert_eq!(read, ["+content/notes/2025-08-08-zhongqi-jinzhan.md"]);
    fs::write(&note, &good).expect("writes");
    let read = step(&mut editing, &[&note], "the note fixed");
    assert_eq!(read, ["+content/notes/2025-08-08-zhongqi-jinzhan.md"]);

    // Unannounced, an issue that no longer decodes and a note edited after
    // it in path order: both are read.
    let issue = content.join("issues/02.yaml");
    let good_issue = fs::read_to_string(&issue).expect("reads");
    fs::write(&issue, "number: [unclosed\n").expect("writes");
    edit(&note, "title: ", "title: 改过的");
    let read = step(&mut editing, &[], "an issue broken, a note edited");
    assert_eq!(
        read,
        [
            "+content/issues/02.yaml",
            "+content/notes/2025-08-08-zhongqi-jinzhan.md"
        ]
    );
    fs::write(&issue, good_issue).expect("writes");
    let read = step(&mut editing, &[], "the issue fixed");
    assert_eq!(read, ["+content/issues/02.yaml"]);
}
