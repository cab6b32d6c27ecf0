//! Reading a rectification plan as published — the notice (title, number,
//! issuer, recipients, its short body, signature and date) when it has one,
//! then the plan: its title, preamble and 一、二、 chapters. Each chapter
//! is read by [`super::plan_items`] (numbered items) and
//! [`super::plan_table`] (a table of problems) into problems or prose.
//! Every line that finds no place is kept, with its line number.

use super::document::Block;
use super::ledger::DraftIssue;
use super::plan_items::{item, looks_like_problem, read_chapter};
use super::plan_lines::{Para, Piece, paragraphs};
use super::plan_words::{chinese_date, cn, is_authority, is_document_number, numeral_value};

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
}

/// A chapter being read: its heading and what stands under it.
type OpenChapter = (String, Vec<Piece>);

/// Reads a plan's `blocks` into a draft; `wrapped` when its lines may be
/// broken mid-sentence (text and web pages).
pub(super) fn read_plan(blocks: &[Block], wrapped: bool) -> PlanDraft {
    let mut plan = PlanDraft::default();
    let (pieces, chrome) = paragraphs(blocks, wrapped);
    plan.unplaced = chrome;
    let mut part = Part::Notice;
    let mut chapter: Option<OpenChapter> = None;
    let mut numerals: Vec<u32> = Vec::new();
    for piece in pieces {
        let para = match &piece {
            Piece::Para(para) => para.clone(),
            Piece::Row(line, cells) => {
                match &mut chapter {
                    Some((_, pieces)) => pieces.push(piece.clone()),
                    None => plan.unplaced.push((*line, cells.join(" | "))),
                }
                continue;
            }
        };
        let compact: String = para.text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some((numeral, heading)) = chapter_heading(&compact) {
            if let Some(&last) = numerals.last()
                && numeral != last + 1
            {
                plan.warnings.push(format!(
                    "line {}: chapter {} follows chapter {} (numbered as written)",
                    para.line,
                    cn(numeral),
                    cn(last)
                ));
            }
            numerals.push(numeral);
            close_chapter(&mut plan, chapter.take());
            chapter = Some((heading, Vec::new()));
            part = Part::Chapter;
            continue;
        }
        let problem_first = matches!(part, Part::NoticeBody | Part::PlanTitle | Part::Preamble)
            && item(&compact).is_some_and(|i| looks_like_problem(i.rest));
        if problem_first {
            // Problems with no chapter heading above them.
            chapter = Some((String::new(), Vec::new()));
            part = Part::Chapter;
        }
        match part {
            Part::Notice => notice_line(&mut plan, &mut part, &compact, &para),
            Part::NoticeBody => {
                if let Some(date) = chinese_date(&compact) {
                    plan.date = date;
                    part = Part::PlanTitle;
                } else if !is_signature(&compact) {
                    plan.preamble.push(para.text.clone());
                }
            }
            Part::PlanTitle => {
                if para.text.chars().count() > 40 {
                    part = Part::Preamble;
                    plan.preamble.push(para.text.clone());
                } else {
                    plan.plan_title.push_str(&compact);
                }
            }
            Part::Preamble => plan.preamble.push(para.text.clone()),
            Part::Chapter => {
                if !signature(&mut plan, &compact)
                    && let Some((_, pieces)) = &mut chapter
                {
                    pieces.push(piece);
                }
            }
        }
    }
    close_chapter(&mut plan, chapter);
    let text: Vec<&str> = blocks
        .iter()
        .flat_map(|b| match b {
            Block::Text(text) => vec![text.as_str()],
            Block::Row(cells) => cells.iter().map(String::as_str).collect(),
        })
        .collect();
    plan.villages = super::plan_words::village_names(&text.join("\n"));
    // The first chapter before the problems is the overall requirements.
    if !plan.sections.is_empty() && plan.sections[0].0.contains("要求") && !plan.issues.is_empty()
    {
        plan.requirements = plan.sections.remove(0).1;
    }
    plan
}

