//! `taizhang sheet progress`: a workbook a village clerk or a unit fills in
//! to report progress — its open tasks, with what is known of each in grey
//! protected columns and white columns to fill (a new status from a list,
//! the date, what was done, and for a task handed in for closing, who
//! accepted it, when, and the evidence). `taizhang import progress` reads it
//! back (see [`crate::import`]).

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, Format, FormatBorder, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use crate::model::{Model, Status, Task};

/// The columns, in order: the first [`FIXED`] are filled in and locked.
pub const COLUMNS: [&str; 14] = [
    "任务编号",
    "问题",
    "措施",
    "任务",
    "村(社区)/单位",
    "整改时限",
    "当前状态",
    "最近进展",
    "新状态",
    "日期",
    "进展说明",
    "验收单位",
    "验收日期",
    "佐证材料",
];

/// How many leading columns are the ledger's, not the reporter's.
pub const FIXED: usize = 8;

/// The row of the header (0-based); the instructions stand above it.
pub const HEADER: u32 = 4;

/// Whose tasks a sheet holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// One village's tasks, by its id.
    Village(String),
    /// One unit's tasks, by its id.
    Unit(String),
    /// A sheet per village, and one per unit for tasks without a village.
    All,
}

/// The key that finds a task again: its issue's number and its place in
/// that issue's list of tasks, `7-3` for the third task of issue 7.
pub fn task_key(task: &Task, position: usize) -> String {
    format!("{}-{}", task.issue, position + 1)
}

/// The progress workbook of `owner`'s open tasks in `model` (which must be
/// internal: the sheet goes to officials, and its keys count every task).
/// Errors name an unknown village or unit, or a task-free selection.
pub fn progress_workbook(model: &Model, owner: &Owner) -> Result<Vec<u8>, String> {
    let sheets = select(model, owner)?;
    write(model, &sheets).map_err(|e| format!("cannot write the workbook: {e}"))
}

/// `(sheet name, open tasks with their keys)` for each sheet.
type Selection<'a> = Vec<(String, Vec<(String, &'a Task)>)>;

fn select<'a>(model: &'a Model, owner: &Owner) -> Result<Selection<'a>, String> {
    let keyed: Vec<(String, &Task)> = model
        .issues
        .iter()
        .flat_map(|issue| {
            issue
                .tasks
                .iter()
                .enumerate()
                .map(|(k, &t)| (task_key(&model.tasks[t], k), &*model.tasks[t]))
        })
        .filter(|(_, task)| task.status.status() != Status::Closed)
        .collect();
    let of_village = |id: &str| -> Vec<(String, &Task)> {
        keyed
            .iter()
            .filter(|(_, t)| t.village.as_ref().is_some_and(|v| *v.id == *id))
            .cloned()
            .collect()
    };
    let of_unit = |id: &str, only_without_village: bool| -> Vec<(String, &Task)> {
        keyed
            .iter()
            .filter(|(_, t)| t.unit.as_ref().is_some_and(|u| *u.id == *id))
            .filter(|(_, t)| !only_without_village || t.village.is_none())
            .cloned()
            .collect()
    };
    let sheets: Selection = match owner {
        Owner::Village(id) => {
            let village = model.villages.iter().find(|v| &v.id == id).ok_or_else(|| {
                format!(
                    "no village `{id}` in site.yaml (ids: {})",
                    ids(model.villages.iter().map(|v| v.id.as_str()))
                )
            })?;
            vec![(village.name.clone(), of_village(id))]
        }
        Owner::Unit(id) => {
            let unit = model.units.iter().find(|u| &u.id == id).ok_or_else(|| {
                format!(
                    "no unit `{id}` in site.yaml (ids: {})",
                    ids(model.units.iter().map(|u| u.id.as_str()))
                )
            })?;
            vec![(unit.name.clone(), of_unit(id, false))]
        }
        Owner::All => model
            .villages
            .iter()
            .map(|v| (v.name.clone(), of_village(&v.id)))
            .chain(
                model
                    .units
                    .iter()
                    .map(|u| (u.name.clone(), of_unit(&u.id, true))),
            )
            .filter(|(_, tasks)| !tasks.is_empty())
            .collect(),
    };
    if sheets.iter().all(|(_, tasks)| tasks.is_empty()) {
        return Err("no open task to report on: every task there is closed out (已销号)".into());
    }
    Ok(sheets)
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

