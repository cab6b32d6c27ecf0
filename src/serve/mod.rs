//! `taizhang serve`: build in memory, serve over HTTP on loopback, rebuild
//! when a file changes and reload open pages. While the content is broken
//! the last good site stays served, with the diagnostics over every page.

mod kept;
mod rebuild;
mod relay;
mod snapshot;
mod watch;

use std::collections::HashSet;
use std::io::{self, Read};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::diagnostics::Lang;
use crate::escape::escape_attribute;
use crate::site::BuildOptions;
use rebuild::Rebuilder;
use snapshot::{State, Unservable};

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
    /// Host names answered besides loopback names and the bound address
    /// (`--allow-host`): any other `Host:` header is refused, so a web page
    /// elsewhere cannot reach the intranet ledger by DNS rebinding.
    pub allowed_hosts: Vec<String>,
    /// Run on each of `serve`'s threads once a whole-site check ends, and
    /// on a request's thread once it has sent a big file, for an allocator
    /// that keeps freed memory per thread (the binary's mimalloc) to give
    /// back what was freed: without it, a 10,000-issue site held about 370
    /// MB more from its first save on, and 110 MB more once its print pack
    /// had been asked for.
    pub release_memory: Option<fn()>,
}

/// A bound server: the public socket, and the HTTP server behind it on a
/// private loopback port (see [`relay`]).
pub struct Bound {
    listener: TcpListener,
    server: Server,
}

impl Bound {
    /// The address browsers connect to.
    pub fn address(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

/// State shared by the watcher and the HTTP workers.
struct Shared {
    state: Arc<RwLock<State>>,
    /// The language of the error overlay.
    lang: Lang,
    generation: Mutex<u64>,
    changed: Condvar,
}

impl Shared {
    /// Tells open pages to reload.
    fn bump(&self) {
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        self.changed.notify_all();
    }
}

/// Binds the address, or explains why it cannot.
pub fn bind(options: &ServeOptions) -> Result<Bound, String> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address).map_err(|error| {
        if error.kind() == io::ErrorKind::AddrInUse {
            format!(
                "port {} is already in use on {}: try `--port {}`, or stop the program using it",
                options.port,
                options.bind,
                options.port.wrapping_add(1)
            )
        } else {
            format!("cannot listen on {address}: {error}")
        }
    })?;
    let server = Server::http(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0))
        .map_err(|error| format!("cannot start the HTTP server on loopback: {error}"))?;
    Ok(Bound { listener, server })
}

/// Whether a request's `Host:` names this server: a loopback name, the
/// bound address, or a host the user allowed. No header (HTTP/1.0) is fine.
fn host_allowed(request: &Request, options: &ServeOptions) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
    else {
        return true;
    };
    // Without the port: `localhost:1111`, `[::1]:1111`.
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host.as_str(),
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    if let Ok(ip) = name.parse::<IpAddr>() {
        return ip.is_loopback() || ip == options.bind;
    }
    options
        .allowed_hosts
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(name))
}

fn refuse_host(request: Request, options: &ServeOptions) {
    let text = match options.build.given.lang {
        Lang::Zh => {
            "拒绝访问:请求的主机名不是本机。请用 http://127.0.0.1 或 http://localhost 访问;确需用其他名称访问时,启动时加 --allow-host 名称。"
        }
        Lang::En => {
            "refused: the Host header does not name this machine. Open http://127.0.0.1 or http://localhost, or start serve with --allow-host NAME."
        }
    };
    let response = Response::from_string(text)
        .with_status_code(StatusCode(421))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"));
    let _ = request.respond(response);
}

