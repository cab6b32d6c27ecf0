//! A file's text as a reader gets it, with where each piece came from:
//! HTML, SVG and XML read through html5gum's events (text and attribute
//! values, entities decoded, escaped markup read as written and again as
//! markup), other text as it is.

mod reader;

use std::ops::Range;

use html5gum::{Readable, Span};

use super::searched::Searched;

/// Separates what a reader never sees run together: two table cells, two
/// attribute values. Not whitespace, so the reading form keeps it.
const APART: char = '\u{1F}';

/// Where markup stands, which decides what else is not words in it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Markup {
    /// A page, a feed, an SVG file: served as it is.
    File,
    /// An XML entry of a zip archive: a workbook's sheet, say.
    InArchive,
}

/// `(offset in a text, offset in the file)` at the start of each piece
/// of the text: past the start, the two go on together.
type Marks = Vec<(usize, usize)>;

/// The file offset of `offset` in a text marked by `marks`.
fn through(marks: &[(usize, usize)], offset: usize) -> usize {
    let piece = marks.partition_point(|(at, _)| *at <= offset);
    match piece.checked_sub(1).and_then(|i| marks.get(i)) {
        Some((at, file)) => file + (offset - at),
        None => 0,
    }
}

/// The reading text of one file (or piece of one).
pub(super) struct View {
    pub(super) text: String,
    /// Where each piece of `text` stands in the file.
    marks: Marks,
    /// Runs of `text` not found in the guard's [`Searched`]: remembered
    /// once this view is found clean.
    fresh: Vec<Range<usize>>,
    /// Text holding escaped markup, with its marks (offsets in it, offsets
    /// in the file): read again as markup once the run it stands in has
    /// ended.
    escaped: Vec<(String, Marks)>,
}

impl View {
    pub(super) fn plain(text: &str) -> View {
        View::plain_at(text, 0)
    }

    /// A piece of a plain file, which starts at `offset` in the file.
    pub(super) fn plain_at(text: &str, offset: usize) -> View {
        View {
            text: text.to_string(),
            marks: vec![(0, offset)],
            fresh: Vec::new(),
            escaped: Vec::new(),
        }
    }

    /// Text and attribute values of HTML, SVG or XML, entities decoded
    /// (text holding escaped markup is read as written, as a page or a
    /// sheet shows it, and once more as markup, as a feed reader shows a
    /// feed's HTML content),
    /// handed to `each` in pieces of about `piece` bytes of reading text,
    /// so that a county's print pack is never read whole beside its text.
    /// A piece ends where a separator would come: no name or number reads
    /// across one, and the reading form starts afresh after it. Each
    /// piece's marks are its own file offsets.
    ///
    /// Runs between two separators that `searched` holds are left out of
    /// the pieces: a run reads the same wherever it stands.
    pub(super) fn markup_in_pieces(
        source: &str,
        piece: usize,
        searched: &Searched,
        each: &mut dyn FnMut(&View),
    ) {
        let capacity = (source.len() / 2).min(piece);
        View::read_in_pieces(source, Markup::File, capacity, piece, searched, each);
    }

    /// [`View::markup_in_pieces`] of markup read from `source` as it is
    /// decompressed, a workbook's sheet say, so that its text is never
    /// whole in memory (a county's task sheet is 54 MB of XML). Bytes
    /// that are not UTF-8 read as U+FFFD; a read that fails ends the text
    /// where it failed.
    pub(super) fn markup_read_in_pieces(
        source: impl std::io::Read,
        markup: Markup,
        piece: usize,
        searched: &Searched,
        each: &mut dyn FnMut(&View),
    ) {
        let reader = html5gum::IoReader::new(source);
        let capacity = piece.min(1 << 16);
        View::read_in_pieces(reader, markup, capacity, piece, searched, each);
    }

    fn read_in_pieces<'a, S: Readable<'a>>(
        source: S,
        markup: Markup,
        capacity: usize,
        piece: usize,
        searched: &Searched,
        each: &mut dyn FnMut(&View),
    ) {
        let mut view = View::empty(capacity);
        let cut = Cut {
            piece,
            each,
            searched,
            run_start: 0,
        };
        view.read_markup(source, markup, None, &mut Some(cut));
        each(&view);
    }

    fn empty(capacity: usize) -> View {
        View {
            text: String::with_capacity(capacity),
            marks: Vec::new(),
            fresh: Vec::new(),
            escaped: Vec::new(),
        }
    }

    /// The runs of this view to remember once it is found clean.
    pub(super) fn fresh_runs(&self) -> impl Iterator<Item = &str> {
        self.fresh.iter().map(|run| &self.text[run.clone()])
    }

    /// Leaves out the text from `start` on, with its marks.
    fn forget_from(&mut self, start: usize) {
        self.text.truncate(start);
        while self.marks.last().is_some_and(|(at, _)| *at >= start) {
            self.marks.pop();
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.marks.clear();
        self.fresh.clear();
    }

    /// Reads the escaped markup held back ([`View::escaped`]) as markup,
    /// each text apart from what stands around it. Whether there was any.
    fn read_escaped(&mut self, markup: Markup) -> bool {
        if self.escaped.is_empty() {
            return false;
        }
        self.separate();
        for (text, marks) in std::mem::take(&mut self.escaped) {
            self.read_markup(text.as_str(), markup, Some(marks), &mut None);
            self.separate();
        }
        true
    }

    /// Ends the text with a separator, if it does not already.
    fn separate(&mut self) {
        if !self.text.ends_with(APART) {
            self.text.push(APART);
        }
    }

    fn push(&mut self, text: &str, file_offset: usize) {
        self.marks.push((self.text.len(), file_offset));
        self.text.push_str(text);
    }

    /// Pushes `text`, decoded from the source at `span`, where entities (or
    /// line ends) made it shorter than its source: `ends` holds each piece
    /// the tokenizer decoded, its length and where it ended in the source,
    /// and each piece is marked where it starts, so that a place after an
    /// entity is reported where it stands, not a few characters early.
    fn push_decoded(&mut self, text: &str, span: Span<usize>, ends: &[(usize, usize)]) {
        let whole = span.end.saturating_sub(span.start) == text.len();
        if whole || ends.iter().map(|(len, _)| len).sum::<usize>() != text.len() {
            self.push(text, span.start);
            return;
        }
        let base = self.text.len();
        let (mut decoded, mut from) = (0, span.start);
        for &(len, end) in ends {
            let at = base + decoded;
            // A piece that follows on as plain text needs no mark.
            let follows_on = self
                .marks
                .last()
                .is_some_and(|&(mark, file)| mark >= base && file + (at - mark) == from);
            if !follows_on {
                self.marks.push((at, from));
            }
            decoded += len;
            from = end;
        }
        self.text.push_str(text);
    }

    /// The file offset of `offset` in the view: the start of its piece plus
    /// the distance into it.
    pub(super) fn file_offset(&self, offset: usize) -> usize {
        through(&self.marks, offset)
    }
}

/// Where a view read in pieces is cut, what each piece goes to, and the
/// runs already searched.
struct Cut<'e> {
    piece: usize,
    each: &'e mut dyn FnMut(&View),
    searched: &'e Searched,
    /// Where the run since the last separator starts in the view.
    run_start: usize,
}
