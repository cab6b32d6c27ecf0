//! A chapter of a plan read into problems. Plans number their items in
//! the official order of levels — (一), 1., (1), ① — but start the
//! problems at any of them: 三江 lists `(一)…问题。`, another plan groups
//! `(1)` problems under `1.专项整改问题` and `①` problems under `(2)住房安全
//! 方面。`. So the items are read as a tree, each style one level below the
//! style it first appears under; the items that carry 整改措施, 责任单位 or
//! 整改时限 (on their own lines or in brackets after the text) are the
//! problems, the items above them their categories. A chapter whose items
//! carry none of these is prose for the plan page.

use super::ledger::DraftIssue;
use super::plan_fields::{Field, Fields, bracket_fields, labelled};
use super::plan_lines::Piece;
use super::plan_words::{cn, numeral_value};

/// How an item is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// (一)
    ParenChinese,
    /// 1. 1、 1.
    Decimal,
    /// (1)
    ParenDecimal,
    /// ①
    Circled,
}

/// A numbered item's start: its style, value, the number as printed and
/// the text after it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Item<'a> {
    pub(super) style: Style,
    pub(super) value: u32,
    pub(super) marker: &'a str,
    pub(super) rest: &'a str,
}

/// The item `text` starts with, if any: `(一)`, `(1)`, `1.`, `1、`, `①`.
pub(super) fn item(text: &str) -> Option<Item<'_>> {
    let first = text.chars().next()?;
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        let end = first.len_utf8();
        let rest = text[end..].trim_start();
        return (!rest.is_empty()).then_some(Item {
            style: Style::Circled,
            value: first as u32 - 0x2460 + 1,
            marker: &text[..end],
            rest,
        });
    }
    if let Some(inner) = text.strip_prefix(['(', '\u{FF08}']) {
        let close = inner.find([')', '\u{FF09}'])?;
        let numeral = inner[..close].trim();
        let value = numeral_value(numeral)?;
        let end = text.len() - inner.len() + close + inner[close..].chars().next()?.len_utf8();
        let style = if numeral.chars().all(|c| c.is_ascii_digit()) {
            Style::ParenDecimal
        } else {
            Style::ParenChinese
        };
        let rest = text[end..].trim_start();
        return (!rest.is_empty()).then_some(Item {
            style,
            value,
            marker: &text[..end],
            rest,
        });
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = text[digits..].chars().next()?;
    if !matches!(after, '.' | '\u{FF0E}' | '、') {
        return None;
    }
    let end = digits + after.len_utf8();
    let rest = text[end..].trim_start();
    // 1.5万元 is a number, not an item.
    let starts_number = rest.starts_with(|c: char| c.is_ascii_digit());
    (!rest.is_empty() && !starts_number).then(|| Item {
        style: Style::Decimal,
        value: text[..digits].parse().unwrap_or(0),
        marker: &text[..end],
        rest,
    })
}

/// Whether an item's text reads as a problem: it names one.
pub(super) fn looks_like_problem(text: &str) -> bool {
    let head = text.split('。').next().unwrap_or(text);
    [
        "问题",
        "不到位",
        "不够",
        "不足",
        "不规范",
        "不精准",
        "不及时",
    ]
    .iter()
    .any(|word| head.contains(word))
}

/// One numbered item of a chapter and what follows it.
#[derive(Debug)]
struct Node {
    style: Style,
    value: u32,
    marker: String,
    line: usize,
    /// The item's own text and the paragraphs continuing it, by line.
    text: Vec<(usize, String)>,
    fields: Fields,
    parent: Option<usize>,
    children: usize,
}

/// A chapter as read.
#[derive(Debug, Default)]
pub(super) struct ChapterRead {
    /// Its problems, numbered as the plan numbers them when it numbers them
    /// once through; else in order, with the printed number as a label.
    pub(super) issues: Vec<DraftIssue>,
    /// Its prose: everything, when it holds no problems; else the text
    /// before its first item.
    pub(super) body: Vec<String>,
    /// Numbering that skips or repeats.
    pub(super) warnings: Vec<String>,
}

