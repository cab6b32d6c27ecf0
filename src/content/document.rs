//! `document:` in `site.yaml`: the plan or progress report as published —
//! its header (issuer, number, date), its kind, the totals a report states,
//! and its body text.

use crate::diagnostics::{Kind, Located, Problem};

use super::decode::{Choice, Decoder};
use super::document_date::DocumentDate;
use super::status::{Status, progress_status};
use super::yaml::{Node, Value};

/// The plan document's header and body text.
#[derive(Clone, Debug)]
pub struct Document {
    /// A plan (方案), or a report on a plan's progress (整改情况的报告).
    pub kind: DocumentKind,
    /// Issuing authority, e.g. 三江镇人民政府.
    pub issuer: Located<String>,
    /// Document number, e.g. 江政发〔2025〕16号, when the plan has one.
    pub number: Option<Located<String>>,
    /// Title of the notice.
    pub title: Located<String>,
    /// Title of the plan it carries, if different.
    pub plan_title: Option<Located<String>>,
    /// Date of issue, as precise as the document gives it; `None` when the
    /// copy at hand does not show it.
    pub date: Option<Located<DocumentDate>>,
    /// For a report: what it reports on (the plan, the audit, the feedback).
    pub reports_on: Option<Located<String>>,
    /// Totals the document states (4个方面32个问题), which may be more than
    /// it lists.
    pub declared: Declared,
    /// Addressees, e.g. 各村(社区)、部门单位.
    pub recipients: Option<Located<String>>,
    /// The preamble, Markdown.
    pub preamble: Option<Located<String>>,
    /// The overall requirements (整体要求), Markdown.
    pub requirements: Option<Located<String>>,
    /// Further chapters (实施步骤, 工作要求 …), in order.
    pub sections: Vec<Section>,
}

/// What a document is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentKind {
    /// 方案: it sets out problems and measures.
    #[default]
    Plan,
    /// 报告 / 通报: it states how a plan's problems were dealt with.
    Report,
}

impl DocumentKind {
    /// The code pages test: `plan` or `report`.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Plan => "plan",
            DocumentKind::Report => "report",
        }
    }

    /// What pages call the document: 方案 or 报告.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Plan => "方案",
            DocumentKind::Report => "报告",
        }
    }
}

impl Choice for DocumentKind {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("plan", DocumentKind::Plan),
        ("report", DocumentKind::Report),
        ("方案", DocumentKind::Plan),
        ("报告", DocumentKind::Report),
        ("通报", DocumentKind::Report),
    ];
}

/// Totals a document states, whether or not it lists every problem.
#[derive(Clone, Debug, Default)]
pub struct Declared {
    /// 个方面: how many groups.
    pub categories: Option<Located<u32>>,
    /// 个问题: how many problems.
    pub issues: Option<Located<u32>>,
    /// How many problems stand at each word (已完成整改19个、正在整改6个),
    /// in the document's order.
    pub statuses: Vec<DeclaredStatus>,
}

/// One status count a document states.
#[derive(Clone, Debug)]
pub struct DeclaredStatus {
    /// The word as written.
    pub word: Located<String>,
    /// The status it counts as.
    pub status: Status,
    /// How many.
    pub count: Located<u32>,
}

/// A titled chapter of the plan document.
#[derive(Clone, Debug)]
pub struct Section {
    /// Heading, when the plan gives the chapter one.
    pub title: Option<Located<String>>,
    /// Markdown text.
    pub body: Located<String>,
}

const DOCUMENT_KEYS: &[&str] = &[
    "kind",
    "issuer",
    "number",
    "title",
    "plan_title",
    "date",
    "reports_on",
    "declared",
    "recipients",
    "preamble",
    "requirements",
    "sections",
];

/// Decodes `document:`; `None` when a required part is missing or unreadable.
pub(super) fn decode_document(node: &Node, decoder: &mut Decoder<'_>) -> Option<Document> {
    let f = decoder.fields(node, DOCUMENT_KEYS)?;
    let issuer = decoder.text(&f, "issuer");
    let number = decoder.opt_text(&f, "number");
    let title = decoder.text(&f, "title");
    let date = f.get("date").map(|node| document_date(node, decoder));
    let declared = match f.get("declared") {
        Some(node) => decode_declared(node, decoder),
        None => Declared::default(),
    };
    let sections = decoder
        .list(&f, "sections")
        .iter()
        .filter_map(|node| {
            let s = decoder.fields(node, &["title", "body"])?;
            let body = decoder.text(&s, "body");
            Some(Section {
                title: decoder.opt_text(&s, "title"),
                body: body?,
            })
        })
        .collect();
    Some(Document {
        kind: decoder
            .opt_choice(&f, "kind")
            .map(|k| k.value)
            .unwrap_or_default(),
        plan_title: decoder.opt_text(&f, "plan_title"),
        reports_on: decoder.opt_text(&f, "reports_on"),
        declared,
        recipients: decoder.opt_text(&f, "recipients"),
        preamble: decoder.opt_text(&f, "preamble"),
        requirements: decoder.opt_text(&f, "requirements"),
        issuer: issuer?,
        number,
        title: title?,
        // A date written but not understood is an error already reported.
        date: date.unwrap_or(None),
        sections,
    })
}

fn document_date(node: &Node, decoder: &mut Decoder<'_>) -> Option<Located<DocumentDate>> {
    let text = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        _ => {
            decoder.wrong_type(Kind::Date, node);
            return None;
        }
    };
    match DocumentDate::parse(&text) {
        Some(date) => Some(Located::new(date, node.span)),
        None => {
            let text = text.trim().to_string();
            let forms = super::document_date::FORMS;
            decoder.report(Problem::BadDocumentDate { text, forms }, node.span);
            None
        }
    }
}

fn decode_declared(node: &Node, decoder: &mut Decoder<'_>) -> Declared {
    let Some(f) = decoder.fields(node, &["categories", "issues", "statuses"]) else {
        return Declared::default();
    };
    let mut statuses = Vec::new();
    if let Some(map) = f.get("statuses") {
        if let Value::Map(entries) = &map.value {
            for (key, value) in entries {
                let Some(word) = decoder.node_text(key, "statuses") else {
                    continue;
                };
                let count = decoder.node_int(value, 0, 999_999);
                let text = word.value.trim().to_string();
                match progress_status(&text) {
                    Some(status) => statuses.extend(count.map(|count| DeclaredStatus {
                        word: Located::new(text, word.span),
                        status,
                        count,
                    })),
                    None => decoder.report(
                        Problem::UnknownProgressWord {
                            word: text,
                            known: super::status::progress_words(),
                        },
                        word.span,
                    ),
                }
            }
        } else {
            decoder.wrong_type(Kind::Map, map);
        }
    }
    Declared {
        categories: decoder.opt_int(&f, "categories", 0, 999_999),
        issues: decoder.opt_int(&f, "issues", 0, 999_999),
        statuses,
    }
}
