//! The print pack read in pieces ([`Pack`]): the template's text cut at
//! its markers, each batch of issue blocks and notes made in parallel as
//! the reader gets to it, polished and relinked like a page, and joined
//! only where the joins read as the page made whole would.

use rayon::prelude::*;

use super::{BATCH, Beside, MARKER, Part, Piece};
use crate::render::Renderer;
use crate::render::links::Relinker;
use crate::render::pages::print_block;
use crate::render::typography::{self, Edges};

/// Why a print pack made in pieces stopped before its end.
pub(super) enum Stop {
    /// A template error.
    Failed(String),
    /// A join that would not read as the page made whole.
    Unjoined,
}

/// The print pack in pieces: the template's pieces around its markers,
/// and its blocks and notes made a batch at a time, in parallel, as the
/// pack is read. Each part is freed once copied.
pub(super) struct Pack<'r> {
    renderer: &'r Renderer,
    beside: Beside<'r>,
    relinker: Relinker,
    polish: bool,
    order: Vec<(Part, String)>,
    between: Vec<Option<Piece>>,
    /// The first part of the next batch.
    next: usize,
    started: bool,
    joins: Joins,
    /// The last batch made, and how much of it was read.
    pub(super) text: Vec<u8>,
    read: usize,
    /// Why it stopped before its end, if it did.
    pub(super) stopped: Option<Stop>,
}

impl<'r> Pack<'r> {
    /// The pack of the page at `index`, or `None` where the template's
    /// text cannot be cut at its markers.
    pub(super) fn new(
        renderer: &'r Renderer,
        index: usize,
        beside: Beside<'r>,
    ) -> Result<Option<Pack<'r>>, String> {
        let (frame, order) = renderer.frame()?;
        let markers: Vec<&str> = order.iter().map(|(_, marker)| marker.as_str()).collect();
        let Some(between) = pieces_between(&frame, &markers) else {
            return Ok(None);
        };
        let relinker = renderer.relinker(index);
        let polish = !renderer.model.keep_punctuation;
        let between = between
            .into_iter()
            .map(|text| Some(finished_piece(text, &relinker, polish)))
            .collect();
        Ok(Some(Pack {
            renderer,
            beside,
            relinker,
            polish,
            order,
            between,
            next: 0,
            started: false,
            joins: Joins::default(),
            text: Vec::new(),
            read: 0,
            stopped: None,
        }))
    }

    /// Makes the next batch into `text`: the template's first piece, then
    /// each batch of parts with the template's pieces after them. `false`
    /// at the end, or when it stopped (`stopped` says why).
    pub(super) fn fill(&mut self) -> bool {
        self.text.clear();
        self.read = 0;
        if self.stopped.is_some() {
            return false;
        }
        if !self.started {
            self.started = true;
            self.push_between(0);
            return self.joined();
        }
        if self.next >= self.order.len() {
            return false;
        }
        let (start, end) = (self.next, self.order.len().min(self.next + BATCH));
        self.next = end;
        let renderer = self.renderer;
        let (relinker, polish, beside) = (&self.relinker, self.polish, self.beside);
        let made: Vec<Result<Piece, String>> = self.order[start..end]
            .par_iter()
            .map(|(part, _)| match *part {
                Part::Block(i) => {
                    let block = print_block(
                        &renderer.tera,
                        &renderer.model,
                        &renderer.prose,
                        &renderer.figures,
                        i,
                    );
                    renderer.shown_issue(i);
                    beside(i);
                    block.map(|block| finished_piece(&block, relinker, polish))
                }
                Part::Note(i) => Ok(finished_piece(
                    &renderer.prose.note_in_pack(&renderer.model, i),
                    relinker,
                    polish,
                )),
            })
            .collect();
        for (at, piece) in (start + 1..).zip(made) {
            match piece {
                Ok(piece) => self.joins.push(&mut self.text, &piece),
                Err(text) => {
                    self.stopped = Some(Stop::Failed(text));
                    return false;
                }
            }
            self.push_between(at);
        }
        self.joined()
    }

    /// Copies the template's piece `at` in, freeing it.
    fn push_between(&mut self, at: usize) {
        if let Some(piece) = self.between[at].take() {
            self.joins.push(&mut self.text, &piece);
        }
    }

    /// Whether every join so far reads as the page made whole; when one
    /// does not, the pack stops.
    fn joined(&mut self) -> bool {
        if !self.joins.clean {
            self.stopped = Some(Stop::Unjoined);
        }
        self.joins.clean
    }
}

