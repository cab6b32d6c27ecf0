//! Turning diagnostics into the text people read in a terminal or an editor.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{Diagnostic, Severity, SourceMap};

/// The language of messages: Chinese by default, for content editors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文.
    #[default]
    Zh,
    /// English.
    En,
}

/// A quoted line longer than this many characters is cut to a window
/// around the marked text, so a minified or hostile file does not flood
/// the terminal.
const LONGEST_QUOTE: usize = 400;

/// The line as quoted, the text before the mark and the marked text.
/// Long lines keep [`LONGEST_QUOTE`] characters around the mark, with `…`
/// where they were cut.
fn excerpt(line: &str, col: u32, len: u32) -> (String, String, String) {
    let chars: Vec<char> = line.chars().collect();
    let at = (col.saturating_sub(1) as usize).min(chars.len());
    let end = (at + len as usize).min(chars.len());
    let (from, to) = if chars.len() <= LONGEST_QUOTE {
        (0, chars.len())
    } else {
        let from = at.saturating_sub(LONGEST_QUOTE / 2);
        (from, (from + LONGEST_QUOTE).min(chars.len()))
    };
    let text = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
    let cut_before = if from > 0 { "…" } else { "" };
    let cut_after = if to < chars.len() { "…" } else { "" };
    (
        format!("{cut_before}{}{cut_after}", text(from..to)),
        format!("{cut_before}{}", text(from..at)),
        text(at..end.min(to)),
    )
}

/// Renders one diagnostic:
///
/// ```text
/// content/issues/07.yaml:12:16: error[E030]: 未知的村(社区)“八井村”
///    |
/// 12 |   - village: 八井村
///    |              ^^^^^^
///    = 提示: 是否指“八景村”?
/// ```
///
/// The first line is the `path:line:col: severity[code]: message` form that
/// editors and CI logs recognise; the quoted line and caret follow when the
/// file's text is known.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, lang: Lang) -> String {
    render_styled(diagnostic, sources, lang, false)
}

/// [`render`], with terminal colours when `color` is set (only on a
/// terminal, and never when `NO_COLOR` is set: the caller decides).
pub fn render_styled(
    diagnostic: &Diagnostic,
    sources: &SourceMap,
    lang: Lang,
    color: bool,
) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let span = diagnostic.span;
    let severity = match diagnostic.severity() {
        Severity::Error => paint("1;31", &format!("error[{}]", diagnostic.problem.code())),
        Severity::Warning => paint("1;33", &format!("warning[{}]", diagnostic.problem.code())),
    };
    let mut out = format!(
        "{}: {severity}: {}\n",
        paint(
            "1",
            &format!(
                "{}:{}:{}",
                sources.path(span.file).display(),
                span.line,
                span.col
            )
        ),
        diagnostic.problem.message(lang),
    );
    let number = span.line.to_string();
    let gutter = " ".repeat(number.len());
    if let Some(line) = sources
        .line(span.file, span.line)
        .filter(|l| !l.trim().is_empty())
    {
        let (shown, before, marked) = excerpt(&line.replace('\t', " "), span.col, span.len);
        let carets = paint("1;31", &"^".repeat(marked.width().max(1)));
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{number} | {shown}");
        let _ = writeln!(out, "{gutter} | {}{carets}", " ".repeat(before.width()));
    }
    if let Some(hint) = diagnostic.problem.hint(lang) {
        let label = if lang == Lang::Zh { "提示" } else { "hint" };
        let _ = writeln!(out, "{gutter} = {}: {hint}", paint("1;36", label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_quoted_whole() {
        let (shown, before, marked) = excerpt("  - village: 八井村", 14, 3);
        assert_eq!(shown, "  - village: 八井村");
        assert_eq!(before, "  - village: ");
        assert_eq!(marked, "八井村");
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let line = format!("{}x{}", "[".repeat(100_000), "]".repeat(500));
        let (shown, before, marked) = excerpt(&line, 100_001, 1);
        assert_eq!(marked, "x");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= LONGEST_QUOTE + 2);
        assert_eq!(before.chars().count(), 1 + LONGEST_QUOTE / 2);
        assert!(shown.contains('x'));
    }
}
