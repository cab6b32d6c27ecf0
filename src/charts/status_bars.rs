//! Tasks by status as horizontal stacked bars, one row per village or unit.
//!
//! These bars are HTML, not SVG: their labels are page text. They wrap on a
//! phone and stay at reading size, where a scaled drawing would shrink them
//! to a few pixels. Each label links to its village's or unit's page, so the
//! chart also works as a list of places.

use std::fmt::Write as _;

use crate::escape::escape_attribute;
use crate::model::{Status, Tally};

use super::{Chart, DataTable, tally_words};

/// One bar: what it counts and where its label leads.
#[derive(Debug, Clone)]
pub struct BarRow {
    /// The village's or unit's name.
    pub label: String,
    /// Its page as an internal link (`@/villages/bajing/`), if it has one.
    pub href: Option<String>,
    /// Its tasks by status.
    pub tally: Tally,
}

/// Stacked bars of `rows`, scaled to the largest total so workloads compare
/// honestly; each row ends with "closed/total".
pub fn status_bars(id: &str, caption: &str, rows: &[BarRow]) -> Chart {
    let max_total = rows.iter().map(|r| r.tally.total).max().unwrap_or(0).max(1);
    let mut html = format!(
        "<ol class=\"bars\" id=\"{}\" aria-label=\"{}\">",
        escape_attribute(id),
        escape_attribute(caption)
    );
    for row in rows {
        bar(&mut html, row, max_total);
    }
    html.push_str("</ol>");
    Chart {
        id: id.to_string(),
        kind: "bars",
        title: caption.to_string(),
        drawing: html,
        note: "条形长度为任务数,同一图中可比;右侧数字为已销号/任务总数。".to_string(),
        table: DataTable {
            caption: caption.to_string(),
            columns: ["", "任务", "已销号", "待验收", "整改中", "未启动", "逾期"]
                .map(String::from)
                .to_vec(),
            rows: rows
                .iter()
                .map(|row| {
                    let t = &row.tally;
                    let mut cells = vec![row.label.clone()];
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

/// One `<li>`: the label, the bar (an image described in words) and the
/// figure. Widths are percentages, so the bar fits any column.
fn bar(html: &mut String, row: &BarRow, max_total: usize) {
    let label = escape_attribute(&row.label);
    html.push_str("<li><span class=\"bar-label\">");
    match &row.href {
        Some(href) => {
            let _ = write!(html, "<a href=\"{}\">{label}</a>", escape_attribute(href));
        }
        None => html.push_str(&label),
    }
    html.push_str("</span>");
    let tally = &row.tally;
    if tally.total == 0 {
        html.push_str("<span class=\"bar-none muted\">暂无任务</span></li>");
        return;
    }
    let _ = write!(
        html,
        "<span class=\"bar-track\"><span class=\"bar\" role=\"img\" aria-label=\"{}\" style=\"width:{}%\">",
        escape_attribute(&tally_words(&row.label, tally)),
        percent(tally.total, max_total)
    );
    for status in [
        Status::Closed,
        Status::AwaitingAcceptance,
        Status::InProgress,
        Status::NotStarted,
    ] {
        let count = tally.count(status);
        if count > 0 {
            let _ = write!(
                html,
                "<span class=\"seg-{}\" style=\"flex-grow:{count}\"></span>",
                status.code()
            );
        }
    }
    let _ = write!(
        html,
        "</span></span><span class=\"bar-figure\">{}/{}</span></li>",
        tally.closed, tally.total
    );
}

/// `part` of `whole` in percent, to two decimals, without a trailing zero.
fn percent(part: usize, whole: usize) -> String {
    crate::model::number_text((part as f64 * 10_000.0 / whole as f64).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, href: Option<&str>, closed: usize, open: usize) -> BarRow {
        let mut tally = Tally::default();
        for _ in 0..closed {
            tally.add(Status::Closed, false);
        }
        for _ in 0..open {
            tally.add(Status::InProgress, true);
        }
        BarRow {
            label: label.to_string(),
            href: href.map(String::from),
            tally,
        }
    }

    #[test]
    fn bars_are_page_text_scaled_to_the_largest_total() {
        let chart = status_bars(
            "c-v",
            "各村(社区)整改任务状态",
            &[
                row("八景村", Some("@/villages/bajing/"), 3, 1),
                row("望峰村", None, 1, 1),
                row("高华安置区", None, 0, 0),
            ],
        );
        let html = &chart.drawing;
        assert!(
            html.contains("<a href=\"@/villages/bajing/\">八景村</a>"),
            "{html}"
        );
        assert!(html.contains("style=\"width:100%\""), "{html}");
        assert!(html.contains("style=\"width:50%\""), "{html}");
        assert!(html.contains("<span class=\"seg-closed\" style=\"flex-grow:3\">"));
        assert!(html.contains("<span class=\"bar-figure\">3/4</span>"));
        assert!(
            html.contains("望峰村</span>"),
            "a row without a page has no link"
        );
        assert!(html.contains("暂无任务"));
        assert!(
            html.contains("aria-label=\"八景村共4项任务:已销号3项"),
            "{html}"
        );
    }

    #[test]
    fn labels_are_escaped() {
        let chart = status_bars("c", "c", &[row("<b>村</b>", None, 1, 0)]);
        assert!(chart.drawing.contains("&lt;b&gt;村&lt;/b&gt;"));
        assert!(!chart.drawing.contains("<b>"));
    }
}
