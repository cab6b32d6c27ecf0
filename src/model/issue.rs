//! A problem of the plan as the model shows it: its measures, indicators,
//! per-village figures and dated updates, and the ledger's rows (tasks)
//! with their history and acceptance.

use std::sync::Arc;

use serde::Serialize;

use super::{Markdown, Ref, StatusView, Tally};
use crate::date::Date;

/// A problem of the plan.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Issue {
    /// Number.
    pub number: u32,
    /// Address part: two digits at least (`07`).
    pub slug: String,
    /// Title.
    pub title: String,
    /// The headings it stands under, outermost first.
    pub category: Vec<String>,
    /// Its number as the plan prints it (`(2)①`), when given.
    pub label: Option<String>,
    /// Finding, Markdown.
    pub finding: Markdown,
    /// Measures.
    pub measures: Vec<Measure>,
    /// Target.
    pub target: Option<String>,
    /// The day of the deadline, when its words name one (for sorting,
    /// charts and overdue); `None` for 长期坚持, 立行立改, 每季度.
    pub deadline: Option<Date>,
    /// The deadline as the plan writes it (9月底前,并长期坚持).
    pub deadline_text: String,
    /// 并长期坚持.
    pub ongoing: bool,
    /// Leading units (牵头单位), as the plan names them.
    pub lead_units: Vec<Ref>,
    /// Responsible units.
    pub units: Vec<Ref>,
    /// Villages named.
    pub villages: Vec<Ref>,
    /// Indicators.
    pub indicators: Vec<Indicator>,
    /// Per-village figures.
    pub breakdowns: Vec<Breakdown>,
    /// Its tasks.
    pub tasks: Vec<usize>,
    /// Dated updates, oldest first.
    pub updates: Vec<Update>,
    /// Its tasks' figures.
    pub tally: Tally,
    /// Overall status: the report's word when it gives one, else from its
    /// tasks; `None` when neither says.
    pub status: Option<StatusView>,
    /// The report's own word for the status (正在整改), or empty.
    pub status_word: String,
    /// The report's account of what was done (整改情况), Markdown.
    pub progress: Option<Markdown>,
    /// Notes about it.
    pub notes: Vec<usize>,
}

/// A measure.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Measure {
    /// 1-based.
    pub number: u32,
    /// 一是, 二是 …; empty for an issue's only measure, which plans do
    /// not number.
    pub label: String,
    /// Its own heading, when the plan gives one.
    pub heading: Option<String>,
    /// Markdown.
    pub text: Markdown,
    /// Units that carry it out.
    pub units: Vec<Ref>,
    /// Set by hand or derived from its tasks.
    pub status: Option<StatusView>,
    /// Its tasks' figures.
    pub tally: Tally,
}

/// An indicator.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Indicator {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unit of measure.
    pub unit: String,
    /// Where it comes from.
    pub source: Option<String>,
    /// Baseline, then the readings, oldest first.
    pub readings: Vec<Reading>,
    /// The value to reach.
    pub target: f64,
    /// Target as text ("100%").
    pub target_text: String,
    /// The latest value as text.
    pub latest_text: String,
}

/// A dated value.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Reading {
    /// When.
    pub date: Date,
    /// Value.
    pub value: f64,
    /// Value with its unit, as text ("42.68%").
    pub text: String,
    /// Remark.
    pub note: Option<String>,
    /// Whether this is the baseline.
    pub baseline: bool,
}

/// Figures of a finding split by village.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Breakdown {
    /// What is counted.
    pub title: String,
    /// When.
    pub date: Option<Date>,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<BreakdownRow>,
    /// Totals as text, if stated.
    pub total: Vec<String>,
}

/// One village's values.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct BreakdownRow {
    /// The village.
    pub village: Ref,
    /// Values as text.
    pub values: Vec<String>,
}

/// A dated update.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Update {
    /// When.
    pub date: Date,
    /// Markdown.
    pub text: Markdown,
}

/// A ledger row.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Task {
    /// Its issue's number.
    pub issue: u32,
    /// Its issue's address part.
    pub issue_slug: Arc<str>,
    /// Its issue's title.
    pub issue_title: Arc<str>,
    /// Measure number and label.
    pub measure: Option<u32>,
    /// 一是 …
    pub measure_label: Option<String>,
    /// Village.
    pub village: Option<Ref>,
    /// Unit.
    pub unit: Option<Ref>,
    /// What is to be done.
    pub what: String,
    /// Where it stands.
    pub status: StatusView,
    /// The day of its deadline (its own or the issue's), when there is one.
    pub deadline: Option<Date>,
    /// Its deadline as written.
    pub deadline_text: String,
    /// Past the deadline and not handed in.
    pub overdue: bool,
    /// Days past the deadline, when overdue.
    pub days_overdue: i64,
    /// Dated status changes, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Date of the last dated entry.
    pub last_update: Option<Date>,
    /// Acceptance.
    pub acceptance: Option<Acceptance>,
}

/// A dated status change.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct HistoryEntry {
    /// When.
    pub date: Date,
    /// Status from then.
    pub status: StatusView,
    /// What happened.
    pub note: Option<String>,
}

/// An acceptance record.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Acceptance {
    /// When.
    pub date: Option<Date>,
    /// Accepting unit.
    pub by: Option<Ref>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
}

/// A piece of evidence.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    /// Title.
    pub title: String,
    /// Kind label (会议记录 …).
    pub kind: Option<&'static str>,
    /// File path (internal builds only).
    pub file: Option<String>,
}
