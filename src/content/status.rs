//! The small closed vocabularies shared by content files: task status, the
//! progress words reports use, and audience.

use super::decode::Choice;

/// Where a task (or measure) stands, in the order work moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// 未启动.
    NotStarted,
    /// 整改中.
    InProgress,
    /// 待验收: the unit says it is done; acceptance is pending.
    AwaitingAcceptance,
    /// 已销号: accepted, with evidence, and closed out.
    Closed,
}

impl Status {
    /// All statuses, in order.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::AwaitingAcceptance,
        Status::Closed,
    ];

    /// The code written in YAML, e.g. `in_progress`.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::AwaitingAcceptance => "awaiting_acceptance",
            Status::Closed => "closed",
        }
    }

    /// The Chinese label, e.g. 整改中.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "整改中",
            Status::AwaitingAcceptance => "待验收",
            Status::Closed => "已销号",
        }
    }

    /// Whether the unit has handed the work in (awaiting acceptance or closed):
    /// such a task is never overdue.
    pub fn is_handed_in(self) -> bool {
        self >= Status::AwaitingAcceptance
    }
}

impl Choice for Status {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("not_started", Status::NotStarted),
        ("in_progress", Status::InProgress),
        ("awaiting_acceptance", Status::AwaitingAcceptance),
        ("closed", Status::Closed),
        ("未启动", Status::NotStarted),
        ("整改中", Status::InProgress),
        ("待验收", Status::AwaitingAcceptance),
        ("已销号", Status::Closed),
    ];
}

/// Words reports use for where a problem stands (整改情况), and the status
/// each counts as. A report's word is shown as written; the status decides
/// colour and counts. Completion the reporter claims is 待验收 until
/// someone accepts it; only 销号 and 验收 words close.
pub const PROGRESS_WORDS: &[(&str, Status)] = &[
    ("未启动", Status::NotStarted),
    ("未开始", Status::NotStarted),
    ("尚未启动", Status::NotStarted),
    ("未整改", Status::NotStarted),
    ("整改中", Status::InProgress),
    ("正在整改", Status::InProgress),
    ("推进中", Status::InProgress),
    ("持续推进", Status::InProgress),
    ("持续整改", Status::InProgress),
    ("长期坚持", Status::InProgress),
    ("部分整改", Status::InProgress),
    ("基本完成", Status::InProgress),
    ("未完成", Status::InProgress),
    ("待验收", Status::AwaitingAcceptance),
    ("已完成", Status::AwaitingAcceptance),
    ("已整改", Status::AwaitingAcceptance),
    ("已完成整改", Status::AwaitingAcceptance),
    ("整改完成", Status::AwaitingAcceptance),
    ("已整改到位", Status::AwaitingAcceptance),
    ("已办结", Status::AwaitingAcceptance),
    ("已销号", Status::Closed),
    ("已验收", Status::Closed),
    ("已验收销号", Status::Closed),
    ("完成销号", Status::Closed),
];

/// The words of [`PROGRESS_WORDS`] alone, in order, for messages.
pub(super) fn progress_words() -> &'static [&'static str] {
    static WORDS: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| PROGRESS_WORDS.iter().map(|(word, _)| *word).collect());
    &WORDS
}

/// The status a progress word counts as, or `None` when it is not in
/// [`PROGRESS_WORDS`]. The four codes (`in_progress` …) are read too.
pub fn progress_status(word: &str) -> Option<Status> {
    let word = word.trim();
    PROGRESS_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, status)| *status)
        .or_else(|| {
            Status::SPELLINGS
                .iter()
                .find(|(w, _)| *w == word)
                .map(|(_, s)| *s)
        })
}

/// Who may see a piece of content.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Residents and everyone (the default).
    #[default]
    Public,
    /// Officials only: dropped from the public build.
    Internal,
}

impl Choice for Audience {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("public", Audience::Public),
        ("internal", Audience::Internal),
        ("公开", Audience::Public),
        ("内部", Audience::Internal),
    ];
}
