//! `content/issues/*.yaml`: one problem of the plan, its measures, ledger
//! tasks, indicators and dated updates.

use crate::date::Date;
use crate::diagnostics::{FileId, Located, Problem, Span};

use super::deadline::Deadline;
use super::decode::{Choice, Decoder, Fields};
use super::status::{Audience, Status};
use super::yaml::{Node, Value};

/// One problem of the plan (问题).
#[derive(Clone, Debug)]
pub struct Issue {
    /// The file it came from.
    pub file: FileId,
    /// Number in the plan, 1-based; the page is `/issues/NN/`.
    pub number: Located<u32>,
    /// Title, e.g. 稳岗就业务工信息仍然不够精准的问题.
    pub title: Located<String>,
    /// Its number as the plan prints it, when not a plain number:
    /// `(2)①`, `3.(1)`.
    pub label: Option<Located<String>>,
    /// The headings the plan puts it under, outermost first: none, one
    /// (`一、责任落实方面`) or several (`(一)…方面` then `1.关于…问题`).
    pub category: Vec<Located<String>>,
    /// What was found (存在的问题), Markdown.
    pub finding: Located<String>,
    /// Numbered measures (一是、二是 …), in order.
    pub measures: Vec<Measure>,
    /// The outcome to reach (整改目标).
    pub target: Option<Located<String>>,
    /// Deadline (整改时限), as written, when the plan gives one.
    pub deadline: Option<Located<Deadline>>,
    /// The units that lead (牵头单位), as written: none, one or several.
    pub lead_units: Vec<Located<String>>,
    /// Responsible units, as written (id or name).
    pub units: Vec<Located<String>>,
    /// Villages the issue names, as written (id or name).
    pub villages: Vec<Located<String>>,
    /// Measured figures with baselines and targets.
    pub indicators: Vec<Indicator>,
    /// Figures the finding splits by village.
    pub breakdowns: Vec<Breakdown>,
    /// Ledger rows.
    pub tasks: Vec<Task>,
    /// Dated updates on the issue as a whole.
    pub updates: Vec<Update>,
    /// Where it stands as a report states it (整改情况), when it does.
    pub progress: Option<Progress>,
    /// False when a required field (number, title, finding) or the deadline was
    /// missing or invalid and holds a stand-in: the file's other mistakes
    /// are still reported, but rules about those fields are skipped. Such
    /// content always carries an error, so it never reaches a build.
    pub complete: bool,
}

impl Issue {
    /// How many distinct outermost headings (一、…方面) `issues` stand
    /// under: the groups the site lists.
    pub fn categories_listed(issues: &[Issue]) -> usize {
        let outermost: std::collections::BTreeSet<&str> = issues
            .iter()
            .filter_map(|i| i.category.first().map(|c| c.value.as_str()))
            .collect();
        outermost.len()
    }

    /// How many of `issues` state their progress with `word` (正在整改).
    pub fn listed_with_word(issues: &[Issue], word: &str) -> usize {
        issues
            .iter()
            .filter_map(|i| i.progress.as_ref()?.status.as_ref())
            .filter(|stated| stated.value.0 == word)
            .count()
    }
}

/// Where a problem stands in a report's own words: a status word such as
/// 正在整改 and the account (整改情况) in prose.
#[derive(Clone, Debug)]
pub struct Progress {
    /// The word as written, and the status it counts as.
    pub status: Option<Located<(String, Status)>>,
    /// What was done, Markdown.
    pub text: Option<Located<String>>,
    /// Where the progress stands in the file.
    pub span: Span,
}

/// A numbered measure (整改措施).
#[derive(Clone, Debug)]
pub struct Measure {
    /// 1-based position: measure 1 is 一是.
    pub number: u32,
    /// Its own heading, when the plan gives one (一是强化宣传培训,提高政策水平。…).
    pub heading: Option<Located<String>>,
    /// What is to be done, Markdown.
    pub text: Located<String>,
    /// Units that carry it out, when the plan says so.
    pub units: Vec<Located<String>>,
    /// Status when set by hand; otherwise derived from its tasks.
    pub status: Option<Located<Status>>,
    /// Where the measure stands in the file.
    pub span: Span,
}

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

/// A dated update on an issue.
#[derive(Clone, Debug)]
pub struct Update {
    /// When.
    pub date: Located<Date>,
    /// What happened, Markdown.
    pub text: Located<String>,
    /// Who may see it.
    pub audience: Audience,
}

const ISSUE_KEYS: &[&str] = &[
    "number",
    "label",
    "title",
    "category",
    "finding",
    "measures",
    "target",
    "deadline",
    "ongoing",
    "lead_unit",
    "units",
    "villages",
    "indicators",
    "breakdowns",
    "tasks",
    "updates",
    "progress",
];
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

