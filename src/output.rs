//! Writing the site: into a fresh folder beside the output, swapped in only
//! when every file is written, so a failed build leaves the last good site
//! exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// Replaces the folder `out` with exactly `files`. Files no longer produced
/// disappear; on any error the previous `out` is untouched.
pub fn write_atomically(out: &Path, files: &[OutputFile]) -> io::Result<()> {
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
    let stale = parent.join(format!(".{name}.taizhang-old"));
    remove_if_present(&fresh)?;
    fs::create_dir(&fresh)?;
    let written = files.iter().try_for_each(|file| {
        let target = fresh.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&target, &file.bytes)
    });
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&fresh);
        return Err(error);
    }
    if out.exists() {
        remove_if_present(&stale)?;
        fs::rename(out, &stale)?;
        if let Err(error) = fs::rename(&fresh, out) {
            // Put the old site back before reporting.
            let _ = fs::rename(&stale, out);
            return Err(error);
        }
        remove_if_present(&stale)?;
    } else {
        fs::rename(&fresh, out)?;
    }
    Ok(())
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
        write_atomically(&out, &[file("a/index.html", "1"), file("old.txt", "x")]).unwrap();
        write_atomically(&out, &[file("a/index.html", "2")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.txt").exists());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"], "no temporary folders left behind");
    }
}
