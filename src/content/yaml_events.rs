//! The common YAML file read straight from the parser's events into a
//! [`Node`] tree: plain maps, lists and scalars, without tags, anchors,
//! aliases or repeated keys. serde-saphyr's serde layer replays every key
//! and wraps every value to carry its place, which made decoding most of
//! `check`'s time on a county's ledger; its parser (granit-parser, which it
//! re-exports) does the reading here as well, and a plain scalar that could
//! be anything but text (`true`, `7`, `2025-09-30`, `~`) is typed by
//! serde-saphyr itself. Whatever this path does not read exactly as the
//! full one would — anything unusual, any error — it declines, and
//! [`super::yaml::parse`] reads the file the full way, so the tree and
//! every diagnostic are the same either way.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span as Place};

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
    let place = |at: &Place| Span {
        file,
        line: u32::try_from(at.start.line())
            .unwrap_or(u32::MAX)
            .saturating_add(line_offset),
        col: u32::try_from(at.start.col() + 1).unwrap_or(u32::MAX),
        len: at.len() as u32,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, at) = event.ok()?;
        let node = match event {
            Event::StreamStart | Event::DocumentEnd | Event::StreamEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, 0, None) => {
                let in_key = matches!(stack.last(), Some(Open::Map(_, None, _)));
                let value = scalar(&value, style, in_key)?;
                Node {
                    value,
                    span: place(&at),
                }
            }
            Event::SequenceStart(_, 0, None) => {
                stack.push(Open::List(Vec::new(), place(&at)));
                if stack.len() > MAX_DEPTH {
                    return None;
                }
                continue;
            }
            Event::MappingStart(_, 0, None) => {
                stack.push(Open::Map(Vec::new(), None, place(&at)));
                if stack.len() > MAX_DEPTH {
                    return None;
                }
                continue;
            }
            Event::SequenceEnd => match stack.pop()? {
                Open::List(items, span) => Node {
                    value: Value::Seq(items),
                    span,
                },
                Open::Map(..) => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Open::Map(entries, None, span) => Node {
                    value: Value::Map(entries),
                    span,
                },
                _ => return None,
            },
            // Anchors, aliases, tags, and whatever else: the full way.
            _ => return None,
        };
        match stack.last_mut() {
            None if root.is_none() => root = Some(node),
            None => return None,
            Some(Open::List(items, _)) => items.push(node),
            Some(Open::Map(_, key @ None, _)) => *key = Some(node),
            Some(Open::Map(entries, key, _)) => {
                let key = key.take()?;
                let repeated = entries.iter().any(|(k, _)| k.value == key.value);
                if repeated || entries.len() >= MAX_KEYS {
                    return None;
                }
                entries.push((key, node));
            }
        }
    }
    // An empty file: the full way knows where to place its null.
    root.filter(|_| stack.is_empty())
}

/// The value of a scalar without a tag or anchor, or `None` when the full
/// way should read the file.
fn scalar(text: &str, style: ScalarStyle, in_key: bool) -> Option<Value> {
    if style != ScalarStyle::Plain || surely_text(text) {
        return Some(Value::Str(text.to_string()));
    }
    // Keys are typed with the key's rules, which this path leaves alone.
    if in_key || text.contains(['$', ':', '#', '\n']) {
        return None;
    }
    typed(text)
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
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::content::yaml::parse_fully;

    /// Asserts that where this path reads `text`, it reads what the full
    /// way does; returns whether it read it.
    fn agrees(text: &str) -> bool {
        let Some(fast) = parse(text, FileId(0), 0) else {
            return false;
        };
        assert_eq!(Ok(fast), parse_fully(text, FileId(0), 0), "{text}");
        true
    }

    #[test]
    fn reads_every_yaml_file_of_the_repository_as_the_full_way_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut read, mut declined) = (0, Vec::new());
        for entry in walkdir::WalkDir::new(root).into_iter().filter_entry(|e| {
            !matches!(
                e.file_name().to_str(),
                Some("target" | "node_modules" | ".git")
            )
        }) {
            let entry = entry.expect("readable");
            let yaml = entry
                .path()
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml");
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if !yaml {
                continue;
            }
            if agrees(&text) {
                read += 1;
            } else {
                declined.push(entry.path().display().to_string());
            }
        }
        // Only files written to be wrong are handed on to the full way.
        assert!(read >= 20, "{read} read; declined {declined:#?}");
        assert!(
            declined
                .iter()
                .all(|p| p.replace('\\', "/").contains("/tests/invalid/")),
            "{declined:#?}"
        );
    }

    #[test]
    fn reads_a_generated_ledgers_shape_as_the_full_way_does() {
        // The shape `gen_ledger` writes ten thousand times for the benchmark.
        let issue = "number: 1\ntitle: 第1项问题:帮扶措施落实不到位\nfinding: |\n  第88村1户帮扶措施不精准。\n\
            measures:\n  - 第1条措施:建立工作台账。\ntarget: 问题全部整改到位。\ndeadline: 2025-09-30\n\
            ongoing: true\nunits: [minzheng]\nindicators:\n  - id: i1\n    name: 核实准确率\n    unit: \"%\"\n\
            \x20   baseline: { date: 2025-06-30, value: 72 }\n    target: 100\n    readings:\n\
            \x20     - { date: 2025-09-30, value: 97.5 }\ntasks:\n\n  - village: v0010\n    measure: 1\n\
            \x20   what: 落实第1条措施\n    status: closed\n    history:\n\
            \x20     - { date: 2025-07-06, status: in_progress }\n    acceptance:\n      date: 2025-10-11\n\
            \x20     by: zhenxing\n      evidence:\n        - { title: 整改台账, kind: ledger }\n";
        assert!(agrees(issue), "declined: {issue}");
        let front_matter = "title: 第1项问题整改进展(0)\ndate: 2025-08-01\nkind: progress\nissues: [1]\nvillages: [v0000]\n";
        assert!(agrees(front_matter));
    }

    /// Scalars every rule of typing could take for something else.
    const TRICKY: &[&str] = &[
        "yes",
        "No",
        "y",
        "N",
        "on",
        "OFF",
        "true",
        "False",
        "null",
        "Null",
        "~",
        "0x1F",
        "0X1F",
        "0o17",
        "017",
        "1_000",
        "+5",
        "-0",
        "-7",
        ".5",
        "1e3",
        "1.",
        ".inf",
        "-.Inf",
        ".NaN",
        "nan",
        "inf",
        "infinity",
        "2025-09-30",
        "2025-9-3",
        "12:30",
        "a#b",
        "a #b",
        "-",
        "- x",
        "中文",
        "'单引号'",
        "\"双引号\"",
        "!!str 5",
        "&a x",
        "*a",
        "",
        "in_progress",
        "v0001",
        "第1条",
        "1户",
        "100%",
        "3.14",
        "1e999",
        "0b101",
        "+.5",
        "~x",
    ];

    fn scalar_text() -> impl Strategy<Value = String> {
        prop::sample::select(TRICKY).prop_map(str::to_string)
    }

    proptest! {
        #[test]
        fn types_tricky_scalars_as_the_full_way_does(
            values in prop::collection::vec(scalar_text(), 1..6),
            flow in any::<bool>(),
        ) {
            let mut text = String::new();
            for (k, value) in values.iter().enumerate() {
                if flow {
                    text.push_str(&format!("k{k}: [{value}, {{ a: {value} }}]\n"));
                } else {
                    text.push_str(&format!("k{k}: {value}\nl{k}:\n  - {value}\n  - {{ d: {value} }}\n"));
                }
            }
            agrees(&text);
        }
    }
}
