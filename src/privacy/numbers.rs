//! Phone, ID and bank card numbers as people type them: mobiles with
//! spaces or dashes and a +86 or 0086 prefix, landlines with the area code
//! in brackets, IDs in groups, card numbers in fours. The text searched is
//! a [`Reading`](crate::reading::Reading) form, so full-width digits are
//! already ASCII. Ordinary figures (amounts, dates, 83户272人, document
//! numbers) never match: a number must stand alone, and IDs and cards must
//! be valid ones.

use std::sync::LazyLock;

use regex::Regex;

/// What kind of sensitive number was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    /// A mainland mobile number.
    Mobile,
    /// A landline with its area code.
    Landline,
    /// A resident ID number (15 or 18 characters).
    Id,
    /// A bank card number (16–19 digits, Luhn-valid).
    BankCard,
}

/// Candidates of each kind. A separator is one space or dash, and only
/// where people put one: between the groups of each format.
const PATTERNS: [(&str, &str); 5] = [
    (
        "mobile",
        r"(?:(?:\+|00)?86[\x20-]?)?1[3-9][0-9][\x20-]?[0-9]{4}[\x20-]?[0-9]{4}",
    ),
    (
        "id",
        r"[1-9][0-9]{5}[\x20-]?(?:[0-9]{8}|[0-9]{4}[\x20-]?[0-9]{4})[\x20-]?[0-9]{3}[0-9Xx]",
    ),
    (
        "card",
        r"[0-9]{4}(?:[\x20-]?[0-9]{4}){3}(?:[\x20-]?[0-9]{1,3})?",
    ),
    (
        "landline",
        r"(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[\x20-]?[0-9]{3,4}[\x20-]?[0-9]{4}",
    ),
    ("old_id", r"[1-9][0-9]{14}"),
];

fn patterns() -> &'static [(&'static str, Regex)] {
    static COMPILED: LazyLock<Vec<(&str, Regex)>> = LazyLock::new(|| {
        PATTERNS
            .iter()
            .map(|(kind, pattern)| (*kind, Regex::new(pattern).expect("a fixed, valid pattern")))
            .collect()
    });
    &COMPILED
}

/// Every sensitive number in `text`, as byte ranges with their kind, in
/// text order. Where candidates overlap the longer one wins.
pub fn find(text: &str) -> Vec<(std::ops::Range<usize>, Number)> {
    let mut found = Vec::new();
    if !may_hold_a_number(text) {
        return found;
    }
    for (group, pattern) in patterns() {
        let mut at = 0;
        while let Some(candidate) = pattern.find_at(text, at) {
            let kind = classify(group, candidate.as_str())
                .filter(|_| stands_alone(text, candidate.start(), candidate.end()));
            match kind {
                Some(kind) => {
                    found.push((candidate.range(), kind));
                    at = candidate.end();
                }
                // Not a number of ours here; one may start further in.
                None => at = next_char(text, candidate.start()),
            }
        }
    }
    found.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<(std::ops::Range<usize>, Number)> = Vec::with_capacity(found.len());
    for (range, kind) in found {
        if kept.last().is_none_or(|(last, _)| last.end <= range.start) {
            kept.push((range, kind));
        }
    }
    kept
}

/// Whether `text` has a run of digits, spaces, dashes, plus signs,
/// brackets and X's holding ten digits or more. Every pattern's match is
/// such a run, ten digits at the least (a landline), so a text without one
/// (most pages: dates and counts) is passed over in one pass over its
/// bytes instead of one per pattern.
fn may_hold_a_number(text: &str) -> bool {
    let mut digits = 0;
    for byte in text.bytes() {
        match byte {
            b'0'..=b'9' => {
                digits += 1;
                if digits >= 10 {
                    return true;
                }
            }
            b' ' | b'-' | b'+' | b'(' | b')' | b'X' | b'x' => {}
            _ => digits = 0,
        }
    }
    false
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// A number must not be the middle of a longer run of digits, nor the
/// decimals of a figure (27.272727…).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let digit_or_x = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let previous = before.next();
    if digit_or_x(previous) {
        return false;
    }
    if matches!(previous, Some('.' | ',')) && digit_or_x(before.next()) {
        return false;
    }
    let mut after = text[end..].chars();
    let next = after.next();
    if digit_or_x(next) || next.is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    // 13812345678.5 is a figure; 13812345678. ends a sentence.
    !(matches!(next, Some('.')) && digit_or_x(after.next()))
}

