//! Writing a ledger draft as a site's content: `site.yaml` with the
//! villages and units found (ids from their pinyin, names as written),
//! and one `issues/NN.yaml` per problem, every value quoted, every cell
//! with no place of its own kept as a `# 原文(…)` comment.

use std::collections::HashMap;
use std::fmt::Write as _;

use pinyin::ToPinyin;

use crate::content::{Status, progress_status};
use crate::scaffold::quote;

use super::ledger::{Draft, DraftIssue, DraftTask};

/// Villages and units by name, with the ids they are written under.
#[derive(Default)]
pub(super) struct Places {
    pub(super) villages: Vec<(String, String)>,
    pub(super) units: Vec<(String, String)>,
    taken: HashMap<String, usize>,
}

impl Places {
    /// Every village and unit the draft names, each once.
    pub(super) fn of(draft: &Draft) -> Places {
        let mut places = Places::default();
        for issue in &draft.issues {
            for name in issue
                .villages
                .iter()
                .chain(issue.tasks.iter().map(|t| &t.village))
            {
                places.village(name);
            }
            let units = issue.lead_units.iter().chain(&issue.units);
            let task_units = issue.tasks.iter().flat_map(|t| [&t.unit, &t.accepted_by]);
            for name in units.chain(task_units) {
                places.unit(name);
            }
        }
        places
    }

    pub(super) fn village(&mut self, name: &str) -> Option<String> {
        self.id(name, true)
    }

    fn unit(&mut self, name: &str) -> Option<String> {
        self.id(name, false)
    }

    fn id(&mut self, name: &str, village: bool) -> Option<String> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let list = if village { &self.villages } else { &self.units };
        if let Some((_, id)) = list.iter().find(|(n, _)| n == name) {
            return Some(id.clone());
        }
        let stem = if village {
            name.trim_end_matches("社区").trim_end_matches('村')
        } else {
            name
        };
        let base = slug(if stem.is_empty() { name } else { stem });
        let count = self.taken.entry(base.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
        let list = if village {
            &mut self.villages
        } else {
            &mut self.units
        };
        list.push((name.to_string(), id.clone()));
        Some(id)
    }

    /// `villages:` and `units:` of site.yaml: each with its id and name as
    /// written, a village's kind from its suffix, a 各村 unit standing for
    /// every village.
    pub(super) fn write_yaml(&self, out: &mut String) {
        out.push_str("villages:");
        out.push_str(if self.villages.is_empty() {
            " []\n"
        } else {
            "\n"
        });
        for (name, id) in &self.villages {
            let kind = if name.ends_with("社区") {
                "社区"
            } else if name.ends_with("安置区") {
                "安置区"
            } else {
                "村"
            };
            let _ = writeln!(
                out,
                "  - {{ id: {id}, name: {}, kind: {kind} }}",
                quote(name)
            );
        }
        out.push_str("units:");
        out.push_str(if self.units.is_empty() { " []\n" } else { "\n" });
        for (name, id) in &self.units {
            let every = if name.starts_with("各村") {
                ", all_villages: true"
            } else {
                ""
            };
            let _ = writeln!(out, "  - {{ id: {id}, name: {}{every} }}", quote(name));
        }
    }

    /// The id of a name already listed.
    fn find(&self, name: &str, village: bool) -> Option<&str> {
        let list = if village { &self.villages } else { &self.units };
        list.iter()
            .find(|(n, _)| n == name.trim())
            .map(|(_, id)| id.as_str())
    }
}

/// An id from a name: its pinyin without tones, ASCII letters and digits
/// kept, at most 24 characters: 八景 → `bajing`, 农业大面组 → `nongyedamianzu`.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if let Some(p) = c.to_pinyin() {
            slug.push_str(p.plain());
        }
    }
    slug.truncate(24);
    if slug.is_empty() { "x".into() } else { slug }
}

/// `text` as a YAML value at `indent`: quoted on one line, or a literal
/// block when it has several lines.
pub(super) fn text_value(text: &str, indent: usize) -> String {
    if !text.contains('\n') {
        return quote(text);
    }
    let pad = " ".repeat(indent + 2);
    let mut out = String::from("|\n");
    for line in text.trim_end().lines() {
        let _ = writeln!(out, "{pad}{}", line.trim_end());
    }
    out.pop();
    out
}

/// `site.yaml`.
pub(super) fn site_yaml(
    draft: &Draft,
    places: &Places,
    as_of: Option<&str>,
    issuer: &str,
    number: Option<&str>,
) -> String {
    let mut out =
        String::from("# 由 taizhang import ledger 从台账导入;请核对发文机关、文号和日期。\n");
    let title = if draft.title.is_empty() {
        "整改台账"
    } else {
        draft.title.as_str()
    };
    let _ = writeln!(out, "document:\n  issuer: {}", quote(issuer));
    if let Some(number) = number {
        let _ = writeln!(out, "  number: {}", quote(number));
    }
    let _ = writeln!(out, "  title: {}", quote(title));
    if let Some(as_of) = as_of {
        let _ = writeln!(out, "as_of: {as_of}");
    }
    places.write_yaml(&mut out);
    out
}

