//! Building the [`Model`] from validated content for one audience.

use std::collections::BTreeSet;

use crate::content::{self, Audience, Content, EvidenceKind};
use crate::date::Date;

use super::*;
use crate::diagnostics::{Located, Span};

/// The totals a document states beside what is listed; `None` when it
/// states none.
fn declared(stated: &content::Declared, issues: &[Issue]) -> Option<Declared> {
    if stated.categories.is_none() && stated.issues.is_none() && stated.statuses.is_empty() {
        return None;
    }
    let mut outermost: Vec<&str> = issues
        .iter()
        .filter_map(|i| i.category.first().map(String::as_str))
        .collect();
    outermost.dedup();
    Some(Declared {
        categories: stated.categories.as_ref().map(|c| c.value),
        listed_categories: outermost.len(),
        issues: stated.issues.as_ref().map(|c| c.value),
        listed_issues: issues.len(),
        statuses: stated
            .statuses
            .iter()
            .map(|s| DeclaredStatus {
                word: s.word.value.clone(),
                status: s.status.into(),
                count: s.count.value,
                listed: issues
                    .iter()
                    .filter(|i| i.status_word == s.word.value)
                    .count(),
            })
            .collect(),
    })
}

/// The outermost headings, each over the run of issues it heads.
fn groups(issues: &[Issue]) -> Vec<Group> {
    issues
        .chunk_by(|a, b| a.category.first() == b.category.first())
        .filter_map(|run| {
            let title = run[0].category.first()?.clone();
            let mut tally = Tally::default();
            for issue in run {
                tally.merge(&issue.tally);
            }
            Some(Group {
                title,
                issues: run.len(),
                tally,
                statuses: issue_statuses(run),
            })
        })
        .collect()
}

/// Issues counted by the word their status is shown with.
fn issue_statuses(issues: &[Issue]) -> Vec<StatusCount> {
    let mut counts: Vec<StatusCount> = Vec::new();
    for issue in issues {
        let Some(status) = issue.status else { continue };
        let word = if issue.status_word.is_empty() {
            status.label
        } else {
            &issue.status_word
        };
        match counts.iter_mut().find(|c| c.word == word) {
            Some(count) => count.count += 1,
            None => counts.push(StatusCount {
                word: word.to_string(),
                status,
                count: 1,
            }),
        }
    }
    // Furthest along first, as the totals read: 已销号, 待验收, 整改中, 未启动.
    counts.sort_by_key(|c| std::cmp::Reverse(c.status.rank));
    counts
}

fn markdown(text: &Located<String>) -> Markdown {
    Markdown {
        text: text.value.clone(),
        origin: text.span,
    }
}

/// Builds the model. `content` must have passed validation without errors:
/// references then resolve, and anything that does not is skipped rather
/// than invented. Internal-only notes, tasks, updates and evidence are left
/// out of a public model, and so are evidence file paths; every registered
/// person and every phone and ID number in a public model is masked.
pub fn build(content: &Content, as_of: Date, audience: Audience) -> Model {
    let mut model = build_unmasked(content, as_of, audience);
    if audience == Audience::Public {
        let privacy = content.site.as_ref().map(|s| s.privacy).unwrap_or_default();
        let masker =
            crate::privacy::Masker::new(&model.register, privacy.name_mask, privacy.id_mask);
        super::mask(&mut model, &masker);
    }
    model
}

