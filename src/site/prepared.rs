//! A checked site prepared to render for its audience ([`Prepared`]): its
//! model, its compiled theme and its leak guard, what preparing it again
//! after an edit may reuse ([`Reuse`]), and what rendering it found
//! ([`Findings`]): broken links and leaks, told as diagnostics.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::check::Checked;
use crate::content::Audience;
use crate::model;
use crate::output::{Guard, Leak, OutputFile, Sink};
use crate::render::{self, Progress, Renderer, Streaming};
use crate::theme::Theme;

use super::Findings;

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
                let guard = Guard::new(&register);
                // Prepared again after every save: most files come out
                // as they were, and need not be read again.
                let guard = Arc::new(match self.model {
                    Some(_) => guard.remembering_files(),
                    None => guard,
                });
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

    /// What [`super::check_without_rendering`] looks at: the content's links
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

#[cfg(test)]
mod tests;
