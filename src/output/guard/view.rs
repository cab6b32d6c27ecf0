//! A file's text as a reader gets it, with where each piece came from:
//! HTML, SVG and XML read through html5gum's events (text and attribute
//! values, entities decoded, escaped markup read as written and again as
//! markup), other text as it is.

use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Readable, Span, Tokenizer};

use super::searched::{REMEMBERED_FROM, Searched};

/// Separates what a reader never sees run together: two table cells, two
/// attribute values. Not whitespace, so the reading form keeps it.
const APART: char = '\u{1F}';

/// Whether `tag` names an element that flows inside a line of text: a
/// name split across such elements still reads as one.
fn is_inline(tag: &[u8]) -> bool {
    // Matched on the name in lower case rather than by comparing it with a
    // list, ignoring case, item by item: every tag of every page asks.
    let mut lower = [0; 8];
    matches!(
        lowered(tag, &mut lower),
        Some(
            b"a" | b"abbr"
                | b"b"
                | b"bdi"
                | b"bdo"
                | b"cite"
                | b"code"
                | b"data"
                | b"del"
                | b"dfn"
                | b"em"
                | b"i"
                | b"ins"
                | b"kbd"
                | b"mark"
                | b"q"
                | b"s"
                | b"samp"
                | b"small"
                | b"span"
                | b"strong"
                | b"sub"
                | b"sup"
                | b"time"
                | b"tspan"
                | b"u"
                | b"var"
                | b"wbr"
        )
    )
}

/// Whether the attribute `name` holds geometry or style, never words a
/// reader sees: SVG path data would otherwise read as long runs of digits.
/// (`class` is written by templates only; content cannot set it.) In a zip
/// archive's XML (a workbook's parts), a cell's and a row's style index
/// (`s`) and a cell's type (`t`, such as `s` for a shared string) are not
/// words either, on each of a county's two million cells; the cell's
/// place, `r`, is not words anywhere.
fn holds_no_words(name: &[u8], markup: Markup) -> bool {
    let mut lower = [0; 16];
    match lowered(name, &mut lower) {
        Some(
            b"class" | b"d" | b"points" | b"viewbox" | b"transform" | b"x" | b"y" | b"x1" | b"x2"
            | b"y1" | b"y2" | b"cx" | b"cy" | b"r" | b"rx" | b"ry" | b"width" | b"height" | b"dx"
            | b"dy" | b"stroke-dasharray" | b"font-size" | b"stroke-width" | b"opacity"
            | b"fill-opacity" | b"stroke-opacity",
        ) => true,
        Some(b"s" | b"t") => markup == Markup::InArchive,
        _ => false,
    }
}

/// `name` in ASCII lower case, written into `buffer`; `None` when it is
/// longer than the buffer (and so none of the names looked for).
fn lowered<'b>(name: &[u8], buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let lower = buffer.get_mut(..name.len())?;
    for (to, from) in lower.iter_mut().zip(name) {
        *to = from.to_ascii_lowercase();
    }
    Some(lower)
}

/// Where markup stands, which decides what else is not words in it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Markup {
    /// A page, a feed, an SVG file: served as it is.
    File,
    /// An XML entry of a zip archive: a workbook's sheet, say.
    InArchive,
}

/// The reading text of one file (or piece of one).
pub(super) struct View {
    pub(super) text: String,
    /// `(offset in text, offset in the file)` at the start of each piece.
    marks: Vec<(usize, usize)>,
    /// Runs of `text` not found in the guard's [`Searched`]: remembered
    /// once this view is found clean.
    fresh: Vec<Range<usize>>,
    /// Text holding escaped markup, with where it stands in the file: read
    /// again as markup once the run it stands in has ended.
    escaped: Vec<(String, usize)>,
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

    fn read_markup<'a, S: Readable<'a>>(
        &mut self,
        source: S,
        markup: Markup,
        nested_at: Option<usize>,
        cut: &mut Option<Cut<'_>>,
    ) {
        // Events as the tokenizer finds them, borrowed from its buffers: a
        // token built per tag and attribute cost a county's build seconds.
        let reader = Reader {
            view: self,
            markup,
            nested_at,
            words: true,
            cut,
        };
        let mut emitter = CallbackEmitter::new(reader);
        emitter.naively_switch_states(false);
        // A source that fails to read ends here: the tokenizer would ask
        // it again and again.
        for token in Tokenizer::new_with_emitter(source, Quiet(emitter)) {
            if token.is_err() {
                break;
            }
        }
        if self.read_escaped(markup)
            && let Some(cut) = cut.as_mut()
        {
            cut.run_start = self.text.len();
        }
    }

