//! The cost of a site's search index alone, for docs/performance.md:
//! `cargo run --release --example search_index -- SITE_DIR`.

use std::time::Instant;

fn main() {
    let root = std::env::args().nth(1).expect("a site folder");
    let options = taizhang::site::BuildOptions::new(&root);
    let checked = taizhang::check::check(&options.root, &options.given);
    let model =
        taizhang::model::build(&checked.content, &checked.settings).expect("a site with as_of");
    let started = Instant::now();
    let records = taizhang::search::records(&model);
    let made = started.elapsed();
    let files = taizhang::search::index(&records);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "{} pages: records {:.2} s, index {:.2} s in all, {} files, {:.1} MB",
        records.len(),
        made.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        files.len(),
        bytes as f64 / 1e6
    );
}
