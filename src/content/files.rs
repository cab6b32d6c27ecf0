//! Finding and reading content files: sorted, UTF-8, never outside the root.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostics, FileId, Problem, SourceMap, Span};

/// What a file under `content/` is, by where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// `content/site.yaml`.
    Site,
    /// `content/issues/*.yaml`.
    Issue,
    /// `content/notes/**/*.md`.
    Note,
    /// `content/policy/*.md`.
    Policy,
    /// `content/glossary.yaml`.
    Glossary,
    /// `content/people.yaml`.
    People,
}

/// A content file found by the walk.
#[derive(Debug)]
pub(super) struct Found {
    /// Its role.
    pub role: Role,
    /// Absolute (or root-joined) path to read.
    pub path: PathBuf,
    /// Path relative to the site root, with `/`, for messages.
    pub display: String,
}

/// Walks `root/content` in sorted order and returns the files with a role.
/// Symbolic links are followed only while they stay inside the site root;
/// loops and unreadable folders become diagnostics.
pub(super) fn discover(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Vec<Found> {
    let content = root.join("content");
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut found = Vec::new();
    let mut walk = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let display = error
                    .path()
                    .map_or_else(|| "content".to_string(), |p| display_path(root, p));
                let file = sources.add(display, String::new());
                diagnostics.push(
                    Problem::WalkFailed {
                        reason: error.to_string(),
                    },
                    Span::file_start(file),
                );
                continue;
            }
        };
        let display = display_path(root, entry.path());
        if entry.path_is_symlink() {
            let target = fs::canonicalize(entry.path());
            if !matches!(&target, Ok(t) if t.starts_with(&canonical_root)) {
                let file = sources.add(display, String::new());
                let target = fs::read_link(entry.path())
                    .map_or_else(|e| e.to_string(), |t| t.display().to_string());
                diagnostics.push(Problem::LinkOutsideRoot { target }, Span::file_start(file));
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
        }
        let kind = entry.file_type();
        if !kind.is_file() && !kind.is_dir() {
            // A pipe would block the read forever; a device is not content.
            let file = sources.add(display, String::new());
            diagnostics.push(Problem::SpecialFile, Span::file_start(file));
            continue;
        }
        let Some(role) = role_of(&display) else {
            continue;
        };
        if entry.file_type().is_dir() {
            let file = sources.add(display, String::new());
            diagnostics.push(Problem::NotAFile, Span::file_start(file));
            walk.skip_current_dir();
            continue;
        }
        found.push(Found {
            role,
            path: entry.path().to_path_buf(),
            display,
        });
    }
    found
}

fn role_of(display: &str) -> Option<Role> {
    let rest = display.strip_prefix("content/")?;
    let yaml = rest.ends_with(".yaml") || rest.ends_with(".yml");
    let markdown = rest.ends_with(".md");
    let depth = rest.matches('/').count();
    match rest {
        "site.yaml" | "site.yml" => Some(Role::Site),
        "glossary.yaml" | "glossary.yml" => Some(Role::Glossary),
        "people.yaml" | "people.yml" => Some(Role::People),
        _ if rest.starts_with("issues/") && yaml && depth == 1 => Some(Role::Issue),
        _ if rest.starts_with("notes/") && markdown => Some(Role::Note),
        _ if rest.starts_with("policy/") && markdown && depth == 1 => Some(Role::Policy),
        _ => None,
    }
}

fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file as read from disk, before it is registered.
#[derive(Debug)]
pub(super) struct Read {
    /// The text: to decode and to quote in messages when the file was read
    /// without a problem; else only to quote (lossy for non-UTF-8 files).
    shown: String,
    /// What is wrong with it: the problem, line, column.
    problem: Option<(Problem, u32, u32)>,
}

impl Read {
    /// The text, when the file was read without a problem.
    pub(super) fn into_text(self) -> Option<String> {
        match self.problem {
            None => Some(self.shown),
            Some(_) => None,
        }
    }
}

/// Reads a file as text: a byte-order mark is dropped and CRLF or CR line
/// ends become `\n` (files saved by Windows editors are normal here, not
/// mistakes). Unreadable, non-UTF-8 and empty files carry their problem.
/// Touches nothing shared, so files are read in parallel.
pub(super) fn read(path: &Path) -> Read {
    let failed = |problem, line, col, shown: String| Read {
        shown,
        problem: Some((problem, line, col)),
    };
    let mut bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(_) if path.is_dir() => return failed(Problem::NotAFile, 1, 1, String::new()),
        Err(error) => {
            let reason = error.to_string();
            return failed(Problem::CannotRead { reason }, 1, 1, String::new());
        }
    };
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    // The bytes become the text in place: a county's content is a hundred
    // megabytes, read once and held once.
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = normalise_line_ends(text);
            if text.trim().is_empty() {
                failed(Problem::EmptyFile, 1, 1, text)
            } else {
                Read {
                    shown: text,
                    problem: None,
                }
            }
        }
        Err(error) => {
            // Point at the first bad byte; show the valid part for context.
            let valid_up_to = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let valid =
                normalise_line_ends(String::from_utf8_lossy(&bytes[..valid_up_to]).into_owned());
            let (line, col) = crate::diagnostics::line_and_column(&valid, valid.len());
            failed(
                Problem::NotUtf8,
                line,
                col,
                normalise_line_ends(String::from_utf8_lossy(&bytes).into_owned()),
            )
        }
    }
}

/// Registers a read file in `sources` (in a fixed order, so ids and output
/// are deterministic) and reports its problem; returns its id and whether
/// its text is usable.
pub(super) fn register(
    read: Read,
    display: &str,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> (FileId, bool) {
    let file = sources.add(display, String::new());
    (file, register_again(read, file, sources, diagnostics))
}

/// Puts a file read again in its place `file` in `sources` and reports its
/// problem; returns whether its text is usable.
pub(super) fn register_again(
    read: Read,
    file: FileId,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> bool {
    let usable = read.problem.is_none();
    sources.replace(file, read.shown);
    if let Some((problem, line, col)) = read.problem {
        let len = u32::from(line > 1 || col > 1);
        diagnostics.push(
            problem,
            Span {
                file,
                line,
                col,
                len,
            },
        );
    }
    usable
}

/// The byte-order mark some Windows editors put first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn normalise_line_ends(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_place() {
        assert_eq!(role_of("content/site.yaml"), Some(Role::Site));
        assert_eq!(role_of("content/issues/07.yaml"), Some(Role::Issue));
        assert_eq!(role_of("content/issues/old/07.yaml"), None);
        assert_eq!(role_of("content/notes/2025/08/x.md"), Some(Role::Note));
        assert_eq!(role_of("content/policy/a.md"), Some(Role::Policy));
        assert_eq!(role_of("content/evidence/photo.jpg"), None);
    }

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(normalise_line_ends("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }
}
