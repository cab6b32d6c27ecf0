//! The pipeline every command runs, in one place: load and validate
//! ([`check`](crate::check)) under the merged settings, model, render,
//! guard, and hand each file to a sink. `build` writes through the staging
//! folder, `check` writes nothing, `serve` keeps pages in memory (through
//! [`Prepared`]), `pdf` builds and then prints, and the tests call
//! [`build_in_memory`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;

use crate::check::{Checked, check};
use crate::content::Audience;
use crate::diagnostics::{Diagnostics, Problem, SourceMap, Span};
use crate::model;
use crate::output::{self, Guard, Leak, Memory, OutputFile, Sink, Staging};
use crate::render::{self, BrokenLink, Progress, Renderer, Streaming};
use crate::settings::Given;
use crate::theme::Theme;

/// What to build: where, and what the command line sets over site.yaml.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Site root.
    pub root: PathBuf,
    /// Output folder; `public/` (or `public-internal/`) under the root by default.
    pub out: Option<PathBuf>,
    /// The command line's settings, merged over site.yaml's before validation.
    pub given: Given,
    /// Where the build reports how many pages it has rendered, if anyone
    /// is watching.
    pub progress: Option<Arc<Progress>>,
}

impl BuildOptions {
    /// The public site of `root`, with the dates and address in its
    /// `site.yaml`, written to the default folder.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            out: None,
            given: Given::default(),
            progress: None,
        }
    }

    /// The output folder these options write to.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| {
            self.root.join(match self.given.audience {
                Audience::Public => "public",
                Audience::Internal => "public-internal",
            })
        })
    }
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Where.
    pub out: PathBuf,
    /// Milliseconds from start to the swapped-in site.
    pub elapsed_ms: u128,
    /// Load and validation results (warnings may be in it).
    pub checked: Checked,
    /// How long each stage took, for `--verbose`.
    pub timings: Vec<(&'static str, u128)>,
}

/// Why a build stopped. The previous output is untouched in every case.
#[derive(Debug)]
pub enum BuildError {
    /// The site has errors: in the content, in its links (E080), or a
    /// public page that would publish a name or number (E090, quoted from
    /// the generated file). The diagnostics say which.
    Content(Box<Checked>),
    /// Something else, explained in the text (a template error, a disk error).
    Other(String),
}

/// Builds the site into its output folder: every page is rendered, guarded
/// (public sites) and written into a fresh staging folder, which is swapped
/// in at the end. Content errors, broken links and leaks stop it, and the
/// previous output is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    let out = options.out_dir();
    output::check_destination(&options.root, &out).map_err(BuildError::Other)?;
    let staging = |out: &Path| {
        Staging::new(out, || {
            eprintln!(
                "another build is writing {}; waiting for it to finish",
                out.display()
            );
        })
        .map_err(|e| cannot_write(out, &e))
    };
    let (mut built, staging) = run(options, staging)?;
    let started = Instant::now();
    staging.commit().map_err(|e| cannot_write(&out, &e))?;
    built
        .timings
        .push(("swap in", started.elapsed().as_millis()));
    built.elapsed_ms += started.elapsed().as_millis();
    Ok(built)
}

/// Everything [`build`] checks — content, links, the leak guard over every
/// page — without writing anything: a site that passes builds.
pub fn check_site(options: &BuildOptions) -> Result<Built, BuildError> {
    run(options, |_| Ok(Discard)).map(|(built, _)| built)
}

/// What `check` does by default, in a fraction of a build's time: the
/// content validated, its model built, every content link resolved
/// against the pages the site would have (rendering only the pages whose
/// anchors links point to), and the leak guard over the static files and
/// every file's name. The rendered pages themselves are guarded only by
/// [`check_site`] and [`build`].
pub fn check_without_rendering(options: &BuildOptions) -> Result<Checked, BuildError> {
    let mut checked = check(&options.root, &options.given);
    if checked.diagnostics.has_errors() {
        return Err(BuildError::Content(Box::new(checked)));
    }
    checked.free_sources();
    let prepared = Prepared::once(&mut checked, &options.root).map_err(BuildError::Other)?;
    let findings = prepared
        .look_over()
        .map_err(|text| BuildError::Other(format!("template error: {text}")))?;
    drop_aside(prepared);
    found_clean(checked, &findings, &options.out_dir())
}