/// Serves until the process is stopped. `server` comes from [`bind`];
/// `report` receives one line per rebuild.
pub fn serve(
    bound: Bound,
    options: &ServeOptions,
    report: impl Fn(&str) + Send + Sync + 'static,
) -> Result<(), String> {
    let shared = Arc::new(Shared {
        lang: options.build.given.lang,
        state: Arc::new(RwLock::new(State::default())),
        generation: Mutex::new(0),
        changed: Condvar::new(),
    });
    let rebuilder = Arc::new(Rebuilder::new(
        options.build.clone(),
        Box::new(report),
        options.release_memory,
    ));
    let published: Arc<dyn Fn() + Send + Sync> = {
        let shared = Arc::clone(&shared);
        Arc::new(move || shared.bump())
    };
    // Watching starts before the first build, so a save during it is not
    // missed; rebuilds take turns.
    let watched = Arc::clone(&shared);
    let watching = Arc::clone(&rebuilder);
    let on_save = Arc::clone(&published);
    let watcher = watch::watch(
        &options.build.root,
        &["content", "templates", "static", "themes"],
        move |changed| watching.rebuild(&watched.state, changed, Arc::clone(&on_save)),
    )?;
    rebuilder.rebuild(&shared.state, &HashSet::new(), published);

    let Bound { listener, server } = bound;
    let inner = server
        .server_addr()
        .to_ip()
        .ok_or("the HTTP server has no IP address")?;
    std::thread::spawn(move || relay::relay(listener, inner));
    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            let options = options.clone();
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    if !host_allowed(&request, &options) {
                        refuse_host(request, &options);
                    } else if request.url().starts_with(EVENTS) {
                        let shared = Arc::clone(&shared);
                        std::thread::spawn(move || stream_events(request, &shared));
                    } else if respond(request, &shared) >= kept::KEPT_FROM {
                        // The body was this thread's: a county's print
                        // pack would otherwise stay held until the thread
                        // next allocates.
                        if let Some(release) = options.release_memory {
                            release();
                        }
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    drop(watcher);
    Ok(())
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
/// overlay, while the content is broken) in HTML pages; the size of what
/// was sent.
fn respond(request: Request, shared: &Shared) -> usize {
    let raw = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let path = crate::escape::percent_decode(raw.trim_start_matches('/'));
    let (site, overlay) = {
        let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
        (state.site.clone(), state.overlay.clone())
    };
    let candidates = [
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.clone()
        },
        format!("{path}/index.html"),
        "404.html".to_string(),
    ];
    let mut failure = None;
    let mut found = None;
    if let Some(site) = &site {
        for (k, candidate) in candidates.iter().enumerate() {
            match site.file(candidate) {
                Ok(bytes) => {
                    let status = if k == 2 { 404 } else { 200 };
                    found = Some((status, candidate.as_str(), bytes));
                    break;
                }
                Err(Unservable::Missing) => {}
                Err(Unservable::Failed(text)) => {
                    failure = Some(text);
                    break;
                }
            }
        }
    }
    let empty = Arc::new(b"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>taizhang</title></head><body></body></html>".to_vec());
    let (status, file, bytes) = found.unwrap_or((
        if failure.is_some() { 500 } else { 404 },
        "error.html",
        empty,
    ));
    let overlay = failure.or(overlay);
    // A file the site keeps as rendered is shared with it and copied; one
    // inflated or rendered for this request alone (a county's print pack
    // is 110 MB) is this request's own, and is sent without a copy.
    let mut body = Arc::try_unwrap(bytes).unwrap_or_else(|shared| shared.to_vec());
    if file.ends_with(".html") {
        let overlay = overlay
            .as_deref()
            .map_or_else(String::new, |text| overlay_html(text, shared.lang));
        with_reload_script(&mut body, &overlay);
    }
    let sent = body.len();
    let response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type(file)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
    sent
}

/// Puts `overlay` and the reload script in place of the page's last
/// `</body>` (closing it again after them), or after the page when it has
/// none.
fn with_reload_script(page: &mut Vec<u8>, overlay: &str) {
    let injected = format!("{overlay}{RELOAD_SCRIPT}</body>");
    match memchr::memmem::rfind(page, b"</body>") {
        Some(at) => {
            page.splice(at..at + "</body>".len(), injected.into_bytes());
        }
        None => page.extend_from_slice(injected.as_bytes()),
    }
}

/// The panel over every served page while the content has errors.
fn overlay_html(text: &str, lang: Lang) -> String {
    let heading = match lang {
        Lang::Zh => "内容有错误:修正后页面会自动刷新;现在显示的是上一次成功生成的网站。",
        Lang::En => {
            "The content has errors: this page reloads once they are fixed. What you see is the last site that built."
        }
    };
    format!(
        "<div id=\"taizhang-overlay\" role=\"alert\" style=\"position:fixed;left:0;right:0;top:0;max-height:75vh;overflow:auto;z-index:2147483647;background:#fff5f5;color:#1f2328;border-bottom:4px solid #a8201a;padding:1rem 1.25rem;box-shadow:0 4px 16px rgba(0,0,0,.25)\"><p style=\"margin:0 0 .5rem;font:700 1rem sans-serif;color:#a8201a\">{heading}</p><pre style=\"margin:0;white-space:pre-wrap;font:13px/1.5 monospace\">{}</pre></div>",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_last_closing_body() {
        // A page may hold `</body>` before its end (in a comment, say).
        let mut page =
            b"<body><!-- </body> --><p>\xE6\x95\xB4\xE6\x94\xB9</p></body></html>".to_vec();
        with_reload_script(&mut page, "<div>overlay</div>");
        let expected = format!(
            "<body><!-- </body> --><p>整改</p><div>overlay</div>{RELOAD_SCRIPT}</body></html>"
        );
        assert_eq!(String::from_utf8(page).as_deref(), Ok(expected.as_str()));
    }

    #[test]
    fn a_page_without_a_body_gets_the_script_at_its_end() {
        let mut page = b"<p>ok".to_vec();
        with_reload_script(&mut page, "");
        assert_eq!(page, format!("<p>ok{RELOAD_SCRIPT}</body>").into_bytes());
    }
}