fn build_unmasked(content: &Content, as_of: Date, audience: Audience) -> Model {
    let site = content
        .site
        .as_ref()
        .expect("validated content has site.yaml");
    let places = &site.places;
    let plan_date = site.document.date.as_ref().map(|d| d.value.first_day());
    let public = audience == Audience::Public;
    let shown = |a: Audience| !public || a == Audience::Public;
    let village_ref = |reference: &str| {
        places.village(reference).map(|i| Ref {
            id: site.villages[i].id.value.clone(),
            name: site.villages[i].name.value.clone(),
        })
    };
    let unit_ref = |reference: &str| {
        places.unit(reference).map(|i| Ref {
            id: site.units[i].id.value.clone(),
            name: site.units[i].name.value.clone(),
        })
    };
    let refs = |list: &[Located<String>], resolve: &dyn Fn(&str) -> Option<Ref>| {
        list.iter()
            .filter_map(|r| resolve(&r.value))
            .collect::<Vec<_>>()
    };

    let mut villages: Vec<Village> = site
        .villages
        .iter()
        .map(|v| Village {
            id: v.id.value.clone(),
            name: v.name.value.clone(),
            kind: village_kind_label(v.kind),
            part_of: v.part_of.as_ref().and_then(|p| village_ref(&p.value)),
            tally: Tally::default(),
            tasks: Vec::new(),
            issues: Vec::new(),
            notes: Vec::new(),
            figures: Vec::new(),
        })
        .collect();
    let mut units: Vec<Unit> = site
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
        .collect();

    let mut sorted_issues: Vec<&content::Issue> = content.issues.iter().collect();
    sorted_issues.sort_by_key(|i| i.number.value);
    let width = sorted_issues
        .last()
        .map_or(2, |i| i.number.value.to_string().len().max(2));
    let mut issues = Vec::with_capacity(sorted_issues.len());
    let mut tasks = Vec::new();
    let mut totals = Tally::default();
    for source in sorted_issues {
        let number = source.number.value;
        let slug = format!("{number:0width$}");
        let issue_deadline = source.deadline.as_ref().map(|d| &d.value);
        let mut issue = Issue {
            number,
            slug: slug.clone(),
            title: source.title.value.clone(),
            category: source.category.iter().map(|c| c.value.clone()).collect(),
            label: source.label.as_ref().map(|l| l.value.clone()),
            finding: markdown(&source.finding),
            measures: Vec::new(),
            target: source.target.as_ref().map(|t| t.value.clone()),
            deadline: issue_deadline.and_then(|d| d.date(plan_date)),
            deadline_text: issue_deadline
                .map(content::Deadline::shown)
                .unwrap_or_default(),
            ongoing: issue_deadline.is_some_and(|d| d.ongoing),
            lead_units: refs(&source.lead_units, &unit_ref),
            units: refs(&source.units, &unit_ref),
            villages: refs(&source.villages, &village_ref),
            indicators: source.indicators.iter().map(indicator).collect(),
            breakdowns: Vec::new(),
            tasks: Vec::new(),
            updates: source
                .updates
                .iter()
                .filter(|u| shown(u.audience))
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
        };
        let mut measure_tallies = vec![Tally::default(); source.measures.len()];
        for task in source.tasks.iter().filter(|t| shown(t.audience)) {
            let village = task.village.as_ref().and_then(|v| places.village(&v.value));
            let unit = task.unit.as_ref().and_then(|u| places.unit(&u.value));
            let deadline = task.deadline.as_ref().map(|d| &d.value).or(issue_deadline);
            let due = deadline.and_then(|d| d.date(plan_date));
            let status = task.status.value;
            let overdue = due.is_some_and(|due| due < as_of) && !status.is_handed_in();
            let index = tasks.len();
            issue.tally.add(status, overdue);
            totals.add(status, overdue);
            if let Some(m) = task
                .measure
                .as_ref()
                .and_then(|m| measure_tallies.get_mut(m.value as usize - 1))
            {
                m.add(status, overdue);
            }
            if let Some(v) = village {
                villages[v].tally.add(status, overdue);
                villages[v].tasks.push(index);
            }
            // A village's own task (no unit named) belongs to 各村(社区) too.
            let owners = unit.into_iter().chain(
                (unit.is_none() && village.is_some())
                    .then(|| units.iter().position(|u| u.all_villages))
                    .flatten(),
            );
            for u in owners {
                units[u].tally.add(status, overdue);
                units[u].tasks.push(index);
            }
            issue.tasks.push(index);
            tasks.push(Task {
                issue: number,
                issue_slug: slug.clone(),
                issue_title: source.title.value.clone(),
                measure: task.measure.as_ref().map(|m| m.value),
                // A sole measure is not numbered in plans (整改措施:…).
                measure_label: task
                    .measure
                    .as_ref()
                    .filter(|_| source.measures.len() > 1)
                    .map(|m| measure_label(m.value)),
                village: village.map(|v| Ref {
                    id: villages[v].id.clone(),
                    name: villages[v].name.clone(),
                }),
                unit: unit.map(|u| Ref {
                    id: units[u].id.clone(),
                    name: units[u].name.clone(),
                }),
                what: task.what.value.clone(),
                status: status.into(),
                deadline: due,
                deadline_text: deadline.map(content::Deadline::shown).unwrap_or_default(),
                overdue,
                days_overdue: match due {
                    Some(due) if overdue => due.days_until(as_of),
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
                acceptance: task.acceptance.as_ref().map(|a| Acceptance {
                    date: a.date.as_ref().map(|d| d.value),
                    by: a.by.as_ref().and_then(|b| unit_ref(&b.value)),
                    evidence: a
                        .evidence
                        .iter()
                        .filter(|e| shown(e.audience))
                        .map(|e| Evidence {
                            title: e.title.value.clone(),
                            kind: e.kind.as_ref().map(|k| evidence_label(k.value)),
                            file: if public {
                                None
                            } else {
                                e.file.as_ref().map(|f| f.value.clone())
                            },
                        })
                        .collect(),
                }),
            });
        }
        issue.measures = source
            .measures
            .iter()
            .zip(measure_tallies)
            .map(|(m, tally)| Measure {
                number: m.number,
                label: if source.measures.len() > 1 {
                    measure_label(m.number)
                } else {
                    String::new()
                },
                heading: m.heading.as_ref().map(|h| h.value.clone()),
                text: markdown(&m.text),
                units: refs(&m.units, &unit_ref),
                status: m
                    .status
                    .as_ref()
                    .map(|s| s.value)
                    .or(tally.overall())
                    .map(Into::into),
                tally,
            })
            .collect();
        // A report's own word outranks what its tasks add up to: it is
        // what the document says.
        let stated = source.progress.as_ref().and_then(|p| p.status.as_ref());
        issue.status = match stated {
            Some(word) => Some(word.value.1.into()),
            None => issue.tally.overall().map(Into::into),
        };
        issue.status_word = stated.map(|w| w.value.0.clone()).unwrap_or_default();
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
            let rows: Vec<BreakdownRow> = breakdown
                .rows
                .iter()
                .filter_map(|row| {
                    let index = places.village(&row.village.value)?;
                    villages[index].figures.push(VillageFigure {
                        issue: number,
                        issue_slug: slug.clone(),
                        title: breakdown.title.value.clone(),
                        values: text(&row.values),
                    });
                    Some(BreakdownRow {
                        village: Ref {
                            id: villages[index].id.clone(),
                            name: villages[index].name.clone(),
                        },
                        values: text(&row.values),
                    })
                })
                .collect();
            issue.breakdowns.push(Breakdown {
                title: breakdown.title.value.clone(),
                date: breakdown.date.as_ref().map(|d| d.value),
                columns: breakdown.columns.iter().map(|c| c.value.clone()).collect(),
                rows,
                total: text(&breakdown.total),
            });
        }
        let named: BTreeSet<usize> = source
            .villages
            .iter()
            .filter_map(|v| places.village(&v.value))
            .chain(
                issue
                    .tasks
                    .iter()
                    .filter_map(|&t| tasks[t].village.as_ref())
                    .filter_map(|v| places.village(&v.id)),
            )
            .collect();
        for v in named {
            villages[v].issues.push(number);
        }
        let responsible: BTreeSet<usize> = source
            .units
            .iter()
            .chain(&source.lead_units)
            .filter_map(|u| places.unit(&u.value))
            .collect();
        for u in responsible {
            units[u].issues.push(number);
        }
        let leads: BTreeSet<usize> = source
            .lead_units
            .iter()
            .filter_map(|u| places.unit(&u.value))
            .collect();
        for lead in leads {
            units[lead].leads.push(number);
        }
        issues.push(issue);
    }

    let mut notes: Vec<&content::Note> =
        content.notes.iter().filter(|n| shown(n.audience)).collect();
    notes.sort_by(|a, b| {
        b.date
            .value
            .cmp(&a.date.value)
            .then_with(|| a.slug.value.cmp(&b.slug.value))
    });
    let notes: Vec<Note> = notes
        .into_iter()
        .enumerate()
        .map(|(index, n)| {
            let mut issue_numbers: Vec<u32> = n.issues.iter().map(|i| i.value).collect();
            issue_numbers.sort_unstable();
            issue_numbers.dedup();
            for number in &issue_numbers {
                if let Ok(at) = issues.binary_search_by_key(number, |i| i.number) {
                    issues[at].notes.push(index);
                }
            }
            let note_villages = refs(&n.villages, &village_ref);
            for v in n.villages.iter().filter_map(|v| places.village(&v.value)) {
                villages[v].notes.push(index);
            }
            Note {
                slug: n.slug.value.clone(),
                title: n.title.value.clone(),
                date: n.date.value,
                kind: note_kind_label(n.kind),
                issues: issue_numbers,
                villages: note_villages,
                body: Markdown {
                    text: n.body.clone(),
                    origin: Span {
                        file: n.file,
                        line: n.body_line,
                        col: 1,
                        len: 0,
                    },
                },
            }
        })
        .collect();

    let mut policy: Vec<&content::PolicyPage> = content.policy.iter().collect();
    policy.sort_by(|a, b| {
        let order = |p: &content::PolicyPage| p.order.as_ref().map_or(u32::MAX, |o| o.value);
        order(a)
            .cmp(&order(b))
            .then_with(|| a.title.value.cmp(&b.title.value))
    });

    let mut milestones: Vec<Milestone> = site
        .milestones
        .iter()
        .flat_map(|m| {
            let until = m.monthly_until.as_ref().map_or(m.date.value, |u| u.value);
            (0..)
                .map(move |k| m.date.value.plus_months(k))
                .take_while(move |d| *d <= until)
                .take(120)
                .map(move |date| Milestone {
                    date,
                    title: m.title.value.clone(),
                    past: date <= as_of,
                })
        })
        .collect();
    milestones.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title)));

    let document = &site.document;
    Model {
        document: Document {
            issuer: document.issuer.value.clone(),
            number: document.number.as_ref().map(|n| n.value.clone()),
            title: document.title.value.clone(),
            plan_title: document
                .plan_title
                .as_ref()
                .unwrap_or(&document.title)
                .value
                .clone(),
            kind: match document.kind {
                content::DocumentKind::Plan => "plan",
                content::DocumentKind::Report => "report",
            },
            kind_label: match document.kind {
                content::DocumentKind::Plan => "方案",
                content::DocumentKind::Report => "报告",
            },
            reports_on: document.reports_on.as_ref().map(|r| r.value.clone()),
            declared: declared(&document.declared, &issues),
            date: document.date.as_ref().map(|d| d.value.written.clone()),
            date_iso: document.date.as_ref().map(|d| d.value.iso()),
            day: document.date.as_ref().map(|d| d.value.first_day()),
            recipients: document.recipients.as_ref().map(|r| r.value.clone()),
            preamble: document.preamble.as_ref().map(markdown),
            requirements: document.requirements.as_ref().map(markdown),
            sections: document
                .sections
                .iter()
                .map(|s| Section {
                    title: s.title.as_ref().map(|t| t.value.clone()),
                    body: markdown(&s.body),
                })
                .collect(),
        },
        as_of,
        as_of_stated: true,
        sample_data: site.sample_data,
        contact: site.contact.as_ref().map(|c| c.value.clone()),
        base_url: normalise_base_url(site.base_url.as_ref().map(|b| b.value.as_str())),
        language: site
            .language
            .as_ref()
            .map_or_else(|| "zh-CN".to_string(), |l| l.value.clone()),
        audience,
        villages,
        units,
        phases: site
            .phases
            .iter()
            .map(|p| Phase {
                name: p.name.value.clone(),
                start: p.start.value,
                end: p.end.value,
                description: p.description.as_ref().map(markdown),
                when: if p.end.value < as_of {
                    "past"
                } else if p.start.value > as_of {
                    "future"
                } else {
                    "current"
                },
            })
            .collect(),
        milestones,
        measure_count: issues.iter().map(|i| i.measures.len()).sum(),
        groups: groups(&issues),
        issue_statuses: issue_statuses(&issues),
        issues,
        tasks,
        notes,
        policy: policy
            .into_iter()
            .map(|p| PolicyPage {
                slug: p.slug.value.clone(),
                title: p.title.value.clone(),
                summary: p.summary.as_ref().map(|s| s.value.clone()),
                sources: p.sources.iter().map(|s| s.value.clone()).collect(),
                body: Markdown {
                    text: p.body.clone(),
                    origin: Span {
                        file: p.file,
                        line: p.body_line,
                        col: 1,
                        len: 0,
                    },
                },
            })
            .collect(),
        glossary: content.glossary.as_ref().map_or_else(Vec::new, |g| {
            g.terms
                .iter()
                .map(|t| Term {
                    term: t.term.value.clone(),
                    id: t.id.as_ref().unwrap_or(&t.term).value.clone(),
                    explanation: markdown(&t.explanation),
                    aliases: t.aliases.iter().map(|a| a.value.clone()).collect(),
                    policy: t.policy.as_ref().map(|p| p.value.clone()),
                })
                .collect()
        }),
        totals,
        register: content.register(),
    }
}

