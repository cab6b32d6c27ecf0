//! The runs of reading text a guard has searched and found clean, so that
//! it searches each only once: most of a site's text is the same menus,
//! headings, labels and issue texts on page after page (at 10,000 issues,
//! the distinct runs are 8% of the small pages' text).

use std::collections::HashSet;
use std::sync::RwLock;

/// Runs shorter than this are searched again each time: a lookup costs
/// about what reading them does.
pub(super) const REMEMBERED_FROM: usize = 24;

/// Runs of text (what a view holds between two separators) in which no
/// registered name and no number was found. Kept exactly, not by a hash:
/// a collision would let a name through. Hashed with foldhash rather than
/// SipHash: every run of every page is looked up, and the set holds only
/// text the site itself wrote.
#[derive(Default)]
pub(super) struct Searched {
    runs: RwLock<Runs>,
}

/// The set of clean runs.
type Runs = HashSet<Box<str>, foldhash::fast::RandomState>;

impl Searched {
    /// Whether `run` was searched before and found clean.
    pub(super) fn holds(&self, run: &str) -> bool {
        read(&self.runs).contains(run)
    }

    /// Remembers `runs`, each searched and found clean.
    pub(super) fn add<'r>(&self, runs: impl Iterator<Item = &'r str>) {
        let mut runs = runs.peekable();
        if runs.peek().is_none() {
            return;
        }
        let mut known = self.runs.write().unwrap_or_else(|e| e.into_inner());
        for run in runs {
            if !known.contains(run) {
                known.insert(run.into());
            }
        }
    }
}

impl std::fmt::Debug for Searched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Searched({} runs)", read(&self.runs).len())
    }
}

// A thread that panicked while holding the lock left the set whole: runs
// are only ever added, each in one step.
fn read(runs: &RwLock<Runs>) -> std::sync::RwLockReadGuard<'_, Runs> {
    runs.read().unwrap_or_else(|e| e.into_inner())
}
