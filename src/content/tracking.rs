//! Reloading after an edit: which file decoded into which part of the
//! content, so that `serve` reads and decodes again only the files that
//! changed or were added instead of the whole site (decoding is most of a
//! check).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::files::{self, Found, Role};
use super::{
    Content, Decoded, Glossary, Issue, Load, Note, People, PolicyPage, Site, decode_file,
    read_and_decode,
};
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

impl Tracked {
    /// Whether the file must be read again: it cannot be stamped, its
    /// stamp is not the one it was read with, or the watcher named it.
    fn stale(&self, stamp: Option<Stamp>, changed: &HashSet<PathBuf>) -> bool {
        stamp.is_none() || stamp != self.stamp || changed.contains(&self.path)
    }
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
    /// "not known"), and the files added since. Returns the load's
    /// diagnostics, as a full load would report them.
    ///
    /// Files added or removed keep every other file as it was decoded:
    /// the content is laid out again in path order around them. An added
    /// file takes an id after every other (ids are names, not an order).
    ///
    /// Returns `None` when that is not enough — the walk itself found a
    /// problem, or `site.yaml` is gone — and the caller must load
    /// everything again: `content` and `sources` may then be half updated.
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
            None => match self.stale_after_walk(root, changed)? {
                Walked::Same(stale) => stale,
                Walked::Other(found) => return self.relayout(found, content, sources, changed),
            },
        };
        if stale.is_empty() {
            return Some(Refreshed::Unchanged);
        }
        for &(i, stamp) in &stale {
            let tracked = &mut self.files[i];
            // Replaced in place where it decodes into what it was before;
            // one that read or decoded badly, before or now, has no such
            // place, and the content is laid out again around it.
            let replaced = tracked.slot != Slot::Nothing
                && files::read(&tracked.path).into_text().is_some_and(|text| {
                    let mut local = Diagnostics::default();
                    let decoded = decode_file(
                        tracked.role,
                        &tracked.display,
                        tracked.file,
                        &text,
                        &mut local,
                    );
                    let fits = content.replace(tracked.slot, decoded);
                    if fits {
                        sources.replace(tracked.file, text);
                        tracked.stamp = stamp;
                        tracked.diagnostics = local;
                    }
                    fits
                });
            if !replaced {
                // Laid out again with every stale file named, those read
                // already and those not yet.
                let mut named = changed.clone();
                named.extend(stale.iter().map(|&(i, _)| self.files[i].path.clone()));
                let found = self.walk(root)?;
                return self.relayout(found, content, sources, &named);
            }
        }
        Some(self.diagnostics())
    }

    /// The load's diagnostics, file by file.
    fn diagnostics(&self) -> Refreshed {
        let mut diagnostics = self.before_files.clone();
        for tracked in &self.files {
            diagnostics.extend(tracked.diagnostics.clone());
        }
        Refreshed::Changed(diagnostics)
    }

    /// The content files under `root`; `None` when the walk found a
    /// problem or no `site.yaml`, which only a full load reports.
    fn walk(&self, root: &Path) -> Option<Vec<Found>> {
        let mut walk_sources = SourceMap::default();
        let mut walk_diagnostics = Diagnostics::default();
        let found = files::discover(root, &mut walk_sources, &mut walk_diagnostics);
        let site = found.iter().any(|f| f.role == Role::Site);
        (walk_diagnostics.is_empty() && site).then_some(found)
    }

    /// Walks the content again: the files whose stamp changed or that are
    /// in `changed`, with their new stamps, when the set of files is the
    /// same; else what the walk found.
    fn stale_after_walk(&self, root: &Path, changed: &HashSet<PathBuf>) -> Option<Walked> {
        let found = self.walk(root)?;
        let same_files = found.len() == self.files.len()
            && found
                .iter()
                .zip(&self.files)
                .all(|(f, t)| f.display == t.display && f.role == t.role && f.path == t.path);
        if !same_files {
            return Some(Walked::Other(found));
        }
        Some(Walked::Same(
            self.files
                .par_iter()
                .enumerate()
                .filter_map(|(i, tracked)| {
                    let stamp = Stamp::of(&tracked.path);
                    tracked.stale(stamp, changed).then_some((i, stamp))
                })
                .collect(),
        ))
    }

    /// Lays the content out again over the files `found`, in their (path)
    /// order as a full load does: a file read before whose stamp is the
    /// same and that is not in `changed` keeps what it decoded into, its
    /// id and its diagnostics; the others are read and decoded, a file
    /// read before under its old id, a new file under a new one. A file
    /// gone is left in `sources` without text, so that nothing searches
    /// it.
    fn relayout(
        &mut self,
        found: Vec<Found>,
        content: &mut Content,
        sources: &mut SourceMap,
        changed: &HashSet<PathBuf>,
    ) -> Option<Refreshed> {
        let plans = self.plan(&found, changed);
        let loads: Vec<Load> = plans.iter().map(|plan| plan.load).collect();
        let read = read_and_decode(&found, &loads, sources);
        let mut old: Vec<Option<Tracked>> = std::mem::take(&mut self.files)
            .into_iter()
            .map(Some)
            .collect();
        let mut parts = Parts::taken_from(content);
        for ((item, plan), read) in found.into_iter().zip(plans).zip(read) {
            let kept = plan.was.and_then(|i| old[i].take());
            let tracked = match (read, kept) {
                (Some((file, diagnostics, decoded)), _) => Tracked {
                    path: item.path,
                    display: item.display,
                    role: item.role,
                    file,
                    stamp: plan.stamp,
                    slot: content.place(decoded),
                    diagnostics,
                },
                (None, Some(kept)) => Tracked {
                    slot: content.place(parts.take(kept.slot)),
                    ..kept
                },
                (None, None) => unreachable!("a file found is read or was read before"),
            };
            self.files.push(tracked);
        }
        for gone in old.into_iter().flatten() {
            sources.replace(gone.file, String::new());
        }
        Some(self.diagnostics())
    }

    /// For each file `found`: the file it was before, if any, its stamp
    /// now, and whether it must be read. When the watcher named what
    /// changed, a file it did not name is as it was, as in
    /// [`Tracking::refresh`]; else every stamp is looked at (a county's
    /// 30,000 take tens of milliseconds).
    fn plan(&self, found: &[Found], changed: &HashSet<PathBuf>) -> Vec<Plan> {
        let before: HashMap<&Path, usize> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, t)| (t.path.as_path(), i))
            .collect();
        let named = !changed.is_empty();
        found
            .par_iter()
            .map(|item| {
                let was = before
                    .get(item.path.as_path())
                    .copied()
                    .filter(|&i| self.files[i].role == item.role);
                let in_changed = changed.contains(&item.path);
                match was {
                    Some(i) if named && !in_changed => Plan {
                        was,
                        stamp: self.files[i].stamp,
                        load: Load::Keep,
                    },
                    _ => {
                        let stamp = Stamp::of(&item.path);
                        let load = match was.map(|i| &self.files[i]) {
                            None => Load::New,
                            Some(tracked) if tracked.stale(stamp, changed) => {
                                Load::Again(tracked.file)
                            }
                            Some(_) => Load::Keep,
                        };
                        Plan { was, stamp, load }
                    }
                }
            })
            .collect()
    }
}

