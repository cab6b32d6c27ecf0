//! Loading: reads a site's `content/` folder into typed content, recording
//! every mistake as a diagnostic. Nothing here checks cross-references or
//! business rules; that is the job of `validate`.

mod deadline;
mod decode;
mod document;
mod document_date;
mod figures;
mod files;
mod front_matter;
mod issue;
mod note;
mod places;
mod register;
mod site;
mod status;
mod task;
mod tracking;
mod yaml;
mod yaml_events;

pub use deadline::{Deadline, DeadlineKind, FORMS as DEADLINE_FORMS};
pub use decode::is_slug;
pub use document::{Declared, DeclaredStatus, Document, DocumentKind, Section};
pub use document_date::{DocumentDate, FORMS as DOCUMENT_DATE_FORMS};
pub use figures::{Breakdown, BreakdownRow, Indicator, Reading};
pub use issue::{Issue, Measure, Progress, Update};
pub use note::{Note, NoteKind, PolicyPage};
pub use places::Places;
pub use register::{Glossary, People, Person, Register, Term};
pub use site::{
    IdMask, Milestone, NameMask, NoticeSettings, Phase, Privacy, Site, Unit, Village, VillageKind,
};
pub use status::{Audience, PROGRESS_WORDS, Status, progress_status};
pub use task::{Acceptance, Evidence, EvidenceKind, HistoryEntry, Task};
pub use tracking::{Refreshed, Tracking};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostics, FileId, Problem, SourceMap, Span};
use decode::Decoder;
use files::{Found, Role};
use tracking::{Slot, Stamp, Tracked};
use yaml::Value;

/// Everything read from a site's `content/` folder.
#[derive(Debug, Default)]
pub struct Content {
    /// The site root it was read from.
    pub root: PathBuf,
    /// `site.yaml`, when present and readable.
    pub site: Option<Site>,
    /// Issues, in file-name order.
    pub issues: Vec<Issue>,
    /// Notes, in path order.
    pub notes: Vec<Note>,
    /// Policy explainer pages, in file-name order.
    pub policy: Vec<PolicyPage>,
    /// The glossary, if the site has one.
    pub glossary: Option<Glossary>,
    /// The person register, if the site has one.
    pub people: Option<People>,
}

/// Reads the content under `root`. Every file is read even when others
/// fail, so one run reports all mistakes.
pub fn load(root: &Path, sources: &mut SourceMap, diagnostics: &mut Diagnostics) -> Content {
    load_files(root, sources, diagnostics, false).0
}

