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
        let shown = line.replace('\t', " ");
        let before: String = shown
            .chars()
            .take(span.col.saturating_sub(1) as usize)
            .collect();
        let marked: String = shown
            .chars()
            .skip(span.col.saturating_sub(1) as usize)
            .take(span.len as usize)
            .collect();
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
