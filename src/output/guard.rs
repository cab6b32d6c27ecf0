//! The leak guard: after the public site is rendered and before it replaces
//! the old one, every output file is read the way a browser, a feed reader
//! or a spreadsheet would show it — HTML, SVG and XML decoded into their
//! text and attribute values, entities resolved, URLs percent-decoded,
//! file and folder names included — and searched in its reading form for
//! every registered name and every phone, ID and card number in clear.
//! It reads the output itself rather than trusting the masker, so what the
//! masker missed (or a template printed) is still caught. Any hit stops the
//! build; content cannot switch it off.

use aho_corasick::AhoCorasick;
use std::convert::Infallible;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use rayon::prelude::*;

use super::OutputFile;
use crate::content::Register;
use crate::diagnostics::{Problem, line_and_column};
use crate::privacy::NameFinder;
use crate::reading::Reading;

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
    /// Registered names as bytes, for files that are not text.
    raw_names: Option<AhoCorasick>,
}

/// Separates what a reader never sees run together: two table cells, two
/// attribute values. Not whitespace, so the reading form keeps it.
const APART: char = '\u{1F}';

/// Elements that flow inside a line of text: a name split across them
/// still reads as one.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tspan", "u", "var",
    "wbr",
];

/// Attributes holding geometry or style, never words a reader sees: SVG
/// path data would otherwise read as long runs of digits. (`class` is
/// written by templates only; content cannot set it.)
const NOT_WORDS: &[&str] = &[
    "class",
    "d",
    "points",
    "viewbox",
    "transform",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "width",
    "height",
    "dx",
    "dy",
    "stroke-dasharray",
    "font-size",
    "stroke-width",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
];

impl Guard {
    /// A guard for `register`.
    pub fn new(register: &Register) -> Guard {
        let names: Vec<&str> = register.names().filter(|n| !n.is_empty()).collect();
        // A full DFA: searched over every byte of binary files.
        let raw_names = (!names.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&names)
                .expect("names are plain strings")
        });
        Guard {
            register: register.clone(),
            finder: NameFinder::new(register),
            raw_names,
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
            .flat_map_iter(|file| self.scan(file))
            .collect()
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
        let markup = [".html", ".htm", ".svg", ".xml"]
            .iter()
            .any(|ext| file.path.to_ascii_lowercase().ends_with(ext));
        let view = if markup {
            View::markup(text)
        } else {
            View::plain(text)
        };
        // The search index's pairs of characters are cut from the text of
        // its pages (高华 out of the place 高华安置区): names are looked
        // for in that text, which the index holds whole beside them.
        let pairs = file.path.starts_with(crate::search::DIR)
            && file
                .path
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("shard-"));
        self.search_for(&view, file, Place::Text(text), &mut leaks, !pairs);
        leaks
    }

    /// A zip archive (an Excel workbook): every entry read as text, XML as
    /// a spreadsheet shows it. An archive that cannot be read is searched
    /// as bytes, as any other binary file.
    fn scan_zip(&self, file: &OutputFile, leaks: &mut Vec<Leak>) {
        use std::io::Read;
        let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(&file.bytes)) else {
            self.scan_binary(file, leaks);
            return;
        };
        for index in 0..archive.len() {
            let mut text = String::new();
            let name = match archive.by_index(index) {
                Ok(mut entry) => {
                    if entry.read_to_string(&mut text).is_err() {
                        continue;
                    }
                    entry
                        .name()
                        .map_or_else(|_| format!("entry {index}"), |n| n.into_owned())
                }
                Err(_) => continue,
            };
            let view = if name.ends_with(".xml") || name.ends_with(".rels") {
                View::markup(&text)
            } else {
                View::plain(&text)
            };
            self.search(&view, file, Place::Entry(&name), leaks);
        }
    }

    /// A gzip-compressed file: its text after decompression (its bytes,
    /// when that is not text). One that does not decompress is searched
    /// as bytes.
    fn scan_gzip(&self, file: &OutputFile, leaks: &mut Vec<Leak>) {
        use std::io::Read;
        let mut bytes = Vec::new();
        let inflated = flate2::read::GzDecoder::new(file.bytes.as_slice()).read_to_end(&mut bytes);
        match (inflated, String::from_utf8(bytes)) {
            (Ok(_), Ok(text)) => {
                let place = Place::Entry("its decompressed text");
                self.search(&View::plain(&text), file, place, leaks);
            }
            (Ok(_), Err(not_text)) => {
                let inflated = OutputFile {
                    path: file.path.clone(),
                    bytes: not_text.into_bytes(),
                };
                self.scan_binary(&inflated, leaks);
            }
            (Err(_), _) => self.scan_binary(file, leaks),
        }
    }

    fn search(&self, view: &View, file: &OutputFile, place: Place, leaks: &mut Vec<Leak>) {
        self.search_for(view, file, place, leaks, true);
    }

    /// Names (when `names`) and numbers in `view`, each reported at its place.
    fn search_for(
        &self,
        view: &View,
        file: &OutputFile,
        place: Place,
        leaks: &mut Vec<Leak>,
        names: bool,
    ) {
        let reading = Reading::of(&view.text);
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
    }

    /// A file that is not UTF-8 (an image, say): registered names as bytes.
    fn scan_binary(&self, file: &OutputFile, leaks: &mut Vec<Leak>) {
        let Some(raw) = &self.raw_names else { return };
        for found in raw.find_iter(&file.bytes) {
            let name = self.register.names().nth(found.pattern().as_usize());
            let first = name.and_then(|n| n.chars().next()).unwrap_or('?');
            leaks.push(Leak {
                path: file.path.clone(),
                line: 1,
                col: found.start() + 1,
                what: format!("a registered name ({first}…)"),
                in_text: false,
            });
        }
    }
}

