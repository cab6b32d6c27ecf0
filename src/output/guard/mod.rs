//! The leak guard: after the public site is rendered and before it replaces
//! the old one, every output file is read the way a browser, a feed reader
//! or a spreadsheet would show it — HTML, SVG and XML decoded into their
//! text and attribute values, entities resolved, URLs percent-decoded,
//! file and folder names included — and searched in its reading form for
//! every registered name and every phone, ID and card number in clear.
//! It reads the output itself rather than trusting the masker, so what the
//! masker missed (or a template printed) is still caught. Any hit stops the
//! build; content cannot switch it off.

mod binary;
mod clean_files;
mod pieces;
mod searched;
mod view;

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::OutputFile;
use crate::content::Register;
use crate::diagnostics::{LeakPlace, Leaked, Problem, line_and_column};
use crate::privacy::NameFinder;
use crate::privacy::numbers::Number;
use crate::reading::Reading;

use binary::{GZIP, ZIP};
use clean_files::CleanFiles;
use pieces::{PIECE, pieces};
use searched::Searched;
use view::{Markup, View};

/// Something that must not be published, found in an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The file, relative to the output folder.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What was found.
    pub found: Leaked,
    /// Its first characters: one of a name, three of a number.
    pub start: String,
    /// Where in the file: its text, its name, an entry of the archive it
    /// is, its bytes.
    pub place: LeakPlace,
}

impl Leak {
    /// The E090 diagnostic it is reported as.
    pub fn problem(&self) -> Problem {
        Problem::Leak {
            found: self.found,
            start: self.start.clone(),
            place: self.place.clone(),
        }
    }

    /// Whether `line` and `col` point into the file's text (not into its
    /// name, nor into the bytes of an image).
    pub fn in_text(&self) -> bool {
        self.place == LeakPlace::Text
    }
}

/// Every leak in `files` of the people and numbers of `register`.
pub fn guard(files: &[OutputFile], register: &Register) -> Vec<Leak> {
    Guard::new(register).find(files)
}

/// The guard's matchers, built once and reused for every file checked
/// (`serve` checks each page as it renders it).
#[derive(Debug)]
pub struct Guard {
    register: Register,
    finder: NameFinder,
    /// Registered names as bytes, for files that are not text: made for
    /// the first such file, as the default theme has none and a county's
    /// 10,000 names take tens of megabytes and a tenth of a second.
    raw_names: OnceLock<Option<AhoCorasick>>,
    /// Where plain text may be cut ([`pieces::cuts_outside`]).
    cuts: Vec<u8>,
    /// Runs of markup text already searched and found clean.
    searched: Searched,
    /// Whole files already read and found clean, for a guard used again
    /// and again ([`Guard::remembering_files`]).
    clean_files: Option<CleanFiles>,
}

impl Guard {
    /// A guard for `register`.
    pub fn new(register: &Register) -> Guard {
        let names: Vec<&str> = searched_names(register).collect();
        // Names are searched for in their reading form (a full-width colon
        // reads as `:`), so that is the form a cut must not fall inside.
        let read: Vec<String> = names.iter().map(|n| Reading::of(n).text).collect();
        Guard {
            cuts: pieces::cuts_outside(&read),
            register: register.clone(),
            finder: NameFinder::new(register),
            raw_names: OnceLock::new(),
            searched: Searched::default(),
            clean_files: None,
        }
    }

    /// This guard, made to read the files of one site again and again as
    /// it is edited (`serve`): a file read and found clean is not read
    /// again while its path and bytes stay the same. A build reads each
    /// file once, and gains nothing from it but the digests' cost.
    pub fn remembering_files(self) -> Guard {
        Guard {
            clean_files: Some(CleanFiles::default()),
            ..self
        }
    }

    /// What it guards.
    pub fn register(&self) -> &Register {
        &self.register
    }

    /// Every leak in `files`, in file order.
    pub fn find(&self, files: &[OutputFile]) -> Vec<Leak> {
        files
            .par_iter()
            .flat_map_iter(|file| self.scan_unless_known(file))
            .collect()
    }

    /// [`Guard::scan`], unless the file was found clean before as it is.
    fn scan_unless_known(&self, file: &OutputFile) -> Vec<Leak> {
        let Some(clean_files) = &self.clean_files else {
            return self.scan(file);
        };
        let print = CleanFiles::print(&file.bytes);
        if clean_files.holds(&file.path, &print) {
            return Vec::new();
        }
        let leaks = self.scan(file);
        if leaks.is_empty() {
            clean_files.add(&file.path, print);
        }
        leaks
    }

