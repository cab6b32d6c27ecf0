//! The common YAML file read straight from a parser's events into a
//! [`Node`] tree: plain maps, lists and scalars, without tags, anchors,
//! aliases or repeated keys. serde-saphyr's serde layer replays every key
//! and wraps every value to carry its place, which made decoding most of
//! `check`'s time on a county's ledger, and its own parser (granit-parser)
//! still took 40 % of it; libyaml-safer reads the same events in about
//! two thirds of the time. A plain scalar that could be anything but text
//! (`true`, `7`, `2025-09-30`, `~`) is typed by serde-saphyr itself.
//! libyaml follows YAML 1.1 and the full way 1.2, so a file with anything
//! the two might read differently is not read here ([`unusual`]), and
//! places are given as the full way gives them. Whatever this path does
//! not read exactly as the full one would — anything unusual, any error —
//! it declines, and [`super::yaml::parse`] reads the file the full way, so
//! the tree and every diagnostic are the same either way.

use std::cell::RefCell;
use std::collections::HashMap;

use libyaml_safer::{Event, EventData, Mark, Parser, ScalarStyle, SequenceStyle};

use super::yaml::{Node, Value};
use crate::diagnostics::{FileId, Span};

/// The deepest nesting read here; deeper files go the full way, which
/// stops them at its own limit.
const MAX_DEPTH: usize = 60;

/// Maps with more keys than this go the full way: repeated keys are looked
/// for by comparing each key with those before it.
const MAX_KEYS: usize = 64;

/// A collection being read.
enum Open {
    List(Vec<Node>, Span),
    Map(Vec<(Node, Node)>, Option<Node>, Span),
}

/// `text` as a tree, when it is a file this path reads exactly as the full
/// one does; `None` otherwise.
pub(super) fn parse(text: &str, file: FileId, line_offset: u32) -> Option<Node> {
    if unusual(text) {
        return None;
    }
    let places = Places {
        text,
        file,
        line_offset,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut input = text.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    for event in parser {
        let event = event.ok()?;
        let at = places.of(&event)?;
        let node = match event.data {
            EventData::StreamStart { .. }
            | EventData::DocumentEnd { .. }
            | EventData::StreamEnd => continue,
            EventData::DocumentStart {
                version_directive: None,
                tag_directives,
                ..
            } if tag_directives.is_empty() => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            EventData::Scalar {
                anchor: None,
                tag: None,
                value,
                style,
                ..
            } => {
                let in_key = matches!(stack.last(), Some(Open::Map(_, None, _)));
                let value = scalar(value, style, in_key)?;
                Node { value, span: at }
            }
            EventData::SequenceStart {
                anchor: None,
                tag: None,
                ..
            } => {
                stack.push(Open::List(Vec::new(), at));
                if stack.len() > MAX_DEPTH {
                    return None;
                }
                continue;
            }
            EventData::MappingStart {
                anchor: None,
                tag: None,
                ..
            } => {
                stack.push(Open::Map(Vec::new(), None, at));
                if stack.len() > MAX_DEPTH {
                    return None;
                }
                continue;
            }
            EventData::SequenceEnd => match stack.pop()? {
                Open::List(items, span) => Node {
                    value: Value::Seq(items),
                    span,
                },
                Open::Map(..) => return None,
            },
            EventData::MappingEnd => match stack.pop()? {
                Open::Map(entries, None, span) => Node {
                    value: Value::Map(entries),
                    span,
                },
                _ => return None,
            },
            // Anchors, aliases, tags, and whatever else: the full way.
            _ => return None,
        };
        attach(node, &mut stack, &mut root)?;
    }
    // An empty file: the full way knows where to place its null.
    root.filter(|_| stack.is_empty())
}

/// Puts a finished `node` in the collection being read, or makes it the
/// root; `None` where the full way must read the file.
fn attach(node: Node, stack: &mut [Open], root: &mut Option<Node>) -> Option<()> {
    match stack.last_mut() {
        None if root.is_none() => *root = Some(node),
        None => return None,
        Some(Open::List(items, _)) => items.push(node),
        // Keys are text (numbers and the like were declined as scalars).
        Some(Open::Map(_, key @ None, _)) if matches!(node.value, Value::Str(_)) => {
            *key = Some(node);
        }
        Some(Open::Map(_, None, _)) => return None,
        Some(Open::Map(entries, key, _)) => {
            let key = key.take()?;
            let repeated = entries.iter().any(|(k, _)| k.value == key.value);
            if repeated || entries.len() >= MAX_KEYS {
                return None;
            }
            entries.push((key, node));
        }
    }
    Some(())
}

/// Places in one file, given as the full way gives them: its line and
/// column (counted from 1) and its length in characters.
struct Places<'a> {
    text: &'a str,
    file: FileId,
    line_offset: u32,
}

impl Places<'_> {
    /// From `start` to `end`.
    fn span(&self, start: &Mark, end: &Mark) -> Span {
        let chars = self
            .text
            .get(start.index as usize..end.index as usize)
            .map_or(0, |s| s.chars().count());
        Span {
            file: self.file,
            line: u32::try_from(start.line + 1)
                .unwrap_or(u32::MAX)
                .saturating_add(self.line_offset),
            col: u32::try_from(start.column + 1).unwrap_or(u32::MAX),
            len: u32::try_from(chars).unwrap_or(u32::MAX),
        }
    }

    /// Where `event`'s node stands, as the full way places it; `None` for
    /// what this path does not place the same way.
    fn of(&self, event: &Event) -> Option<Span> {
        let (start, end) = (&event.start_mark, &event.end_mark);
        match &event.data {
            EventData::Scalar { style, .. } => match style {
                ScalarStyle::Literal | ScalarStyle::Folded => {
                    let (start, end) = block_content(self.text, start, end)?;
                    Some(self.span(&start, &end))
                }
                // Empty values: the two place them differently.
                _ if start.index == end.index => None,
                _ => Some(self.span(start, end)),
            },
            EventData::SequenceStart {
                style: SequenceStyle::Block,
                ..
            } if start.index != end.index => {
                // A list without indentation starts at its `-`; the full
                // way places it after the `-` and its spaces.
                let mut after = *end;
                let rest = self.text.get(usize::try_from(after.index).ok()?..)?;
                let spaces = rest.bytes().take_while(|b| *b == b' ').count() as u64;
                after.index += spaces;
                after.column += spaces;
                Some(self.span(&after, &after))
            }
            _ => Some(self.span(start, end)),
        }
    }
}

