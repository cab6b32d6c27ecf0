//! The pages of the site: which exist, where each lives, and the helpers
//! their contexts share.

use tera::{Context, Tera};

use super::templates::error_text;
use super::views::*;
use super::{figures, prose};
use crate::export::DataFile;
use crate::model::{Model, Tally};

/// One page to produce: output file, template, navigation section.
pub(super) enum Page {
    Overview,
    Plan,
    /// One page of the rectification list: of every issue, or (`open`) of
    /// those not yet finished, the list filtered without JavaScript.
    /// `page` counts from 0, which lives at `list/` (or `list/open/`).
    List {
        open: bool,
        page: usize,
    },
    Issue(usize),
    Villages,
    Village(usize),
    Units,
    Unit(usize),
    /// Page `page` (from 0) of the notes, newest first.
    Notes {
        page: usize,
    },
    Note(usize),
    Policy,
    Explainer(usize),
    Glossary,
    /// The search page.
    Search,
    /// Page `page` (from 0) of the overdue tasks, longest overdue first.
    Overdue {
        page: usize,
    },
    Print,
    Notice(usize),
    NotFound,
    Feed,
    Sitemap,
    Robots,
    /// An open-data file: CSV, workbook, JSON and its schema.
    Data(DataFile),
}

impl Page {
    /// Whether the page holds the whole ledger (the print pack, the data
    /// files, the sitemap), so that it grows with the county rather than
    /// with one issue: tens of megabytes, seconds of one thread's work.
    pub(super) fn holds_the_ledger(&self) -> bool {
        matches!(
            self,
            Page::Print
                | Page::Sitemap
                | Page::Data(DataFile::LedgerCsv | DataFile::LedgerXlsx | DataFile::SiteJson)
        )
    }
}

/// Every page of `model`'s site in the order they are rendered and
/// listed, and how many of them, from the first, the sitemap names.
pub(super) fn every_page(model: &Model) -> (Vec<Page>, usize) {
    let mut pages = vec![Page::Overview, Page::Plan];
    for open in [false, true] {
        let listed = model.issues.iter().filter(|i| !open || !is_finished(i));
        let count = page_count(listed.count());
        pages.extend((0..count).map(|page| Page::List { open, page }));
    }
    pages.extend([Page::Villages, Page::Units]);
    let notes = page_count(model.notes.len());
    pages.extend((0..notes).map(|page| Page::Notes { page }));
    pages.extend([Page::Policy, Page::Glossary, Page::Search]);
    pages.extend((0..model.issues.len()).map(Page::Issue));
    pages.extend((0..model.villages.len()).map(Page::Village));
    pages.extend((0..model.units.len()).map(Page::Unit));
    pages.extend((0..model.notes.len()).map(Page::Note));
    pages.extend((0..model.policy.len()).map(Page::Explainer));
    let overdue = page_count(model.tasks.iter().filter(|t| t.overdue).count());
    pages.extend((0..overdue).map(|page| Page::Overdue { page }));
    pages.push(Page::Print);
    pages.extend((0..model.villages.len()).map(Page::Notice));
    let sitemapped = pages.len();
    pages.extend([Page::NotFound, Page::Feed, Page::Robots]);
    pages.extend(DataFile::ALL.map(Page::Data));
    // Search engines are told to stay away from an internal site: no sitemap.
    if model.audience == crate::model::Audience::Public {
        pages.push(Page::Sitemap);
    }
    (pages, sitemapped)
}

/// Items on one page of a long list (the rectification list's issues,
/// the overdue tasks, the notes): a county's thousands on one page made it
/// tens of megabytes, more than a phone in WeChat on a village connection
/// will open; a town's plan fits on one page.
pub(super) const PER_PAGE: usize = 100;

/// How many pages a list of `items` takes: one, however short.
pub(super) fn page_count(items: usize) -> usize {
    items.div_ceil(PER_PAGE).max(1)
}

/// Where page `page` (from 0) of the list whose first page is at `first`
/// lives: `first` itself, then `first` + `page/2/` and on.
pub(super) fn paged_address(first: &str, page: usize) -> String {
    match page {
        0 => first.to_string(),
        _ => format!("{first}page/{}/", page + 1),
    }
}

