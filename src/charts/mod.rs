//! Charts drawn at build time with plotters' SVG backend: status bars,
//! village burn-up, the ledger matrix and indicators. Every chart is an
//! inline SVG with `role="img"`, a `<title>` and a `<desc>` that say the
//! figures in words, and comes with the same numbers as a data table.
//! Status is shown by colour and by pattern, so greyscale print reads.

mod burnup;
mod indicator;
mod matrix;
mod status_bars;

pub use burnup::{Size, burnup};
pub use indicator::indicator;
pub use matrix::matrix;
pub use status_bars::{BarRow, status_bars};

use serde::Serialize;

use crate::escape::escape_attribute;
use crate::model::Status;

/// A chart and its data.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Unique on its page; prefixes the ids inside the SVG.
    pub id: String,
    /// What it draws, which decides its legend: `bars`, `burnup`,
    /// `indicator` or `matrix`.
    pub kind: &'static str,
    /// What it shows, as its caption says it.
    pub title: String,
    /// The chart itself: an inline SVG, or HTML bars.
    pub drawing: String,
    /// How to read it, in a sentence under its title: what lengths, marks
    /// and colours mean.
    pub note: String,
    /// The same figures, for the table beside the chart.
    pub table: DataTable,
}

/// A chart's figures as a table.
#[derive(Debug, Clone, Serialize, Default)]
pub struct DataTable {
    /// Caption.
    pub caption: String,
    /// Column headings; the first names the rows.
    pub columns: Vec<String>,
    /// Rows of cells, the first cell the row heading.
    pub rows: Vec<Vec<String>>,
    /// Per column, whether it holds figures (right-aligned).
    pub numeric: Vec<bool>,
}

/// Fill colours standing for a status in the drawing; [`finish`] swaps the
/// hatched ones for patterns. Distinct values so the swap is exact.
pub(crate) fn status_fill(status: Status) -> plotters::style::RGBColor {
    use plotters::style::RGBColor;
    match status {
        Status::Closed => RGBColor(0x2E, 0x7D, 0x4A),
        Status::AwaitingAcceptance => RGBColor(0xD9, 0x9A, 0x01),
        Status::InProgress => RGBColor(0x2F, 0x6D, 0xB3),
        Status::NotStarted => RGBColor(0xFF, 0xFF, 0xFE),
    }
}

/// Ink for lines and text.
pub(crate) const INK: plotters::style::RGBColor = plotters::style::RGBColor(0x1F, 0x23, 0x28);
/// Muted ink for grid and secondary text.
pub(crate) const MUTED: plotters::style::RGBColor = plotters::style::RGBColor(0x57, 0x60, 0x6A);
/// The accent, for deadlines and overdue.
pub(crate) const ACCENT: plotters::style::RGBColor = plotters::style::RGBColor(0xA8, 0x20, 0x1A);

/// A font of `px` pixels: plotters scales sizes by 1/1.24 in SVG.
pub(crate) fn font(px: f64) -> plotters::style::FontDesc<'static> {
    use plotters::style::IntoFont;
    ("sans-serif", px * 1.24).into_font()
}

/// Width of `text` in pixels at `px`: CJK and full-width characters are one
/// em, others about 0.6 em. (plotters measures UTF-8 bytes, three times too
/// wide for Chinese, so we place labels ourselves.)
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.6 })
        .sum::<f64>()
        * px
}

/// Shortens `text` to fit `width` pixels, with an ellipsis.
pub(crate) fn fit(text: &str, px: f64, width: f64) -> String {
    if text_width(text, px) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, px) + text_width(&c.to_string(), px) + px > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Turns plotters' SVG into an accessible inline chart: `role="img"`, a
