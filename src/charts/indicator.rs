//! An indicator's baseline, dated readings and target as a line chart.

use plotters::prelude::*;

use crate::model::Indicator;

use super::{ACCENT, Chart, DataTable, INK, MUTED, finish, font};

// About a phone's column: type drawn at TEXT reads at TEXT CSS px there.
const WIDTH: u32 = 340;
const HEIGHT: u32 = 210;
const TEXT: f64 = 13.0;

/// Draws `indicator`: readings joined, each labelled, the target dashed.
pub fn indicator(id: &str, indicator: &Indicator) -> Chart {
    let readings = &indicator.readings;
    let first = readings.first().map(|r| r.date);
    let last = readings.last().map(|r| r.date);
    let (start, end) = match (first, last) {
        (Some(a), Some(b)) => (a, b),
        _ => unreachable!("an indicator always has its baseline"),
    };
    let span = start.days_until(end).max(1) as f64;
    let x = |day: crate::date::Date| start.days_until(day) as f64;
    let values = readings.iter().map(|r| r.value).chain([indicator.target]);
    let (low, high) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let low = if low >= 0.0 { 0.0 } else { low * 1.1 };
    let high = if high <= low { low + 1.0 } else { high * 1.12 };
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        if let Ok(mut chart) = ChartBuilder::on(&area)
            .margin_top(14)
            .margin_right(24)
            .margin_left(8)
            .x_label_area_size(22)
            .y_label_area_size(44)
            .build_cartesian_2d(-span * 0.05..span * 1.08, low..high)
        {
            let label = |days: &f64| {
                let day = start.plus_days(days.round() as i64);
                format!("{}/{}", day.month(), day.day())
            };
            let _ = chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(0)
                .y_labels(5)
                .x_label_formatter(&label)
                .y_label_formatter(&|v| crate::model::number_text(*v))
                .axis_style(MUTED)
                .label_style(font(TEXT).color(&MUTED))
                .draw();
            let target = [
                (-span * 0.05, indicator.target),
                (span * 1.08, indicator.target),
            ];
            let _ = chart.draw_series(DashedLineSeries::new(target, 5, 4, ACCENT.stroke_width(2)));
            let points: Vec<(f64, f64)> = readings.iter().map(|r| (x(r.date), r.value)).collect();
            let _ = chart.draw_series(LineSeries::new(points.clone(), INK.stroke_width(2)));
            let _ = chart.draw_series(points.iter().map(|p| Circle::new(*p, 4, INK.filled())));
            let plot = chart.plotting_area();
            for reading in readings {
                let (px, py) = plot.map_coordinate(&(x(reading.date), reading.value));
                let _ = area.draw(&Text::new(
                    reading.text.clone(),
                    (px - 10, py - 20),
                    font(TEXT).color(&INK),
                ));
            }
            // Dates under the readings themselves, not at round ticks.
            let (_, axis) = plot.map_coordinate(&(0.0, low));
            for reading in readings {
                let (px, _) = plot.map_coordinate(&(x(reading.date), low));
                let text = format!("{}/{}", reading.date.month(), reading.date.day());
                let _ = area.draw(&Text::new(
                    text,
                    (px - 12, axis + 6),
                    font(TEXT).color(&MUTED),
                ));
            }
            let (_, ty) = plot.map_coordinate(&(0.0, indicator.target));
            let _ = area.draw(&Text::new(
                format!("目标 {}", indicator.target_text),
                (48, ty + 4),
                font(TEXT).color(&ACCENT),
            ));
        }
        let _ = area.present();
    }
    let history: Vec<String> = readings
        .iter()
        .map(|r| format!("{} {}", r.date, r.text))
        .collect();
    let desc = format!(
        "{}:{};目标{}。",
        indicator.name,
        history.join(","),
        indicator.target_text
    );
    Chart {
        id: id.to_string(),
        kind: "indicator",
        title: indicator.name.clone(),
        drawing: finish(&svg, id, &indicator.name, &desc),
        note: format!("实线为各次读数,红色虚线为目标({})。", indicator.target_text),
        table: DataTable {
            caption: format!("{}数据", indicator.name),
            columns: ["日期", "数值", "说明"].map(String::from).to_vec(),
            rows: readings
                .iter()
                .map(|r| {
                    let note = match (&r.note, r.baseline) {
                        (Some(n), true) => format!("基线:{n}"),
                        (None, true) => "基线".into(),
                        (Some(n), false) => n.clone(),
                        (None, false) => String::new(),
                    };
                    vec![r.date.to_string(), r.text.clone(), note]
                })
                .chain([vec![
                    "目标".into(),
                    indicator.target_text.clone(),
                    String::new(),
                ]])
                .collect(),
            numeric: vec![false, true, false],
        },
    }
}