/// The text of a file as a reader gets it, with where each piece came from.
/// How every zip archive (and so every `.xlsx`) starts.
const ZIP: &[u8] = b"PK\x03\x04";

/// How every gzip stream (and so every file of the search index) starts.
const GZIP: &[u8] = b"\x1f\x8b";

/// Reads the events of one markup text into a view.
struct Reader<'v> {
    view: &'v mut View,
    /// For escaped markup read again: where it stands in the file.
    nested_at: Option<usize>,
    /// Whether the attribute whose value comes next holds words.
    words: bool,
}

impl Callback<Infallible, usize> for Reader<'_> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) -> Option<Infallible> {
        let at = self.nested_at.unwrap_or(span.start);
        match event {
            CallbackEvent::OpenStartTag { name } | CallbackEvent::EndTag { name }
                if !INLINE
                    .iter()
                    .any(|tag| name.eq_ignore_ascii_case(tag.as_bytes())) =>
            {
                self.view.text.push(APART);
            }
            CallbackEvent::AttributeName { name } => {
                self.words = !NOT_WORDS
                    .iter()
                    .any(|attribute| name.eq_ignore_ascii_case(attribute.as_bytes()));
            }
            CallbackEvent::AttributeValue { value } if self.words => {
                self.view.text.push(APART);
                self.view.push(&String::from_utf8_lossy(value), at);
                self.view.text.push(APART);
            }
            CallbackEvent::String { value } => {
                let decoded = String::from_utf8_lossy(value);
                if self.nested_at.is_none() && decoded.contains('<') && decoded.contains('>') {
                    self.view.read_markup(&decoded, Some(span.start));
                } else {
                    self.view.push(&decoded, at);
                }
            }
            CallbackEvent::Comment { value } => {
                self.view.text.push(APART);
                self.view.push(&String::from_utf8_lossy(value), at);
                self.view.text.push(APART);
            }
            _ => {}
        }
        None
    }
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

struct View {
    text: String,
    /// `(offset in text, offset in the file)` at the start of each piece.
    marks: Vec<(usize, usize)>,
}

