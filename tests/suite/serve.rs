//! The authoring loop: `serve` rebuilds on save and reloads pages, keeps the
//! last good site with the diagnostics over it while content is broken,
//! binds loopback by default.

use crate::common::taizhang;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A `serve` process, stopped when dropped.
struct Served {
    child: Child,
    url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(root: &Path) -> Served {
    let mut child = taizhang()
        .args(["serve", "--quiet", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a first line");
    let url = line
        .split_whitespace()
        .nth(1)
        .expect("serving URL")
        .to_string();
    Served { child, url }
}

fn get(url: &str) -> String {
    match ureq::get(url).call() {
        Ok(mut response) => response.body_mut().read_to_string().unwrap_or_default(),
        Err(ureq::Error::StatusCode(_)) => String::new(),
        Err(error) => panic!("GET {url}: {error}"),
    }
}

/// Polls `url` until `ok` holds of the body, for at most ten seconds.
fn until(url: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let body = get(url);
        if ok(&body) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "waited 10 s for {what}; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edits_show_up_broken_content_shows_the_overlay_and_fixing_clears_it() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let served = serve(dir.path());
    assert!(
        served.url.starts_with("http://127.0.0.1:"),
        "loopback by default: {}",
        served.url
    );
    let page = format!("{}issues/01/", served.url);
    let first = until(&page, "the first build", |b| {
        b.contains("村务公开不及时的问题")
    });
    assert!(
        first.contains("new EventSource(\"/__taizhang/events\")"),
        "served pages carry the reload script"
    );

    let issue = dir.path().join("content/issues/01.yaml");
    let good = fs::read_to_string(&issue).expect("reads");
    fs::write(
        &issue,
        good.replace("村务公开不及时的问题", "村务公开更新不及时的问题"),
    )
    .expect("writes");
    until(&page, "the edited title", |b| {
        b.contains("村务公开更新不及时的问题")
    });

    fs::write(
        &issue,
        good.replace("deadline: 2025-09-30", "deadline: 2025-09-31"),
    )
    .expect("writes");
    let broken = until(&page, "the error overlay", |b| {
        b.contains("taizhang-overlay")
    });
    assert!(
        broken.contains("content/issues/01.yaml:"),
        "the diagnostic with its file"
    );
    assert!(broken.contains("E014"));
    assert!(
        broken.contains("村务公开更新不及时的问题"),
        "the last good site is still served"
    );

    fs::write(&issue, good).expect("writes");
    until(&page, "the overlay to clear", |b| {
        !b.contains("taizhang-overlay") && b.contains("村务公开不及时的问题")
    });
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    assert!(
        taizhang()
            .args(["build", "--quiet", "--root"])
            .arg(dir.path())
            .status()
            .expect("runs")
            .success()
    );
    for entry in walkdir::WalkDir::new(dir.path().join("public")) {
        let entry = entry.expect("readable");
        if entry.file_type().is_file() {
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            assert!(
                !text.contains("EventSource") && !text.contains("__taizhang"),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_busy_port_gets_a_clear_message() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener
        .local_addr()
        .expect("an address")
        .port()
        .to_string();
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let out = taizhang()
        .args(["serve", "--port", &port, "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("port {port} is already in use")) && stderr.contains("--port"),
        "{stderr}"
    );
}

#[test]
fn a_link_to_nowhere_is_caught_after_the_page_is_served_and_the_last_good_site_returns() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let served = serve(dir.path());
    let page = format!("{}issues/01/", served.url);
    until(&page, "the first build", |b| b.contains("未按季度更新"));

    // Only the whole site shows that a link leads nowhere: the edited page
    // is served at once, then withdrawn when the background check finds it.
    let issue = dir.path().join("content/issues/01.yaml");
    let good = fs::read_to_string(&issue).expect("reads");
    fs::write(
        &issue,
        good.replace(
            "未按季度更新。",
            "未按季度更新,见[问题九十九](@/issues/99/)。",
        ),
    )
    .expect("writes");
    let broken = until(&page, "the broken-link overlay", |b| {
        b.contains("taizhang-overlay") && b.contains("E080")
    });
    assert!(
        broken.contains("content/issues/01.yaml:5:"),
        "the link's place: {broken}"
    );
    let page_itself = broken.split("taizhang-overlay").next().unwrap_or_default();
    assert!(
        page_itself.contains("未按季度更新") && !page_itself.contains("问题九十九"),
        "the last good site is served again"
    );

    // A new file (a full reload) shows up too, and the overlay goes.
    fs::write(&issue, good).expect("writes");
    fs::write(
        dir.path().join("content/notes/2025-08-20-xinde.md"),
        "---\ntitle: 新写的动态\ndate: 2025-08-20\n---\n新写的正文。\n",
    )
    .expect("writes");
    until(
        &format!("{}notes/2025-08-20-xinde/", served.url),
        "the new note",
        |b| b.contains("新写的正文") && !b.contains("taizhang-overlay"),
    );
}

#[test]
fn serving_does_not_rebuild_when_nothing_changed() {
    // Reading the content must not count as a change: a watcher that saw its
    // own reads would rebuild forever. Nor must files the loader ignores:
    // open pages would reload under the author's cursor.
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let mut child = taizhang()
        .args(["serve", "--lang", "en", "--port", "0", "--root"])
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let first = lines
        .recv_timeout(Duration::from_secs(20))
        .expect("the first build is reported");
    assert!(first.starts_with("built: served after"), "{first}");
    // Nor do an editor's swap and backup files beside the content.
    fs::write(dir.path().join("content/issues/.01.yaml.swp"), b"\0swap").expect("writes");
    fs::write(
        dir.path().join("content/notes/2025-08-01-kickoff.md~"),
        "backup",
    )
    .expect("writes");
    // Then a real change, a second later (the watcher settles in 15 ms):
    // its rebuild must be the only one reported. Waiting for it proves the
    // watcher was awake all along, so a slow machine cannot pass this test
    // by reporting late.
    std::thread::sleep(Duration::from_secs(1));
    let issue = dir.path().join("content/issues/01.yaml");
    let text = fs::read_to_string(&issue).expect("reads");
    fs::write(&issue, text.replacen("不及时", "不够及时", 1)).expect("writes");
    let mut more = Vec::new();
    let until = Instant::now() + Duration::from_secs(30);
    while let Ok(line) = lines.recv_timeout(until.saturating_duration_since(Instant::now())) {
        let done = line.starts_with("rebuilt: served after");
        more.push(line);
        if done {
            break;
        }
    }
    more.extend(lines.recv_timeout(Duration::from_secs(1)));
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        more.len() == 1 && more[0].starts_with("rebuilt: served after"),
        "one rebuild, for the real change: {more:?}"
    );
}

/// Sends `request` as raw bytes and returns the status line of the answer.
fn raw_status(url: &str, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut stream = std::net::TcpStream::connect(&address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    // The server may close before everything is sent: that is the point.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_huge_request_head_is_refused_without_being_buffered() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let served = serve(dir.path());
    until(&served.url, "the site", |b| b.contains("</html>"));
    // 8 MiB in one header line, never ended.
    let mut request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Long: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 8 << 20));
    let status = raw_status(&served.url, &request);
    assert!(status.contains("431"), "{status}");
    // Ordinary requests still work, several on one connection too.
    let two = b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\nGET /list/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    assert!(raw_status(&served.url, two).contains("200"));
    assert!(get(&served.url).contains("</html>"));
}

#[test]
fn only_requests_addressed_to_this_machine_are_answered() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let served = serve(dir.path());
    until(&served.url, "the site", |b| b.contains("</html>"));
    let port = served
        .url
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    for host in [
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let status = raw_status(&served.url, request.as_bytes());
        assert!(status.contains("200"), "{host}: {status}");
    }
    // A page on another site that rebinds its own name to 127.0.0.1.
    for host in ["attacker.example", "attacker.example:1111", "192.168.1.10"] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let status = raw_status(&served.url, request.as_bytes());
        assert!(status.contains("421"), "{host}: {status}");
        let events =
            format!("GET /__taizhang/events HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert!(raw_status(&served.url, events.as_bytes()).contains("421"));
    }
}

/// How many times `serve`'s threads were asked to give memory back.
static GIVEN_BACK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn count_giving_back() {
    GIVEN_BACK.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

/// Waits until memory was given back `times` times, for at most 30 s.
fn given_back(times: usize) {
    let started = Instant::now();
    while GIVEN_BACK.load(std::sync::atomic::Ordering::SeqCst) < times {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "waited 30 s for memory to be given back {times} times; it was {} times",
            GIVEN_BACK.load(std::sync::atomic::Ordering::SeqCst)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_thread_gives_memory_back_once_the_whole_site_is_checked() {
    // The binary's allocator keeps what a thread freed until that thread
    // allocates again; `serve`'s threads sit idle between saves, holding
    // the pages of the site checked and of the site before it.
    use taizhang::serve::{ServeOptions, bind, serve};
    // The server runs in this process until it ends, watching its site: a
    // temporary folder removed under it at the end of the test could hang
    // on Windows. The site lives in cargo's folder for test files instead,
    // made afresh by each run.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-memory-site");
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("removes the last run's site");
    }
    taizhang::scaffold::init(&dir, Default::default()).expect("writes");
    // A big file of the site's own (a handbook to download, say).
    fs::create_dir_all(dir.join("static")).expect("makes a folder");
    let handbook = "整改工作手册。\n".repeat(100_000);
    fs::write(dir.join("static/handbook.txt"), &handbook).expect("writes");
    let options = ServeOptions {
        build: taizhang::site::BuildOptions::new(dir.clone()),
        bind: "127.0.0.1".parse().expect("an address"),
        port: 0,
        allowed_hosts: Vec::new(),
        release_memory: Some(count_giving_back),
    };
    let server = bind(&options).expect("binds");
    let url = format!("http://{}", server.address().expect("an address"));
    std::thread::spawn(move || serve(server, &options, |_| {}));
    // Each thread of the background check's pool and of the global one,
    // and the thread that ran the check.
    let threads = 2 * rayon::current_num_threads() + 1;
    given_back(threads);
    let issue = dir.join("content/issues/01.yaml");
    let text = fs::read_to_string(&issue).expect("reads");
    fs::write(&issue, text.replacen("不及时", "不够及时", 1)).expect("writes");
    given_back(2 * threads);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        GIVEN_BACK.load(std::sync::atomic::Ordering::SeqCst),
        2 * threads,
        "once per thread for each check, the first and the one after the save"
    );
    // The thread that sent a big file gives its copy back; a page is small.
    assert!(get(&format!("{url}/")).contains("</html>"));
    assert_eq!(get(&format!("{url}/static/handbook.txt")), handbook);
    given_back(2 * threads + 1);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        GIVEN_BACK.load(std::sync::atomic::Ordering::SeqCst),
        2 * threads + 1,
        "once more, for the big file alone"
    );
}
