//! Rebuilding after an edit, fast: only the files that changed are read
//! again, the site is prepared through the build's own pipeline
//! ([`crate::site::Prepared`]), and pages render (and are guarded) when
//! they are asked for, the open page first. The rest of the site is then
//! rendered in the background, with the link check and the leak guard over
//! every page, as `build` does, keeping only the files slow to render
//! again; a site that fails there is withdrawn for the last good one.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::kept::{Costly, Kept};
use super::snapshot::{Snapshot, State, error_text, leak_text};
use crate::check::Rechecker;
use crate::diagnostics::Lang;
use crate::render::Progress;
use crate::site::{BuildOptions, Failure, Prepared, Reuse};

/// Rebuilds the site being served; one per `serve`.
pub(super) struct Rebuilder {
    options: BuildOptions,
    rechecker: Mutex<Rechecker>,
    report: Box<dyn Fn(&str) + Send + Sync>,
    /// Threads for the background check, apart from the global pool, so
    /// that the page asked for after an edit never queues behind it.
    background: Option<rayon::ThreadPool>,
    /// The last leak guard built, and the model's issues and notes.
    reuse: Reuse,
    /// Run on every thread once a whole-site check ends (see
    /// [`super::ServeOptions::release_memory`]).
    release_memory: Option<fn()>,
}

