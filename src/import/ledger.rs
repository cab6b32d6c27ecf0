//! Reading an existing ledger (台账) — a sheet of problems, one row per
//! measure, the problem's cells often merged down its rows — into a draft
//! of the site: issues with their findings, measures, targets, deadlines
//! and units as written. Our own export also has a sheet of tasks, which
//! becomes each issue's tasks. What has no place is kept as a comment and
//! listed with its cell.

use super::columns::{Field, header};
use super::sheet::{Grid, Value, column_letters};

/// One problem of the ledger.
#[derive(Debug, Default)]
pub(super) struct DraftIssue {
    pub(super) number: u32,
    pub(super) key: String,
    pub(super) label: String,
    pub(super) category: Vec<String>,
    pub(super) title: String,
    pub(super) finding: String,
    pub(super) measures: Vec<DraftMeasure>,
    pub(super) target: String,
    pub(super) deadline: String,
    pub(super) lead_units: Vec<String>,
    pub(super) units: Vec<String>,
    pub(super) villages: Vec<String>,
    pub(super) progress: Vec<String>,
    pub(super) statuses: Vec<String>,
    pub(super) tasks: Vec<DraftTask>,
    /// `原文(Sheet!C7) 备注:…` lines with no place of their own.
    pub(super) kept: Vec<String>,
}

/// A measure, as written.
#[derive(Debug, Default)]
pub(super) struct DraftMeasure {
    pub(super) label: String,
    pub(super) text: String,
}

/// A task (from our own export's task sheet).
#[derive(Debug, Default)]
pub(super) struct DraftTask {
    pub(super) measure: String,
    pub(super) village: String,
    pub(super) unit: String,
    pub(super) what: String,
    pub(super) status: String,
    pub(super) deadline: String,
    pub(super) accepted_on: String,
    pub(super) accepted_by: String,
    pub(super) evidence: String,
}

/// The whole ledger as read.
#[derive(Debug, Default)]
pub(super) struct Draft {
    /// The first line above the header: the ledger's title.
    pub(super) title: String,
    /// The second line, when it is our own `issuer · number · 数据截至 …`.
    pub(super) about: String,
    pub(super) issues: Vec<DraftIssue>,
    /// Columns with no field, reported once each: `FILE!Sheet!F4 “备注”`.
    pub(super) unmapped: Vec<String>,
    /// Sheets without a header row.
    pub(super) skipped: Vec<String>,
}

/// Reads `grids` (one chosen sheet, or every sheet) into a draft.
pub(super) fn read_ledger(grids: &[Grid]) -> Result<Draft, String> {
    let mut draft = Draft::default();
    let mut task_sheets = Vec::new();
    for (name, grid) in grids {
        let Some((row, fields)) = header(grid) else {
            draft.skipped.push(name.clone());
            continue;
        };
        if draft.title.is_empty() {
            let above: Vec<String> = grid[..row]
                .iter()
                .filter_map(|r| r.iter().find(|v| !v.is_empty()).map(Value::text))
                .collect();
            // Our own export heads each sheet `title:sheet name`.
            let sheet = name.rsplit('!').next().unwrap_or_default();
            let first = above.first().cloned().unwrap_or_default();
            draft.title = first
                .strip_suffix(&format!(":{sheet}"))
                .map_or(first.clone(), str::to_string);
            draft.about = above.get(1).cloned().unwrap_or_default();
        }
        for (col, field) in fields.iter().enumerate() {
            let text = grid[row].get(col).map(Value::text).unwrap_or_default();
            if field.is_none() && !text.is_empty() {
                draft.unmapped.push(format!(
                    "{name}!{}{} “{text}”",
                    column_letters(col),
                    row + 1
                ));
            }
        }
        if fields.contains(&Some(Field::Task)) {
            task_sheets.push((name, grid, row, fields));
        } else {
            read_problems(&mut draft, name, grid, row, &fields);
        }
    }
    for (name, grid, row, fields) in task_sheets {
        read_tasks(&mut draft, name, grid, row, &fields)?;
    }
    if draft.issues.is_empty() {
        return Err(format!(
            "no sheet has a header naming a problem or measure column (问题, 存在问题, 整改措施 …){}",
            if draft.skipped.is_empty() {
                String::new()
            } else {
                format!(": looked in {}", draft.skipped.join(", "))
            }
        ));
    }
    Ok(draft)
}

/// The value of the first column holding `field`, in `values`.
fn get(values: &[Value], fields: &[Option<Field>], field: Field) -> String {
    fields
        .iter()
        .position(|f| *f == Some(field))
        .and_then(|col| values.get(col))
        .map(Value::text)
        .unwrap_or_default()
}

