//! A plan's text from the file it comes in: plain text (UTF-8 or GBK), a
//! Word document (`.docx`: its paragraphs, read from the document's XML
//! inside the zip), or a web page as a government site serves it (the
//! article's body, without navigation, scripts and styles). Each gives one
//! line per paragraph, for [`super::plan::read_plan`].

use std::io::Read;
use std::path::Path;

use html5gum::{Token, Tokenizer};

/// The text of the plan in `path`, a paragraph per line.
pub(super) fn plan_text(path: &Path, name: &str) -> Result<String, String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot be read ({e})"))?;
    match extension.as_str() {
        "txt" | "text" => Ok(decode(&bytes)),
        "docx" => docx_text(&bytes, name),
        "html" | "htm" | "shtml" => Ok(html_text(&decode(&bytes))),
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

/// The paragraphs of a Word document: the text runs of each `w:p`, tabs
/// and line breaks kept.
fn docx_text(bytes: &[u8], name: &str) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        format!("{name}: not a Word .docx file (a password-protected document is stored encrypted: save it again without a password)")
    })?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| format!("{name}: a zip file, but not a Word document (no word/document.xml)"))?
        .read_to_string(&mut xml)
        .map_err(|e| format!("{name}: cannot be read ({e})"))?;
    let document = roxmltree::Document::parse(&xml)
        .map_err(|e| format!("{name}: damaged document XML ({e})"))?;
    let mut text = String::new();
    for paragraph in document
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
    {
        for node in paragraph.descendants() {
            match node.tag_name().name() {
                "t" => text.push_str(node.text().unwrap_or_default()),
                "tab" => text.push('\t'),
                "br" => text.push('\n'),
                _ => {}
            }
        }
        text.push('\n');
    }
    Ok(text)
}

/// Elements whose text is never the article's.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "select", "button",
];

/// Elements that end a line.
const BLOCKS: &[&str] = &[
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
];

/// Class or id words government sites give the element holding a document.
const BODY_MARKS: &[&str] = &[
    "trs_editor",
    "zoom",
    "article",
    "content",
    "detail",
    "zw",
    "text",
];

/// The article of a web page as lines: the text inside the first element
/// marked as the document's body (else the whole `<body>`), the page's
/// `<title>` first when the article has no title line of its own.
fn html_text(html: &str) -> String {
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
                    None if !finished && marked(&tag) => {
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
    let mut text = if finished { article } else { lines };
    let title = title.trim().to_string();
    let has_title = text
        .iter()
        .take(8)
        .any(|l| l.contains("关于") || l.ends_with("通知"));
    if !title.is_empty() && !has_title {
        // Sites append their own name: 关于…的通知_三江镇人民政府.
        let title = title
            .split(['_', '|', '-'])
            .next()
            .unwrap_or(&title)
            .trim()
            .to_string();
        text.insert(0, title);
    }
    text.join("\n")
}

fn marked(tag: &html5gum::StartTag<()>) -> bool {
    ["class", "id"].iter().any(|attribute| {
        tag.attributes
            .get(attribute.as_bytes())
            .is_some_and(|value| {
                let value = String::from_utf8_lossy(value).to_ascii_lowercase();
                value
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .any(|word| BODY_MARKS.contains(&word))
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
            "关于印发《某方案》的通知\n某政发〔2025〕1号\n一、总体要求\n内容 一段。"
        );
    }
}
