//! Bad-input fixtures: each folder under `tests/invalid/` overlays a few files
//! on the `taizhang init` example site and holds, in `expected.txt`, the exact
//! diagnostics `taizhang check` must print for it (Chinese, the default).
//!
//! Set `TAIZHANG_BLESS=1` to rewrite the expected files after a deliberate
//! change of wording, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use taizhang::check::check;
use taizhang::diagnostics::{Lang, render};

/// Files in a case folder that describe the case rather than overlay the site.
const CASE_FILES: &[&str] = &["expected.txt", "remove.txt"];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid")
}

/// Builds the site for a case: the example site, minus the files listed in
/// `remove.txt`, plus the case's own files.
fn site_for(case: &Path) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("a temporary folder");
    taizhang::scaffold::init(site.path(), Default::default()).expect("the example site writes");
    if let Ok(list) = fs::read_to_string(case.join("remove.txt")) {
        for path in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(site.path().join(path.trim())).expect("a file of the example site");
        }
    }
    for entry in walkdir::WalkDir::new(case).min_depth(1) {
        let entry = entry.expect("a readable fixture");
        let relative = entry.path().strip_prefix(case).expect("inside the case");
        if CASE_FILES.contains(&relative.to_str().unwrap_or_default()) {
            continue;
        }
        let target = site.path().join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("a folder");
        } else {
            fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
    site
}

/// What `check` prints for a site: every diagnostic, sorted, rendered.
fn diagnostics_text(root: &Path, lang: Lang) -> String {
    let checked = check(root, &Default::default());
    checked
        .diagnostics
        .sorted(&checked.sources)
        .into_iter()
        .map(|d| render(d, &checked.sources, lang))
        .collect::<Vec<_>>()
        .join("\n")
}

fn compare(name: &str, actual: &str, expected_path: &Path) -> Option<String> {
    if std::env::var_os("TAIZHANG_BLESS").is_some() {
        fs::write(expected_path, actual).expect("expected file written");
        return None;
    }
    let expected = fs::read_to_string(expected_path).unwrap_or_default();
    (expected != actual)
        .then(|| format!("--- {name}: expected\n{expected}\n--- {name}: actual\n{actual}"))
}

#[test]
fn every_fixture_gives_exactly_its_diagnostics() {
    let mut cases: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("tests/invalid exists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "only {} fixtures", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let site = site_for(case);
        let actual = diagnostics_text(site.path(), Lang::Zh);
        assert!(
            !actual.is_empty(),
            "{name}: the fixture produced no diagnostic"
        );
        failures.extend(compare(&name, &actual, &case.join("expected.txt")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Cases git cannot hold (symlinks, a folder named like a file) are built here.
#[cfg(unix)]
#[test]
fn links_and_folders_in_the_wrong_place() {
    let site = tempfile::tempdir().expect("a temporary folder");
    taizhang::scaffold::init(site.path(), Default::default()).expect("the example site writes");
    let outside = tempfile::tempdir().expect("another folder");
    fs::write(outside.path().join("secret.yaml"), "number: 9\n").expect("written");
    let issues = site.path().join("content/issues");
    std::os::unix::fs::symlink(outside.path().join("secret.yaml"), issues.join("09.yaml"))
        .expect("a link");
    std::os::unix::fs::symlink(
        site.path().join("content"),
        site.path().join("content/notes/loop"),
    )
    .expect("a looping link");
    fs::create_dir(issues.join("02.yaml")).expect("a folder named like an issue file");
    let text = diagnostics_text(site.path(), Lang::En);
    let heads: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("error["))
        .map(|l| l.split(": ").next().unwrap_or_default())
        .collect();
    assert_eq!(
        heads,
        [
            "content/issues/02.yaml:1:1",
            "content/issues/09.yaml:1:1",
            "content/notes/loop:1:1"
        ],
        "{text}"
    );
    assert!(
        text.contains("error[E004]: a folder stands where a file is expected"),
        "{text}"
    );
    assert!(
        text.contains("error[E005]: symbolic link points outside the site root"),
        "{text}"
    );
    assert!(
        text.contains("error[E006]: cannot walk the content folder"),
        "{text}"
    );
}

#[test]
fn english_messages_on_request() {
    let site = site_for(&cases_dir().join("unknown-village"));
    let text = diagnostics_text(site.path(), Lang::En);
    assert!(
        text.contains("error[E030]: unknown village `东林村`"),
        "{text}"
    );
    assert!(text.contains("= hint: did you mean `东村`?"), "{text}");
}

/// A pipe in content would block a read forever: `check` and `build` skip
/// it with W107 and finish.
#[cfg(unix)]
#[test]
fn special_files_are_skipped_not_read() {
    let site = tempfile::tempdir().expect("a temporary folder");
    taizhang::scaffold::init(site.path(), Default::default()).expect("the example site writes");
    for fifo in ["content/issues/02.yaml", "content/notes/pipe.md"] {
        let made = std::process::Command::new("mkfifo")
            .arg(site.path().join(fifo))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
    }
    for command in ["check", "build"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_taizhang"))
            .args([command, "--lang", "en", "--root"])
            .arg(site.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        let started = std::time::Instant::now();
        while child.try_wait().expect("waits").is_none() {
            if started.elapsed() > std::time::Duration::from_secs(30) {
                child.kill().expect("stops");
                panic!("`taizhang {command}` hangs on a pipe in content");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().expect("finishes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{command}: {stderr}");
        for fifo in ["content/issues/02.yaml", "content/notes/pipe.md"] {
            assert!(
                stderr.contains(&format!("{fifo}:1:1: warning[W107]: not a regular file")),
                "{command}: {stderr}"
            );
        }
    }
}
