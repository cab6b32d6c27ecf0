//! Diagnostics: what went wrong in the content, where, and how to fix it.
//!
//! Every user mistake becomes a [`Diagnostic`] pointing at a [`Span`] in a
//! file of the [`SourceMap`]; the loader and validator collect them all, and
//! [`render`] prints them in the `path:line:col: error[E…]: message` form.

mod hint;
mod message;
mod named;
mod per_file;
mod problem;
mod render;

pub use hint::closest;
pub use named::{AcceptancePart, Kind, LeakPlace, Leaked};
pub use per_file::PerFile;
pub use problem::Problem;
pub use render::{Lang, render, render_styled};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A place in a content file: 1-based line and character column, and the
/// length in characters of what is pointed at (for the caret line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters (not bytes).
    pub col: u32,
    /// Width of the marked text, in characters; at least one caret is drawn.
    pub len: u32,
}

/// The 1-based line and character column of byte `offset` in `text` (an
/// offset inside a character counts as that character).
pub fn line_and_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, col as u32)
}

impl Span {
    /// The span of `len` characters at byte `offset` of `text`, in `file`.
    pub fn at(file: FileId, text: &str, offset: usize, len: usize) -> Span {
        let (line, col) = line_and_column(text, offset);
        Span {
            file,
            line,
            col,
            len: len as u32,
        }
    }

    /// The start of a file, for problems with the file as a whole.
    pub fn file_start(file: FileId) -> Span {
        Span {
            file,
            line: 1,
            col: 1,
            len: 0,
        }
    }
}

/// A value read from content, with where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where the value was written.
    pub span: Span,
}

impl<T> Located<T> {
    /// Pairs a value with its place.
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

/// How bad a diagnostic is: errors stop a build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The content is wrong; `check` exits 1 and `build` refuses.
    Error,
    /// Worth attention (an overdue task), but the content is valid.
    Warning,
}

/// One problem found in the content.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// What is wrong; it carries the code, message and hint.
    pub problem: Problem,
    /// Where it is.
    pub span: Span,
}

impl Diagnostic {
    /// Whether this stops a build.
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }
}

/// The text of every file read, so diagnostics can quote the offending line.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug)]
struct SourceFile {
    path: PathBuf,
    text: String,
    revision: u64,
}

/// Revisions are unique in the process, across source maps, so a text seen
/// before is known by its revision alone.
static REVISIONS: AtomicU64 = AtomicU64::new(0);

fn next_revision() -> u64 {
    REVISIONS.fetch_add(1, Ordering::Relaxed)
}

impl SourceMap {
    /// Registers a file by its display path (relative to the site root) and
    /// its text (empty when it could not be read).
    pub fn add(&mut self, path: impl Into<PathBuf>, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.files.push(SourceFile {
            path: path.into(),
            text,
            revision: next_revision(),
        });
        id
    }

    /// Replaces the text of a registered file (it was edited and read again).
    pub fn replace(&mut self, file: FileId, text: String) {
        let source = &mut self.files[file.0 as usize];
        source.text = text;
        source.revision = next_revision();
    }

    /// How many files are registered.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is registered.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A number that changes whenever the file's text is replaced, and that
    /// no other text in the process has had: equal revisions, equal texts.
    pub fn revision(&self, file: FileId) -> u64 {
        self.files[file.0 as usize].revision
    }

    /// The display path of a file.
    pub fn path(&self, file: FileId) -> &Path {
        &self.files[file.0 as usize].path
    }

