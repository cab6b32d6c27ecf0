//! The plan as a document: its heading and chapters, the totals it
//! states, its groups of problems with their counts by status, and its
//! phases and milestones.

use serde::Serialize;

use super::{Markdown, StatusView, Tally};
use crate::date::Date;

/// The plan document.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Document {
    /// `plan` or `report`.
    pub kind: &'static str,
    /// 方案 or 报告: what pages call the document.
    pub kind_label: &'static str,
    /// What a report reports on.
    pub reports_on: Option<String>,
    /// Totals the document states, beside what is listed; `None` when it
    /// states none.
    pub declared: Option<Declared>,
    /// Issuing authority.
    pub issuer: String,
    /// Document number, when the plan has one.
    pub number: Option<String>,
    /// Notice title.
    pub title: String,
    /// Plan title (the notice title when not given).
    pub plan_title: String,
    /// Date of issue, as written (`2025-07-01`, `2023年5月`), when known.
    pub date: Option<String>,
    /// The same for a `datetime` attribute: `2025-07-01`, `2023-05`, `2023`.
    pub date_iso: Option<String>,
    /// The first day the date can mean, for charts and deadlines.
    pub day: Option<Date>,
    /// Addressees.
    pub recipients: Option<String>,
    /// Preamble, Markdown.
    pub preamble: Option<Markdown>,
    /// Overall requirements, Markdown.
    pub requirements: Option<Markdown>,
    /// Further chapters.
    pub sections: Vec<Section>,
}

/// Totals a document states, each beside what the site lists.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Declared {
    /// 个方面, as stated.
    pub categories: Option<u32>,
    /// Groups listed (outermost headings).
    pub listed_categories: usize,
    /// 个问题, as stated.
    pub issues: Option<u32>,
    /// Problems listed.
    pub listed_issues: usize,
    /// Counts by status word, as stated, each with the listed count.
    pub statuses: Vec<DeclaredStatus>,
}

/// An outermost heading of the plan (一、…方面) and the problems under it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Group {
    /// As written.
    pub title: String,
    /// Problems under it.
    pub issues: usize,
    /// Their tasks' figures.
    pub tally: Tally,
    /// Its problems counted by status word.
    pub statuses: Vec<StatusCount>,
}

/// How many issues stand at one status word.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StatusCount {
    /// The word (正在整改) or label (整改中).
    pub word: String,
    /// The status it counts as.
    pub status: StatusView,
    /// How many issues.
    pub count: usize,
}

/// One status count a document states.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DeclaredStatus {
    /// The word as written (已完成整改).
    pub word: String,
    /// The status it counts as.
    pub status: StatusView,
    /// As stated.
    pub count: u32,
    /// Listed problems whose progress uses the same word.
    pub listed: usize,
}

/// A chapter of the plan document.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Section {
    /// Heading, when the chapter has one.
    pub title: Option<String>,
    /// Markdown.
    pub body: Markdown,
}

/// A phase.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Phase {
    /// Name.
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Description, Markdown.
    pub description: Option<Markdown>,
    /// Where the as-of date stands: "past", "current" or "future".
    pub when: &'static str,
}

/// A milestone on one date.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Milestone {
    /// Date.
    pub date: Date,
    /// What is due.
    pub title: String,
    /// Whether it lies on or before the as-of date.
    pub past: bool,
}
