//! Loading: reads a site's `content/` folder into typed content, recording
//! every mistake as a diagnostic. Nothing here checks cross-references or
//! business rules; that is the job of `validate`.

mod decode;
mod files;
mod front_matter;
mod issue;
mod note;
mod register;
mod site;
mod status;
mod yaml;

pub use decode::is_slug;
pub use issue::{
    Acceptance, Breakdown, BreakdownRow, Evidence, EvidenceKind, HistoryEntry, Indicator, Issue,
    Measure, Reading, Task, Update,
};
pub use note::{Note, NoteKind, PolicyPage};
pub use register::{Glossary, People, Person, Term};
pub use site::{Document, Milestone, Phase, Privacy, Section, Site, Unit, Village, VillageKind};
pub use status::{Audience, Status};

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Problem, SourceMap, Span};
use decode::Decoder;
use files::Role;
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
    let mut content = Content {
        root: root.to_path_buf(),
        ..Content::default()
    };
    if !root.join("content").is_dir() {
        let file = sources.add("content/", String::new());
        diagnostics.push(
            Problem::MissingFile { path: "content/" },
            Span::file_start(file),
        );
        return content;
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
    for item in found {
        let (file, text) = files::read(&item.path, &item.display, sources, diagnostics);
        let Some(text) = text else { continue };
        match item.role {
            Role::Site | Role::Issue | Role::Glossary | Role::People => {
                let root_node = match yaml::parse(&text, file, 0) {
                    Ok(node) => node,
                    Err((problem, span)) => {
                        diagnostics.push(problem, span);
                        continue;
                    }
                };
                let null = root_node.value == Value::Null;
                let mut decoder = Decoder::new(diagnostics);
                match item.role {
                    Role::Site | Role::Issue if null => {
                        decoder.report(Problem::EmptyFile, Span::file_start(file));
                    }
                    Role::Site => content.site = site::decode(&root_node, file, &mut decoder),
                    Role::Issue => {
                        content
                            .issues
                            .extend(issue::decode(&root_node, file, &mut decoder))
                    }
                    Role::Glossary => {
                        content.glossary =
                            Some(register::decode_glossary(&root_node, file, &mut decoder));
                    }
                    Role::People => {
                        content.people =
                            Some(register::decode_people(&root_node, file, &mut decoder));
                    }
                    Role::Note | Role::Policy => unreachable!("matched by the outer arm"),
                }
            }
            Role::Note | Role::Policy => {
                let parts = match front_matter::split(&text) {
                    Ok(parts) => parts,
                    Err(problem) => {
                        diagnostics.push(problem, Span::file_start(file));
                        continue;
                    }
                };
                let front = match yaml::parse(parts.yaml, file, parts.yaml_line_offset) {
                    Ok(node) => node,
                    Err((problem, span)) => {
                        diagnostics.push(problem, span);
                        continue;
                    }
                };
                if front.value == Value::Null {
                    diagnostics.push(Problem::MissingKey { key: "title" }, Span::file_start(file));
                    continue;
                }
                let stem = Path::new(&item.display)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut decoder = Decoder::new(diagnostics);
                let body = (parts.body, parts.body_line);
                if item.role == Role::Note {
                    content.notes.extend(note::decode_note(
                        &front,
                        file,
                        &stem,
                        body,
                        &mut decoder,
                    ));
                } else {
                    content.policy.extend(note::decode_policy(
                        &front,
                        file,
                        &stem,
                        body,
                        &mut decoder,
                    ));
                }
            }
        }
    }
    content
}