fn indicator(source: &content::Indicator) -> Indicator {
    let unit = source
        .unit
        .as_ref()
        .map_or_else(String::new, |u| u.value.clone());
    let reading = |r: &content::Reading, baseline: bool| Reading {
        date: r.date.value,
        value: r.value.value,
        text: format!("{}{unit}", number_text(r.value.value)),
        note: r.note.as_ref().map(|n| n.value.clone()),
        baseline,
    };
    let readings: Vec<Reading> = std::iter::once(reading(&source.baseline, true))
        .chain(source.readings.iter().map(|r| reading(r, false)))
        .collect();
    Indicator {
        id: source.id.value.clone(),
        name: source.name.value.clone(),
        source: source.source.as_ref().map(|s| s.value.clone()),
        target: source.target.value,
        target_text: format!("{}{unit}", number_text(source.target.value)),
        latest_text: readings.last().map(|r| r.text.clone()).unwrap_or_default(),
        readings,
        unit,
    }
}

/// 一是, 二是 … 十是, 十一是.
pub(crate) fn measure_label(number: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let n = number as usize;
    let text = match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    };
    format!("{text}是")
}

/// A figure as the plan writes it: `83`, `42.68`, `0.43`.
pub fn number_text(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn evidence_label(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Minutes => "会议记录",
        EvidenceKind::Photo => "照片",
        EvidenceKind::SignIn => "签到表",
        EvidenceKind::Ledger => "台账",
        EvidenceKind::Document => "文件",
        EvidenceKind::Other => "其他",
    }
}

fn normalise_base_url(base: Option<&str>) -> String {
    let base = base.unwrap_or("/").trim();
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Status;

    #[test]
    fn labels_measures_as_the_plan_does() {
        let labels: Vec<String> = [1, 2, 10, 11, 23].into_iter().map(measure_label).collect();
        assert_eq!(labels, ["一是", "二是", "十是", "十一是", "二十三是"]);
    }

    #[test]
    fn writes_figures_without_noise() {
        assert_eq!(number_text(83.0), "83");
        assert_eq!(number_text(42.68), "42.68");
        assert_eq!(number_text(0.43), "0.43");
    }

    #[test]
    fn statuses_stay_in_order() {
        assert!(Status::Closed > Status::AwaitingAcceptance);
    }
}
