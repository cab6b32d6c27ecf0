//! An issue's figures: indicators (指标) with a baseline, a target and
//! dated readings, and figures of the finding split by village.

use crate::date::Date;
use crate::diagnostics::{Located, Span};

use super::decode::{Decoder, Fields};
use super::issue::list_of;
use super::yaml::Node;

/// A measured figure (指标) with a baseline and a target.
#[derive(Clone, Debug)]
pub struct Indicator {
    /// Slug, unique within the issue.
    pub id: Located<String>,
    /// Name, e.g. 务工信息电话抽查准确率.
    pub name: Located<String>,
    /// Unit of measure: %, 个, 户, 万元 …
    pub unit: Option<Located<String>>,
    /// The starting value.
    pub baseline: Reading,
    /// The value to reach.
    pub target: Located<f64>,
    /// Later dated readings, oldest first.
    pub readings: Vec<Reading>,
    /// How the figure was measured or where it comes from.
    pub source: Option<Located<String>>,
}

/// A dated value of an indicator.
#[derive(Clone, Debug)]
pub struct Reading {
    /// When it was measured.
    pub date: Located<Date>,
    /// The value.
    pub value: Located<f64>,
    /// A remark, e.g. 全市15个乡镇倒数第三.
    pub note: Option<Located<String>>,
}

/// A figure of the finding split by village (e.g. 83户272人 by village).
#[derive(Clone, Debug)]
pub struct Breakdown {
    /// What is counted.
    pub title: Located<String>,
    /// When, if the plan says.
    pub date: Option<Located<Date>>,
    /// Column names with their units, e.g. 户, 人.
    pub columns: Vec<Located<String>>,
    /// One row per village.
    pub rows: Vec<BreakdownRow>,
    /// Totals as the plan states them, checked against the rows.
    pub total: Vec<Located<f64>>,
}

/// One village's values in a breakdown.
#[derive(Clone, Debug)]
pub struct BreakdownRow {
    /// The village, as written.
    pub village: Located<String>,
    /// One value per column.
    pub values: Vec<Located<f64>>,
    /// Where the values list stands.
    pub span: Span,
}

fn decode_reading(node: &Node, decoder: &mut Decoder<'_>) -> Option<Reading> {
    let r = decoder.fields(node, &["date", "value", "note"])?;
    let date = decoder.date(&r, "date");
    let value = decoder.number(&r, "value");
    Some(Reading {
        note: decoder.opt_text(&r, "note"),
        date: date?,
        value: value?,
    })
}

pub(super) fn decode_indicator(node: &Node, decoder: &mut Decoder<'_>) -> Option<Indicator> {
    let f = decoder.fields(
        node,
        &[
            "id", "name", "unit", "baseline", "target", "readings", "source",
        ],
    )?;
    let id = decoder.id(&f, "id");
    let name = decoder.text(&f, "name");
    let baseline = match f.get("baseline") {
        Some(node) => decode_reading(node, decoder),
        None => {
            decoder.report(
                crate::diagnostics::Problem::MissingKey { key: "baseline" },
                f.span(),
            );
            None
        }
    };
    let target = decoder.number(&f, "target");
    let readings = list_of(decoder, &f, "readings", decode_reading);
    Some(Indicator {
        unit: decoder.opt_text(&f, "unit"),
        source: decoder.opt_text(&f, "source"),
        id: id?,
        name: name?,
        baseline: baseline?,
        target: target?,
        readings,
    })
}

pub(super) fn decode_breakdown(node: &Node, decoder: &mut Decoder<'_>) -> Option<Breakdown> {
    let f = decoder.fields(node, &["title", "date", "columns", "rows", "total"])?;
    let title = decoder.text(&f, "title");
    let columns = decoder.text_list(&f, "columns");
    let rows = list_of(decoder, &f, "rows", |node, decoder| {
        let r = decoder.fields(node, &["village", "values"])?;
        let village = decoder.text(&r, "village");
        let span = r.get("values").map_or(r.span(), |v| v.span);
        let values = numbers(decoder, &r, "values");
        Some(BreakdownRow {
            village: village?,
            values,
            span,
        })
    });
    Some(Breakdown {
        date: decoder.opt_date(&f, "date"),
        total: numbers(decoder, &f, "total"),
        title: title?,
        columns,
        rows,
    })
}

fn numbers(decoder: &mut Decoder<'_>, fields: &Fields<'_>, key: &str) -> Vec<Located<f64>> {
    let items = decoder.list(fields, key);
    items
        .iter()
        .filter_map(|n| decoder.node_number(n))
        .collect()
}
