//! The output stage: the leak guard ([`guard`]) reads every rendered file
//! of a public build before it goes anywhere; then a [`Sink`] takes it —
//! the [`Staging`] folder that `build` swaps in whole at the end, or the
//! [`Memory`] that `serve` answers from. A build replaces only what a
//! build made ([`check_destination`]).

mod destination;
mod guard;
mod staging;

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};

pub use crate::render::OutputFile;
pub use destination::{MARKER, check_destination};
pub use guard::{Guard, Leak, guard};
pub use staging::Staging;

/// Where the files of a build go once rendered and guarded, from several
/// threads at once.
pub trait Sink: Sync {
    /// Takes one file of the site.
    fn put(&self, file: OutputFile) -> io::Result<()>;

    /// Whether this sink takes a file in pieces as they are made
    /// ([`Sink::open`]); `false` (the default) where it takes whole files
    /// only.
    fn takes_pieces(&self) -> bool {
        false
    }

    /// Starts the file at `path`, to be written in pieces as they are
    /// made. A file written so is read back whole with
    /// [`Sink::read_back`] and left out with [`Sink::remove`].
    fn open(&self, path: &str) -> io::Result<Box<dyn io::Write + '_>> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("{path} cannot be written in pieces here"),
        ))
    }

    /// The file at `path` as written in pieces (to quote a leak in it).
    fn read_back(&self, path: &str) -> io::Result<Vec<u8>> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("{path} was not written in pieces"),
        ))
    }

    /// Leaves out the file at `path`, written in part (its maker stopped).
    fn remove(&self, _path: &str) -> io::Result<()> {
        Ok(())
    }
}

/// Files kept in memory by path, for serving.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

impl Memory {
    /// The file at `path`, if it has been put here.
    pub fn get(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.lock().get(path).cloned()
    }

    /// Keeps `file` (unless a file with its path is kept already: both
    /// were rendered from one model, so they are the same) and returns
    /// its bytes.
    pub fn keep(&self, file: OutputFile) -> Arc<Vec<u8>> {
        Arc::clone(
            self.lock()
                .entry(file.path)
                .or_insert_with(|| Arc::new(file.bytes)),
        )
    }

    /// Lets go of every file kept.
    pub fn clear(&self) {
        // Taken out under the lock, freed after it.
        let files = std::mem::take(&mut *self.lock());
        drop(files);
    }

    /// The bytes of every file kept.
    pub fn bytes_held(&self) -> usize {
        self.lock().values().map(|bytes| bytes.len()).sum()
    }

    /// Every file kept, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut files: Vec<OutputFile> = files
            .into_iter()
            .map(|(path, bytes)| OutputFile {
                path,
                bytes: Arc::try_unwrap(bytes).unwrap_or_else(|shared| shared.to_vec()),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        // A holder that panicked left the map whole: entries go in at once.
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> io::Result<()> {
        self.keep(file);
        Ok(())
    }
}
