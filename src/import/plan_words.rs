//! The words of a plan's text the reader recognises: Chinese numerals,
//! document numbers, authorities, dates written 2025年7月18日, the villages
//! a text names, and what a web page puts around a document.

/// Chinese digits, by value.
pub(super) const NUMERALS: &str = "零一二三四五六七八九十";

/// 一 … 九十九, or digits.
pub(super) fn numeral_value(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    let value = |c: char| {
        NUMERALS
            .chars()
            .position(|n| n == c)
            .filter(|n| *n < 10)
            .map(|n| n as u32)
    };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [one] => value(*one).filter(|n| *n > 0),
        ['十', one] => Some(10 + value(*one)?),
        [ten, '十'] => Some(value(*ten)? * 10),
        [ten, '十', one] => Some(value(*ten)? * 10 + value(*one)?),
        _ => None,
    }
}

pub(super) fn cn(n: u32) -> String {
    let digit = |d: u32| NUMERALS.chars().nth(d as usize).unwrap_or('?');
    match n {
        1..=9 => digit(n).to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", digit(n - 10)),
        _ if n.is_multiple_of(10) && n < 100 => format!("{}十", digit(n / 10)),
        _ if n < 100 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

/// 江政发〔2025〕16号.
pub(super) fn is_document_number(compact: &str) -> bool {
    let Some((_, rest)) = compact.split_once(['〔', '[', '\u{FF3B}']) else {
        return false;
    };
    compact.ends_with('号')
        && compact.chars().count() <= 20
        && rest.chars().take(4).all(|c| c.is_ascii_digit())
}

/// 三江镇人民政府, 县委办公室: a short name ending as an authority does.
pub(super) fn is_authority(compact: &str) -> bool {
    compact.chars().count() <= 20
        && ["政府", "委员会", "办公室", "党委", "局", "办"]
            .iter()
            .any(|end| compact.ends_with(end))
}

/// 2025年7月18日 as 2025-07-18.
pub(super) fn chinese_date(compact: &str) -> Option<String> {
    let (year, rest) = compact.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let (y, m, d): (i32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    crate::date::Date::new(y, m, d).map(|date| date.to_string())
}

/// Places the text names as 八景村, 花桥社区, 高华安置区: two or three Han
/// characters before the suffix, standing after punctuation or a joining
/// word (其中八景村), and not a word such as 各村, 部分村, 乡村.
pub(super) fn village_names(text: &str) -> Vec<String> {
    const BEFORE: &str = "中在的和及与为对是有";
    const NOT_FIRST: &str = "各全本该每农乡个部村镇市县区省此驻同";
    // Words that end in a place word without naming one: 各村, 部分村,
    // 个别村, 乡村, 农村, 镇村, 集中安置区, 四是村.
    const NOT_LAST: &str = "各全本该每个部别分等些级农乡镇中";
    const NOT_IN: &str = "是的和及与在为对但于用把将从";
    // Verbs and words of quantity that stand before 村/社区 in a sentence:
    // 组织社区干部, 指导各村, 督促村里.
    const NOT_STEMS: &[&str] = &[
        "组织", "指导", "督促", "推动", "带领", "动员", "协调", "所有", "相关", "有关", "其他",
        "其余", "全体",
    ];
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<String> = Vec::new();
    for (at, _) in chars.iter().enumerate() {
        let suffix = ["安置区", "社区", "村"].into_iter().find(|s| {
            chars[at..]
                .iter()
                .take(s.chars().count())
                .copied()
                .eq(s.chars())
        });
        let Some(suffix) = suffix else { continue };
        for len in [3, 2] {
            let Some(start) = at.checked_sub(len) else {
                continue;
            };
            let name = &chars[start..at];
            let before = start.checked_sub(1).map(|k| chars[k]);
            let stands_alone =
                before.is_none_or(|c| !crate::reading::is_han(c) || BEFORE.contains(c));
            let plain = name
                .iter()
                .all(|c| crate::reading::is_han(*c) && !NOT_IN.contains(*c));
            let ends = name.last().is_some_and(|c| !NOT_LAST.contains(*c));
            let stem: String = name.iter().collect();
            let verb = NOT_STEMS.iter().any(|w| stem.ends_with(w));
            if plain && ends && !verb && !NOT_FIRST.contains(name[0]) && stands_alone {
                let name: String = name.iter().collect::<String>() + suffix;
                if !found.contains(&name) {
                    found.push(name);
                }
                break;
            }
        }
    }
    found
}

/// What a government web page puts around a document: source, date and
/// view counters, share buttons.
pub(super) fn is_page_chrome(line: &str) -> bool {
    line.starts_with("来源:")
        || line.starts_with("来源\u{FF1A}")
        || line.starts_with("浏览量")
        || line.contains("| |")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn villages_are_found_where_a_plan_names_them() {
        let text = "其中八景村25户,望峰村7户。花桥社区黄立汗、高华安置区反映;各村(社区)、部分村、个别村和乡村振兴、户贷镇村干部用,四是各村对,保障农村,部分集中安置区";
        assert_eq!(
            village_names(text),
            ["八景村", "望峰村", "花桥社区", "高华安置区"]
        );
    }
}
