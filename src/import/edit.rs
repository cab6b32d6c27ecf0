//! Writing a change into an issue file's own text, as a person would: the
//! status value replaced where it stands, a history entry added after the
//! last one (in the same flow or block style), an acceptance record added
//! at the end of the task. Every other byte — comments, order, quoting,
//! blank lines, line ends — stays as the user wrote it.

use crate::content::{Status, Task};
use crate::diagnostics::Span;
use crate::scaffold::quote;

use super::progress::Change;

/// `text` with `changes` (all to tasks of this file) written in.
pub(super) fn apply(text: &str, changes: &[(&Change, &Task)]) -> String {
    let crlf = text.contains("\r\n");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Insertions from the bottom up, so the lines above keep their numbers.
    let mut insertions: Vec<(usize, Vec<String>)> = Vec::new();
    for (change, task) in changes {
        let codes = replace_status(&mut lines, task.status.span, change.status);
        let status = if codes {
            change.status.code()
        } else {
            change.status.label()
        };
        insertions.extend(additions(&lines, change, task, status));
    }
    // At one line, the block added first must end up first: insert the
    // later ones before it.
    let mut insertions: Vec<(usize, usize, Vec<String>)> = insertions
        .into_iter()
        .enumerate()
        .map(|(order, (at, block))| (at, order, block))
        .collect();
    insertions.sort_by_key(|&(at, order, _)| std::cmp::Reverse((at, order)));
    for (at, _, block) in insertions {
        lines.splice(at..at, block);
    }
    let end = if crlf { "\r\n" } else { "\n" };
    let mut out = lines.join(end);
    if text.ends_with('\n') {
        out.push_str(end);
    }
    out
}

/// Writes `status` over the value at `span`, in the style it was written
/// in: a code (`in_progress`) for a code, the word (整改中) for a word.
/// Returns whether the style is codes.
fn replace_status(lines: &mut [String], span: Span, status: Status) -> bool {
    let Some(line) = lines.get_mut(span.line as usize - 1) else {
        return true;
    };
    let chars: Vec<char> = line.chars().collect();
    let start = (span.col as usize - 1).min(chars.len());
    let end = (start + span.len as usize).min(chars.len());
    let old: String = chars[start..end].iter().collect();
    let new = if old.is_ascii() {
        status.code()
    } else {
        status.label()
    };
    *line = format!(
        "{}{new}{}",
        chars[..start].iter().collect::<String>(),
        chars[end..].iter().collect::<String>()
    );
    old.is_ascii()
}

/// The lines to insert for `change`, and where.
fn additions(
    lines: &[String],
    change: &Change,
    task: &Task,
    status: &str,
) -> Vec<(usize, Vec<String>)> {
    let task_line = task.span.line as usize - 1;
    let item_indent = indent(&lines[task_line]);
    let key_indent = task.span.col as usize - 1;
    let keys = " ".repeat(key_indent);
    let task_end = block_end(lines, task_line, item_indent);
    let mut found = Vec::new();
    let mut at_end = Vec::new();
    match task.history.last() {
        Some(last) => {
            let entry_line = last.date.span.line as usize - 1;
            let entry_indent = indent(&lines[entry_line]);
            let dash = " ".repeat(entry_indent);
            let block = if lines[entry_line].contains('{') {
                vec![format!("{dash}- {}", flow_entry(change, status))]
            } else {
                block_entry(&dash, change, status)
            };
            found.push((block_end(lines, entry_line, entry_indent), block));
        }
        None => {
            at_end.push(format!("{keys}history:"));
            at_end.push(format!("{keys}  - {}", flow_entry(change, status)));
        }
    }
    if let Some((by, date, evidence)) = &change.acceptance {
        at_end.push(format!("{keys}acceptance:"));
        at_end.push(format!("{keys}  date: {date}"));
        at_end.push(format!("{keys}  by: {}", quote(by)));
        at_end.push(format!("{keys}  evidence:"));
        for title in evidence {
            at_end.push(format!("{keys}    - {{ title: {} }}", quote(title)));
        }
    }
    if !at_end.is_empty() {
        found.push((task_end, at_end));
    }
    found
}

/// `{ date: …, status: …, note: … }`.
fn flow_entry(change: &Change, status: &str) -> String {
    match &change.note {
        Some(note) => format!(
            "{{ date: {}, status: {status}, note: {} }}",
            change.date,
            quote(note)
        ),
        None => format!("{{ date: {}, status: {status} }}", change.date),
    }
}

/// The same entry in block style, under a dash at `dash`.
fn block_entry(dash: &str, change: &Change, status: &str) -> Vec<String> {
    let mut block = vec![
        format!("{dash}- date: {}", change.date),
        format!("{dash}  status: {status}"),
    ];
    if let Some(note) = &change.note {
        block.push(format!("{dash}  note: {}", quote(note)));
    }
    block
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The line after the YAML item starting at `start` (a `- ` at `indent`):
/// the first later line, not blank and not a comment, indented no deeper
/// than the dash; blank lines and comments just before it stay outside.
fn block_end(lines: &[String], start: usize, indent_of_item: usize) -> usize {
    let mut last = start;
    for (index, line) in lines.iter().enumerate().skip(start + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indent(line) <= indent_of_item {
            break;
        }
        last = index;
    }
    last + 1
}
