//! Rendering: the model through the theme's Tera templates into the files
//! of the site, in parallel and deterministically. Nothing here reads or
//! writes files; [`crate::site`] does that.

mod figures;
mod links;
mod prose;
mod qr;
mod views;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Span;
use crate::model::Model;
use crate::theme::Theme;

pub(crate) use links::percent_decode;
use links::{LinkTargets, Relinker};
use views::*;

/// Pages rendered and pages to render in the current build, for progress bars.
static PROGRESS: (AtomicUsize, AtomicUsize) = (AtomicUsize::new(0), AtomicUsize::new(0));

/// `(pages rendered, pages in all)` of the build under way (0, 0 before rendering).
pub fn progress() -> (usize, usize) {
    (
        PROGRESS.0.load(Ordering::Relaxed),
        PROGRESS.1.load(Ordering::Relaxed),
    )
}

/// How to render.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Links end in `index.html`, so the site works opened from disk.
    pub portable: bool,
}

/// A file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// A link in content to a page or anchor the build does not produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Where the Markdown text containing it starts.
    pub origin: Span,
    /// Line of the link within that text, 0 for the first.
    pub line_in_text: u32,
    /// The target as written, `@/` form.
    pub target: String,
}

/// The rendered site.
#[derive(Debug)]
pub struct Rendered {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
    /// Content links that lead nowhere.
    pub broken_links: Vec<BrokenLink>,
}

/// One page to produce: output file, template, navigation section.
enum Page {
    Overview,
    List,
    Issue(usize),
    Villages,
    Village(usize),
    Units,
    Unit(usize),
    Notes,
    Note(usize),
    Policy,
    Explainer(usize),
    Glossary,
    Overdue,
    Print,
    Notice(usize),
    NotFound,
    Feed,
    Sitemap,
    Robots,
}

/// Renders the whole site. Errors are template errors (a site's override
/// with a mistake, or a theme bug), with the template's line and column.
pub fn render(model: &Model, theme: &Theme, options: Options) -> Result<Rendered, String> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str())),
    )
    .map_err(|e| error_text(&e))?;
    tera.global_context().insert("site", &SiteView::new(model));
    let (prose, figures) = rayon::join(|| prose::render(model), || figures::draw(model));

    let mut pages = vec![
        Page::Overview,
        Page::List,
        Page::Villages,
        Page::Units,
        Page::Notes,
        Page::Policy,
        Page::Glossary,
    ];
    pages.extend((0..model.issues.len()).map(Page::Issue));
    pages.extend((0..model.villages.len()).map(Page::Village));
    pages.extend((0..model.units.len()).map(Page::Unit));
    pages.extend((0..model.notes.len()).map(Page::Note));
    pages.extend((0..model.policy.len()).map(Page::Explainer));
    pages.push(Page::Overdue);
    pages.push(Page::Print);
    pages.extend((0..model.villages.len()).map(Page::Notice));
    let sitemap_paths: Vec<String> = pages.iter().map(|p| address(model, p)).collect();
    pages.extend([Page::NotFound, Page::Feed, Page::Robots]);
    // Search engines are told to stay away from an internal site: no sitemap.
    if model.audience != "internal" {
        pages.push(Page::Sitemap);
    }

    let print_blocks = (0..model.issues.len())
        .into_par_iter()
        .map(|i| print_block(&tera, model, &prose, &figures, i))
        .collect::<Result<Vec<_>, _>>()?;
    let base_path = base_path(&model.base_url);
    PROGRESS.0.store(0, Ordering::Relaxed);
    PROGRESS.1.store(pages.len(), Ordering::Relaxed);
    let rendered: Vec<Result<OutputFile, String>> = pages
        .par_iter()
        .map(|page| {
            let (template, context) =
                context(model, &prose, &figures, page, &sitemap_paths, &print_blocks);
            let text = tera
                .render(template, &context)
                .map_err(|e| error_text(&e))?;
            let address = address(model, page);
            let path = if address.is_empty() || address.ends_with('/') {
                format!("{address}index.html")
            } else {
                address
            };
            let text = if template.ends_with(".html") {
                let relinker = match page {
                    // Servers show 404.html at any depth; from disk it is opened in place.
                    Page::NotFound if !options.portable => Relinker::absolute(&base_path, false),
                    _ => Relinker::for_file(&path, options.portable),
                };
                relinker.rewrite(&text)
            } else {
                text
            };
            PROGRESS.0.fetch_add(1, Ordering::Relaxed);
            Ok(OutputFile {
                path,
                bytes: text.into_bytes(),
            })
        })
        .collect();
    let mut files = rendered.into_iter().collect::<Result<Vec<_>, _>>()?;
    files.extend(theme.statics.iter().map(|(path, bytes)| OutputFile {
        path: format!("static/{path}"),
        bytes: bytes.clone(),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let mut targets = LinkTargets::default();
    for file in &files {
        let html = file
            .path
            .ends_with(".html")
            .then(|| std::str::from_utf8(&file.bytes).unwrap_or_default());
        targets.add(&file.path, html);
    }
    let broken_links = prose
        .links
        .iter()
        .filter(|(_, _, target)| !targets.resolves(target.trim_start_matches("@/")))
        .map(|(origin, line, target)| BrokenLink {
            origin: *origin,
            line_in_text: *line,
            target: target.clone(),
        })
        .collect();
    Ok(Rendered {
        files,
        broken_links,
    })
}

/// Overdue tasks shown on the overview; all are on `/overdue/`.
const OVERVIEW_OVERDUE: usize = 30;
/// Notes in the Atom feed: the newest, as feeds usually carry.
const FEED_ENTRIES: usize = 50;

/// Overdue tasks, longest overdue first, then by issue, in a stable order.
fn overdue_tasks(model: &Model) -> Vec<&crate::model::Task> {
    let mut overdue: Vec<_> = model.tasks.iter().filter(|t| t.overdue).collect();
    overdue.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.issue.cmp(&b.issue))
    });
    overdue
}

