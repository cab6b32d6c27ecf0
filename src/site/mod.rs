//! The pipeline every command runs, in one place: load and validate
//! ([`check`](crate::check)) under the merged settings, model, render,
//! guard, and hand each file to a sink. `build` writes through the staging
//! folder, `check` writes nothing, `serve` keeps pages in memory (through
//! [`Prepared`]), `pdf` builds and then prints, and the tests call
//! [`build_in_memory`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use crate::check::{Checked, check};
use crate::content::Audience;
use crate::output::{self, Memory, OutputFile, Sink, Staging};
use crate::render::Progress;
use crate::settings::Given;

mod findings;
mod prepared;

pub use findings::Findings;
pub use prepared::{Failure, Prepared, Refused, Reuse};

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
    /// Load and validation results (warnings may be in it), and how
    /// long each stage took ([`Checked::laps`]).
    pub checked: Checked,
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
    built.checked.laps.resume();
    staging.commit().map_err(|e| cannot_write(&out, &e))?;
    built.checked.laps.lap("swap in");
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
    checked.laps.lap("model");
    let findings = prepared
        .look_over()
        .map_err(|text| BuildError::Other(format!("template error: {text}")))?;
    drop_aside(prepared);
    checked.laps.lap("links and guard");
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
    let mut checked = check(&options.root, &options.given);
    if checked.diagnostics.has_errors() {
        return Err(BuildError::Content(Box::new(checked)));
    }
    checked.free_sources();
    let prepared = Prepared::once(&mut checked, &options.root).map_err(BuildError::Other)?;
    checked.laps.lap("model");
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
    checked.laps.lap("render and write");
    let checked = found_clean(checked, &findings, &out)?;
    let built = Built {
        pages: findings.pages,
        files: findings.files,
        out,
        elapsed_ms: started.elapsed().as_millis(),
        checked,
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
