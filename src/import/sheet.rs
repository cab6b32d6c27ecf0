//! Reading a filled progress sheet: an Excel, WPS or LibreOffice workbook
//! (through calamine) or a CSV in UTF-8 or GBK (the encoding older Excel
//! saves in). Rows are read by their header, wherever the header stands,
//! and every value keeps the cell it came from, `FILE!Sheet!J7`.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use crate::date::Date;
use crate::sheet::COLUMNS;

/// A value as read from a cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text, trimmed (a number cell reads as its digits).
    Text(String),
    /// A date cell.
    Day(Date),
    /// Nothing.
    Empty,
}

impl Value {
    /// Whether the cell holds anything.
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    /// The text, or the day as YYYY-MM-DD.
    pub fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Day(day) => day.to_string(),
            Value::Empty => String::new(),
        }
    }
}

/// One data row of a sheet.
#[derive(Clone, Debug)]
pub struct Row {
    /// `FILE!Sheet` (or `FILE` for a CSV).
    pub sheet: String,
    /// 1-based row number, as Excel shows it.
    pub number: u32,
    /// Values by column title, with their column letter.
    pub cells: HashMap<&'static str, (String, Value)>,
}

impl Row {
    /// The value under `title`.
    pub fn get(&self, title: &str) -> &Value {
        self.cells.get(title).map_or(&Value::Empty, |(_, v)| v)
    }

    /// Where the value under `title` stands: `FILE!Sheet!J7`.
    pub fn cell(&self, title: &str) -> String {
        let column = self.cells.get(title).map_or("?", |(c, _)| c.as_str());
        format!("{}!{column}{}", self.sheet, self.number)
    }
}

/// Every sheet of `path` as rows of values, merged cells filled with their
/// value throughout (a 问题 merged over its measures' rows reads on each):
/// a workbook's sheets, or a CSV as one sheet. The name is `FILE!Sheet`,
/// or `FILE` for a CSV.
pub(super) fn grids(path: &Path) -> Result<Vec<Grid>, String> {
    let name = file_name(path);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if extension == "csv" {
        Ok(vec![(name.clone(), csv_grid(path, &name)?)])
    } else {
        workbook_grids(path, &name)
    }
}

/// The file's name, for messages.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Every data row of every sheet in `path` that has a task key. Errors
/// say why the file cannot be read as a progress sheet.
pub fn read(path: &Path) -> Result<Vec<Row>, String> {
    let name = file_name(path);
    let grids = grids(path)?;
    let mut rows = Vec::new();
    let mut headed = false;
    for (sheet, grid) in grids {
        let Some(header) = grid
            .iter()
            .position(|r| r.first().is_some_and(|v| v.text() == COLUMNS[0]))
        else {
            continue;
        };
        headed = true;
        let titles: Vec<Option<&'static str>> = grid[header]
            .iter()
            .map(|v| COLUMNS.iter().copied().find(|c| *c == v.text()))
            .collect();
        for (index, values) in grid.iter().enumerate().skip(header + 1) {
            let mut cells = HashMap::new();
            for (col, value) in values.iter().enumerate() {
                if let Some(Some(title)) = titles.get(col) {
                    cells.insert(*title, (column_letters(col), value.clone()));
                }
            }
            let row = Row {
                sheet: sheet.clone(),
                number: index as u32 + 1,
                cells,
            };
            if !row.get(COLUMNS[0]).is_empty() {
                rows.push(row);
            }
        }
    }
    if !headed {
        return Err(format!(
            "{name}: no sheet has a header row starting with “{}”; is this a progress sheet from `taizhang sheet progress`?",
            COLUMNS[0]
        ));
    }
    Ok(rows)
}

/// A sheet's name (`FILE!Sheet`) and its rows of values.
pub(super) type Grid = (String, Vec<Vec<Value>>);