/// The page's address under the site root: `issues/07/`, `feed.xml`, `` for home.
fn address(model: &Model, page: &Page) -> String {
    match page {
        Page::Overview => String::new(),
        Page::List => "list/".into(),
        Page::Issue(i) => format!("issues/{}/", model.issues[*i].slug),
        Page::Villages => "villages/".into(),
        Page::Village(i) => format!("villages/{}/", model.villages[*i].id),
        Page::Units => "units/".into(),
        Page::Unit(i) => format!("units/{}/", model.units[*i].id),
        Page::Notes => "notes/".into(),
        Page::Note(i) => format!("notes/{}/", model.notes[*i].slug),
        Page::Policy => "policy/".into(),
        Page::Explainer(i) => format!("policy/{}/", model.policy[*i].slug),
        Page::Glossary => "policy/glossary/".into(),
        Page::Print => "print/".into(),
        Page::Notice(i) => format!("villages/{}/notice/", model.villages[*i].id),
        Page::NotFound => "404.html".into(),
        Page::Overdue => "overdue/".into(),
        Page::Feed => "feed.xml".into(),
        Page::Sitemap => "sitemap.xml".into(),
        Page::Robots => "robots.txt".into(),
    }
}

fn meta(title: &str, section: &'static str, crumbs: Vec<Crumb>) -> PageMeta {
    PageMeta {
        title: title.to_string(),
        section,
        crumbs,
    }
}

