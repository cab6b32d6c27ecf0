//! Open data: the ledger as CSV and as an Excel workbook, and the whole
//! model as JSON with its JSON Schema. They are files of the site like any
//! page, made from the model of the build's audience — so the public ones
//! are masked and hold no internal-only row — and the leak guard reads
//! them before they are written.

mod ledger_csv;
mod rows;
mod site_json;
mod workbook;

use crate::model::Model;

/// One open-data file of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFile {
    /// `data/ledger.csv`: a row per task (and per issue without tasks).
    LedgerCsv,
    /// `data/ledger.xlsx`: tasks, issues with their measures, indicators.
    LedgerXlsx,
    /// `data/site.json`: the whole model, with `schema_version`.
    SiteJson,
    /// `data/site.schema.json`: the JSON Schema of `site.json`.
    SiteSchema,
}

impl DataFile {
    /// Every data file, in the order they are listed.
    pub const ALL: [DataFile; 4] = [
        DataFile::LedgerCsv,
        DataFile::LedgerXlsx,
        DataFile::SiteJson,
        DataFile::SiteSchema,
    ];

    /// Its path under the site root.
    pub fn path(self) -> &'static str {
        match self {
            DataFile::LedgerCsv => "data/ledger.csv",
            DataFile::LedgerXlsx => "data/ledger.xlsx",
            DataFile::SiteJson => "data/site.json",
            DataFile::SiteSchema => "data/site.schema.json",
        }
    }

    /// Its bytes for `model`. Errors come from the spreadsheet writer and
    /// name what failed.
    pub fn bytes(self, model: &Model) -> Result<Vec<u8>, String> {
        match self {
            DataFile::LedgerCsv => Ok(ledger_csv::ledger_csv(model)),
            DataFile::LedgerXlsx => workbook::workbook(model),
            DataFile::SiteJson => Ok(site_json::site_json(model)),
            DataFile::SiteSchema => Ok(site_json::schema()),
        }
    }
}

pub use site_json::{SCHEMA_VERSION, schema};
pub use workbook::excel_day;
