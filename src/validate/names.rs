//! Likely residents' names that are not in the register. Plans name
//! residents in a few set ways — `八景村兰东风户`, `为罗茜宇等困难群体`,
//! `核实刘军旗、刘星联系方式` — so a common surname with one or two more
//! Han characters, between such cues, is probably a person. It is a
//! heuristic: it warns, with the place, and the user registers the name
//! or dismisses it with `allow:` in people.yaml.

use std::collections::HashSet;
use std::sync::LazyLock;

use rayon::prelude::*;

use crate::content::Register;
use crate::diagnostics::{Diagnostics, FileId, PerFile, Problem, SourceMap, Span};
use crate::reading::is_han;

/// Common single-character surnames (about nine in ten people carry one).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤兰易欧柳祝左伍文彭粟匡曾聂";

/// Two-character surnames, checked before the single ones.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容",
];

/// Every character a surname can start with: most characters of a text
/// start none, and are passed over with one lookup.
static SURNAME_STARTS: LazyLock<HanSet> = LazyLock::new(|| {
    HanSet::of(
        SURNAMES
            .chars()
            .chain(COMPOUND_SURNAMES.iter().filter_map(|s| s.chars().next())),
    )
});

/// The single-character surnames, for lookup.
static SINGLE_SURNAMES: LazyLock<HanSet> = LazyLock::new(|| HanSet::of(SURNAMES.chars()));

/// A set of characters of the common Han block, one bit each: a lookup
/// per character of every content file is a shift and a mask, not a hash.
struct HanSet([u64; HanSet::WORDS]);

impl HanSet {
    const FIRST: u32 = 0x4E00;
    const WORDS: usize = (0xA000 - HanSet::FIRST as usize) / 64;

    /// The set of `chars`. Every surname above is in the block, which a
    /// unit test holds to.
    fn of(chars: impl Iterator<Item = char>) -> HanSet {
        let mut set = HanSet([0; HanSet::WORDS]);
        for c in chars {
            if let Some(at) = HanSet::slot(c) {
                set.0[at / 64] |= 1 << (at % 64);
            }
        }
        set
    }

    fn slot(c: char) -> Option<usize> {
        let at = (c as u32).checked_sub(HanSet::FIRST)? as usize;
        (at < HanSet::WORDS * 64).then_some(at)
    }

    fn contains(&self, c: &char) -> bool {
        HanSet::slot(*c).is_some_and(|at| self.0[at / 64] & (1 << (at % 64)) != 0)
    }
}

/// Words before a name that make it a person: who they are, or what is done for them.
const STRONG_BEFORE: &[&str] = &[
    "户主",
    "村民",
    "群众",
    "居民",
    "农户",
    "脱贫户",
    "监测户",
    "低保户",
    "五保户",
    "为",
    "核实",
    "更正",
    "帮扶",
    "走访",
    "慰问",
    "帮助",
    "台账中",
];

/// Words after a name that make it a person.
const STRONG_AFTER: &[&str] = &[
    "户",
    "同志",
    "等",
    "反映",
    "的联系方式",
    "联系方式",
    "务工",
    "家",
    "夫妇",
    "一家",
    "之子",
    "之女",
    "本人",
    "老人",
];

/// Punctuation and joining words that often stand beside a name in a list.
const WEAK_AROUND: &[&str] = &["、", ",", ";", ":", "。", "和", "及", "与", "(", ")"];

/// Words of plans that a surname starts and a cue can surround, but that
/// are never names: `帮扶方面,`, `为方便群众`.
const NOT_NAMES: &[&str] = &[
    "方面", "方案", "方式", "方法", "方向", "方便", "任务", "任何", "文件", "文化", "程度", "高度",
    "高效", "江边", "万元", "石板",
];

/// A likely name found in a file, at a byte offset.
#[derive(Clone, Debug)]
struct Candidate {
    name: String,
    offset: usize,
}

/// Per file text revision, the candidates found, for `serve` (the place
/// cues are the site's village names, so a new list starts over).
#[derive(Debug, Default)]
pub(super) struct Found {
    villages: Vec<String>,
    by_text: PerFile<Vec<Candidate>>,
}

/// Warns (W105) at the first mention of each likely name that is neither
/// registered, allowed, nor one of the site's own words.
pub(super) fn unregistered_names(
    register: &Register,
    village_words: &[String],
    skip: Option<FileId>,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
    memo: &mut Found,
) {
    if memo.villages != village_words {
        memo.villages = village_words.to_vec();
        memo.by_text.clear();
    }
    let files: Vec<(FileId, u64, &str)> = sources
        .files()
        .filter(|(file, path, _)| Some(*file) != skip && is_content_text(path))
        .map(|(file, _, text)| (file, sources.revision(file), text))
        .collect();
    let fresh: Vec<(FileId, u64, Vec<Candidate>)> = files
        .par_iter()
        .filter(|(file, revision, _)| memo.by_text.get(*file, *revision).is_none())
        .map(|(file, revision, text)| (*file, *revision, candidates(text, village_words)))
        .collect();
    for (file, revision, found) in fresh {
        memo.by_text.put(file, revision, found);
    }
    let known: HashSet<&str> = register
        .names()
        .chain(register.allowed.iter().map(String::as_str))
        .collect();
    let mut warned: HashSet<String> = HashSet::new();
    for (file, revision, text) in &files {
        let Some(found) = memo.by_text.get(*file, *revision) else {
            continue;
        };
        for candidate in found {
            let name = candidate.name.as_str();
            let covered = known.iter().any(|k| k.contains(name) || name.contains(k))
                || register.site_words.iter().any(|w| w.contains(name));
            if covered || !warned.insert(candidate.name.clone()) {
                continue;
            }
            diagnostics.push(
                Problem::UnregisteredName {
                    name: candidate.name.clone(),
                },
                Span::at(*file, text, candidate.offset, name.chars().count()),
            );
        }
    }
}