    fn scan(&self, file: &OutputFile) -> Vec<Leak> {
        let mut leaks = Vec::new();
        // The file's own path: a name in a file or folder name is published.
        let path_view = View::plain(&file.path);
        self.search(&path_view, file, Place::Name, &mut leaks);
        if file.bytes.starts_with(ZIP) {
            self.scan_zip(file, &mut leaks);
            return leaks;
        }
        if file.bytes.starts_with(GZIP) {
            self.scan_gzip(file, &mut leaks);
            return leaks;
        }
        let Ok(text) = std::str::from_utf8(&file.bytes) else {
            self.scan_binary(file, &mut leaks);
            return leaks;
        };
        let markup = is_markup(&file.path);
        // The search index's pairs of characters are cut from the text of
        // its pages (高华 out of the place 高华安置区): names are looked
        // for in that text, which the index holds whole beside them.
        let pairs = file.path.starts_with(crate::search::DIR)
            && file
                .path
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("shard-"));
        // A county's print pack and site.json are a hundred megabytes
        // each: read in pieces, neither is held three times over (the
        // text, its view, its reading form).
        if markup {
            View::markup_in_pieces(text, PIECE, &self.searched, &mut |view| {
                self.search_for(view, file, Place::Text(text), &mut leaks, !pairs);
            });
            // Escaped markup is read as written and again as markup: what
            // reads the same both ways is one leak, found twice in one place.
            let mut seen: Vec<Leak> = Vec::new();
            leaks.retain(|leak| {
                let first = !seen.contains(leak);
                seen.push(leak.clone());
                first
            });
        } else {
            for (start, piece) in pieces(text, &self.cuts) {
                let view = View::plain_at(piece, start);
                self.search_for(&view, file, Place::Text(text), &mut leaks, !pairs);
            }
        }
        leaks
    }

    /// Whether the file at `path`, read from `source` as it is made, holds
    /// no leak: its name and its text, markup read as a browser does, in
    /// pieces, never whole. Where it finds one, [`Guard::find`] over the
    /// file read back tells where.
    pub fn clean_as_read(&self, path: &str, mut source: impl std::io::Read) -> bool {
        let file = OutputFile {
            path: path.to_string(),
            bytes: Vec::new(),
        };
        let mut leaks = Vec::new();
        self.search(&View::plain(path), &file, Place::Name, &mut leaks);
        if is_markup(path) {
            View::markup_read_in_pieces(source, Markup::File, PIECE, &self.searched, &mut |view| {
                self.search(view, &file, Place::Name, &mut leaks);
            });
        } else {
            // Only markup is made in pieces; anything else is read whole.
            let mut bytes = Vec::new();
            let _ = source.read_to_end(&mut bytes);
            leaks.extend(self.scan(&OutputFile { bytes, ..file }));
        }
        leaks.is_empty()
    }

    fn search(&self, view: &View, file: &OutputFile, place: Place, leaks: &mut Vec<Leak>) {
        self.search_for(view, file, place, leaks, true);
    }

    /// Names (when `names`) and numbers in `view`, each reported at its
    /// place. When names were searched for and nothing is found, the
    /// view's fresh runs are remembered as clean.
    fn search_for(
        &self,
        view: &View,
        file: &OutputFile,
        place: Place,
        leaks: &mut Vec<Leak>,
        names: bool,
    ) {
        let reading = Reading::of(&view.text);
        let before = leaks.len();
        let found_names = if names {
            self.finder.names_in(&reading.text)
        } else {
            Vec::new()
        };
        let mut found: Vec<(std::ops::Range<usize>, Leaked, String)> = found_names
            .into_iter()
            .map(|(range, person)| {
                let name = &self.register.people[person].0;
                (range, Leaked::Name, name.chars().take(1).collect())
            })
            .collect();
        for (range, kind) in self.finder.numbers_in(&reading.text) {
            let start: String = reading.text[range.clone()].chars().take(3).collect();
            found.push((range, leaked(kind), start));
        }
        for (range, what, start) in found {
            let in_view = reading.original_range(&view.text, range);
            let (line, col) = match place {
                Place::Text(text) => line_and_column(text, view.file_offset(in_view.start)),
                Place::Name | Place::Entry(_) | Place::Decompressed => (1, 1),
            };
            leaks.push(Leak {
                path: file.path.clone(),
                line: line as usize,
                col: col as usize,
                found: what,
                start,
                place: match place {
                    Place::Text(_) => LeakPlace::Text,
                    Place::Name => LeakPlace::FileName,
                    Place::Entry(entry) => LeakPlace::Entry(entry.to_string()),
                    Place::Decompressed => LeakPlace::Decompressed,
                },
            });
        }
        if names && leaks.len() == before {
            self.searched.add(view.fresh_runs());
        }
    }
}

/// The registered names the guard looks for: those that are not empty,
/// in the register's order (the binary search's patterns are numbered so).
fn searched_names(register: &Register) -> impl Iterator<Item = &str> {
    register.names().filter(|n| !n.is_empty())
}

/// Whether the file at `path` is HTML, SVG or XML, read as markup.
fn is_markup(path: &str) -> bool {
    [".html", ".htm", ".svg", ".xml"]
        .iter()
        .any(|ext| path.to_ascii_lowercase().ends_with(ext))
}

/// Where a view's text comes from, for the leak's place.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// The file's own text, whose lines and columns are reported.
    Text(&'a str),
    /// The file's path.
    Name,
    /// An entry of the archive the file is.
    Entry(&'a str),
    /// The text the file holds compressed.
    Decompressed,
}

/// What a number of `kind` is reported as.
fn leaked(kind: Number) -> Leaked {
    match kind {
        Number::Mobile => Leaked::Mobile,
        Number::Landline => Leaked::Landline,
        Number::Id => Leaked::Id,
        Number::BankCard => Leaked::BankCard,
    }
}

#[cfg(test)]
mod tests;
