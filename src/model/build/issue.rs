//! One issue as the model shows it — its measures, tasks, status and
//! per-village figures — built from its file alone, so that `serve` can
//! keep it while other files are edited ([`super::Memo`]). What it adds to
//! villages, units and the whole ledger is left for [`super::ledger`] to
//! count.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::content::{self, Status};
use crate::diagnostics::Located;
use crate::model::{
    Acceptance, Breakdown, BreakdownRow, Evidence, HistoryEntry, Issue, Measure, Tally, Task,
    Update, VillageFigure,
};
use crate::privacy::Masker;

use super::labels::{evidence_label, indicator, measure_label, number_text};
use super::{Resolver, markdown};

/// An issue with its tasks, and the villages and units it concerns by
/// index into the site's lists.
#[derive(Debug)]
pub(super) struct IssuePart {
    /// The issue; its `tasks` and `notes` are set when the ledger is put
    /// together (they point into the whole model).
    pub(super) issue: Arc<Issue>,
    /// Its tasks this audience sees, in order.
    pub(super) tasks: Vec<Arc<Task>>,
    /// Each task as the ledger counts it, so that counting does not read
    /// the tasks themselves.
    pub(super) owners: Vec<Owner>,
    /// Its breakdowns' rows, each listed on its village.
    pub(super) figures: Vec<(usize, VillageFigure)>,
    /// Villages it names or gives a task.
    pub(super) villages: BTreeSet<usize>,
    /// Units it makes responsible or lead.
    pub(super) units: BTreeSet<usize>,
    /// Units that lead it.
    pub(super) leads: BTreeSet<usize>,
}

/// Where one task is counted: its village, and the unit that owns it (a
/// village's own task belongs to 各村(社区) too); and how.
#[derive(Clone, Copy, Debug)]
pub(super) struct Owner {
    pub(super) village: Option<usize>,
    pub(super) unit: Option<usize>,
    pub(super) status: Status,
    pub(super) overdue: bool,
}

impl IssuePart {
    /// The part of `source` at address `slug`, masked by `masker` when the
    /// model is public.
    pub(super) fn build(
        resolver: &Resolver<'_>,
        source: &content::Issue,
        slug: String,
        masker: Option<&Masker>,
    ) -> IssuePart {
        let mut issue = issue_head(resolver, source, slug);
        let mut measure_tallies = vec![Tally::default(); source.measures.len()];
        // Sized up front: a county's 100,000 tasks grown by doubling were
        // copied and their fresh pages zeroed once more.
        let mut tasks = Vec::with_capacity(source.tasks.len());
        let mut owners = Vec::with_capacity(source.tasks.len());
        let every_village = resolver.every_village();
        let shared: (Arc<str>, Arc<str>) =
            (issue.slug.as_str().into(), issue.title.as_str().into());
        for task in source.tasks.iter().filter(|t| resolver.shown(t.audience)) {
            let village = task
                .village
                .as_ref()
                .and_then(|v| resolver.village(&v.value));
            let unit = task.unit.as_ref().and_then(|u| resolver.unit(&u.value));
            let built = self::task(resolver, source, (&issue, &shared), task, (village, unit));
            let (status, overdue) = (built.status.status(), built.overdue);
            issue.tally.add(status, overdue);
            if let Some(m) = task
                .measure
                .as_ref()
                .and_then(|m| measure_tallies.get_mut(m.value as usize - 1))
            {
                m.add(status, overdue);
            }
            owners.push(Owner {
                village,
                unit: unit.or(village.and(every_village)),
                status,
                overdue,
            });
            tasks.push(built);
        }
        issue.measures = measures(resolver, source, measure_tallies);
        // A report's own word outranks what its tasks add up to: it is
        // what the document says.
        let stated = source.progress.as_ref().and_then(|p| p.status.as_ref());
        issue.status = match stated {
            Some(word) => Some(word.value.1.into()),
            None => issue.tally.overall().map(Into::into),
        };
        issue.status_word = stated.map(|w| w.value.0.clone()).unwrap_or_default();
        let (breakdowns, mut figures) = breakdowns(resolver, source, &issue);
        issue.breakdowns = breakdowns;
        let villages = source
            .villages
            .iter()
            .filter_map(|v| resolver.village(&v.value))
            .chain(owners.iter().filter_map(|o| o.village))
            .collect();
        let units = source
            .units
            .iter()
            .chain(&source.lead_units)
            .filter_map(|u| resolver.unit(&u.value))
            .collect();
        let leads = source
            .lead_units
            .iter()
            .filter_map(|u| resolver.unit(&u.value))
            .collect();
        if let Some(masker) = masker {
            super::super::mask::mask_issue(&mut issue, &mut tasks, &mut figures, masker);
        }
        IssuePart {
            issue: Arc::new(issue),
            tasks: tasks.into_iter().map(Arc::new).collect(),
            owners,
            figures,
            villages,
            units,
            leads,
        }
    }
}