impl std::io::Read for Pack<'_> {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        while self.read == self.text.len() {
            if !self.fill() {
                return match self.stopped {
                    None => Ok(0),
                    Some(_) => Err(std::io::Error::other("the print pack stopped")),
                };
            }
        }
        let n = into.len().min(self.text.len() - self.read);
        into[..n].copy_from_slice(&self.text[self.read..self.read + n]);
        self.read += n;
        Ok(n)
    }
}

/// `html` polished (when `polish`) and relinked, as a page's text is.
fn finished_piece(html: &str, relinker: &Relinker, polish: bool) -> Piece {
    let (text, edges) = typography::polish_piece(html, polish);
    let (text, closed) = relinker.rewrite_piece(&text);
    (text, edges, closed)
}

/// The pieces of `frame` around its `markers`, when each is in it once, in
/// order, and nothing else in it looks like one.
fn pieces_between<'a>(frame: &'a str, markers: &[&str]) -> Option<Vec<&'a str>> {
    if frame.matches(MARKER).count() != markers.len() {
        return None;
    }
    let mut pieces = Vec::with_capacity(markers.len() + 1);
    let mut rest = frame;
    for marker in markers {
        let at = rest.find(marker)?;
        pieces.push(&rest[..at]);
        rest = &rest[at + marker.len()..];
    }
    pieces.push(rest);
    Some(pieces)
}

/// The page as its pieces are copied in, and whether every join so far
/// reads as the page made whole would.
struct Joins {
    last: Option<Edges>,
    clean: bool,
}

impl Default for Joins {
    fn default() -> Self {
        Joins {
            last: None,
            clean: true,
        }
    }
}

impl Joins {
    fn push(&mut self, page: &mut Vec<u8>, (text, edges, closed): &Piece) {
        self.clean &= *closed && self.last.is_none_or(|last| last.join(*edges));
        self.last = Some(*edges);
        if self.clean {
            page.extend_from_slice(text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages of the shapes the print pack joins: blocks between headings,
    /// Chinese text broken over lines, links, entities, verbatim text.
    const PAGES: [&str; 5] = [
        "<h2 id=\"issues\">二、问题</h2>\n<h3 class=\"group-heading\">(一)方面</h3>\n\n<section class=\"issue-block\">\n<h3>问题(1)</h3>\n<p>各村(社区),驻村\n工作队:见<a href=\"@/issues/01/#tasks\">任务</a>;</p>\n</section>\n<h2>三、</h2>",
        "<p>甲,乙</p>\n<pre>村(社区),\n工作队:</pre>\n<p>丙;丁 &amp; 戊(己)</p>",
        "前言,<b>加粗</b>\n后文:<a title=\"x\" href=\"@/list/\">清单</a>(完)",
        "<pre>\n<b>村(社区),</b>\n</pre>\n<p>完,</p>",
        "<a href=\"@/list/>清单</a>\n<p title=\"t\">尾</p>",
    ];

    #[test]
    fn pieces_that_join_read_as_the_page_made_whole() {
        let relinker = Relinker::for_file("print/index.html", false);
        let mut joined = 0;
        for page in PAGES {
            let whole = finished_piece(page, &relinker, true).0;
            for cut in (0..=page.len()).filter(|&at| page.is_char_boundary(at)) {
                let (a, b) = (
                    finished_piece(&page[..cut], &relinker, true),
                    finished_piece(&page[cut..], &relinker, true),
                );
                if a.2 && b.2 && a.1.join(b.1) {
                    assert_eq!(a.0 + &b.0, whole, "cut at {cut} of {page}");
                    joined += 1;
                }
            }
        }
        // Cuts between blocks, where the print pack joins, do join.
        assert!(joined >= 10, "only {joined} cuts joined");
    }

    #[test]
    fn a_frame_is_cut_only_where_each_marker_is_once_and_in_order() {
        let made: Vec<String> = (0..2).map(|i| format!("{MARKER}{i}-->")).collect();
        let markers: Vec<&str> = made.iter().map(String::as_str).collect();
        let frame = format!("<h1>t</h1>{}<hr>{}<p>end</p>", markers[0], markers[1]);
        assert_eq!(
            pieces_between(&frame, &markers),
            Some(vec!["<h1>t</h1>", "<hr>", "<p>end</p>"])
        );
        let swapped = format!("{}{}", markers[1], markers[0]);
        assert_eq!(pieces_between(&swapped, &markers), None);
        let twice = format!("{}{}{}", markers[0], markers[0], markers[1]);
        assert_eq!(pieces_between(&twice, &markers), None);
        let changed = format!("{}{}", markers[0].to_uppercase(), markers[1]);
        assert_eq!(pieces_between(&changed, &markers), None);
    }
}