/// `issues/NN.yaml` for one problem.
pub(super) fn issue_yaml(issue: &DraftIssue, places: &Places) -> String {
    let mut out = String::new();
    for kept in &issue.kept {
        let _ = writeln!(out, "# {}", kept.replace('\n', " "));
    }
    let _ = writeln!(out, "number: {}", issue.number);
    if !issue.label.is_empty() {
        let _ = writeln!(out, "label: {}", quote(&issue.label));
    }
    match issue.category.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "category: {}", quote(one));
        }
        many => {
            let list: Vec<String> = many.iter().map(|c| quote(c)).collect();
            let _ = writeln!(out, "category: [{}]", list.join(", "));
        }
    }
    let _ = writeln!(out, "title: {}", quote(&issue.title));
    let _ = writeln!(out, "finding: {}", text_value(&issue.finding, 0));
    if !issue.measures.is_empty() {
        out.push_str("measures:\n");
        for measure in &issue.measures {
            let _ = writeln!(out, "  - {}", text_value(&measure.text, 2));
        }
    }
    if !issue.target.is_empty() {
        let _ = writeln!(out, "target: {}", text_value(&issue.target, 0));
    }
    if !issue.deadline.is_empty() {
        let _ = writeln!(out, "deadline: {}", quote(&issue.deadline));
    }
    let ids = |names: &[String], village: bool| -> Vec<String> {
        names
            .iter()
            .filter_map(|n| places.find(n, village).map(str::to_string))
            .collect()
    };
    for (key, list) in [
        ("lead_unit", ids(&issue.lead_units, false)),
        ("units", ids(&issue.units, false)),
        ("villages", ids(&issue.villages, true)),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "{key}: [{}]", list.join(", "));
        }
    }
    if issue.tasks.is_empty() {
        progress_yaml(&mut out, issue);
    }
    if !issue.tasks.is_empty() {
        out.push_str("tasks:\n");
        for task in &issue.tasks {
            task_yaml(&mut out, issue, task, places);
        }
    }
    out
}

/// `progress:` from the 整改进展 texts and the 状态 word, when the rows
/// agree on one word the checker knows; other words stay in the text.
fn progress_yaml(out: &mut String, issue: &DraftIssue) {
    let text = issue.progress.join("\n");
    let word = match issue.statuses.as_slice() {
        [word] if progress_status(word).is_some() => Some(word),
        _ => None,
    };
    let others = if word.is_none() && !issue.statuses.is_empty() {
        format!("(状态:{})", issue.statuses.join("、"))
    } else {
        String::new()
    };
    match (word, text.is_empty() && others.is_empty()) {
        (Some(word), true) => {
            let _ = writeln!(out, "progress:\n  status: {}", quote(word));
        }
        (Some(word), false) => {
            let _ = writeln!(
                out,
                "progress:\n  status: {}\n  text: {}",
                quote(word),
                text_value(&text, 2)
            );
        }
        (None, false) => {
            let _ = writeln!(
                out,
                "progress: {}",
                text_value(&format!("{text}{others}"), 0)
            );
        }
        (None, true) => {}
    }
}

fn task_yaml(out: &mut String, issue: &DraftIssue, task: &DraftTask, places: &Places) {
    let village = places.find(&task.village, true);
    let unit = places.find(&task.unit, false);
    match (village, unit) {
        (Some(village), unit) => {
            let _ = writeln!(out, "  - village: {village}");
            if let Some(unit) = unit {
                let _ = writeln!(out, "    unit: {unit}");
            }
        }
        (None, unit) => {
            let _ = writeln!(out, "  - unit: {}", unit.unwrap_or(""));
        }
    }
    let measure = issue
        .measures
        .iter()
        .position(|m| !m.label.is_empty() && m.label == task.measure)
        .map(|i| i + 1)
        .or_else(|| {
            task.measure
                .strip_prefix("措施")
                .and_then(|n| n.parse().ok())
        })
        .or_else(|| (issue.measures.len() == 1).then_some(1));
    if let Some(measure) = measure {
        let _ = writeln!(out, "    measure: {measure}");
    }
    let _ = writeln!(out, "    what: {}", quote(&task.what));
    let status = Status::ALL
        .into_iter()
        .find(|s| s.label() == task.status || s.code() == task.status)
        .or_else(|| progress_status(&task.status))
        .unwrap_or(Status::NotStarted);
    let _ = writeln!(out, "    status: {}", status.code());
    if !task.deadline.is_empty() && task.deadline != issue.deadline {
        let _ = writeln!(out, "    deadline: {}", quote(&task.deadline));
    }
    if !task.accepted_on.is_empty() || !task.accepted_by.is_empty() {
        out.push_str("    acceptance:\n");
        if !task.accepted_on.is_empty() {
            let _ = writeln!(out, "      date: {}", task.accepted_on);
        }
        if let Some(by) = places.find(&task.accepted_by, false) {
            let _ = writeln!(out, "      by: {by}");
        }
        let evidence: Vec<&str> = task
            .evidence
            .split('、')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        if !evidence.is_empty() {
            out.push_str("      evidence:\n");
            for title in evidence {
                let _ = writeln!(out, "        - {{ title: {} }}", quote(title));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_pinyin_and_never_repeat() {
        assert_eq!(slug("八景"), "bajing");
        assert_eq!(slug("农业大面组"), "nongyedamianzu");
        let mut places = Places::default();
        assert_eq!(places.village("八景村").as_deref(), Some("bajing"));
        assert_eq!(places.village("八景村").as_deref(), Some("bajing"));
        assert_eq!(places.unit("八景").as_deref(), Some("bajing-2"));
    }
}
