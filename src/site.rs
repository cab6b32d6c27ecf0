//! `taizhang build`: check, model, render, write — the whole pipeline.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use crate::check::{Checked, check_given};
use crate::content::Audience;
use crate::date::Date;
use crate::diagnostics::{Diagnostics, Problem, SourceMap, Span};
use crate::model;
use crate::output;
use crate::output::Guard;
use crate::render::{self, BrokenLink, Renderer};
use crate::theme::Theme;

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Site root.
    pub root: PathBuf,
    /// Output folder; `public/` (or `public-internal/`) under the root by default.
    pub out: Option<PathBuf>,
    /// Overrides `as_of` in site.yaml.
    pub as_of: Option<Date>,
    /// Overrides `base_url` in site.yaml.
    pub base_url: Option<String>,
    /// Relative links ending in `index.html`, for opening from disk.
    pub portable: bool,
    /// Who the build is for.
    pub audience: Audience,
    /// Where the build reports how many pages it has rendered, if anyone
    /// is watching.
    pub progress: Option<std::sync::Arc<crate::render::Progress>>,
}

impl BuildOptions {
    /// The public site of `root`, with the dates and address in its
    /// `site.yaml`, written to the default folder.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            out: None,
            as_of: None,
            base_url: None,
            portable: false,
            audience: Audience::Public,
            progress: None,
        }
    }

    /// What these options set over site.yaml, for validation.
    pub fn given(&self) -> crate::check::Given {
        crate::check::Given {
            as_of: self.as_of,
            base_url: self.base_url.is_some(),
        }
    }

    /// The output folder these options write to.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| {
            self.root.join(match self.audience {
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
    /// The content has errors: the diagnostics say which.
    Content(Box<Checked>),
    /// The public output would publish a registered name or a number in
    /// clear (a template printing one, say): the pages written so far were
    /// in a staging folder, which is removed; the output is as it was.
    Leaks(Vec<crate::output::Leak>),
    /// Something else, explained in the text (a template error, a disk error).
    Other(String),
}

/// The model of a checked site without errors, ready to render: as-of
/// date and base URL applied, theme (with the site's overrides) compiled.
/// Errors are a missing as-of date or a template that does not compile.
pub fn prepare(checked: &Checked, options: &BuildOptions) -> Result<Renderer, String> {
    let stated = checked.as_of.or_else(|| {
        // Nothing is judged against the date: pages leave it out, and the
        // date of issue (if any) only orders the feed.
        (!checked.content.needs_as_of()).then(|| {
            let document = checked.content.site.as_ref().map(|s| &s.document);
            document
                .and_then(|d| d.date.as_ref())
                .map_or(crate::date::Date::EPOCH, |d| d.value.first_day())
        })
    });
    let Some(as_of) = stated else {
        return Err(
            "no as-of date: set `as_of: YYYY-MM-DD` in content/site.yaml or pass --as-of (the build never uses today's date, so that output is reproducible)"
                .into(),
        );
    };
    let mut model = model::build(&checked.content, as_of, options.audience);
    model.as_of_stated = checked.as_of.is_some();
    if let Some(base_url) = &options.base_url {
        model.base_url = if base_url.ends_with('/') {
            base_url.clone()
        } else {
            format!("{base_url}/")
        };
    }
    let theme = Theme::load(&options.root)?;
    Renderer::new(
        model,
        &theme,
        render::Options {
            portable: options.portable,
        },
    )
    .map_err(|e| format!("template error: {e}"))
}

/// An E080 diagnostic for each content link that leads nowhere, at the
/// link's place in its file.
pub fn link_diagnostics(links: &[BrokenLink], sources: &SourceMap) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for link in links {
        diagnostics.push(
            Problem::BrokenLink {
                target: link.target.replacen("@/", "/", 1),
            },
            locate(link, sources),
        );
    }
    diagnostics
}

/// Builds the site: checks, models, renders and writes each page into a
/// fresh folder as it is rendered (running the leak guard over it, for the
/// public site), then swaps that folder in. Content errors, broken links
/// and leaks stop it, and the previous output is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    run(options, true)
}

