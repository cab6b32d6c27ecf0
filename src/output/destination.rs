//! Where a build may write: never into the site's own folders, and only
//! over a folder that is new, empty, or an earlier build's.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file every build writes at the top of its output: a folder that
/// holds it was made by taizhang and may be replaced by the next build.
pub const MARKER: &str = ".taizhang-build";

/// What the marker says to someone who opens it.
pub(super) const MARKER_TEXT: &str = "This folder was written by taizhang build and is replaced by the next build.\n本文件夹由 taizhang build 生成,下次构建时会被整体替换。\n";

/// Whether `out` may receive a build of the site at `root`: refuses the
/// root, anything above it, and its `content/`, `templates/`, `static/`
/// and `themes/` folders or anything inside them; and an existing folder
/// that is neither empty nor an earlier build. Writes nothing.
pub fn check_destination(root: &Path, out: &Path) -> Result<(), String> {
    let root_abs = absolute(root);
    let out_abs = absolute(out);
    if root_abs.starts_with(&out_abs) {
        return Err(format!(
            "refusing to write the site into {}: it holds the site itself; choose a new folder for --out (the default is public/)",
            out.display()
        ));
    }
    for own in ["content", "templates", "static", "themes"] {
        if out_abs.starts_with(root_abs.join(own)) {
            return Err(format!(
                "refusing to write the site into {}: it is inside the site's {own}/ folder; choose a folder outside it",
                out.display()
            ));
        }
    }
    replaceable(out)
}

/// An existing `out` must be an empty folder or an earlier build.
pub(super) fn replaceable(out: &Path) -> Result<(), String> {
    let metadata = match fs::symlink_metadata(out) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(format!("cannot look at {}: {error}", out.display())),
        Ok(metadata) => metadata,
    };
    if !metadata.is_dir() {
        return Err(format!(
            "refusing to replace {}: it is not a folder; choose another --out",
            out.display()
        ));
    }
    let mut entries =
        fs::read_dir(out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
    if entries.next().is_none() || out.join(MARKER).is_file() {
        return Ok(());
    }
    Err(format!(
        "refusing to replace {}: it holds files that taizhang did not write (no {MARKER} file). Choose a new or empty folder for --out; if it is a build from an older taizhang, delete it first",
        out.display()
    ))
}

/// `path` made absolute and without `.` or `..`, following links where
/// the path exists (so `--out ..` and a link to the root are caught).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    // Not there yet: resolve what exists above it, then add the rest.
    let joined = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    let mut existing = clean.as_path();
    let mut rest = Vec::new();
    while let Some(parent) = existing.parent() {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c));
        }
        rest.push(existing.file_name().map(PathBuf::from).unwrap_or_default());
        existing = parent;
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_what_a_build_made() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for own in ["content", "templates", "static"] {
            fs::create_dir_all(root.join(own)).unwrap();
        }
        fs::write(root.join("content/site.yaml"), "x").unwrap();
        let refused = |out: PathBuf| check_destination(&root, &out).unwrap_err();
        assert!(refused(root.clone()).contains("holds the site"));
        assert!(refused(dir.path().to_path_buf()).contains("holds the site"));
        assert!(refused(root.join("content")).contains("content/"));
        assert!(refused(root.join("static/x")).contains("static/"));
        assert!(refused(root.join("public/../content")).contains("content/"));
        let unrelated = dir.path().join("documents");
        fs::create_dir(&unrelated).unwrap();
        fs::write(unrelated.join("报告.docx"), "x").unwrap();
        assert!(refused(unrelated).contains("did not write"));
        assert!(check_destination(&root, &root.join("public")).is_ok());
        assert!(check_destination(&root, &dir.path().join("new/deeper")).is_ok());
        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        assert!(check_destination(&root, &empty).is_ok());
    }
}
