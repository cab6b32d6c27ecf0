//! The files a guard kept across a site's edits (`serve`) has read and
//! found clean, each by its path and a digest of its bytes: after a save
//! most of a site's files come out as they were, and a county's are half
//! a gigabyte of markup to read again on every save.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// A SHA-256 digest of a file's bytes. Not a fast hash: two files with
/// one digest would let the second through unread, and no one can make
/// such a pair for SHA-256 (as for the clean runs, which are kept exactly).
pub(super) type Print = [u8; 32];

/// The last bytes found clean at each path, by their digest. One entry per
/// path: a page edited a hundred times is remembered once.
#[derive(Default)]
pub(super) struct CleanFiles {
    by_path: Mutex<ByPath>,
}

/// Each path's digest, in a map hashed as the clean runs are (foldhash).
type ByPath = HashMap<Box<str>, Print, foldhash::fast::RandomState>;

impl CleanFiles {
    /// The digest `bytes` are remembered by.
    pub(super) fn print(bytes: &[u8]) -> Print {
        Sha256::digest(bytes).into()
    }

    /// Whether the file at `path` was found clean with these bytes.
    pub(super) fn holds(&self, path: &str, print: &Print) -> bool {
        self.lock().get(path) == Some(print)
    }

    /// Remembers the file at `path`, found clean with the bytes of `print`.
    pub(super) fn add(&self, path: &str, print: Print) {
        let mut by_path = self.lock();
        match by_path.get_mut(path) {
            Some(known) => *known = print,
            None => {
                by_path.insert(path.into(), print);
            }
        }
    }

    // A thread that panicked while holding the lock left the map whole:
    // each entry is put in one step.
    fn lock(&self) -> std::sync::MutexGuard<'_, ByPath> {
        self.by_path.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::fmt::Debug for CleanFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CleanFiles({} files)", self.lock().len())
    }
}
