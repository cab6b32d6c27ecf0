//! How markup is read into a [`View`]: html5gum's events, borrowed from
//! its buffers, turned into the text a reader sees — which tags flow
//! inside a line, which attributes hold words, where two things are read
//! apart — and where each decoded piece stood in the source.

use std::convert::Infallible;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Readable, Span, Tokenizer};

use super::{Cut, Marks, Markup, View, through};
use crate::output::guard::searched::REMEMBERED_FROM;

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

impl View {
    /// Reads markup from `source` into this view, event by event; `nested`
    /// holds the marks of the text it was read from, for escaped markup
    /// read again.
    pub(super) fn read_markup<'a, S: Readable<'a>>(
        &mut self,
        source: S,
        markup: Markup,
        nested: Option<Marks>,
        cut: &mut Option<Cut<'_>>,
    ) {
        // Events as the tokenizer finds them, borrowed from its buffers: a
        // token built per tag and attribute cost a county's build seconds.
        let reader = Reader {
            view: self,
            markup,
            nested,
            words: true,
            cut,
            text_ends: Vec::new(),
            value_ends: Vec::new(),
        };
        let mut emitter = CallbackEmitter::new(reader);
        emitter.naively_switch_states(false);
        let emitter = Quiet {
            emitter,
            position: 0,
        };
        // A source that fails to read ends here: the tokenizer would ask
        // it again and again.
        for token in Tokenizer::new_with_emitter(source, emitter) {
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
}

/// The emitter the tokenizer drives: it reports no parse errors, so that
/// the tokenizer skips its check of every character for them (a reader is
/// shown a page's text whatever the errors, and the check was 3% of a
/// county's build), and it tells the reader where each piece of decoded
/// text and attribute value ended in the source, which html5gum's events
/// give only for the whole run.
struct Quiet<'v, 'c, 'e> {
    emitter: CallbackEmitter<Reader<'v, 'c, 'e>, Infallible, usize>,
    /// Where the tokenizer stands in the source, as it tells the emitter.
    position: usize,
}

impl<'v, 'c, 'e> ForwardingEmitter for Quiet<'v, 'c, 'e> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.emitter
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        self.emitter.move_position(offset);
    }

    fn emit_string(&mut self, s: &[u8]) {
        if !s.is_empty() {
            let end = (s.len(), self.position);
            self.emitter.callback_mut().text_ends.push(end);
        }
        self.emitter.emit_string(s);
    }

    fn init_attribute_value(&mut self) {
        self.emitter.callback_mut().value_ends.clear();
        self.emitter.init_attribute_value();
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        if !s.is_empty() {
            let end = (s.len(), self.position);
            self.emitter.callback_mut().value_ends.push(end);
        }
        self.emitter.push_attribute_value(s);
    }
}

/// Reads the events of one markup text into a view.
struct Reader<'v, 'c, 'e> {
    view: &'v mut View,
    markup: Markup,
    /// For escaped markup read again: where its text stands in the file.
    nested: Option<Marks>,
    /// Whether the attribute whose value comes next holds words.
    words: bool,
    /// `Some` when the view is read in pieces.
    cut: &'c mut Option<Cut<'e>>,
    /// Each piece of the text run being read, as decoded: its length and
    /// where it ended in the source ([`View::push_decoded`]).
    text_ends: Vec<(usize, usize)>,
    /// The same for the attribute value being read.
    value_ends: Vec<(usize, usize)>,
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

    /// Pushes `value`, read from `span` of the source in pieces ending at
    /// `ends`. Escaped markup read again is placed through the marks of
    /// the text it was read from, so that what it shows is reported where
    /// it stands in the file.
    fn push(&mut self, value: &[u8], span: Span<usize>, ends: &[(usize, usize)]) {
        let first = self.view.marks.len();
        match String::from_utf8_lossy(value) {
            std::borrow::Cow::Borrowed(text) => self.view.push_decoded(text, span, ends),
            // Bytes that are not UTF-8 read as U+FFFD: lengths differ.
            std::borrow::Cow::Owned(text) => self.view.push(&text, span.start),
        }
        if let Some(outer) = &self.nested {
            for (_, file) in &mut self.view.marks[first..] {
                *file = through(outer, *file);
            }
        }
    }

    /// Where `offset` of the source stands in the file.
    fn in_file(&self, offset: usize) -> usize {
        self.nested
            .as_ref()
            .map_or(offset, |outer| through(outer, offset))
    }
}

impl Callback<Infallible, usize> for Reader<'_, '_, '_> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name } | CallbackEvent::EndTag { name }
                if !is_inline(name) =>
            {
                self.apart();
            }
            CallbackEvent::AttributeName { name } => {
                self.words = !holds_no_words(name, self.markup);
            }
            CallbackEvent::AttributeValue { value } => {
                let ends = std::mem::take(&mut self.value_ends);
                if self.words {
                    self.apart();
                    self.push(value, span, &ends);
                    self.apart();
                }
                self.value_ends = ends;
                self.value_ends.clear();
            }
            CallbackEvent::String { value } => {
                let ends = std::mem::take(&mut self.text_ends);
                // A page or a sheet shows escaped markup as written, and a
                // feed reader shows a feed's escaped HTML as a page: it is
                // read both ways, as markup once the text around it ends,
                // so that a name running on past it still reads whole.
                let start = (self.view.text.len(), self.view.marks.len());
                self.push(value, span, &ends);
                if self.nested.is_none() && value.contains(&b'<') && value.contains(&b'>') {
                    let decoded = self.view.text[start.0..].to_string();
                    let marks = self.view.marks[start.1..]
                        .iter()
                        .map(|&(at, file)| (at - start.0, file))
                        .collect();
                    self.view.escaped.push((decoded, marks));
                }
                self.text_ends = ends;
                self.text_ends.clear();
            }
            CallbackEvent::Comment { value } => {
                self.apart();
                self.view
                    .push(&String::from_utf8_lossy(value), self.in_file(span.start));
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
