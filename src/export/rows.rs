//! The ledger as rows, shared by the CSV and the workbook: what each
//! column holds, in the words a ledger (台账) in Excel uses for it.

use crate::date::Date;
use crate::markdown::plain_text;
use crate::model::{Issue, Model, Ref, Task};

/// One cell: text, a whole number or a day, so the workbook can write
/// real number and date cells while the CSV writes all as text.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cell {
    Text(String),
    Number(f64),
    Day(Date),
    Empty,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    fn day(day: Option<Date>) -> Cell {
        day.map_or(Cell::Empty, Cell::Day)
    }

    /// As the CSV writes it: days as YYYY-MM-DD.
    pub(super) fn as_text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Day(day) => day.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// The task sheet's columns.
pub(super) const TASK_COLUMNS: [&str; 15] = [
    "问题序号",
    "问题编号",
    "问题",
    "措施",
    "村(社区)",
    "任务",
    "牵头单位",
    "责任单位",
    "整改时限",
    "时限日期",
    "状态",
    "是否逾期",
    "验收日期",
    "验收单位",
    "佐证材料",
];

/// A row per task, in issue order; an issue without tasks (a report that
/// tells its progress in words) has one row of its own, so that every
/// problem of the plan is in the ledger.
pub(super) fn task_rows(model: &Model) -> Vec<Vec<Cell>> {
    each_task_row(model).collect()
}

/// [`task_rows`], made one at a time as they are asked for: the CSV
/// writes each as it is made (a county's are a hundred thousand rows).
pub(super) fn each_task_row(model: &Model) -> impl Iterator<Item = Vec<Cell>> + '_ {
    model.issues.iter().flat_map(move |issue| {
        let alone = issue.tasks.is_empty().then(|| issue_without_tasks(issue));
        alone
            .into_iter()
            .chain((issue.tasks.iter()).map(move |&task| task_row(issue, &model.tasks[task])))
    })
}

fn task_row(issue: &Issue, task: &Task) -> Vec<Cell> {
    let measure = match (&task.measure_label, task.measure) {
        (Some(label), _) if !label.is_empty() => label.clone(),
        (_, Some(number)) => format!("措施{number}"),
        _ => String::new(),
    };
    let unit = match &task.unit {
        Some(unit) => unit.name.to_string(),
        None => names(&issue.units),
    };
    vec![
        Cell::Number(f64::from(issue.number)),
        Cell::text(issue.label.clone().unwrap_or_default()),
        Cell::text(&issue.title),
        Cell::text(measure),
        Cell::text(
            task.village
                .as_ref()
                .map(|v| v.name.to_string())
                .unwrap_or_default(),
        ),
        Cell::text(&task.what),
        Cell::text(names(&issue.lead_units)),
        Cell::text(unit),
        Cell::text(&task.deadline_text),
        Cell::day(task.deadline),
        Cell::text(task.status.label),
        Cell::text(if task.overdue { "是" } else { "否" }),
        Cell::day(task.acceptance.as_ref().and_then(|a| a.date)),
        Cell::text(
            task.acceptance
                .as_ref()
                .and_then(|a| a.by.as_ref())
                .map(|by| by.name.to_string())
                .unwrap_or_default(),
        ),
        Cell::text(
            task.acceptance
                .as_ref()
                .map(|a| {
                    a.evidence
                        .iter()
                        .map(|e| e.title.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .unwrap_or_default(),
        ),
    ]
}

fn issue_without_tasks(issue: &Issue) -> Vec<Cell> {
    let status = if issue.status_word.is_empty() {
        issue
            .status
            .map(|s| s.label.to_string())
            .unwrap_or_default()
    } else {
        issue.status_word.clone()
    };
    vec![
        Cell::Number(f64::from(issue.number)),
        Cell::text(issue.label.clone().unwrap_or_default()),
        Cell::text(&issue.title),
        Cell::Empty,
        Cell::text(names(&issue.villages)),
        Cell::Empty,
        Cell::text(names(&issue.lead_units)),
        Cell::text(names(&issue.units)),
        Cell::text(&issue.deadline_text),
        Cell::day(issue.deadline),
        Cell::text(status),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]
}

/// The issue sheet's columns: a row per measure.
pub(super) const MEASURE_COLUMNS: [&str; 13] = [
    "问题序号",
    "问题编号",
    "方面",
    "问题",
    "存在问题",
    "措施序号",
    "整改措施",
    "整改目标",
    "整改时限",
    "时限日期",
    "牵头单位",
    "责任单位",
    "状态",
];

/// A row per measure (an issue without measures has one row).
pub(super) fn measure_rows(model: &Model) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for issue in &model.issues {
        let status = issue.status.map(|s| s.label).unwrap_or_default();
        let head = |label: String, text: String, status: &str| {
            vec![
                Cell::Number(f64::from(issue.number)),
                Cell::text(issue.label.clone().unwrap_or_default()),
                Cell::text(issue.category.join(" / ")),
                Cell::text(&issue.title),
                Cell::text(plain_text(&issue.finding.text)),
                Cell::text(label),
                Cell::text(text),
                Cell::text(issue.target.clone().unwrap_or_default()),
                Cell::text(&issue.deadline_text),
                Cell::day(issue.deadline),
                Cell::text(names(&issue.lead_units)),
                Cell::text(names(&issue.units)),
                Cell::text(status),
            ]
        };
        if issue.measures.is_empty() {
            rows.push(head(String::new(), String::new(), status));
        }
        for measure in &issue.measures {
            let label = if measure.label.is_empty() {
                measure.number.to_string()
            } else {
                measure.label.clone()
            };
            let text = match &measure.heading {
                Some(heading) => format!("{heading}\n{}", plain_text(&measure.text.text)),
                None => plain_text(&measure.text.text),
            };
            let status = measure.status.map_or(status, |s| s.label);
            rows.push(head(label, text, status));
        }
    }
    rows
}

/// The indicator sheet's columns: a row per reading.
pub(super) const INDICATOR_COLUMNS: [&str; 8] = [
    "问题序号",
    "指标",
    "单位",
    "日期",
    "数值",
    "类别",
    "目标值",
    "说明",
];

/// A row per baseline or reading of every indicator.
pub(super) fn indicator_rows(model: &Model) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for issue in &model.issues {
        for indicator in &issue.indicators {
            for reading in &indicator.readings {
                rows.push(vec![
                    Cell::Number(f64::from(issue.number)),
                    Cell::text(&indicator.name),
                    Cell::text(&indicator.unit),
                    Cell::Day(reading.date),
                    Cell::Number(reading.value),
                    Cell::text(if reading.baseline { "基线" } else { "进展" }),
                    Cell::text(&indicator.target_text),
                    Cell::text(reading.note.clone().unwrap_or_default()),
                ]);
            }
        }
    }
    rows
}

/// Names joined the way a ledger lists them: 党政综合办、民政办.
fn names(refs: &[Ref]) -> String {
    refs.iter().map(|r| &*r.name).collect::<Vec<_>>().join("、")
}