/// Reads the pieces of one chapter; `rows` are read by [`super::plan_table`].
pub(super) fn read_chapter(pieces: &[Piece], first_number: u32) -> ChapterRead {
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut intro: Vec<String> = Vec::new();
    let mut prose: Vec<String> = Vec::new();
    for piece in pieces {
        let Piece::Para(para) = piece else { continue };
        prose.push(para.text.clone());
        let compact: String = para.text.chars().filter(|c| !c.is_whitespace()).collect();
        let top = stack.last().copied();
        if let Some(found) = item(&compact) {
            let measure_item = top.is_some_and(|t| {
                nodes[t].fields.filling == Field::Measures
                    && !stack.iter().any(|&n| nodes[n].style == found.style)
            });
            if !measure_item {
                if let Some(at) = stack.iter().position(|&n| nodes[n].style == found.style) {
                    stack.truncate(at);
                }
                let parent = stack.last().copied();
                if let Some(p) = parent {
                    nodes[p].children += 1;
                }
                let mut fields = Fields::default();
                let text = bracket_fields(found.rest, &mut fields, para.line);
                nodes.push(Node {
                    style: found.style,
                    value: found.value,
                    marker: found.marker.to_string(),
                    line: para.line,
                    text: vec![(para.line, text)],
                    fields,
                    parent,
                    children: 0,
                });
                stack.push(nodes.len() - 1);
                continue;
            }
        }
        match top {
            Some(t) => {
                let node = &mut nodes[t];
                if let Some((field, rest)) = labelled(&compact) {
                    node.fields.add(field, &rest, para.line);
                } else if node.fields.filling == Field::Finding {
                    let text = bracket_fields(&para.text, &mut node.fields, para.line);
                    node.text.push((para.line, text));
                } else {
                    node.fields.continue_with(&para.text, para.line);
                }
            }
            None => intro.push(para.text.clone()),
        }
    }
    if !nodes.iter().any(|n| n.fields.any()) {
        return ChapterRead {
            body: prose,
            ..ChapterRead::default()
        };
    }
    let mut read = ChapterRead {
        body: intro,
        warnings: numbering_warnings(&nodes),
        ..ChapterRead::default()
    };
    read.issues = problems(&nodes, first_number);
    read
}

/// The problems among `nodes`: items with fields of their own, and items
/// with no items below them beside such items.
fn problems(nodes: &[Node], first_number: u32) -> Vec<DraftIssue> {
    let is_problem = |k: usize| {
        let node = &nodes[k];
        node.fields.any()
            || (node.children == 0
                && nodes
                    .iter()
                    .any(|other| other.parent == node.parent && other.fields.any()))
    };
    let chosen: Vec<usize> = (0..nodes.len()).filter(|&k| is_problem(k)).collect();
    // A plan numbering its problems once through, (一) to (十四) at the
    // top of the chapter, keeps its numbers; others are numbered in order.
    let flat = chosen.iter().all(|&k| nodes[k].parent.is_none())
        && chosen
            .windows(2)
            .all(|w| nodes[w[0]].style == nodes[w[1]].style);
    let mut issues = Vec::new();
    for (order, &k) in chosen.iter().enumerate() {
        let node = &nodes[k];
        let mut path = Vec::new();
        let mut up = node.parent;
        while let Some(p) = up {
            path.push(p);
            up = nodes[p].parent;
        }
        path.reverse();
        let mut issue = node_issue(node);
        for &p in &path {
            let (title, _) = title_and_finding(&nodes[p].text[0].1);
            issue.category.push(title);
            // A category's own paragraphs stay beside its first problem.
            if order == first_child(&chosen, nodes, p) {
                for (line, text) in &nodes[p].text[1..] {
                    issue.kept.push(format!("原文(第{line}行): {text}"));
                }
            }
        }
        if flat {
            issue.number = node.value;
        } else {
            issue.number = first_number + order as u32;
            issue.label = path
                .iter()
                .map(|&p| nodes[p].marker.as_str())
                .chain([node.marker.as_str()])
                .collect();
        }
        issues.push(issue);
    }
    issues
}

/// The position in `chosen` of the first problem below `parent`.
fn first_child(chosen: &[usize], nodes: &[Node], parent: usize) -> usize {
    chosen
        .iter()
        .position(|&k| {
            let mut up = nodes[k].parent;
            while let Some(p) = up {
                if p == parent {
                    return true;
                }
                up = nodes[p].parent;
            }
            false
        })
        .unwrap_or(usize::MAX)
}