/// The template and context of a page.
fn context(
    model: &Model,
    prose: &prose::Prose,
    figures: &figures::Figures,
    page: &Page,
    sitemap: &[String],
    print_blocks: &[String],
) -> (&'static str, Context) {
    let mut c = Context::new();
    let mut put = |key: &'static str, value: &dyn erased::Value| value.insert_into(&mut c, key);
    let template = match page {
        Page::Overview => {
            put("page", &meta("总览", "overview", Vec::new()));
            let phases: Vec<PhaseView<'_>> = model
                .phases
                .iter()
                .map(|p| PhaseView {
                    name: &p.name,
                    start: p.start,
                    end: p.end,
                    when: p.when,
                    days: p.start.days_until(p.end) + 1,
                })
                .collect();
            put("as_of_percent", &as_of_percent(model));
            put("phases", &phases);
            put("milestones", &model.milestones);
            put("villages", &model.villages);
            // The longest overdue first; the overview shows the worst few, the
            // overdue page all of them.
            let overdue = overdue_tasks(model);
            put("overdue_total", &overdue.len());
            put(
                "overdue",
                &overdue.iter().take(OVERVIEW_OVERDUE).collect::<Vec<_>>(),
            );
            let latest: Vec<_> = model.notes.iter().take(5).collect();
            put("latest_notes", &latest);
            put("villages_charts", &figures.villages);
            put("units_charts", &figures.units);
            put("matrix_charts", &figures.matrix);
            let multiples: Vec<_> = model
                .villages
                .iter()
                .zip(&figures.village)
                .filter_map(|(v, (_, _, small))| small.as_ref().map(|c| (v, c)))
                .map(|(v, c)| Multiple {
                    village: v,
                    chart: c,
                })
                .collect();
            put("multiples", &multiples);
            "index.html"
        }
        Page::List => {
            put(
                "page",
                &meta("整改清单", "list", vec![Crumb::here("整改清单")]),
            );
            let rows: Vec<ListRow<'_>> = model.issues.iter().map(ListRow::from).collect();
            put("issues", &rows);
            "list.html"
        }
        Page::Issue(i) => {
            let issue = &model.issues[*i];
            let html = &prose.issues[*i];
            put(
                "page",
                &meta(
                    &format!("问题{}:{}", issue.number, issue.title),
                    "list",
                    vec![
                        Crumb::link("整改清单", "@/list/"),
                        Crumb::here(&format!("问题{}", issue.number)),
                    ],
                ),
            );
            put("issue", issue);
            put("finding", &html.finding);
            let measures: Vec<MeasureView<'_>> = issue
                .measures
                .iter()
                .zip(&html.measures)
                .map(|(m, html)| MeasureView {
                    number: m.number,
                    label: &m.label,
                    status: m.status,
                    tally: m.tally,
                    units: &m.units,
                    html,
                })
                .collect();
            put("measures", &measures);
            let updates: Vec<DatedHtml<'_>> = issue
                .updates
                .iter()
                .zip(&html.updates)
                .map(|(u, html)| DatedHtml { date: u.date, html })
                .collect();
            put("updates", &updates);
            put("tasks", &tasks(model, &issue.tasks));
            put("notes", &notes(model, &issue.notes));
            put("indicator_charts", &figures.indicators[*i]);
            "issue.html"
        }
        Page::Villages => {
            put(
                "page",
                &meta("村(社区)", "villages", vec![Crumb::here("村(社区)")]),
            );
            put("villages", &model.villages);
            put("villages_charts", &figures.villages);
            put("matrix_charts", &figures.matrix);
            "villages.html"
        }
        Page::Village(i) => {
            let village = &model.villages[*i];
            put(
                "page",
                &meta(
                    &village.name,
                    "villages",
                    vec![
                        Crumb::link("村(社区)", "@/villages/"),
                        Crumb::here(&village.name),
                    ],
                ),
            );
            put("village", village);
            put("tasks", &tasks(model, &village.tasks));
            put("issues", &issue_links(model, &village.issues));
            put("notes", &notes(model, &village.notes));
            put("bar_chart", &figures.village[*i].0);
            put("burnup_chart", &figures.village[*i].1);
            "village.html"
        }
        Page::Units => {
            put(
                "page",
                &meta("责任单位", "units", vec![Crumb::here("责任单位")]),
            );
            put("units", &model.units);
            put("units_charts", &figures.units);
            "units.html"
        }
        Page::Unit(i) => {
            let unit = &model.units[*i];
            put(
                "page",
                &meta(
                    &unit.name,
                    "units",
                    vec![Crumb::link("责任单位", "@/units/"), Crumb::here(&unit.name)],
                ),
            );
            put("unit", unit);
            let all = tasks(model, &unit.tasks);
            let overdue: Vec<_> = all.iter().copied().filter(|t| t.overdue).collect();
            put("tasks", &all);
            put("overdue", &overdue);
            put("issues", &issue_links(model, &unit.issues));
            put("bar_chart", &figures.unit[*i]);
            "unit.html"
        }
        Page::Notes => {
            put(
                "page",
                &meta("工作动态", "notes", vec![Crumb::here("工作动态")]),
            );
            put("notes", &model.notes);
            "notes.html"
        }
        Page::Note(i) => {
            let note = &model.notes[*i];
            put(
                "page",
                &meta(
                    &note.title,
                    "notes",
                    vec![
                        Crumb::link("工作动态", "@/notes/"),
                        Crumb::here(&note.title),
                    ],
                ),
            );
            put("note", note);
            put("body", &prose.notes[*i]);
            put("issues", &issue_links(model, &note.issues));
            "note.html"
        }
        Page::Policy => {
            put(
                "page",
                &meta("政策解读", "policy", vec![Crumb::here("政策解读")]),
            );
            put("pages", &model.policy);
            put("term_count", &model.glossary.len());
            "policy.html"
        }
        Page::Explainer(i) => {
            let policy = &model.policy[*i];
            put(
                "page",
                &meta(
                    &policy.title,
                    "policy",
                    vec![
                        Crumb::link("政策解读", "@/policy/"),
                        Crumb::here(&policy.title),
                    ],
                ),
            );
            put("policy", policy);
            put("body", &prose.policy[*i]);
            "policy_page.html"
        }
        Page::Glossary => {
            put(
                "page",
                &meta(
                    "名词解释",
                    "policy",
                    vec![
                        Crumb::link("政策解读", "@/policy/"),
                        Crumb::here("名词解释"),
                    ],
                ),
            );
            let terms: Vec<TermView<'_>> = model
                .glossary
                .iter()
                .zip(&prose.terms)
                .map(|(t, html)| TermView {
                    term: &t.term,
                    id: &t.id,
                    aliases: &t.aliases,
                    policy: t.policy.as_deref(),
                    html,
                })
                .collect();
            put("terms", &terms);
            "glossary.html"
        }
        Page::Print => {
            put("page", &meta("整改工作汇报材料", "", Vec::new()));
            put(
                "issues",
                &model.issues.iter().map(IssueLink::from).collect::<Vec<_>>(),
            );
            put("issue_blocks", &print_blocks);
            put("villages", &model.villages);
            put("villages_charts", &figures.villages);
            put("matrix_charts", &figures.matrix);
            let notes: Vec<NoteHtml<'_>> = model
                .notes
                .iter()
                .zip(&prose.notes)
                .rev()
                .map(|(n, html)| NoteHtml {
                    slug: &n.slug,
                    title: &n.title,
                    date: n.date,
                    html,
                })
                .collect();
            put("notes", &notes);
            let terms: Vec<TermView<'_>> = model
                .glossary
                .iter()
                .zip(&prose.terms)
                .map(|(t, html)| TermView {
                    term: &t.term,
                    id: &t.id,
                    aliases: &t.aliases,
                    policy: t.policy.as_deref(),
                    html,
                })
                .collect();
            put("terms", &terms);
            "print.html"
        }
        Page::Notice(i) => {
            let village = &model.villages[*i];
            put(
                "page",
                &meta(&format!("{}整改情况公示", village.name), "", Vec::new()),
            );
            put("village", village);
            put("tasks", &tasks(model, &village.tasks));
            let url = format!("{}villages/{}/", model.base_url, village.id);
            // A QR code is only worth printing when it leads somewhere from a phone.
            let absolute =
                model.base_url.starts_with("https://") || model.base_url.starts_with("http://");
            put(
                "qr",
                &if absolute {
                    qr::qr_svg(&url)
                } else {
                    String::new()
                },
            );
            put("url", &url);
            "notice.html"
        }
        Page::NotFound => {
            put("page", &meta("页面不存在", "", Vec::new()));
            "404.html"
        }
        Page::Overdue => {
            put(
                "page",
                &meta("逾期任务", "overview", vec![Crumb::here("逾期任务")]),
            );
            put("overdue", &overdue_tasks(model));
            "overdue.html"
        }
        Page::Feed => {
            let absolute = format!("\"{}", model.base_url);
            let entries: Vec<FeedEntry<'_>> = model
                .notes
                .iter()
                .zip(&prose.notes)
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
                .unwrap_or(model.document.date);
            put("notes", &entries);
            put("updated", &updated);
            "feed.xml"
        }
        Page::Sitemap => {
            put("paths", &sitemap);
            "sitemap.xml"
        }
        Page::Robots => "robots.txt",
    };
    (template, c)
}

