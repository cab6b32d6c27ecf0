//! Measures the authoring loop: the time from saving a note to the rebuilt
//! page being served by `taizhang serve`, over repeated edits.
//!
//! ```text
//! cargo run --release --example gen_ledger -- --issues 1000 --villages 200 --notes 2000 --out /dev/shm/site
//! cargo run --release --example serve_latency -- --root /dev/shm/site --edits 20
//! ```

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use taizhang::content::Audience;
use taizhang::diagnostics::Lang;
use taizhang::serve::{ServeOptions, bind, serve};
use taizhang::site::BuildOptions;

fn main() {
    let mut root = PathBuf::from(".");
    let mut edits = 20usize;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--root", Some(v)) => root = PathBuf::from(v),
            ("--edits", Some(v)) => edits = v.parse().expect("--edits N"),
            _ => panic!("usage: serve_latency --root DIR [--edits N]"),
        }
    }
    let options = ServeOptions {
        build: BuildOptions {
            root: root.clone(),
            out: None,
            as_of: None,
            base_url: None,
            portable: false,
            audience: Audience::Public,
        },
        bind: "127.0.0.1".parse().expect("an address"),
        port: 0,
        lang: Lang::En,
    };
    let server = bind(&options).expect("binds");
    let url = format!(
        "http://{}/",
        server.server_addr().to_ip().expect("an IP address")
    );
    std::thread::spawn(move || serve(server, &options, |_| {}));
    // The first note in path order, and its page.
    let mut notes: Vec<PathBuf> = fs::read_dir(root.join("content/notes"))
        .expect("content/notes")
        .map(|e| e.expect("entry").path())
        .collect();
    notes.sort();
    let note = notes.first().expect("a note").clone();
    let text = fs::read_to_string(&note).expect("reads");
    let slug = note
        .file_stem()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    let page = format!("{url}notes/{slug}/");
    wait_for(&page, "<html", Duration::from_secs(120));
    let mut times = Vec::new();
    for k in 0..edits {
        let marker = format!("latency-marker-{k}");
        std::thread::sleep(Duration::from_millis(300));
        let started = Instant::now();
        fs::write(&note, format!("{text}\n{marker}\n")).expect("writes");
        wait_for(&page, &marker, Duration::from_secs(60));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    fs::write(&note, text).expect("restores");
    times.sort_by(f64::total_cmp);
    println!(
        "save to served, {} edits: median {:.0} ms, min {:.0} ms, max {:.0} ms",
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
