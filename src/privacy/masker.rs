//! Masking: registered names become surname + 某某, mobile and landline
//! numbers keep only their ends, ID numbers their first six and last four
//! characters (or nothing).

use std::borrow::Cow;
use std::sync::{LazyLock, Mutex};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

/// How a masked name is written after the surname.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameMask {
    /// 兰东风 → 兰某某 (the default).
    #[default]
    Mou2,
    /// 兰东风 → 兰某.
    Mou,
    /// 兰东风 → 兰**.
    Stars,
}

/// How much of an ID number is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IdMask {
    /// First six and last four characters (the default).
    #[default]
    Partial,
    /// Nothing: every character becomes `*`.
    Full,
}

/// Rewrites text so that no registered name, phone or ID number stays in clear.
#[derive(Debug)]
pub struct Masker {
    names: Option<AhoCorasick>,
    replacements: Vec<String>,
    numbers: Regex,
    id_mask: IdMask,
}

/// Landlines with an area code, and digit runs long enough to be a mobile
/// or ID number (an ID may end in X). Shorter runs (figures, coordinates)
/// are never matched, which keeps scanning large outputs cheap.
pub(crate) const NUMBERS: &str = r"0[0-9]{2,3}-[0-9]{7,8}|[0-9]{11,}[Xx]?";

/// What kind of sensitive number a digit run is, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Number {
    Mobile,
    Landline,
    Id,
}

/// Classifies a match of [`NUMBERS`]; `before`/`after` are the neighbouring
/// characters, so digits inside longer runs are not taken for numbers.
pub(crate) fn classify(found: &str, before: Option<char>, after: Option<char>) -> Option<Number> {
    // Digits inside a longer run, or after a decimal point (27.272727…%), are
    // parts of other figures.
    if before.is_some_and(|c| c.is_ascii_digit() || c == '.')
        || after.is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let bytes = found.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if found.contains('-') {
        return Some(Number::Landline);
    }
    match bytes.len() {
        11 if digits(0..11) && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) => {
            Some(Number::Mobile)
        }
        18 if digits(0..17) => Some(Number::Id),
        15 if digits(0..15) && bytes[0] != b'0' => Some(Number::Id),
        _ => None,
    }
}

/// The automaton finding `names`: the one built last time when the
/// register is the same (`serve` builds a model on every save, and a full
/// DFA for a county's register takes milliseconds to build). Sharing it
/// is cheap: an `AhoCorasick` is a reference-counted handle.
fn name_finder(names: &[&str]) -> AhoCorasick {
    static LAST: Mutex<Option<(Vec<String>, AhoCorasick)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((built_for, finder)) = &*last
        && built_for
            .iter()
            .map(String::as_str)
            .eq(names.iter().copied())
    {
        return finder.clone();
    }
    let finder = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(names)
        .expect("names are plain strings of bounded size");
    *last = Some((
        names.iter().map(|n| (*n).to_string()).collect(),
        finder.clone(),
    ));
    finder
}

/// [`NUMBERS`] compiled, once per process (a `Regex` clone is a handle).
pub(crate) fn number_pattern() -> Regex {
    static COMPILED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(NUMBERS).expect("a fixed, valid pattern"));
    COMPILED.clone()
}

impl Masker {
    /// A masker for `people` as `(full name, surname)`.
    pub fn new<'a>(
        people: impl IntoIterator<Item = (&'a str, &'a str)>,
        name_mask: NameMask,
        id_mask: IdMask,
    ) -> Masker {
        let (names, replacements): (Vec<&str>, Vec<String>) = people
            .into_iter()
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
                (name, format!("{surname}{rest}"))
            })
            .unzip();
        let names = (!names.is_empty()).then(|| name_finder(&names));
        Masker {
            names,
            replacements,
            numbers: number_pattern(),
            id_mask,
        }
    }

    /// `text` with names and numbers masked; borrowed when nothing changed.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let named: Cow<'t, str> = match &self.names {
            Some(names) if names.is_match(text) => {
                Cow::Owned(names.replace_all(text, &self.replacements))
            }
            _ => Cow::Borrowed(text),
        };
        if !named.bytes().any(|b| b.is_ascii_digit()) {
            return named;
        }
        let mut out = String::new();
        let mut last = 0;
        for found in self.numbers.find_iter(&named) {
            let before = named[..found.start()].chars().next_back();
            let after = named[found.end()..].chars().next();
            let Some(kind) = classify(found.as_str(), before, after) else {
                continue;
            };
            out.push_str(&named[last..found.start()]);
            out.push_str(&self.hide(found.as_str(), kind));
            last = found.end();
        }
        if last == 0 {
            return named;
        }
        out.push_str(&named[last..]);
        Cow::Owned(out)
    }

    /// Masks `text` in place.
    pub fn mask_in_place(&self, text: &mut String) {
        if let Cow::Owned(masked) = self.mask(text) {
            *text = masked;
        }
    }

    fn hide(&self, number: &str, kind: Number) -> String {
        let keep = |head: usize, tail: usize| {
            let chars: Vec<char> = number.chars().collect();
            chars
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i < head || i >= chars.len() - tail || *c == '-' {
                        *c
                    } else {
                        '*'
                    }
                })
                .collect::<String>()
        };
        match kind {
            Number::Mobile => keep(3, 4),
            Number::Landline => keep(number.find('-').unwrap_or(3), 2),
            Number::Id if self.id_mask == IdMask::Full => "*".repeat(number.len()),
            Number::Id => keep(6, 4),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masker() -> Masker {
        Masker::new(
            [("兰东风", "兰"), ("欧阳小明", "欧阳"), ("刘星", "刘")],
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
        let stars = Masker::new([("兰东风", "兰")], NameMask::Stars, IdMask::Partial);
        assert_eq!(stars.mask("兰东风"), "兰**");
    }

    #[test]
    fn masks_numbers_but_not_other_figures() {
        let m = masker();
        assert_eq!(m.mask("电话13812345678。"), "电话138****5678。");
        assert_eq!(m.mask("座机0730-5123456"), "座机0730-*****56");
        assert_eq!(
            m.mask("身份证43062119900101123X"),
            "身份证430621********123X"
        );
        assert_eq!(
            m.mask("共83户272人,42.68%,2025-09-30,12345678901234567890"),
            "共83户272人,42.68%,2025-09-30,12345678901234567890"
        );
        assert_eq!(
            m.mask("width:27.272727272727273%"),
            "width:27.272727272727273%"
        );
        let full = Masker::new([], NameMask::Mou2, IdMask::Full);
        assert_eq!(full.mask("430621199001011234"), "******************");
    }

    #[test]
    fn leaves_clean_text_borrowed() {
        assert!(matches!(masker().mask("整改完成"), Cow::Borrowed(_)));
    }
}
