//! What a plan says about each problem besides the problem itself: the
//! labelled lines (整改措施, 整改目标, 整改时限, 牵头单位, 责任单位,
//! 责任领导), written on their own lines or in brackets after the
//! problem — `(牵头单位:扶贫办;责任单位:各村支部)` — and the measures
//! inside 整改措施, written 一是…二是…, 1.…2.…, or one per paragraph.

use super::ledger::{DraftIssue, DraftMeasure};
use super::plan_items::item;
use super::plan_words::NUMERALS;

/// The field a line of a problem fills.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Field {
    /// The problem's own text.
    #[default]
    Finding,
    Measures,
    Target,
    Deadline,
    LeadUnits,
    Units,
    /// 责任领导 / 责任人: officials by post or name, kept as a comment.
    Leader,
}

/// Labels, and the field each one starts.
const LABELS: &[(&str, Field)] = &[
    ("整改措施", Field::Measures),
    ("具体措施", Field::Measures),
    ("工作措施", Field::Measures),
    ("措施", Field::Measures),
    ("整改目标", Field::Target),
    ("目标", Field::Target),
    ("整改时限", Field::Deadline),
    ("完成时限", Field::Deadline),
    ("整改期限", Field::Deadline),
    ("完成时间", Field::Deadline),
    ("时限", Field::Deadline),
    ("牵头单位", Field::LeadUnits),
    ("牵头部门", Field::LeadUnits),
    ("责任单位", Field::Units),
    ("责任部门", Field::Units),
    ("配合单位", Field::Units),
    ("协办单位", Field::Units),
    ("责任主体", Field::Units),
    ("责任领导", Field::Leader),
    ("责任人", Field::Leader),
    ("分管领导", Field::Leader),
    ("包保领导", Field::Leader),
];

/// A line starting `label:` (or with the label alone, for 整改措施 above
/// numbered measures) as its field and the text after the label.
pub(super) fn labelled(compact: &str) -> Option<(Field, String)> {
    LABELS.iter().find_map(|(label, field)| {
        let rest = compact.strip_prefix(label)?;
        match rest.strip_prefix([':', '\u{FF1A}']) {
            // An official's post or name is kept with its label, as written.
            Some(rest) if *field == Field::Leader => Some((*field, format!("{label}:{rest}"))),
            Some(rest) => Some((*field, rest.to_string())),
            None if rest.is_empty() && *field == Field::Measures => Some((*field, String::new())),
            None => None,
        }
    })
}

/// The fields of one problem as read so far.
#[derive(Debug, Default)]
pub(super) struct Fields {
    /// The field the last line filled, which an unlabelled line continues.
    pub(super) filling: Field,
    measures: String,
    target: String,
    deadline: String,
    lead_units: Vec<String>,
    units: Vec<String>,
    /// `(line, text)` of 责任领导 lines.
    leaders: Vec<(usize, String)>,
}

impl Fields {
    /// Whether any field was given: what makes an item a problem.
    pub(super) fn any(&self) -> bool {
        !(self.measures.is_empty()
            && self.target.is_empty()
            && self.deadline.is_empty()
            && self.lead_units.is_empty()
            && self.units.is_empty()
            && self.leaders.is_empty())
    }

    /// Adds `text`, labelled `field`, from `line`.
    pub(super) fn add(&mut self, field: Field, text: &str, line: usize) {
        self.filling = field;
        match field {
            Field::Finding => {}
            Field::Measures => {
                if !self.measures.is_empty() && !text.is_empty() {
                    self.measures.push('\n');
                }
                self.measures.push_str(text);
            }
            Field::Target => self.target.push_str(text),
            Field::Deadline => self.deadline.push_str(text),
            Field::LeadUnits => self.lead_units.extend(unit_names(text)),
            Field::Units => self.units.extend(unit_names(text)),
            Field::Leader => self.leaders.push((line, text.to_string())),
        }
    }

    /// An unlabelled paragraph after a labelled one: a further measure,
    /// or the rest of a field's text.
    pub(super) fn continue_with(&mut self, text: &str, line: usize) {
        match self.filling {
            Field::Measures => {
                self.measures.push('\n');
                self.measures.push_str(text.trim());
            }
            field => self.add(field, text.trim(), line),
        }
    }

    /// Puts the fields into `issue`.
    pub(super) fn fill(&self, issue: &mut DraftIssue) {
        issue.measures = measures(&self.measures);
        if !self.target.is_empty() {
            issue.target = self.target.trim_end_matches('。').to_string() + "。";
        }
        issue.deadline = self
            .deadline
            .trim()
            .trim_end_matches(['。', '.'])
            .to_string();
        issue.lead_units.clone_from(&self.lead_units);
        for unit in &self.units {
            if !issue.units.contains(unit) {
                issue.units.push(unit.clone());
            }
        }
        for (line, text) in &self.leaders {
            issue.kept.push(format!("原文(第{line}行): {text}"));
        }
    }
}

