//! A plan's lines made into paragraphs. Text copied out of a PDF, or a web
//! page whose editor broke lines with `<br>`, breaks sentences wherever a
//! line ended; such lines are joined again, across the page numbers
//! printed between them. What a page or a PDF puts around the document
//! (page numbers, source and view counters) is set aside, kept.

use super::document::Block;
use super::plan_fields::labelled;
use super::plan_items::item;
use super::plan_words::{is_page_chrome, numeral_value};

/// A paragraph and the line (or Word paragraph) it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Para {
    pub(super) line: usize,
    pub(super) text: String,
}

/// A paragraph, or a table row with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    Para(Para),
    Row(usize, Vec<String>),
}

/// The paragraphs of `blocks`, and the lines set aside as page furniture.
/// When `wrapped`, a line continues the paragraph before it if that one
/// ran to the line's end unfinished and this one is not indented and
/// starts no item, label or heading.
pub(super) fn paragraphs(blocks: &[Block], wrapped: bool) -> (Vec<Piece>, Vec<(usize, String)>) {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut chrome = Vec::new();
    // The length of the last line of the open paragraph, if one is open;
    // whether a blank line stands after it (page numbers' own blank lines
    // around them do not count).
    let mut open: Option<usize> = None;
    let (mut gap, mut after_page_number) = (false, false);
    for (index, block) in blocks.iter().enumerate() {
        let number = index + 1;
        let raw_lines = match block {
            Block::Row(cells) => {
                pieces.push(Piece::Row(number, cells.clone()));
                open = None;
                continue;
            }
            Block::Text(text) => text.split('\n'),
        };
        for raw in raw_lines {
            let text = tidy(raw);
            if text.is_empty() {
                gap |= !after_page_number;
                continue;
            }
            if is_page_chrome(&text) || is_page_number(&text) {
                chrome.push((number, text));
                (gap, after_page_number) = (false, true);
                continue;
            }
            let indented = raw.starts_with(|c: char| c.is_whitespace());
            let joins = wrapped
                && !indented
                && !gap
                && open.is_some_and(|length| length >= 15)
                && starts_plain(&text);
            match pieces.last_mut() {
                Some(Piece::Para(para)) if joins && !ends_sentence(&para.text) => {
                    if para.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                        && text.starts_with(|c: char| c.is_ascii_alphanumeric())
                    {
                        para.text.push(' ');
                    }
                    para.text.push_str(&text);
                }
                _ => pieces.push(Piece::Para(Para {
                    line: number,
                    text: text.clone(),
                })),
            }
            let heading = is_heading(&text);
            open = (!heading).then(|| text.chars().count());
            (gap, after_page_number) = (false, false);
        }
    }
    (pieces, chrome)
}

/// A line trimmed (ideographic and non-breaking spaces too), with the
/// spaces inside a Chinese word removed: `搬 迁` → `搬迁`, `整 改` → `整改`.
fn tidy(raw: &str) -> String {
    let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (k, c) in chars.iter().enumerate() {
        let space = c.is_whitespace() || *c == '\u{3000}' || *c == '\u{a0}';
        if space {
            let before = out.chars().last();
            let after = chars[k + 1..]
                .iter()
                .find(|c| !(c.is_whitespace() || **c == '\u{3000}' || **c == '\u{a0}'));
            let between_han = before.is_some_and(crate::reading::is_han)
                && after.is_some_and(|c| crate::reading::is_han(*c));
            if between_han {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

/// `— 3 —`, `- 3 -`, `第3页`, `3/12`: a page number printed on its own.
fn is_page_number(text: &str) -> bool {
    let core: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"—-–－·".contains(*c))
        .collect();
    let core = core
        .strip_prefix('第')
        .and_then(|c| c.strip_suffix('页'))
        .unwrap_or(&core);
    let core = core.split('/').next().unwrap_or(core);
    !core.is_empty()
        && core.len() <= 3
        && core.chars().all(|c| c.is_ascii_digit())
        && text.chars().any(|c| "—-–－第/".contains(c))
}

/// Whether a paragraph ends where a sentence or a clause list ends.
fn ends_sentence(text: &str) -> bool {
    text.ends_with([
        '。', ';', '\u{FF1B}', ':', '\u{FF1A}', '!', '\u{FF01}', '?', '\u{FF1F}', ')', '\u{FF09}',
    ])
}

/// Whether a line starts no item, labelled field or chapter heading.
fn starts_plain(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    item(&compact).is_none() && labelled(&compact).is_none() && !is_heading(&compact)
}

/// A chapter heading, `一、…`, short and unpunctuated.
fn is_heading(text: &str) -> bool {
    text.split_once('、').is_some_and(|(numeral, rest)| {
        numeral_value(numeral).is_some()
            && rest.chars().count() <= 25
            && !rest.contains(['。', ',', '\u{FF0C}'])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[&str]) -> Vec<String> {
        let blocks: Vec<Block> = lines.iter().map(|l| Block::Text(l.to_string())).collect();
        paragraphs(&blocks, true)
            .0
            .into_iter()
            .map(|p| match p {
                Piece::Para(p) => p.text,
                Piece::Row(..) => String::new(),
            })
            .collect()
    }

    #[test]
    fn lines_broken_mid_sentence_are_joined_across_page_numbers() {
        let lines = [
            "    整改措施:一是组织第一书记和村干部集中培训,统一填写",
            "口径;二是逐本检查资料,缺什么补什么;三是乡扶贫办每",
            "",
            "                  — 2 —",
            "",
            "月抽查一次。",
            "    责任单位:乡扶贫办、各村",
            "    二、保障措施",
        ];
        assert_eq!(
            texts(&lines),
            [
                "整改措施:一是组织第一书记和村干部集中培训,统一填写口径;二是逐本检查资料,缺什么补什么;三是乡扶贫办每月抽查一次。",
                "责任单位:乡扶贫办、各村",
                "二、保障措施",
            ]
        );
    }

    #[test]
    fn indented_lines_and_finished_sentences_start_paragraphs() {
        assert_eq!(
            texts(&[
                "  一、整体要求",
                "  坚持以问题为导向推进整改,",
                "  做到应改尽改。"
            ]),
            [
                "一、整体要求",
                "坚持以问题为导向推进整改,",
                "做到应改尽改。"
            ]
        );
        assert_eq!(texts(&["反馈问题整 改 方 案"]), ["反馈问题整改方案"]);
        assert_eq!(
            texts(&["这一段话没有写完就空了一行而下面一行", "", "是另一段"]).len(),
            2
        );
        assert!(is_page_number("— 12 —") && is_page_number("第3页"));
        assert!(!is_page_number("2025"));
    }
}
