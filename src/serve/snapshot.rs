//! What `serve` serves: versions of the site (a model ready to render,
//! and the files kept from it), the one served now and the one to fall
//! back on, and how a problem found in one is told.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::kept::Kept;
use crate::diagnostics::{Diagnostics, Lang, Severity, SourceMap, render};
use crate::site::{Findings, Prepared, Refused};

/// One version of the site: a model ready to render, and the files kept
/// from it so far (those asked for, and the big ones its check rendered).
pub(super) struct Snapshot {
    pub(super) prepared: Prepared,
    /// The language of what the guard reports.
    pub(super) lang: Lang,
    pub(super) files: Kept,
    /// Set when an edit makes this snapshot old: its background check stops.
    pub(super) stop: AtomicBool,
}

/// Why a file could not be served.
pub(super) enum Unservable {
    /// The site has no such file.
    Missing,
    /// Rendering failed or the guard stopped it; the text says why.
    Failed(String),
}

impl Snapshot {
    /// The file at `path`, rendered (and guarded) on first request.
    pub(super) fn file(&self, path: &str) -> Result<Arc<Vec<u8>>, Unservable> {
        if let Some(bytes) = self.files.get(path) {
            return Ok(bytes);
        }
        match self.prepared.file(path).ok_or(Unservable::Missing)? {
            Ok(file) => Ok(self.files.keep(file)),
            Err(Refused::Template(text)) => {
                Err(Unservable::Failed(format!("template error: {text}")))
            }
            Err(Refused::Leaks(findings)) => {
                Err(Unservable::Failed(leak_text(&findings, self.lang)))
            }
        }
    }
}

/// What is served: the newest site and what is wrong with the content.
#[derive(Default)]
pub(super) struct State {
    /// The site served now.
    pub(super) site: Option<Arc<Snapshot>>,
    /// The site served before `site`, kept until `site` passes the
    /// whole-site check and served again if it fails. It passed that check
    /// itself, or was replaced before its check ended (its pages are still
    /// guarded one by one as they are served). It keeps its model but not
    /// its files, which render again should it be served again.
    pub(super) fallback: Option<Arc<Snapshot>>,
    /// The diagnostics to show over every page, while the content is broken.
    pub(super) overlay: Option<String>,
}

/// The errors among `diagnostics`, as `check` prints them.
pub(super) fn error_text(diagnostics: &Diagnostics, sources: &SourceMap, lang: Lang) -> String {
    diagnostics
        .sorted(sources)
        .into_iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| render(d, sources, lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The E090 diagnostics of what the guard found, quoting the pages.
pub(super) fn leak_text(findings: &Findings, lang: Lang) -> String {
    let mut pages = SourceMap::default();
    let leaks = findings.leak_diagnostics(&mut pages, Path::new(""));
    error_text(&leaks, &pages, lang)
}
