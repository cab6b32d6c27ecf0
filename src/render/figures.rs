//! Every chart of the site, each drawn once, when a page first shows it;
//! an issue's charts are let go once its pages are made.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::held::Held;
use crate::charts::{self, BarRow, Chart};
use crate::model::{Model, Tally, Task};

/// The charts of one model, each drawn the first time a page asks for it.
/// Every method takes the model the figures were made for.
#[derive(Debug)]
pub(crate) struct Figures {
    villages: OnceLock<Vec<Chart>>,
    units: OnceLock<Vec<Chart>>,
    matrix: OnceLock<Vec<Chart>>,
    village_bar: Vec<OnceLock<Chart>>,
    village_burnup: Vec<OnceLock<Option<Chart>>>,
    village_small: Vec<OnceLock<Option<Chart>>>,
    unit: Vec<OnceLock<Chart>>,
    indicators: Vec<Held<Vec<Chart>>>,
}

/// Rows per chart: long lists are split so each SVG stays small and prints
/// on one page.
pub(crate) const ROWS: usize = 25;
/// The largest ledger drawn as a villages × issues grid.
pub(crate) const MATRIX_ISSUES: usize = 60;

/// Splits `rows` into charts of at most [`ROWS`] rows.
fn bar_parts(id: &str, caption: &str, rows: &[BarRow]) -> Vec<Chart> {
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

impl Figures {
    /// Figures for `model`, nothing drawn yet.
    pub(crate) fn new(model: &Model) -> Figures {
        Figures {
            villages: OnceLock::new(),
            units: OnceLock::new(),
            matrix: OnceLock::new(),
            village_bar: super::unset(model.villages.len()),
            village_burnup: super::unset(model.villages.len()),
            village_small: super::unset(model.villages.len()),
            unit: super::unset(model.units.len()),
            indicators: Held::unset(model.issues.len()),
        }
    }

    /// Tasks by status per village, in parts of [`ROWS`] villages.
    pub(crate) fn villages(&self, model: &Model) -> &[Chart] {
        self.villages.get_or_init(|| {
            let rows: Vec<BarRow> = model
                .villages
                .iter()
                .filter(|v| v.tally.total > 0)
                .map(village_row)
                .collect();
            bar_parts("c-villages", "各村(社区)整改任务状态", &rows)
        })
    }

    /// Tasks by status for `villages` alone, in the order given: the
    /// overview's villages furthest behind, when a county has too many to
    /// show them all.
    pub(crate) fn villages_behind(&self, model: &Model, villages: &[usize]) -> Vec<Chart> {
        let rows: Vec<BarRow> = villages
            .iter()
            .map(|&i| &model.villages[i])
            .map(village_row)
            .collect();
        bar_parts(
            "c-villages-behind",
            "进度最靠后的村(社区)整改任务状态",
            &rows,
        )
    }

    /// Tasks by status per unit, in parts of [`ROWS`] units.
    pub(crate) fn units(&self, model: &Model) -> &[Chart] {
        self.units.get_or_init(|| {
            let rows: Vec<BarRow> = model
                .units
                .iter()
                .filter(|u| u.tally.total > 0)
                .map(unit_row)
                .collect();
            bar_parts("c-units", "各责任单位整改任务状态", &rows)
        })
    }

    /// Tasks by status for `units` alone, in the order given: the
    /// overview's units furthest behind, when a county has too many to
    /// show them all.
    pub(crate) fn units_behind(&self, model: &Model, units: &[usize]) -> Vec<Chart> {
        let rows: Vec<BarRow> = units.iter().map(|&i| unit_row(&model.units[i])).collect();
        bar_parts("c-units-behind", "进度最靠后的责任单位整改任务状态", &rows)
    }

    /// Villages by issues, in parts of [`ROWS`] villages; none past
    /// [`MATRIX_ISSUES`] issues, where a grid would be unreadable.
    pub(crate) fn matrix(&self, model: &Model) -> &[Chart] {
        self.matrix.get_or_init(|| draw_matrix(model))
    }

    /// Village `i`'s status bar.
    pub(crate) fn village_bar(&self, model: &Model, i: usize) -> &Chart {
        self.village_bar[i].get_or_init(|| {
            let v = &model.villages[i];
            charts::status_bars(
                &format!("c-bar-{}", v.id),
                &format!("{}整改任务状态", v.name),
                &[own(&v.name, v.tally)],
            )
        })
    }

    /// Village `i`'s burn-up, full size (none for a village without tasks).
    pub(crate) fn village_burnup(&self, model: &Model, i: usize) -> Option<&Chart> {
        self.village_burnup[i]
            .get_or_init(|| burnup(model, i, charts::Size::Full))
            .as_ref()
    }

    /// Village `i`'s burn-up as a small multiple for the overview.
    pub(crate) fn village_small(&self, model: &Model, i: usize) -> Option<&Chart> {
        self.village_small[i]
            .get_or_init(|| burnup(model, i, charts::Size::Small))
            .as_ref()
    }

    /// The small burn-ups of `villages`, drawn in parallel, for the
    /// overview.
    pub(crate) fn draw_small_multiples(&self, model: &Model, villages: &[usize]) {
        villages.par_iter().for_each(|&i| {
            let _ = self.village_small(model, i);
        });
    }

    /// Unit `i`'s status bar.
    pub(crate) fn unit(&self, model: &Model, i: usize) -> &Chart {
        self.unit[i].get_or_init(|| {
            let u = &model.units[i];
            charts::status_bars(
                &format!("c-bar-{}", u.id),
                &format!("{}整改任务状态", u.name),
                &[own(&u.name, u.tally)],
            )
        })
    }

    /// One chart per indicator of issue `i`.
    pub(crate) fn indicators(&self, model: &Model, i: usize) -> Arc<Vec<Chart>> {
        self.indicators[i].get_or_make(|| draw_indicators(model, i))
    }

    /// Lets issue `i`'s charts go, once the pages that show them are
    /// made; they are drawn again if asked for.
    pub(crate) fn let_go_of_issue(&self, i: usize) {
        self.indicators[i].let_go();
    }

    /// How many issues' charts are held.
    #[cfg(test)]
    pub(crate) fn issues_held(&self) -> usize {
        self.indicators.iter().filter(|held| held.is_held()).count()
    }
}

/// Issue `i`'s indicator charts.
fn draw_indicators(model: &Model, i: usize) -> Vec<Chart> {
    model.issues[i]
        .indicators
        .iter()
        .map(|ind| charts::indicator(&format!("c-ind-{}", ind.id), ind))
        .collect()
}

/// A bar whose label leads to `href`.
fn linked(name: &str, href: &str, tally: Tally) -> BarRow {
    BarRow {
        label: name.to_string(),
        href: Some(href.to_string()),
        tally,
    }
}

/// A village's row in a status chart, linked to its page.
fn village_row(village: &crate::model::Village) -> BarRow {
    let page = format!("@/villages/{}/", village.id);
    linked(&village.name, &page, village.tally)
}

/// A unit's row, its label linking to the unit's page.
fn unit_row(unit: &crate::model::Unit) -> BarRow {
    linked(&unit.name, &format!("@/units/{}/", unit.id), unit.tally)
}

/// A page's own bar: its label leads nowhere, the reader is there.
fn own(name: &str, tally: Tally) -> BarRow {
    BarRow {
        label: name.to_string(),
        href: None,
        tally,
    }
}

/// Village `i`'s burn-up at `size`.
fn burnup(model: &Model, i: usize, size: charts::Size) -> Option<Chart> {
    let v = &model.villages[i];
    let tasks: Vec<&Task> = v.tasks.iter().map(|&t| &*model.tasks[t]).collect();
    charts::burnup(
        &format!("c-burnup-{}", v.id),
        &v.name,
        &tasks,
        // Without a date of issue, the curve starts at the first phase or
        // the first change of a task.
        (
            model
                .document
                .day
                .or(model.phases.first().map(|p| p.start))
                .or_else(|| {
                    tasks
                        .iter()
                        .flat_map(|t| t.history.first())
                        .map(|h| h.date)
                        .min()
                })
                .unwrap_or(model.as_of),
            model.as_of,
        ),
        &model.milestones,
        size,
    )
}

/// The villages × issues grid, in parts of [`ROWS`] villages.
fn draw_matrix(model: &Model) -> Vec<Chart> {
    let drawn: Vec<&crate::model::Village> = model
        .villages
        .iter()
        .filter(|v| v.tally.total > 0)
        .collect();
    if model.tasks.is_empty() || model.issues.len() > MATRIX_ISSUES {
        return Vec::new();
    }
    let parts = drawn.len().div_ceil(ROWS);
    drawn
        .chunks(ROWS)
        .enumerate()
        .map(|(k, part)| {
            let villages: Vec<crate::model::Village> = part.iter().map(|v| (*v).clone()).collect();
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
}
