//! Reloading after an edit: which file decoded into which part of the
//! content, so that `serve` reads and decodes again only the files that
//! changed instead of the whole site (decoding is most of a check).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::files::{self, Role};
use super::{Content, decode_file};
use crate::diagnostics::{Diagnostics, FileId, SourceMap};

/// When a file was last written and how long it was: a file whose stamp is
/// unchanged is not read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    modified: SystemTime,
    len: u64,
}

impl Stamp {
    /// The stamp of the file at `path`, if it can be read.
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let metadata = fs::metadata(path).ok()?;
        Some(Stamp {
            modified: metadata.modified().ok()?,
            len: metadata.len(),
        })
    }
}

/// Where a file's decoded content sits in [`Content`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    Site,
    Issue(usize),
    Note(usize),
    Policy(usize),
    Glossary,
    People,
    /// The file could not be read or decoded.
    Nothing,
}

/// One content file as last read.
#[derive(Debug)]
pub(super) struct Tracked {
    pub(super) path: PathBuf,
    pub(super) display: String,
    pub(super) role: Role,
    pub(super) file: FileId,
    pub(super) stamp: Option<Stamp>,
    pub(super) slot: Slot,
    /// What reading and decoding it found.
    pub(super) diagnostics: Diagnostics,
}

/// What [`Tracking::refresh`] found.
#[derive(Debug)]
pub enum Refreshed {
    /// No file needed reading again: the content is as it was.
    Unchanged,
    /// Files were read again; the load's diagnostics, in full.
    Changed(Diagnostics),
}

/// What a load read, file by file, kept for [`Tracking::refresh`].
#[derive(Debug, Default)]
pub struct Tracking {
    /// Diagnostics found before any file was read (walk errors, a missing
    /// `site.yaml`).
    pub(super) before_files: Diagnostics,
    pub(super) files: Vec<Tracked>,
}

impl Tracking {
    /// Brings `content` and `sources` (from the load that made this
    /// tracking) up to date with the files under `root`, reading and
    /// decoding only the files in `changed` when those are all files read
    /// before, else those whose stamp changed (an empty `changed` means
    /// "not known"). Returns the load's diagnostics, as a full load would
    /// report them.
    ///
    /// Returns `None` when that is not enough — files were added, removed
    /// or renamed, or a file changed from decodable to not or back — and
    /// the caller must load everything again: `content` and `sources` may
    /// then be half updated.
    pub fn refresh(
        &mut self,
        root: &Path,
        content: &mut Content,
        sources: &mut SourceMap,
        changed: &HashSet<PathBuf>,
    ) -> Option<Refreshed> {
        if self.files.is_empty() || !self.before_files.is_empty() {
            return None;
        }
        // The watcher names what changed: when that is only files already
        // read, the set of files is the same and only those need reading.
        // Anything else (a new or deleted file, a folder, no names at all)
        // takes a walk and a look at every file's stamp.
        let known = (!changed.is_empty())
            .then(|| {
                changed
                    .iter()
                    .map(|path| {
                        let i = self.files.iter().position(|t| &t.path == path)?;
                        let stamp = Stamp::of(path)?;
                        Some((i, Some(stamp)))
                    })
                    .collect::<Option<Vec<_>>>()
            })
            .flatten();
        let stale = match known {
            Some(stale) => stale,
            None => self.stale_after_walk(root, changed)?,
        };
        if stale.is_empty() {
            return Some(Refreshed::Unchanged);
        }
        for (i, stamp) in stale {
            let tracked = &mut self.files[i];
            if tracked.slot == Slot::Nothing {
                return None;
            }
            let text = files::read(&tracked.path).into_text()?;
            let mut local = Diagnostics::default();
            let decoded = decode_file(
                tracked.role,
                &tracked.display,
                tracked.file,
                &text,
                &mut local,
            );
            if !content.replace(tracked.slot, decoded) {
                return None;
            }
            sources.replace(tracked.file, text);
            tracked.stamp = stamp;
            tracked.diagnostics = local;
        }
        let mut diagnostics = self.before_files.clone();
        for tracked in &self.files {
            diagnostics.extend(tracked.diagnostics.clone());
        }
        Some(Refreshed::Changed(diagnostics))
    }

    /// Walks the content again: `None` when the set of files changed, else
    /// the files whose stamp changed or that are in `changed`, with their
    /// new stamps.
    fn stale_after_walk(
        &self,
        root: &Path,
        changed: &HashSet<PathBuf>,
    ) -> Option<Vec<(usize, Option<Stamp>)>> {
        let mut walk_sources = SourceMap::default();
        let mut walk_diagnostics = Diagnostics::default();
        let found = files::discover(root, &mut walk_sources, &mut walk_diagnostics);
        let same_files = walk_diagnostics.is_empty()
            && found.len() == self.files.len()
            && found
                .iter()
                .zip(&self.files)
                .all(|(f, t)| f.display == t.display && f.role == t.role && f.path == t.path);
        if !same_files {
            return None;
        }
        Some(
            self.files
                .par_iter()
                .enumerate()
                .filter_map(|(i, tracked)| {
                    let stamp = Stamp::of(&tracked.path);
                    (stamp.is_none() || stamp != tracked.stamp || changed.contains(&tracked.path))
                        .then_some((i, stamp))
                })
                .collect(),
        )
    }
}