/// `checked`, or the diagnostics of what `findings` found wrong added to
/// it, as a content error.
fn found_clean(
    mut checked: Checked,
    findings: &Findings,
    out: &Path,
) -> Result<Checked, BuildError> {
    if findings.is_clean() {
        return Ok(checked);
    }
    let links = findings.link_diagnostics(&checked.sources);
    let leaks = findings.leak_diagnostics(&mut checked.sources, out);
    checked.diagnostics.extend(links);
    checked.diagnostics.extend(leaks);
    Err(BuildError::Content(Box::new(checked)))
}

/// [`build`], keeping the files in memory instead of writing them: for
/// tests, and for anything that reads the site rather than publishing it.
pub fn build_in_memory(options: &BuildOptions) -> Result<(Built, Memory), BuildError> {
    run(options, |_| Ok(Memory::default()))
}

/// A sink that drops every file: `check` renders only to look.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: OutputFile) -> std::io::Result<()> {
        Ok(())
    }
}

/// Load → validate → model → render → guard → `sink`: the one pipeline.
/// The sink is made only once the site has passed validation, so that a
/// build with errors never waits for another build's lock.
fn run<S: Sink>(
    options: &BuildOptions,
    sink: impl FnOnce(&Path) -> Result<S, BuildError>,
) -> Result<(Built, S), BuildError> {
    let started = Instant::now();
    let out = options.out_dir();
    let mut laps = Laps::new();
    let mut checked = check(&options.root, &options.given);
    laps.lap("load and check");
    if checked.diagnostics.has_errors() {
        return Err(BuildError::Content(Box::new(checked)));
    }
    checked.free_sources();
    let prepared = Prepared::once(&mut checked, &options.root).map_err(BuildError::Other)?;
    laps.lap("model");
    let sink = sink(&out)?;
    let unwatched = Progress::default();
    let progress = options.progress.as_deref().unwrap_or(&unwatched);
    let findings = prepared
        .render_into(&sink, &AtomicBool::new(false), progress)
        .map_err(|failure| match failure {
            Failure::Template(text) => BuildError::Other(format!("template error: {text}")),
            Failure::Write(error) => cannot_write(&out, &error),
        })?
        .expect("nothing sets the stop flag");
    drop_aside(prepared);
    laps.lap("render and write");
    let checked = found_clean(checked, &findings, &out)?;
    let built = Built {
        pages: findings.pages,
        files: findings.files,
        out,
        elapsed_ms: started.elapsed().as_millis(),
        checked,
        timings: laps.timings,
    };
    Ok((built, sink))
}

/// Frees `value` on a thread of its own. A county's model is millions of
/// small allocations, a tenth of a second to free; nothing waits for it,
/// and a command that ends first leaves the freeing to the system.
fn drop_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

fn cannot_write(out: &Path, error: &std::io::Error) -> BuildError {
    BuildError::Other(format!("cannot write {}: {error}", out.display()))
}

/// How long each stage took.
struct Laps {
    last: Instant,
    timings: Vec<(&'static str, u128)>,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        self.timings.push((stage, self.last.elapsed().as_millis()));
        self.last = Instant::now();
    }
}

/// What preparing a site leaves for preparing it again after an edit
/// (`serve` prepares a site per save): the leak guard, while the register
/// of people is unchanged (a county's guard takes a while to build), and,
/// when made [`Reuse::across_edits`], the model's issues and notes whose
/// files are unchanged.
#[derive(Debug, Default)]
pub struct Reuse {
    guard: Mutex<Option<Arc<Guard>>>,
    /// `None` for a site prepared once: keeping its parts would cost time
    /// and memory for nothing.
    model: Option<Mutex<model::Memo>>,
}

impl Reuse {
    /// Reuse for a site prepared again and again as it is edited.
    pub fn across_edits() -> Reuse {
        Reuse {
            model: Some(Mutex::default()),
            ..Reuse::default()
        }
    }