/// Each sheet of a workbook as rows of values.
fn workbook_grids(path: &Path, name: &str) -> Result<Vec<Grid>, String> {
    let mut workbook = open_workbook_auto(path).map_err(|e| {
        format!("{name}: cannot be opened as a workbook ({e}); a password-protected or damaged file must be saved again without a password")
    })?;
    let mut grids = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&sheet)
            .map_err(|e| format!("{name}!{sheet}: cannot be read ({e})"))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut grid = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut values = vec![Value::Empty; left as usize];
            values.extend(row.iter().map(value));
            grid.push(values);
        }
        if let calamine::Sheets::Xlsx(xlsx) = &mut workbook
            && let Ok(regions) = xlsx.merge_cells_by_sheet_name(&sheet)
        {
            fill_merged(&mut grid, &regions);
        }
        grids.push((format!("{name}!{sheet}"), grid));
    }
    Ok(grids)
}

/// Copies each merged region's value (its top-left cell's) into every
/// cell of the region.
fn fill_merged(grid: &mut [Vec<Value>], regions: &[calamine::Dimensions]) {
    for region in regions {
        let (top, left) = (region.start.0 as usize, region.start.1 as usize);
        let Some(value) = grid.get(top).and_then(|r| r.get(left)).cloned() else {
            continue;
        };
        for row in top..=(region.end.0 as usize).min(grid.len().saturating_sub(1)) {
            for col in left..=region.end.1 as usize {
                let cells = &mut grid[row];
                if cells.len() <= col {
                    cells.resize(col + 1, Value::Empty);
                }
                cells[col] = value.clone();
            }
        }
    }
}

fn value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(text) if text.trim().is_empty() => Value::Empty,
        Data::String(text) => Value::Text(text.trim().to_string()),
        Data::Float(n) if n.fract() == 0.0 => Value::Text(format!("{n:.0}")),
        Data::Float(n) => Value::Text(n.to_string()),
        Data::Int(n) => Value::Text(n.to_string()),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(at) => excel_day(at.as_f64()).map_or(Value::Empty, Value::Day),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Value::Text(text.clone()),
        Data::Error(e) => Value::Text(format!("{e:?}")),
    }
}

/// The day of an Excel serial date (1900 system): 25569 is 1970-01-01.
fn excel_day(serial: f64) -> Option<Date> {
    (serial >= 1.0).then(|| Date::EPOCH.plus_days(serial.floor() as i64 - 25_569))
}

/// A CSV as rows of text: UTF-8 (with or without a byte-order mark), or
/// GBK when it is not UTF-8.
fn csv_grid(path: &Path, name: &str) -> Result<Vec<Vec<Value>>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot be read ({e})"))?;
    let text = super::document::decode(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{name}: not a CSV file ({e})"))?;
        // Blank lines are skipped by the reader; rows keep their line
        // numbers, so that a cell is named where a spreadsheet shows it.
        // (A record's position is where the reader began, before the blank
        // lines it skipped.)
        let line = record.position().map_or(grid.len() + 1, |p| {
            let bytes = text.as_bytes();
            let mut start = (p.byte() as usize).min(bytes.len());
            while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                start += 1;
            }
            bytes[..start].iter().filter(|b| **b == b'\n').count() + 1
        });
        while grid.len() + 1 < line {
            grid.push(Vec::new());
        }
        grid.push(
            record
                .iter()
                .map(|t| {
                    let t = t.trim();
                    if t.is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(t.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(grid)
}

/// `A` for column 0, `Z`, `AA`, …
pub(super) fn column_letters(col: usize) -> String {
    let mut col = col + 1;
    let mut letters = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        letters.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("t.csv");
        std::fs::write(
            &path,
            "标题\r\n\r\n序号,问题\r\n1,\"两行\n文字\"\r\n2,x\r\n",
        )
        .expect("writes");
        let grid = csv_grid(&path, "t.csv").expect("reads");
        assert_eq!(grid[2][0], Value::Text("序号".into()));
        assert_eq!(grid[3][0], Value::Text("1".into()));
        assert_eq!(grid[5][0], Value::Text("2".into()));
    }

    #[test]
    fn columns_and_serial_dates_read_as_excel_shows_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(excel_day(45_950.0), Date::new(2025, 10, 20));
        assert_eq!(excel_day(0.0), None);
    }
}
