//! The output stage: the leak guard ([`guard`]) reads every rendered file of
//! a public build, and the site is written into a fresh folder beside the
//! output, swapped in only when every file is written and passed, so a
//! failed build leaves the last good site exactly as it was. A build replaces only what a build made: the output
//! folder must be new, empty, or marked by an earlier build, and never the
//! site's own folders. Builds into one folder take turns (a lock file
//! beside it), each in a staging folder of its own.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

mod guard;

pub use guard::{Guard, Leak, guard};

use crate::render::OutputFile;

/// The file every build writes at the top of its output: a folder that
/// holds it was made by taizhang and may be replaced by the next build.
pub const MARKER: &str = ".taizhang-build";

/// What the marker says to someone who opens it.
const MARKER_TEXT: &str = "This folder was written by taizhang build and is replaced by the next build.\n本文件夹由 taizhang build 生成,下次构建时会被整体替换。\n";

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
fn replaceable(out: &Path) -> Result<(), String> {
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

/// A new site being written into a fresh folder beside `out`: it replaces
/// `out` on [`Staging::commit`], and is removed, leaving `out` untouched,
/// when dropped without it (a failed build).
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    fresh: PathBuf,
    stale: PathBuf,
    committed: bool,
    /// Held until the new site is in place (or abandoned).
    _lock: fs::File,
}

impl Staging {
    /// Starts a new site for `out`, once no other build is writing it
    /// (`waiting` is called first if one is). `out` is checked again under
    /// the lock: it must still be new, empty or an earlier build.
    pub fn new(out: &Path, waiting: impl FnOnce()) -> io::Result<Staging> {
        let name = out
            .file_name()
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} is not a folder name", out.display()),
                )
            })?
            .to_string_lossy()
            .into_owned();
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(parent.join(format!(".{name}.taizhang-lock")))?;
        if let Err(fs::TryLockError::WouldBlock) = lock.try_lock() {
            waiting();
            lock.lock()?;
        }
        replaceable(out).map_err(io::Error::other)?;
        // Unique per build, so two builds never share a folder.
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let fresh = parent.join(format!(".{name}.taizhang-new-{unique}"));
        fs::create_dir(&fresh)?;
        fs::write(fresh.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            out: out.to_path_buf(),
            stale: parent.join(format!(".{name}.taizhang-old-{unique}")),
            fresh,
            committed: false,
            _lock: lock,
        })
    }

    /// Writes one file of the new site; safe from several threads at once.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        let target = self.fresh.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&target, &file.bytes)
    }

    /// Swaps the new site in for the old one.
    pub fn commit(mut self) -> io::Result<()> {
        if self.out.exists() {
            remove_if_present(&self.stale)?;
            fs::rename(&self.out, &self.stale)?;
            if let Err(error) = fs::rename(&self.fresh, &self.out) {
                // Put the old site back before reporting.
                let _ = fs::rename(&self.stale, &self.out);
                return Err(error);
            }
            self.committed = true;
            remove_if_present(&self.stale)?;
        } else {
            fs::rename(&self.fresh, &self.out)?;
            self.committed = true;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.fresh);
        }
    }
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let write = |files: &[OutputFile]| {
            let staging = Staging::new(&out, || {}).unwrap();
            for file in files {
                staging.write(file).unwrap();
            }
            staging.commit().unwrap();
        };
        write(&[file("a/index.html", "1"), file("old.txt", "x")]);
        write(&[file("a/index.html", "2")]);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.txt").exists());
        assert!(out.join(MARKER).is_file());
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [".public.taizhang-lock", "public"],
            "no temporary folders left behind"
        );
    }

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
