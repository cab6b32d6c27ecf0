//! `taizhang serve`: build in memory, serve over HTTP on loopback, rebuild
//! when a file changes and reload open pages. While the content is broken
//! the last good site stays served, with the diagnostics over every page.

use std::collections::HashMap;
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::diagnostics::{Lang, render};
use crate::markdown::escape_attribute;
use crate::site::{self, BuildError, BuildOptions};

/// Where the reload events stream from; no site page can have this path.
const EVENTS: &str = "/__taizhang/events";

/// Injected into served pages only, never into `build` output.
const RELOAD_SCRIPT: &str = "<script>new EventSource(\"/__taizhang/events\").onmessage = function () { location.reload(); };</script>";

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// What to build (the output folder is not used: the site stays in memory).
    pub build: BuildOptions,
    /// Address to bind: loopback unless asked otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Language of messages.
    pub lang: Lang,
}

/// The site being served and what is wrong with the content, if anything.
#[derive(Default)]
struct State {
    files: HashMap<String, Arc<Vec<u8>>>,
    overlay: Option<String>,
}

/// State shared by the watcher and the HTTP workers.
struct Shared {
    state: RwLock<State>,
    generation: Mutex<u64>,
    changed: Condvar,
}

impl Shared {
    fn bump(&self) {
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        self.changed.notify_all();
    }
}

/// Binds the address, or explains why it cannot.
pub fn bind(options: &ServeOptions) -> Result<Server, String> {
    let address = SocketAddr::new(options.bind, options.port);
    Server::http(address).map_err(|error| {
        let in_use = error
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::AddrInUse);
        if in_use {
            format!(
                "port {} is already in use on {}: try `--port {}`, or stop the program using it",
                options.port,
                options.bind,
                options.port.wrapping_add(1)
            )
        } else {
            format!("cannot listen on {address}: {error}")
        }
    })
}

