//! Watching the site's folders: which files changed, once a save is done.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Editors save in a few quick steps (write, rename) within a few
/// milliseconds; this much quiet means the save is done.
const QUIET: Duration = Duration::from_millis(15);

/// Watches `folders` (those that exist) under `root` and calls `on_change`
/// with the paths that changed after each burst of changes, on a thread of
/// its own. An empty set means "something changed, but what is not
/// known" (the system dropped events). Dropping the watcher stops it.
pub(super) fn watch(
    root: &Path,
    folders: &[&str],
    on_change: impl Fn(&HashSet<PathBuf>) + Send + 'static,
) -> Result<RecommendedWatcher, String> {
    let (sender, events) = channel();
    let mut watcher =
        notify::recommended_watcher(sender).map_err(|e| format!("cannot watch files: {e}"))?;
    for folder in folders {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    std::thread::Builder::new()
        .name("taizhang-watch".into())
        .spawn(move || debounce(&events, on_change))
        .map_err(|e| format!("cannot watch files: {e}"))?;
    Ok(watcher)
}

/// A change worth a rebuild, or `None` for what is only a look at a file:
/// opening and closing without writing (the rebuild's own reads among them,
/// which would otherwise set off the next rebuild, forever).
fn changed_paths(event: notify::Result<notify::Event>) -> Option<Vec<PathBuf>> {
    match event {
        Ok(event) if matches!(event.kind, EventKind::Access(_)) => None,
        Ok(event) => Some(event.paths),
        Err(_) => Some(Vec::new()),
    }
}

fn debounce(
    events: &Receiver<notify::Result<notify::Event>>,
    on_change: impl Fn(&HashSet<PathBuf>),
) {
    while let Ok(event) = events.recv() {
        let Some(first) = changed_paths(event) else {
            continue;
        };
        let mut unknown = first.is_empty();
        let mut changed: HashSet<PathBuf> = first.into_iter().collect();
        loop {
            match events.recv_timeout(QUIET) {
                Ok(event) => {
                    if let Some(paths) = changed_paths(event) {
                        unknown |= paths.is_empty();
                        changed.extend(paths);
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if unknown {
            changed.clear();
        }
        on_change(&changed);
    }
}
