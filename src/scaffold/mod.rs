//! `taizhang init` and `taizhang new`: a small, valid site to start from
//! (embedded in the binary), and skeletons for one more issue, note,
//! village or unit.

mod new;

pub use new::{Item, create};

use std::fs;
use std::io;
use std::path::Path;

/// The example site's files, by path relative to the new site root.
const FILES: &[(&str, &str)] = &[
    ("content/site.yaml", include_str!("site/content/site.yaml")),
    (
        "content/issues/01.yaml",
        include_str!("site/content/issues/01.yaml"),
    ),
    (
        "content/notes/2025-08-01-kickoff.md",
        include_str!("site/content/notes/2025-08-01-kickoff.md"),
    ),
    (
        "content/glossary.yaml",
        include_str!("site/content/glossary.yaml"),
    ),
    (
        "content/people.yaml",
        include_str!("site/content/people.yaml"),
    ),
];

/// Writes the example site into `dir`, which must be absent or empty, and
/// returns how many files were written. Never overwrites anything.
pub fn init(dir: &Path) -> io::Result<usize> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("{} is not a readable folder: {e}", dir.display()),
            )
        })?;
        if entries.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} is not empty; choose a new folder so nothing is overwritten",
                    dir.display()
                ),
            ));
        }
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, text)?;
    }
    Ok(FILES.len())
}
