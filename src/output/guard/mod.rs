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
mod searched;
mod view;

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::OutputFile;
use crate::content::Register;
use crate::diagnostics::{Problem, line_and_column};
use crate::privacy::NameFinder;
use crate::reading::Reading;

use binary::{GZIP, ZIP};
use clean_files::CleanFiles;
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
    /// What was found, itself masked for the message.
    pub what: String,
    /// Whether `line` and `col` point into the file's text (not into its
    /// name, nor into the bytes of an image).
    pub in_text: bool,
}

impl Leak {
    /// The E090 diagnostic it is reported as.
    pub fn problem(&self) -> Problem {
        Problem::Leak {
            what: self.what.clone(),
        }
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
    /// The bytes of [`CUTS`] that no registered name holds.
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
        let cuts = CUTS
            .iter()
            .copied()
            .filter(|cut| !read.iter().any(|n| n.as_bytes().contains(cut)))
            .collect();
        Guard {
            cuts,
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
        let mut found: Vec<(std::ops::Range<usize>, String)> = found_names
            .into_iter()
            .map(|(range, person)| {
                let name = &self.register.people[person].0;
                let first = name.chars().next().unwrap_or('?');
                (range, format!("a registered name ({first}…)"))
            })
            .collect();
        for (range, kind) in self.finder.numbers_in(&reading.text) {
            let start: String = reading.text[range.clone()].chars().take(3).collect();
            found.push((range, format!("{} ({start}…)", kind.name())));
        }
        for (range, what) in found {
            let in_view = reading.original_range(&view.text, range);
            let (line, col) = match place {
                Place::Text(text) => line_and_column(text, view.file_offset(in_view.start)),
                Place::Name | Place::Entry(_) => (1, 1),
            };
            leaks.push(Leak {
                path: file.path.clone(),
                line: line as usize,
                col: col as usize,
                what: match place {
                    Place::Text(_) => what,
                    Place::Name => format!("{what} in the file name"),
                    Place::Entry(entry) => format!("{what} in {entry}"),
                },
                in_text: matches!(place, Place::Text(_)),
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

/// Text longer than this is read in pieces of about this size.
const PIECE: usize = 1 << 20;

/// Where plain text may be cut into pieces: right after one of these, the
/// reading form starts afresh (no space pending, no Han character before),
/// and no number can reach across (numbers are digits, spaces, dashes,
/// plus signs and brackets, and look at a `.` or `,` before them). Each is
/// used only when no registered name holds it.
const CUTS: &[u8] = b"\"{}[]<>:;";

/// `text` in pieces, each with its offset: cut after a byte of `cuts`
/// found past every [`PIECE`] bytes, or whole when there is none.
fn pieces<'t>(text: &'t str, cuts: &'t [u8]) -> impl Iterator<Item = (usize, &'t str)> + 't {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let from = start;
        let end = text
            .as_bytes()
            .get(from + PIECE..)
            .and_then(|rest| rest.iter().position(|b| cuts.contains(b)))
            .map_or(text.len(), |at| from + PIECE + at + 1);
        start = end;
        Some((from, &text[from..end]))
    })
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
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn register(names: &[&str]) -> Register {
        Register {
            people: names
                .iter()
                .map(|n| ((*n).to_string(), n.chars().take(1).collect()))
                .collect(),
            ..Register::default()
        }
    }

    pub(super) fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_names_and_numbers_with_their_place() {
        let files = [file(
            "issues/02/index.html",
            "<p>ok</p>\n<p>八景村兰东风户 13812345678</p>",
        )];
        let leaks = guard(&files, &register(&["兰东风"]));
        assert_eq!(leaks.len(), 2);
        assert_eq!((leaks[0].line, leaks[0].col), (2, 7));
        assert!(leaks[1].what.starts_with("a mobile number"));
        assert!(guard(&files[..0], &register(&["兰东风"])).is_empty());
    }

    #[test]
    fn reads_markup_as_a_browser_shows_it() {
        let r = register(&["兰东风"]);
        for page in [
            "<p>兰<b>东</b>风</p>",
            "<P>兰<SPAN Class=x>东</Span>风</P>",
            "<p>兰东\n风</p>",
            "<p>&#x5170;&#19996;风</p>",
            "<a href=\"/s?q=%E5%85%B0%E4%B8%9C%E9%A3%8E\">查</a>",
            "<img alt=\"兰东风\">",
            "<svg><text>兰东风</text></svg>",
            "<p>138-1234-5678</p>",
            "<p>电话:１３８１２３４５６７８</p>",
            // Escaped markup is shown as written, attributes and all.
            "<p>&lt;span class=\"兰东风\"&gt;x&lt;/span&gt;</p>",
            "<p><code>&lt;b class=兰东风&gt;</code></p>",
            "<p>&lt;x&gt; 兰<b>东</b>风</p>",
        ] {
            assert_eq!(guard(&[file("a.html", page)], &r).len(), 1, "{page}");
        }
        let feed = "<feed><content type=\"html\">&lt;p&gt;兰&lt;em&gt;东风&lt;/em&gt;&lt;/p&gt;</content></feed>";
        assert_eq!(guard(&[file("feed.xml", feed)], &r).len(), 1);
        // Two table cells are two things, and path data is not a number.
        let apart = "<td>兰</td><td>东风</td><path d=\"M 4111 1111 1111 1111\"/>";
        assert!(guard(&[file("a.html", apart)], &r).is_empty());
        // However a page spells its tags and attributes.
        let shouted = "<TD>兰</TD><Td>东风</tD><SVG ViewBox=\"0 0 13812345678 1\"></SVG>";
        assert!(guard(&[file("a.html", shouted)], &r).is_empty());
    }

    #[test]
    fn big_plain_files_are_read_in_pieces_with_the_same_findings() {
        let r = register(&["兰东风"]);
        let filler = "a".repeat(PIECE);
        let text =
            format!("{filler}\"兰东风\",\"1,13812345678\"\n{filler}:兰东\u{200B}风;13812345678");
        assert!(pieces(&text, CUTS).count() >= 3);
        let leaks = guard(&[file("data/site.json", &text)], &r);
        let found: Vec<(usize, usize, bool)> = leaks
            .iter()
            .map(|l| (l.line, l.col, l.what.starts_with("a registered name")))
            .collect();
        assert_eq!(
            found,
            [
                (1, PIECE + 2, true),
                (2, PIECE + 2, true),
                (2, PIECE + 7, false)
            ],
            "{leaks:#?}"
        );
    }

    #[test]
    fn big_markup_is_read_in_pieces_with_the_same_findings() {
        let r = register(&["兰东风"]);
        let filler = "<p>村</p>\n".repeat(PIECE / 4);
        let text = format!(
            "{filler}<p>兰<b>东</b>风 13812345678</p>\n{filler}<td>兰</td><td>东风</td>\n<p>兰东风</p>"
        );
        let mut pieces = 0;
        View::markup_in_pieces(&text, PIECE, &Searched::default(), &mut |_| pieces += 1);
        assert!(pieces >= 3, "{pieces} pieces");
        let leaks = guard(&[file("print/index.html", &text)], &r);
        let found: Vec<(usize, usize, bool)> = leaks
            .iter()
            .map(|l| (l.line, l.col, l.what.starts_with("a registered name")))
            .collect();
        let lines = PIECE / 4;
        assert_eq!(
            found,
            [
                (lines + 1, 4, true),
                (lines + 1, 15, false),
                (2 * lines + 3, 4, true)
            ],
            "{leaks:#?}"
        );
    }

    #[test]
    fn markup_is_cut_only_where_a_separator_comes() {
        let text = "<p>ok</p><p>兰<b>东</b>风</p><td>13812345678</td>";
        let mut pieces = Vec::new();
        View::markup_in_pieces(text, 1, &Searched::default(), &mut |view| {
            let name = view.text.find("兰东风").map(|at| view.file_offset(at));
            pieces.push((view.text.clone(), name));
        });
        assert!(pieces.len() >= 3, "{pieces:?}");
        assert!(
            pieces.iter().all(|(t, _)| t.starts_with('\u{1F}')),
            "{pieces:?}"
        );
        let names: Vec<usize> = pieces.iter().filter_map(|(_, at)| *at).collect();
        assert_eq!(names, [12]);
    }

    /// One separator between two values, however many tags stand between
    /// them: more would keep nothing further apart.
    #[test]
    fn values_are_kept_apart_by_one_separator() {
        let sheet = "<row><c r=\"A1\"><v>1</v></c><c><is><t>兰</t></is></c></row>";
        let mut texts = Vec::new();
        View::markup_in_pieces(sheet, PIECE, &Searched::default(), &mut |view| {
            texts.push(view.text.clone());
        });
        assert_eq!(texts, ["\u{1F}1\u{1F}兰\u{1F}"]);
    }

    #[test]
    fn text_found_clean_is_not_searched_again_and_leaks_still_show() {
        let guard = Guard::new(&register(&["兰东风"]));
        let clean = "这是一段足够长的说明文字,用来看它是否被记住";
        let page = |body: &str| file("a.html", &format!("<p>{clean}</p>\n{body}"));
        assert!(guard.find(&[page("<p>好</p>")]).is_empty());
        assert!(guard.searched.holds(clean));
        let leaks = guard.find(&[page("<p>兰东风</p>")]);
        let found: Vec<(usize, usize)> = leaks.iter().map(|l| (l.line, l.col)).collect();
        assert_eq!(found, [(2, 4)]);
        // A run in a view where something was found is not remembered.
        let leaking = "<p>兰东风住在这里,这一段也足够长了</p><p>又一段足够长的文字写在这里面</p>";
        for _ in 0..2 {
            assert_eq!(guard.find(&[file("b.html", leaking)]).len(), 1);
        }
        assert!(!guard.searched.holds("又一段足够长的文字写在这里面"));
    }

    #[test]
    fn a_guard_remembering_files_reads_a_file_again_only_once_it_changed() {
        let guard = Guard::new(&register(&["兰东风"])).remembering_files();
        let clean = file("a.html", "<p>好</p>");
        assert!(guard.find(std::slice::from_ref(&clean)).is_empty());
        let clean_files = guard.clean_files.as_ref().expect("remembering");
        assert!(clean_files.holds("a.html", &CleanFiles::print(&clean.bytes)));
        // The same bytes under another name are read: the name may leak.
        assert_eq!(guard.find(&[file("兰东风.html", "<p>好</p>")]).len(), 1);
        // Other bytes at the same path are read, every time they leak.
        for _ in 0..2 {
            assert_eq!(guard.find(&[file("a.html", "<p>兰东风</p>")]).len(), 1);
        }
        assert!(clean_files.holds("a.html", &CleanFiles::print(&clean.bytes)));
        assert!(guard.find(&[clean]).is_empty());
        // A guard for one build remembers nothing.
        let once = Guard::new(&register(&["兰东风"]));
        assert!(once.find(&[file("a.html", "<p>好</p>")]).is_empty());
        assert!(once.clean_files.is_none());
    }
}