/// What [`Tracking::relayout`] does with one file found.
struct Plan {
    /// Its index among the files tracked before, if it was one.
    was: Option<usize>,
    /// Its stamp now.
    stamp: Option<Stamp>,
    /// Whether it is read again, or first, or kept as it was.
    load: Load,
}

/// What a walk found: the same files as before, with those to read again,
/// or other files.
enum Walked {
    Same(Vec<(usize, Option<Stamp>)>),
    Other(Vec<Found>),
}

/// What files decoded into, taken out of the content to be laid out again.
struct Parts {
    site: Option<Site>,
    issues: Vec<Option<Issue>>,
    notes: Vec<Option<Note>>,
    policy: Vec<Option<PolicyPage>>,
    glossary: Option<Glossary>,
    people: Option<People>,
}

impl Parts {
    /// Everything `content` holds but its root, which is left empty.
    fn taken_from(content: &mut Content) -> Parts {
        let content = std::mem::replace(
            content,
            Content {
                root: content.root.clone(),
                ..Content::default()
            },
        );
        Parts {
            site: content.site,
            issues: content.issues.into_iter().map(Some).collect(),
            notes: content.notes.into_iter().map(Some).collect(),
            policy: content.policy.into_iter().map(Some).collect(),
            glossary: content.glossary,
            people: content.people,
        }
    }

    /// What was in `slot`, taken out.
    fn take(&mut self, slot: Slot) -> Decoded {
        let taken = match slot {
            Slot::Site => self.site.take().map(|s| Decoded::Site(Box::new(s))),
            Slot::Issue(i) => self.issues[i].take().map(|i| Decoded::Issue(Box::new(i))),
            Slot::Note(i) => self.notes[i].take().map(Decoded::Note),
            Slot::Policy(i) => self.policy[i].take().map(Decoded::Policy),
            Slot::Glossary => self.glossary.take().map(Decoded::Glossary),
            Slot::People => self.people.take().map(Decoded::People),
            Slot::Nothing => None,
        };
        taken.unwrap_or(Decoded::Nothing)
    }
}
