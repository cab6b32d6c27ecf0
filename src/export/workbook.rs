//! `data/ledger.xlsx`: the ledger as an Excel workbook an office can file
//! and forward — a sheet of tasks, one of issues with their measures, one
//! of indicator readings. Each sheet has the plan's title and the as-of
//! date above a bold, frozen, filterable header; days are real date cells;
//! a status is always written as its word, its colour only helps.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::date::Date;
use crate::model::{Model, Status};

use super::rows::{
    Cell, INDICATOR_COLUMNS, MEASURE_COLUMNS, TASK_COLUMNS, indicator_rows, measure_rows, task_rows,
};

/// The row of the header; the title and the as-of line stand above it.
const HEADER: u32 = 3;

/// Columns wider than this many characters wrap their text.
const WIDEST: usize = 48;

/// The workbook's bytes.
pub(super) fn workbook(model: &Model) -> Result<Vec<u8>, String> {
    build(model).map_err(|e| format!("cannot write data/ledger.xlsx: {e}"))
}

fn build(model: &Model) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation time (the as-of date), so that the same content
    // gives the same bytes: the file would otherwise carry the clock.
    let created = excel_day(model.as_of)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{}整改台账", model.document.plan_title))
            .set_author(&model.document.issuer)
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    let sheets: [Sheet; 3] = [
        ("整改任务", &TASK_COLUMNS, task_rows),
        ("问题和措施", &MEASURE_COLUMNS, measure_rows),
        ("指标", &INDICATOR_COLUMNS, indicator_rows),
    ];
    for (index, (name, columns, rows)) in sheets.into_iter().enumerate() {
        // Rows go to a temporary file as they are finished, and each
        // sheet's rows are made only when it is written: a county's task
        // sheet is a hundred thousand rows, which held in memory cost a
        // build over a hundred megabytes. Without a temporary folder the
        // sheet is held whole, as before (rows then carry their optional
        // `spans` hint; the cells are the same).
        if workbook.add_worksheet_with_low_memory().is_err() {
            workbook.add_worksheet();
        }
        let sheet = workbook.worksheet_from_index(index)?;
        sheet.set_name(name)?;
        write_sheet(sheet, model, (name, columns), &rows(model), &styles)?;
    }
    workbook.save_to_buffer()
}

/// A sheet: its name, its columns and how to make its rows.
type Sheet<'a> = (&'a str, &'a [&'a str], fn(&Model) -> Vec<Vec<Cell>>);

/// The formats the sheets share.
struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    wrapped: Format,
    day: Format,
    number: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xC8_CDD3))
            .set_align(FormatAlign::Top);
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            subtitle: Format::new().set_font_color(Color::RGB(0x55_5F6B)),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xE8_ECF0))
                .set_text_wrap(),
            text: cell.clone(),
            wrapped: cell.clone().set_text_wrap(),
            day: cell.clone().set_num_format("yyyy-mm-dd"),
            number: cell,
        }
    }

    /// A status word's cell: the word, on the colour of its status.
    fn status(&self, word: &str) -> Option<Format> {
        let status = Status::ALL.into_iter().find(|s| s.label() == word)?;
        let fill = match status {
            Status::NotStarted => 0xEE_F0F2,
            Status::InProgress => 0xFF_F2CC,
            Status::AwaitingAcceptance => 0xDD_EBF7,
            Status::Closed => 0xE2_EFDA,
        };
        Some(self.text.clone().set_background_color(Color::RGB(fill)))
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    model: &Model,
    (name, columns): (&str, &[&str]),
    rows: &[Vec<Cell>],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let document = &model.document;
    sheet.write_string_with_format(
        0,
        0,
        format!("{}:{name}", document.plan_title),
        &styles.title,
    )?;
    let mut about = vec![document.issuer.clone()];
    about.extend(document.number.clone());
    if model.as_of_stated {
        about.push(format!("数据截至 {}", model.as_of));
    }
    sheet.write_string_with_format(1, 0, about.join(" · "), &styles.subtitle)?;
    let widths = widths(columns, rows);
    for (col, (title, width)) in columns.iter().zip(&widths).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(HEADER, col, *title, &styles.header)?;
        sheet.set_column_width(col, *width as f64)?;
    }
    let status_column = columns.iter().position(|c| *c == "状态");
    for (index, row) in rows.iter().enumerate() {
        let at = HEADER + 1 + index as u32;
        for (col, cell) in row.iter().enumerate() {
            let wrap = widths[col] >= WIDEST;
            let format = match cell {
                Cell::Text(word) if Some(col) == status_column => styles.status(word),
                _ => None,
            };
            let format =
                format
                    .as_ref()
                    .unwrap_or(if wrap { &styles.wrapped } else { &styles.text });
            let col = col as u16;
            match cell {
                Cell::Text(text) => sheet.write_string_with_format(at, col, text, format)?,
                Cell::Number(n) => sheet.write_number_with_format(at, col, *n, &styles.number)?,
                Cell::Day(day) => {
                    sheet.write_datetime_with_format(at, col, &excel_day(*day)?, &styles.day)?
                }
                Cell::Empty => sheet.write_blank(at, col, format)?,
            };
        }
    }
    sheet.set_freeze_panes(HEADER + 1, 0)?;
    let last_row = HEADER + rows.len() as u32;
    sheet.autofilter(HEADER, 0, last_row, columns.len() as u16 - 1)?;
    Ok(())
}

/// Each column's width in Excel's units (about one Latin character; a
/// Chinese character takes two): its widest line, within bounds.
fn widths(columns: &[&str], rows: &[Vec<Cell>]) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .map(|(col, title)| {
            let widest = rows
                .iter()
                .map(|row| match &row[col] {
                    Cell::Day(_) => 10,
                    cell => cell
                        .as_text()
                        .lines()
                        .map(UnicodeWidthStr::width)
                        .max()
                        .unwrap_or(0),
                })
                .chain([title.width() + 3])
                .max()
                .unwrap_or(0);
            (widest + 2).clamp(6, WIDEST)
        })
        .collect()
}

/// `day` as an Excel date cell's value.
pub fn excel_day(day: Date) -> Result<ExcelDateTime, XlsxError> {
    // Years outside 1900–9999 cannot be Excel dates; validation keeps
    // dates of content within them.
    ExcelDateTime::from_ymd(
        u16::try_from(day.year()).unwrap_or(1900),
        day.month() as u8,
        day.day() as u8,
    )
}