/// Decodes one issue file; `None` when too broken to use.
pub(super) fn decode(root: &Node, file: FileId, decoder: &mut Decoder<'_>) -> Option<Issue> {
    let f = decoder.fields(root, ISSUE_KEYS)?;
    let number = decoder.int(&f, "number", 1, 999_999);
    let title = decoder.text(&f, "title");
    let finding = decoder.text(&f, "finding");
    let deadline = decoder.opt_deadline(&f, "deadline").map(|mut d| {
        // `ongoing: true` beside a plain date says 并长期坚持 too.
        d.value.ongoing |= decoder.flag(&f, "ongoing");
        d
    });
    let measures = decoder
        .list(&f, "measures")
        .iter()
        .zip(1..)
        .filter_map(|(node, number)| decode_measure(node, number, decoder))
        .collect();
    let indicators = list_of(decoder, &f, "indicators", decode_indicator);
    let breakdowns = list_of(decoder, &f, "breakdowns", decode_breakdown);
    let tasks = list_of(decoder, &f, "tasks", decode_task);
    let updates = list_of(decoder, &f, "updates", |node, decoder| {
        let u = decoder.fields(node, &["date", "text", "audience"])?;
        let date = decoder.date(&u, "date");
        let text = decoder.text(&u, "text");
        let audience = audience(decoder, &u);
        Some(Update {
            date: date?,
            text: text?,
            audience,
        })
    });
    // A deadline written but not understood holds no stand-in: rules about
    // it are skipped, and its error keeps the site from building.
    let deadline_readable = f.get("deadline").is_none() || deadline.is_some();
    let complete = number.is_some() && title.is_some() && finding.is_some() && deadline_readable;
    let stand_in = f.span();
    Some(Issue {
        file,
        complete,
        label: decoder.opt_text(&f, "label"),
        category: decoder.text_list(&f, "category"),
        progress: f
            .get("progress")
            .and_then(|node| decode_progress(node, decoder)),
        target: decoder.opt_text(&f, "target"),
        lead_units: decoder.text_list(&f, "lead_unit"),
        units: decoder.text_list(&f, "units"),
        villages: decoder.text_list(&f, "villages"),
        number: number.unwrap_or(Located::new(0, stand_in)),
        title: title.unwrap_or(Located::new(String::new(), stand_in)),
        finding: finding.unwrap_or(Located::new(String::new(), stand_in)),
        deadline,
        measures,
        indicators,
        breakdowns,
        tasks,
        updates,
    })
}

/// `progress:` is prose alone, or a mapping with a status word and text.
fn decode_progress(node: &Node, decoder: &mut Decoder<'_>) -> Option<Progress> {
    if let Value::Str(_) = node.value {
        return Some(Progress {
            status: None,
            text: decoder.node_text(node, "progress"),
            span: node.span,
        });
    }
    let p = decoder.fields(node, &["status", "text"])?;
    let status = p.get("status").and_then(|word| {
        let word = decoder.node_text(word, "status")?;
        match super::status::progress_status(&word.value) {
            Some(status) => Some(Located::new(
                (word.value.trim().to_string(), status),
                word.span,
            )),
            None => {
                decoder.report(
                    Problem::UnknownProgressWord {
                        word: word.value.trim().to_string(),
                        known: super::status::progress_words(),
                    },
                    word.span,
                );
                None
            }
        }
    });
    Some(Progress {
        status,
        text: decoder.opt_text(&p, "text"),
        span: node.span,
    })
}

fn list_of<T>(
    decoder: &mut Decoder<'_>,
    fields: &Fields<'_>,
    key: &str,
    each: impl Fn(&Node, &mut Decoder<'_>) -> Option<T>,
) -> Vec<T> {
    let items = decoder.list(fields, key);
    items
        .iter()
        .filter_map(|node| each(node, decoder))
        .collect()
}

fn audience(decoder: &mut Decoder<'_>, fields: &Fields<'_>) -> Audience {
    decoder
        .opt_choice(fields, "audience")
        .map(|a| a.value)
        .unwrap_or_default()
}

fn decode_measure(node: &Node, number: u32, decoder: &mut Decoder<'_>) -> Option<Measure> {
    // A measure may be plain text, or a mapping when it has units or a status.
    if let Value::Str(_) = node.value {
        return Some(Measure {
            number,
            heading: None,
            text: decoder.node_text(node, "measures")?,
            units: Vec::new(),
            status: None,
            span: node.span,
        });
    }
    let m = decoder.fields(node, &["heading", "text", "units", "status"])?;
    let text = decoder.text(&m, "text");
    Some(Measure {
        number,
        heading: decoder.opt_text(&m, "heading"),
        units: decoder.text_list(&m, "units"),
        status: decoder.opt_choice(&m, "status"),
        text: text?,
        span: m.span(),
    })
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

fn decode_indicator(node: &Node, decoder: &mut Decoder<'_>) -> Option<Indicator> {
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

fn decode_breakdown(node: &Node, decoder: &mut Decoder<'_>) -> Option<Breakdown> {
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

fn decode_task(node: &Node, decoder: &mut Decoder<'_>) -> Option<Task> {
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
