//! Where a public build's CPU goes, by kind of file: each file of a site
//! rendered alone and then read by the leak guard, on one thread, so that
//! the figures add up to the work a build shares among its cores. Medians
//! over rounds (the first round, which warms the caches, is not counted).
//!
//! ```text
//! cargo run --release --example file_costs -- --root /dev/shm/site --rounds 3
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use taizhang::output::Guard;
use taizhang::render::{Options, Renderer};
use taizhang::site::BuildOptions;
use taizhang::theme::Theme;

/// What one kind of file cost in one round.
#[derive(Default, Clone, Copy)]
struct Cost {
    files: usize,
    bytes: usize,
    render: f64,
    guard: f64,
}

fn main() {
    let mut root = PathBuf::from(".");
    let mut rounds = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--root", Some(v)) => root = PathBuf::from(v),
            ("--rounds", Some(v)) => rounds = v.parse().expect("--rounds N"),
            _ => panic!("usage: file_costs --root DIR [--rounds N]"),
        }
    }
    // One thread: the print pack and the search index would otherwise be
    // made on several, and their wall time would understate their work.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the global pool is set once, before any parallel work");
    let options = BuildOptions::new(&root);
    let checked = taizhang::check::check(&options.root, &options.given);
    assert!(
        !checked.diagnostics.has_errors(),
        "the site has errors: run `taizhang check` on it"
    );
    let model = taizhang::model::build(&checked.content, &checked.settings)
        .expect("a site with an as-of date");
    let theme = Theme::load(&options.root).expect("the theme compiles");
    let renderer =
        Renderer::new(model, &theme, Options { portable: false }).expect("the templates compile");
    // The search index is made whole, once per build, not file by file.
    let paths: Vec<String> = renderer
        .page_paths()
        .chain(renderer.static_files().iter().map(|f| f.path.as_str()))
        .map(str::to_string)
        .collect();

    let mut by_round: Vec<BTreeMap<String, Cost>> = Vec::new();
    for _ in 0..=rounds {
        // A guard of its own each round, as each build has: one kept from
        // the round before would already know every run of text clean.
        let guard = Guard::new(&checked.content.register());
        let mut costs: BTreeMap<String, Cost> = BTreeMap::new();
        let started = Instant::now();
        let index = taizhang::search::index_files(renderer.model());
        let indexed = started.elapsed().as_secs_f64() / index.len().max(1) as f64;
        let files = paths.iter().map(|path| {
            let started = Instant::now();
            let file = renderer
                .file(path)
                .expect("a listed path")
                .expect("the templates render");
            (file, started.elapsed().as_secs_f64())
        });
        for (file, rendered) in files.chain(index.into_iter().map(|f| (f, indexed))) {
            let path = &file.path;
            let started = Instant::now();
            let leaks = guard.find(std::slice::from_ref(&file));
            let guarded = started.elapsed().as_secs_f64();
            assert!(leaks.is_empty(), "{path} leaks: run `taizhang build` on it");
            let cost = costs.entry(kind(path)).or_default();
            cost.files += 1;
            cost.bytes += file.bytes.len();
            cost.render += rendered;
            cost.guard += guarded;
        }
        by_round.push(costs);
    }
    by_round.remove(0);

    let kinds: Vec<&String> = by_round[0].keys().collect();
    let median = |kind: &str, of: fn(&Cost) -> f64| {
        let mut values: Vec<f64> = by_round.iter().map(|round| of(&round[kind])).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let all: f64 = kinds
        .iter()
        .map(|k| median(k, |c| c.render) + median(k, |c| c.guard))
        .sum();
    println!(
        "{:<24} {:>6} {:>8} {:>9} {:>9} {:>7}",
        "kind", "files", "MB", "render s", "guard s", "share"
    );
    for kind in kinds {
        let cost = by_round[0][kind];
        let (render, guard) = (median(kind, |c| c.render), median(kind, |c| c.guard));
        println!(
            "{kind:<24} {:>6} {:>8.1} {render:>9.3} {guard:>9.3} {:>6.1}%",
            cost.files,
            cost.bytes as f64 / 1e6,
            (render + guard) / all * 100.0
        );
    }
    let files: usize = by_round[0].values().map(|c| c.files).sum();
    println!("{:<24} {files:>6} {:>8} {all:>19.3}", "all", "");
}

/// The kind a path is counted under: the data files and the print pack
/// each on their own, a village's notice apart from its page, and
/// otherwise the first folder (or the file, at the top).
fn kind(path: &str) -> String {
    if path.starts_with("data/") || path.starts_with("print/") {
        return path.to_string();
    }
    if path.ends_with("/notice/index.html") {
        return "villages/*/notice".to_string();
    }
    match path.split_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => path.to_string(),
    }
}
