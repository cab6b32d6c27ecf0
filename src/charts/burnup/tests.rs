//! What the burn-up chart must draw and say.

use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::model::HistoryEntry;

/// The status a task had at the end of `day`, from its dated history.
fn status_on(task: &Task, day: Date) -> Status {
    let mut status = Status::NotStarted;
    for entry in task.history.iter().take_while(|h| h.date <= day) {
        status = entry.status.status();
    }
    status
}

/// The counts as the chart first made them: every task asked its
/// status on every day.
fn counts_by_day_slowly(tasks: &[&Task], start: Date, as_of: Date) -> Vec<Count> {
    days_counted(tasks, start, as_of)
        .iter()
        .map(|&day| {
            let statuses: Vec<Status> = tasks.iter().map(|t| status_on(t, day)).collect();
            Count {
                day,
                handed_in: statuses.iter().filter(|s| s.is_handed_in()).count(),
                closed: statuses.iter().filter(|s| **s == Status::Closed).count(),
            }
        })
        .collect()
}

fn task(history: &[(i64, usize)]) -> Task {
    let day = |offset: i64| Date::EPOCH.plus_days(20_000 + offset);
    Task {
        issue: 1,
        issue_slug: Arc::from("1"),
        issue_title: Arc::from("问题"),
        measure: None,
        measure_label: None,
        village: None,
        unit: None,
        what: String::new(),
        status: Status::NotStarted.into(),
        deadline: None,
        deadline_text: String::new(),
        overdue: false,
        days_overdue: 0,
        history: history
            .iter()
            .map(|&(offset, status)| HistoryEntry {
                date: day(offset),
                status: Status::ALL[status].into(),
                note: None,
            })
            .collect(),
        last_update: None,
        acceptance: None,
    }
}

proptest! {
    /// Histories in any order, on any days in and around the chart's.
    #[test]
    fn counts_as_asking_every_task_every_day(
        histories in prop::collection::vec(
            prop::collection::vec((0i64..40, 0usize..Status::ALL.len()), 0..5),
            0..12,
        ),
        from in 0i64..20,
        length in 0i64..25,
    ) {
        let tasks: Vec<Task> = histories.iter().map(|h| task(h)).collect();
        let listed: Vec<&Task> = tasks.iter().collect();
        let start = Date::EPOCH.plus_days(20_000 + from);
        let as_of = start.plus_days(length);
        let counts = |c: Vec<Count>| -> Vec<(Date, usize, usize)> {
            c.into_iter().map(|c| (c.day, c.handed_in, c.closed)).collect()
        };
        prop_assert_eq!(
            counts(counts_by_day(&listed, start, as_of)),
            counts(counts_by_day_slowly(&listed, start, as_of))
        );
    }
}
