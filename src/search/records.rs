//! What search finds: one record per page worth finding — each problem
//! (with its measures and tasks), note, village, unit, policy page and
//! glossary term, and the plan page — written from the model, so the text
//! is the audience's own (masked in the public build), with the filters the
//! search page offers: 类型, 村(社区), 责任单位, 状态.

use std::collections::BTreeMap;

use crate::markdown::plain_text;
use crate::model::{Issue, Model, Ref};

/// A page as search sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page's address from the site root: `issues/07/`.
    pub url: String,
    /// What the result list shows as its heading.
    pub title: String,
    /// The text searched besides the title, and shown around a match.
    pub content: String,
    /// Filter name → values: `类型` → `问题`, `村(社区)` → `八景村`.
    pub filters: BTreeMap<String, Vec<String>>,
}

/// The filters' names, as the search page shows them.
pub const KIND: &str = "类型";
/// Villages a page concerns.
pub const VILLAGE: &str = "村(社区)";
/// Units a page concerns.
pub const UNIT: &str = "责任单位";
/// A problem's status.
pub const STATUS: &str = "状态";

impl Record {
    fn new(url: String, title: String, kind: &str) -> Record {
        let mut filters = BTreeMap::new();
        filters.insert(KIND.to_string(), vec![kind.to_string()]);
        Record {
            url,
            title,
            content: String::new(),
            filters,
        }
    }

    /// Adds a paragraph of text.
    fn text(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.content.is_empty() {
            self.content.push('\n');
        }
        self.content.push_str(text);
    }

    /// Adds filter values, each once.
    fn filter<'a>(&mut self, name: &str, values: impl IntoIterator<Item = &'a str>) {
        let list = self.filters.entry(name.to_string()).or_default();
        for value in values {
            if !value.is_empty() && !list.iter().any(|v| v == value) {
                list.push(value.to_string());
            }
        }
    }
}

/// Every record of the site, in the order results are shown when they
/// match alike: places and units first (a reader looks them up by name),
/// then terms, problems, policy pages, notes and the plan itself.
pub fn records(model: &Model) -> Vec<Record> {
    let mut all = Vec::with_capacity(model.issues.len() + model.notes.len() + 64);
    for village in &model.villages {
        let mut record = Record::new(
            format!("villages/{}/", village.id),
            village.name.clone(),
            "村(社区)",
        );
        record.filter(VILLAGE, [village.name.as_str()]);
        all.push(record);
    }
    for unit in &model.units {
        let mut record = Record::new(format!("units/{}/", unit.id), unit.name.clone(), "责任单位");
        record.filter(UNIT, [unit.name.as_str()]);
        all.push(record);
    }
    for term in &model.glossary {
        let mut record = Record::new(
            format!("policy/glossary/#{}", term.id),
            term.term.clone(),
            "名词解释",
        );
        record.text(&term.aliases.join("、"));
        record.text(&plain_text(&term.explanation.text));
        all.push(record);
    }
    all.extend(model.issues.iter().map(|issue| issue_record(model, issue)));
    for page in &model.policy {
        let mut record = Record::new(
            format!("policy/{}/", page.slug),
            page.title.clone(),
            "政策解读",
        );
        record.text(page.summary.as_deref().unwrap_or_default());
        record.text(&plain_text(&page.body.text));
        all.push(record);
    }
    for note in &model.notes {
        let mut record = Record::new(
            format!("notes/{}/", note.slug),
            note.title.clone(),
            "工作动态",
        );
        record.text(&plain_text(&note.body.text));
        record.filter(VILLAGE, note.villages.iter().map(|v| &*v.name));
        all.push(record);
    }
    all.push(plan_record(model));
    all
}

/// The plan page: the document's title, preamble, requirements, chapters.
fn plan_record(model: &Model) -> Record {
    let document = &model.document;
    let mut record = Record::new("plan/".to_string(), document.plan_title.clone(), "方案原文");
    record.text(document.number.as_deref().unwrap_or_default());
    for text in [&document.preamble, &document.requirements]
        .into_iter()
        .flatten()
    {
        record.text(&plain_text(&text.text));
    }
    for section in &document.sections {
        record.text(section.title.as_deref().unwrap_or_default());
        record.text(&plain_text(&section.body.text));
    }
    record
}

/// A problem: its number, categories, title, finding, measures, target
/// and deadline, and each task's village, unit and work; filtered by the
/// villages and units it concerns and by its status.
fn issue_record(model: &Model, issue: &Issue) -> Record {
    let number = issue
        .label
        .clone()
        .unwrap_or_else(|| issue.number.to_string());
    let mut record = Record::new(
        format!("issues/{}/", issue.slug),
        format!("问题 {number} · {}", issue.title),
        "问题",
    );
    record.text(&issue.category.join(" · "));
    record.text(&plain_text(&issue.finding.text));
    for measure in &issue.measures {
        record.text(&plain_text(&measure.text.text));
    }
    record.text(issue.target.as_deref().unwrap_or_default());
    record.text(&issue.deadline_text);
    let names = |refs: &[Ref]| refs.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    let mut units = names(&issue.lead_units);
    units.extend(names(&issue.units));
    let mut villages = names(&issue.villages);
    for &index in &issue.tasks {
        let task = &model.tasks[index];
        let mut line = String::new();
        if let Some(village) = &task.village {
            line.push_str(&village.name);
            line.push(' ');
            villages.push(village.name.clone());
        }
        if let Some(unit) = &task.unit {
            line.push_str(&unit.name);
            line.push(' ');
            units.push(unit.name.clone());
        }
        line.push_str(&task.what);
        record.text(&line);
    }
    record.text(&units.join("、"));
    record.filter(VILLAGE, villages.iter().map(|n| &**n));
    record.filter(UNIT, units.iter().map(|n| &**n));
    // The status in plain words (整改中), as the list page shows it.
    let status = issue.status.map_or(issue.status_word.as_str(), |s| s.label);
    record.filter(STATUS, [status]);
    record
}