/// Whether `text` has anything the two parsers might read differently:
/// libyaml follows YAML 1.1 and is laxer, the full way's follows 1.2.
/// Such files are rare in a ledger and go the full way whole.
fn unusual(text: &str) -> bool {
    // One pass over the bytes: a search for the multi-byte signs among
    // them took longer, the ledger's dates being full of `-`.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| {
        let next = &bytes[at + 1..];
        match byte {
            // `?` keys, `!` tags (one in a flow list panics libyaml-safer
            // 0.3), tabs, escapes.
            b'?' | b'!' | b'\t' | b'\\' => true,
            // 1.1's other line breaks (U+0085, U+2028, U+2029), a
            // byte-order mark.
            0xC2 => next.starts_with(&[0x85]),
            0xE2 => next.starts_with(&[0x80, 0xA8]) || next.starts_with(&[0x80, 0xA9]),
            0xEF => next.starts_with(&[0xBB, 0xBF]),
            // Document markers, which 1.1 also sees inside a line.
            b'-' => next.starts_with(b"--"),
            b'.' => next.starts_with(b".."),
            // A `#` straight after something: 1.2 wants a space first.
            b'#' => at > 0 && !matches!(bytes[at - 1], b' ' | b'\n' | b'\r'),
            _ => false,
        }
    })
}

/// Where a block scalar's text starts and ends as the full way places it:
/// from its first line's first character (not the `|` or `>` before it)
/// to past the indentation of the line after it. Read for the plain shape
/// only: a header of the indicator alone (a chomping sign allowed) after
/// its key or `-`, then a line of text; anything else goes the full way.
fn block_content(text: &str, header: &Mark, end: &Mark) -> Option<(Mark, Mark)> {
    let from = usize::try_from(header.index).ok()?;
    // The header on its key's or entry's line: on a line of its own, 1.1
    // and 1.2 disagree about how far it must be indented.
    let before = text.get(..from)?.trim_end_matches(' ');
    if !before.ends_with([':', '-']) {
        return None;
    }
    let rest = text.get(from..)?;
    let mut chars = rest.char_indices();
    chars.next().filter(|(_, c)| matches!(c, '|' | '>'))?;
    let (mut at, mut next) = chars.next()?;
    if matches!(next, '-' | '+') {
        (at, next) = chars.next()?;
    }
    let body = if next == '\n' {
        at + 1
    } else if next == '\r' && rest[at..].starts_with("\r\n") {
        at + 2
    } else {
        return None;
    };
    let indent = rest[body..].bytes().take_while(|b| *b == b' ').count();
    let first = rest[body + indent..].chars().next()?;
    if indent == 0 || matches!(first, '\n' | '\r' | ' ') {
        return None;
    }
    let mut start = *header;
    start.index = (from + body + indent) as u64;
    start.line += 1;
    start.column = indent as u64;
    // The full way's scalar also takes the next line's indentation, up to
    // its own.
    let mut end = *end;
    let after = text.get(usize::try_from(end.index).ok()?..)?;
    let room = (indent as u64).saturating_sub(end.column) as usize;
    let spaces = after.bytes().take(room).take_while(|b| *b == b' ').count() as u64;
    end.index += spaces;
    end.column += spaces;
    Some((start, end))
}

/// The value of a scalar without a tag or anchor, or `None` when the full
/// way should read the file.
fn scalar(text: String, style: ScalarStyle, in_key: bool) -> Option<Value> {
    if style != ScalarStyle::Plain || surely_text(&text) {
        return Some(Value::Str(text));
    }
    // Keys are typed with the key's rules, which this path leaves alone.
    if in_key || text.contains(['$', ':', '#', '\n']) {
        return None;
    }
    typed(&text)
}

/// Whether a plain scalar reads as text under every rule serde-saphyr
/// types plain scalars by: null (`~`, `null`, empty), booleans (`true`,
/// `yes`, `on`, `y` …, in any case), numbers (a digit, a sign or a point
/// first; `inf`, `nan`).
fn surely_text(text: &str) -> bool {
    const WORDS: [&str; 12] = [
        "true", "false", "yes", "no", "y", "n", "on", "off", "null", "nan", "inf", "infinity",
    ];
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() || matches!(first, '+' | '-' | '.' | '~') {
        return false;
    }
    !WORDS.iter().any(|word| text.eq_ignore_ascii_case(word))
}

/// A plain scalar typed by serde-saphyr, as the full way types it; the
/// answers are remembered per thread (a ledger repeats its dates, numbers
/// and `true`s thousands of times).
fn typed(text: &str) -> Option<Value> {
    thread_local! {
        static SEEN: RefCell<HashMap<String, Value>> = RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(value) = seen.borrow().get(text) {
            return Some(value.clone());
        }
        let value = super::yaml::scalar_alone(text)?;
        let mut seen = seen.borrow_mut();
        if seen.len() > 100_000 {
            seen.clear();
        }
        seen.insert(text.to_string(), value.clone());
        Some(value)
    })
}

#[cfg(test)]
mod tests;
