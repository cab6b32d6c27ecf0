//! Decoding [`Node`] trees into content types, reporting every mistake.
//!
//! Each accessor returns `None` (or an empty list) after recording a
//! diagnostic, so a file with five mistakes yields five diagnostics and the
//! rest of the file is still read. Dates and deadlines are read in
//! [`dates`], numbers in [`numbers`].

use crate::diagnostics::{Diagnostics, Kind, Located, Problem, Span};

use super::yaml::{Node, Value};

mod dates;
mod numbers;

/// A closed set of spellings for a value (a status, a kind): English codes
/// and their Chinese labels both read as the same value.
pub(super) trait Choice: Sized + Copy + 'static {
    /// Accepted spellings and what they mean; the first spelling of each
    /// value is its canonical code.
    const SPELLINGS: &'static [(&'static str, Self)];
}

/// The entries of a YAML mapping, checked against the keys it may have.
pub(super) struct Fields<'n> {
    entries: Vec<(&'n str, &'n Node)>,
    span: Span,
}

impl<'n> Fields<'n> {
    /// The value under `key`, if written (a `~`/empty value counts as absent).
    pub(super) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .filter(|v| v.value != Value::Null)
    }

    fn get_raw(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    /// Where the mapping starts, for "missing key" messages.
    pub(super) fn span(&self) -> Span {
        self.span
    }
}

/// Reads nodes into typed values, recording a diagnostic for each mistake.
pub(super) struct Decoder<'d> {
    diagnostics: &'d mut Diagnostics,
}

impl<'d> Decoder<'d> {
    /// A decoder that records into `diagnostics`.
    pub(super) fn new(diagnostics: &'d mut Diagnostics) -> Self {
        Decoder { diagnostics }
    }

    /// Records a problem found while decoding.
    pub(super) fn report(&mut self, problem: Problem, span: Span) {
        self.diagnostics.push(problem, span);
    }

