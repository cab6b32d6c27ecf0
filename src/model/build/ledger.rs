//! The ledger: villages and units, and the issues in number order with
//! their measures, tasks and per-village figures. Each task is counted
//! once, into its issue, measure, village, unit and the whole.

use std::collections::BTreeSet;

use crate::content::{self, Content};
use crate::diagnostics::Located;
use crate::model::{
    Acceptance, Breakdown, BreakdownRow, Evidence, HistoryEntry, Issue, Measure, Ref, Tally, Task,
    Unit, Update, Village, VillageFigure, village_kind_label,
};

use super::labels::{evidence_label, indicator, measure_label, number_text};
use super::{Resolver, markdown};

/// Villages, units, issues and tasks as they are built.
pub(super) struct Ledger {
    pub(super) villages: Vec<Village>,
    pub(super) units: Vec<Unit>,
    pub(super) issues: Vec<Issue>,
    pub(super) tasks: Vec<Task>,
    pub(super) totals: Tally,
    /// The collective unit of all villages (各村(社区)), if the site has
    /// one: a village's own task counts for it too.
    every_village: Option<usize>,
}

impl Ledger {
    /// The ledger of `content` for the resolver's audience.
    pub(super) fn build(content: &Content, resolver: &Resolver<'_>) -> Ledger {
        let site = resolver.site;
        let mut ledger = Ledger {
            villages: site
                .villages
                .iter()
                .map(|v| Village {
                    id: v.id.value.clone(),
                    name: v.name.value.clone(),
                    kind: village_kind_label(v.kind),
                    part_of: v
                        .part_of
                        .as_ref()
                        .and_then(|p| resolver.village_ref(&p.value)),
                    tally: Tally::default(),
                    tasks: Vec::new(),
                    issues: Vec::new(),
                    notes: Vec::new(),
                    figures: Vec::new(),
                })
                .collect(),
            units: site
                .units
                .iter()
                .map(|u| Unit {
                    id: u.id.value.clone(),
                    name: u.name.value.clone(),
                    all_villages: u.all_villages,
                    tally: Tally::default(),
                    tasks: Vec::new(),
                    issues: Vec::new(),
                    leads: Vec::new(),
                })
                .collect(),
            issues: Vec::with_capacity(content.issues.len()),
            tasks: Vec::new(),
            totals: Tally::default(),
            every_village: site.units.iter().position(|u| u.all_villages),
        };
        let mut sorted: Vec<&content::Issue> = content.issues.iter().collect();
        sorted.sort_by_key(|i| i.number.value);
        // Addresses share one width, so /issues/0007/ sorts before /issues/0012/.
        let width = sorted
            .last()
            .map_or(2, |i| i.number.value.to_string().len().max(2));
        for source in sorted {
            let slug = format!("{:0width$}", source.number.value);
            ledger.add_issue(resolver, source, slug);
        }
        ledger
    }

    fn add_issue(&mut self, resolver: &Resolver<'_>, source: &content::Issue, slug: String) {
        let mut issue = issue_head(resolver, source, slug);
        let measure_tallies = self.add_tasks(resolver, source, &mut issue);
        issue.measures = measures(resolver, source, measure_tallies);
        // A report's own word outranks what its tasks add up to: it is
        // what the document says.
        let stated = source.progress.as_ref().and_then(|p| p.status.as_ref());
        issue.status = match stated {
            Some(word) => Some(word.value.1.into()),
            None => issue.tally.overall().map(Into::into),
        };
        issue.status_word = stated.map(|w| w.value.0.clone()).unwrap_or_default();
        issue.breakdowns = self.breakdowns(resolver, source, &issue);
        self.link_places(resolver, source, &issue);
        self.issues.push(issue);
    }