/// [`load`], also returning what [`Tracking::refresh`] needs to read only
/// the files that change afterwards.
pub fn load_tracked(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> (Content, Tracking) {
    load_files(root, sources, diagnostics, true)
}

/// [`load_tracked`]; each file's size and time are read only when
/// `stamped` (a check that is not kept never compares them, and a
/// county's 30,000 are as many calls to the system).
fn load_files(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
    stamped: bool,
) -> (Content, Tracking) {
    let mut content = Content {
        root: root.to_path_buf(),
        ..Content::default()
    };
    let mut tracking = Tracking::default();
    if !root.join("content").is_dir() {
        let file = sources.add("content/", String::new());
        diagnostics.push(
            Problem::MissingFile { path: "content/" },
            Span::file_start(file),
        );
        return (content, tracking);
    }
    let found = files::discover(root, sources, diagnostics);
    if !found.iter().any(|f| f.role == Role::Site) && !root.join("content/site.yaml").is_dir() {
        let file = sources.add("content/site.yaml", String::new());
        diagnostics.push(
            Problem::MissingFile {
                path: "content/site.yaml",
            },
            Span::file_start(file),
        );
    }
    tracking.before_files = diagnostics.clone();
    let stamps: Vec<Option<Stamp>> = found
        .par_iter()
        .map(|item| stamped.then(|| Stamp::of(&item.path)).flatten())
        .collect();
    let loads = vec![Load::New; found.len()];
    let read = read_and_decode(&found, &loads, sources);
    for ((item, stamp), read) in found.into_iter().zip(stamps).zip(read) {
        // Every file is read: `Load::New` for each.
        let Some((file, local, decoded)) = read else {
            continue;
        };
        diagnostics.extend(local.clone());
        tracking.files.push(Tracked {
            path: item.path,
            display: item.display,
            role: item.role,
            file,
            stamp,
            slot: content.place(decoded),
            diagnostics: local,
        });
    }
    (content, tracking)
}

/// What is done with one file found when content is read.
#[derive(Clone, Copy, Debug)]
enum Load {
    /// Kept as it was decoded before: not read.
    Keep,
    /// Read and registered under the next id.
    New,
    /// Read again and registered under the id it had.
    Again(FileId),
}

/// The files of `found` read as `loads` says: read in parallel, registered
/// in path order (so that ids and diagnostics never depend on threads),
/// and decoded in parallel from the texts the source map holds (one copy).
/// For each file, its id, its diagnostics and what it decoded into; `None`
/// for a file kept.
fn read_and_decode(
    found: &[Found],
    loads: &[Load],
    sources: &mut SourceMap,
) -> Vec<Option<(FileId, Diagnostics, Decoded)>> {
    let reads: Vec<Option<files::Read>> = found
        .par_iter()
        .zip(loads)
        .map(|(item, load)| (!matches!(load, Load::Keep)).then(|| files::read(&item.path)))
        .collect();
    let registered: Vec<Option<(FileId, bool, Diagnostics)>> = found
        .iter()
        .zip(loads)
        .zip(reads)
        .map(|((item, load), read)| {
            let read = read?;
            let mut local = Diagnostics::default();
            let (file, usable) = match *load {
                Load::Again(file) => (file, files::register_again(read, file, sources, &mut local)),
                _ => files::register(read, &item.display, sources, &mut local),
            };
            Some((file, usable, local))
        })
        .collect();
    let sources = &*sources;
    found
        .par_iter()
        .zip(registered)
        .map(|(item, registered)| {
            let (file, usable, mut local) = registered?;
            let decoded = if usable {
                decode_file(
                    item.role,
                    &item.display,
                    file,
                    sources.text(file),
                    &mut local,
                )
            } else {
                Decoded::Nothing
            };
            Some((file, local, decoded))
        })
        .collect()
}

impl Content {
    /// How many distinct outermost headings (一、…方面) the issues stand
    /// under: the groups the site lists.
    pub fn listed_categories(&self) -> usize {
        Issue::categories_listed(&self.issues)
    }

    /// How many issues state their progress with `word` (正在整改).
    pub fn listed_with_word(&self, word: &str) -> usize {
        Issue::listed_with_word(&self.issues, word)
    }

    /// Whether anything here is judged against an as-of date: tasks,
    /// phases or milestones. A plan or report with none of them (only its
    /// problems and their prose) states no progress to date.
    pub fn needs_as_of(&self) -> bool {
        self.issues.iter().any(|i| !i.tasks.is_empty())
            || self
                .site
                .as_ref()
                .is_some_and(|s| !s.phases.is_empty() || !s.milestones.is_empty())
    }

    /// Puts a decoded file in its place and says where that is.
    fn place(&mut self, decoded: Decoded) -> Slot {
        match decoded {
            Decoded::Site(site) => {
                self.site = Some(*site);
                Slot::Site
            }
            Decoded::Issue(issue) => {
                self.issues.push(*issue);
                Slot::Issue(self.issues.len() - 1)
            }
            Decoded::Note(note) => {
                self.notes.push(note);
                Slot::Note(self.notes.len() - 1)
            }
            Decoded::Policy(page) => {
                self.policy.push(page);
                Slot::Policy(self.policy.len() - 1)
            }
            Decoded::Glossary(glossary) => {
                self.glossary = Some(glossary);
                Slot::Glossary
            }
            Decoded::People(people) => {
                self.people = Some(people);
                Slot::People
            }
            Decoded::Nothing => Slot::Nothing,
        }
    }

    /// Puts a decoded file back in the place it had; `false` when it does
    /// not fit there (an issue file that no longer decodes, say).
    fn replace(&mut self, slot: Slot, decoded: Decoded) -> bool {
        match (slot, decoded) {
            (Slot::Site, Decoded::Site(site)) => self.site = Some(*site),
            (Slot::Issue(i), Decoded::Issue(issue)) => self.issues[i] = *issue,
            (Slot::Note(i), Decoded::Note(note)) => self.notes[i] = note,
            (Slot::Policy(i), Decoded::Policy(page)) => self.policy[i] = page,
            (Slot::Glossary, Decoded::Glossary(glossary)) => self.glossary = Some(glossary),
            (Slot::People, Decoded::People(people)) => self.people = Some(people),
            _ => return false,
        }
        true
    }
}

/// What one file decoded into.
enum Decoded {
    // Boxed: a site (with its lookup tables) and an issue are several
    // times larger than a note.
    Site(Box<Site>),
    Issue(Box<Issue>),
    Note(Note),
    Policy(PolicyPage),
    Glossary(Glossary),
    People(People),
    Nothing,
}

/// Parses and decodes one file's text by its role.
fn decode_file(
    role: Role,
    display: &str,
    file: FileId,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Decoded {
    match role {
        Role::Site | Role::Issue | Role::Glossary | Role::People => {
            let root_node = match yaml::parse(text, file, 0) {
                Ok(node) => node,
                Err((problem, span)) => {
                    diagnostics.push(problem, span);
                    return Decoded::Nothing;
                }
            };
            let null = root_node.value == Value::Null;
            let mut decoder = Decoder::new(diagnostics);
            match role {
                Role::Site | Role::Issue if null => {
                    decoder.report(Problem::EmptyFile, Span::file_start(file));
                    Decoded::Nothing
                }
                Role::Site => site::decode(&root_node, file, &mut decoder)
                    .map_or(Decoded::Nothing, |site| Decoded::Site(Box::new(site))),
                Role::Issue => issue::decode(&root_node, file, &mut decoder)
                    .map_or(Decoded::Nothing, |issue| Decoded::Issue(Box::new(issue))),
                Role::Glossary => {
                    Decoded::Glossary(register::decode_glossary(&root_node, file, &mut decoder))
                }
                _ => Decoded::People(register::decode_people(&root_node, file, &mut decoder)),
            }
        }
        Role::Note | Role::Policy => {
            let parts = match front_matter::split(text) {
                Ok(parts) => parts,
                Err(problem) => {
                    diagnostics.push(problem, Span::file_start(file));
                    return Decoded::Nothing;
                }
            };
            let front = match yaml::parse(parts.yaml, file, parts.yaml_line_offset) {
                Ok(node) => node,
                Err((problem, span)) => {
                    diagnostics.push(problem, span);
                    return Decoded::Nothing;
                }
            };
            if front.value == Value::Null {
                diagnostics.push(Problem::MissingKey { key: "title" }, Span::file_start(file));
                return Decoded::Nothing;
            }
            let stem = Path::new(display)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut decoder = Decoder::new(diagnostics);
            let body = (parts.body, parts.body_line);
            if role == Role::Note {
                note::decode_note(&front, file, &stem, body, &mut decoder)
                    .map_or(Decoded::Nothing, Decoded::Note)
            } else {
                note::decode_policy(&front, file, &stem, body, &mut decoder)
                    .map_or(Decoded::Nothing, Decoded::Policy)
            }
        }
    }
}
