//! What the files read by programs are given: the notes' feed, the
//! sitemap and robots.txt.

use super::PageContext;
use crate::render::pages::FEED_ENTRIES;
use crate::render::views::*;

impl PageContext<'_> {
    pub(super) fn feed(&mut self) -> &'static str {
        let model = self.model;
        let prose = self.prose;
        let absolute = format!("\"{}", model.base_url);
        let entries: Vec<FeedEntry<'_>> = model
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| (n, prose.note(model, i)))
            .take(FEED_ENTRIES)
            .map(|(n, html)| FeedEntry {
                title: &n.title,
                slug: &n.slug,
                date: n.date,
                kind: n.kind,
                html: html.replace("\"@/", &absolute),
            })
            .collect();
        let updated = model
            .notes
            .iter()
            .map(|n| n.date)
            .max()
            .or(model.document.day)
            .unwrap_or(model.as_of);
        self.put("notes", &entries);
        self.put("updated", &updated);
        "feed.xml"
    }

    pub(super) fn sitemap(&mut self) -> &'static str {
        let sitemap = self.sitemap;
        self.put("paths", &sitemap);
        "sitemap.xml"
    }

    pub(super) fn robots(&mut self) -> &'static str {
        "robots.txt"
    }
}
