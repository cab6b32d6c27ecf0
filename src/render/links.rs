//! Internal links: templates and Markdown write `@/path/`; each page gets
//! them rewritten relative to itself, so a site works under any sub-path
//! and, with `index.html` appended (`--portable`), straight from disk.

use std::collections::{HashMap, HashSet};

/// How a page's `@/` links are written out.
#[derive(Clone, Debug)]
pub(crate) struct Relinker {
    prefix: String,
    portable: bool,
}

impl Relinker {
    /// For the page whose output file is `file` (e.g. `issues/07/index.html`).
    pub(crate) fn for_file(file: &str, portable: bool) -> Relinker {
        let depth = file.matches('/').count();
        Relinker {
            prefix: "../".repeat(depth),
            portable,
        }
    }

    /// For a page served at any depth (`404.html`): links from the site's
    /// base path, e.g. `/sanjiang/`.
    /// (Served pages only: a portable site is opened in place, not served.)
    /// The base path is escaped: it comes from configuration and lands
    /// inside attribute values.
    pub(crate) fn absolute(base_path: &str) -> Relinker {
        Relinker {
            prefix: crate::escape::escape_attribute(base_path),
            portable: false,
        }
    }

    /// The address of internal `target` (after `@/`) from this page.
    pub(crate) fn url(&self, target: &str) -> String {
        let (path, anchor) = match target.find(['#', '?']) {
            Some(at) => target.split_at(at),
            None => (target, ""),
        };
        let index = if self.portable && (path.is_empty() || path.ends_with('/')) {
            "index.html"
        } else {
            ""
        };
        let url = format!("{}{path}{index}{anchor}", self.prefix);
        if url.is_empty() || url.starts_with('#') {
            format!("./{url}")
        } else {
            url
        }
    }

    /// Rewrites every `"@/…"` attribute value in `html`.
    pub(crate) fn rewrite(&self, html: &str) -> String {
        self.rewrite_piece(html).0
    }

    /// [`Relinker::rewrite`], and whether every address in `html` ends in
    /// it: pieces rewritten apart read as the whole rewritten at once when
    /// none leaves an address open.
    pub(crate) fn rewrite_piece(&self, html: &str) -> (String, bool) {
        // Relative addresses run longer than `@/` ones: room to grow, so
        // that a big page is not copied whole as it is made.
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut rest = html;
        let mut closed = true;
        // memchr's search for the three bytes, not `str::find`'s: every
        // page and the print pack's 110 MB at a county's scale pass here.
        let finder = memchr::memmem::Finder::new(b"\"@/");
        while let Some(at) = finder.find(rest.as_bytes()) {
            out.push_str(&rest[..=at]);
            let value = &rest[at + 3..];
            let end = value.find('"').unwrap_or_else(|| {
                closed = false;
                value.len()
            });
            out.push_str(&self.url(&value[..end]));
            rest = &value[end..];
        }
        out.push_str(rest);
        (out, closed)
    }
}

/// The pages a build produces and the ids on each, to check links against.
#[derive(Debug, Default)]
pub(crate) struct LinkTargets {
    pages: HashMap<String, HashSet<String>>,
}

impl LinkTargets {
    /// Records a produced file (`issues/07/index.html`, `static/style.css`)
    /// with the ids its HTML defines (see [`ids`]; none for other files).
    pub(crate) fn add_ids(&mut self, file: &str, ids: HashSet<String>) {
        self.pages.insert(address_of(file).to_string(), ids);
    }

    /// Whether `target` (after `@/`, e.g. `issues/07/#tasks`) resolves.
    pub(crate) fn resolves(&self, target: &str) -> bool {
        let (path, anchor) = split(target);
        match self.pages.get(path) {
            None => false,
            Some(ids) => anchor
                .is_none_or(|a| a.is_empty() || ids.contains(&crate::escape::percent_decode(a))),
        }
    }
}

/// `target` (after `@/`) as the address of a page, as [`LinkTargets`]
/// records it, and the anchor on it, if any.
fn split(target: &str) -> (&str, Option<&str>) {
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    (path.strip_suffix("index.html").unwrap_or(path), anchor)
}

/// The addresses of the pages that `targets` (after `@/`) point into an
/// anchor of: only their ids need reading.
pub(crate) fn anchored<'t>(targets: impl Iterator<Item = &'t str>) -> HashSet<&'t str> {
    targets
        .filter_map(|target| match split(target) {
            (path, Some(anchor)) if !anchor.is_empty() => Some(path),
            _ => None,
        })
        .collect()
}

/// The address [`LinkTargets`] records `file` (a path in the output) under.
pub(crate) fn address_of(file: &str) -> &str {
    file.strip_suffix("index.html").unwrap_or(file)
}

/// The ids an HTML page defines, as link anchors.
pub(crate) fn ids(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|piece| piece.split('"').next())
        .map(crate::escape::unescape)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_linked_into_an_anchor_need_their_ids() {
        let targets = [
            "issues/07/#tasks",
            "issues/08/index.html?x=1#tasks",
            "list/",
            "notes/a/#",
        ];
        let wanted = anchored(targets.into_iter());
        assert_eq!(wanted, HashSet::from(["issues/07/", "issues/08/"]));
        // As a page is recorded, so it is looked for.
        assert!(wanted.contains(address_of("issues/08/index.html")));
    }

    #[test]
    fn an_absolute_base_path_cannot_end_the_attribute() {
        let relinker = Relinker::absolute("/x\"><script>alert(1)</script>/");
        let html = relinker.rewrite("<a href=\"@/list/\">清单</a>");
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.starts_with("<a href=\"/x&quot;&gt;&lt;script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn a_piece_tells_whether_an_address_runs_past_its_end() {
        let issue = Relinker::for_file("issues/07/index.html", true);
        assert_eq!(
            issue.rewrite_piece(r#"<a href="@/list/">x</a>"#),
            (r#"<a href="../../list/index.html">x</a>"#.to_string(), true)
        );
        let (_, closed) = issue.rewrite_piece(r#"<a href="@/list/"#);
        assert!(!closed, "the address may go on in the next piece");
    }

    #[test]
    fn rewrites_relative_to_the_page() {
        let issue = Relinker::for_file("issues/07/index.html", false);
        assert_eq!(
            issue.rewrite(r#"<a href="@/list/">x</a><a href="@/">h</a>"#),
            r#"<a href="../../list/">x</a><a href="../../">h</a>"#
        );
        let home = Relinker::for_file("index.html", false);
        assert_eq!(home.url(""), "./");
        assert_eq!(home.url("static/style.css"), "static/style.css");
        let portable = Relinker::for_file("index.html", true);
        assert_eq!(portable.url(""), "index.html");
        assert_eq!(
            portable.url("policy/glossary/#jiance"),
            "policy/glossary/index.html#jiance"
        );
        assert_eq!(
            Relinker::absolute("/sanjiang/").url("list/"),
            "/sanjiang/list/"
        );
    }

    #[test]
    fn checks_pages_and_anchors() {
        let mut targets = LinkTargets::default();
        targets.add_ids(
            "issues/07/index.html",
            ids(r#"<h2 id="tasks">x</h2><dt id="回头看">"#),
        );
        assert!(targets.resolves("issues/07/"));
        assert!(targets.resolves("issues/07/#tasks"));
        assert!(targets.resolves("issues/07/index.html#%E5%9B%9E%E5%A4%B4%E7%9C%8B"));
        assert!(!targets.resolves("issues/08/"));
        assert!(!targets.resolves("issues/07/#nope"));
    }
}
