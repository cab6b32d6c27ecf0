//! Markdown as published: an author's `<!-- … -->` comments are notes to
//! colleagues and never reach any page or data file, of either audience,
//! so the model does not carry them. Line breaks inside a comment are
//! kept, so that a link after it is still reported at its own line.

use pulldown_cmark::{Event, Options, Parser};

/// `text` without its HTML comments. Only raw HTML is searched, so a
/// `<!--` inside a code span or block is left alone.
pub(super) fn without_comments(text: &str) -> String {
    if !text.contains("<!--") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut in_comment = false;
    let html = Parser::new_ext(text, Options::all())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range);
    for range in html {
        let mut at = range.start;
        while at < range.end {
            let rest = &text[at..range.end];
            if in_comment {
                let Some(end) = rest.find("-->") else {
                    keep_line_breaks(&mut out, rest);
                    break;
                };
                keep_line_breaks(&mut out, &rest[..end]);
                at += end + 3;
                copied = at;
                in_comment = false;
            } else {
                let Some(start) = rest.find("<!--") else {
                    break;
                };
                out.push_str(&text[copied..at + start]);
                at += start + 4;
                in_comment = true;
            }
        }
        if in_comment {
            copied = range.end;
        }
    }
    out.push_str(&text[copied.min(text.len())..]);
    out
}

/// The line breaks of `hidden`, so lines after it keep their numbers.
fn keep_line_breaks(out: &mut String, hidden: &str) {
    out.extend(hidden.chars().filter(|c| *c == '\n'));
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn comments_go_and_their_lines_stay() {
        assert_eq!(without_comments("甲<!-- 内部 -->乙"), "甲乙");
        assert_eq!(
            without_comments("第一段\n\n<!-- 内部:\n兰东风 -->\n\n[链接](@/list/)"),
            "第一段\n\n\n\n\n[链接](@/list/)"
        );
        assert_eq!(without_comments("`<!-- 代码 -->`"), "`<!-- 代码 -->`");
        assert_eq!(without_comments("没有注释"), "没有注释");
        // Not HTML to Markdown either: shown as the text it is, as on pages.
        assert_eq!(without_comments("未闭合<!-- 到结尾"), "未闭合<!-- 到结尾");
    }
}