/// One problem item as a draft: title, finding, and its fields.
fn node_issue(node: &Node) -> DraftIssue {
    let (title, first) = title_and_finding(&node.text[0].1);
    let mut finding = first;
    for (_, more) in &node.text[1..] {
        finding.push('\n');
        finding.push_str(more);
    }
    let mut issue = DraftIssue {
        title,
        finding,
        ..DraftIssue::default()
    };
    node.fields.fill(&mut issue);
    issue
}

/// `…问题。存在…` as its title and finding; a text of one sentence is
/// both, its title cut at the first comma when it runs long.
pub(super) fn title_and_finding(text: &str) -> (String, String) {
    match text.split_once('。') {
        Some((title, finding)) if !finding.trim().is_empty() => {
            (title.to_string(), finding.trim().to_string())
        }
        _ => {
            let title = text.trim_end_matches('。');
            let mut clauses = title.split_inclusive([',', '\u{FF0C}', ';', '\u{FF1B}']);
            let mut short = clauses.next().unwrap_or(title).to_string();
            // `饮水安全方面,部分农户…`: the aspect alone is no title.
            if short.trim_end_matches([',', '\u{FF0C}']).ends_with("方面") {
                short.push_str(clauses.next().unwrap_or_default());
            }
            let short = short.trim_end_matches([',', '\u{FF0C}', ';', '\u{FF1B}']);
            let cut = title.chars().count() > 20 && short.chars().count() >= 6;
            (
                if cut { short } else { title }.to_string(),
                text.to_string(),
            )
        }
    }
}

/// A warning for each item numbered other than one after its sibling.
fn numbering_warnings(nodes: &[Node]) -> Vec<String> {
    let mut warnings = Vec::new();
    for (k, node) in nodes.iter().enumerate() {
        let previous = nodes[..k]
            .iter()
            .rev()
            .find(|n| n.parent == node.parent && n.style == node.style);
        let expected = previous.map_or(1, |p| p.value + 1);
        if node.value != expected {
            let shown = |n: u32| match node.style {
                Style::ParenChinese => format!("({})", cn(n)),
                Style::Circled => {
                    char::from_u32(0x2460 + n.saturating_sub(1)).map_or(n.to_string(), String::from)
                }
                Style::Decimal => format!("{n}."),
                Style::ParenDecimal => format!("({n})"),
            };
            warnings.push(format!(
                "line {}: item {} where {} was expected (numbered as written)",
                node.line,
                shown(node.value),
                shown(expected)
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_recognised_in_every_numbering_style() {
        let found = |t: &str| item(t).map(|i| (i.style, i.value, i.marker.to_string()));
        assert_eq!(
            found("(十四)巩固问题。"),
            Some((Style::ParenChinese, 14, "(十四)".into()))
        );
        assert_eq!(
            found("\u{FF08}2\u{FF09}住房"),
            Some((Style::ParenDecimal, 2, "\u{FF08}2\u{FF09}".into()))
        );
        assert_eq!(found("3.基础"), Some((Style::Decimal, 3, "3.".into())));
        assert_eq!(found("12、饮水"), Some((Style::Decimal, 12, "12、".into())));
        assert_eq!(found("②石门村"), Some((Style::Circled, 2, "②".into())));
        assert_eq!(found("1.5万元"), None);
        assert_eq!(found("2025年"), None);
    }

    #[test]
    fn a_long_one_sentence_problem_is_titled_by_its_first_clause() {
        let (title, finding) = title_and_finding(
            "脱贫人口计划按村“打包”下达,个别村达到退出标准却因没有计划不能退出,个别村尚未达标却被安排退出。",
        );
        assert_eq!(title, "脱贫人口计划按村“打包”下达");
        assert!(finding.ends_with("安排退出。"));
        assert_eq!(
            title_and_finding("饮水安全方面,部分农户水量不足、季节性缺水,水质没有检测。").0,
            "饮水安全方面,部分农户水量不足、季节性缺水"
        );
        assert_eq!(
            title_and_finding("小额信贷管理不够规范的问题。一是…").0,
            "小额信贷管理不够规范的问题"
        );
    }
}