    /// The guard `checked` needs: none for an internal site.
    fn guard_for(&self, checked: &Checked) -> Option<Arc<Guard>> {
        if checked.settings.audience != Audience::Public {
            return None;
        }
        let register = checked.content.register();
        let mut last = lock(&self.guard);
        match &*last {
            Some(guard) if *guard.register() == register => Some(Arc::clone(guard)),
            _ => {
                let guard = Arc::new(Guard::new(&register));
                *last = Some(Arc::clone(&guard));
                Some(guard)
            }
        }
    }

    /// The model of `checked`, built again only where its files changed.
    fn model_for(&self, checked: &Checked) -> Result<model::Model, model::NoAsOf> {
        match &self.model {
            None => model::build(&checked.content, &checked.settings),
            Some(memo) => model::build_reusing(
                &checked.content,
                &checked.settings,
                &checked.sources,
                &mut lock(memo),
            ),
        }
    }
}

/// A checked site without errors, ready to render for its audience: the
/// model built under its settings, the theme (with the site's overrides)
/// compiled, and the leak guard for a public site.
#[derive(Debug)]
pub struct Prepared {
    renderer: Renderer,
    guard: Option<Arc<Guard>>,
}

/// Why rendering stopped before every file reached the sink.
#[derive(Debug)]
pub enum Failure {
    /// A template failed; the text has its line and column.
    Template(String),
    /// The sink could not take a file.
    Write(std::io::Error),
}

/// Why one file was not served.
#[derive(Debug)]
pub enum Refused {
    /// A template failed; the text has its line and column.
    Template(String),
    /// The guard found a name or number in it.
    Leaks(Findings),
}

/// What rendering a whole site found wrong, and how much it produced.
#[derive(Debug, Default)]
pub struct Findings {
    /// HTML pages handed to the sink.
    pub pages: usize,
    /// Files handed to the sink.
    pub files: usize,
    broken_links: Vec<BrokenLink>,
    /// Files the guard stopped, with what it found in each.
    leaks: Vec<(OutputFile, Vec<Leak>)>,
}

impl Prepared {
    /// Builds the model of `checked` (which must have no errors) and
    /// compiles the theme of the site at `root`. Errors are a missing
    /// as-of date or a template that does not compile.
    pub fn new(checked: &Checked, root: &Path, reuse: &Reuse) -> Result<Prepared, String> {
        let model = reuse.model_for(checked).map_err(|e| e.to_string())?;
        Prepared::with_model(model, checked, root, reuse)
    }

    /// [`Prepared::new`] for a site prepared once (`build`, `check`): the
    /// model takes the checked content's issues, each freed as soon as its
    /// part is built, and the notes and policy pages are freed after
    /// ([`Checked::free_documents`]). A county's documents are not held
    /// beside its whole model.
    pub fn once(checked: &mut Checked, root: &Path) -> Result<Prepared, String> {
        checked.keep_counts();
        let model = model::build_taking_issues(&mut checked.content, &checked.settings);
        checked.free_documents();
        let model = model.map_err(|e| e.to_string())?;
        Prepared::with_model(model, checked, root, &Reuse::default())
    }

    fn with_model(
        model: model::Model,
        checked: &Checked,
        root: &Path,
        reuse: &Reuse,
    ) -> Result<Prepared, String> {
        let theme = Theme::load(root)?;
        let options = render::Options {
            portable: checked.settings.portable,
        };
        let renderer =
            Renderer::new(model, &theme, options).map_err(|e| format!("template error: {e}"))?;
        Ok(Prepared {
            renderer,
            guard: reuse.guard_for(checked),
        })
    }

    /// The renderer, for what it knows of the site's pages.
    pub fn renderer(&self) -> &Renderer {
        &self.renderer
    }

    /// The file at `path`, rendered now and guarded; `None` when the site
    /// has no such file.
    pub fn file(&self, path: &str) -> Option<Result<OutputFile, Refused>> {
        let file = match self.renderer.file(path)? {
            Ok(file) => file,
            Err(text) => return Some(Err(Refused::Template(text))),
        };
        let leaks = self.leaks_in(&file);
        Some(if leaks.is_empty() {
            Ok(file)
        } else {
            Err(Refused::Leaks(Findings {
                leaks: vec![(file, leaks)],
                ..Findings::default()
            }))
        })
    }

