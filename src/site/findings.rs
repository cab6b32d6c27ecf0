//! What rendering a whole site found wrong ([`Findings`]): content links
//! to nowhere and leaks, told as diagnostics at their place in the
//! content or in the output.

use std::path::Path;

use crate::diagnostics::{Diagnostics, Problem, SourceMap, Span};
use crate::output::{Leak, OutputFile};
use crate::render::BrokenLink;

/// What rendering a whole site found wrong, and how much it produced.
#[derive(Debug, Default)]
pub struct Findings {
    /// HTML pages handed to the sink.
    pub pages: usize,
    /// Files handed to the sink.
    pub files: usize,
    /// Content links that lead nowhere.
    pub(super) broken_links: Vec<BrokenLink>,
    /// Files the guard stopped, with what it found in each.
    pub(super) leaks: Vec<(OutputFile, Vec<Leak>)>,
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
                    file: if leak.in_text() { in_text } else { outside },
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