impl Rebuilder {
    pub(super) fn new(
        options: BuildOptions,
        report: Box<dyn Fn(&str) + Send + Sync>,
        release_memory: Option<fn()>,
    ) -> Rebuilder {
        Rebuilder {
            release_memory,
            rechecker: Mutex::new(Rechecker::new(&options.root, options.given.clone())),
            options,
            report,
            background: rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("taizhang-check-{i}"))
                .build()
                .ok(),
            reuse: Reuse::across_edits(),
        }
    }

    fn lang(&self) -> Lang {
        self.options.given.lang
    }

    fn say(&self, zh: String, en: String) {
        (self.report)(&match self.lang() {
            Lang::Zh => zh,
            Lang::En => en,
        });
    }

    /// Has every thread that rendered the site, or the one before it,
    /// give back the memory it holds freed: the check has just let go of
    /// its pages (and, when it passed, of the site before), and an
    /// allocator that keeps freed memory per thread would hold it until
    /// the next save set those threads working again.
    fn give_back_memory(&self) {
        let Some(release) = self.release_memory else {
            return;
        };
        if let Some(pool) = &self.background {
            pool.broadcast(|_| release());
        }
        rayon::broadcast(|_| release());
        release();
    }

    /// Checks the content again after `changed` files changed and, when it
    /// has no errors, puts up the new site; then renders the rest of it in
    /// the background. `published` is called whenever what is served changes.
    pub(super) fn rebuild(
        self: &Arc<Self>,
        state: &Arc<RwLock<State>>,
        changed: &HashSet<PathBuf>,
        published: Arc<dyn Fn() + Send + Sync>,
    ) {
        let started = Instant::now();
        let mut rechecker = self.rechecker.lock().unwrap_or_else(|e| e.into_inner());
        rechecker.recheck(changed);
        // An editor's swap or backup file, say: no content file and nothing
        // of the theme changed, so the pages would be the same. Open pages
        // are not reloaded under the author's cursor.
        let content = self.options.root.join("content");
        let theme_changed = changed.is_empty() || changed.iter().any(|p| !p.starts_with(&content));
        if rechecker.unchanged() && !theme_changed {
            return;
        }
        // The site being checked in the background is out of date: free the
        // processor for this rebuild.
        if let Some(site) = &state.read().unwrap_or_else(|e| e.into_inner()).site {
            site.stop.store(true, Ordering::Relaxed);
        }
        let checked = rechecker.current().expect("checked just now");
        let prepared = if checked.diagnostics.has_errors() {
            Err(error_text(
                &checked.diagnostics,
                &checked.sources,
                self.lang(),
            ))
        } else {
            let prepared = Prepared::new(checked, &self.options.root, &self.reuse);
            prepared.map_err(|m| format!("error: {m}")).map(|prepared| {
                Arc::new(Snapshot {
                    prepared,
                    lang: self.lang(),
                    files: Kept::default(),
                    stop: AtomicBool::new(false),
                })
            })
        };
        // Still holding the rechecker: a rebuild that started later cannot
        // put its site up before this one.
        let mut served = write(state);
        drop(rechecker);
        let snapshot = match prepared {
            Ok(snapshot) => snapshot,
            Err(text) => {
                self.say(
                    format!("内容有错误,继续显示上一次的网站:\n{text}"),
                    format!("the content has errors; still serving the last good site:\n{text}"),
                );
                served.overlay = Some(text);
                drop(served);
                published();
                return;
            }
        };
        let old = served.site.replace(Arc::clone(&snapshot));
        let first = old.is_none() && served.fallback.is_none();
        let fallback = old.clone();
        let old = std::mem::replace(&mut served.fallback, old);
        served.overlay = None;
        drop(served);
        published();
        // A whole site's pages and model take a while to free: not here.
        std::thread::spawn(move || {
            drop(old);
            // The site before is kept only to be served again should this
            // one fail its check, which is rare: its files render again if
            // it is. Kept, a county's big files (the print pack, site.json,
            // the workbook) were held twice while the new site was checked.
            if let Some(fallback) = fallback {
                fallback.files.clear();
            }
        });
        let timing = Timing {
            started,
            ready: started.elapsed().as_millis(),
            first,
        };
        let this = Arc::clone(self);
        let state = Arc::clone(state);
        std::thread::spawn(move || this.complete(&snapshot, &state, &timing, &published));
    }

    /// Renders every page of `snapshot` not rendered yet and checks the
    /// whole site as `build` would; on a problem, serves the last good site
    /// again with the problem over it.
    fn complete(
        &self,
        snapshot: &Arc<Snapshot>,
        state: &RwLock<State>,
        timing: &Timing,
        published: &Arc<dyn Fn() + Send + Sync>,
    ) {
        // An author saving again and again would have each save's check
        // take the processor from the next save: the check starts once no
        // newer save has come for a moment (at 10,000 issues it renders for
        // tens of seconds, and stops only between pages).
        if !settled(&snapshot.stop) {
            return;
        }
        let render_all = || {
            let progress = Progress::default();
            let sink = Costly(&snapshot.files);
            snapshot
                .prepared
                .render_into(&sink, &snapshot.stop, &progress)
        };
        let rendered = match &self.background {
            Some(pool) => pool.install(render_all),
            None => render_all(),
        };
        // The pages counted as they were checked: asking the renderer for
        // every path would build the search index again (seconds at county
        // scale, and held after), with the state locked.
        let (problem, pages) = match rendered {
            Ok(None) => return,
            Err(Failure::Template(error)) => (Some(format!("error: template error: {error}")), 0),
            Err(Failure::Write(error)) => (Some(format!("error: {error}")), 0),
            Ok(Some(findings)) if findings.is_clean() => (None, findings.pages),
            Ok(Some(findings)) => {
                let rechecker = self.rechecker.lock().unwrap_or_else(|e| e.into_inner());
                if snapshot.stop.load(Ordering::Relaxed) {
                    return;
                }
                // The rechecker still holds the content this snapshot was made
                // from: a rebuild since would have set `stop`.
                let checked = rechecker.current().expect("a snapshot comes from a check");
                let links = findings.link_diagnostics(&checked.sources);
                let text = [
                    error_text(&links, &checked.sources, self.lang()),
                    leak_text(&findings, self.lang()),
                ];
                let text = text
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                (Some(text), findings.pages)
            }
        };
        let mut served = write(state);
        if snapshot.stop.load(Ordering::Relaxed) {
            return;
        }
        let (ready, all) = (timing.ready, timing.started.elapsed().as_millis());
        let (zh, en) = if timing.first {
            ("已生成", "built")
        } else {
            ("已重新生成", "rebuilt")
        };
        match problem {
            None => {
                // Nothing to fall back to any more: free the older site.
                let old = served.fallback.take();
                drop(served);
                drop(old);
                self.say(
                    format!("{zh}:{ready} 毫秒后可访问,{all} 毫秒内检查完全部 {pages} 个页面"),
                    format!("{en}: served after {ready} ms, all {pages} pages checked in {all} ms"),
                );
            }
            Some(text) => {
                let fallback = served.fallback.clone();
                let withdrawn = std::mem::replace(&mut served.site, fallback);
                served.overlay = Some(text.clone());
                drop(served);
                drop(withdrawn);
                self.say(
                    format!("内容有错误,继续显示上一次的网站:\n{text}"),
                    format!("the content has errors; still serving the last good site:\n{text}"),
                );
                published();
            }
        }
        self.give_back_memory();
    }
}

