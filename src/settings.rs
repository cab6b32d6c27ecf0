//! The settings a build runs under — as-of date, base URL, audience,
//! portable links, language — merged once from the command line and
//! `site.yaml`, before anything is validated, and read by every stage after.

use crate::content::{Audience, Content, DocumentKind};
use crate::date::Date;
use crate::diagnostics::Lang;

/// What the command line sets; `None` and the defaults leave `site.yaml`'s.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Given {
    /// `--as-of`: overrides `as_of` in site.yaml.
    pub as_of: Option<Date>,
    /// `--base-url`: overrides `base_url` in site.yaml (already checked to
    /// be an absolute `http(s)://` address).
    pub base_url: Option<String>,
    /// `--audience`: public unless asked otherwise.
    pub audience: Audience,
    /// `--portable`: links ending in `index.html`, for opening from disk.
    pub portable: bool,
    /// `--lang`: the language of messages (not of the site).
    pub lang: Lang,
}

/// The date a build judges deadlines and progress against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOf {
    /// Stated by `--as-of` or site.yaml, or the day a report is dated.
    Stated(Date),
    /// Nothing is judged against a date (no tasks, phases or milestones):
    /// pages leave it out, and this date (the document's, or 1970-01-01
    /// when it has none) only orders the feed.
    Unneeded(Date),
    /// Tasks, phases or milestones need a date and none was given: checks
    /// against it are skipped with a warning, and the site cannot be built.
    Missing,
}

impl AsOf {
    /// The stated date, the one validation judges against.
    pub fn stated(self) -> Option<Date> {
        match self {
            AsOf::Stated(date) => Some(date),
            _ => None,
        }
    }

    /// The date pages are built with, if the site can be built.
    pub fn for_pages(self) -> Option<Date> {
        match self {
            AsOf::Stated(date) | AsOf::Unneeded(date) => Some(date),
            AsOf::Missing => None,
        }
    }
}

/// The command line merged over site.yaml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The date of the figures.
    pub as_of: AsOf,
    /// The site's address, always ending in `/`: `--base-url`, else
    /// site.yaml's, else `/`.
    pub base_url: String,
    /// Whether the command line gave the address, so site.yaml need not.
    pub base_url_given: bool,
    /// Who the build is for.
    pub audience: Audience,
    /// Links ending in `index.html`.
    pub portable: bool,
    /// The language of messages.
    pub lang: Lang,
}

impl Settings {
    /// Merges `given` over what `content`'s site.yaml says. The wall clock
    /// is never read, so a build is the same whenever it runs.
    pub fn merge(content: &Content, given: &Given) -> Settings {
        let site = content.site.as_ref();
        let yaml_url = site
            .and_then(|s| s.base_url.as_ref())
            .map(|u| u.value.as_str());
        Settings {
            as_of: as_of(content, given.as_of),
            base_url: with_slash(given.base_url.as_deref().or(yaml_url).unwrap_or("/")),
            base_url_given: given.base_url.is_some(),
            audience: given.audience,
            portable: given.portable,
            lang: given.lang,
        }
    }
}

/// `--as-of` if given, else site.yaml's; for a report dated to the day,
/// that day (its figures stand as of when it was written, 截至目前); else
/// a date only for ordering, when nothing needs one.
fn as_of(content: &Content, given: Option<Date>) -> AsOf {
    let site = content.site.as_ref();
    let document = site.map(|s| &s.document);
    let stated = given
        .or_else(|| site.and_then(|s| s.as_of.as_ref()).map(|d| d.value))
        .or_else(|| {
            let document = document?;
            let date = &document.date.as_ref()?.value;
            (document.kind == DocumentKind::Report && date.day.is_some()).then(|| date.first_day())
        });
    match stated {
        Some(date) => AsOf::Stated(date),
        None if content.needs_as_of() => AsOf::Missing,
        None => AsOf::Unneeded(
            document
                .and_then(|d| d.date.as_ref())
                .map_or(Date::EPOCH, |d| d.value.first_day()),
        ),
    }
}

/// `base` with one trailing `/`, so that page paths can be appended.
fn with_slash(base: &str) -> String {
    let base = base.trim();
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}
