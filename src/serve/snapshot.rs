//! What `serve` serves: versions of the site (a model ready to render,
//! and the files kept from it), the one served now and the one to fall
//! back on, and how a problem found in one is told.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::diagnostics::{Diagnostics, Lang, Severity, SourceMap, render};
use crate::output::{Memory, OutputFile, Sink};
use crate::site::{Findings, Prepared, Refused};

/// One version of the site: a model ready to render, and the files kept
/// from it so far (those asked for, and the big ones its check rendered).
pub(super) struct Snapshot {
    pub(super) prepared: Prepared,
    /// The language of what the guard reports.
    pub(super) lang: Lang,
    pub(super) files: Memory,
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

/// Files at least this big are kept once the background check has
/// rendered them: at county scale the print pack, `site.json` and the
/// lists take seconds to render again. Any smaller page renders again in
/// about a millisecond when it is asked for; kept, a 10,000-issue site's
/// small pages held 480 MB for the site served and as much again for the
/// one kept to fall back on.
pub(super) const KEPT_FROM: usize = 1 << 20;

/// The background check's sink: keeps in the snapshot's files what would
/// be slow to render again, and lets the rest go once guarded.
pub(super) struct Costly<'a>(pub(super) &'a Memory);

impl Sink for Costly<'_> {
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        if file.bytes.len() >= KEPT_FROM {
            self.0.keep(file);
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_check_keeps_only_what_is_slow_to_render_again() {
        let files = Memory::default();
        let sink = Costly(&files);
        for (path, size) in [
            ("issues/07/index.html", 20_000),
            ("print/index.html", KEPT_FROM),
        ] {
            let file = OutputFile {
                path: path.into(),
                bytes: vec![b'x'; size],
            };
            sink.put(file).expect("memory takes every file");
        }
        assert!(files.get("issues/07/index.html").is_none());
        assert_eq!(
            files.get("print/index.html").map(|b| b.len()),
            Some(KEPT_FROM)
        );
    }
}
