//! Where the time of one `serve` rebuild goes: after editing a note, the
//! recheck (reading the changed file, validating everything), the model and
//! renderer, and rendering the note's page (or `--page`, a path such as
//! `index.html`). Medians over repeated edits, without the watcher and HTTP
//! around them.
//!
//! ```text
//! cargo run --release --example rebuild_stages -- --root /dev/shm/site --edits 20
//! cargo run --release --example rebuild_stages -- --root /dev/shm/site --page index.html
//! ```

use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use taizhang::check::Rechecker;
use taizhang::site::{Prepared, Reuse};

fn main() {
    let mut root = PathBuf::from(".");
    let mut edits = 20usize;
    let mut page = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--root", Some(v)) => root = PathBuf::from(v),
            ("--edits", Some(v)) => edits = v.parse().expect("--edits N"),
            ("--page", Some(v)) => page = Some(v),
            _ => panic!("usage: rebuild_stages --root DIR [--edits N] [--page PATH]"),
        }
    }
    let reuse = Reuse::across_edits();
    let mut notes: Vec<PathBuf> = fs::read_dir(root.join("content/notes"))
        .expect("content/notes")
        .map(|e| e.expect("entry").path())
        .collect();
    notes.sort();
    let note = notes.first().expect("a note").clone();
    let slug = note.file_stem().expect("a name").to_string_lossy();
    let note_page = page.is_none();
    let page = page.unwrap_or_else(|| format!("notes/{slug}/index.html"));
    let text = fs::read_to_string(&note).expect("reads");
    let changed: HashSet<PathBuf> = [note.clone()].into_iter().collect();

    let mut rechecker = Rechecker::new(&root, Default::default());
    let first = Instant::now();
    let checked = rechecker.recheck(&HashSet::new());
    println!("first check: {} ms", first.elapsed().as_millis());
    let prepared = Prepared::new(checked, &root, &reuse).expect("prepares");
    if prepared.file(&page).is_none() {
        eprintln!("the site has no page {page}");
        std::process::exit(2);
    }
    let mut stages: [Vec<f64>; 3] = Default::default();
    for k in 0..edits {
        fs::write(&note, format!("{text}\nedit {k}\n")).expect("writes");
        let started = Instant::now();
        let checked = rechecker.recheck(&changed);
        assert!(!checked.diagnostics.has_errors(), "the content checks");
        let checked_at = started.elapsed();
        let prepared = Prepared::new(checked, &root, &reuse).expect("prepares");
        let prepared_at = started.elapsed();
        let file = prepared
            .file(&page)
            .expect("the page")
            .unwrap_or_else(|e| panic!("{page}: {e:?}"));
        assert!(!note_page || String::from_utf8_lossy(&file.bytes).contains(&format!("edit {k}")));
        let rendered_at = started.elapsed();
        stages[0].push(checked_at.as_secs_f64() * 1000.0);
        stages[1].push((prepared_at - checked_at).as_secs_f64() * 1000.0);
        stages[2].push((rendered_at - prepared_at).as_secs_f64() * 1000.0);
    }
    fs::write(&note, text).expect("restores");
    for (name, times) in ["recheck", "model and renderer", page.as_str()]
        .iter()
        .zip(&mut stages)
    {
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: median {:.1} ms (min {:.1}, max {:.1})",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
}
