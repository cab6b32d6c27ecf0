//! The ledger at a glance: villages by issues, each cell the status of that
//! village's tasks for that issue.

use std::sync::Arc;

use plotters::prelude::*;

use crate::model::{Issue, Tally, Task, Village};

use super::{ACCENT, Chart, DataTable, INK, MUTED, finish, fit, font, status_fill, text_width};

const CELL: i32 = 26;
const TEXT: f64 = 12.0;

/// The tally of each village's tasks for each issue (rows: villages).
pub(crate) fn cells(
    villages: &[Village],
    issues: &[Arc<Issue>],
    tasks: &[Arc<Task>],
) -> Vec<Vec<Tally>> {
    villages
        .iter()
        .map(|village| {
            issues
                .iter()
                .map(|issue| {
                    let mut tally = Tally::default();
                    for &t in &issue.tasks {
                        let task = &tasks[t];
                        if task.village.as_ref().is_some_and(|v| *v.id == *village.id) {
                            tally.add(task.status.status(), task.overdue);
                        }
                    }
                    tally
                })
                .collect()
        })
        .collect()
}

/// Draws the matrix. Villages without any task are left out.
pub fn matrix(
    id: &str,
    title: &str,
    villages: &[Village],
    issues: &[Arc<Issue>],
    tasks: &[Arc<Task>],
) -> Chart {
    let grid = cells(villages, issues, tasks);
    let rows: Vec<Row> = villages
        .iter()
        .zip(&grid)
        .filter(|(v, _)| v.tally.total > 0)
        .collect();
    let described: Vec<String> = rows.iter().map(|row| describe(row, issues)).collect();
    Chart {
        id: id.to_string(),
        kind: "matrix",
        title: title.to_string(),
        drawing: finish(
            &draw(&rows, issues),
            id,
            title,
            &format!("{}。右上角红色方块表示有逾期任务。", described.join(";")),
        ),
        note: "每行一个村(社区),每列一个问题;格子颜色为该村该问题任务的状态,空白为无任务,右上角红色方块表示有逾期任务。"
            .to_string(),
        table: table(title, &rows, issues),
    }
}

/// A village with tasks, and its tally per issue.
type Row<'a> = (&'a Village, &'a Vec<Tally>);

/// The grid as SVG: issue numbers on top, a village per row, a cell per
/// issue filled with the status of its tasks there.
fn draw(rows: &[Row], issues: &[Arc<Issue>]) -> String {
    let label_width = rows
        .iter()
        .map(|(v, _)| text_width(&v.name, TEXT))
        .fold(3.0 * TEXT, f64::max)
        .min(9.0 * TEXT);
    let left = label_width as i32 + 8;
    let top = 22;
    let width = (left + issues.len() as i32 * CELL + 4).max(120) as u32;
    let height = (top + rows.len().max(1) as i32 * CELL + 4) as u32;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        for (column, issue) in issues.iter().enumerate() {
            let x = left + column as i32 * CELL + CELL / 2;
            let _ = area.draw(&Text::new(
                issue.number.to_string(),
                (
                    x - (text_width(&issue.number.to_string(), TEXT) / 2.0) as i32,
                    4,
                ),
                font(TEXT).color(&MUTED),
            ));
        }
        // Empty cells are the pale background showing through: one rect for
        // the whole grid instead of one per empty cell keeps large ledgers small.
        let grid_right = left + issues.len() as i32 * CELL;
        let grid_bottom = top + rows.len() as i32 * CELL;
        let _ = area.draw(&Rectangle::new(
            [(left, top), (grid_right, grid_bottom)],
            RGBColor(0xEE, 0xF0, 0xF2).filled(),
        ));
        for (row, (village, tallies)) in rows.iter().enumerate() {
            let y = top + row as i32 * CELL;
            let _ = area.draw(&Text::new(
                fit(&village.name, TEXT, label_width),
                (0, y + 6),
                font(TEXT).color(&INK),
            ));
            for (column, tally) in tallies.iter().enumerate() {
                draw_cell(&area, (left + column as i32 * CELL, y), tally);
            }
        }
        let _ = area.present();
    }
    svg
}

/// One cell at `(x, y)`: the status's fill, an outline for "not started"
/// (its fill is pale), and a red corner when a task is overdue.
fn draw_cell(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    (x, y): (i32, i32),
    tally: &Tally,
) {
    let Some(status) = tally.overall() else {
        return;
    };
    let cell = [(x + 2, y + 2), (x + CELL - 1, y + CELL - 1)];
    let _ = area.draw(&Rectangle::new(cell, status_fill(status).filled()));
    if status == crate::model::Status::NotStarted {
        let _ = area.draw(&Rectangle::new(cell, INK.stroke_width(1)));
    }
    if tally.overdue > 0 {
        let mark = [(x + CELL - 10, y + 1), (x + CELL - 1, y + 10)];
        let _ = area.draw(&Rectangle::new(mark, ACCENT.filled()));
    }
}

/// A village's row in words, for the chart's description.
fn describe((village, tallies): &Row, issues: &[Arc<Issue>]) -> String {
    let open: Vec<String> = issues
        .iter()
        .zip(tallies.iter())
        .filter(|(_, t)| t.total > 0 && t.closed < t.total)
        .map(|(issue, t)| {
            format!(
                "问题{}{}",
                issue.number,
                t.overall().map_or("", |s| s.label())
            )
        })
        .collect();
    if open.is_empty() {
        format!("{}的任务已全部销号", village.name)
    } else {
        format!("{}未销号:{}", village.name, open.join("、"))
    }
}

/// The grid as a table: a status word per cell, with the overdue count.
fn table(title: &str, rows: &[Row], issues: &[Arc<Issue>]) -> DataTable {
    let mut columns = vec!["村(社区)".to_string()];
    columns.extend(issues.iter().map(|i| format!("问题{}", i.number)));
    DataTable {
        caption: format!("{title}数据"),
        columns,
        rows: rows
            .iter()
            .map(|(village, tallies)| {
                let mut cells = vec![village.name.clone()];
                cells.extend(tallies.iter().map(|t| match t.overall() {
                    None => String::new(),
                    Some(status) if t.overdue > 0 => {
                        format!("{}(逾期{})", status.label(), t.overdue)
                    }
                    Some(status) => status.label().to_string(),
                }));
                cells
            })
            .collect(),
        numeric: vec![false; issues.len() + 1],
    }
}