/// `text` without the bracket of labelled fields it ends with, those
/// fields added: `…退出。(牵头单位:扶贫办;责任单位:各村支部)`.
pub(super) fn bracket_fields(text: &str, fields: &mut Fields, line: usize) -> String {
    let trimmed = text.trim_end();
    let Some(inner) = trimmed.strip_suffix([')', '\u{FF09}']) else {
        return text.to_string();
    };
    let Some(open) = inner.rfind(['(', '\u{FF08}']) else {
        return text.to_string();
    };
    let open_len = inner[open..].chars().next().map_or(1, char::len_utf8);
    let content: String = inner[open + open_len..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let parts: Vec<(Field, String)> = content
        .split([';', '\u{FF1B}'])
        .filter(|part| !part.is_empty())
        .map_while(labelled)
        .collect();
    if parts.is_empty()
        || parts.len()
            != content
                .split([';', '\u{FF1B}'])
                .filter(|p| !p.is_empty())
                .count()
    {
        return text.to_string();
    }
    for (field, value) in parts {
        fields.add(field, &value, line);
    }
    // What follows the bracket continues the finding, not the last label.
    fields.filling = Field::Finding;
    inner[..open].trim_end().to_string()
}

/// Unit names listed `扶贫办、村建所` (or with commas or semicolons).
pub(super) fn unit_names(text: &str) -> Vec<String> {
    text.trim_end_matches(['。', '.', ';', '\u{FF1B}'])
        .split(['、', ',', '\u{FF0C}', ';', '\u{FF1B}', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The measures of a 整改措施 text: split at 一是, 二是… when it is so
/// labelled; else one per paragraph, or per inline `1.` `2.` item; else
/// the text is one measure. Each ends in one 。.
pub(super) fn measures(text: &str) -> Vec<DraftMeasure> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let flat: String = text.split('\n').map(str::trim).collect();
    let labelled = split_at_labels(&flat);
    let parts: Vec<String> = if labelled.len() > 1 {
        labelled
    } else if text.contains('\n') {
        text.split('\n')
            .map(|p| {
                let p = p.trim();
                item(p).map_or(p, |i| i.rest).to_string()
            })
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        split_at_items(&flat)
    };
    parts
        .iter()
        .map(|p| DraftMeasure {
            label: String::new(),
            text: sentence(p),
        })
        .collect()
}

/// `一是…;二是…` (or `。二是`) split at its labels, without them; one part
/// when there are none.
fn split_at_labels(text: &str) -> Vec<String> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut expected = 1usize;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, (at, c)) in chars.iter().enumerate() {
        let label_char = NUMERALS.chars().nth(expected);
        let is_label = Some(*c) == label_char
            && chars.get(k + 1).is_some_and(|(_, next)| *next == '是')
            && (k == 0 || matches!(chars[k - 1].1, ';' | '\u{FF1B}' | '。' | ':' | '\u{FF1A}'));
        if is_label {
            starts.push((*at, at + c.len_utf8() + '是'.len_utf8()));
            expected += 1;
        }
    }
    if starts.is_empty() {
        return vec![text.to_string()];
    }
    cut(text, &starts)
}

/// `1.…;2.…` split at its numbers, which must run 1, 2, 3 after a stop.
fn split_at_items(text: &str) -> Vec<String> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut expected = 1u32;
    for (at, _) in text.char_indices() {
        let after_stop = at == 0 || text[..at].ends_with([';', '\u{FF1B}', '。', ':', '\u{FF1A}']);
        if !after_stop {
            continue;
        }
        if let Some(found) = item(&text[at..])
            && found.value == expected
        {
            starts.push((at, at + found.marker.len()));
            expected += 1;
        }
    }
    if starts.len() < 2 {
        return vec![text.to_string()];
    }
    cut(text, &starts)
}

/// The parts of `text` from each label's end (`starts`: the label's start
/// and end) to the next label.
fn cut(text: &str, starts: &[(usize, usize)]) -> Vec<String> {
    starts
        .iter()
        .enumerate()
        .map(|(k, &(_, body))| {
            let end = starts.get(k + 1).map_or(text.len(), |next| next.0);
            text[body..end].to_string()
        })
        .collect()
}

/// `text` ending in one 。 instead of ; or nothing.
fn sentence(text: &str) -> String {
    let text = text
        .trim()
        .trim_end_matches([';', '\u{FF1B}', '。', ',', '\u{FF0C}']);
    format!("{text}。")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        measures(text).into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn measures_are_split_however_a_plan_numbers_them() {
        assert_eq!(
            texts("一是核实名单;二是建立“一是一非”台账。三是每月通报"),
            ["核实名单。", "建立“一是一非”台账。", "每月通报。"]
        );
        assert_eq!(
            texts("一是排查,\n建台账;二是开工"),
            ["排查,建台账。", "开工。"]
        );
        assert_eq!(
            texts("1.学习政策。\n2.逐户走访。"),
            ["学习政策。", "逐户走访。"]
        );
        assert_eq!(texts("1.学习政策;2.逐户走访"), ["学习政策。", "逐户走访。"]);
        assert_eq!(texts("严格落实程序。"), ["严格落实程序。"]);
    }

    #[test]
    fn units_in_brackets_after_a_problem_are_its_fields() {
        let mut fields = Fields::default();
        let text = bracket_fields(
            "有的搬迁户超面积建房。(牵头单位:扶贫办、村建所;责任单位:各村支部)",
            &mut fields,
            9,
        );
        assert_eq!(text, "有的搬迁户超面积建房。");
        assert_eq!(fields.lead_units, ["扶贫办", "村建所"]);
        assert_eq!(fields.units, ["各村支部"]);
        assert_eq!(fields.filling, Field::Finding);
        let mut none = Fields::default();
        assert_eq!(
            bracket_fields("帮扶车间(工厂)", &mut none, 1),
            "帮扶车间(工厂)"
        );
        assert!(!none.any());
    }
}