/// title and description, patterns for hatched statuses, ids prefixed by
/// `id`, and no fixed size (CSS scales it, within bounds of its drawn size).
pub(crate) fn finish(svg: &str, id: &str, title: &str, desc: &str) -> String {
    let patterns = format!(
        concat!(
            "<defs>",
            "<pattern id=\"{id}-aw\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">",
            "<rect width=\"6\" height=\"6\" fill=\"#FFF0C2\"/><rect width=\"3\" height=\"6\" fill=\"#B07C00\"/></pattern>",
            "<pattern id=\"{id}-ip\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">",
            "<rect width=\"5\" height=\"5\" fill=\"#DBEAFE\"/><rect width=\"2\" height=\"5\" fill=\"#2F6DB3\"/></pattern>",
            "</defs>"
        ),
        id = id
    );
    let awaiting = format!("fill=\"url(#{id}-aw)\"");
    let in_progress = format!("fill=\"url(#{id}-ip)\"");
    let mut body = svg.to_string();
    for (from, to) in [
        (" opacity=\"1\"", ""),
        (" stroke=\"none\"", ""),
        (" text-anchor=\"start\"", ""),
        (" font-family=\"sans-serif\"", ""),
        ("fill=\"#D99A01\"", awaiting.as_str()),
        ("fill=\"#2F6DB3\"", in_progress.as_str()),
        ("fill=\"#FFFFFE\"", "fill=\"#FFFFFF\""),
        ("\n</text>", "</text>"),
        ("\">\n", "\">"),
    ] {
        body = replaced(&body, from, to);
    }
    let body = round_font_sizes(&body);
    let Some(open_end) = body.find('>') else {
        return body;
    };
    let open = &body[..open_end];
    let view_box = open
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("0 0 100 100");
    // The drawn width goes to the stylesheet (`--natural`), which keeps a
    // chart from shrinking below it (its type would drop under reading size
    // on a phone) or stretching far past it (its type would grow to a
    // headline's).
    let natural = view_box
        .split(' ')
        .nth(2)
        .and_then(|w| w.parse::<f64>().ok())
        .unwrap_or(100.0)
        .round();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{view_box}\" style=\"--natural:{natural}px\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{patterns}{}",
        escape_attribute(title),
        escape_attribute(desc),
        &body[open_end + 1..]
    )
}

/// `text` with every `from` replaced by `to`, as `str::replace` does
/// (left to right, matches not overlapping), found with memchr's SIMD
/// search: a county's build draws some 10,000 charts, each passed over
/// nine times.
fn replaced(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), from.as_bytes()) {
        out.push_str(&text[last..at]);
        out.push_str(to);
        last = at + from.len();
    }
    out.push_str(&text[last..]);
    out
}

/// plotters writes sizes like `13.000000000000002`; one decimal is plenty.
fn round_font_sizes(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    let finder = memchr::memmem::Finder::new("font-size=\"");
    while let Some(at) = finder.find(rest.as_bytes()) {
        let (head, tail) = rest.split_at(at + 11);
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(size) => out.push_str(&crate::model::number_text((size * 10.0).round() / 10.0)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// `八景村:已销号11项,待验收2项,整改中2项,未启动0项` — a tally in words.
pub(crate) fn tally_words(label: &str, tally: &crate::model::Tally) -> String {
    format!(
        "{label}共{}项任务:已销号{}项,待验收{}项,整改中{}项,未启动{}项,逾期{}项",
        tally.total,
        tally.closed,
        tally.awaiting_acceptance,
        tally.in_progress,
        tally.not_started,
        tally.overdue
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Texts and patterns from a few characters, so that matches are
        /// frequent, overlap and touch.
        #[test]
        fn replaces_as_str_replace_does(
            text in "[ab\">\n图]{0,40}",
            from in "[ab\">\n图]{1,3}",
            to in "[ab图]{0,3}",
        ) {
            proptest::prop_assert_eq!(replaced(&text, &from, &to), text.replace(&from, &to));
        }
    }

    #[test]
    fn measures_chinese_as_one_em() {
        assert_eq!(text_width("八景村", 10.0), 30.0);
        assert_eq!(
            fit("花桥社区高华安置区的一个很长的名字", 10.0, 60.0),
            "花桥社区高…"
        );
        assert_eq!(fit("短", 10.0, 60.0), "短");
    }
}