/// Everything [`build`] checks — content, links, the leak guard over every
/// page — without writing anything: a site that passes builds.
pub fn check_site(options: &BuildOptions) -> Result<Built, BuildError> {
    run(options, false)
}

fn run(options: &BuildOptions, write: bool) -> Result<Built, BuildError> {
    let started = Instant::now();
    let out = options.out_dir();
    if write {
        output::check_destination(&options.root, &out).map_err(BuildError::Other)?;
    }
    let mut timings = Vec::new();
    let mut last = Instant::now();
    let mut lap = |stage: &'static str, timings: &mut Vec<(&'static str, u128)>| {
        timings.push((stage, last.elapsed().as_millis()));
        last = Instant::now();
    };
    // `--base-url https://…` gives the site the address site.yaml lacks,
    // so validation knows before it warns.
    if let Some(url) = &options.base_url
        && !crate::validate::is_site_address(url)
    {
        return Err(BuildError::Other(format!(
            "--base-url `{url}` is not an absolute http:// or https:// address"
        )));
    }
    let mut checked = check_given(&options.root, options.given());
    lap("load and check", &mut timings);
    if checked.diagnostics.has_errors() {
        return Err(BuildError::Content(Box::new(checked)));
    }
    let renderer = prepare(&checked, options).map_err(BuildError::Other)?;
    lap("model", &mut timings);

    let cannot_write =
        |e: std::io::Error| BuildError::Other(format!("cannot write {}: {e}", out.display()));
    let staging = write
        .then(|| {
            output::Staging::new(&out, || {
                eprintln!(
                    "another build is writing {}; waiting for it to finish",
                    out.display()
                );
            })
        })
        .transpose()
        .map_err(cannot_write)?;
    let guard =
        (options.audience == Audience::Public).then(|| Guard::new(&checked.content.register()));
    let leaks = Mutex::new(Vec::new());
    let write_error = Mutex::new(None);
    let counts = Mutex::new((0usize, 0usize));
    let sink = |file: render::OutputFile| -> Result<(), String> {
        if let Some(guard) = &guard {
            let found = guard.check(std::slice::from_ref(&file));
            if !found.is_empty() {
                // Nothing of a leaking site is worth writing; keep looking
                // so that every leak is reported at once.
                lock(&leaks).extend(found);
                return Ok(());
            }
        }
        if let Some(Err(error)) = staging.as_ref().map(|s| s.write(&file)) {
            let message = error.to_string();
            *lock(&write_error) = Some(error);
            return Err(message);
        }
        let mut counts = lock(&counts);
        counts.0 += usize::from(file.path.ends_with(".html"));
        counts.1 += 1;
        Ok(())
    };
    let unwatched = crate::render::Progress::default();
    let progress = options.progress.as_deref().unwrap_or(&unwatched);
    let never = std::sync::atomic::AtomicBool::new(false);
    let rendered = renderer.render_each(&never, progress, &sink);
    if let Some(error) = lock(&write_error).take() {
        return Err(cannot_write(error));
    }
    let broken_links = rendered
        .map_err(|e| BuildError::Other(format!("template error: {e}")))?
        .expect("nothing sets the stop flag");
    lap("render and write", &mut timings);
    if !broken_links.is_empty() {
        let found = link_diagnostics(&broken_links, &checked.sources);
        checked.diagnostics.extend(found);
        return Err(BuildError::Content(Box::new(checked)));
    }
    let mut leaks = leaks.into_inner().unwrap_or_else(|e| e.into_inner());
    if !leaks.is_empty() {
        leaks.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
        return Err(BuildError::Leaks(leaks));
    }
    if let Some(staging) = staging {
        staging.commit().map_err(cannot_write)?;
        lap("swap in", &mut timings);
    }
    let (pages, files) = *lock(&counts);
    Ok(Built {
        pages,
        files,
        out,
        elapsed_ms: started.elapsed().as_millis(),
        checked,
        timings,
    })
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
