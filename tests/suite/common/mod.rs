//! Helpers shared by the end-to-end tests.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The `taizhang` binary under test.
pub(crate) fn taizhang() -> Command {
    Command::new(env!("CARGO_BIN_EXE_taizhang"))
}

/// The repository root, whose `content/` is the Sanjiang plan.
pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `text` with the punctuation the Chinese typography step sets
/// full-width put back as typed (`，` → `,`), so that tests can look for
/// content as the fixtures type it. The step itself is tested in
/// `tests/suite/typography.rs`.
pub(crate) fn as_typed(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF08}' => '(',
            '\u{FF09}' => ')',
            '\u{FF0C}' => ',',
            '\u{FF1A}' => ':',
            '\u{FF1B}' => ';',
            '\u{FF01}' => '!',
            '\u{FF1F}' => '?',
            other => other,
        })
        .collect()
}

/// Every file under `dir` with its bytes, by path relative to `dir` (with `/`).
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (relative, fs::read(e.path()).expect("readable"))
        })
        .collect()
}

/// The default theme's template `name` (`print.html`), as the binary
/// holds it: the start of a site's own override.
pub(crate) fn builtin_template(name: &str) -> String {
    taizhang::theme::Theme::builtin()
        .templates
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the default theme has no {name}"))
        .1
}

/// Copies the repository's `content/` under `to`, so a test can build or
/// change it without touching the repository.
pub(crate) fn copy_repository_content(to: &Path) {
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.expect("readable");
        let target = to.join(entry.path().strip_prefix(repo()).expect("inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("a folder");
        } else {
            fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// Runs `taizhang build --quiet --root ROOT ARGS…`, asserting it succeeds
/// (printing its messages if not); returns what it printed.
pub(crate) fn build_ok(root: &Path, args: &[&str]) -> String {
    let out = taizhang()
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .args(args)
        .output()
        .expect("taizhang runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file of the site at `root` built for `audience` in memory, through
/// the same pipeline as `taizhang build` (leak guard included); panics with
/// the diagnostics when the build fails.
pub(crate) fn build_in_memory(
    root: &Path,
    audience: taizhang::content::Audience,
) -> Vec<taizhang::output::OutputFile> {
    let mut options = taizhang::site::BuildOptions::new(root);
    options.given.audience = audience;
    match taizhang::site::build_in_memory(&options) {
        Ok((_, files)) => files.into_files(),
        Err(taizhang::site::BuildError::Content(checked)) => panic!(
            "the site has errors:\n{}",
            checked
                .diagnostics
                .sorted(&checked.sources)
                .into_iter()
                .map(|d| taizhang::diagnostics::render(
                    d,
                    &checked.sources,
                    taizhang::diagnostics::Lang::En
                ))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        Err(taizhang::site::BuildError::Other(text)) => panic!("the build failed: {text}"),
    }
}

/// The site at `root` loaded and validated as `taizhang check` would,
/// with nothing set on the command line.
pub(crate) fn check(root: &Path) -> taizhang::check::Checked {
    taizhang::check::check(root, &taizhang::settings::Given::default())
}
