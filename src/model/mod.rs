//! The model: validated content with references resolved and figures
//! derived, for one audience. Renderers read only this, never files.

mod build;
mod document;
mod issue;
mod mask;
mod places;
mod prose;
mod tally;

pub use build::{Memo, NoAsOf, build, build_reusing, build_taking_issues, number_text};
pub use document::*;
pub use issue::*;
pub use mask::mask;
pub use places::*;
pub use prose::*;
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

/// A link target: id (for the address) and display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Ref {
    /// Slug.
    pub id: Arc<str>,
    /// Display name.
    pub name: Arc<str>,
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