fn write(model: &Model, sheets: &Selection) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = crate::export::excel_day(model.as_of)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{}整改进展填报表", model.document.plan_title))
            .set_creation_datetime(&created),
    );
    for (name, tasks) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(name))?;
        write_sheet(sheet, model, name, tasks)?;
    }
    workbook.save_to_buffer()
}

/// Excel allows 31 characters and none of `[]:*?/\` in a sheet name.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn write_sheet(
    sheet: &mut Worksheet,
    model: &Model,
    name: &str,
    tasks: &[(String, &Task)],
) -> Result<(), XlsxError> {
    let border = Format::new()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xC8_CDD3))
        .set_text_wrap();
    let fixed = border.clone().set_background_color(Color::RGB(0xEE_F0F2));
    let fill = border.clone().set_unlocked();
    let fill_day = fill.clone().set_num_format("yyyy-mm-dd");
    let header = border
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xD9_DEE4));
    let title = Format::new().set_bold().set_font_size(14);
    sheet.write_string_with_format(
        0,
        0,
        format!("{}整改进展填报表:{name}", model.document.plan_title),
        &title,
    )?;
    let notes = [
        "只填写右侧白色的列,灰色的列不要改动(已锁定)。每个任务一行,没有新进展的任务留空。".to_string(),
        "新状态从下拉框选择;日期写作 2025-10-25。选“已销号”须同时填写验收单位、验收日期和佐证材料,缺一项不予导入。".to_string(),
        format!("数据截至 {};填好后交回,由台账管理员用 taizhang import progress 导入(先预览,确认后再写入)。", model.as_of),
    ];
    for (row, note) in notes.iter().enumerate() {
        sheet.write_string(row as u32 + 1, 0, note)?;
    }
    let widths = [9, 24, 8, 36, 12, 14, 10, 28, 10, 12, 30, 14, 12, 24];
    for (col, (title, width)) in COLUMNS.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(HEADER, col as u16, *title, &header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    for (k, (key, task)) in tasks.iter().enumerate() {
        let row = HEADER + 1 + k as u32;
        let owner = match (&task.village, &task.unit) {
            (Some(v), _) => v.name.to_string(),
            (None, Some(u)) => u.name.to_string(),
            (None, None) => String::new(),
        };
        let latest = task.history.last().map_or_else(String::new, |h| {
            format!(
                "{} {}{}",
                h.date,
                h.status.label,
                h.note.as_ref().map_or(String::new(), |n| format!(":{n}"))
            )
        });
        let cells = [
            key.clone(),
            format!("问题{}:{}", task.issue, task.issue_title),
            task.measure_label.clone().unwrap_or_default(),
            task.what.clone(),
            owner,
            task.deadline_text.clone(),
            task.status.label.to_string(),
            latest,
        ];
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, text, &fixed)?;
        }
        for (col, title) in COLUMNS.iter().enumerate().skip(FIXED) {
            let format = if matches!(*title, "日期" | "验收日期") {
                &fill_day
            } else {
                &fill
            };
            sheet.write_blank(row, col as u16, format)?;
        }
    }
    let last = HEADER + tasks.len().max(1) as u32;
    let statuses = DataValidation::new()
        .allow_list_strings(&Status::ALL.map(|s| s.label()))?
        .set_error_title("状态")?
        .set_error_message("请从下拉框中选择:未启动、整改中、待验收或已销号。")?;
    sheet.add_data_validation(HEADER + 1, FIXED as u16, last, FIXED as u16, &statuses)?;
    sheet.set_freeze_panes(HEADER + 1, 1)?;
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
    Ok(())
}

/// Checks the site at `root`, builds its internal model and writes the
/// progress workbook of `owner` to `out`. An existing `out` is replaced
/// only with `force`: it may be a sheet someone has filled in.
pub fn write_progress_sheet(
    root: &std::path::Path,
    owner: &Owner,
    out: &std::path::Path,
    force: bool,
) -> Result<(), String> {
    if out.exists() && !force {
        return Err(format!(
            "{} exists (it may be a filled-in sheet): choose another --out, or add --force to replace it",
            out.display()
        ));
    }
    let given = crate::settings::Given {
        audience: crate::content::Audience::Internal,
        ..crate::settings::Given::default()
    };
    let checked = crate::check::check(root, &given);
    if checked.diagnostics.has_errors() {
        return Err("the content has errors: run `taizhang check` and fix them first".into());
    }
    let model =
        crate::model::build(&checked.content, &checked.settings).map_err(|e| e.to_string())?;
    let bytes = progress_workbook(&model, owner)?;
    std::fs::write(out, bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))
}