    /// Opens a mapping whose keys must be among `allowed`.
    pub(super) fn fields<'n>(
        &mut self,
        node: &'n Node,
        allowed: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(Kind::Map, node);
            return None;
        };
        let mut fields = Fields {
            entries: Vec::with_capacity(entries.len()),
            // "Missing key" points at the mapping's first key with one caret.
            span: Span {
                len: 1,
                ..entries.first().map_or(node.span, |(key, _)| key.span)
            },
        };
        for (key, value) in entries {
            match &key.value {
                Value::Str(name) if allowed.contains(&name.as_str()) => {
                    fields.entries.push((name.as_str(), value));
                }
                Value::Str(name) => self.report(
                    Problem::UnknownKey {
                        key: name.clone(),
                        allowed,
                    },
                    key.span,
                ),
                _ => self.wrong_type(Kind::Text, key),
            }
        }
        Some(fields)
    }

    /// Opens an optional nested mapping.
    pub(super) fn opt_fields<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        allowed: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        fields.get(key).and_then(|node| self.fields(node, allowed))
    }

    /// A required, non-empty text.
    pub(super) fn text(
        &mut self,
        fields: &Fields<'_>,
        key: &'static str,
    ) -> Option<Located<String>> {
        match fields.get_raw(key) {
            None => {
                self.report(Problem::MissingKey { key }, fields.span);
                None
            }
            Some(node) => {
                let text = self.node_text(node, key);
                if text.is_none() && node.value == Value::Null {
                    self.report(Problem::EmptyText { key }, node.span);
                }
                text
            }
        }
    }

    /// An optional text; empty counts as absent.
    pub(super) fn opt_text(
        &mut self,
        fields: &Fields<'_>,
        key: &'static str,
    ) -> Option<Located<String>> {
        let node = fields.get(key)?;
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => None,
            _ => self.node_text(node, key),
        }
    }

    /// Text from one node. Numbers are taken as written (`title: 2025`);
    /// anything else is a type error. A blank string is reported as empty.
    pub(super) fn node_text(&mut self, node: &Node, key: &'static str) -> Option<Located<String>> {
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Null => return None,
            _ => {
                self.wrong_type(Kind::Text, node);
                return None;
            }
        };
        if text.trim().is_empty() {
            self.report(Problem::EmptyText { key }, node.span);
            return None;
        }
        Some(Located::new(text, node.span))
    }

    /// An optional `true`/`false`, `false` when absent.
    pub(super) fn flag(&mut self, fields: &Fields<'_>, key: &str) -> bool {
        match fields.get(key) {
            None => false,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => *b,
            Some(node) => {
                self.wrong_type(Kind::Bool, node);
                false
            }
        }
    }

    /// The node under `key`, or `None` after reporting the key missing.
    pub(in crate::content) fn required<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &'static str,
    ) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            self.report(Problem::MissingKey { key }, fields.span);
        }
        node
    }

    /// A required value from a closed set.
    pub(super) fn choice<C: Choice>(
        &mut self,
        fields: &Fields<'_>,
        key: &'static str,
    ) -> Option<Located<C>> {
        self.required(fields, key)
            .and_then(|node| self.node_choice(node))
    }

    /// An optional value from a closed set.
    pub(super) fn opt_choice<C: Choice>(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
    ) -> Option<Located<C>> {
        fields.get(key).and_then(|node| self.node_choice(node))
    }

    /// A value from a closed set, from one node.
    pub(super) fn node_choice<C: Choice>(&mut self, node: &Node) -> Option<Located<C>> {
        let Value::Str(text) = &node.value else {
            self.wrong_type(Kind::Text, node);
            return None;
        };
        let text = text.trim();
        if let Some((_, value)) = C::SPELLINGS.iter().find(|(spelling, _)| *spelling == text) {
            return Some(Located::new(*value, node.span));
        }
        self.report(
            Problem::BadChoice {
                text: text.to_string(),
                allowed: C::SPELLINGS.iter().map(|(spelling, _)| *spelling).collect(),
            },
            node.span,
        );
        None
    }

    /// A required id: a lower-case ASCII slug, used in addresses.
    pub(super) fn id(&mut self, fields: &Fields<'_>, key: &'static str) -> Option<Located<String>> {
        let text = self.text(fields, key)?;
        if is_slug(&text.value) {
            Some(text)
        } else {
            self.report(Problem::BadId { text: text.value }, text.span);
            None
        }
    }

    /// The items of an optional list (absent: none).
    pub(super) fn list<'n>(&mut self, fields: &Fields<'n>, key: &str) -> &'n [Node] {
        match fields.get(key) {
            None => &[],
            Some(Node {
                value: Value::Seq(items),
                ..
            }) => items,
            Some(node) => {
                self.wrong_type(Kind::List, node);
                &[]
            }
        }
    }

    /// An optional list of texts; a single text is taken as a list of one.
    pub(super) fn text_list(
        &mut self,
        fields: &Fields<'_>,
        key: &'static str,
    ) -> Vec<Located<String>> {
        match fields.get(key) {
            Some(
                node @ Node {
                    value: Value::Str(_),
                    ..
                },
            ) => self.node_text(node, key).into_iter().collect(),
            _ => {
                let items = self.list(fields, key);
                items
                    .iter()
                    .filter_map(|item| self.node_text(item, key))
                    .collect()
            }
        }
    }

    /// Records a type error at `node`.
    pub(super) fn wrong_type(&mut self, expected: Kind, node: &Node) {
        self.report(
            Problem::WrongType {
                expected,
                found: node.value.kind(),
            },
            node.span,
        );
    }
}

/// Whether `text` is a slug: `a-z`, `0-9` and inner hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse;
    use crate::diagnostics::FileId;

    #[test]
    fn reports_every_mistake_of_a_mapping() {
        let node = parse("titel: x\ndate: 2025-13-01\nnumber: abc\n", FileId(0), 0).unwrap();
        let mut diagnostics = Diagnostics::default();
        let mut decoder = Decoder::new(&mut diagnostics);
        let fields = decoder.fields(&node, &["title", "date", "number"]).unwrap();
        assert!(decoder.text(&fields, "title").is_none());
        assert!(decoder.date(&fields, "date").is_none());
        assert!(decoder.int(&fields, "number", 1, 99).is_none());
        let codes: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.problem.code(), d.span.line))
            .collect();
        assert_eq!(codes, [("E011", 1), ("E013", 1), ("E014", 2), ("E012", 3)]);
    }

    #[test]
    fn slugs() {
        assert!(is_slug("bajing"));
        assert!(is_slug("hongyuandong-2"));
        assert!(!is_slug("Bajing"));
        assert!(!is_slug("八景"));
        assert!(!is_slug("-a"));
    }
}
