//! Figures that sum the listed issues up: the plan's groups and the issues
//! by status word.

use std::sync::Arc;

use crate::model::{Group, Issue, StatusCount, Tally};

/// The outermost headings, each over the run of issues it heads.
pub(super) fn groups(issues: &[Arc<Issue>]) -> Vec<Group> {
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
pub(super) fn issue_statuses(issues: &[Arc<Issue>]) -> Vec<StatusCount> {
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
