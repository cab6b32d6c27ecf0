//! Masking: registered names become surname + 某某, mobile and landline
//! numbers keep only their ends, ID numbers their first six and last four
//! characters (or nothing), bank card numbers their last four. Text is
//! matched as a reader sees it ([`Reading`]), so a name split by a line
//! break or an invisible character, or a phone typed with dashes, is still
//! masked; the whole stretch of the original it was read from is replaced.

use std::borrow::Cow;
use std::sync::Mutex;

use aho_corasick::{AhoCorasick, MatchKind};

use super::numbers::{self, Number};
use crate::content::{IdMask, NameMask, Register};
use crate::reading::{Reading, reads_as_written};

/// One search over a text for registered names, the site's own words and
/// allowed words, each in its reading form. A match of the last two kinds
/// covers any name inside it (leftmost-longest), so that name is left alone.
#[derive(Clone, Debug)]
pub(crate) struct NameFinder {
    automaton: Option<AhoCorasick>,
    names: usize,
    allowed_numbers: Vec<String>,
}

impl NameFinder {
    /// The finder for `register`: the one built last time when the
    /// register is the same (`serve` builds a model on every save, and a
    /// full DFA for a county's register takes milliseconds to build).
    /// Sharing it is cheap: an `AhoCorasick` is a reference-counted handle.
    pub(crate) fn new(register: &Register) -> NameFinder {
        static LAST: Mutex<Option<(Register, NameFinder)>> = Mutex::new(None);
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((built_for, finder)) = &*last
            && built_for == register
        {
            return finder.clone();
        }
        let read = |text: &str| Reading::of(text).text;
        let names: Vec<String> = register
            .names()
            .filter(|n| !n.is_empty())
            .map(read)
            .collect();
        let count = names.len();
        let others = register
            .site_words
            .iter()
            .chain(&register.allowed)
            .map(|w| read(w))
            .filter(|w| !w.is_empty());
        let patterns: Vec<String> = names.into_iter().chain(others).collect();
        let automaton = (count > 0).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("patterns are plain strings of bounded size")
        });
        let finder = NameFinder {
            automaton,
            names: count,
            allowed_numbers: register
                .allowed
                .iter()
                .map(|a| digits_of(a))
                .filter(|d| d.len() >= 7)
                .collect(),
        };
        *last = Some((register.clone(), finder.clone()));
        finder
    }

    /// Registered names in `read` (a reading form): byte ranges and the
    /// index of the person.
    pub(crate) fn names_in(&self, read: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        automaton
            .find_iter(read)
            .filter(|m| m.pattern().as_usize() < self.names)
            .map(|m| (m.range(), m.pattern().as_usize()))
            .collect()
    }

    /// Sensitive numbers in `read`, less those declared public.
    pub(crate) fn numbers_in(&self, read: &str) -> Vec<(std::ops::Range<usize>, Number)> {
        let mut found = numbers::find(read);
        if !self.allowed_numbers.is_empty() {
            found.retain(|(range, _)| {
                !self
                    .allowed_numbers
                    .contains(&digits_of(&read[range.clone()]))
            });
        }
        found
    }
}

/// The digits of `text`, for comparing numbers however they are spaced.
fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Rewrites text so that no registered name, phone, ID or card number
/// stays in clear.
#[derive(Debug)]
pub struct Masker {
    finder: NameFinder,
    replacements: Vec<String>,
    id_mask: IdMask,
}