/// One task as the model shows it: its deadline judged, its history
/// and acceptance record, evidence files only for officials.
/// `shared` is the issue's slug and title, which its tasks share.
fn task(
    resolver: &Resolver<'_>,
    source: &content::Issue,
    (issue, shared): (&Issue, &(Arc<str>, Arc<str>)),
    task: &content::Task,
    (village, unit): (Option<usize>, Option<usize>),
) -> Task {
    let deadline = task
        .deadline
        .as_ref()
        .or(source.deadline.as_ref())
        .map(|d| &d.value);
    let due = deadline.and_then(|d| d.date(resolver.plan_date));
    let status = task.status.value;
    let overdue = due.is_some_and(|due| due < resolver.as_of) && !status.is_handed_in();
    Task {
        issue: issue.number,
        issue_slug: Arc::clone(&shared.0),
        issue_title: Arc::clone(&shared.1),
        measure: task.measure.as_ref().map(|m| m.value),
        // A sole measure is not numbered in plans (整改措施:…).
        measure_label: task
            .measure
            .as_ref()
            .filter(|_| source.measures.len() > 1)
            .map(|m| measure_label(m.value)),
        village: village.map(|v| resolver.village_at(v)),
        unit: unit.map(|u| resolver.unit_at(u)),
        what: task.what.value.clone(),
        status: status.into(),
        deadline: due,
        deadline_text: deadline.map(content::Deadline::shown).unwrap_or_default(),
        overdue,
        days_overdue: match due {
            Some(due) if overdue => due.days_until(resolver.as_of),
            _ => 0,
        },
        history: task
            .history
            .iter()
            .map(|h| HistoryEntry {
                date: h.date.value,
                status: h.status.value.into(),
                note: h.note.as_ref().map(|n| n.value.clone()),
            })
            .collect(),
        last_update: task.history.last().map(|h| h.date.value),
        acceptance: task.acceptance.as_ref().map(|a| acceptance(resolver, a)),
    }
}

/// The issue's per-village figures, and each row again for its village.
fn breakdowns(
    resolver: &Resolver<'_>,
    source: &content::Issue,
    issue: &Issue,
) -> (Vec<Breakdown>, Vec<(usize, VillageFigure)>) {
    let mut breakdowns = Vec::with_capacity(source.breakdowns.len());
    let mut figures = Vec::new();
    for breakdown in &source.breakdowns {
        let unit_of = |column: usize| {
            breakdown
                .columns
                .get(column)
                .map_or("", |c| c.value.as_str())
        };
        let text = |values: &[Located<f64>]| {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{}{}", number_text(v.value), unit_of(i)))
                .collect::<Vec<_>>()
        };
        let mut rows = Vec::with_capacity(breakdown.rows.len());
        for row in &breakdown.rows {
            let Some(index) = resolver.village(&row.village.value) else {
                continue;
            };
            figures.push((
                index,
                VillageFigure {
                    issue: issue.number,
                    issue_slug: issue.slug.clone(),
                    title: breakdown.title.value.clone(),
                    values: text(&row.values),
                },
            ));
            rows.push(BreakdownRow {
                village: resolver.village_at(index),
                values: text(&row.values),
            });
        }
        breakdowns.push(Breakdown {
            title: breakdown.title.value.clone(),
            date: breakdown.date.as_ref().map(|d| d.value),
            columns: breakdown.columns.iter().map(|c| c.value.clone()).collect(),
            rows,
            total: text(&breakdown.total),
        });
    }
    (breakdowns, figures)
}

/// An issue with everything but its tasks, measures, status and figures.
fn issue_head(resolver: &Resolver<'_>, source: &content::Issue, slug: String) -> Issue {
    let deadline = source.deadline.as_ref().map(|d| &d.value);
    Issue {
        number: source.number.value,
        slug,
        title: source.title.value.clone(),
        category: source.category.iter().map(|c| c.value.clone()).collect(),
        label: source.label.as_ref().map(|l| l.value.clone()),
        finding: markdown(&source.finding),
        measures: Vec::new(),
        target: source.target.as_ref().map(|t| t.value.clone()),
        deadline: deadline.and_then(|d| d.date(resolver.plan_date)),
        deadline_text: deadline.map(content::Deadline::shown).unwrap_or_default(),
        ongoing: deadline.is_some_and(|d| d.ongoing),
        lead_units: resolver.unit_refs(&source.lead_units),
        units: resolver.unit_refs(&source.units),
        villages: resolver.village_refs(&source.villages),
        indicators: source.indicators.iter().map(indicator).collect(),
        breakdowns: Vec::new(),
        tasks: Vec::new(),
        updates: source
            .updates
            .iter()
            .filter(|u| resolver.shown(u.audience))
            .map(|u| Update {
                date: u.date.value,
                text: markdown(&u.text),
            })
            .collect(),
        tally: Tally::default(),
        status: None,
        status_word: String::new(),
        progress: source
            .progress
            .as_ref()
            .and_then(|p| p.text.as_ref())
            .map(markdown),
        notes: Vec::new(),
    }
}

/// The issue's measures with their tallies; a sole measure has no label.
fn measures(resolver: &Resolver<'_>, source: &content::Issue, tallies: Vec<Tally>) -> Vec<Measure> {
    let numbered = source.measures.len() > 1;
    source
        .measures
        .iter()
        .zip(tallies)
        .map(|(m, tally)| Measure {
            number: m.number,
            label: if numbered {
                measure_label(m.number)
            } else {
                String::new()
            },
            heading: m.heading.as_ref().map(|h| h.value.clone()),
            text: markdown(&m.text),
            units: resolver.unit_refs(&m.units),
            status: m
                .status
                .as_ref()
                .map(|s| s.value)
                .or(tally.overall())
                .map(Into::into),
            tally,
        })
        .collect()
}

/// An acceptance record; evidence files are named only for officials.
fn acceptance(resolver: &Resolver<'_>, record: &content::Acceptance) -> Acceptance {
    Acceptance {
        date: record.date.as_ref().map(|d| d.value),
        by: record.by.as_ref().and_then(|b| resolver.unit_ref(&b.value)),
        evidence: record
            .evidence
            .iter()
            .filter(|e| resolver.shown(e.audience))
            .map(|e| Evidence {
                title: e.title.value.clone(),
                kind: e.kind.as_ref().map(|k| evidence_label(k.value)),
                file: if resolver.public {
                    None
                } else {
                    e.file.as_ref().map(|f| f.value.clone())
                },
            })
            .collect(),
    }
}
