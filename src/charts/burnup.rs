//! A village's burn-up: tasks handed in and closed out over time against
//! the total, with the deadline, the as-of date and milestones marked.

use plotters::prelude::*;

use crate::date::Date;
use crate::model::Status;
use crate::model::{Milestone, Task};

use super::{ACCENT, Chart, DataTable, INK, MUTED, finish, font, status_fill};

/// How large to draw: a full chart, or one of the overview's small multiples
/// (fewer ticks, larger type for its smaller display size).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// A village page's chart.
    Full,
    /// A small multiple.
    Small,
}

impl Size {
    fn dimensions(self) -> (u32, u32, f64, usize) {
        match self {
            Size::Full => (480, 220, 11.0, 5),
            Size::Small => (300, 190, 14.0, 3),
        }
    }
}

/// The status a task had at the end of `day`, from its dated history.
fn status_on(task: &Task, day: Date) -> Status {
    let mut status = Status::NotStarted;
    for entry in task.history.iter().take_while(|h| h.date <= day) {
        status = entry.status.status();
    }
    status
}

/// The burn-up of `tasks` from `start` to the later of `as_of` and the
/// deadline. `None` when there are no tasks to draw.
pub fn burnup(
    id: &str,
    name: &str,
    tasks: &[&Task],
    (start, as_of): (Date, Date),
    milestones: &[Milestone],
    size: Size,
) -> Option<Chart> {
    let (width, height, text, ticks) = size.dimensions();
    if tasks.is_empty() {
        return None;
    }
    // Deadlines in words without a day (长期坚持) draw no line.
    let deadline = tasks.iter().filter_map(|t| t.deadline).max();
    let end = deadline.map_or(as_of, |d| as_of.max(d));
    let total = tasks.len();
    // Every day something changed, plus the ends, in order.
    let mut days: Vec<Date> = tasks
        .iter()
        .flat_map(|t| t.history.iter().map(|h| h.date))
        .filter(|d| *d >= start && *d <= as_of)
        .chain([start, as_of])
        .collect();
    days.sort();
    days.dedup();
    let counts: Vec<(Date, usize, usize)> = days
        .iter()
        .map(|&day| {
            let statuses: Vec<Status> = tasks.iter().map(|t| status_on(t, day)).collect();
            let closed = statuses.iter().filter(|s| **s == Status::Closed).count();
            let handed_in = statuses.iter().filter(|s| s.is_handed_in()).count();
            (day, handed_in, closed)
        })
        .collect();
    let span = start.days_until(end).max(1) as f64;
    let x = |day: Date| start.days_until(day) as f64;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&area)
            .margin_top(12)
            .margin_right((text * 5.5) as u32)
            .margin_left(4)
            .x_label_area_size(22)
            .y_label_area_size((text * 2.6) as u32)
            .build_cartesian_2d(0f64..span, 0f64..total as f64 * 1.08)
            .ok()?;
        let label = |days: &f64| {
            let day = start.plus_days(*days as i64);
            format!("{}/{}", day.month(), day.day())
        };
        let _ = chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(ticks)
            .y_labels(ticks)
            .x_label_formatter(&label)
            // Whole tasks only: a tick at 0.5 would read "1" twice.
            .y_label_formatter(&|v| {
                if (v - v.round()).abs() < 0.01 {
                    format!("{}", v.round() as i64)
                } else {
                    String::new()
                }
            })
            .axis_style(MUTED)
            .label_style(font(text).color(&MUTED))
            .draw();
        let total_line = [(0.0, total as f64), (span, total as f64)];
        let _ = chart.draw_series(DashedLineSeries::new(
            total_line,
            4,
            3,
            MUTED.stroke_width(1),
        ));
        for milestone in milestones
            .iter()
            .filter(|m| m.date >= start && m.date <= end)
        {
            let at = x(milestone.date);
            let _ = chart.draw_series(LineSeries::new(
                [(at, 0.0), (at, total as f64 * 0.06)],
                MUTED.stroke_width(2),
            ));
        }
        if let Some(deadline) = deadline {
            let _ = chart.draw_series(LineSeries::new(
                [(x(deadline), 0.0), (x(deadline), total as f64 * 1.08)],
                ACCENT.stroke_width(2),
            ));
        }
        let _ = chart.draw_series(DashedLineSeries::new(
            [(x(as_of), 0.0), (x(as_of), total as f64 * 1.08)],
            2,
            3,
            INK.stroke_width(1),
        ));
        let steps = |pick: fn(&(Date, usize, usize)) -> usize| {
            let mut points = Vec::new();
            let mut previous = 0usize;
            for entry in &counts {
                points.push((x(entry.0), previous as f64));
                previous = pick(entry);
                points.push((x(entry.0), previous as f64));
            }
            points
        };
        let _ = chart.draw_series(LineSeries::new(
            steps(|c| c.1),
            status_fill(Status::AwaitingAcceptance).stroke_width(2),
        ));
        let _ = chart.draw_series(LineSeries::new(
            steps(|c| c.2),
            status_fill(Status::Closed).stroke_width(3),
        ));
        let last = counts.last().copied().unwrap_or((as_of, 0, 0));
        let plot = chart.plotting_area();
        let (px, _) = plot.map_coordinate(&(x(as_of), 0.0));
        let place = |value: usize| plot.map_coordinate(&(x(as_of), value as f64)).1;
        let (closed_y, handed_y) = (place(last.2), place(last.1));
        // Direct labels at the right, kept apart when the lines are close.
        let gap = (text * 1.3) as i32;
        let handed_y = if (closed_y - handed_y).abs() < gap {
            closed_y - gap
        } else {
            handed_y
        };
        let half = (text / 2.0) as i32;
        let _ = area.draw(&Text::new(
            format!("已交 {}", last.1),
            (px + 6, handed_y - half),
            font(text).color(&INK),
        ));
        let _ = area.draw(&Text::new(
            format!("已销号 {}", last.2),
            (px + 6, closed_y - half),
            font(text).color(&INK),
        ));
        if let Some(deadline) = deadline {
            let (dx, _) = plot.map_coordinate(&(x(deadline), 0.0));
            let _ = area.draw(&Text::new("时限", (dx + 3, 0), font(text).color(&ACCENT)));
        }
        let _ = area.present();
    }
    let title = format!("{name}整改进度(累计)");
    let due = deadline.map_or_else(String::new, |d| format!(";整改时限{d}"));
    let desc = format!(
        "{name}共{total}项任务。截至{as_of},已交验收(含已销号){}项,已销号{}项{due}。",
        counts.last().map_or(0, |c| c.1),
        counts.last().map_or(0, |c| c.2),
    );
    Some(Chart {
        id: id.to_string(),
        svg: finish(&svg, id, &title, &desc),
        table: DataTable {
            caption: format!("{title}数据"),
            columns: ["日期", "已交验收(含已销号)", "已销号", "任务总数"]
                .map(String::from)
                .to_vec(),
            rows: counts
                .iter()
                .map(|(day, handed_in, closed)| {
                    vec![
                        day.to_string(),
                        handed_in.to_string(),
                        closed.to_string(),
                        total.to_string(),
                    ]
                })
                .collect(),
            numeric: vec![false, true, true, true],
        },
    })
}