    fn leaks_in(&self, file: &OutputFile) -> Vec<Leak> {
        self.guard
            .as_ref()
            .map(|guard| guard.find(std::slice::from_ref(file)))
            .unwrap_or_default()
    }

    /// What [`check_without_rendering`] looks at: the content's links
    /// resolved without rendering the site, and the leak guard over the
    /// static files and the name of every page. Errors are template errors
    /// of the pages rendered for their anchors.
    pub fn look_over(&self) -> Result<Findings, String> {
        let broken_links = self.renderer.broken_links_unrendered()?;
        let statics = self.renderer.static_files();
        let names: Vec<OutputFile> = self
            .renderer
            .page_paths()
            .map(|path| OutputFile {
                path: path.to_string(),
                bytes: Vec::new(),
            })
            .collect();
        let mut leaks: Vec<(OutputFile, Vec<Leak>)> = match &self.guard {
            None => Vec::new(),
            Some(guard) => statics
                .par_iter()
                .chain(names.par_iter())
                .filter_map(|file| {
                    let found = guard.find(std::slice::from_ref(file));
                    (!found.is_empty()).then(|| (file.clone(), found))
                })
                .collect(),
        };
        leaks.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        Ok(Findings {
            pages: names.iter().filter(|f| f.path.ends_with(".html")).count(),
            files: names.len() + statics.len(),
            broken_links,
            leaks,
        })
    }

    /// Renders every file in parallel, guards each, and puts those that
    /// pass into `sink` as they come; then checks the content's links
    /// against what was rendered. `None` when `stop` was set first.
    pub fn render_into(
        &self,
        sink: &dyn Sink,
        stop: &AtomicBool,
        progress: &Progress,
    ) -> Result<Option<Findings>, Failure> {
        let leaks = Mutex::new(Vec::new());
        let write_error = Mutex::new(None);
        let (pages, files) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let failed = |error: std::io::Error| {
            let text = error.to_string();
            *lock(&write_error) = Some(error);
            text
        };
        let written = |path: &str| {
            pages.fetch_add(usize::from(path.ends_with(".html")), Ordering::Relaxed);
            files.fetch_add(1, Ordering::Relaxed);
        };
        let pass = |file: OutputFile| -> Result<(), String> {
            let found = self.leaks_in(&file);
            if !found.is_empty() {
                // Nothing of a leaking site is worth keeping; go on looking,
                // so that every leak is reported at once.
                lock(&leaks).push((file, found));
                return Ok(());
            }
            let path = file.path.clone();
            sink.put(file).map_err(failed)?;
            written(&path);
            Ok(())
        };
        // The print pack, guarded and written as it is made: read back only
        // should the guard find a leak in it, to say where.
        let stream = |path: &str, source: &mut dyn Read| -> Result<(), String> {
            let mut writer = sink.open(path).map_err(failed)?;
            let mut tee = Tee {
                source,
                copy: &mut writer,
                source_failed: false,
                copy_failed: None,
            };
            let clean = match &self.guard {
                Some(guard) => guard.clean_as_read(path, &mut tee),
                None => std::io::copy(&mut tee, &mut std::io::sink()).is_ok(),
            };
            let (source_failed, copy_failed) = (tee.source_failed, tee.copy_failed.take());
            let flushed = writer.flush();
            drop(writer);
            if source_failed {
                // Its maker says why; nothing of it is kept.
                let _ = sink.remove(path);
                return Err(format!("{path} was not made whole"));
            }
            if let Some(error) = copy_failed.or(flushed.err()) {
                return Err(failed(error));
            }
            if !clean {
                // Where, and what: the file read back goes the way of any
                // other.
                let bytes = sink.read_back(path).map_err(failed)?;
                return pass(OutputFile {
                    path: path.to_string(),
                    bytes,
                });
            }
            written(path);
            Ok(())
        };
        let stream = sink.takes_pieces().then_some(&stream as Streaming<'_>);
        let rendered = self.renderer.render_each(stop, progress, &pass, stream);
        if let Some(error) = lock(&write_error).take() {
            return Err(Failure::Write(error));
        }
        let Some(broken_links) = rendered.map_err(Failure::Template)? else {
            return Ok(None);
        };
        let mut leaks = leaks.into_inner().unwrap_or_else(|e| e.into_inner());
        leaks.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        Ok(Some(Findings {
            pages: pages.into_inner(),
            files: files.into_inner(),
            broken_links,
            leaks,
        }))
    }
}

impl Findings {
    /// Whether every link resolves and nothing leaks.
    pub fn is_clean(&self) -> bool {
        self.broken_links.is_empty() && self.leaks.is_empty()
    }

