//! What is worked out from one file's text alone, kept between runs (for
//! `serve`) so that after an edit only the edited files are read again.

use super::FileId;

/// A value per file, kept with the revision of the text it came from: a
/// value is handed back only for the same text. Indexed by the file's
/// number, so a run over every file of a county's site costs no hashing,
/// and a file's value for an older text is replaced in place.
#[derive(Debug)]
pub struct PerFile<T> {
    slots: Vec<Option<(u64, T)>>,
}

impl<T> Default for PerFile<T> {
    fn default() -> Self {
        PerFile { slots: Vec::new() }
    }
}

impl<T> PerFile<T> {
    /// The value kept for `file` at `revision`, if any.
    pub fn get(&self, file: FileId, revision: u64) -> Option<&T> {
        match self.slots.get(file.0 as usize) {
            Some(Some((kept, value))) if *kept == revision => Some(value),
            _ => None,
        }
    }

    /// The value kept for `file` at `revision`, taken out of the memo.
    pub fn take(&mut self, file: FileId, revision: u64) -> Option<T> {
        let slot = self.slots.get_mut(file.0 as usize)?;
        match slot.take() {
            Some((kept, value)) if kept == revision => Some(value),
            _ => None,
        }
    }

    /// Keeps `value` for `file` at `revision`, in place of any older one.
    pub fn put(&mut self, file: FileId, revision: u64, value: T) {
        let at = file.0 as usize;
        if self.slots.len() <= at {
            self.slots.resize_with(at + 1, || None);
        }
        self.slots[at] = Some((revision, value));
    }

    /// Forgets the values of files numbered `count` and over: a site
    /// loaded again may have fewer files.
    pub fn truncate(&mut self, count: usize) {
        self.slots.truncate(count);
    }

    /// Forgets everything: what the values were worked out under changed.
    pub fn clear(&mut self) {
        self.slots.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_comes_back_only_for_the_text_it_came_from() {
        let mut kept = PerFile::default();
        kept.put(FileId(3), 10, "three");
        assert_eq!(kept.get(FileId(3), 10), Some(&"three"));
        assert_eq!(kept.get(FileId(3), 11), None, "the text was replaced");
        assert_eq!(kept.get(FileId(0), 10), None, "another file");
        assert_eq!(kept.take(FileId(3), 10), Some("three"));
        assert_eq!(kept.get(FileId(3), 10), None, "taken out");
        kept.put(FileId(3), 12, "three again");
        assert_eq!(kept.take(FileId(3), 10), None);
        assert_eq!(kept.get(FileId(3), 12), None, "a stale take forgets it");
    }
}
