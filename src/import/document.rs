//! A plan's text from the file it comes in: plain text (UTF-8 or GBK), a
//! Word document ([`super::docx`]), or a web page as a government site
//! serves it (the article's body, without navigation, scripts and
//! styles). Each gives blocks — lines, paragraphs, table rows — for
//! [`super::plan::read_plan`].

use std::path::Path;

use html5gum::{Token, Tokenizer};

/// A piece of a document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Block {
    /// A line of text, or a paragraph (a Word paragraph may hold line
    /// breaks).
    Text(String),
    /// A table row: its cells' text, paragraphs within a cell on lines.
    Row(Vec<String>),
}

/// The plan in `path` as blocks, and whether its lines may be broken
/// mid-sentence (text and web pages; a Word paragraph is whole).
pub(super) fn plan_blocks(path: &Path, name: &str) -> Result<(Vec<Block>, bool), String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot be read ({e})"))?;
    let lines =
        |text: String| -> Vec<Block> { text.lines().map(|l| Block::Text(l.to_string())).collect() };
    match extension.as_str() {
        "txt" | "text" => Ok((lines(decode(&bytes)), true)),
        "docx" => Ok((super::docx::docx_blocks(&bytes, name)?, false)),
        "html" | "htm" | "shtml" => Ok((lines(html_text(&decode(&bytes))), true)),
        _ => Err(format!(
            "{name}: a plan is read from .txt, .docx or .html; save a .doc or .pdf as one of these first"
        )),
    }
}

/// UTF-8 (a byte-order mark dropped), else GBK.
pub(super) fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.trim_start_matches('\u{FEFF}').to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

/// Elements whose text is never the article's.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "select", "button",
];

/// Elements that end a line.
const BLOCKS: &[&str] = &[
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
];

/// Class or id words that government sites' publishing systems give the
/// element holding a document's own text, and nothing else.
const TEXT_MARKS: &[&str] = &["trs_editor", "zoom", "zw", "ccontent"];

/// Class or id words of elements that hold an article with its title,
/// dates and tools around it.
const BODY_MARKS: &[&str] = &["article", "content", "detail", "text"];

/// The article of a web page as lines: the text inside the first element
/// marked as the document's body (else the whole `<body>`), the page's
/// `<title>` first when the article has no title line of its own.
fn html_text(html: &str) -> String {
    let (mut text, title) = article(html, TEXT_MARKS)
        .or_else(|| article(html, BODY_MARKS))
        .unwrap_or_else(|| article(html, &[]).unwrap_or_default());
    let has_title = text
        .iter()
        .take(8)
        .any(|l| l.starts_with("关于") || l.ends_with("通知") || l.ends_with("方案"));
    if !title.is_empty() && !has_title {
        // Sites append their own name: 关于…的通知_三江镇人民政府.
        let title = title
            .split(['_', '|', '-'])
            .next()
            .unwrap_or(&title)
            .trim()
            .to_string();
        // A blank line after it: the title is no line broken mid-sentence.
        text.splice(0..0, [title, String::new()]);
    }
    text.join("\n")
}

/// The lines of the first element marked with one of `marks` (with no
/// marks, of the whole page) and the page's `<title>`; `None` when no
/// element is so marked.
fn article(html: &str, marks: &[&str]) -> Option<(Vec<String>, String)> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut title = String::new();
    let (mut in_title, mut skipping) = (false, 0usize);
    // (tag, depth) of the body element once found, and the text inside it.
    let mut body: Option<(String, usize)> = None;
    let mut article: Vec<String> = Vec::new();
    let mut finished = false;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let tag_name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&tag_name.as_str()) && !tag.self_closing {
                    skipping += 1;
                }
                in_title |= tag_name == "title";
                match &mut body {
                    Some((name, depth)) if *name == tag_name => *depth += 1,
                    None if !finished && marked(&tag, marks) => {
                        end_line(&mut line, &mut lines);
                        lines.clear();
                        body = Some((tag_name.clone(), 1));
                    }
                    _ => {}
                }
                if BLOCKS.contains(&tag_name.as_str()) {
                    end_line(&mut line, &mut lines);
                }
            }
            Token::EndTag(tag) => {
                let tag_name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&tag_name.as_str()) {
                    skipping = skipping.saturating_sub(1);
                }
                in_title &= tag_name != "title";
                if BLOCKS.contains(&tag_name.as_str()) {
                    end_line(&mut line, &mut lines);
                }
                if let Some((name, depth)) = &mut body
                    && *name == tag_name
                {
                    *depth -= 1;
                    if *depth == 0 {
                        end_line(&mut line, &mut lines);
                        article = std::mem::take(&mut lines);
                        body = None;
                        finished = true;
                    }
                }
            }
            Token::String(text) if in_title => {
                title.push_str(&String::from_utf8_lossy(&text.value))
            }
            Token::String(text) if skipping == 0 => {
                line.push_str(&String::from_utf8_lossy(&text.value).replace('\u{a0}', " "));
            }
            _ => {}
        }
    }
    end_line(&mut line, &mut lines);
    match (finished, marks.is_empty()) {
        (true, _) => Some((article, title.trim().to_string())),
        (false, true) => Some((lines, title.trim().to_string())),
        (false, false) => None,
    }
}

fn marked(tag: &html5gum::StartTag<()>, marks: &[&str]) -> bool {
    ["class", "id"].iter().any(|attribute| {
        tag.attributes
            .get(attribute.as_bytes())
            .is_some_and(|value| {
                let value = String::from_utf8_lossy(value).to_ascii_lowercase();
                value
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .any(|word| marks.contains(&word))
            })
    })
}

fn end_line(line: &mut String, lines: &mut Vec<String>) {
    let text = line.trim();
    if !text.is_empty() {
        lines.push(text.to_string());
    }
    line.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_page_gives_its_article_without_the_navigation() {
        let page = "<html><head><title>关于印发《某方案》的通知_某镇人民政府</title><script>var x='通知';</script></head>\
                    <body><nav><a>首页</a><a>通知公告</a></nav><div class=\"TRS_Editor\"><p>某政发〔2025〕1号</p>\
                    <div><p>一、总体要求</p><p>内容&nbsp;一段。</p></div></div><footer>版权所有</footer></body></html>";
        assert_eq!(
            html_text(page),
            "关于印发《某方案》的通知\n\n某政发〔2025〕1号\n一、总体要求\n内容 一段。"
        );
    }
}
