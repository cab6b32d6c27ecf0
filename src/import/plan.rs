//! Reading a rectification plan as published — the notice (title, number,
//! issuer, recipients, its short body, signature and date), then the plan:
//! preamble, 一、二、 chapters, the problems as `(一)…问题。` items each
//! followed by 整改措施 (一是…二是…), 整改目标, 整改时限 and 责任部门 lines.
//! Lines broken mid-sentence are joined; every line that finds no place is
//! kept, with its line number, and counted.

use super::ledger::{DraftIssue, DraftMeasure};
use super::plan_words::{
    NUMERALS, chinese_date, cn, is_authority, is_document_number, is_page_chrome, numeral_value,
    village_names,
};

/// The plan as read.
#[derive(Debug, Default)]
pub(super) struct PlanDraft {
    pub(super) title: String,
    pub(super) number: String,
    pub(super) issuer: String,
    pub(super) recipients: String,
    pub(super) date: String,
    pub(super) plan_title: String,
    pub(super) preamble: Vec<String>,
    pub(super) requirements: Vec<String>,
    pub(super) sections: Vec<(String, Vec<String>)>,
    pub(super) issues: Vec<DraftIssue>,
    /// `(line number, text)` of lines with no place.
    pub(super) unplaced: Vec<(usize, String)>,
    /// Numbering that skips or repeats, as warnings.
    pub(super) warnings: Vec<String>,
    /// Villages, communities and resettlement areas the text names.
    pub(super) villages: Vec<String>,
}

/// Where the reader is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Notice,
    NoticeBody,
    PlanTitle,
    Preamble,
    Chapter,
    Problems,
}

/// The field the last problem line filled, for lines that continue it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filling {
    Finding,
    Measures,
    Target,
    Deadline,
    Units,
}

/// Reads `text` (the plan as plain text) into a draft.
pub(super) fn read_plan(text: &str) -> PlanDraft {
    let mut plan = PlanDraft::default();
    let mut part = Part::Notice;
    let mut filling = Filling::Finding;
    let mut chapters: Vec<u32> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{3000}').trim();
        if line.is_empty() {
            continue;
        }
        let number = index + 1;
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if is_page_chrome(line) {
            plan.unplaced.push((number, line.to_string()));
            continue;
        }
        if let Some((numeral, heading)) = chapter(&compact) {
            if let Some(&last) = chapters.last()
                && numeral != last + 1
            {
                plan.warnings.push(format!(
                    "line {number}: chapter {} follows chapter {} (numbered as written)",
                    cn(numeral),
                    cn(last)
                ));
            }
            chapters.push(numeral);
            part = Part::Chapter;
            plan.sections.push((heading, Vec::new()));
            continue;
        }
        if let Some((numeral, rest)) = problem_item(&compact)
            && (part == Part::Problems || looks_like_problem(rest))
        {
            if part == Part::Chapter && plan.issues.is_empty() {
                // This chapter holds the problems: it is not a section.
                plan.sections.pop();
            }
            part = Part::Problems;
            let (title, finding) = match rest.split_once('。') {
                Some((title, finding)) if !finding.trim().is_empty() => {
                    (title.to_string(), finding.trim().to_string())
                }
                _ => (rest.trim_end_matches('。').to_string(), rest.to_string()),
            };
            let expected = plan.issues.last().map_or(1, |i| i.number + 1);
            if numeral != expected {
                plan.warnings.push(format!(
                    "line {number}: problem ({}) where ({}) was expected (numbered as written)",
                    cn(numeral),
                    cn(expected)
                ));
            }
            plan.issues.push(DraftIssue {
                number: numeral,
                title,
                finding,
                ..DraftIssue::default()
            });
            filling = Filling::Finding;
            continue;
        }
        match part {
            Part::Notice => notice_line(&mut plan, &mut part, &compact, line, number),
            Part::NoticeBody => {
                if let Some(date) = chinese_date(&compact) {
                    plan.date = date;
                    part = Part::PlanTitle;
                } else if compact.ends_with("政府")
                    || compact.ends_with("委员会")
                    || compact.ends_with("办公室")
                {
                    // The signature: the issuer again, often with its county.
                } else {
                    plan.preamble.push(line.to_string());
                }
            }
            Part::PlanTitle => {
                if line.chars().count() > 40 {
                    part = Part::Preamble;
                    plan.preamble.push(line.to_string());
                } else {
                    plan.plan_title.push_str(&compact);
                }
            }
            Part::Preamble => plan.preamble.push(line.to_string()),
            Part::Chapter => match plan.sections.last_mut() {
                Some((_, body)) => body.push(line.to_string()),
                None => plan.unplaced.push((number, line.to_string())),
            },
            Part::Problems => {
                let issue = plan
                    .issues
                    .last_mut()
                    .expect("in the problems part after one");
                problem_line(issue, &mut filling, &compact, line);
            }
        }
    }
    plan.villages = village_names(text);
    // The first chapter before the problems is the overall requirements.
    if !plan.sections.is_empty() && plan.sections[0].0.contains("要求") && !plan.issues.is_empty()
    {
        plan.requirements = plan.sections.remove(0).1;
    }
    plan
}

