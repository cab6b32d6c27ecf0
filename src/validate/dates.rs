//! Date rules: records not after the as-of date and in order, deadlines not
//! before the plan, phases the right way round; and the overdue and stale
//! warnings.

use rayon::prelude::*;

use crate::content::{Content, Issue, Task};
use crate::date::Date;
use crate::diagnostics::{Diagnostics, Located, PerFile, Problem, SourceMap};

/// A task with no dated entry for this long gets a warning.
const STALE_AFTER_DAYS: i64 = 30;

pub(super) fn date_rules(
    content: &Content,
    as_of: Option<Date>,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
    memo: &mut Judged,
) {
    let plan_date = content
        .site
        .as_ref()
        .and_then(|s| s.document.date.as_ref())
        .map(|d| d.value.first_day());
    if let Some(site) = &content.site {
        for phase in &site.phases {
            if phase.end.value < phase.start.value {
                diagnostics.push(
                    Problem::PhaseEndsBeforeStart {
                        start: phase.start.value.to_string(),
                        end: phase.end.value.to_string(),
                    },
                    phase.end.span,
                );
            }
        }
        if as_of.is_none() && content.needs_as_of() {
            diagnostics.push(Problem::NoAsOf, sources.first_content_line(site.file));
        }
    }
    if memo.judged_by != (plan_date, as_of) {
        memo.judged_by = (plan_date, as_of);
        memo.by_issue.clear();
    }
    // Each issue's findings are its own file's and the two dates': those of
    // an unchanged file are taken from the run before.
    let revisions: Vec<u64> = content
        .issues
        .iter()
        .map(|issue| sources.revision(issue.file))
        .collect();
    let kept: Vec<Option<Diagnostics>> = content
        .issues
        .iter()
        .zip(&revisions)
        .map(|(issue, &revision)| memo.by_issue.take(issue.file, revision))
        .collect();
    let judged: Vec<Diagnostics> = content
        .issues
        .par_iter()
        .zip(kept)
        .map(|(issue, kept)| {
            kept.unwrap_or_else(|| {
                let mut found = Diagnostics::default();
                issue_rules(issue, plan_date, as_of, &mut found);
                found
            })
        })
        .collect();
    for ((issue, revision), found) in content.issues.iter().zip(revisions).zip(judged) {
        diagnostics.extend(found.clone());
        memo.by_issue.put(issue.file, revision, found);
    }
}

/// What the date rules found in each issue file, by file and the revision
/// of its text, and the plan date and as-of date it was judged by: kept
/// between runs (for `serve`).
#[derive(Debug, Default)]
pub(super) struct Judged {
    judged_by: (Option<Date>, Option<Date>),
    by_issue: PerFile<Diagnostics>,
}

/// The date rules of one issue: deadlines not before the plan, readings,
/// updates and history in order and not after the as-of date, and the
/// overdue and stale warnings.
fn issue_rules(
    issue: &Issue,
    plan_date: Option<Date>,
    as_of: Option<Date>,
    diagnostics: &mut Diagnostics,
) {
    // An incomplete issue's deadline is a stand-in: judge nothing by it.
    let issue_deadline = issue.deadline.as_ref().filter(|_| issue.complete);
    let deadlines = issue_deadline
        .into_iter()
        .chain(issue.tasks.iter().filter_map(|t| t.deadline.as_ref()));
    if let Some(plan) = plan_date {
        for deadline in deadlines {
            // Words without a year never fall before the plan: they
            // mean its year or the next.
            if deadline.value.date(plan_date).is_none_or(|d| d >= plan) {
                continue;
            }
            diagnostics.push(
                Problem::DeadlineBeforePlan {
                    deadline: deadline.value.written.clone(),
                    plan: plan.to_string(),
                },
                deadline.span,
            );
        }
    }
    for indicator in &issue.indicators {
        let dates: Vec<_> = std::iter::once(&indicator.baseline)
            .chain(&indicator.readings)
            .map(|r| &r.date)
            .collect();
        in_order(&dates, diagnostics);
        not_after(&dates, as_of, diagnostics);
    }
    let updates: Vec<_> = issue.updates.iter().map(|u| &u.date).collect();
    not_after(&updates, as_of, diagnostics);
    for task in &issue.tasks {
        let history: Vec<_> = task.history.iter().map(|h| &h.date).collect();
        in_order(&history, diagnostics);
        not_after(&history, as_of, diagnostics);
        if let Some(date) = task.acceptance.as_ref().and_then(|a| a.date.as_ref()) {
            not_after(&[date], as_of, diagnostics);
        }
        let Some(as_of) = as_of else { continue };
        if task.status.value.is_handed_in() {
            continue;
        }
        let deadline = task.deadline.as_ref().or(issue_deadline);
        // Overdue only where the deadline names a day.
        let due = deadline.and_then(|d| d.value.date(plan_date).map(|on| (on, &d.value)));
        if let Some((on, deadline)) = due.filter(|(on, _)| *on < as_of) {
            diagnostics.push(
                Problem::Overdue {
                    task: label(task),
                    deadline: deadline.written.clone(),
                    days: on.days_until(as_of),
                },
                task.status.span,
            );
        } else if let Some(last) = history.last().map(|d| d.value).or(plan_date)
            && last.days_until(as_of) > STALE_AFTER_DAYS
        {
            diagnostics.push(
                Problem::Stale {
                    task: label(task),
                    last: last.to_string(),
                    days: last.days_until(as_of),
                },
                task.status.span,
            );
        }
    }
}

fn in_order(dates: &[&Located<Date>], diagnostics: &mut Diagnostics) {
    for pair in dates.windows(2) {
        if pair[1].value < pair[0].value {
            diagnostics.push(
                Problem::DatesOutOfOrder {
                    date: pair[1].value.to_string(),
                    previous: pair[0].value.to_string(),
                },
                pair[1].span,
            );
        }
    }
}

fn not_after(dates: &[&Located<Date>], as_of: Option<Date>, diagnostics: &mut Diagnostics) {
    let Some(as_of) = as_of else { return };
    for date in dates.iter().filter(|d| d.value > as_of) {
        diagnostics.push(
            Problem::DateAfterAsOf {
                date: date.value.to_string(),
                as_of: as_of.to_string(),
            },
            date.span,
        );
    }
}

/// A short name for a task in messages: owner and the start of its text.
fn label(task: &Task) -> String {
    let owner = [&task.village, &task.unit]
        .into_iter()
        .flatten()
        .map(|o| o.value.as_str())
        .collect::<Vec<_>>()
        .join("/");
    let what: String = task.what.value.chars().take(16).collect();
    let ellipsis = if task.what.value.chars().count() > 16 {
        "…"
    } else {
        ""
    };
    if owner.is_empty() {
        format!("{what}{ellipsis}")
    } else {
        format!("{owner}: {what}{ellipsis}")
    }
}