/// Serves until the process is stopped. `server` comes from [`bind`];
/// `report` receives one line per rebuild.
pub fn serve(
    server: Server,
    options: &ServeOptions,
    report: impl Fn(&str) + Send + Sync + 'static,
) -> Result<(), String> {
    let shared = Arc::new(Shared {
        state: RwLock::new(State::default()),
        generation: Mutex::new(0),
        changed: Condvar::new(),
    });
    let report = Arc::new(report);
    rebuild(&shared, options, report.as_ref());

    let watched_options = options.clone();
    let watched = Arc::clone(&shared);
    let watch_report = Arc::clone(&report);
    let mut debouncer = new_debouncer(
        Duration::from_millis(30),
        move |result: DebounceEventResult| {
            if result.is_ok_and(|events| !events.is_empty()) {
                rebuild(&watched, &watched_options, watch_report.as_ref());
            }
        },
    )
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for folder in ["content", "templates", "static", "themes"] {
        let path = options.build.root.join(folder);
        if path.is_dir() {
            debouncer
                .watcher()
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }

    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    if request.url().starts_with(EVENTS) {
                        let shared = Arc::clone(&shared);
                        std::thread::spawn(move || stream_events(request, &shared));
                    } else {
                        respond(request, &shared);
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    drop(debouncer);
    Ok(())
}

/// Rebuilds in memory; keeps the last good site when the content is broken.
fn rebuild(shared: &Shared, options: &ServeOptions, report: &dyn Fn(&str)) {
    let started = Instant::now();
    let result = site::render_site(&options.build);
    let elapsed = started.elapsed().as_millis();
    {
        let mut state = shared.state.write().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(rendered) => {
                let pages = rendered
                    .files
                    .iter()
                    .filter(|f| f.path.ends_with(".html"))
                    .count();
                state.files = rendered
                    .files
                    .into_iter()
                    .map(|f| (f.path, Arc::new(f.bytes)))
                    .collect();
                state.overlay = None;
                report(&match options.lang {
                    Lang::Zh => format!("已重新生成 {pages} 个页面,用时 {elapsed} 毫秒"),
                    Lang::En => format!("rebuilt {pages} pages in {elapsed} ms"),
                });
            }
            Err(error) => {
                let text = failure_text(error, options.lang);
                report(&match options.lang {
                    Lang::Zh => format!("内容有错误,继续显示上一次的网站:\n{text}"),
                    Lang::En => {
                        format!("the content has errors; still serving the last good site:\n{text}")
                    }
                });
                state.overlay = Some(text);
            }
        }
    }
    shared.bump();
}

/// The diagnostics of a failed build, as `check` prints them.
fn failure_text(error: BuildError, lang: Lang) -> String {
    match error {
        BuildError::Content(checked) => checked
            .diagnostics
            .sorted(&checked.sources)
            .into_iter()
            .filter(|d| d.severity() == crate::diagnostics::Severity::Error)
            .map(|d| render(d, &checked.sources, lang))
            .collect::<Vec<_>>()
            .join("\n"),
        BuildError::Leaks(leaks) => leaks
            .iter()
            .map(|l| format!("{}:{}:{}: error[E090]: {}", l.path, l.line, l.col, l.what))
            .collect::<Vec<_>>()
            .join("\n"),
        BuildError::Other(message) => format!("error: {message}"),
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Serves one file of the site, with the reload script (and the error
/// overlay, while the content is broken) in HTML pages.
fn respond(request: Request, shared: &Shared) {
    let raw = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let path = crate::render::percent_decode(raw.trim_start_matches('/'));
    let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
    let candidates = [
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.clone()
        },
        format!("{path}/index.html"),
    ];
    let found = candidates.iter().find_map(|p| {
        state
            .files
            .get(p)
            .map(|bytes| (p.clone(), Arc::clone(bytes)))
    });
    let (status, file, bytes) = match found {
        Some((file, bytes)) => (200, file, bytes),
        None => match state.files.get("404.html") {
            Some(bytes) => (404, "404.html".to_string(), Arc::clone(bytes)),
            None => (404, "error.html".to_string(), Arc::new(b"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>taizhang</title></head><body></body></html>".to_vec())),
        },
    };
    let body = if file.ends_with(".html") {
        let html = String::from_utf8_lossy(&bytes);
        let overlay = state
            .overlay
            .as_deref()
            .map_or_else(String::new, overlay_html);
        let injected = format!("{overlay}{RELOAD_SCRIPT}</body>");
        match html.rfind("</body>") {
            Some(at) => format!("{}{injected}{}", &html[..at], &html[at + 7..]).into_bytes(),
            None => format!("{html}{injected}").into_bytes(),
        }
    } else {
        bytes.to_vec()
    };
    drop(state);
    let response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type(&file)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn overlay_html(text: &str) -> String {
    format!(
        "<div id=\"taizhang-overlay\" role=\"alert\" style=\"position:fixed;left:0;right:0;top:0;max-height:75vh;overflow:auto;z-index:2147483647;background:#fff5f5;color:#1f2328;border-bottom:4px solid #a8201a;padding:1rem 1.25rem;box-shadow:0 4px 16px rgba(0,0,0,.25)\"><p style=\"margin:0 0 .5rem;font:700 1rem sans-serif;color:#a8201a\">内容有错误:修正后页面会自动刷新;现在显示的是上一次成功生成的网站。</p><pre style=\"margin:0;white-space:pre-wrap;font:13px/1.5 monospace\">{}</pre></div>",
        escape_attribute(text)
    )
}

/// Holds a server-sent-events stream open and sends `reload` after every
/// rebuild; a comment every 15 s notices clients that went away.
fn stream_events(request: Request, shared: &Arc<Shared>) {
    let seen = *shared.generation.lock().unwrap_or_else(|e| e.into_inner());
    let events = Events {
        shared: Arc::clone(shared),
        seen,
        pending: b"retry: 500\n\n".to_vec(),
    };
    let response = Response::new(
        StatusCode(200),
        vec![
            header("Content-Type", "text/event-stream"),
            header("Cache-Control", "no-store"),
        ],
        events,
        None,
        None,
    );
    let _ = request.respond(response);
}

struct Events {
    shared: Arc<Shared>,
    seen: u64,
    pending: Vec<u8>,
}

impl Read for Events {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            let generation = self
                .shared
                .generation
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let (generation, _) = self
                .shared
                .changed
                .wait_timeout_while(generation, Duration::from_secs(15), |g| *g == self.seen)
                .unwrap_or_else(|e| e.into_inner());
            if *generation != self.seen {
                self.seen = *generation;
                self.pending.extend_from_slice(b"data: reload\n\n");
            } else {
                self.pending.extend_from_slice(b": still here\n\n");
            }
        }
        let n = self.pending.len().min(buffer.len());
        buffer[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}
