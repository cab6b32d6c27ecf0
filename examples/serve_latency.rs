//! Measures the authoring loop: the time from saving a note (or, with
//! `--issue`, the first issue file) to the rebuilt page being served by
//! `taizhang serve`, over repeated edits, `--pause` ms apart.
//!
//! ```text
//! cargo run --release --example gen_ledger -- --issues 1000 --villages 200 --notes 2000 --out /dev/shm/site
//! cargo run --release --example serve_latency -- --root /dev/shm/site --edits 20
//! cargo run --release --example serve_latency -- --root /dev/shm/site --edits 20 --issue
//! ```

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use taizhang::diagnostics::Lang;
use taizhang::serve::{ServeOptions, bind, serve};
use taizhang::site::BuildOptions;

fn main() {
    let mut root = PathBuf::from(".");
    let mut edits = 20usize;
    let mut pause = 300u64;
    let mut issue = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--issue" {
            issue = true;
            continue;
        }
        match (flag.as_str(), args.next()) {
            ("--root", Some(v)) => root = PathBuf::from(v),
            ("--edits", Some(v)) => edits = v.parse().expect("--edits N"),
            ("--pause", Some(v)) => pause = v.parse().expect("--pause MS"),
            _ => panic!("usage: serve_latency --root DIR [--edits N] [--pause MS] [--issue]"),
        }
    }
    let mut build = BuildOptions::new(root.clone());
    build.given.lang = Lang::En;
    let options = ServeOptions {
        build,
        bind: "127.0.0.1".parse().expect("an address"),
        port: 0,
        allowed_hosts: Vec::new(),
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
    times.sort_by(f64::total_cmp);
    println!(
        "save {} to served, {} edits {pause} ms apart: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        if issue { "an issue" } else { "a note" },
        times.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
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
