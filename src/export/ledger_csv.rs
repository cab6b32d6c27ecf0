//! `data/ledger.csv`: the task rows as CSV, in UTF-8 with a byte-order
//! mark and CRLF line ends, which is what Excel on Windows needs to open
//! Chinese text correctly with a double-click.

use crate::model::Model;

use super::rows::{TASK_COLUMNS, each_task_row};

/// The byte-order mark Excel reads as "this file is UTF-8".
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The ledger as CSV bytes.
pub(super) fn ledger_csv(model: &Model) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    // Writing into memory cannot fail, and every row has the header's width.
    writer
        .write_record(TASK_COLUMNS)
        .expect("writes into memory");
    for row in each_task_row(model) {
        writer
            .write_record(row.iter().map(|cell| cell.as_text()))
            .expect("writes into memory");
    }
    writer.into_inner().expect("flushes into memory")
}
