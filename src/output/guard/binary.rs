//! Output files that are not plain text, read as what they hold: a zip
//! archive (the Excel workbook) entry by entry, a gzip stream (a `.gz` a
//! site puts among its static files) decompressed, and any other bytes (an
//! image) searched for the registered names as they are.

use aho_corasick::AhoCorasick;

use super::view::{Markup, View};
use super::{Guard, Leak, OutputFile, PIECE, Place, searched_names};
use crate::diagnostics::{LeakPlace, Leaked};

/// How every zip archive (and so every `.xlsx`) starts.
pub(super) const ZIP: &[u8] = b"PK\x03\x04";

/// How every gzip stream starts. taizhang writes none (the search index
/// is plain JavaScript); a site's static files may hold one.
pub(super) const GZIP: &[u8] = b"\x1f\x8b";

impl Guard {
    /// A zip archive (an Excel workbook): every entry read as text, XML as
    /// a spreadsheet shows it. An archive that cannot be read is searched
    /// as bytes, as any other binary file.
    pub(super) fn scan_zip(&self, file: &OutputFile, leaks: &mut Vec<Leak>) {
        use std::io::Read;
        let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(&file.bytes)) else {
            self.scan_binary(file, leaks);
            return;
        };
        for index in 0..archive.len() {
            let Ok(mut entry) = archive.by_index(index) else {
                continue;
            };
            let name = entry
                .name()
                .map_or_else(|_| format!("entry {index}"), |n| n.into_owned());
            let place = Place::Entry(&name);
            if name.ends_with(".xml") || name.ends_with(".rels") {
                // Read as it is decompressed: a county's task sheet is
                // 54 MB of XML, held whole beside its pieces before.
                let markup = Markup::InArchive;
                View::markup_read_in_pieces(
                    &mut entry,
                    markup,
                    PIECE,
                    &self.searched,
                    &mut |view| {
                        self.search(view, file, place, leaks);
                    },
                );
                continue;
            }
            let mut text = String::new();
            if entry.read_to_string(&mut text).is_ok() {
                self.search(&View::plain(&text), file, place, leaks);
            }
        }
    }

    /// A gzip-compressed file: its text after decompression (its bytes,
    /// when that is not text). One that does not decompress is searched
    /// as bytes.
    pub(super) fn scan_gzip(&self, file: &OutputFile, leaks: &mut Vec<Leak>) {
        use std::io::Read;
        let mut bytes = Vec::new();
        let inflated = flate2::read::GzDecoder::new(file.bytes.as_slice()).read_to_end(&mut bytes);
        match (inflated, String::from_utf8(bytes)) {
            (Ok(_), Ok(text)) => {
                let place = Place::Decompressed;
                self.search(&View::plain(&text), file, place, leaks);
            }
            (Ok(_), Err(not_text)) => {
                let inflated = OutputFile {
                    path: file.path.clone(),
                    bytes: not_text.into_bytes(),
                };
                self.scan_binary(&inflated, leaks);
            }
            (Err(_), _) => self.scan_binary(file, leaks),
        }
    }

    /// A file that is not UTF-8 (an image, say): registered names as bytes.
    pub(super) fn scan_binary(&self, file: &OutputFile, leaks: &mut Vec<Leak>) {
        let raw = self.raw_names.get_or_init(|| {
            let names: Vec<&str> = searched_names(&self.register).collect();
            // A full DFA: searched over every byte of binary files.
            (!names.is_empty()).then(|| {
                AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(&names)
                    .expect("names are plain strings")
            })
        });
        let Some(raw) = raw else { return };
        for found in raw.find_iter(&file.bytes) {
            // The patterns are the searched names, in order.
            let name = searched_names(&self.register).nth(found.pattern().as_usize());
            leaks.push(Leak {
                path: file.path.clone(),
                line: 1,
                col: found.start() + 1,
                found: Leaked::Name,
                start: name
                    .map(|n| n.chars().take(1).collect())
                    .unwrap_or_default(),
                place: LeakPlace::Bytes,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{file, register, what};
    use super::*;
    use crate::output::guard::guard;

    #[test]
    fn file_names_and_binary_files_are_searched() {
        let r = register(&["兰东风"]);
        let leaks = guard(&[file("static/兰东风.jpg", "")], &r);
        assert_eq!(leaks.len(), 1);
        assert!(what(&leaks[0]).ends_with("in the file name"));
        let mut image = vec![0xFF, 0xD8, 0xFF];
        image.extend("兰东风".as_bytes());
        let binary = OutputFile {
            path: "static/a.jpg".into(),
            bytes: image,
        };
        assert_eq!(guard(&[binary], &r).len(), 1);
    }

    #[test]
    fn a_name_in_a_binary_file_is_told_by_its_own_first_character() {
        let r = register(&["", "兰东风"]);
        let mut image = vec![0xFF, 0xD8, 0xFF];
        image.extend("兰东风".as_bytes());
        let binary = OutputFile {
            path: "static/a.jpg".into(),
            bytes: image,
        };
        let leaks = guard(&[binary], &r);
        let found: Vec<String> = leaks.iter().map(what).collect();
        assert_eq!(found, ["a registered name (兰…) in its bytes"]);
    }

    /// A workbook of `entries`, each deflated as a spreadsheet's are.
    fn workbook(entries: &[(&str, &[u8])]) -> OutputFile {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("an entry");
            zip.write_all(bytes).expect("writes");
        }
        OutputFile {
            path: "data/ledger.xlsx".into(),
            bytes: zip.finish().expect("finishes").into_inner(),
        }
    }

    #[test]
    fn a_workbooks_sheets_are_read_as_they_are_decompressed() {
        let r = register(&["兰东风"]);
        // The name stands past the reader's first buffers, split over
        // them (one byte of filler moves it off any boundary).
        let cells = "<c><v>村</v></c>".repeat(5000);
        let sheet = format!("<sheetData>{cells}<c><is><t>x兰东风</t></is></c></sheetData>");
        let leaks = guard(
            &[workbook(&[("xl/worksheets/sheet1.xml", sheet.as_bytes())])],
            &r,
        );
        let found: Vec<String> = leaks.iter().map(what).collect();
        assert_eq!(
            found,
            ["a registered name (兰…) in xl/worksheets/sheet1.xml"]
        );
        // A sheet with a byte that is not UTF-8 is still read, not passed over.
        let mut broken = b"<sheetData><c><is><t>\xFF</t></is></c>".to_vec();
        broken.extend("<c><is><t>兰东风</t></is></c></sheetData>".as_bytes());
        let leaks = guard(&[workbook(&[("xl/worksheets/sheet2.xml", &broken)])], &r);
        assert_eq!(leaks.len(), 1, "{leaks:?}");
        // Two cells are two things.
        let apart = "<c><is><t>兰</t></is></c><c><is><t>东风</t></is></c>";
        assert!(
            guard(
                &[workbook(&[("xl/sharedStrings.xml", apart.as_bytes())])],
                &r
            )
            .is_empty()
        );
    }

    /// A cell's style index and type are read by no one: what Excel
    /// shows is the cell's value. The same attributes on a page are read.
    #[test]
    fn a_sheets_cell_style_and_type_are_not_words_its_values_are() {
        let r = register(&["兰东风"]);
        let sheet = |cell: &str| {
            let xml = format!("<sheetData><row r=\"1\">{cell}</row></sheetData>");
            guard(
                &[workbook(&[("xl/worksheets/sheet1.xml", xml.as_bytes())])],
                &r,
            )
        };
        assert!(sheet("<c r=\"A1\" s=\"13812345678\" t=\"s\"><v>0</v></c>").is_empty());
        assert!(sheet("<c r=\"A1\" s=\"3\" t=\"兰东风\"><v>0</v></c>").is_empty());
        let leaks = sheet("<c r=\"A1\" s=\"3\"><v>13812345678</v></c>");
        assert_eq!(leaks.len(), 1, "{leaks:?}");
        assert!(what(&leaks[0]).starts_with("a mobile number"));
        // A cell's text that looks like markup is shown as written.
        let escaped = "<c t=\"inlineStr\"><is><t>&lt;p t=\"兰东风\"&gt;</t></is></c>";
        assert_eq!(sheet(escaped).len(), 1);
        let page = file("a.html", "<p s=\"13812345678\" t=\"兰东风\">ok</p>");
        assert_eq!(guard(&[page], &r).len(), 2);
    }

    #[test]
    fn compressed_files_are_searched_decompressed() {
        use std::io::Write;
        let r = register(&["兰东风"]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("八景村兰\u{200B}东风户".as_bytes())
            .expect("compresses");
        let fragment = OutputFile {
            path: "data/notes.txt.gz".into(),
            bytes: gz.finish().expect("compresses"),
        };
        let leaks = guard(&[fragment], &r);
        assert_eq!(leaks.len(), 1);
        assert!(
            what(&leaks[0]).ends_with("in its decompressed text"),
            "{:?}",
            leaks[0]
        );
    }
}