impl Masker {
    /// A masker for `register`.
    pub fn new(register: &Register, name_mask: NameMask, id_mask: IdMask) -> Masker {
        let replacements = register
            .people
            .iter()
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, surname)| {
                let hidden = name
                    .chars()
                    .count()
                    .saturating_sub(surname.chars().count())
                    .max(1);
                let rest = match name_mask {
                    NameMask::Mou2 => "某某".to_string(),
                    NameMask::Mou => "某".to_string(),
                    NameMask::Stars => "*".repeat(hidden),
                };
                format!("{surname}{rest}")
            })
            .collect();
        Masker {
            finder: NameFinder::new(register),
            replacements,
            id_mask,
        }
    }

    /// `text` with names and numbers masked; borrowed when nothing changed.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.mask_as(text, "*")
    }

    /// [`Masker::mask`] for Markdown: the stars that hide digits are
    /// escaped, or `138****5678` would read as bold and lose its stars.
    pub fn mask_markdown<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.mask_as(text, "\\*")
    }

    fn mask_as<'t>(&self, text: &'t str, star: &str) -> Cow<'t, str> {
        if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_digit() || b == b'%') {
            return Cow::Borrowed(text);
        }
        let reading = (!reads_as_written(text)).then(|| Reading::of(text));
        let read = reading.as_ref().map_or(text, |r| r.text.as_str());
        let mut hits: Vec<(std::ops::Range<usize>, String)> = self
            .finder
            .names_in(read)
            .into_iter()
            .map(|(range, person)| (range, self.replacements[person].replace('*', star)))
            .collect();
        for (range, kind) in self.finder.numbers_in(read) {
            let hidden = self.hide(&read[range.clone()], kind, star);
            hits.push((range, hidden));
        }
        if hits.is_empty() {
            return Cow::Borrowed(text);
        }
        hits.sort_by_key(|(range, _)| range.start);
        let in_reading: Vec<std::ops::Range<usize>> =
            hits.iter().map(|(range, _)| range.clone()).collect();
        let originals = match &reading {
            Some(reading) => reading.original_ranges(text, &in_reading),
            None => in_reading,
        };
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (original, (_, replacement)) in originals.into_iter().zip(hits) {
            if original.start < last {
                continue;
            }
            out.push_str(&text[last..original.start]);
            out.push_str(&replacement);
            last = original.end;
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }

    /// Masks `text` in place.
    pub fn mask_in_place(&self, text: &mut String) {
        if let Cow::Owned(masked) = self.mask(text) {
            *text = masked;
        }
    }

    /// Masks Markdown `text` in place.
    pub fn mask_markdown_in_place(&self, text: &mut String) {
        if let Cow::Owned(masked) = self.mask_markdown(text) {
            *text = masked;
        }
    }

    /// `number` with its middle digits starred; separators are kept.
    fn hide(&self, number: &str, kind: Number, star: &str) -> String {
        let digits = number.chars().filter(char::is_ascii_alphanumeric).count();
        let (head, tail) = match kind {
            // A +86 or 0086 prefix is kept with the first three digits.
            Number::Mobile => (digits.saturating_sub(8), 4),
            Number::Landline => (digits.saturating_sub(7), 2),
            Number::Id if self.id_mask == IdMask::Full => (0, 0),
            Number::Id => (6, 4),
            Number::BankCard => (0, 4),
        };
        let mut seen = 0;
        let mut hidden = String::with_capacity(number.len() * 2);
        for c in number.chars() {
            if c.is_ascii_alphanumeric() {
                seen += 1;
                if seen > head && seen <= digits - tail {
                    hidden.push_str(star);
                    continue;
                }
            }
            hidden.push(c);
        }
        hidden
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(people: &[(&str, &str)]) -> Register {
        Register {
            people: people
                .iter()
                .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
                .collect(),
            ..Register::default()
        }
    }

    fn masker() -> Masker {
        Masker::new(
            &register(&[("兰东风", "兰"), ("欧阳小明", "欧阳"), ("刘星", "刘")]),
            NameMask::Mou2,
            IdMask::Partial,
        )
    }

    #[test]
    fn masks_names_with_their_surname() {
        assert_eq!(
            masker().mask("八景村兰东风户、欧阳小明和刘星"),
            "八景村兰某某户、欧阳某某和刘某某"
        );
        let stars = Masker::new(
            &register(&[("兰东风", "兰")]),
            NameMask::Stars,
            IdMask::Partial,
        );
        assert_eq!(stars.mask("兰东风"), "兰**");
    }

    #[test]
    fn masks_names_as_a_reader_sees_them() {
        let m = masker();
        assert_eq!(m.mask("八景村兰东\n风户"), "八景村兰某某户");
        assert_eq!(m.mask("兰 东 风"), "兰某某");
        assert_eq!(m.mask("兰\u{200B}东风"), "兰某某");
        assert_eq!(m.mask("蘭東風"), "兰某某");
        assert_eq!(
            m.mask("[查](https://x.cn/?q=%E5%85%B0%E4%B8%9C%E9%A3%8E)"),
            "[查](https://x.cn/?q=兰某某)"
        );
    }

    #[test]
    fn leaves_names_inside_the_sites_own_words() {
        let mut with_place = register(&[("高华", "高")]);
        with_place.site_words = vec!["高华安置区".into()];
        let m = Masker::new(&with_place, NameMask::Mou2, IdMask::Partial);
        assert_eq!(m.mask("高华安置区的高华反映"), "高华安置区的高某某反映");
    }

    #[test]
    fn masks_numbers_but_not_other_figures() {
        let m = masker();
        assert_eq!(m.mask("电话13812345678。"), "电话138****5678。");
        assert_eq!(m.mask("电话138-1234-5678"), "电话138-****-5678");
        assert_eq!(m.mask("电话１３８１２３４５６７８"), "电话138****5678");
        assert_eq!(m.mask("+86 138 1234 5678"), "+86 138 **** 5678");
        assert_eq!(m.mask("座机0730-5123456"), "座机0730-*****56");
        assert_eq!(m.mask("座机(0730)1234567"), "座机(0730)*****67");
        assert_eq!(
            m.mask("身份证43062119900101123X"),
            "身份证430621********123X"
        );
        assert_eq!(m.mask("卡号6222020200112233446"), "卡号***************3446");
        assert_eq!(
            m.mask("共83户272人,42.68%,2025-09-30,12345678901234567890"),
            "共83户272人,42.68%,2025-09-30,12345678901234567890"
        );
        assert_eq!(
            m.mask("width:27.272727272727273%"),
            "width:27.272727272727273%"
        );
        let full = Masker::new(&Register::default(), NameMask::Mou2, IdMask::Full);
        assert_eq!(full.mask("430621199001011234"), "******************");
    }

    #[test]
    fn escapes_its_stars_in_markdown() {
        let m = masker();
        assert_eq!(
            m.mask_markdown("电话13812345678"),
            "电话138\\*\\*\\*\\*5678"
        );
        let stars = Masker::new(
            &register(&[("兰东风", "兰")]),
            NameMask::Stars,
            IdMask::Partial,
        );
        assert_eq!(stars.mask_markdown("兰东风"), "兰\\*\\*");
    }

    #[test]
    fn leaves_allowed_numbers_in_clear() {
        let mut public_phone = register(&[]);
        public_phone.allowed = vec!["0730-5123456".into()];
        let m = Masker::new(&public_phone, NameMask::Mou2, IdMask::Partial);
        assert_eq!(m.mask("监督电话:0730 5123456"), "监督电话:0730 5123456");
        assert_eq!(m.mask("电话13812345678"), "电话138****5678");
    }

    #[test]
    fn leaves_clean_text_borrowed() {
        assert!(matches!(masker().mask("整改完成"), Cow::Borrowed(_)));
    }
}
