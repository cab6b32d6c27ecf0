//! taizhang (台账) turns a rectification plan — YAML issue files and
//! Markdown notes — into a ledger site, print packs and a public page.
//!
//! The flow runs one way: [`content`] loads files, [`validate`] checks the
//! rules, and later stages model and render. [`check`] ties the first two
//! together for the `taizhang check` command.

pub mod charts;
pub mod check;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod generate;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod privacy;
pub mod reading;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod theme;
pub mod validate;
