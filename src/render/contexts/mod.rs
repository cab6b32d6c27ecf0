//! What each page's template is given: one method per kind of page; the
//! paper pages' in [`paper`], those of the files programs read in [`files`].

mod files;
mod paper;

use tera::Context;

use super::pages::*;
use super::pagination::Pagination;
use super::templates::erased;
use super::views::*;
use super::village_tasks::{VillageTasks, listed};
use super::{figures, prose};
use crate::model::{Model, Status, Task};

/// What a page's template is given, built by one method per kind of page.
struct PageContext<'a> {
    model: &'a Model,
    prose: &'a prose::Prose,
    figures: &'a figures::Figures,
    village_tasks: &'a VillageTasks,
    sitemap: &'a [String],
    /// The overdue tasks' positions, longest overdue first.
    overdue: &'a [usize],
    print: PrintParts<'a>,
    stylesheet: &'a str,
    context: Context,
}

impl PageContext<'_> {
    fn put(&mut self, key: &'static str, value: &dyn erased::Value) {
        value.insert_into(&mut self.context, key);
    }

    fn overview(&mut self) -> &'static str {
        let model = self.model;
        let figures = self.figures;
        self.put("page", &section("overview"));
        self.put("groups", &model.groups);
        self.put("issue_statuses", &model.issue_statuses);
        // Issues whose status neither a word nor a task states.
        let stated: usize = model.issue_statuses.iter().map(|c| c.count).sum();
        self.put("issues_unstated", &(model.issues.len() - stated));
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
        self.put("as_of_percent", &as_of_percent(model));
        self.put("phases", &phases);
        self.put("milestones", &model.milestones);
        self.put("villages", &model.villages);
        // The longest overdue first; the overview shows the worst few, the
        // overdue pages all of them, a hundred to a page.
        self.put("overdue_total", &self.overdue.len());
        let worst: Vec<&Task> = self.overdue[..self.overdue.len().min(OVERVIEW_OVERDUE)]
            .iter()
            .map(|&t| &*model.tasks[t])
            .collect();
        self.put("overdue", &worst);
        let latest: Vec<_> = model.notes.iter().take(5).collect();
        self.put("latest_notes", &latest);
        self.put("matrix_charts", &figures.matrix(model));
        // A county's villages are too many for the page residents open
        // first: it shows those furthest behind, /villages/ all of them.
        let villages = overview_villages(model);
        if villages.is_cut() {
            let charts = figures.villages_behind(model, &villages.places);
            self.put("villages_charts", &charts);
        } else {
            self.put("villages_charts", &figures.villages(model));
        }
        self.put("villages_with_tasks", &villages.with_tasks);
        let multiples: Vec<_> = villages
            .places
            .into_iter()
            .filter_map(|i| figures.village_small(model, i).map(|c| (i, c)))
            .map(|(i, chart)| Multiple {
                village: &model.villages[i],
                chart,
            })
            .collect();
        // So are its offices: the furthest behind here, /units/ all.
        let units = overview_units(model);
        if units.is_cut() {
            self.put("units_charts", &figures.units_behind(model, &units.places));
        } else {
            self.put("units_charts", &figures.units(model));
        }
        self.put("units_with_tasks", &units.with_tasks);
        self.put("units_shown", &units.places.len());
        self.put("multiples", &multiples);
        "index.html"
    }

    /// Page `page` of the list; `open_only` keeps the issues not yet
    /// finished (a report's word or its tasks say so), with their group
    /// headings. A page that opens inside a group repeats its headings.
    fn list(&mut self, open_only: bool, page: usize) -> &'static str {
        let model = self.model;
        self.put("page", &section("list"));
        // The issues the list holds, each with the headings that open at
        // it, found for the whole list (cheap) so that only this page's
        // rows are made: a county's list has 200 pages.
        let mut listed: Vec<(usize, Vec<GroupHeading<'_>>)> = Vec::new();
        // Headings that open at a left-out issue open at the next one kept,
        // unless a heading of its own starts a new group first.
        let mut held = Vec::new();
        let headings = group_headings(model);
        for (i, (issue, groups)) in model.issues.iter().zip(headings).enumerate() {
            if open_only && is_finished(issue) {
                if !groups.is_empty() {
                    held = groups;
                }
                continue;
            }
            let groups = if groups.is_empty() {
                std::mem::take(&mut held)
            } else {
                held.clear();
                groups
            };
            listed.push((i, groups));
        }
        let total = listed.len();
        let shown: Vec<ListRow<'_>> = listed
            .into_iter()
            .skip(page * PER_PAGE)
            .take(PER_PAGE)
            .enumerate()
            .map(|(k, (i, groups))| {
                let issue = &model.issues[i];
                // A later page's first row stands inside every group of its
                // issue, though most opened on a page before.
                let groups = if page > 0 && k == 0 {
                    headings_open_at(&issue.category, &groups)
                } else {
                    groups
                };
                ListRow {
                    groups,
                    ..ListRow::from(&**issue)
                }
            })
            .collect();
        self.put("open_only", &open_only);
        self.put(
            "open_count",
            &model.issues.iter().filter(|i| !is_finished(i)).count(),
        );
        self.put("villages", &model.villages);
        self.put("issues", &shown);
        self.put(
            "pagination",
            &Pagination::new(page, total, PER_PAGE, |n| list_address(open_only, n)),
        );
        "list.html"
    }

    fn issue(&mut self, i: usize) -> &'static str {
        let model = self.model;
        let prose = self.prose;
        let figures = self.figures;
        let issue = &model.issues[i];
        let html = prose.issue(model, i);
        self.put("page", &section("list"));
        self.put("issue", issue);
        self.put("finding", &html.finding);
        self.put("progress", &html.progress);
        let measures: Vec<MeasureView<'_>> = measure_views(issue, &html);
        self.put("measures", &measures);
        let updates: Vec<DatedHtml<'_>> = issue
            .updates
            .iter()
            .zip(&html.updates)
            .map(|(u, html)| DatedHtml { date: u.date, html })
            .collect();
        self.put("updates", &updates);
        self.put("tasks", &tasks(model, &issue.tasks));
        self.put("notes", &notes(model, &issue.notes));
        self.put("indicator_charts", &figures.indicators(model, i).as_slice());
        "issue.html"
    }

    fn villages(&mut self) -> &'static str {
        let model = self.model;
        let figures = self.figures;
        self.put("page", &section("villages"));
        self.put("villages", &model.villages);
        self.put("villages_charts", &figures.villages(model));
        self.put("matrix_charts", &figures.matrix(model));
        "villages.html"
    }

    fn village(&mut self, i: usize) -> &'static str {
        let model = self.model;
        let figures = self.figures;
        let village = &model.villages[i];
        self.put("page", &section("villages"));
        self.put("village", village);
        // A resident asks what is still not done here: open tasks first,
        // the longest overdue at the top, then the rest by how far along
        // they are; closed ones after, folded. The lists are made of the
        // values the notice lists too, by their place in the village's.
        let listed_here = tasks(model, &village.tasks);
        let (closed, mut open): (Vec<usize>, Vec<usize>) =
            (0..listed_here.len()).partition(|&k| listed_here[k].status.status() == Status::Closed);
        open.sort_by_key(|&k| {
            let t = listed_here[k];
            (
                !t.overdue,
                std::cmp::Reverse(t.days_overdue),
                t.status.status(),
            )
        });
        let values = self.village_tasks.of(model, i);
        let context = &mut self.context;
        context.insert_value("open_tasks", listed(&values, open.into_iter()));
        context.insert_value("closed_tasks", listed(&values, closed.into_iter()));
        self.put("issues", &issue_links(model, &village.issues));
        self.put("notes", &notes(model, &village.notes));
        self.put("bar_chart", figures.village_bar(model, i));
        self.put("burnup_chart", &figures.village_burnup(model, i));
        "village.html"
    }

    fn units(&mut self) -> &'static str {
        let model = self.model;
        let figures = self.figures;
        self.put("page", &section("units"));
        self.put("units", &model.units);
        self.put("units_charts", &figures.units(model));
        "units.html"
    }

    fn unit(&mut self, i: usize) -> &'static str {
        let model = self.model;
        let figures = self.figures;
        let unit = &model.units[i];
        self.put("page", &section("units"));
        self.put("unit", unit);
        let all = tasks(model, &unit.tasks);
        let overdue: Vec<_> = all.iter().copied().filter(|t| t.overdue).collect();
        self.put("tasks", &all);
        self.put("overdue", &overdue);
        self.put("issues", &issue_links(model, &unit.issues));
        self.put("bar_chart", figures.unit(model, i));
        "unit.html"
    }

    /// Page `page` of the notes, newest first.
    fn notes(&mut self, page: usize) -> &'static str {
        let model = self.model;
        self.put("page", &section("notes"));
        let shown: Vec<_> = model
            .notes
            .iter()
            .skip(page * PER_PAGE)
            .take(PER_PAGE)
            .collect();
        self.put("notes", &shown);
        let address = |n| paged_address("notes/", n);
        let pagination = Pagination::new(page, model.notes.len(), PER_PAGE, address);
        self.put("pagination", &pagination);
        "notes.html"
    }

    fn note(&mut self, i: usize) -> &'static str {
        let model = self.model;
        let prose = self.prose;
        let note = &model.notes[i];
        self.put("page", &section("notes"));
        self.put("note", note);
        self.put("body", &prose.note(model, i));
        self.put("issues", &issue_links(model, &note.issues));
        "note.html"
    }

    fn policy(&mut self) -> &'static str {
        let model = self.model;
        self.put("page", &section("policy"));
        self.put("pages", &model.policy);
        self.put("term_count", &model.glossary.len());
        "policy.html"
    }

    fn explainer(&mut self, i: usize) -> &'static str {
        let model = self.model;
        let prose = self.prose;
        let policy = &model.policy[i];
        self.put("page", &section("policy"));
        self.put("policy", policy);
        self.put("body", &prose.policy(model, i));
        "policy_page.html"
    }

    fn glossary(&mut self) -> &'static str {
        let model = self.model;
        let prose = self.prose;
        self.put("page", &section("policy"));
        let terms: Vec<TermView<'_>> = term_views(model, prose);
        self.put("terms", &terms);
        "glossary.html"
    }

    fn search(&mut self) -> &'static str {
        self.put("page", &section("search"));
        "search.html"
    }

    fn plan(&mut self) -> &'static str {
        let model = self.model;
        let prose = self.prose;
        self.put("page", &section("overview"));
        self.put("plan", &PlanText::new(model, prose));
        self.put("issues", &grouped_links(model));
        "plan.html"
    }

    fn not_found(&mut self) -> &'static str {
        self.put("page", &section(""));
        let stylesheet = self.stylesheet;
        self.put("stylesheet", &stylesheet);
        "404.html"
    }

    /// Page `page` of the overdue tasks, the longest overdue first.
    fn overdue(&mut self, page: usize) -> &'static str {
        let model = self.model;
        self.put("page", &section("overview"));
        let total = self.overdue.len();
        let shown: Vec<&Task> = self
            .overdue
            .iter()
            .skip(page * PER_PAGE)
            .take(PER_PAGE)
            .map(|&t| &*model.tasks[t])
            .collect();
        self.put("overdue", &shown);
        let address = |n| paged_address("overdue/", n);
        self.put(
            "pagination",
            &Pagination::new(page, total, PER_PAGE, address),
        );
        "overdue.html"
    }
}

