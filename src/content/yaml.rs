//! YAML text to a [`Node`] tree that remembers where every value stands.
//!
//! serde-saphyr parses; we keep the result as a generic tree rather than
//! deserialising straight into structs, so that decoding can report *every*
//! unknown key, wrong type and bad date of a file in one run, each at its
//! own line and column, instead of stopping at the first.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::diagnostics::{FileId, Kind, Problem, Span};

/// A YAML value with its place in the file.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Node {
    /// The value.
    pub value: Value,
    /// Where it was written.
    pub span: Span,
}

/// A YAML value. Mapping keys are nodes too, so they can be pointed at.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in the order written.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The kind, for type errors.
    pub(super) fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Int(_) => Kind::Integer,
            Value::Float(_) => Kind::Number,
            Value::Str(_) => Kind::Text,
            Value::Seq(_) => Kind::List,
            Value::Map(_) => Kind::Map,
        }
    }
}

/// Parses one YAML document. `line_offset` is the number of lines before
/// the YAML in its file (front matter starts on line 2). An empty document
/// is `Null`.
pub(super) fn parse(text: &str, file: FileId, line_offset: u32) -> Result<Node, (Problem, Span)> {
    // Most files are plain maps, lists and scalars: read from the parser's
    // events, several times faster, with the same result.
    if let Some(node) = super::yaml_events::parse(text, file, line_offset) {
        return Ok(node);
    }
    parse_fully(text, file, line_offset)
}

/// The parser's options: our tree is recursive, so nesting is kept well
/// within the stack.
fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    if let Some(budget) = options.budget.as_mut() {
        budget.max_depth = 64;
    }
    options
}

/// A plain scalar's value when it stands alone as a document, typed as
/// serde-saphyr types it anywhere; `None` when it is no single scalar.
pub(super) fn scalar_alone(text: &str) -> Option<Value> {
    match serde_saphyr::from_str_with_options::<RawValue>(text, options()).ok()? {
        RawValue::Null => Some(Value::Null),
        RawValue::Bool(b) => Some(Value::Bool(b)),
        RawValue::Int(i) => Some(Value::Int(i)),
        RawValue::Float(f) => Some(Value::Float(f)),
        RawValue::Str(s) => Some(Value::Str(s)),
        RawValue::Seq(_) | RawValue::Map(_) => None,
    }
}

/// [`parse`] through serde-saphyr's deserialiser: anything YAML allows,
/// and the parser's errors.
pub(super) fn parse_fully(
    text: &str,
    file: FileId,
    line_offset: u32,
) -> Result<Node, (Problem, Span)> {
    let options = options();
    let place = |location: Location| Span {
        file,
        line: u32::try_from(location.line())
            .unwrap_or(u32::MAX)
            .saturating_add(line_offset),
        col: u32::try_from(location.column()).unwrap_or(u32::MAX),
        len: location.span().len() as u32,
    };
    match serde_saphyr::from_str_with_options::<Spanned<RawValue>>(text, options) {
        Ok(root) => Ok(into_node(root, &place)),
        Err(error) => {
            let span = error
                .location()
                .filter(|l| l.line() > 0)
                .map(&place)
                .unwrap_or_else(|| Span {
                    line: 1 + line_offset,
                    ..Span::file_start(file)
                });
            let detail = bare_message(&error);
            let problem = match detail.strip_prefix("duplicate mapping key: ") {
                Some(key) => Problem::DuplicateKey {
                    key: key.to_string(),
                },
                None => Problem::YamlSyntax { detail },
            };
            Err((problem, span))
        }
    }
}

/// The parser's message without the location it prefixes or the snippet it
/// draws: we print both ourselves, with the path and our line numbers.
fn bare_message(error: &serde_saphyr::Error) -> String {
    let text = error.without_snippet().to_string();
    let text = text.lines().next().unwrap_or_default();
    let text = text.strip_prefix("error: ").unwrap_or(text);
    let text = match text.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") && head.contains(" column ") => rest,
        _ => text,
    };
    let text = text
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(text);
    let text = match text.rsplit_once(" at line ") {
        Some((head, tail)) if tail.contains(" column ") => head,
        _ => text,
    };
    text.trim().to_string()
}

fn into_node(spanned: Spanned<RawValue>, place: &impl Fn(Location) -> Span) -> Node {
    let span = place(spanned.referenced);
    let value = match spanned.value {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => Value::Bool(b),
        RawValue::Int(i) => Value::Int(i),
        RawValue::Float(f) => Value::Float(f),
        RawValue::Str(s) => Value::Str(s),
        RawValue::Seq(items) => {
            Value::Seq(items.into_iter().map(|i| into_node(i, place)).collect())
        }
        RawValue::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (into_node(k, place), into_node(v, place)))
                .collect(),
        ),
    };
    Node { value, span }
}

/// What serde-saphyr hands us: the same tree with its own location type.
enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<RawValue>, Spanned<RawValue>)>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(u).map_or(RawValue::Float(u as f64), RawValue::Int))
    }
    fn visit_i128<E>(self, i: i128) -> Result<RawValue, E> {
        Ok(i64::try_from(i).map_or(RawValue::Float(i as f64), RawValue::Int))
    }
    fn visit_u128<E>(self, u: u128) -> Result<RawValue, E> {
        Ok(i64::try_from(u).map_or(RawValue::Float(u as f64), RawValue::Int))
    }
    fn visit_f64<E>(self, f: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(s))
    }
    fn visit_bytes<E>(self, b: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Str(String::from_utf8_lossy(b).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(RawValue::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax_error(text: &str) -> (String, u32, u32) {
        match parse(text, FileId(0), 0) {
            Err((Problem::YamlSyntax { detail }, span)) => (detail, span.line, span.col),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn keeps_places_of_keys_and_values() {
        let node = parse("number: 7\ntitle: 稳岗就业\n", FileId(0), 0).unwrap();
        let Value::Map(entries) = node.value else {
            panic!("a map")
        };
        assert_eq!(entries[1].0.span.line, 2);
        assert_eq!(entries[1].1.value, Value::Str("稳岗就业".into()));
        assert_eq!((entries[1].1.span.col, entries[1].1.span.len), (8, 4));
    }

    #[test]
    fn offsets_lines_for_front_matter() {
        let node = parse("title: x\n", FileId(0), 1).unwrap();
        assert_eq!(node.span.line, 2);
    }

    #[test]
    fn reports_syntax_errors_plainly() {
        let duplicate = parse("a: 1\na: 2\n", FileId(0), 0).unwrap_err();
        assert_eq!(duplicate.0, Problem::DuplicateKey { key: "a".into() });
        assert_eq!((duplicate.1.line, duplicate.1.col), (2, 1));
        let (detail, line, _) = syntax_error("a:\n  b: 1\n c: 2\n");
        assert_eq!(line, 3);
        assert!(!detail.contains("line 3"), "{detail}");
    }

    #[test]
    fn survives_deep_nesting() {
        let deep = "[".repeat(10_000);
        assert!(parse(&deep, FileId(0), 0).is_err());
    }
}