/// Whether the open list leaves `issue` out: its report's word or its
/// tasks say it is finished.
pub(super) fn is_finished(issue: &crate::model::Issue) -> bool {
    issue
        .status
        .is_some_and(|s| s.status() == crate::model::Status::Closed)
}

/// Where page `page` (from 0) of the list lives: `list/`, `list/page/2/`,
/// `list/open/`, `list/open/page/2/`.
pub(super) fn list_address(open: bool, page: usize) -> String {
    paged_address(if open { "list/open/" } else { "list/" }, page)
}

/// Overdue tasks shown on the overview; all are on `/overdue/` and the
/// pages after it.
pub(super) const OVERVIEW_OVERDUE: usize = 30;
/// Villages' small burn-ups on the overview. A county has hundreds: each
/// has its burn-up on its own page and `/villages/` compares them all,
/// so the page residents open first stays small enough for a phone.
pub(super) const OVERVIEW_MULTIPLES: usize = 24;
/// Units in the overview's status bars: a county has dozens of offices,
/// each with its page, and `/units/` compares them all.
pub(super) const OVERVIEW_UNITS: usize = 24;
/// Notes in the Atom feed: the newest, as feeds usually carry.
pub(super) const FEED_ENTRIES: usize = 50;

/// The overdue tasks' positions in the model's tasks, longest overdue
/// first, then by issue, in a stable order.
pub(super) fn overdue_order(model: &Model) -> Vec<usize> {
    let tasks = &model.tasks;
    let mut overdue: Vec<usize> = (0..tasks.len()).filter(|&i| tasks[i].overdue).collect();
    overdue.sort_by(|&a, &b| {
        let (a, b) = (&tasks[a], &tasks[b]);
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.issue.cmp(&b.issue))
    });
    overdue
}

/// The places of one kind (villages, units) the overview shows.
pub(super) struct Shown {
    /// Their positions in the model, in the order shown.
    pub places: Vec<usize>,
    /// How many of that kind have tasks.
    pub with_tasks: usize,
}

impl Shown {
    /// Whether some with tasks are left out.
    pub(super) fn is_cut(&self) -> bool {
        self.places.len() < self.with_tasks
    }
}

/// The villages whose small burn-up the overview shows: every village
/// with tasks, in the plan's order, when there are no more than
/// [`OVERVIEW_MULTIPLES`]; else that many of those furthest behind
/// ([`furthest_behind`]).
pub(super) fn overview_villages(model: &Model) -> Shown {
    let tallies: Vec<Tally> = model.villages.iter().map(|v| v.tally).collect();
    furthest_behind(&tallies, OVERVIEW_MULTIPLES)
}

/// The units in the overview's status bars, by the same rule, up to
/// [`OVERVIEW_UNITS`].
pub(super) fn overview_units(model: &Model) -> Shown {
    let tallies: Vec<Tally> = model.units.iter().map(|u| u.tally).collect();
    furthest_behind(&tallies, OVERVIEW_UNITS)
}

/// The places of `tallies` with tasks: all, in the plan's order, when
/// there are no more than `most`; else the `most` furthest behind, the
/// most tasks overdue first, then the smallest share closed, then in the
/// plan's order.
fn furthest_behind(tallies: &[Tally], most: usize) -> Shown {
    let mut places: Vec<usize> = (0..tallies.len())
        .filter(|&i| tallies[i].total > 0)
        .collect();
    let with_tasks = places.len();
    if with_tasks > most {
        places.sort_by(|&a, &b| {
            let (a, b) = (&tallies[a], &tallies[b]);
            // closed / total compared without division: both totals are > 0.
            b.overdue
                .cmp(&a.overdue)
                .then((a.closed * b.total).cmp(&(b.closed * a.total)))
        });
        places.truncate(most);
    }
    Shown { places, with_tasks }
}

