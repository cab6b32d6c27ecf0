//! How one character compares in the reading form: folded by NFKC,
//! traditional Han characters as simplified, invisible ones dropped.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

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
pub(super) fn is_invisible(c: char) -> bool {
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
pub(super) fn folded(c: char) -> impl Iterator<Item = char> {
    let simple = c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let mut buffer = [None; 4];
    if simple {
        buffer[0] = Some(c);
    } else if let Some(punctuation) = punctuation_folded(c) {
        buffer[0] = Some(punctuation);
    } else {
        for (slot, d) in buffer.iter_mut().zip(std::iter::once(c).nfkc()) {
            *slot = Some(d);
        }
    }
    buffer.into_iter().flatten().map(simplified)
}

/// The NFKC form of the punctuation Chinese text is full of, without
/// asking the normaliser: full-width ASCII (`，` `：` `（` `１`) is ASCII,
/// the ideographic space a space, and the CJK marks (`、` `。` `《` `【`)
/// their own form. `None` for anything else, and for the few CJK marks
/// NFKC changes.
fn punctuation_folded(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        '\u{3036}' | '\u{3038}'..='\u{303A}' => None,
        '\u{3001}'..='\u{303F}' => Some(c),
        _ => None,
    }
}

/// The first and last character of the simplification table.
const TABLE_START: char = '\u{3400}';
const TABLE_END: char = '\u{9FFF}';

/// `c` in simplified form. The table covers the BMP's Han blocks, one slot
/// per character, read once from fast2s (which converts whole strings,
/// character by character): a lookup is an index, on the hot path of
/// every text the public build masks or guards.
pub(super) fn simplified(c: char) -> char {
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

    #[test]
    fn punctuation_folds_as_the_normaliser_folds_it() {
        for c in ('\u{3000}'..='\u{303F}').chain('\u{FF00}'..='\u{FFEF}') {
            if let Some(quick) = punctuation_folded(c) {
                let normalised: Vec<char> = std::iter::once(c).nfkc().collect();
                assert_eq!(vec![quick], normalised, "U+{:04X}", c as u32);
            }
        }
        assert_eq!(
            crate::reading::Reading::of("整改，完成（１００％）").text,
            "整改,完成(100%)"
        );
    }
}