impl View {
    fn plain(text: &str) -> View {
        View {
            text: text.to_string(),
            marks: vec![(0, 0)],
        }
    }

    /// Text and attribute values of HTML, SVG or XML, entities decoded.
    /// Escaped markup inside (a feed's HTML content) is read once more.
    fn markup(source: &str) -> View {
        let mut view = View {
            text: String::with_capacity(source.len() / 2),
            marks: Vec::new(),
        };
        view.read_markup(source, None);
        view
    }

    fn read_markup(&mut self, source: &str, nested_at: Option<usize>) {
        // Events as the tokenizer finds them, borrowed from its buffers: a
        // token built per tag and attribute cost a county's build seconds.
        let reader = Reader {
            view: self,
            nested_at,
            words: true,
        };
        let mut emitter = CallbackEmitter::new(reader);
        emitter.naively_switch_states(false);
        for _ in Tokenizer::new_with_emitter(source, emitter) {}
    }

    fn push(&mut self, text: &str, file_offset: usize) {
        self.marks.push((self.text.len(), file_offset));
        self.text.push_str(text);
    }

    /// The file offset of `offset` in the view: the start of its piece plus
    /// the distance into it (exact unless entities were decoded before it).
    fn file_offset(&self, offset: usize) -> usize {
        let piece = self.marks.partition_point(|(at, _)| *at <= offset);
        match piece.checked_sub(1).and_then(|i| self.marks.get(i)) {
            Some((at, file)) => file + (offset - at),
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(names: &[&str]) -> Register {
        Register {
            people: names
                .iter()
                .map(|n| ((*n).to_string(), n.chars().take(1).collect()))
                .collect(),
            ..Register::default()
        }
    }

    fn file(path: &str, text: &str) -> OutputFile {
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
            "<p>兰东\n风</p>",
            "<p>&#x5170;&#19996;风</p>",
            "<a href=\"/s?q=%E5%85%B0%E4%B8%9C%E9%A3%8E\">查</a>",
            "<img alt=\"兰东风\">",
            "<svg><text>兰东风</text></svg>",
            "<p>138-1234-5678</p>",
            "<p>电话:１３８１２３４５６７８</p>",
        ] {
            assert_eq!(guard(&[file("a.html", page)], &r).len(), 1, "{page}");
        }
        let feed = "<feed><content type=\"html\">&lt;p&gt;兰&lt;em&gt;东风&lt;/em&gt;&lt;/p&gt;</content></feed>";
        assert_eq!(guard(&[file("feed.xml", feed)], &r).len(), 1);
        // Two table cells are two things, and path data is not a number.
        let apart = "<td>兰</td><td>东风</td><path d=\"M 4111 1111 1111 1111\"/>";
        assert!(guard(&[file("a.html", apart)], &r).is_empty());
    }

    #[test]
    fn file_names_and_binary_files_are_searched() {
        let r = register(&["兰东风"]);
        let leaks = guard(&[file("static/兰东风.jpg", "")], &r);
        assert_eq!(leaks.len(), 1);
        assert!(leaks[0].what.ends_with("in the file name"));
        let mut image = vec![0xFF, 0xD8, 0xFF];
        image.extend("兰东风".as_bytes());
        let binary = OutputFile {
            path: "static/a.jpg".into(),
            bytes: image,
        };
        assert_eq!(guard(&[binary], &r).len(), 1);
    }

    #[test]
    fn compressed_files_are_searched_decompressed() {
        use std::io::Write;
        let r = register(&["兰东风"]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("八景村兰\u{200B}东风户".as_bytes())
            .expect("compresses");
        let fragment = OutputFile {
            path: "data/notes.txt.gz".into(),
            bytes: gz.finish().expect("compresses"),
        };
        let leaks = guard(&[fragment], &r);
        assert_eq!(leaks.len(), 1);
        assert!(
            leaks[0].what.ends_with("in its decompressed text"),
            "{}",
            leaks[0].what
        );
    }
}
