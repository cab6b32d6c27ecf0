//! The events path against the full way: the repository's files, the
//! generated ledger's shape, every style, Windows line ends, tricky
//! scalars, and randomly edited files.

use proptest::prelude::*;

use super::*;
use crate::content::yaml::parse_fully;

/// Asserts that where this path reads `text`, it reads what the full
/// way does; returns whether it read it.
fn agrees(text: &str) -> bool {
    let Some(fast) = parse(text, FileId(0), 0) else {
        return false;
    };
    assert_eq!(Ok(fast), parse_fully(text, FileId(0), 0), "{text:?}");
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
    let issue = GENERATED_ISSUE;
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

/// The shape `gen_ledger` writes ten thousand times for the benchmark.
const GENERATED_ISSUE: &str = "number: 1\ntitle: 第1项问题:帮扶措施落实不到位\nfinding: |\n  第88村1户帮扶措施不精准。\n\
        measures:\n  - 第1条措施:建立工作台账。\ntarget: 问题全部整改到位。\ndeadline: 2025-09-30\n\
        ongoing: true\nunits: [minzheng]\nindicators:\n  - id: i1\n    name: 核实准确率\n    unit: \"%\"\n\
        \x20   baseline: { date: 2025-06-30, value: 72 }\n    target: 100\n    readings:\n\
        \x20     - { date: 2025-09-30, value: 97.5 }\ntasks:\n\n  - village: v0010\n    measure: 1\n\
        \x20   what: 落实第1条措施\n    status: closed\n    history:\n\
        \x20     - { date: 2025-07-06, status: in_progress }\n    acceptance:\n      date: 2025-10-11\n\
        \x20     by: zhenxing\n      evidence:\n        - { title: 整改台账, kind: ledger }\n";

/// Files of every kind the example site has, and the generated shape,
/// each read by this path.
const FILES: &[&str] = &[
    GENERATED_ISSUE,
    include_str!("../../scaffold/site/content/issues/01.yaml"),
    include_str!("../../scaffold/site/content/site.yaml"),
    include_str!("../../scaffold/site/content/people.yaml"),
    STYLES,
];

/// Every way of writing a value this path reads, each once.
const STYLES: &str = "plain: 村务公开\nsingle: '单引号 ''里'' 的字'\ndouble: \"双引号\"\n\
    folded: >\n  第一行\n  接着写\n\n  另起一段\nliteral: |-\n  甲\n    乙\nkept: |+\n  丙\n\n\
    multi: 一行写不下的\n  接着写\nquoted: '跨行\n  的单引号'\nflow: { a: [1, 2.5, x], b: { c: ~ } }\n\
    list:\n- 甲\n- - 乙\n  - 丙\n- k: v\n  l: [w]\nnested:\n  - - 丁\n    - { e: f }\n  -\n    g: h\n\
    last: 7\n";

/// What an edit may put in: what matters to YAML, CJK text, line ends.
const PIECES: &[&str] = &[
    ":",
    "-",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    "\"",
    "#",
    "&a",
    "*a",
    "!",
    "|",
    ">",
    "|-",
    ">+",
    "|2",
    "?",
    "%",
    "@",
    "`",
    "~",
    "\\",
    "null",
    "7",
    "a",
    "八景村",
    "\u{feff}",
    "\u{2028}",
    "\u{85}",
    "---",
    "...",
    "\n  ",
    "\n- ",
    "\n    x: ",
];

/// `text` with each edit applied: (what, where, which piece) removes a
/// character, replaces it with a piece, or puts a piece before it.
fn edited(text: &str, edits: &[(u8, usize, usize)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(what, at, piece) in edits {
        let at = at % (chars.len() + 1);
        let piece: Vec<char> = PIECES[piece % PIECES.len()].chars().collect();
        match what % 3 {
            0 if at < chars.len() => drop(chars.remove(at)),
            1 if at < chars.len() => drop(chars.splice(at..=at, piece)),
            _ => drop(chars.splice(at..at, piece)),
        }
    }
    chars.into_iter().collect()
}

#[test]
fn reads_files_with_windows_line_ends_as_the_full_way_does() {
    for file in FILES {
        assert!(agrees(file), "declined: {file}");
        assert!(agrees(&file.replace('\n', "\r\n")), "declined: {file}");
    }
}

fn scalar_text() -> impl Strategy<Value = String> {
    prop::sample::select(TRICKY).prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// The property this path rests on: an edited file, whatever the
    /// edit broke, is read here only as the full way reads it, and a
    /// file the full way refuses is never read here.
    #[test]
    fn reads_edited_files_only_as_the_full_way_does(
        file in 0..FILES.len(),
        windows in any::<bool>(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..6),
    ) {
        let file = if windows { FILES[file].replace('\n', "\r\n") } else { FILES[file].to_string() };
        agrees(&edited(&file, &edits));
    }

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

#[test]
fn leaves_to_the_full_way_what_yaml_1_1_and_1_2_may_read_apart() {
    for text in [
        "a: { ?b: c }\n",
        "a: !!str 5\n",
        "a: [x, !t ,]\n",
        "a: \"x\\ty\"\n",
        "a:\tb\n",
        "a: b\u{2028}c\n",
        "a: b\u{85}c\n",
        "\u{feff}a: b\n",
        "a:\n  --- b\n",
        "a: b...\n",
        "a: [b]#c\n",
        "a:\n  |\n    b\n",
        "a: |2\n   b\n",
        "a: |\n\n  b\n",
        "a: |  # note\n  b\n",
        "a:\n",
        "a: [b, ]\nc: { d: }\n",
    ] {
        assert_eq!(parse(text, FileId(0), 0), None, "{text:?}");
    }
}