/// Reads a finished chapter into the plan: its problems, or its prose as a
/// section of the plan page (a problems chapter's opening text too).
fn close_chapter(plan: &mut PlanDraft, chapter: Option<OpenChapter>) {
    let Some((heading, pieces)) = chapter else {
        return;
    };
    let next = plan.issues.last().map_or(1, |i| i.number + 1);
    let read = read_chapter(&pieces, next);
    plan.warnings.extend(read.warnings);
    let mut issues = read.issues;
    let table_next = issues.last().map_or(next, |i| i.number + 1);
    let rows: Vec<(usize, Vec<String>)> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Row(line, cells) => Some((*line, cells.clone())),
            Piece::Para(_) => None,
        })
        .collect();
    let (table_issues, unread_rows) = super::plan_table::read_rows(&rows, table_next);
    issues.extend(table_issues);
    plan.unplaced.extend(unread_rows);
    let last = plan.issues.last().map_or(0, |i| i.number);
    for (k, issue) in issues.iter_mut().enumerate() {
        // A second chapter numbering its problems from (一) again.
        if issue.number <= last {
            issue.number = last + 1 + k as u32;
        }
    }
    if !read.body.is_empty() || (issues.is_empty() && !heading.is_empty()) {
        plan.sections.push((heading, read.body));
    }
    plan.issues.extend(issues);
}

fn notice_line(plan: &mut PlanDraft, part: &mut Part, compact: &str, para: &Para) {
    let title: String = plan.title.chars().filter(|c| !c.is_whitespace()).collect();
    let sentence = compact.contains(['。', ',', '\u{FF0C}', ';', '\u{FF1B}']);
    if plan.title.is_empty() && (compact.starts_with("关于") || compact.ends_with("通知")) {
        plan.title = compact.to_string();
    } else if plan.number.is_empty() && is_document_number(compact) {
        plan.number = compact.to_string();
    } else if !plan.number.is_empty()
        && plan.recipients.is_empty()
        && is_authority(compact)
        && !title.contains(compact)
    {
        // Issuers, one per line when several issue the notice together.
        if !plan.issuer.is_empty() {
            plan.issuer.push('、');
        }
        plan.issuer.push_str(compact);
    } else if !title.is_empty() && (title.contains(compact) || compact == "通知") {
        // The title again, set over two lines in the document's header.
    } else if plan.recipients.is_empty()
        && (compact.ends_with(':') || compact.ends_with('\u{FF1A}'))
        && compact.chars().count() <= 60
    {
        plan.recipients = compact.trim_end_matches([':', '\u{FF1A}']).to_string();
        *part = Part::NoticeBody;
    } else if title.is_empty()
        && plan.number.is_empty()
        && !sentence
        && compact.chars().count() <= 40
    {
        // No notice: the document opens with the plan's own title.
        plan.plan_title.push_str(compact);
        *part = Part::PlanTitle;
    } else {
        plan.unplaced.push((para.line, para.text.clone()));
    }
}

/// Whether a short line is the issuer signing: 汨罗市三江镇人民政府.
fn is_signature(compact: &str) -> bool {
    compact.ends_with("政府") || compact.ends_with("委员会") || compact.ends_with("办公室")
}

/// A signature or date line after the chapters: the issuer and date of a
/// plan published without a notice. Whether `compact` was one.
fn signature(plan: &mut PlanDraft, compact: &str) -> bool {
    if let Some(date) = chinese_date(compact) {
        if plan.date.is_empty() {
            plan.date = date;
        }
        return true;
    }
    if is_authority(compact) && compact.chars().count() <= 30 {
        if plan.issuer.is_empty() {
            plan.issuer = compact.to_string();
        }
        return true;
    }
    false
}

/// `一、整体要求` as (1, 整体要求): a chapter heading, short.
fn chapter_heading(compact: &str) -> Option<(u32, String)> {
    let (numeral, heading) = compact.split_once('、')?;
    let n = numeral_value(numeral).filter(|_| !numeral.chars().all(|c| c.is_ascii_digit()))?;
    // A heading is short and no sentence: no full stop at its end, no
    // comma or semicolon inside.
    let sentence =
        heading.ends_with('。') || heading.contains([',', '\u{FF0C}', ';', '\u{FF1B}', '。']);
    let heading = heading.trim_end_matches([':', '\u{FF1A}']);
    (!heading.is_empty() && heading.chars().count() <= 25 && !sentence)
        .then(|| (n, heading.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_headings_are_short_and_numbered_in_chinese() {
        assert_eq!(
            chapter_heading("二、存在的问题与措施"),
            Some((2, "存在的问题与措施".into()))
        );
        assert_eq!(
            chapter_heading("一、二是这样写的一句很长的话,不是标题。"),
            None
        );
        assert_eq!(chapter_heading("1、饮水安全"), None);
    }
}