    /// Reads the escaped markup held back ([`View::escaped`]) as markup,
    /// each text apart from what stands around it. Whether there was any.
    fn read_escaped(&mut self, markup: Markup) -> bool {
        if self.escaped.is_empty() {
            return false;
        }
        self.separate();
        for (text, at) in std::mem::take(&mut self.escaped) {
            self.read_markup(text.as_str(), markup, Some(at), &mut None);
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

    /// The file offset of `offset` in the view: the start of its piece plus
    /// the distance into it (exact unless entities were decoded before it).
    pub(super) fn file_offset(&self, offset: usize) -> usize {
        let piece = self.marks.partition_point(|(at, _)| *at <= offset);
        match piece.checked_sub(1).and_then(|i| self.marks.get(i)) {
            Some((at, file)) => file + (offset - at),
            None => 0,
        }
    }
}

/// An emitter that reports no parse errors, so that the tokenizer skips
/// its check of every character for them: a reader is shown a page's
/// text whatever the errors, and the check was 3% of a county's build.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
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

/// Reads the events of one markup text into a view.
struct Reader<'v, 'c, 'e> {
    view: &'v mut View,
    markup: Markup,
    /// For escaped markup read again: where it stands in the file.
    nested_at: Option<usize>,
    /// Whether the attribute whose value comes next holds words.
    words: bool,
    /// `Some` when the view is read in pieces.
    cut: &'c mut Option<Cut<'e>>,
}

impl Reader<'_, '_, '_> {
    /// Puts a separator in the view, unless one ends it already: a second
    /// keeps nothing further apart (a county's sheets would read mostly
    /// as separators, one for each tag around a cell's value). The run it
    /// ends is left out when it was searched before; the view is handed
    /// on and started afresh when it is full.
    fn apart(&mut self) {
        let Some(cut) = self.cut.as_mut() else {
            self.view.separate();
            return;
        };
        let run = cut.run_start..self.view.text.len();
        if run.len() >= REMEMBERED_FROM {
            if cut.searched.holds(&self.view.text[run.clone()]) {
                self.view.forget_from(run.start);
            } else {
                self.view.fresh.push(run);
            }
        }
        if self.view.text.len() >= cut.piece {
            (cut.each)(self.view);
            self.view.clear();
        }
        self.view.separate();
        // The escaped markup of the run just ended; the next starts after.
        self.view.read_escaped(self.markup);
        cut.run_start = self.view.text.len();
    }
}

impl Callback<Infallible, usize> for Reader<'_, '_, '_> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) -> Option<Infallible> {
        let at = self.nested_at.unwrap_or(span.start);
        match event {
            CallbackEvent::OpenStartTag { name } | CallbackEvent::EndTag { name }
                if !is_inline(name) =>
            {
                self.apart();
            }
            CallbackEvent::AttributeName { name } => {
                self.words = !holds_no_words(name, self.markup);
            }
            CallbackEvent::AttributeValue { value } if self.words => {
                self.apart();
                self.view.push(&String::from_utf8_lossy(value), at);
                self.apart();
            }
            CallbackEvent::String { value } => {
                let decoded = String::from_utf8_lossy(value);
                // A page or a sheet shows escaped markup as written, and a
                // feed reader shows a feed's escaped HTML as a page: it is
                // read both ways, as markup once the text around it ends,
                // so that a name running on past it still reads whole.
                if self.nested_at.is_none() && decoded.contains('<') && decoded.contains('>') {
                    self.view.escaped.push((decoded.to_string(), span.start));
                }
                self.view.push(&decoded, at);
            }
            CallbackEvent::Comment { value } => {
                self.apart();
                self.view.push(&String::from_utf8_lossy(value), at);
                self.apart();
            }
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes_are_known_however_they_are_spelt() {
        for tag in [&b"span"[..], b"SPAN", b"Strong", b"tSpan", b"a", b"WBR"] {
            assert!(is_inline(tag), "{}", String::from_utf8_lossy(tag));
        }
        for tag in [&b"p"[..], b"td", b"div", b"strongest", b"spans", b""] {
            assert!(!is_inline(tag), "{}", String::from_utf8_lossy(tag));
        }
        let file = |name: &[u8]| holds_no_words(name, Markup::File);
        assert!(file(b"Stroke-DashArray") && file(b"VIEWBOX") && file(b"class"));
        assert!(!file(b"alt") && !file(b"title") && !file(b"stroke-dasharrays"));
        // A sheet's style and type are not words; a page's `s` and `t` are.
        assert!(!file(b"s") && !file(b"T"));
        assert!(holds_no_words(b"S", Markup::InArchive) && holds_no_words(b"t", Markup::InArchive));
        assert!(!holds_no_words(b"v", Markup::InArchive));
    }
}