fn classify(group: &str, matched: &str) -> Option<Number> {
    let digits: Vec<u8> = matched
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|b| if b.is_ascii_digit() { b - b'0' } else { 10 })
        .collect();
    match group {
        "mobile" => Some(Number::Mobile),
        "landline" => Some(Number::Landline),
        "id" if is_id(&digits) => Some(Number::Id),
        "id" | "card" if is_card(&digits) => Some(Number::BankCard),
        "old_id" if is_old_id(&digits) => Some(Number::Id),
        _ => None,
    }
}

/// An 18-character ID: a real birth date in the middle. The check digit
/// is not required: a mistyped ID is still somebody's.
fn is_id(digits: &[u8]) -> bool {
    digits.len() == 18
        && digits[..17].iter().all(|d| *d < 10)
        && is_date(
            number(&digits[6..10]),
            number(&digits[10..12]),
            number(&digits[12..14]),
        )
}

/// A 15-digit ID of the old kind: a birth date as YYMMDD.
fn is_old_id(digits: &[u8]) -> bool {
    digits.len() == 15
        && is_date(
            1900 + number(&digits[6..8]),
            number(&digits[8..10]),
            number(&digits[10..12]),
        )
}

/// 16 to 19 digits passing the Luhn check.
fn is_card(digits: &[u8]) -> bool {
    if !(16..=19).contains(&digits.len()) || digits.iter().any(|d| *d > 9) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + u32::from(*d))
}

fn is_date(year: u32, month: u32, day: u32) -> bool {
    (1900..=2099).contains(&year) && crate::date::Date::new(year as i32, month, day).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Number)> {
        find(text)
            .into_iter()
            .map(|(range, kind)| (&text[range], kind))
            .collect()
    }

    #[test]
    fn every_number_lies_in_a_run_the_prefilter_sees() {
        for text in [
            "(0730)1234567",
            "0730 123 4567",
            "+86 138 1234 5678",
            "6222 0202 0011 2233 446",
        ] {
            assert!(may_hold_a_number(text), "{text}");
            assert!(!find(text).is_empty(), "{text}");
        }
        for text in [
            "2025-09-30 至 2025-10-20",
            "83户272人,1234567",
            "(0730)12345",
        ] {
            assert!(!may_hold_a_number(text), "{text}");
        }
    }

    #[test]
    fn finds_numbers_as_people_type_them() {
        for mobile in [
            "13812345678",
            "138-1234-5678",
            "138 1234 5678",
            "+86 138 1234 5678",
            "0086-13812345678",
            "+8613812345678",
        ] {
            let text = format!("电话{mobile}。");
            assert_eq!(kinds(&text), [(mobile, Number::Mobile)], "{mobile}");
        }
        assert_eq!(kinds("Tel.13812345678"), [("13812345678", Number::Mobile)]);
        assert_eq!(kinds("No.13812345678"), [("13812345678", Number::Mobile)]);
        for landline in [
            "(0730)1234567",
            "0730 1234567",
            "07301234567",
            "0730-5123456",
        ] {
            let text = format!("座机{landline},");
            assert_eq!(kinds(&text), [(landline, Number::Landline)], "{landline}");
        }
        for id in [
            "43062119900101123X",
            "430621 19900101 1234",
            "430621-1990-0101-1234",
        ] {
            assert_eq!(kinds(&format!("身份证{id}")), [(id, Number::Id)], "{id}");
        }
        assert_eq!(kinds("430621900101123"), [("430621900101123", Number::Id)]);
        for card in [
            "6222020200112233446",
            "6222 0202 0011 2233 446",
            "4111-1111-1111-1111",
        ] {
            assert_eq!(
                kinds(&format!("卡号{card}")),
                [(card, Number::BankCard)],
                "{card}"
            );
        }
    }

    #[test]
    fn leaves_ordinary_figures_alone() {
        for text in [
            "共83户272人,42.68%,2025-09-30,12345678901234567890",
            "江政发〔2025〕16号,1.2万元,0.43万元",
            "width:27.272727272727273%",
            "2025 2026 2027 2028",
            "订单4111111111111112",
            "20250930123456",
            "第1381234567期",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }
}
