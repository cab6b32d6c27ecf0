//! A ledger row (任务) of an issue file: who does what, where it stands,
//! its dated history, and the acceptance with its evidence.

use crate::date::Date;
use crate::diagnostics::{Located, Problem, Span};

use super::deadline::Deadline;
use super::decode::{Choice, Decoder};
use super::issue::{audience, list_of};
use super::status::{Audience, Status};
use super::yaml::Node;

/// One ledger row (任务): work for one village and/or unit.
#[derive(Clone, Debug)]
pub struct Task {
    /// The measure it carries out, if one.
    pub measure: Option<Located<u32>>,
    /// The village, as written.
    pub village: Option<Located<String>>,
    /// The unit, as written.
    pub unit: Option<Located<String>>,
    /// What is to be done.
    pub what: Located<String>,
    /// Where it stands.
    pub status: Located<Status>,
    /// Its own deadline, when not the issue's.
    pub deadline: Option<Located<Deadline>>,
    /// Dated status changes, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The acceptance record, once accepted.
    pub acceptance: Option<Acceptance>,
    /// Who may see it.
    pub audience: Audience,
    /// Where the task starts in the file.
    pub span: Span,
}

/// A dated status change of a task.
#[derive(Clone, Debug)]
pub struct HistoryEntry {
    /// When.
    pub date: Located<Date>,
    /// The status from that day.
    pub status: Located<Status>,
    /// What happened.
    pub note: Option<Located<String>>,
}

/// The acceptance (验收) of a task.
#[derive(Clone, Debug)]
pub struct Acceptance {
    /// When it was accepted.
    pub date: Option<Located<Date>>,
    /// The accepting unit, as written.
    pub by: Option<Located<String>>,
    /// What proves the fix.
    pub evidence: Vec<Evidence>,
    /// Where the record starts.
    pub span: Span,
}

/// Kind of a piece of evidence (佐证材料).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceKind {
    /// 会议记录.
    Minutes,
    /// 照片.
    Photo,
    /// 签到表.
    SignIn,
    /// 台账.
    Ledger,
    /// 文件 / 报告.
    Document,
    /// Anything else.
    Other,
}

impl Choice for EvidenceKind {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("minutes", EvidenceKind::Minutes),
        ("photo", EvidenceKind::Photo),
        ("sign_in", EvidenceKind::SignIn),
        ("ledger", EvidenceKind::Ledger),
        ("document", EvidenceKind::Document),
        ("other", EvidenceKind::Other),
        ("会议记录", EvidenceKind::Minutes),
        ("照片", EvidenceKind::Photo),
        ("签到表", EvidenceKind::SignIn),
        ("台账", EvidenceKind::Ledger),
        ("文件", EvidenceKind::Document),
        ("其他", EvidenceKind::Other),
    ];
}

/// A piece of evidence.
#[derive(Clone, Debug)]
pub struct Evidence {
    /// What it is, e.g. 八景村风险消除村民代表会议记录.
    pub title: Located<String>,
    /// Its kind.
    pub kind: Option<Located<EvidenceKind>>,
    /// Path or archive reference of the file (internal by default).
    pub file: Option<Located<String>>,
    /// Who may see it.
    pub audience: Audience,
}

const TASK_KEYS: &[&str] = &[
    "measure",
    "village",
    "unit",
    "what",
    "status",
    "deadline",
    "history",
    "acceptance",
    "audience",
];

pub(super) fn decode_task(node: &Node, decoder: &mut Decoder<'_>) -> Option<Task> {
    let t = decoder.fields(node, TASK_KEYS)?;
    let what = decoder.text(&t, "what");
    let status = decoder.choice(&t, "status");
    let history = list_of(decoder, &t, "history", |node, decoder| {
        let h = decoder.fields(node, &["date", "status", "note"])?;
        let date = decoder.date(&h, "date");
        let status = decoder.choice(&h, "status");
        Some(HistoryEntry {
            note: decoder.opt_text(&h, "note"),
            date: date?,
            status: status?,
        })
    });
    let acceptance = decoder
        .opt_fields(&t, "acceptance", &["date", "by", "evidence"])
        .map(|a| Acceptance {
            date: decoder.opt_date(&a, "date"),
            by: decoder.opt_text(&a, "by"),
            evidence: list_of(decoder, &a, "evidence", decode_evidence),
            span: a.span(),
        });
    let village = decoder.opt_text(&t, "village");
    let unit = decoder.opt_text(&t, "unit");
    // Reported here, not in validation, so that it shows in the same run
    // as a bad date or status that keeps the task from being decoded.
    if t.get("village").is_none() && t.get("unit").is_none() {
        decoder.report(Problem::TaskWithoutOwner, t.span());
    }
    Some(Task {
        measure: decoder.opt_int(&t, "measure", 1, 99),
        village,
        unit,
        deadline: decoder.opt_deadline(&t, "deadline"),
        audience: audience(decoder, &t),
        what: what?,
        status: status?,
        history,
        acceptance,
        span: t.span(),
    })
}

fn decode_evidence(node: &Node, decoder: &mut Decoder<'_>) -> Option<Evidence> {
    let e = decoder.fields(node, &["title", "kind", "file", "audience"])?;
    let title = decoder.text(&e, "title");
    Some(Evidence {
        kind: decoder.opt_choice(&e, "kind"),
        file: decoder.opt_text(&e, "file"),
        audience: audience(decoder, &e),
        title: title?,
    })
}