    /// An E080 diagnostic for each content link that leads nowhere, at the
    /// link's place in its file.
    pub fn link_diagnostics(&self, sources: &SourceMap) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        for link in &self.broken_links {
            diagnostics.push(
                Problem::BrokenLink {
                    target: link.target.replacen("@/", "/", 1),
                },
                locate(link, sources),
            );
        }
        diagnostics
    }

    /// An E090 diagnostic for each leak, quoting the generated file: each
    /// file that leaks is added to `sources` under `out`.
    pub fn leak_diagnostics(&self, sources: &mut SourceMap, out: &Path) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        for (file, leaks) in &self.leaks {
            let path = out.join(&file.path);
            // A leak in the file's name or in an image's bytes has no line to quote.
            let text = std::str::from_utf8(&file.bytes).unwrap_or_default();
            let in_text = sources.add(&path, text.to_string());
            let outside = sources.add(&path, String::new());
            for leak in leaks {
                let span = Span {
                    file: if leak.in_text { in_text } else { outside },
                    line: leak.line as u32,
                    col: leak.col as u32,
                    len: 1,
                };
                diagnostics.push(leak.problem(), span);
            }
        }
        diagnostics
    }
}

/// A reader that copies what it reads from `source` into `copy`, and
/// remembers which of the two failed.
struct Tee<'s, 'c> {
    source: &'s mut dyn Read,
    copy: &'c mut dyn Write,
    source_failed: bool,
    copy_failed: Option<std::io::Error>,
}

impl Read for Tee<'_, '_> {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        let n = self
            .source
            .read(into)
            .inspect_err(|_| self.source_failed = true)?;
        if let Err(error) = self.copy.write_all(&into[..n]) {
            let stop = std::io::Error::other(error.to_string());
            self.copy_failed = Some(error);
            return Err(stop);
        }
        Ok(n)
    }
}

