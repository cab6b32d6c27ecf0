//! From filled progress rows to changes of the ledger: each row is matched
//! to its task by key, checked (status word, dates, what closing a task
//! requires, that the grey columns were not changed), and becomes a dated
//! history entry — plus the new status and, for a task closed out, its
//! acceptance record. A row that fails a check is reported at its cell and
//! left out; the others still apply.

use std::collections::HashMap;

use crate::content::{Content, Issue, Status, Task};
use crate::date::Date;
use crate::sheet::COLUMNS;

use super::sheet::{Row, Value};

/// A row that cannot be applied, and why, at its cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// `FILE!Sheet!J7`.
    pub cell: String,
    /// What is wrong and what to do.
    pub reason: String,
}

/// One task's new progress, ready to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// `7-3`.
    pub key: String,
    /// The issue's index in the content.
    pub issue: usize,
    /// The task's index in its issue.
    pub task: usize,
    /// The status from `date`.
    pub status: Status,
    /// When.
    pub date: Date,
    /// What was done.
    pub note: Option<String>,
    /// For a task closed out without an acceptance record yet: who
    /// accepted it (as written: a unit's id or name), when, and the
    /// evidence titles.
    pub acceptance: Option<(String, Date, Vec<String>)>,
}

/// The changes `rows` ask for, and the rows refused.
pub(super) fn plan(
    content: &Content,
    as_of: Option<Date>,
    rows: &[Row],
) -> (Vec<Change>, Vec<Refusal>) {
    let mut changes: Vec<(Change, &Row)> = Vec::new();
    let mut refusals = Vec::new();
    for row in rows.iter().filter(|r| filled(r)) {
        match change(content, as_of, row) {
            Ok(change) => changes.push((change, row)),
            Err(refusal) => refusals.push(refusal),
        }
    }
    // Two rows for one task must agree, or neither is applied.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, (change, _)) in changes.iter().enumerate() {
        by_key.entry(change.key.as_str()).or_default().push(index);
    }
    let mut dropped = vec![false; changes.len()];
    for indices in by_key.values().filter(|i| i.len() > 1) {
        let statuses: Vec<Status> = indices.iter().map(|&i| changes[i].0.status).collect();
        let disagree = statuses.windows(2).any(|w| w[0] != w[1]);
        for (n, &index) in indices.iter().enumerate() {
            if disagree || n > 0 {
                dropped[index] = true;
                let row = changes[index].1;
                refusals.push(Refusal {
                    cell: row.cell(COLUMNS[0]),
                    reason: if disagree {
                        format!("任务 {} 有两行填了不同的新状态;请只保留一行 (two rows for one task with different statuses)", changes[index].0.key)
                    } else {
                        format!("任务 {} 重复填写,只导入第一行 (a second row for the same task; only the first is imported)", changes[index].0.key)
                    },
                });
            }
        }
    }
    let changes = changes
        .into_iter()
        .zip(dropped)
        .filter(|(_, dropped)| !dropped)
        .map(|((change, _), _)| change)
        .collect();
    refusals.sort_by(|a, b| a.cell.cmp(&b.cell));
    (changes, refusals)
}

/// Whether the reporter filled in anything.
fn filled(row: &Row) -> bool {
    COLUMNS[crate::sheet::FIXED..]
        .iter()
        .any(|title| !row.get(title).is_empty())
}