fn notice_line(plan: &mut PlanDraft, part: &mut Part, compact: &str, line: &str, number: usize) {
    let title: String = plan.title.chars().filter(|c| !c.is_whitespace()).collect();
    if plan.title.is_empty() && (compact.starts_with("关于") || compact.ends_with("通知")) {
        plan.title = compact.to_string();
    } else if plan.number.is_empty() && is_document_number(compact) {
        plan.number = compact.to_string();
    } else if plan.issuer.is_empty() && !plan.number.is_empty() && is_authority(compact) {
        plan.issuer = compact.to_string();
    } else if !title.is_empty() && (title.contains(compact) || compact == "通知") {
        // The title again, set over two lines in the document's header.
    } else if plan.recipients.is_empty()
        && (compact.ends_with(':') || compact.ends_with('\u{FF1A}'))
        && compact.chars().count() <= 60
    {
        plan.recipients = compact.trim_end_matches([':', '\u{FF1A}']).to_string();
        *part = Part::NoticeBody;
    } else {
        plan.unplaced.push((number, line.to_string()));
    }
}

fn problem_line(issue: &mut DraftIssue, filling: &mut Filling, compact: &str, line: &str) {
    let labelled = |labels: &[&str]| {
        labels.iter().find_map(|label| {
            compact
                .strip_prefix(label)
                .and_then(|rest| rest.strip_prefix([':', '\u{FF1A}']))
                .map(str::to_string)
        })
    };
    if let Some(rest) = labelled(&["整改措施", "具体措施", "措施"]) {
        *filling = Filling::Measures;
        issue.measures.extend(measures(&rest));
    } else if let Some(rest) = labelled(&["整改目标", "目标"]) {
        *filling = Filling::Target;
        issue.target = rest.trim_end_matches('。').to_string() + "。";
    } else if let Some(rest) = labelled(&["整改时限", "完成时限", "时限"]) {
        *filling = Filling::Deadline;
        issue.deadline = rest.trim_end_matches(['。', '.']).to_string();
    } else if let Some(rest) = labelled(&["牵头单位", "牵头部门"]) {
        *filling = Filling::Units;
        issue.lead_units = unit_names(&rest);
    } else if let Some(rest) = labelled(&["责任部门", "责任单位", "配合单位", "责任领导"])
    {
        *filling = Filling::Units;
        issue.units.extend(unit_names(&rest));
    } else {
        // A line broken mid-sentence, or a further paragraph.
        match filling {
            Filling::Finding => {
                issue.finding.push('\n');
                issue.finding.push_str(line);
            }
            Filling::Measures => match issue.measures.last_mut() {
                Some(last) => last.text.push_str(line),
                None => issue.measures.extend(measures(compact)),
            },
            Filling::Target => issue.target.push_str(line),
            Filling::Deadline => issue.deadline.push_str(line),
            Filling::Units => issue.units.extend(unit_names(compact)),
        }
    }
}