/// A lock whose holder cannot have panicked halfway through an update.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The line of a broken link in its file. A YAML block scalar (`|`) starts
/// on the line after its key.
fn locate(link: &BrokenLink, sources: &SourceMap) -> Span {
    let origin = link.origin;
    let block = sources.line(origin.file, origin.line).is_some_and(|l| {
        matches!(l.trim_end().chars().last(), Some('|' | '>' | '-' | '+')) && origin.col > 1
    });
    let line = origin.line + u32::from(block) + link.line_in_text;
    let written = link.target.trim_start_matches('@');
    let col = sources
        .line(origin.file, line)
        .and_then(|text| {
            text.find(written)
                .map(|at| text[..at].chars().count() as u32 + 1)
        })
        .unwrap_or(1);
    Span {
        file: origin.file,
        line,
        col,
        len: written.chars().count() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme's print pack is made in pieces (a county's is a
    /// hundred megabytes, made whole it was held five times over), and
    /// reads as the page made whole: Sanjiang's content, both audiences.
    #[test]
    fn the_default_theme_print_pack_is_made_in_pieces_as_it_would_be_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for audience in [Audience::Public, Audience::Internal] {
            let mut options = BuildOptions::new(root);
            options.given.audience = audience;
            let checked = check(&options.root, &options.given);
            let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
            let renderer = prepared.renderer();
            // The notes' text (half a county's pack) is not in the frame
            // the template makes, but copied in as pieces are.
            let frame = renderer.print_frame().expect("renders");
            let (spliced, whole) = renderer.print_pack_both_ways().expect("renders");
            let notes = String::from_utf8_lossy(&whole.bytes)
                .matches("<section aria-labelledby=\"note-")
                .count();
            assert!(notes >= 4, "Sanjiang's notes: {notes}");
            assert_eq!(frame.matches("<!--taizhang print block n").count(), notes);
            let spliced = spliced.expect("the default theme's pieces join");
            assert_eq!(spliced.path, whole.path);
            assert!(
                spliced.bytes == whole.bytes,
                "{audience:?}: made apart and whole differ"
            );
        }
    }

    /// A build makes each issue's HTML and charts beside its block in the
    /// print pack and its own page, one issue per thread at a time: a
    /// county's were all made first, a hundred megabytes held for seconds.
    #[test]
    fn a_build_holds_no_more_issues_parts_at_once_than_it_has_threads() {
        struct Watching<'r> {
            renderer: &'r Renderer,
            most: AtomicUsize,
        }
        impl Sink for Watching<'_> {
            fn put(&self, _: OutputFile) -> std::io::Result<()> {
                let (html, charts) = self.renderer.issue_parts_held();
                self.most.fetch_max(html.max(charts), Ordering::Relaxed);
                Ok(())
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = BuildOptions::new(root);
        let checked = check(&options.root, &options.given);
        let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
        let watching = Watching {
            renderer: prepared.renderer(),
            most: AtomicUsize::new(0),
        };
        let progress = Progress::default();
        let findings = prepared
            .render_into(&watching, &AtomicBool::new(false), &progress)
            .expect("renders")
            .expect("not stopped");
        assert!(findings.is_clean());
        let (done, total) = progress.get();
        assert_eq!(done, total, "every page counted once, the print pack too");
        let issues = prepared.renderer().model().issues.len();
        let most = watching.most.into_inner();
        assert!(
            most <= rayon::current_num_threads().min(issues - 1),
            "{most} of {issues} issues' parts held at once"
        );
    }

    /// A village's page and its notice share the village's task values,
    /// made one right after the other: no more villages' values are held
    /// at once than there are threads, none once the build is done, and
    /// the two pages asked for again (as serve may) are made the same.
    #[test]
    fn a_build_holds_a_village_s_task_values_only_between_its_two_pages() {
        struct Watching<'r> {
            renderer: &'r Renderer,
            most: AtomicUsize,
            memory: Memory,
        }
        impl Sink for Watching<'_> {
            fn put(&self, file: OutputFile) -> std::io::Result<()> {
                let held = self.renderer.village_tasks_held();
                self.most.fetch_max(held, Ordering::Relaxed);
                self.memory.put(file)
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = BuildOptions::new(root);
        let checked = check(&options.root, &options.given);
        let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
        let renderer = prepared.renderer();
        let watching = Watching {
            renderer,
            most: AtomicUsize::new(0),
            memory: Memory::default(),
        };
        let findings = prepared
            .render_into(&watching, &AtomicBool::new(false), &Progress::default())
            .expect("renders")
            .expect("not stopped");
        assert!(findings.is_clean());
        let villages = renderer.model().villages.len();
        let most = watching.most.into_inner();
        assert!(
            most <= rayon::current_num_threads().min(villages - 1),
            "{most} of {villages} villages' task values held at once"
        );
        assert_eq!(renderer.village_tasks_held(), 0);
        let village = &renderer.model().villages[0].id;
        for path in [
            format!("villages/{village}/index.html"),
            format!("villages/{village}/notice/index.html"),
        ] {
            let again = renderer.file(&path).expect("a page").expect("renders");
            let built = watching.memory.get(&path).expect("built");
            assert!(again.bytes == *built, "{path} made again differs");
        }
    }

    /// A build lets each issue's HTML and charts go once its page and its
    /// block in the print pack are made: a county's are tens of megabytes.
    #[test]
    fn a_build_lets_go_of_each_issue_s_parts_once_both_its_pages_are_made() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = BuildOptions::new(root);
        let checked = check(&options.root, &options.given);
        let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
        let renderer = prepared.renderer();
        let memory = Memory::default();
        let findings = prepared
            .render_into(&memory, &AtomicBool::new(false), &Progress::default())
            .expect("renders")
            .expect("not stopped");
        assert!(findings.is_clean());
        assert_eq!(renderer.issue_parts_held(), (0, 0));
        // Asked for again (as serve may), the parts are made again.
        for path in ["issues/01/index.html", "print/index.html"] {
            let again = renderer.file(path).expect("a page").expect("renders");
            let built = memory.get(path).expect("built");
            assert!(again.bytes == *built, "{path} made again differs");
        }
    }
}
