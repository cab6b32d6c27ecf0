//! The model: validated content with references resolved and figures
//! derived, for one audience. Renderers read only this, never files.

mod build;
mod mask;
mod tally;

pub use build::{Memo, NoAsOf, build, build_reusing, build_taking_issues, number_text};
pub use mask::mask;
pub use tally::Tally;

use std::sync::Arc;

use serde::Serialize;

use crate::content::Register;
/// The audience and the four statuses, as later stages read them from the
/// model rather than from content.
pub use crate::content::{Audience, Status};
use crate::content::{NoteKind, VillageKind};
use crate::date::Date;
use crate::diagnostics::Span;

/// Markdown text with where it was written, so that a broken link in it
/// can be reported at its file and line.
#[derive(Clone, Debug)]
pub struct Markdown {
    /// The Markdown source.
    pub text: String,
    /// Where the text starts (for YAML block scalars: the `|` line).
    pub origin: Span,
}

impl schemars::JsonSchema for Markdown {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Markdown".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Markdown source text, as written in the content."
        })
    }
}

impl Serialize for Markdown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// Everything a renderer needs, for one audience.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Model {
    /// The plan document.
    pub document: Document,
    /// Date overdue status is judged against.
    pub as_of: Date,
    /// False when the site states no as-of date and needs none (no tasks,
    /// phases or milestones): pages then print no "as of".
    pub as_of_stated: bool,
    /// Whether progress is sample data.
    pub sample_data: bool,
    /// Whether pages keep punctuation and line breaks as typed (no
    /// Chinese typography).
    pub keep_punctuation: bool,
    /// How residents reach the office.
    pub contact: Option<String>,
    /// What village notices say about their posting.
    pub notice: Notice,
    /// Absolute address of the published site, ending in `/`.
    pub base_url: String,
    /// Page language.
    pub language: String,
    /// Who the build is for.
    pub audience: Audience,
    /// Villages, in content order.
    pub villages: Vec<Village>,
    /// Units, in content order.
    pub units: Vec<Unit>,
    /// Phases, in content order.
    pub phases: Vec<Phase>,
    /// Milestones with monthly repeats expanded, by date.
    pub milestones: Vec<Milestone>,
    // Issues, tasks and notes are shared with the [`Memo`] that `serve`
    // keeps between builds, so that an edit rebuilds only what it changed.
    // (Doc comments here are the JSON schema's descriptions.)
    /// Issues by number.
    pub issues: Vec<Arc<Issue>>,
    /// Every task; issues, villages and units hold indices into this.
    pub tasks: Vec<Arc<Task>>,
    /// Notes, newest first.
    pub notes: Vec<Arc<Note>>,
    /// Policy explainer pages, in index order.
    pub policy: Vec<PolicyPage>,
    /// Glossary terms, in content order.
    pub glossary: Vec<Term>,
    /// The whole ledger's figures.
    pub totals: Tally,
    /// Measures over all issues.
    pub measure_count: usize,
    /// The plan's outermost headings with the problems under each, in plan
    /// order; empty when the plan groups nothing.
    pub groups: Vec<Group>,
    /// How many issues stand at each status word (a report's word, else
    /// the status label), in status order; issues without a status are
    /// not counted.
    pub issue_statuses: Vec<StatusCount>,
    /// Registered private persons and the words that only look like
    /// them; never serialised into pages.
    #[serde(skip)]
    pub register: Register,
}

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

/// A link target: id (for the address) and display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Ref {
    /// Slug.
    pub id: Arc<str>,
    /// Display name.
    pub name: Arc<str>,
}

/// A village, community or resettlement area, with its ledger.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Village {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// 村 / 社区 / 安置区.
    pub kind: &'static str,
    /// The village it belongs to.
    pub part_of: Option<Ref>,
    /// Its tasks' figures.
    pub tally: Tally,
    /// Its tasks (indices into [`Model::tasks`]).
    pub tasks: Vec<usize>,
    /// Numbers of issues that name it or assign it a task.
    pub issues: Vec<u32>,
    /// Its notes (indices into [`Model::notes`]).
    pub notes: Vec<usize>,
    /// Figures the plan gives for it.
    pub figures: Vec<VillageFigure>,
}

/// One village's row of a breakdown.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct VillageFigure {
    /// Issue number.
    pub issue: u32,
    /// Issue address part.
    pub issue_slug: String,
    /// What is counted.
    pub title: String,
    /// "25户 72人".
    pub values: Vec<String>,
}

/// A responsible unit and what it owns.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Unit {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Stands for every village (各村(社区)).
    pub all_villages: bool,
    /// Its tasks' figures.
    pub tally: Tally,
    /// Its tasks.
    pub tasks: Vec<usize>,
    /// Issues it is responsible for (or leads).
    pub issues: Vec<u32>,
    /// Issues it leads.
    pub leads: Vec<u32>,
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

/// What a village notice says about its posting (公示).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Notice {
    /// The day it is posted.
    pub posted: Date,
    /// The last day of the 公示期, when its length is known.
    pub until: Option<Date>,
    /// The 公示期 in days, when known.
    pub days: Option<u32>,
    /// 监督电话, when given.
    pub phone: Option<String>,
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

/// Status as templates see it: code, label, and its place in the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StatusView {
    /// `in_progress`.
    pub code: &'static str,
    /// 整改中.
    pub label: &'static str,
    /// 0–3, for sorting.
    pub rank: u8,
}

impl StatusView {
    /// The status this view shows.
    pub fn status(self) -> Status {
        Status::ALL[usize::from(self.rank)]
    }
}

impl From<Status> for StatusView {
    fn from(status: Status) -> Self {
        StatusView {
            code: status.code(),
            label: status.label(),
            rank: status as u8,
        }
    }
}

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

/// A note.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Note {
    /// Address part.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Date,
    /// Kind label (工作动态 …).
    pub kind: &'static str,
    /// Issues it concerns.
    pub issues: Vec<u32>,
    /// Villages it concerns.
    pub villages: Vec<Ref>,
    /// Markdown body.
    pub body: Markdown,
}

/// A policy explainer page.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PolicyPage {
    /// Address part.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: Option<String>,
    /// Documents explained.
    pub sources: Vec<String>,
    /// Markdown body.
    pub body: Markdown,
}

/// A glossary term.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Term {
    /// The term.
    pub term: String,
    /// Anchor on the glossary page.
    pub id: String,
    /// Plain-language explanation, Markdown.
    pub explanation: Markdown,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Policy page explaining it at length.
    pub policy: Option<String>,
}

/// Chinese label of a village kind.
pub(crate) fn village_kind_label(kind: VillageKind) -> &'static str {
    match kind {
        VillageKind::Village => "村",
        VillageKind::Community => "社区",
        VillageKind::Resettlement => "安置区",
    }
}

/// Chinese label of a note kind.
pub(crate) fn note_kind_label(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Progress => "工作动态",
        NoteKind::Minutes => "会议纪要",
        NoteKind::Acceptance => "验收",
        NoteKind::Notice => "通知",
    }
}
