//! Text as a reader sees it. A browser shows `兰东\n风` as one name, a
//! zero-width space or a soft hyphen not at all, `１３８` as 138, `蘭` as
//! the same surname as `兰`, and a link's `%E5%85%B0` as 兰. The masker and
//! the leak guard both match against this reading form, so that a name or
//! number is caught however it was typed, and the masker can still map each
//! match back to the bytes it came from.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// A text in its reading form. Where each character came from is worked
/// out again only when asked ([`Reading::original_range`]): matches are
/// rare, and a county's print pack is tens of megabytes.
#[derive(Debug, Default)]
pub struct Reading {
    /// The reading form: NFKC, invisible characters dropped, whitespace
    /// between Han characters dropped (other runs of whitespace become one
    /// space), traditional characters simplified, `%XX` runs decoded.
    pub text: String,
}

impl Reading {
    /// The reading form of `original`.
    pub fn of(original: &str) -> Reading {
        let mut text = String::with_capacity(original.len());
        read(original, |c, _, _| text.push(c));
        Reading { text }
    }

    /// The byte range of `original` (the text this was read from) that
    /// `range` of [`Reading::text`] stands for: from the first character's
    /// start to the last one's end.
    pub fn original_range(
        &self,
        original: &str,
        range: std::ops::Range<usize>,
    ) -> std::ops::Range<usize> {
        self.original_ranges(original, std::slice::from_ref(&range))
            .pop()
            .unwrap_or(0..0)
    }

    /// [`Reading::original_range`] of each of `ranges`, in one walk.
    pub fn original_ranges(
        &self,
        original: &str,
        ranges: &[std::ops::Range<usize>],
    ) -> Vec<std::ops::Range<usize>> {
        let mut found: Vec<Option<std::ops::Range<usize>>> = vec![None; ranges.len()];
        let mut at = 0;
        read(original, |c, start, end| {
            for (range, found) in ranges.iter().zip(found.iter_mut()) {
                if range.contains(&at) {
                    *found = Some(match found.take() {
                        Some(so_far) => so_far.start..end,
                        None => start..end,
                    });
                }
            }
            at += c.len_utf8();
        });
        found.into_iter().map(|r| r.unwrap_or(0..0)).collect()
    }
}

/// Walks `original` in its reading form, handing each character read with
/// the byte range of the original it stands for.
fn read(original: &str, mut emit: impl FnMut(char, usize, usize)) {
    let bytes = original.as_bytes();
    // Whitespace waiting to learn whether a Han character follows it.
    let mut pending_space: Option<(usize, usize)> = None;
    let mut last_han = false;
    let mut take = |c: char, start: usize, end: usize| {
        if is_invisible(c) {
            return;
        }
        if c.is_whitespace() {
            pending_space = Some(match pending_space {
                Some((first, _)) => (first, end),
                None => (start, end),
            });
            return;
        }
        let han = is_han(c);
        if let Some((first, last)) = pending_space.take()
            && !(han && last_han)
        {
            emit(' ', first, last);
        }
        emit(c, start, end);
        last_han = han;
    };
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // Most of any page is ASCII, which reads as written.
        if byte.is_ascii() && byte != b'%' {
            take(char::from(byte), at, at + 1);
            at += 1;
            continue;
        }
        if byte == b'%'
            && let Some(decoded) =
                crate::escape::escaped_run(&bytes[at..]).and_then(|raw| String::from_utf8(raw).ok())
        {
            for d in decoded.chars() {
                let width = d.len_utf8() * 3;
                for f in folded(d) {
                    take(f, at, at + width);
                }
                at += width;
            }
            continue;
        }
        let c = original[at..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        let end = at + c.len_utf8();
        for f in folded(c) {
            take(f, at, end);
        }
        at = end;
    }
    if let Some((first, last)) = pending_space {
        emit(' ', first, last);
    }
}

/// Whether `text` reads exactly as written, so no reading form is needed:
/// plain ASCII without `%XX` escapes, line breaks, tabs or runs of spaces.
pub fn reads_as_written(text: &str) -> bool {
    text.is_ascii()
        && !text.contains("  ")
        && !text.contains(['\t', '\n', '\r', '\x0B', '\x0C'])
        && !text
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// Whether `c` is a Han character (CJK ideographs and their extensions).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Characters that take no space on the page: zero-width spaces and
/// joiners, the soft hyphen, the word joiner and invisible operators, the
/// byte-order mark, direction marks and embeddings.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// `c` as compared: its NFKC form (full-width digits and letters become
/// ASCII, compatibility ideographs the unified ones), each Han character
/// in its simplified form.
fn folded(c: char) -> impl Iterator<Item = char> {
    let simple = c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let mut buffer = [None; 4];
    if simple {
        buffer[0] = Some(c);
    } else {
        for (slot, d) in buffer.iter_mut().zip(std::iter::once(c).nfkc()) {
            *slot = Some(d);
        }
    }
    buffer.into_iter().flatten().map(simplified)
}

/// The first and last character of the simplification table.
const TABLE_START: char = '\u{3400}';
const TABLE_END: char = '\u{9FFF}';

/// `c` in simplified form. The table covers the BMP's Han blocks, one slot
/// per character, read once from fast2s (which converts whole strings,
/// character by character): a lookup is an index, on the hot path of
/// every text the public build masks or guards.
fn simplified(c: char) -> char {
    static TABLE: LazyLock<Vec<char>> = LazyLock::new(|| {
        let traditional: String = (TABLE_START..=TABLE_END).collect();
        let simplified: Vec<char> = fast2s::convert(&traditional).chars().collect();
        let same_length = simplified.len() == traditional.chars().count();
        // fast2s maps character to character; if that ever changed, the
        // table would be wrong, so it is left as the identity instead.
        if same_length {
            simplified
        } else {
            traditional.chars().collect()
        }
    });
    if (TABLE_START..=TABLE_END).contains(&c) {
        TABLE[(c as u32 - TABLE_START as u32) as usize]
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        Reading::of(text).text
    }

    #[test]
    fn reads_names_however_they_are_typed() {
        assert_eq!(read("八景村兰东\n风户"), "八景村兰东风户");
        assert_eq!(read("兰 东 风"), "兰东风");
        assert_eq!(read("兰\u{200B}东\u{00AD}风\u{2060}"), "兰东风");
        assert_eq!(read("\u{FEFF}蘭東風"), "兰东风");
        assert_eq!(read("q=%E5%85%B0%E4%B8%9C%E9%A3%8E&x=1"), "q=兰东风&x=1");
    }

    #[test]
    fn reads_numbers_in_ascii_and_keeps_latin_spacing() {
        assert_eq!(read("１３８ １２３４"), "138 1234");
        assert_eq!(read("Tel.  138\t1234"), "Tel. 138 1234");
        assert_eq!(read("42.68% 提高"), "42.68% 提高");
        assert_eq!(read("100%完成"), "100%完成");
    }

    #[test]
    fn maps_matches_back_to_the_bytes_they_came_from() {
        let original = "村兰东\n风户";
        let reading = Reading::of(original);
        let at = reading.text.find("兰东风").unwrap();
        let range = reading.original_range(original, at..at + "兰东风".len());
        assert_eq!(&original[range], "兰东\n风");
        let url = "a%E5%85%B0b";
        let reading = Reading::of(url);
        assert_eq!(&url[reading.original_range(url, 1..4)], "%E5%85%B0");
    }

    #[test]
    fn plain_ascii_reads_as_written() {
        assert!(reads_as_written("width: 27.2%;"));
        assert!(!reads_as_written("100%E5"));
        assert!(!reads_as_written("兰"));
    }
}
