//! A part of pages — an issue's HTML, its charts — made on first use,
//! shared by the pages that show it, and let go once the last of them is
//! made: a county's issue parts were held to the end of a build.

use std::sync::{Arc, Mutex, MutexGuard};

/// A part made on first use and shared until it is let go.
#[derive(Debug)]
pub(super) struct Held<T> {
    part: Mutex<Option<Arc<T>>>,
}

impl<T> Default for Held<T> {
    fn default() -> Self {
        Held {
            part: Mutex::new(None),
        }
    }
}

impl<T> Held<T> {
    /// `n` parts, none made yet.
    pub(super) fn unset(n: usize) -> Vec<Held<T>> {
        (0..n).map(|_| Held::default()).collect()
    }

    /// The part, made by `make` when it is not held (never made, or let
    /// go). Others asking meanwhile wait for it, as they would for a
    /// `OnceLock`.
    pub(super) fn get_or_make(&self, make: impl FnOnce() -> T) -> Arc<T> {
        let mut held = self.lock();
        Arc::clone(held.get_or_insert_with(|| Arc::new(make())))
    }

    /// Whether the part is held now.
    #[cfg(test)]
    pub(super) fn is_held(&self) -> bool {
        self.lock().is_some()
    }

    /// Lets the part go: pages still showing it keep their share, and a
    /// page that asks for it later has it made again.
    pub(super) fn let_go(&self) {
        let gone = self.lock().take();
        drop(gone);
    }

    /// A lock whose holder cannot have left the part half made: making
    /// either finished or put nothing.
    fn lock(&self) -> MutexGuard<'_, Option<Arc<T>>> {
        self.part.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_let_go_is_made_again_when_asked_for() {
        let part: Held<String> = Held::default();
        let mut made = 0;
        let first = part.get_or_make(|| {
            made += 1;
            "块".to_string()
        });
        let again = part.get_or_make(|| unreachable!("held"));
        assert!(Arc::ptr_eq(&first, &again));
        part.let_go();
        assert!(!part.is_held());
        assert_eq!(*first, "块", "a page showing it keeps its share");
        let remade = part.get_or_make(|| {
            made += 1;
            "块".to_string()
        });
        assert_eq!((made, remade.as_str()), (2, "块"));
    }
}
