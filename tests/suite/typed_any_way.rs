//! A property test of the public build's promise: registered names with
//! random separators (spaces, line breaks, zero-width characters, soft
//! hyphens, traditional forms) and phone, ID and card numbers in random
//! formats (grouped, prefixed, full-width) are written into every text
//! field and Markdown body of a site; no public output file then contains
//! any of them as a reader would see it. The check here is the test's own:
//! it strips tags and separators from every file before searching.

use crate::common;

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use taizhang::content::Audience;

/// Surnames and given-name characters, with their traditional forms.
const SURNAMES: &[(char, char)] = &[
    ('陈', '陳'),
    ('刘', '劉'),
    ('张', '張'),
    ('赵', '趙'),
    ('吴', '吳'),
    ('郑', '鄭'),
    ('冯', '馮'),
    ('罗', '羅'),
];
const GIVEN: &[(char, char)] = &[
    ('东', '東'),
    ('华', '華'),
    ('军', '軍'),
    ('丽', '麗'),
    ('伟', '偉'),
    ('红', '紅'),
    ('敏', '敏'),
    ('静', '靜'),
];

/// Invisible or skipped characters a name may be split by. A line break
/// only where the text allows one (a block or Markdown body).
const SEPARATORS: &[&str] = &[" ", "\u{200B}", "\u{00AD}", "\u{2060}", "\u{FEFF}", "  "];

#[derive(Clone, Debug)]
struct Person {
    /// As registered.
    name: String,
    /// How each character is written in the content: simplified or not.
    traditional: Vec<bool>,
    /// Separator after each character but the last.
    separators: Vec<usize>,
    line_break: bool,
}

impl Person {
    /// As written in a one-line value (`inline`) or a block.
    fn written(&self, block: bool) -> String {
        let chars: Vec<char> = self.name.chars().collect();
        let mut out = String::new();
        for (i, c) in chars.iter().enumerate() {
            let traditional = SURNAMES
                .iter()
                .chain(GIVEN)
                .find(|(s, _)| s == c)
                .map_or(*c, |(_, t)| *t);
            out.push(if self.traditional[i] { traditional } else { *c });
            if i + 1 < chars.len() {
                if block && self.line_break && i == 0 {
                    out.push('\n');
                } else {
                    out.push_str(SEPARATORS[self.separators[i] % SEPARATORS.len()]);
                }
            }
        }
        out
    }
}

fn person() -> impl Strategy<Value = Person> {
    (
        prop::sample::select(SURNAMES.to_vec()),
        prop::collection::vec(prop::sample::select(GIVEN.to_vec()), 1..=2),
        prop::collection::vec(any::<bool>(), 3),
        prop::collection::vec(0usize..SEPARATORS.len() * 2, 2),
        any::<bool>(),
    )
        .prop_map(
            |(surname, given, traditional, separators, line_break)| Person {
                name: std::iter::once(surname.0)
                    .chain(given.iter().map(|g| g.0))
                    .collect(),
                traditional,
                separators,
                line_break,
            },
        )
}

/// A sensitive number: its digits as a reader reads them, and how it is
/// written in the content.
#[derive(Clone, Debug)]
struct Number {
    digits: String,
    written: String,
}

fn grouped(digits: &str, groups: &[usize], separator: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (i, size) in groups.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&digits[at..at + size]);
        at += size;
    }
    out
}