/// One issue of the print pack, rendered on its own so the pack's issues
/// render in parallel (a county pack holds thousands).
fn print_block(
    tera: &Tera,
    model: &Model,
    prose: &prose::Prose,
    figures: &figures::Figures,
    i: usize,
) -> Result<String, String> {
    let issue = &model.issues[i];
    let html = &prose.issues[i];
    let view = PrintIssue {
        number: issue.number,
        slug: &issue.slug,
        title: &issue.title,
        finding: &html.finding,
        measures: issue
            .measures
            .iter()
            .zip(&html.measures)
            .map(|(m, html)| MeasureView {
                number: m.number,
                label: &m.label,
                status: m.status,
                tally: m.tally,
                units: &m.units,
                html,
            })
            .collect(),
        target: issue.target.as_deref(),
        deadline: issue.deadline,
        ongoing: issue.ongoing,
        units: &issue.units,
        villages: &issue.villages,
        status: issue.status,
        tally: issue.tally,
        charts: &figures.indicators[i],
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

/// Where the as-of date falls on the phase timeline, in per cent.
fn as_of_percent(model: &Model) -> Option<f64> {
    let start = model.phases.iter().map(|p| p.start).min()?;
    let end = model.phases.iter().map(|p| p.end).max()?;
    let span = start.days_until(end) + 1;
    let at = start.days_until(model.as_of);
    (span > 0 && (0..span).contains(&at)).then(|| (at as f64 * 1000.0 / span as f64).round() / 10.0)
}

/// The path part of the base URL, `/sanjiang/` for `https://x.org/sanjiang/`.
fn base_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or_else(|| "/".to_string(), |at| rest[at..].to_string()),
        None => base_url.to_string(),
    }
}

/// A Tera error with its causes, which carry the template's line and column.
fn error_text(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(text, "\n  caused by: {cause}");
        source = cause.source();
    }
    text
}

/// Inserting values of different types into a context through one closure.
mod erased {
    use super::{Context, Serialize};

    pub(super) trait Value {
        fn insert_into(&self, context: &mut Context, key: &'static str);
    }

    impl<T: Serialize + ?Sized> Value for T {
        fn insert_into(&self, context: &mut Context, key: &'static str) {
            context.insert(key, self);
        }
    }
}
