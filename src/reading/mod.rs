//! Text as a reader sees it. A browser shows `兰东\n风` as one name, a
//! zero-width space or a soft hyphen not at all, `１３８` as 138, `蘭` as
//! the same surname as `兰`, and a link's `%E5%85%B0` as 兰. The masker and
//! the leak guard both match against this reading form, so that a name or
//! number is caught however it was typed, and the masker can still map each
//! match back to the bytes it came from.

mod fold;

pub use fold::is_han;
use fold::{folded, is_invisible, simplified};

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
        let mut text = Text(String::with_capacity(original.len()));
        read(original, &mut text);
        Reading { text: text.0 }
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
        read(original, &mut |c: char, start: usize, end: usize| {
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

/// What [`read`] hands each character of the reading form to.
trait Emit {
    /// `c`, which stands for `start..end` of the original.
    fn char(&mut self, c: char, start: usize, end: usize);

    /// A run that reads as written, character for character (ASCII other
    /// than whitespace and `%`, or Han characters that are their own
    /// simplified form), starting at `start` of the original.
    fn run(&mut self, run: &str, start: usize) {
        for (i, c) in run.char_indices() {
            self.char(c, start + i, start + i + c.len_utf8());
        }
    }
}

impl<F: FnMut(char, usize, usize)> Emit for F {
    fn char(&mut self, c: char, start: usize, end: usize) {
        self(c, start, end);
    }
}

/// The reading form alone, copied a run at a time where it can be.
struct Text(String);

impl Emit for Text {
    fn char(&mut self, c: char, _: usize, _: usize) {
        self.0.push(c);
    }

    fn run(&mut self, run: &str, _: usize) {
        self.0.push_str(run);
    }
}

/// Walks `original` in its reading form, handing each character read to
/// `emit` with the byte range of the original it stands for. Runs of
/// ASCII other than whitespace and `%`, and of the common Han characters
/// (most of any page), take a short way through; every other character is
/// folded one by one.
fn read(original: &str, emit: &mut impl Emit) {
    let bytes = original.as_bytes();
    let mut walk = Walk {
        emit,
        pending_space: None,
        last_han: false,
    };
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if printable(byte) {
            let end = bytes[at..]
                .iter()
                .position(|b| !printable(*b))
                .map_or(bytes.len(), |n| at + n);
            walk.ascii(&original[at..end], at);
            at = end;
            continue;
        }
        // Han characters of the common block, three bytes in UTF-8: never
        // invisible, never whitespace, their own NFKC form; a run of those
        // already simplified reads as written.
        if let Some(c) = common_han(original, at) {
            let simple = simplified(c);
            if simple != c {
                walk.take(simple, at, at + 3);
                at += 3;
                continue;
            }
            let mut end = at + 3;
            while let Some(next) = common_han(original, end)
                && simplified(next) == next
            {
                end += 3;
            }
            walk.han(&original[at..end], at);
            at = end;
            continue;
        }
        if byte == b'%'
            && let Some(decoded) =
                crate::escape::escaped_run(&bytes[at..]).and_then(|raw| String::from_utf8(raw).ok())
        {
            for d in decoded.chars() {
                let width = d.len_utf8() * 3;
                for f in folded(d) {
                    walk.take(f, at, at + width);
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
            walk.take(f, at, end);
        }
        at = end;
    }
    if let Some((first, last)) = walk.pending_space {
        walk.emit.char(' ', first, last);
    }
}

/// ASCII that reads as written, one for one: anything but whitespace and
/// `%`. That takes in control characters too (none is invisible or
/// folded), among them the separator the leak guard puts between two
/// table cells or attribute values, thousands of times in a page.
fn printable(byte: u8) -> bool {
    byte.is_ascii() && !matches!(byte, b'%' | b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The character at byte `at` of `text` when it is a Han character of the
/// common block (U+4E00–U+9FFF, three bytes in UTF-8).
fn common_han(text: &str, at: usize) -> Option<char> {
    let lead = *text.as_bytes().get(at)?;
    if !(0xE4..=0xE9).contains(&lead) {
        return None;
    }
    let c = text.get(at..at + 3)?.chars().next()?;
    ('\u{4E00}'..='\u{9FFF}').contains(&c).then_some(c)
}

/// The state of a walk through a text: whitespace waits to learn whether
/// a Han character follows it (then it is dropped).
struct Walk<'e, E: Emit> {
    emit: &'e mut E,
    pending_space: Option<(usize, usize)>,
    last_han: bool,
}

impl<E: Emit> Walk<'_, E> {
    /// One character of the folded text, standing for `start..end`.
    fn take(&mut self, c: char, start: usize, end: usize) {
        if is_invisible(c) {
            return;
        }
        if c.is_whitespace() {
            self.pending_space = Some(match self.pending_space {
                Some((first, _)) => (first, end),
                None => (start, end),
            });
            return;
        }
        let han = is_han(c);
        if let Some((first, last)) = self.pending_space.take()
            && !(han && self.last_han)
        {
            self.emit.char(' ', first, last);
        }
        self.emit.char(c, start, end);
        self.last_han = han;
    }

    /// A run of [`printable`] bytes: no Han character, nothing folded.
    fn ascii(&mut self, run: &str, start: usize) {
        if let Some((first, last)) = self.pending_space.take() {
            self.emit.char(' ', first, last);
        }
        self.emit.run(run, start);
        self.last_han = false;
    }

    /// A run of common Han characters, each its own simplified form:
    /// nothing folded, and whitespace between it and the Han character
    /// before it dropped.
    fn han(&mut self, run: &str, start: usize) {
        if let Some((first, last)) = self.pending_space.take()
            && !self.last_han
        {
            self.emit.char(' ', first, last);
        }
        self.emit.run(run, start);
        self.last_han = true;
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

    /// The short way takes every ASCII character that reads as itself, so
    /// that none breaks a run: the guard's separator between two cells
    /// once sent each of a county's pages through the long way thousands
    /// of times.
    #[test]
    fn every_ascii_character_that_reads_as_itself_takes_the_short_way() {
        for byte in 0..=0x7Fu8 {
            let c = char::from(byte);
            let as_itself = !c.is_whitespace() && c != '%' && !is_invisible(c);
            assert_eq!(printable(byte), as_itself, "{byte:#04x}");
            if as_itself {
                assert_eq!(folded(c).collect::<String>(), c.to_string(), "{byte:#04x}");
            }
        }
    }

    #[test]
    fn plain_ascii_reads_as_written() {
        assert!(reads_as_written("width: 27.2%;"));
        assert!(!reads_as_written("100%E5"));
        assert!(!reads_as_written("兰"));
    }

    /// The reading form worked out one character at a time, as it was
    /// before runs took a short way: the fast walk must agree with it.
    fn read_slowly(original: &str) -> String {
        let mut chars: Vec<char> = Vec::new();
        let mut at = 0;
        while at < original.len() {
            let rest = &original.as_bytes()[at..];
            if rest[0] == b'%'
                && let Some(decoded) =
                    crate::escape::escaped_run(rest).and_then(|raw| String::from_utf8(raw).ok())
            {
                chars.extend(decoded.chars().flat_map(folded));
                at += decoded.chars().map(|d| d.len_utf8() * 3).sum::<usize>();
                continue;
            }
            let c = original[at..].chars().next().expect("inside the text");
            chars.extend(folded(c));
            at += c.len_utf8();
        }
        let mut out = String::new();
        let (mut space, mut last_han) = (false, false);
        for c in chars.into_iter().filter(|c| !is_invisible(*c)) {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if std::mem::take(&mut space) && !(is_han(c) && last_han) {
                out.push(' ');
            }
            out.push(c);
            last_han = is_han(c);
        }
        if space {
            out.push(' ');
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_short_ways_read_as_the_long_one(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Tel. ", "138", "%E5%85%B0", "%", "%4", "100%", " ", "  ", "\n", "\t",
                "兰", "東", "蘭", "风", "户", "１３８", "\u{200B}", "\u{00AD}", "\u{FEFF}",
                "\u{1F}", "\u{1}", "\u{7F}", "\u{B}", "\u{C}", "\r", "é", "ｱ", "\u{F900}", "\u{3400}", "𠀀", "，", "：", "\u{3000}",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(Reading::of(&text).text, read_slowly(&text));
            // Every character of the reading form maps back into the text.
            let reading = Reading::of(&text);
            let mut at = 0;
            for c in reading.text.chars() {
                let range = reading.original_range(&text, at..at + c.len_utf8());
                proptest::prop_assert!(range.end <= text.len());
                at += c.len_utf8();
            }
        }
    }
}
