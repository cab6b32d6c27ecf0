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
            // Drawn at about a phone's column width, so that type drawn at
            // 13 is read at 13 CSS px or more on a 375 px screen.
            Size::Full => (340, 210, 13.0, 4),
            Size::Small => (300, 190, 14.0, 3),
        }
    }
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
    if tasks.is_empty() {
        return None;
    }
    // Deadlines in words without a day (长期坚持) draw no line.
    let deadline = tasks.iter().filter_map(|t| t.deadline).max();
    let frame = Frame {
        start,
        end: deadline.map_or(as_of, |d| as_of.max(d)),
        as_of,
        deadline,
        total: tasks.len(),
        size,
    };
    let counts = counts_by_day(tasks, start, as_of);
    let svg = draw(&frame, &counts, milestones)?;
    let title = format!("{name}整改进度(累计)");
    let due = deadline.map_or_else(String::new, |d| format!(";整改时限{d}"));
    let last = counts.last().copied().unwrap_or(Count {
        day: as_of,
        handed_in: 0,
        closed: 0,
    });
    let desc = format!(
        "{name}共{}项任务。截至{as_of},已报完成(含已销号){}项,已销号{}项{due}。",
        frame.total, last.handed_in, last.closed,
    );
    Some(Chart {
        id: id.to_string(),
        kind: "burnup",
        title: title.clone(),
        drawing: finish(&svg, id, &title, &desc),
        note: "绿色粗线为已销号,黄色线为已报完成(含已销号),虚线为任务总数;红色竖线为整改时限,点线为统计截至日期。"
            .to_string(),
        table: table(&title, &counts, frame.total),
    })
}

/// What the chart spans and marks.
struct Frame {
    start: Date,
    /// The later of the as-of date and the deadline.
    end: Date,
    as_of: Date,
    deadline: Option<Date>,
    total: usize,
    size: Size,
}

impl Frame {
    /// Days from the start to `day`, the x coordinate.
    fn x(&self, day: Date) -> f64 {
        self.start.days_until(day) as f64
    }

    /// The top of the y axis, a little above the total.
    fn top(&self) -> f64 {
        self.total as f64 * 1.08
    }
}

/// How many tasks were handed in (closed included) and closed out at the
/// end of a day.
#[derive(Clone, Copy)]
struct Count {
    day: Date,
    handed_in: usize,
    closed: usize,
}

/// The days the chart counts on: every day something changed between
/// `start` and `as_of`, and those two.
fn days_counted(tasks: &[&Task], start: Date, as_of: Date) -> Vec<Date> {
    let mut days: Vec<Date> = tasks
        .iter()
        .flat_map(|t| t.history.iter().map(|h| h.date))
        .filter(|d| *d >= start && *d <= as_of)
        .chain([start, as_of])
        .collect();
    days.sort();
    days.dedup();
    days
}

/// The counts on every day something changed, and on the first and last.
fn counts_by_day(tasks: &[&Task], start: Date, as_of: Date) -> Vec<Count> {
    let days = days_counted(tasks, start, as_of);
    // Each task's changes in handed-in and closed counts, by the day they
    // take effect, summed up to each day: a county's chart has 100,000
    // tasks over a hundred days, too many to ask each task each day.
    let mut changes: Vec<(Date, i64, i64)> = Vec::new();
    for task in tasks {
        let mut before = Status::NotStarted;
        for (day, status) in changes_of(task) {
            let handed_in = i64::from(status.is_handed_in()) - i64::from(before.is_handed_in());
            let closed = i64::from(status == Status::Closed) - i64::from(before == Status::Closed);
            if handed_in != 0 || closed != 0 {
                changes.push((day, handed_in, closed));
            }
            before = status;
        }
    }
    changes.sort_by_key(|(day, _, _)| *day);
    let mut changes = changes.into_iter().peekable();
    let (mut handed_in, mut closed) = (0i64, 0i64);
    days.iter()
        .map(|&day| {
            while let Some((_, h, c)) = changes.next_if(|(on, _, _)| *on <= day) {
                handed_in += h;
                closed += c;
            }
            Count {
                day,
                handed_in: usize::try_from(handed_in).expect("a count of tasks is never negative"),
                closed: usize::try_from(closed).expect("a count of tasks is never negative"),
            }
        })
        .collect()
}

/// The days on which `task`'s status changes, with the status from then.
/// A task's status at the end of a day is that of the last entry of its
/// history, read from the top, before the first entry dated later; so an
/// entry dated before one above it takes effect only when every entry
/// above it has.
fn changes_of(task: &Task) -> Vec<(Date, Status)> {
    let mut changes: Vec<(Date, Status)> = Vec::new();
    let mut reached: Option<Date> = None;
    for entry in &task.history {
        let day = reached.map_or(entry.date, |r| r.max(entry.date));
        reached = Some(day);
        match changes.last_mut() {
            Some((last, status)) if *last == day => *status = entry.status.status(),
            _ => changes.push((day, entry.status.status())),
        }
    }
    changes
}

