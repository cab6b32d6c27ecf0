//! Every chart of the site, drawn once before pages render.

use rayon::prelude::*;

use crate::charts::{self, Chart};
use crate::model::Model;

/// All charts, by what they show.
#[derive(Debug, Default)]
pub(crate) struct Figures {
    /// Tasks by status per village, in parts of [`ROWS`] villages.
    pub(crate) villages: Vec<Chart>,
    /// Tasks by status per unit.
    pub(crate) units: Vec<Chart>,
    /// Villages by issues, in parts of [`ROWS`] villages; none past
    /// [`MATRIX_ISSUES`] issues, where a grid would be unreadable.
    pub(crate) matrix: Vec<Chart>,
    /// Per village: its status bar, burn-up, and the burn-up as a small multiple.
    pub(crate) village: Vec<(Chart, Option<Chart>, Option<Chart>)>,
    /// Per unit: its status bar.
    pub(crate) unit: Vec<Chart>,
    /// Per issue: one chart per indicator.
    pub(crate) indicators: Vec<Vec<Chart>>,
}

/// Rows per chart: long lists are split so each SVG stays small and prints
/// on one page.
pub(crate) const ROWS: usize = 25;
/// The largest ledger drawn as a villages × issues grid.
pub(crate) const MATRIX_ISSUES: usize = 60;

/// Splits `rows` into charts of at most [`ROWS`] rows.
fn bar_parts(id: &str, caption: &str, rows: &[(String, crate::model::Tally)]) -> Vec<Chart> {
    let parts = rows.len().div_ceil(ROWS);
    rows.chunks(ROWS)
        .enumerate()
        .map(|(k, part)| {
            let caption = if parts > 1 {
                format!("{caption}({}/{parts})", k + 1)
            } else {
                caption.to_string()
            };
            charts::status_bars(&format!("{id}-{}", k + 1), &caption, part)
        })
        .collect()
}

/// Draws every chart of `model`, in parallel.
pub(crate) fn draw(model: &Model) -> Figures {
    let with_tasks: Vec<(String, crate::model::Tally)> = model
        .villages
        .iter()
        .filter(|v| v.tally.total > 0)
        .map(|v| (v.name.clone(), v.tally))
        .collect();
    let units: Vec<(String, crate::model::Tally)> = model
        .units
        .iter()
        .filter(|u| u.tally.total > 0)
        .map(|u| (u.name.clone(), u.tally))
        .collect();
    let village = model
        .villages
        .par_iter()
        .map(|v| {
            let bar = charts::status_bars(
                &format!("c-bar-{}", v.id),
                &format!("{}整改任务状态", v.name),
                &[(v.name.clone(), v.tally)],
            );
            let tasks: Vec<_> = v.tasks.iter().map(|&t| &model.tasks[t]).collect();
            let dates = (model.document.date, model.as_of);
            let burnup = |size| {
                charts::burnup(
                    &format!("c-burnup-{}", v.id),
                    &v.name,
                    &tasks,
                    dates,
                    &model.milestones,
                    size,
                )
            };
            (bar, burnup(charts::Size::Full), burnup(charts::Size::Small))
        })
        .collect();
    let unit = model
        .units
        .par_iter()
        .map(|u| {
            charts::status_bars(
                &format!("c-bar-{}", u.id),
                &format!("{}整改任务状态", u.name),
                &[(u.name.clone(), u.tally)],
            )
        })
        .collect();
    let indicators = model
        .issues
        .par_iter()
        .map(|issue| {
            issue
                .indicators
                .iter()
                .map(|i| charts::indicator(&format!("c-ind-{}", i.id), i))
                .collect()
        })
        .collect();
    let drawn: Vec<&crate::model::Village> = model
        .villages
        .iter()
        .filter(|v| v.tally.total > 0)
        .collect();
    let matrix = if model.tasks.is_empty() || model.issues.len() > MATRIX_ISSUES {
        Vec::new()
    } else {
        let parts = drawn.len().div_ceil(ROWS);
        drawn
            .chunks(ROWS)
            .enumerate()
            .map(|(k, part)| {
                let villages: Vec<crate::model::Village> =
                    part.iter().map(|v| (*v).clone()).collect();
                let title = if parts > 1 {
                    format!("整改台账总览:各村(社区)×问题({}/{parts})", k + 1)
                } else {
                    "整改台账总览:各村(社区)×问题".to_string()
                };
                charts::matrix(
                    &format!("c-matrix-{}", k + 1),
                    &title,
                    &villages,
                    &model.issues,
                    &model.tasks,
                )
            })
            .collect()
    };
    Figures {
        villages: bar_parts("c-villages", "各村(社区)整改任务状态", &with_tasks),
        units: bar_parts("c-units", "各责任单位整改任务状态", &units),
        matrix,
        village,
        unit,
        indicators,
    }
}