    /// Adds the issue's tasks this audience sees, counting each into the
    /// issue, the whole, its measure, village and unit; returns the
    /// measures' tallies.
    fn add_tasks(
        &mut self,
        resolver: &Resolver<'_>,
        source: &content::Issue,
        issue: &mut Issue,
    ) -> Vec<Tally> {
        let mut measure_tallies = vec![Tally::default(); source.measures.len()];
        for task in source.tasks.iter().filter(|t| resolver.shown(t.audience)) {
            let village = task
                .village
                .as_ref()
                .and_then(|v| resolver.village(&v.value));
            let unit = task.unit.as_ref().and_then(|u| resolver.unit(&u.value));
            let built = self.task(resolver, source, issue, task, (village, unit));
            let (status, overdue) = (built.status.status(), built.overdue);
            let index = self.tasks.len();
            issue.tally.add(status, overdue);
            self.totals.add(status, overdue);
            if let Some(m) = task
                .measure
                .as_ref()
                .and_then(|m| measure_tallies.get_mut(m.value as usize - 1))
            {
                m.add(status, overdue);
            }
            if let Some(v) = village {
                self.villages[v].tally.add(status, overdue);
                self.villages[v].tasks.push(index);
            }
            // A village's own task (no unit named) belongs to 各村(社区) too.
            let owner = unit.or(village.and(self.every_village));
            if let Some(u) = owner {
                self.units[u].tally.add(status, overdue);
                self.units[u].tasks.push(index);
            }
            issue.tasks.push(index);
            self.tasks.push(built);
        }
        measure_tallies
    }

    /// One task as the model shows it: its deadline judged, its history
    /// and acceptance record, evidence files only for officials.
    fn task(
        &self,
        resolver: &Resolver<'_>,
        source: &content::Issue,
        issue: &Issue,
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
            issue_slug: issue.slug.clone(),
            issue_title: issue.title.clone(),
            measure: task.measure.as_ref().map(|m| m.value),
            // A sole measure is not numbered in plans (整改措施:…).
            measure_label: task
                .measure
                .as_ref()
                .filter(|_| source.measures.len() > 1)
                .map(|m| measure_label(m.value)),
            village: village.map(|v| Ref {
                id: self.villages[v].id.clone(),
                name: self.villages[v].name.clone(),
            }),
            unit: unit.map(|u| Ref {
                id: self.units[u].id.clone(),
                name: self.units[u].name.clone(),
            }),
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

    /// The issue's per-village figures, each also listed on its village.
    fn breakdowns(
        &mut self,
        resolver: &Resolver<'_>,
        source: &content::Issue,
        issue: &Issue,
    ) -> Vec<Breakdown> {
        let mut breakdowns = Vec::with_capacity(source.breakdowns.len());
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
                let village = &mut self.villages[index];
                village.figures.push(VillageFigure {
                    issue: issue.number,
                    issue_slug: issue.slug.clone(),
                    title: breakdown.title.value.clone(),
                    values: text(&row.values),
                });
                rows.push(BreakdownRow {
                    village: Ref {
                        id: village.id.clone(),
                        name: village.name.clone(),
                    },
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
        breakdowns
    }

    /// Tells each village the issue names or gives a task, each unit it
    /// makes responsible, and each lead unit, about the issue.
    fn link_places(&mut self, resolver: &Resolver<'_>, source: &content::Issue, issue: &Issue) {
        let named: BTreeSet<usize> = source
            .villages
            .iter()
            .filter_map(|v| resolver.village(&v.value))
            .chain(
                issue
                    .tasks
                    .iter()
                    .filter_map(|&t| self.tasks[t].village.as_ref())
                    .filter_map(|v| resolver.village(&v.id)),
            )
            .collect();
        for v in named {
            self.villages[v].issues.push(issue.number);
        }
        let responsible: BTreeSet<usize> = source
            .units
            .iter()
            .chain(&source.lead_units)
            .filter_map(|u| resolver.unit(&u.value))
            .collect();
        for u in responsible {
            self.units[u].issues.push(issue.number);
        }
        let leads: BTreeSet<usize> = source
            .lead_units
            .iter()
            .filter_map(|u| resolver.unit(&u.value))
            .collect();
        for lead in leads {
            self.units[lead].leads.push(issue.number);
        }
    }
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