/// The template and context of a page, from the parts `renderer` holds;
/// `print` is what the print pack is given (nothing for other pages).
pub(super) fn context(
    renderer: &super::Renderer,
    page: &Page,
    print: PrintParts<'_>,
) -> (&'static str, Context) {
    let kind = page;
    let mut page = PageContext {
        model: &renderer.model,
        prose: &renderer.prose,
        figures: &renderer.figures,
        village_tasks: &renderer.village_tasks,
        sitemap: &renderer.sitemap,
        overdue: renderer.overdue(),
        print,
        stylesheet: renderer.stylesheet(),
        context: Context::new(),
    };
    let template = match kind {
        Page::Overview => page.overview(),
        Page::List { open, page: n } => page.list(*open, *n),
        Page::Issue(i) => page.issue(*i),
        Page::Villages => page.villages(),
        Page::Village(i) => page.village(*i),
        Page::Units => page.units(),
        Page::Unit(i) => page.unit(*i),
        Page::Notes { page: n } => page.notes(*n),
        Page::Note(i) => page.note(*i),
        Page::Policy => page.policy(),
        Page::Explainer(i) => page.explainer(*i),
        Page::Glossary => page.glossary(),
        Page::Search => page.search(),
        Page::Plan => page.plan(),
        Page::Print => page.print(),
        Page::Notice(i) => page.notice(*i),
        Page::NotFound => page.not_found(),
        Page::Overdue { page: n } => page.overdue(*n),
        Page::Feed => page.feed(),
        Page::Sitemap => page.sitemap(),
        Page::Robots => page.robots(),
        Page::Data(_) => unreachable!("data files are not rendered through templates"),
    };
    (template, page.context)
}
