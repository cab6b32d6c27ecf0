//! Measures the authoring loop: the time from saving a note (or, with
//! `--issue`, the first issue file) to the rebuilt page being served by
//! `taizhang serve`, over repeated edits, `--pause` ms apart. With `--new`,
//! each edit is a new note file instead (as `taizhang new note` writes
//! one), timed until its page is served; each is removed again before the
//! next, and that timed until its page is gone.
//!
//! ```text
//! cargo run --release --example gen_ledger -- --issues 1000 --villages 200 --notes 2000 --out /dev/shm/site
//! cargo run --release --example serve_latency -- --root /dev/shm/site --edits 20
//! cargo run --release --example serve_latency -- --root /dev/shm/site --edits 20 --issue
//! cargo run --release --example serve_latency -- --root /dev/shm/site --edits 20 --new
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use taizhang::diagnostics::Lang;
use taizhang::serve::{ServeOptions, bind, serve};
use taizhang::site::BuildOptions;

fn main() {
    let mut root = PathBuf::from(".");
    let mut edits = 20usize;
    let mut pause = 300u64;
    let mut issue = false;
    let mut new = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--issue" => issue = true,
            "--new" => new = true,
            _ => match (flag.as_str(), args.next()) {
                ("--root", Some(v)) => root = PathBuf::from(v),
                ("--edits", Some(v)) => edits = v.parse().expect("--edits N"),
                ("--pause", Some(v)) => pause = v.parse().expect("--pause MS"),
                _ => panic!(
                    "usage: serve_latency --root DIR [--edits N] [--pause MS] [--issue | --new]"
                ),
            },
        }
    }
    let mut build = BuildOptions::new(root.clone());
    build.given.lang = Lang::En;
    let options = ServeOptions {
        build,
        bind: "127.0.0.1".parse().expect("an address"),
        port: 0,
        allowed_hosts: Vec::new(),
        release_memory: None,
    };
    let server = bind(&options).expect("binds");
    let url = format!("http://{}/", server.address().expect("an IP address"));
    std::thread::spawn(move || serve(server, &options, |_| {}));
    // The first note (or issue file) in path order, and its page.
    let folder = root.join(if issue {
        "content/issues"
    } else {
        "content/notes"
    });
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .expect("the content folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let file = files.first().expect("a file").clone();
    let text = fs::read_to_string(&file).expect("reads");
    let page = if issue {
        // Issue numbers are zero-padded to the widest number's digits.
        let number: u32 = text
            .lines()
            .find_map(|l| l.strip_prefix("number: "))
            .and_then(|n| n.trim().parse().ok())
            .expect("a number line");
        let width = files.len().to_string().len().max(2);
        format!("{url}issues/{number:0width$}/")
    } else {
        let slug = file.file_stem().expect("a name").to_string_lossy();
        format!("{url}notes/{slug}/")
    };
    let edited = |marker: &str| {
        if issue {
            text.replacen("title: ", &format!("title: {marker} "), 1)
        } else {
            format!("{text}\n{marker}\n")
        }
    };
    wait_for(&page, "<html", Duration::from_secs(120));
    if new {
        new_notes(&root, &url, &text, edits, pause);
        return;
    }
    let mut times = Vec::new();
    for k in 0..edits {
        let marker = format!("latency-marker-{k}");
        std::thread::sleep(Duration::from_millis(pause));
        let started = Instant::now();
        fs::write(&file, edited(&marker)).expect("writes");
        wait_for(&page, &marker, Duration::from_secs(60));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    fs::write(&file, text).expect("restores");
    let what = if issue {
        "save an issue"
    } else {
        "save a note"
    };
    report(what, &mut times, pause);
}

/// Adds `edits` notes, one at a time, each a copy of the note `text` with
/// a marker, timing each until its page is served, then removes it,
/// timing that until its page is gone.
fn new_notes(root: &Path, url: &str, text: &str, edits: usize, pause: u64) {
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for k in 0..edits {
        let marker = format!("latency-marker-{k}");
        // Last in path order, as a note named for a later date is.
        let slug = format!("zz-latency-{k}");
        let file = root.join(format!("content/notes/{slug}.md"));
        let page = format!("{url}notes/{slug}/");
        std::thread::sleep(Duration::from_millis(pause));
        let started = Instant::now();
        fs::write(&file, format!("{text}\n{marker}\n")).expect("writes");
        wait_for(&page, &marker, Duration::from_secs(60));
        added.push(started.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(pause));
        let started = Instant::now();
        fs::remove_file(&file).expect("removes");
        wait_until_gone(&page, Duration::from_secs(60));
        removed.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    report("add a note", &mut added, pause);
    report("remove a note", &mut removed, pause);
}

fn report(what: &str, times: &mut [f64], pause: u64) {
    times.sort_by(f64::total_cmp);
    println!(
        "{what} to served, {} edits {pause} ms apart: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        times.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}

fn wait_until_gone(url: &str, limit: Duration) {
    let started = Instant::now();
    while ureq::get(url).call().is_ok() {
        assert!(started.elapsed() < limit, "{url} never went away");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn wait_for(url: &str, needle: &str, limit: Duration) {
    let started = Instant::now();
    loop {
        if let Ok(mut response) = ureq::get(url).call()
            && response
                .body_mut()
                .read_to_string()
                .is_ok_and(|b| b.contains(needle))
        {
            return;
        }
        assert!(
            started.elapsed() < limit,
            "{needle} never appeared at {url}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}
