//! Functions short enough to read in one sitting: none in `src/` over
//! [`LONGEST`] lines. The longest are printed (`cargo test --test suite code_shape --
//! --nocapture`), so CI's log shows where the next split is due.

use std::fs;
use std::path::Path;

/// The most lines a function may span, signature to closing brace.
const LONGEST: usize = 120;

/// Every `fn` in `text` with its first line and length: from the line
/// naming it to the closing brace at its own indentation.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        let after_fn = [
            "pub(crate) fn ",
            "pub(super) fn ",
            "pub fn ",
            "const fn ",
            "fn ",
        ]
        .iter()
        .find_map(|prefix| code.strip_prefix(prefix));
        let Some(rest) = after_fn else { continue };
        if line.trim_end().ends_with(';') {
            continue; // a declaration in a trait, not a body
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let closing = format!("{indent}}}");
        let end = lines[i + 1..]
            .iter()
            .position(|l| l.trim_end() == closing)
            .map_or(lines.len(), |k| i + 1 + k);
        found.push((name, i + 1, end - i + 1));
    }
    found
}

#[test]
fn no_function_is_longer_than_a_screenful_or_two() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.expect("readable");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let path = entry
            .path()
            .strip_prefix(root)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(entry.path()).expect("UTF-8");
        for (name, line, length) in functions(&text) {
            all.push((length, path.clone(), line, name));
        }
    }
    all.sort_by(|a, b| b.cmp(a));
    println!("longest functions in src/:");
    for (length, path, line, name) in all.iter().take(8) {
        println!("  {length:>4} lines  {path}:{line}  {name}");
    }
    let too_long: Vec<String> = all
        .iter()
        .filter(|(length, ..)| *length > LONGEST)
        .map(|(length, path, line, name)| format!("{path}:{line}: {name} is {length} lines"))
        .collect();
    assert!(
        too_long.is_empty(),
        "split these (at most {LONGEST} lines):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn lengths_are_counted_from_signature_to_closing_brace() {
    let text = "fn a() {\n    x();\n}\n\n    pub(crate) fn b(\n        y: u8,\n    ) {\n    }\ntrait T {\n    fn c();\n}\n";
    let found = functions(text);
    assert_eq!(found, [("a".to_string(), 1, 3), ("b".to_string(), 5, 4)]);
}