/// Measures written `一是…;二是…` (or `一是…。二是…`), each without its
/// label and ending in 。; without labels, the text is one measure.
fn measures(text: &str) -> Vec<DraftMeasure> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut expected = 1u32;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, (at, c)) in chars.iter().enumerate() {
        let label_char = NUMERALS.chars().nth(expected as usize);
        let is_label = Some(*c) == label_char
            && chars.get(k + 1).is_some_and(|(_, next)| *next == '是')
            && (k == 0 || matches!(chars[k - 1].1, ';' | '\u{FF1B}' | '。' | ':' | '\u{FF1A}'));
        if is_label {
            starts.push((*at, at + c.len_utf8() + '是'.len_utf8()));
            expected += 1;
        }
    }
    if starts.is_empty() {
        return vec![DraftMeasure {
            label: String::new(),
            text: sentence(text),
        }];
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &(_, body))| {
            let end = starts.get(k + 1).map_or(text.len(), |next| next.0);
            DraftMeasure {
                label: String::new(),
                text: sentence(&text[body..end]),
            }
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

fn unit_names(text: &str) -> Vec<String> {
    text.trim_end_matches(['。', '.', ';', '\u{FF1B}'])
        .split(['、', ',', '\u{FF0C}', ';', '\u{FF1B}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `一、整体要求` as (1, 整体要求): a chapter heading, short.
fn chapter(compact: &str) -> Option<(u32, String)> {
    let (numeral, heading) = compact.split_once('、')?;
    let n = numeral_value(numeral)?;
    // A heading is short and no sentence: no full stop at its end, no
    // comma or semicolon inside.
    let sentence =
        heading.ends_with('。') || heading.contains([',', '\u{FF0C}', ';', '\u{FF1B}', '。']);
    let heading = heading.trim_end_matches([':', '\u{FF1A}']);
    (!heading.is_empty() && heading.chars().count() <= 25 && !sentence)
        .then(|| (n, heading.to_string()))
}

/// `(一)text` or `(一)text` as (1, text).
fn problem_item(compact: &str) -> Option<(u32, &str)> {
    let rest = compact.strip_prefix(['(', '\u{FF08}'])?;
    let close = rest.find([')', '\u{FF09}'])?;
    let n = numeral_value(&rest[..close])?;
    let text = rest[close..].trim_start_matches([')', '\u{FF09}']);
    (!text.is_empty()).then_some((n, text))
}

/// Whether an item's text reads as a problem: it names one.
fn looks_like_problem(text: &str) -> bool {
    let head = text.split('。').next().unwrap_or(text);
    head.contains("问题")
        || head.contains("不到位")
        || head.contains("不够")
        || head.contains("不足")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_are_split_at_their_labels_only() {
        let found = measures("一是核实名单;二是建立“一是一非”台账。三是每月通报");
        let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["核实名单。", "建立“一是一非”台账。", "每月通报。"]);
        assert_eq!(measures("严格落实程序。").len(), 1);
    }

    #[test]
    fn headings_and_items_are_recognised() {
        assert_eq!(
            chapter("二、存在的问题与措施"),
            Some((2, "存在的问题与措施".into()))
        );
        assert_eq!(chapter("一、二是这样写的一句很长的话,不是标题。"), None);
        assert_eq!(problem_item("(十四)巩固问题。x"), Some((14, "巩固问题。x")));
        assert_eq!(chinese_date("2025年7月18日").as_deref(), Some("2025-07-18"));
        assert!(is_document_number("江政发〔2025〕16号"));
        assert_eq!(cn(14), "十四");
    }
}