type Plot<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The chart as SVG; `None` if plotters refuses the ranges.
fn draw(frame: &Frame, counts: &[Count], milestones: &[Milestone]) -> Option<String> {
    let (width, height, text, ticks) = frame.size.dimensions();
    let span = frame.start.days_until(frame.end).max(1) as f64;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&area)
            .margin_top(12)
            .margin_right((text * 6.6) as u32)
            .margin_left(4)
            .x_label_area_size(22)
            .y_label_area_size((text * 2.6) as u32)
            .build_cartesian_2d(0f64..span, 0f64..frame.top())
            .ok()?;
        let start = frame.start;
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
        draw_marks(&mut chart, frame, span, milestones);
        draw_lines(&mut chart, frame, counts);
        label_ends(&area, &chart, frame, counts);
        let _ = area.present();
    }
    Some(svg)
}

/// The total (dashed), milestones (ticks), the deadline and the as-of date.
fn draw_marks(chart: &mut Plot, frame: &Frame, span: f64, milestones: &[Milestone]) {
    let total = frame.total as f64;
    let _ = chart.draw_series(DashedLineSeries::new(
        [(0.0, total), (span, total)],
        4,
        3,
        MUTED.stroke_width(1),
    ));
    for milestone in milestones
        .iter()
        .filter(|m| m.date >= frame.start && m.date <= frame.end)
    {
        let at = frame.x(milestone.date);
        let _ = chart.draw_series(LineSeries::new(
            [(at, 0.0), (at, total * 0.06)],
            MUTED.stroke_width(2),
        ));
    }
    if let Some(deadline) = frame.deadline {
        let _ = chart.draw_series(LineSeries::new(
            [(frame.x(deadline), 0.0), (frame.x(deadline), frame.top())],
            ACCENT.stroke_width(2),
        ));
    }
    let _ = chart.draw_series(DashedLineSeries::new(
        [
            (frame.x(frame.as_of), 0.0),
            (frame.x(frame.as_of), frame.top()),
        ],
        2,
        3,
        INK.stroke_width(1),
    ));
}

/// The two step lines: handed in, and closed out.
fn draw_lines(chart: &mut Plot, frame: &Frame, counts: &[Count]) {
    let steps = |pick: fn(&Count) -> usize| {
        let mut points = Vec::new();
        let mut previous = 0usize;
        for count in counts {
            points.push((frame.x(count.day), previous as f64));
            previous = pick(count);
            points.push((frame.x(count.day), previous as f64));
        }
        points
    };
    let _ = chart.draw_series(LineSeries::new(
        steps(|c| c.handed_in),
        status_fill(Status::AwaitingAcceptance).stroke_width(2),
    ));
    let _ = chart.draw_series(LineSeries::new(
        steps(|c| c.closed),
        status_fill(Status::Closed).stroke_width(3),
    ));
}

/// Direct labels at the right end of each line, and the deadline's.
fn label_ends(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    chart: &Plot,
    frame: &Frame,
    counts: &[Count],
) {
    let (_, _, text, _) = frame.size.dimensions();
    let last = counts.last().copied().unwrap_or(Count {
        day: frame.as_of,
        handed_in: 0,
        closed: 0,
    });
    let plot = chart.plotting_area();
    let at = frame.x(frame.as_of);
    let (px, _) = plot.map_coordinate(&(at, 0.0));
    let place = |value: usize| plot.map_coordinate(&(at, value as f64)).1;
    let (closed_y, handed_y) = (place(last.closed), place(last.handed_in));
    // Kept apart when the lines are close.
    let gap = (text * 1.3) as i32;
    let handed_y = if (closed_y - handed_y).abs() < gap {
        closed_y - gap
    } else {
        handed_y
    };
    let half = (text / 2.0) as i32;
    let _ = area.draw(&Text::new(
        format!("已报完成 {}", last.handed_in),
        (px + 6, handed_y - half),
        font(text).color(&INK),
    ));
    let _ = area.draw(&Text::new(
        format!("已销号 {}", last.closed),
        (px + 6, closed_y - half),
        font(text).color(&INK),
    ));
    if let Some(deadline) = frame.deadline {
        let (dx, _) = plot.map_coordinate(&(frame.x(deadline), 0.0));
        let _ = area.draw(&Text::new("时限", (dx + 3, 0), font(text).color(&ACCENT)));
    }
}

/// The chart's figures as a table, for screen readers and print.
fn table(title: &str, counts: &[Count], total: usize) -> DataTable {
    DataTable {
        caption: format!("{title}数据"),
        columns: ["日期", "已报完成(含已销号)", "已销号", "任务总数"]
            .map(String::from)
            .to_vec(),
        rows: counts
            .iter()
            .map(|count| {
                vec![
                    count.day.to_string(),
                    count.handed_in.to_string(),
                    count.closed.to_string(),
                    total.to_string(),
                ]
            })
            .collect(),
        numeric: vec![false, true, true, true],
    }
}

#[cfg(test)]
mod tests;
