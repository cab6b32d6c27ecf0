//! What the public build promises, tried the way a hostile tester or a
//! careless clerk would: it never destroys what it did not make, two builds
//! at once never leave a broken site, configuration cannot inject script,
//! and nothing a reader could recognise as a resident is published.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{build_ok, copy_repository_content, taizhang, tree};

/// Every file and folder under `dir` with the file bytes: what "no byte
/// changed anywhere" compares.
fn everything(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("readable"))
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("inside");
            let bytes = e
                .file_type()
                .is_file()
                .then(|| fs::read(e.path()).expect("readable"));
            (relative.to_string_lossy().replace('\\', "/"), bytes)
        })
        .collect()
}

#[test]
fn build_refuses_folders_it_did_not_make_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path().join("site");
    copy_repository_content(&root);
    fs::create_dir_all(root.join("static/img")).expect("a folder");
    fs::write(root.join("static/img/logo.svg"), "<svg/>").expect("writes");
    let unrelated = dir.path().join("documents");
    fs::create_dir(&unrelated).expect("a folder");
    fs::write(unrelated.join("会议纪要.docx"), "keep me").expect("writes");
    let before = everything(dir.path());
    for out in [
        "content",
        ".",
        "..",
        "static",
        "content/issues",
        "../documents",
        "content/../content",
    ] {
        let run = taizhang()
            .current_dir(&root)
            .args(["build", "--quiet", "--lang", "en", "--out", out])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "--out {out}: {stderr}");
        assert!(stderr.contains("refusing to"), "--out {out}: {stderr}");
        assert!(
            before == everything(dir.path()),
            "--out {out} changed something"
        );
    }
    // A folder an earlier build made is replaced as before.
    let earlier = dir.path().join("site-public");
    let earlier = earlier.to_str().expect("a UTF-8 path");
    build_ok(&root, &["--out", earlier]);
    assert!(dir.path().join("site-public/.taizhang-build").is_file());
    build_ok(&root, &["--out", earlier]);
}

#[test]
fn two_builds_into_one_folder_leave_one_complete_site() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path().join("site");
    copy_repository_content(&root);
    let reference_dir = dir.path().join("reference");
    build_ok(&root, &["--out", reference_dir.to_str().expect("UTF-8")]);
    let reference = tree(&dir.path().join("reference"));
    for round in 0..3 {
        let start = || {
            taizhang()
                .args(["build", "--quiet", "--root"])
                .arg(&root)
                .arg("--out")
                .arg(dir.path().join("shared"))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("runs")
        };
        let (first, second) = (start(), start());
        for child in [first, second] {
            let out = child.wait_with_output().expect("finishes");
            // Each either succeeds over a complete site or says why not.
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let built = tree(&dir.path().join("shared"));
        assert_eq!(built.len(), reference.len(), "round {round}");
        assert!(built == reference, "round {round}: the site differs");
    }
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".taizhang-lock"))
        .collect();
    let mut leftovers = leftovers;
    leftovers.sort();
    assert_eq!(leftovers, ["reference", "shared", "site"]);
}