/// How long a site must stay the newest before its whole-site check starts.
const SETTLE: Duration = Duration::from_millis(500);

/// Waits [`SETTLE`]; `false` as soon as `stop` is set (a newer save).
fn settled(stop: &AtomicBool) -> bool {
    let until = Instant::now() + SETTLE;
    while Instant::now() < until {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    !stop.load(Ordering::Relaxed)
}

/// When a rebuild started and put its site up, for the report.
struct Timing {
    started: Instant,
    /// Milliseconds from the start to the site being served.
    ready: u128,
    /// The first build of this `serve`.
    first: bool,
}

fn write(state: &RwLock<State>) -> std::sync::RwLockWriteGuard<'_, State> {
    state.write().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `init` example site in a folder of its own, in English.
    fn example_site() -> (tempfile::TempDir, BuildOptions) {
        let dir = tempfile::tempdir().expect("a folder");
        crate::scaffold::init(dir.path(), Lang::En).expect("writes");
        let mut options = BuildOptions::new(dir.path());
        options.given.lang = Lang::En;
        (dir, options)
    }

    /// A rebuilder for `options`, with what it says, line by line.
    fn rebuilder(options: BuildOptions) -> (Arc<Rebuilder>, std::sync::mpsc::Receiver<String>) {
        let (sender, said) = std::sync::mpsc::channel::<String>();
        let report = Box::new(move |text: &str| {
            let _ = sender.send(text.to_string());
        });
        (Arc::new(Rebuilder::new(options, report, None)), said)
    }

    #[test]
    fn the_site_kept_to_fall_back_on_lets_its_files_go() {
        let (dir, options) = example_site();
        let (rebuilder, said) = rebuilder(options);
        let state = Arc::new(RwLock::new(State::default()));
        let published: Arc<dyn Fn() + Send + Sync> = Arc::new(|| {});
        let checked = |what: &str| loop {
            let text = said
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("{what} is checked within 30 s"));
            assert!(!text.contains("error"), "{text}");
            if text.contains("pages checked") {
                break;
            }
        };
        rebuilder.rebuild(&state, &HashSet::new(), Arc::clone(&published));
        checked("the first site");
        let first = write(&state).site.clone().expect("a site is served");
        assert!(first.file("index.html").is_ok(), "the home page renders");
        assert!(
            first.files.get("index.html").is_some(),
            "kept once asked for"
        );

        let issue = dir.path().join("content/issues/01.yaml");
        let text = std::fs::read_to_string(&issue).expect("reads");
        std::fs::write(&issue, text.replacen("不及时", "不够及时", 1)).expect("writes");
        let changed = HashSet::from([issue]);
        rebuilder.rebuild(&state, &changed, published);
        // The first site is the one to fall back on until the new one
        // passes its check; it keeps its model, not its files.
        let started = Instant::now();
        while first.files.get("index.html").is_some() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the site before still holds its files"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        checked("the site after the save");
        let now = write(&state).site.clone().expect("a site is served");
        assert!(!Arc::ptr_eq(&first, &now), "the new site is served");
    }

    #[test]
    fn the_check_counts_its_pages_without_indexing_the_site_again() {
        let (_site, options) = example_site();
        let (built, _) = crate::site::build_in_memory(&options).expect("builds");
        let (rebuilder, said) = rebuilder(options);
        let state = Arc::new(RwLock::new(State::default()));
        rebuilder.rebuild(&state, &HashSet::new(), Arc::new(|| {}));
        let line = loop {
            let text = said
                .recv_timeout(Duration::from_secs(30))
                .expect("the site is checked within 30 s");
            if text.contains("pages checked") {
                break text;
            }
        };
        assert!(
            line.contains(&format!("all {} pages checked", built.pages)),
            "{line}"
        );
        let site = write(&state).site.clone().expect("a site is served");
        // The check streamed the index through the guard and let it go;
        // held, a county's index is tens of megabytes.
        assert!(!site.prepared.renderer().search_index_held());
    }
}
