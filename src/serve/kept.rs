//! The files a served site keeps between requests: the pages asked for as
//! they were rendered, and the big files its background check rendered,
//! deflated, so that a county's print pack, `site.json` and lists are held
//! in a fraction of their size (hundreds of megabytes at 10,000 issues).

use std::io::{Read, Write};
use std::sync::Arc;

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;

use crate::output::{Memory, OutputFile, Sink};

/// Files at least this big are kept once the background check has
/// rendered them: at county scale the print pack, `site.json` and the
/// lists take seconds to render again. Any smaller page renders again in
/// about a millisecond when it is asked for; kept, a 10,000-issue site's
/// small pages held 480 MB for the site served and as much again for the
/// one kept to fall back on.
pub(super) const KEPT_FROM: usize = 1 << 20;

/// The files kept from one version of the site.
#[derive(Debug, Default)]
pub(super) struct Kept {
    /// Files as rendered: the small ones asked for, and big ones that do
    /// not deflate (a workbook is a zip already).
    plain: Memory,
    /// Big files, deflated; each request inflates its own copy. The
    /// benchmark's 10,000-issue print pack (110 MB) is held in 5 MB and
    /// inflates in about 70 ms; a real county's repeats itself less.
    deflated: Memory,
}

impl Kept {
    /// The file at `path`, if it is kept.
    pub(super) fn get(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.plain.get(path) {
            return Some(bytes);
        }
        let deflated = self.deflated.get(path)?;
        let (length, stream) = deflated.split_at_checked(8)?;
        let length = u64::from_le_bytes(length.try_into().ok()?);
        // With room for what serving adds to a page (the reload script),
        // so that a county's print pack is not moved to grow by it.
        let room = usize::try_from(length).ok()?.saturating_add(1 << 12);
        let mut bytes = Vec::with_capacity(room);
        // Deflated here, in memory, so this cannot fail; if it ever did,
        // the file would render again, as if it had not been kept.
        DeflateDecoder::new(stream).read_to_end(&mut bytes).ok()?;
        Some(Arc::new(bytes))
    }

    /// Keeps `file` (deflated when it is big and deflating saves a
    /// quarter of it at least) and returns its bytes as rendered.
    pub(super) fn keep(&self, file: OutputFile) -> Arc<Vec<u8>> {
        if file.bytes.len() < KEPT_FROM {
            return self.plain.keep(file);
        }
        match deflated(&file.bytes) {
            Some(deflated) => {
                self.deflated.keep(OutputFile {
                    path: file.path,
                    bytes: deflated,
                });
                Arc::new(file.bytes)
            }
            None => self.plain.keep(file),
        }
    }

    /// Lets go of every file kept.
    pub(super) fn clear(&self) {
        self.plain.clear();
        self.deflated.clear();
    }

    /// The bytes held, deflated or not.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.plain.bytes_held() + self.deflated.bytes_held()
    }
}

/// `bytes` deflated at the fastest level (about 2 GB/s on the
/// benchmark's 10,000-issue print pack) after their length (8 bytes, so
/// that they inflate into a buffer of their size), or `None` when that
/// saves less than a quarter of them.
fn deflated(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut deflated = Vec::with_capacity(bytes.len() / 8);
    deflated.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    let mut encoder = DeflateEncoder::new(deflated, Compression::fast());
    encoder.write_all(bytes).ok()?;
    let mut deflated = encoder.finish().ok()?;
    // Held for as long as the site is served: no room to spare.
    deflated.shrink_to_fit();
    (deflated.len() <= bytes.len() / 4 * 3).then_some(deflated)
}

/// The background check's sink: keeps what would be slow to render again,
/// and lets the rest go once guarded.
pub(super) struct Costly<'a>(pub(super) &'a Kept);

impl Sink for Costly<'_> {
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        if file.bytes.len() >= KEPT_FROM {
            self.0.keep(file);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A big page as a county's print pack is: the same markup again and
    /// again with different words in it.
    fn print_pack(bytes: usize) -> Vec<u8> {
        let mut page = String::from("<!DOCTYPE html><html lang=\"zh-CN\"><body>");
        let mut n = 0;
        while page.len() < bytes {
            n += 1;
            page.push_str(&format!(
                "<section id=\"issue-{n}\"><h2>第{n}项问题</h2><p>落实第{n}条措施,逐户核实整改。</p></section>"
            ));
        }
        page.push_str("</body></html>");
        page.into_bytes()
    }

    #[test]
    fn the_background_check_keeps_only_what_is_slow_to_render_again() {
        let files = Kept::default();
        let sink = Costly(&files);
        for (path, bytes) in [
            ("issues/07/index.html", print_pack(20_000)),
            ("print/index.html", print_pack(KEPT_FROM)),
        ] {
            let file = OutputFile {
                path: path.into(),
                bytes,
            };
            sink.put(file).expect("memory takes every file");
        }
        assert!(files.get("issues/07/index.html").is_none());
        assert_eq!(
            files.get("print/index.html").as_deref(),
            Some(&print_pack(KEPT_FROM))
        );
    }

    #[test]
    fn a_big_file_is_held_deflated_and_served_as_rendered() {
        let files = Kept::default();
        let pack = print_pack(4 * KEPT_FROM);
        let served = files.keep(OutputFile {
            path: "print/index.html".into(),
            bytes: pack.clone(),
        });
        assert_eq!(*served, pack);
        assert_eq!(files.get("print/index.html").as_deref(), Some(&pack));
        let deflated = files.deflated.get("print/index.html").expect("kept");
        assert_eq!(
            deflated.capacity(),
            deflated.len(),
            "held with room to spare"
        );
        assert!(
            files.held() < pack.len() / 4,
            "{} bytes held for a page of {}",
            files.held(),
            pack.len()
        );
    }

    #[test]
    fn a_big_file_that_does_not_deflate_is_held_as_it_is() {
        // A workbook is a zip already: bytes that look random.
        let mut state = 0x2545_f491_u32;
        let workbook: Vec<u8> = (0..KEPT_FROM + 10)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state.to_le_bytes()[0]
            })
            .collect();
        let files = Kept::default();
        files.keep(OutputFile {
            path: "data/ledger.xlsx".into(),
            bytes: workbook.clone(),
        });
        assert_eq!(files.held(), workbook.len());
        assert_eq!(files.get("data/ledger.xlsx").as_deref(), Some(&workbook));
        files.clear();
        assert!(files.get("data/ledger.xlsx").is_none());
    }
}
