//! `content/issues/*.yaml`: one problem of the plan, its measures, the
//! report's progress and dated updates; its ledger tasks
//! ([`super::task`]) and figures ([`super::figures`]) are decoded beside.

use crate::date::Date;
use crate::diagnostics::{FileId, Located, Problem, Span};

use super::deadline::Deadline;
use super::decode::{Decoder, Fields};
use super::figures::{Breakdown, Indicator, decode_breakdown, decode_indicator};
use super::status::{Audience, Status};
use super::task::{Task, decode_task};
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

/// The items of the list under `key`, each decoded by `each`; those too
/// broken to use are left out (their errors are reported).
pub(super) fn list_of<T>(
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

/// Who may see an item: `audience:` when given, else the public.
pub(super) fn audience(decoder: &mut Decoder<'_>, fields: &Fields<'_>) -> Audience {
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
