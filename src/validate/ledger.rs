//! Ledger rules: a task is closed out only with acceptance and evidence
//! (the plan forbids 数字整改、纸面整改), and its status agrees with its
//! history.

use crate::content::{Content, Status};
use crate::diagnostics::{AcceptancePart, Diagnostics, Problem};

pub(super) fn closing_rules(content: &Content, diagnostics: &mut Diagnostics) {
    for task in content.issues.iter().flat_map(|issue| &issue.tasks) {
        if task.status.value == Status::Closed {
            let acceptance = task.acceptance.as_ref();
            let mut missing = Vec::new();
            if acceptance.and_then(|a| a.date.as_ref()).is_none() {
                missing.push(AcceptancePart::Date);
            }
            if acceptance.and_then(|a| a.by.as_ref()).is_none() {
                missing.push(AcceptancePart::AcceptingUnit);
            }
            if acceptance.is_none_or(|a| a.evidence.is_empty()) {
                missing.push(AcceptancePart::Evidence);
            }
            if !missing.is_empty() {
                diagnostics.push(
                    Problem::ClosedWithoutAcceptance { missing },
                    task.status.span,
                );
            }
        }
        if let Some(last) = task.history.last()
            && last.status.value != task.status.value
        {
            diagnostics.push(
                Problem::StatusDisagreesWithHistory {
                    status: task.status.value.code().to_string(),
                    last: last.status.value.code().to_string(),
                },
                task.status.span,
            );
        }
    }
    for breakdown in content.issues.iter().flat_map(|issue| &issue.breakdowns) {
        let width = breakdown.columns.len();
        for row in &breakdown.rows {
            if row.values.len() != width {
                diagnostics.push(
                    Problem::BreakdownWidth {
                        expected: width,
                        found: row.values.len(),
                    },
                    row.span,
                );
            }
        }
        if breakdown.total.is_empty() {
            continue;
        }
        if breakdown.total.len() != width {
            diagnostics.push(
                Problem::BreakdownWidth {
                    expected: width,
                    found: breakdown.total.len(),
                },
                breakdown.total[0].span,
            );
            continue;
        }
        for (column, total) in breakdown.total.iter().enumerate() {
            let sum: f64 = breakdown
                .rows
                .iter()
                .filter_map(|r| r.values.get(column))
                .map(|v| v.value)
                .sum();
            // Figures are counts or money to two decimals: compare at that precision.
            if (sum - total.value).abs() > 0.005 {
                diagnostics.push(
                    Problem::BreakdownTotal {
                        column: breakdown.columns[column].value.clone(),
                        sum: format_number(sum),
                        total: format_number(total.value),
                    },
                    total.span,
                );
            }
        }
    }
}

/// `83`, `1.2`, `0.43`: as few decimals as the value needs.
fn format_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
