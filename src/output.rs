//! Writing the site: into a fresh folder beside the output, swapped in only
//! when every file is written, so a failed build leaves the last good site
//! exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// A new site being written into a fresh folder beside `out`: it replaces
/// `out` on [`Staging::commit`], and is removed, leaving `out` untouched,
/// when dropped without it (a failed build).
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    fresh: PathBuf,
    stale: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a new site for `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
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
        let fresh = parent.join(format!(".{name}.taizhang-new"));
        remove_if_present(&fresh)?;
        fs::create_dir(&fresh)?;
        Ok(Staging {
            out: out.to_path_buf(),
            stale: parent.join(format!(".{name}.taizhang-old")),
            fresh,
            committed: false,
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
            let staging = Staging::new(&out).unwrap();
            for file in files {
                staging.write(file).unwrap();
            }
            staging.commit().unwrap();
        };
        write(&[file("a/index.html", "1"), file("old.txt", "x")]);
        write(&[file("a/index.html", "2")]);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.txt").exists());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"], "no temporary folders left behind");
    }
}
