//! Tasks by status as horizontal stacked bars, one row per village or unit.

use plotters::prelude::*;

use crate::model::Status;
use crate::model::Tally;

use super::{
    Chart, DataTable, INK, MUTED, finish, fit, font, status_fill, tally_words, text_width,
};

const WIDTH: u32 = 640;
const ROW: u32 = 26;
const BAR: i32 = 16;
const TEXT: f64 = 13.0;

/// Stacked bars of `rows` (label, tally), scaled to the largest total so
/// workloads compare honestly; each row ends with "closed/total".
pub fn status_bars(id: &str, caption: &str, rows: &[(String, Tally)]) -> Chart {
    let label_width = rows
        .iter()
        .map(|(label, _)| text_width(label, TEXT))
        .fold(0.0, f64::max)
        .clamp(3.0 * TEXT, 10.0 * TEXT);
    let left = label_width as i32 + 10;
    let right = WIDTH as i32 - 70;
    let height = (rows.len() as u32).max(1) * ROW + 8;
    let max_total = rows.iter().map(|(_, t)| t.total).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        for (row, (label, tally)) in rows.iter().enumerate() {
            let top = 4 + row as i32 * ROW as i32;
            let middle = top + ROW as i32 / 2;
            let text = font(TEXT).color(&INK);
            let _ = area.draw(&Text::new(
                fit(label, TEXT, label_width),
                (0, middle - 8),
                text.clone(),
            ));
            let mut x = left;
            let scale = f64::from(right - left) / max_total as f64;
            for status in [
                Status::Closed,
                Status::AwaitingAcceptance,
                Status::InProgress,
                Status::NotStarted,
            ] {
                let count = tally.count(status);
                if count == 0 {
                    continue;
                }
                let width = (count as f64 * scale).round().max(2.0) as i32;
                let bar = [(x, middle - BAR / 2), (x + width, middle + BAR / 2)];
                let _ = area.draw(&Rectangle::new(bar, status_fill(status).filled()));
                x += width;
            }
            if tally.total > 0 {
                let outline = [(left, middle - BAR / 2), (x, middle + BAR / 2)];
                let _ = area.draw(&Rectangle::new(outline, INK.stroke_width(1)));
            }
            if tally.total == 0 {
                let _ = area.draw(&Text::new(
                    "暂无任务",
                    (left, middle - 8),
                    font(TEXT).color(&MUTED),
                ));
            } else {
                let summary = format!("{}/{}", tally.closed, tally.total);
                let _ = area.draw(&Text::new(summary, (x + 6, middle - 8), text));
            }
        }
        let _ = area.present();
    }
    let desc = rows
        .iter()
        .map(|(label, tally)| tally_words(label, tally))
        .collect::<Vec<_>>()
        .join(";");
    Chart {
        id: id.to_string(),
        svg: finish(&svg, id, caption, &desc),
        table: DataTable {
            caption: caption.to_string(),
            columns: ["", "任务", "已销号", "待验收", "整改中", "未启动", "逾期"]
                .map(String::from)
                .to_vec(),
            rows: rows
                .iter()
                .map(|(label, t)| {
                    let mut cells = vec![label.clone()];
                    cells.extend(
                        [
                            t.total,
                            t.closed,
                            t.awaiting_acceptance,
                            t.in_progress,
                            t.not_started,
                            t.overdue,
                        ]
                        .map(|n| n.to_string()),
                    );
                    cells
                })
                .collect(),
            numeric: vec![false, true, true, true, true, true, true],
        },
    }
}
