//! taizhang (台账) turns a rectification plan — YAML issue files and
//! Markdown notes — into a ledger site, print packs and a public page.
//!
//! The flow runs one way, each stage a module that uses only those before
//! it (`tests/suite/layers.rs` holds it to that): [`content`] loads files and
//! [`settings`] merges the command line over `site.yaml`, [`validate`]
//! checks the rules, [`privacy`] masks, [`model`] resolves and derives,
//! [`render`] (with [`markdown`], [`charts`], [`theme`], [`export`] and
//! [`search`]) makes the files,
//! and [`output`] guards them and hands them to a sink. [`site`] is the one
//! pipeline that ties the stages together (through [`check`]); `build`,
//! `check`, [`serve`], [`pdf`] and the tests all run it. [`synthetic`]
//! makes ledgers of any size for tests and benchmarks.

pub mod charts;
pub mod check;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod escape;
pub mod export;
pub mod import;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod privacy;
pub mod reading;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod settings;
pub mod sheet;
pub mod site;
pub mod synthetic;
pub mod theme;
pub mod validate;
