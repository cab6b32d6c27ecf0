//! Data flows one way. Each module of `src/` belongs to a layer, and may
//! use modules of its own layer or the layers before it, never a later one:
//!
//! 0. foundations: `date`, `diagnostics`, `reading`, `escape`
//! 1. load: `content`, and `settings` (the command line merged over site.yaml)
//! 2. check: `validate`
//! 3. masking: `privacy`
//! 4. model: `model`
//! 5. render: `markdown`, `charts`, `theme`, `render`, `export`, `search`
//! 6. output: `output` (the leak guard and the staging folder)
//! 7. commands: `check`, `site`, `serve`, `pdf`, `synthetic`, `sheet`, `import`, `scaffold`,
//!    and the binary's `cli`
//!
//! This test reads every `crate::…` path in `src/` (comments aside) and
//! fails on a path that reaches forward, or from a renderer to anything
//! before the model.

use std::fs;
use std::path::Path;

const LAYERS: &[(&str, usize)] = &[
    ("date", 0),
    ("diagnostics", 0),
    ("reading", 0),
    ("escape", 0),
    ("content", 1),
    ("settings", 1),
    ("validate", 2),
    ("privacy", 3),
    ("model", 4),
    ("markdown", 5),
    ("charts", 5),
    ("theme", 5),
    ("render", 5),
    ("export", 5),
    ("search", 5),
    ("output", 6),
    ("check", 7),
    ("site", 7),
    ("serve", 7),
    ("pdf", 7),
    ("synthetic", 7),
    ("sheet", 7),
    ("import", 7),
    ("scaffold", 7),
    ("cli", 7),
];

const MODEL: usize = 4;
const RENDER: usize = 5;

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// `crate::name` paths on the code lines of `text`, with their line numbers.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` names several modules.
            if let Some(list) = after.strip_prefix('{') {
                let inside = list.split('}').next().unwrap_or_default();
                for part in inside.split(',') {
                    let module = part.trim().split("::").next().unwrap_or_default();
                    if !module.is_empty() {
                        found.push((index + 1, module.to_string()));
                    }
                }
            } else if !name.is_empty() {
                found.push((index + 1, name));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn no_module_uses_a_later_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut back_edges = Vec::new();
    let mut unplaced = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).expect("inside src");
        let first = relative
            .components()
            .next()
            .expect("a file")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if first == "main" || first == "lib" {
            continue;
        }
        let Some(own) = layer(&first) else {
            unplaced.push(first);
            continue;
        };
        let text = fs::read_to_string(path).expect("UTF-8");
        for (line, used) in crate_paths(&text) {
            match layer(&used) {
                Some(theirs) if theirs > own => back_edges.push(format!(
                    "src/{}:{line}: {first} (layer {own}) uses {used} (layer {theirs})",
                    relative.display()
                )),
                // Renderers read only the model: not files, YAML or checks.
                Some(theirs) if own == RENDER && (1..MODEL).contains(&theirs) => {
                    back_edges.push(format!(
                        "src/{}:{line}: {first} renders, so reads the model, not {used}",
                        relative.display()
                    ))
                }
                Some(_) => {}
                None => unplaced.push(used),
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(
        unplaced.is_empty(),
        "modules with no layer (add them to LAYERS and the README): {unplaced:?}"
    );
    assert!(back_edges.is_empty(), "{}", back_edges.join("\n"));
}

#[test]
fn the_reader_finds_every_form_of_path() {
    let paths = crate_paths(
        "use crate::content::Site;\nuse crate::{date::Date, model};\n// crate::render in a comment\nlet x = crate::output::guard(); // crate::serve\n",
    );
    let names: Vec<&str> = paths.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["content", "date", "model", "output"]);
}
