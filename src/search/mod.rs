//! Site search for the `/search/` page: the model's [`records`], written
//! for the build's audience (masked in the public build), and their
//! [`index`] — pairs of characters and the pages' text — as small scripts
//! the page loads as a reader types. A query finds every page whose text
//! holds it as typed, cut anywhere in Chinese words, offline and from disk.
//!
//! Pagefind, the static-search tool other generators use, was tried first
//! and measured on this project's sites; see docs/search.md for why this
//! index is our own.

mod index;
mod records;

use crate::model::Model;
use crate::render::OutputFile;

pub use index::DIR;
pub use records::{KIND, Record, STATUS, UNIT, VILLAGE, records};

/// The search index of `model`'s pages, as files under [`DIR`].
pub fn index_files(model: &Model) -> Vec<OutputFile> {
    index::files(&records(model))
}

/// [`index_files`], each handed to `emit` as soon as it is made rather
/// than all held to the end (a build writes them as they come).
pub fn each_index_file(model: &Model, emit: &mut dyn FnMut(OutputFile)) {
    index::each_file(&records(model), emit);
}

/// The index of `records`, for tests and benchmarks.
pub fn index(records: &[Record]) -> Vec<OutputFile> {
    index::files(records)
}
