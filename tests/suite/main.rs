//! The integration tests, one binary: each module builds fixture sites
//! through the library or runs the `taizhang` binary, and checks what a
//! user would see. Shared helpers are in [`common`].
//!
//! Snapshot and diagnostic fixtures are rewritten with
//! `TAIZHANG_BLESS=1 cargo test --test suite page_snapshots` (or
//! `invalid_content`); review the diff before committing it.

mod common;

mod build_site;
mod charts;
mod cli;
mod code_shape;
mod incremental;
mod invalid_content;
mod layers;
mod ledger_import;
mod loader_fuzz;
mod new_files;
mod open_data;
mod page_snapshots;
mod plan_import;
mod plan_import_elsewhere;
mod plan_shapes;
mod print_pages;
mod privacy;
mod progress_sheets;
mod public_promise;
mod real_plans;
mod resident_pages;
mod sanjiang_content;
mod search;
mod serve;
mod typed_any_way;
mod typography;
mod xss;
