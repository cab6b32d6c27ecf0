//! The small closed vocabularies shared by content files: task status and
//! audience.

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

/// Who may see a piece of content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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