/// The page's address under the site root: `issues/07/`, `feed.xml`, `` for home.
pub(super) fn address(model: &Model, page: &Page) -> String {
    match page {
        Page::Overview => String::new(),
        Page::Plan => "plan/".into(),
        Page::List { open, page } => list_address(*open, *page),
        Page::Issue(i) => format!("issues/{}/", model.issues[*i].slug),
        Page::Villages => "villages/".into(),
        Page::Village(i) => format!("villages/{}/", model.villages[*i].id),
        Page::Units => "units/".into(),
        Page::Unit(i) => format!("units/{}/", model.units[*i].id),
        Page::Notes { page } => paged_address("notes/", *page),
        Page::Note(i) => format!("notes/{}/", model.notes[*i].slug),
        Page::Policy => "policy/".into(),
        Page::Explainer(i) => format!("policy/{}/", model.policy[*i].slug),
        Page::Glossary => "policy/glossary/".into(),
        Page::Search => "search/".into(),
        Page::Print => "print/".into(),
        Page::Notice(i) => format!("villages/{}/notice/", model.villages[*i].id),
        Page::NotFound => "404.html".into(),
        Page::Overdue { page } => paged_address("overdue/", *page),
        Page::Feed => "feed.xml".into(),
        Page::Sitemap => "sitemap.xml".into(),
        Page::Robots => "robots.txt".into(),
        Page::Data(data) => data.path().into(),
    }
}

/// What the navigation marks as the current section: `list`, `villages`…,
/// or nothing. Titles and breadcrumbs are the templates' own.
pub(super) fn section(section: &'static str) -> PageMeta {
    PageMeta { section }
}

/// What the print pack's template is given for its issue blocks and its
/// notes' text: the blocks themselves (the page made whole), or a marker
/// where each block and each note's text goes (the page made in pieces:
/// see `print`).
#[derive(Clone, Copy, Default)]
pub(super) struct PrintParts<'a> {
    /// One per issue, in order.
    pub(super) blocks: &'a [String],
    /// One per note, in the model's order, in place of its text; `None`
    /// for the notes' own text.
    pub(super) notes: Option<&'a [String]>,
}

/// One issue of the print pack, rendered on its own so the pack's issues
/// render in parallel (a county pack holds thousands).
pub(super) fn print_block(
    tera: &Tera,
    model: &Model,
    prose: &prose::Prose,
    figures: &figures::Figures,
    i: usize,
) -> Result<String, String> {
    let issue = &model.issues[i];
    let html = prose.issue(model, i);
    let charts = figures.indicators(model, i);
    let view = PrintIssue {
        number: issue.number,
        slug: &issue.slug,
        title: &issue.title,
        finding: &html.finding,
        measures: measure_views(issue, &html),
        label: issue.label.as_deref(),
        target: issue.target.as_deref(),
        deadline: issue.deadline,
        deadline_text: &issue.deadline_text,
        lead_units: &issue.lead_units,
        units: &issue.units,
        villages: &issue.villages,
        status: issue.status,
        status_word: &issue.status_word,
        progress: html.progress.as_deref(),
        tally: issue.tally,
        charts: &charts,
        // The latest three updates, newest last as in the ledger.
        updates: issue
            .updates
            .iter()
            .zip(&html.updates)
            .rev()
            .take(3)
            .rev()
            .map(|(u, html)| DatedHtml { date: u.date, html })
            .collect(),
    };
    let mut context = Context::new();
    context.insert("issue", &view);
    tera.render("print_issue.html", &context)
        .map_err(|e| error_text(&e))
}

/// An issue's measures with their HTML.
pub(super) fn measure_views<'a>(
    issue: &'a crate::model::Issue,
    html: &'a prose::IssueProse,
) -> Vec<MeasureView<'a>> {
    issue
        .measures
        .iter()
        .zip(&html.measures)
        .map(|(m, html)| MeasureView {
            number: m.number,
            label: &m.label,
            heading: m.heading.as_deref(),
            status: m.status,
            tally: m.tally,
            units: &m.units,
            html,
        })
        .collect()
}

/// The glossary with its HTML.
pub(super) fn term_views<'a>(model: &'a Model, prose: &'a prose::Prose) -> Vec<TermView<'a>> {
    model
        .glossary
        .iter()
        .zip(prose.terms(model))
        .map(|(t, html)| TermView {
            term: &t.term,
            id: &t.id,
            aliases: &t.aliases,
            policy: t.policy.as_deref(),
            html,
        })
        .collect()
}

/// Where the as-of date falls on the phase timeline, in per cent.
pub(super) fn as_of_percent(model: &Model) -> Option<f64> {
    let start = model.phases.iter().map(|p| p.start).min()?;
    let end = model.phases.iter().map(|p| p.end).max()?;
    let span = start.days_until(end) + 1;
    let at = start.days_until(model.as_of);
    (span > 0 && (0..span).contains(&at)).then(|| (at as f64 * 1000.0 / span as f64).round() / 10.0)
}