fn change(content: &Content, as_of: Option<Date>, row: &Row) -> Result<Change, Refusal> {
    let refuse = |title: &str, reason: String| Refusal {
        cell: row.cell(title),
        reason,
    };
    let key = row.get("任务编号").text();
    let (issue_index, task_index) = find(content, &key).ok_or_else(|| {
        refuse("任务编号", format!("没有任务 {key}:任务可能已被删除或移动,请重新生成填报表 (no task {key} any more; make a new sheet)"))
    })?;
    let issue = &content.issues[issue_index];
    let task = &issue.tasks[task_index];
    unchanged(issue, task, row).map_err(|title| {
        refuse(title, format!("灰色的列被改动过(与台账中任务 {key} 不一致);请用新生成的填报表 (a locked column was changed)"))
    })?;
    let status = match row.get("新状态") {
        Value::Empty => task.status.value,
        value => status_word(&value.text()).ok_or_else(|| {
            refuse(
                "新状态",
                format!(
                    "“{}”不是状态:请选未启动、整改中、待验收或已销号 (not a status)",
                    value.text()
                ),
            )
        })?,
    };
    let date = day(row.get("日期")).map_err(|why| refuse("日期", why))?;
    if let Some(as_of) = as_of.filter(|as_of| date > *as_of) {
        return Err(refuse(
            "日期",
            format!(
                "{date} 晚于统计截止日 {as_of}:先把 site.yaml 的 as_of 改到这一天或之后 (after the as-of date: move as_of in site.yaml first)"
            ),
        ));
    }
    if let Some(last) = task.history.last().filter(|h| date < h.date.value) {
        return Err(refuse(
            "日期",
            format!(
                "{date} 早于这个任务最近一条进展的日期 {} (earlier than the task's last entry)",
                last.date.value
            ),
        ));
    }
    let note = Some(row.get("进展说明").text()).filter(|t| !t.is_empty());
    let acceptance = if status == Status::Closed && task.acceptance.is_none() {
        Some(acceptance(content, row).map_err(|(title, why)| refuse(title, why))?)
    } else {
        None
    };
    Ok(Change {
        key,
        issue: issue_index,
        task: task_index,
        status,
        date,
        note,
        acceptance,
    })
}

/// The issue and task a key such as `7-3` names.
fn find(content: &Content, key: &str) -> Option<(usize, usize)> {
    let (number, position) = key.split_once('-')?;
    let number: u32 = number.trim().parse().ok()?;
    let position: usize = position.trim().parse().ok()?;
    let issue = content
        .issues
        .iter()
        .position(|i| i.number.value == number)?;
    let task = position.checked_sub(1)?;
    (task < content.issues[issue].tasks.len()).then_some((issue, task))
}

/// The first locked column whose value is not the ledger's.
fn unchanged(issue: &Issue, task: &Task, row: &Row) -> Result<(), &'static str> {
    let question = row.get("问题").text();
    if !question.starts_with(&format!("问题{}:", issue.number.value)) {
        return Err("问题");
    }
    if row.get("任务").text() != task.what.value.trim() {
        return Err("任务");
    }
    Ok(())
}

/// One of the four statuses, by its word or code.
fn status_word(word: &str) -> Option<Status> {
    Status::ALL
        .into_iter()
        .find(|s| s.label() == word.trim() || s.code() == word.trim())
}

/// A day from a date cell, or from text written 2025-10-25, 2025/10/25,
/// 2025.10.25 or 2025年10月25日.
fn day(value: &Value) -> Result<Date, String> {
    let text = match value {
        Value::Day(day) => return Ok(*day),
        Value::Empty => {
            return Err("缺少日期:写明这次进展的日期,如 2025-10-25 (the date is missing)".into());
        }
        Value::Text(text) => text.trim(),
    };
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let parsed = match parts.as_slice() {
        [y, m, d] => match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d),
            _ => None,
        },
        _ => None,
    };
    parsed.ok_or_else(|| format!("“{text}”不是有效日期:写作 2025-10-25 (not a date)"))
}

/// What a task closed out needs: the accepting unit, the date, evidence.
fn acceptance(
    content: &Content,
    row: &Row,
) -> Result<(String, Date, Vec<String>), (&'static str, String)> {
    let closing = "选“已销号”须同时填写验收单位、验收日期和佐证材料 (closing a task needs who accepted it, when, and evidence)";
    let by = row.get("验收单位").text();
    if by.is_empty() {
        return Err(("验收单位", format!("缺少验收单位:{closing}")));
    }
    // Written as the unit's id, as the rest of the file names units.
    let site = content.site.as_ref();
    let Some(by) = site.and_then(|s| s.places.unit(&by).map(|i| s.units[i].id.value.clone()))
    else {
        return Err((
            "验收单位",
            format!("“{by}”不是 site.yaml 中登记的单位 (not a unit of site.yaml)"),
        ));
    };
    let date = match row.get("验收日期") {
        Value::Empty => return Err(("验收日期", format!("缺少验收日期:{closing}"))),
        value => day(value).map_err(|why| ("验收日期", why))?,
    };
    let evidence: Vec<String> = row
        .get("佐证材料")
        .text()
        .split(['、', ';', '\u{FF1B}', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    if evidence.is_empty() {
        return Err(("佐证材料", format!("缺少佐证材料:{closing}")));
    }
    Ok((by, date, evidence))
}