fn luhn_completed(body: &str) -> String {
    let sum: u32 = body
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap_or(0);
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

fn number() -> impl Strategy<Value = Number> {
    let separator = prop::sample::select(vec!["", " ", "-"]);
    let mobile = (3u8..=9, 0u64..100_000_000, separator.clone(), 0usize..4).prop_map(
        |(second, rest, sep, prefix)| {
            let digits = format!("1{second}{}{rest:08}", second % 10);
            let local = grouped(&digits, &[3, 4, 4], sep);
            let prefix = ["", "+86 ", "0086-", "+86"][prefix];
            Number {
                written: format!("{prefix}{local}"),
                digits,
            }
        },
    );
    let landline = (100u32..999, 1_000_000u32..9_999_999, 0usize..3).prop_map(|(area, n, form)| {
        let digits = format!("0{area}{n}");
        let written = match form {
            0 => format!("(0{area}){n}"),
            1 => format!("0{area} {n}"),
            _ => format!("0{area}-{n}"),
        };
        Number { digits, written }
    });
    let id = (
        110_000u32..659_999,
        1950u32..2010,
        1u32..=12,
        1u32..=28,
        0u32..999,
        separator.clone(),
    )
        .prop_map(|(region, year, month, day, order, sep)| {
            let digits = format!("{region}{year}{month:02}{day:02}{order:03}{}", order % 10);
            Number {
                written: grouped(&digits, &[6, 8, 4], sep),
                digits,
            }
        });
    let card = (0u64..1_000_000_000_000, any::<bool>(), separator).prop_map(|(body, long, sep)| {
        let digits = if long {
            luhn_completed(&format!("622202{body:012}"))
        } else {
            luhn_completed(&format!("621{body:012}"))
        };
        let groups: &[usize] = if long {
            &[4, 4, 4, 4, 3]
        } else {
            &[4, 4, 4, 4]
        };
        Number {
            written: grouped(&digits, groups, sep),
            digits,
        }
    });
    prop_oneof![mobile, landline, id, card].prop_flat_map(|n| {
        any::<bool>().prop_map(move |full_width| {
            let written = if full_width {
                n.written
                    .chars()
                    .map(|c| {
                        c.to_digit(10)
                            .and_then(|d| char::from_u32('０' as u32 + d))
                            .unwrap_or(c)
                    })
                    .collect()
            } else {
                n.written.clone()
            };
            Number {
                digits: n.digits.clone(),
                written,
            }
        })
    })
}

/// Appends a secret to every one-line text value and every block of the
/// YAML `text` (values under the keys people write prose in).
fn sprinkle_yaml(text: &str, secret: &dyn Fn(bool) -> String) -> String {
    const PROSE: &[&str] = &[
        "title:",
        "plan_title:",
        "recipients:",
        "contact:",
        "target:",
        "what:",
        "note:",
        "- text:",
    ];
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.ends_with(": |") {
            // A block: the secret goes in as a line of its own.
            out.push_str(line);
            out.push('\n');
            let mut inner = indent + 2;
            while let Some(next) = lines.peek() {
                let next_indent = next.len() - next.trim_start().len();
                if next.trim().is_empty() || next_indent > indent {
                    if !next.trim().is_empty() {
                        inner = next_indent;
                    }
                    out.push_str(lines.next().unwrap_or_default());
                    out.push('\n');
                } else {
                    break;
                }
            }
            for part in secret(true).lines() {
                out.push_str(&" ".repeat(inner));
                out.push_str(part);
                out.push('\n');
            }
            continue;
        }
        if PROSE.iter().any(|key| trimmed.starts_with(key))
            && !trimmed.ends_with(':')
            && !trimmed.contains('{')
        {
            out.push_str(line);
            out.push_str(&secret(false));
        } else if let Some(rest) = trimmed.strip_prefix("- ")
            && !rest.contains(':')
            && !rest.starts_with('{')
            && rest.chars().any(|c| c > '\u{2E80}')
        {
            // A measure written as a plain list item.
            out.push_str(line);
            out.push_str(&secret(false));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// What a reader of `text` sees of names and numbers: no tags, no
/// separators, ASCII digits, simplified characters.
fn as_read(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ if c.is_whitespace() || "\u{200B}\u{00AD}\u{2060}\u{FEFF}-()+".contains(c) => {}
            '０'..='９' => out.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            _ => out.push(
                SURNAMES
                    .iter()
                    .chain(GIVEN)
                    .find(|(_, t)| *t == c)
                    .map_or(c, |(s, _)| *s),
            ),
        }
    }
    out
}

fn render(root: &Path) -> Vec<taizhang::output::OutputFile> {
    common::build_in_memory(root, Audience::Public)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn names_and_numbers_typed_any_way_never_reach_the_public_output(
        people in prop::collection::vec(person(), 2),
        numbers in prop::collection::vec(number(), 4),
    ) {
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path();
        taizhang::scaffold::init(root, Default::default()).expect("writes");
        let content = root.join("content");
        let count = std::cell::Cell::new(0usize);
        // Each secret: a resident and a number, as a plan would put them.
        let secret = |block: bool| {
            let k = count.get();
            count.set(k + 1);
            let person = &people[k % people.len()];
            let number = &numbers[k % numbers.len()];
            format!(",村民{}反映(电话{})", person.written(block), number.written)
        };
        for file in ["site.yaml", "issues/01.yaml", "glossary.yaml"] {
            let path = content.join(file);
            let text = fs::read_to_string(&path).expect("reads");
            fs::write(&path, sprinkle_yaml(&text, &secret)).expect("writes");
        }
        let note = content.join("notes/2025-08-01-kickoff.md");
        let text = fs::read_to_string(&note).expect("reads");
        let text = text.replacen("title: 召开整改工作部署会", &format!("title: 召开整改工作部署会{}", secret(false)), 1);
        fs::write(&note, format!("{text}\n{}\n\n- {}\n", secret(true), secret(true))).expect("writes");
        let mut register = String::from("people:\n  - { name: 李小梅 }\n");
        let mut names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            register.push_str(&format!("  - {{ name: {name} }}\n"));
        }
        fs::write(content.join("people.yaml"), register).expect("writes");
        prop_assert!(count.get() >= 12, "only {} places", count.get());

        for file in render(root) {
            let text = as_read(&String::from_utf8_lossy(&file.bytes));
            for person in &people {
                prop_assert!(!text.contains(&person.name), "{} shows {}", file.path, person.name);
            }
            for number in &numbers {
                prop_assert!(!text.contains(&number.digits), "{} shows {}", file.path, number.digits);
            }
        }
    }
}