fn read_problems(
    draft: &mut Draft,
    name: &str,
    grid: &[Vec<Value>],
    header: usize,
    fields: &[Option<Field>],
) {
    for (index, values) in grid.iter().enumerate().skip(header + 1) {
        if values.iter().all(Value::is_empty) {
            continue;
        }
        let field = |f| get(values, fields, f);
        let (title, finding) = (field(Field::Title), field(Field::Finding));
        let number = field(Field::Number);
        if title.is_empty() && finding.is_empty() && field(Field::Measure).is_empty() {
            continue;
        }
        // A row with no number and no problem continues the one above: a
        // merged cell saved as CSV keeps its value on the first row only.
        let continues = number.is_empty() && title.is_empty() && finding.is_empty();
        let key = match draft.issues.last() {
            Some(last) if continues => last.key.clone(),
            _ if number.is_empty() => format!("{title}\u{1}{finding}"),
            _ => number.clone(),
        };
        let new = draft.issues.last().is_none_or(|last| last.key != key);
        if new {
            let next = draft.issues.last().map_or(1, |i| i.number + 1);
            let finding = if finding.is_empty() {
                title.clone()
            } else {
                finding
            };
            draft.issues.push(DraftIssue {
                number: parse_number(&number).unwrap_or(next),
                key,
                label: field(Field::Label),
                category: split(&field(Field::Category), &['/', '\u{FF0F}']),
                title: if title.is_empty() {
                    short_title(&finding)
                } else {
                    title
                },
                finding,
                target: field(Field::Target),
                deadline: deadline(&field(Field::Deadline), &field(Field::DeadlineDay)),
                lead_units: split(
                    &field(Field::LeadUnit),
                    &['、', ',', '\u{FF0C}', ';', '\u{FF1B}', '/'],
                ),
                units: split(
                    &field(Field::Units),
                    &['、', ',', '\u{FF0C}', ';', '\u{FF1B}', '/'],
                ),
                villages: split(
                    &field(Field::Village),
                    &['、', ',', '\u{FF0C}', ';', '\u{FF1B}'],
                ),
                ..DraftIssue::default()
            });
        }
        let issue = draft
            .issues
            .last_mut()
            .expect("an issue was just found or made");
        // Units and villages named on any of its rows are the problem's.
        for (f, list) in [
            (Field::Units, &mut issue.units),
            (Field::Village, &mut issue.villages),
        ] {
            for name in split(&field(f), &['、', ',', '\u{FF0C}', ';', '\u{FF1B}', '/']) {
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
        let measure = field(Field::Measure);
        if !measure.is_empty() && !issue.measures.iter().any(|m| m.text == measure) {
            issue.measures.push(DraftMeasure {
                label: field(Field::MeasureLabel),
                text: measure,
            });
        }
        for (f, list) in [
            (Field::Progress, &mut issue.progress),
            (Field::Status, &mut issue.statuses),
        ] {
            let text = field(f);
            if !text.is_empty() && !list.contains(&text) {
                list.push(text);
            }
        }
        for (col, f) in fields.iter().enumerate() {
            let text = values.get(col).map(Value::text).unwrap_or_default();
            let keep = matches!(
                f,
                None | Some(Field::Leader | Field::ClosedOn | Field::AcceptedBy | Field::Evidence)
            );
            if keep && !text.is_empty() {
                let head = grid[header].get(col).map(Value::text).unwrap_or_default();
                let line = format!(
                    "原文({name}!{}{}) {head}:{text}",
                    column_letters(col),
                    index + 1
                );
                if !issue
                    .kept
                    .iter()
                    .any(|k| k.ends_with(&format!("{head}:{text}")))
                {
                    issue.kept.push(line);
                }
            }
        }
    }
}

fn read_tasks(
    draft: &mut Draft,
    name: &str,
    grid: &[Vec<Value>],
    header: usize,
    fields: &[Option<Field>],
) -> Result<(), String> {
    for (index, values) in grid.iter().enumerate().skip(header + 1) {
        let field = |f| get(values, fields, f);
        let what = field(Field::Task);
        if what.is_empty() {
            continue;
        }
        let number = parse_number(&field(Field::Number));
        let Some(issue) = draft.issues.iter_mut().find(|i| Some(i.number) == number) else {
            return Err(format!(
                "{name}!A{}: task “{what}” names problem {} that no problem sheet lists",
                index + 1,
                field(Field::Number)
            ));
        };
        let village = field(Field::Village);
        let units = field(Field::Units);
        // Our export writes a task's own unit here, else its issue's units:
        // one name other than those is the task's own.
        let own_unit =
            village.is_empty() || (!units.contains('、') && issue.units.join("、") != units);
        issue.tasks.push(DraftTask {
            measure: field(Field::Measure),
            unit: if own_unit { units } else { String::new() },
            village,
            what,
            status: field(Field::Status),
            deadline: deadline(&field(Field::Deadline), &field(Field::DeadlineDay)),
            accepted_on: field(Field::ClosedOn),
            accepted_by: field(Field::AcceptedBy),
            evidence: field(Field::Evidence),
        });
    }
    Ok(())
}

/// The deadline as written; a bare date cell when nothing is written.
fn deadline(written: &str, day: &str) -> String {
    if written.is_empty() {
        day.to_string()
    } else {
        written.to_string()
    }
}

/// `3`, `3.`, `(3)`, `三`, `第三` as 3.
fn parse_number(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .filter(|c| !"()()、.第 ".contains(*c))
        .collect();
    super::plan_words::numeral_value(&digits).filter(|n| *n > 0)
}

/// A title from a finding: its first clause, at most 40 characters.
fn short_title(finding: &str) -> String {
    let first = finding
        .split(['。', ';', '\u{FF1B}', '\n'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or(finding);
    if first.chars().count() > 40 {
        format!("{}…", first.chars().take(40).collect::<String>())
    } else {
        first.to_string()
    }
}

/// `text` split at any of `separators`, trimmed, empty parts dropped.
fn split(text: &str, separators: &[char]) -> Vec<String> {
    text.split(separators)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_ledgers_write_them() {
        for (text, n) in [
            ("3", 3),
            ("3.", 3),
            ("(12)", 12),
            ("三", 3),
            ("第十二", 12),
            ("二十", 20),
        ] {
            assert_eq!(parse_number(text), Some(n), "{text}");
        }
        assert_eq!(parse_number("合计"), None);
        assert_eq!(
            short_title("村务公开不及时。部分村未按季度更新"),
            "村务公开不及时"
        );
    }
}