    /// The text of a file, line ends normalised to `\n`.
    pub fn text(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].text
    }

    /// The first line of a file that is neither blank nor a comment: where
    /// to point at a setting the file lacks (line 1 is often a comment).
    pub fn first_content_line(&self, file: FileId) -> Span {
        let found = self.text(file).split('\n').enumerate().find(|(_, line)| {
            let line = line.trim();
            !line.is_empty() && !line.starts_with('#') && line != "---"
        });
        match found {
            Some((index, line)) => Span {
                file,
                line: index as u32 + 1,
                col: 1,
                len: line.trim_end().chars().count() as u32,
            },
            None => Span::file_start(file),
        }
    }

    /// Line `line` (1-based) of a file, without its line end.
    pub fn line(&self, file: FileId, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.text(file).split('\n').nth(index)
    }

    /// Keeps of each file's text the lines in `quoted` (a file and a
    /// line, 1-based) and blanks the rest, unless `whole` says to keep the
    /// text whole; lines keep their numbers, and a blank line is quoted as
    /// none. Once a build has checked its content it quotes only the lines
    /// its diagnostics point at, and a county's files hold tens of
    /// megabytes of text.
    pub fn thin(&mut self, mut quoted: Vec<(FileId, u32)>, whole: impl Fn(&str) -> bool + Sync) {
        quoted.sort_unstable();
        quoted.dedup();
        let mut by_file: Vec<&[(FileId, u32)]> = vec![&[]; self.files.len()];
        for lines in quoted.chunk_by(|a, b| a.0 == b.0) {
            if let Some(slot) = by_file.get_mut(lines[0].0.0 as usize) {
                *slot = lines;
            }
        }
        self.files
            .par_iter_mut()
            .zip(by_file)
            .filter(|(file, _)| !whole(&file.text))
            .for_each(|(file, lines)| {
                file.text = kept_lines(&file.text, lines);
                file.revision = next_revision();
            });
    }

    /// Every registered file, in registration order.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &Path, &str)> {
        self.files.iter().enumerate().map(|(index, file)| {
            (
                FileId(index as u32),
                file.path.as_path(),
                file.text.as_str(),
            )
        })
    }
}

/// The lines of `text` numbered in `lines` (sorted), the others blank, up
/// to the last line kept.
fn kept_lines(text: &str, lines: &[(FileId, u32)]) -> String {
    let mut out = String::new();
    let mut wanted = lines.iter().map(|&(_, line)| line).peekable();
    for (number, line) in (1..).zip(text.split('\n')) {
        // A line 0 names no line of the text.
        while wanted.next_if(|&wanted| wanted < number).is_some() {}
        if wanted.peek().is_none() {
            break;
        }
        if number > 1 {
            out.push('\n');
        }
        if wanted.next_if_eq(&number).is_some() {
            out.push_str(line);
        }
    }
    out
}

/// All diagnostics of a run, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem at a place.
    pub fn push(&mut self, problem: Problem, span: Span) {
        self.list.push(Diagnostic { problem, span });
    }

    /// Appends another run's diagnostics, keeping their order.
    pub fn extend(&mut self, other: Diagnostics) {
        self.list.extend(other.list);
    }

    /// Keeps only the diagnostics `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.list.retain(keep);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity() == Severity::Error)
    }

    /// Number of diagnostics of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// The diagnostics sorted by file, line and column, errors before
    /// warnings at the same place, so output is stable and readable.
    pub fn sorted(&self, sources: &SourceMap) -> Vec<&Diagnostic> {
        let mut list: Vec<&Diagnostic> = self.list.iter().collect();
        list.sort_by(|a, b| {
            (
                sources.path(a.span.file),
                a.span.line,
                a.span.col,
                a.severity(),
            )
                .cmp(&(
                    sources.path(b.span.file),
                    b.span.line,
                    b.span.col,
                    b.severity(),
                ))
        });
        list
    }

    /// Every diagnostic, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_the_quoted_lines_at_their_numbers() {
        let mut sources = SourceMap::default();
        let plain = sources.add("a.yaml", "one\ntwo\nthree\nfour\nfive".into());
        let linked = sources.add("b.md", "see [one](/x/)\nand more".into());
        let unquoted = sources.add("c.yaml", "nothing\nquoted".into());
        let before = sources.revision(plain);
        sources.thin(
            vec![(plain, 4), (plain, 2), (plain, 2), (plain, 0), (linked, 1)],
            |text| text.contains("]("),
        );
        assert_eq!(sources.text(plain), "\ntwo\n\nfour");
        assert_eq!(sources.line(plain, 2), Some("two"));
        assert_eq!(sources.line(plain, 3), Some(""));
        assert_eq!(sources.line(plain, 5), None);
        assert_ne!(sources.revision(plain), before, "the text changed");
        assert_eq!(sources.text(linked), "see [one](/x/)\nand more");
        assert_eq!(sources.text(unquoted), "");
    }
}