/// Only what people write: YAML and Markdown under `content/`.
fn is_content_text(path: &std::path::Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "md" | "markdown")
    )
}

/// Every likely name in `text`, in order.
fn candidates(text: &str, village_words: &[String]) -> Vec<Candidate> {
    let mut found = Vec::new();
    // Where the last name found ends, so that `甲、乙` counts 乙 too.
    let mut last_end = usize::MAX;
    let mut at = 0;
    while at < text.len() {
        // No surname is ASCII, and YAML's keys and indentation are.
        if text.as_bytes()[at].is_ascii() {
            at += 1;
            continue;
        }
        let rest = &text[at..];
        let Some(first) = rest.chars().next() else {
            break;
        };
        if !SURNAME_STARTS.contains(&first) {
            at += first.len_utf8();
            continue;
        }
        let surname_len = COMPOUND_SURNAMES
            .iter()
            .find(|s| rest.starts_with(**s))
            .map(|s| s.len())
            .or_else(|| SINGLE_SURNAMES.contains(&first).then(|| first.len_utf8()));
        if let Some(surname_len) = surname_len {
            let before = &text[..at];
            let after_list = WEAK_AROUND
                .iter()
                .find(|w| before.ends_with(**w))
                .is_some_and(|w| last_end == at - w.len());
            let left = if after_list
                || STRONG_BEFORE.iter().any(|w| before.ends_with(w))
                || village_words.iter().any(|v| before.ends_with(v.as_str()))
            {
                2
            } else if WEAK_AROUND.iter().any(|w| before.ends_with(w)) {
                1
            } else {
                0
            };
            let given = [2, 1].into_iter().find_map(|given| {
                let end = han_run_end(text, at + surname_len, given)?;
                let after = &text[end..];
                let right = if STRONG_AFTER.iter().any(|w| after.starts_with(w)) {
                    2
                } else if WEAK_AROUND.iter().any(|w| after.starts_with(w)) {
                    1
                } else {
                    0
                };
                (left + right >= 3).then_some(end)
            });
            if let Some(end) = given.filter(|end| !NOT_NAMES.contains(&&text[at..*end])) {
                found.push(Candidate {
                    name: text[at..end].to_string(),
                    offset: at,
                });
                last_end = end;
                at = end;
                continue;
            }
        }
        at += first.len_utf8();
    }
    found
}

/// The end of `count` Han characters from `start`, if there are that many.
fn han_run_end(text: &str, start: usize, count: usize) -> Option<usize> {
    let mut end = start;
    for c in text.get(start..)?.chars().take(count) {
        // Particles that follow a name are never part of one: 徐丹的联系方式.
        if !is_han(c) || "的了是在和与及等".contains(c) {
            return None;
        }
        end += c.len_utf8();
    }
    (end > start && text[start..end].chars().count() == count).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let villages = [
            "八景村".to_string(),
            "望峰村".to_string(),
            "荆浒".to_string(),
        ];
        candidates(text, &villages)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn every_surname_is_in_the_set_it_is_looked_up_in() {
        for c in SURNAMES.chars() {
            assert!(
                SINGLE_SURNAMES.contains(&c) && SURNAME_STARTS.contains(&c),
                "{c}"
            );
        }
        for compound in COMPOUND_SURNAMES {
            let first = compound.chars().next().expect("a surname has characters");
            assert!(SURNAME_STARTS.contains(&first), "{compound}");
        }
        for c in ['村', '户', 'a', '𠀀', '\u{9FFF}', '\u{4DFF}'] {
            assert!(!SINGLE_SURNAMES.contains(&c), "{c}");
        }
    }

    #[test]
    fn plan_words_are_not_names() {
        assert!(candidates("健康帮扶方面,个别村", &[]).is_empty());
        let found = candidates("务工台账中徐丹的联系方式非本人", &[]);
        assert_eq!(
            found.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["徐丹"]
        );
        assert_eq!(candidates("帮扶兰东风,", &[]).len(), 1);
    }

    #[test]
    fn finds_names_in_the_ways_plans_write_them() {
        assert_eq!(names("八景村兰东风户为3年以上"), ["兰东风"]);
        assert_eq!(
            names("望峰村罗茜宇、八景村吴琪、黄立汗、郑丁保等困难群体"),
            ["罗茜宇", "吴琪", "黄立汗", "郑丁保"]
        );
        assert_eq!(names("核实刘军旗、刘星联系方式"), ["刘军旗", "刘星"]);
        assert_eq!(names("荆浒陈明明务工信息一致"), ["陈明明"]);
        assert_eq!(names("户主欧阳小明反映"), ["欧阳小明"]);
    }

    #[test]
    fn leaves_ordinary_words_alone() {
        for text in [
            "高度重视,张贴公示,方面的问题。",
            "江政发〔2025〕16号",
            "全镇共有83户272人",
            "按照要求,王家湾村组织开展",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }
}
