//! The search index's files: for every pair of adjacent characters of the
//! pages' text (their title apart), the pages holding it; and the pages'
//! text, to check a query against and show around a match. Pairs of
//! characters find any piece of Chinese text of two or more characters,
//! cut anywhere — 纳入不, 施不够 — with no word list to miss it; the page
//! keeps only the pages whose text holds the query as typed.
//!
//! Every file is a script (`taizhangSearch.shard(…)`), loaded by a
//! `<script>` element, so search works from a site opened from disk too.
//! Lists of page numbers are written as base-36 gaps: `0,3,1a`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::records::Record;
use crate::render::OutputFile;

/// Where the index's files go, from the site root.
pub const DIR: &str = "search/index/";

/// Pages per file of text: few enough that showing ten results fetches
/// little, enough that a county's site is not tens of thousands of files.
const PAGES_PER_CHUNK: usize = 32;

/// About how many page numbers one file of pairs holds: a two-character
/// query fetches one such file, some 30 KB.
const POSTINGS_PER_SHARD: usize = 10_000;

/// `text` as the index and the page compare it: NFKC (full-width letters,
/// digits and punctuation as ASCII), lower case, without spaces and
/// zero-width characters. The page's script does the same to a query.
fn normalise(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut keep = |c: char| {
        if !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}') {
            out.push(c);
        }
    };
    for c in text.chars() {
        // ASCII and the common Han block (most of any page) are their own
        // NFKC form, and only ASCII letters among them have a lower case:
        // the tables are looked up for the rest only.
        if c.is_ascii() {
            keep(c.to_ascii_lowercase());
        } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            keep(c);
        } else {
            c.nfkc().flat_map(char::to_lowercase).for_each(&mut keep);
        }
    }
    out
}

/// Two adjacent characters of a text.
type Pair = (char, char);

/// The distinct pairs of adjacent characters of `chars`.
fn pairs(chars: &[char]) -> Vec<Pair> {
    let mut all: Vec<Pair> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    all.sort_unstable();
    all.dedup();
    // Held for every page until the postings are made: a page's distinct
    // pairs are a fraction of its characters, and the room left by the
    // repeats was most of the index's memory (170 MB at 10,000 issues).
    all.shrink_to_fit();
    all
}

/// Which file of pairs holds `pair`: a hash the page's script computes
/// the same way (over UTF-16 code units, as JavaScript strings hold them).
fn shard_of(pair: Pair, shards: usize) -> usize {
    let mut hash: u32 = 2_166_136_261;
    let mut units = [0u16; 2];
    for c in [pair.0, pair.1] {
        for unit in c.encode_utf16(&mut units).iter() {
            hash ^= u32::from(*unit);
            hash = hash.wrapping_mul(16_777_619);
        }
    }
    hash as usize % shards.max(1)
}

/// Page numbers as base-36 gaps from the one before: `0,3,1a`.
fn gaps(numbers: &[u32]) -> String {
    let mut out = String::with_capacity(numbers.len() * 3);
    let mut last = 0;
    for (k, &n) in numbers.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        push_base36(&mut out, n - last);
        last = n;
    }
    out
}

fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buffer = [0u8; 8];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buffer[at..]).unwrap_or("0"));
}

/// A JSON string literal of `text`.
fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The index of `records` (in the order results are shown when they
/// match equally) as files under [`DIR`].
pub(super) fn files(records: &[Record]) -> Vec<OutputFile> {
    let mut out = Vec::new();
    each_file(records, &mut |file| out.push(file));
    out
}

/// [`files`], each handed to `emit` as soon as it is made, and what made
/// it freed as it goes: a county's index is tens of megabytes of files,
/// made from over a hundred megabytes of pairs and page lists.
pub(super) fn each_file(records: &[Record], emit: &mut dyn FnMut(OutputFile)) {
    // Per page, its pairs and its title's.
    let pages: Vec<(Vec<Pair>, Vec<Pair>)> = records
        .par_iter()
        .map(|r| {
            let mut text = normalise(&r.title);
            let title = pairs(&text);
            text.push('\n');
            text.extend(normalise(&r.content));
            (pairs(&text), title)
        })
        .collect();
    let mut postings: HashMap<Pair, (Vec<u32>, Vec<u32>)> = HashMap::new();
    for (number, (all, title)) in pages.into_iter().enumerate() {
        for pair in all {
            postings.entry(pair).or_default().1.push(number as u32);
        }
        for pair in title {
            postings.entry(pair).or_default().0.push(number as u32);
        }
    }
    let total: usize = postings.values().map(|(_, all)| all.len()).sum();
    let shards = total.div_ceil(POSTINGS_PER_SHARD).max(1);
    let mut by_shard: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); shards];
    for (pair, (title, all)) in postings {
        let key: String = [pair.0, pair.1].iter().collect();
        by_shard[shard_of(pair, shards)].insert(key, format!("{}|{}", gaps(&title), gaps(&all)));
    }
    for (n, entries) in by_shard.into_iter().enumerate() {
        let mut text = format!("taizhangSearch.shard({n},{{");
        for (k, (key, lists)) in entries.iter().enumerate() {
            let _ = write!(
                text,
                "{}{}:\"{lists}\"",
                if k > 0 { "," } else { "" },
                json(key)
            );
        }
        text.push_str("});\n");
        emit(file(&format!("shard-{n}.js"), text));
    }
    for (n, chunk) in records.chunks(PAGES_PER_CHUNK).enumerate() {
        let mut text = format!("taizhangSearch.pages({n},[");
        for (k, r) in chunk.iter().enumerate() {
            let kind = r.filters.get(super::KIND).and_then(|v| v.first());
            let _ = write!(
                text,
                "{}[{},{},{},{}]",
                if k > 0 { "," } else { "" },
                json(&r.url),
                json(&r.title),
                json(kind.map_or("", String::as_str)),
                json(&r.content)
            );
        }
        text.push_str("]);\n");
        emit(file(&format!("pages-{n}.js"), text));
    }
    emit(file("filters.js", filters_script(records)));
    emit(file("meta.js", meta_script(records, shards)));
}

fn file(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}{name}"),
        bytes: text.into_bytes(),
    }
}

/// Per filter and value, the pages it holds.
fn filter_lists(records: &[Record]) -> BTreeMap<&str, BTreeMap<&str, Vec<u32>>> {
    let mut lists: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (number, record) in records.iter().enumerate() {
        for (name, values) in &record.filters {
            for value in values {
                lists
                    .entry(name.as_str())
                    .or_default()
                    .entry(value.as_str())
                    .or_default()
                    .push(number as u32);
            }
        }
    }
    lists
}

/// `taizhangSearch.filters({name: {value: gaps}})`: loaded when a filter is chosen.
fn filters_script(records: &[Record]) -> String {
    let mut text = String::from("taizhangSearch.filters({");
    for (k, (name, values)) in filter_lists(records).iter().enumerate() {
        let _ = write!(text, "{}{}:{{", if k > 0 { "," } else { "" }, json(name));
        for (j, (value, pages)) in values.iter().enumerate() {
            let _ = write!(
                text,
                "{}{}:\"{}\"",
                if j > 0 { "," } else { "" },
                json(value),
                gaps(pages)
            );
        }
        text.push('}');
    }
    text.push_str("});\n");
    text
}

/// `taizhangSearch.meta({…})`: the page count, the files' counts and each
/// filter's values with their page counts, loaded with the search page.
fn meta_script(records: &[Record], shards: usize) -> String {
    let mut text = format!(
        "taizhangSearch.meta({{\"pages\":{},\"shards\":{shards},\"chunk\":{PAGES_PER_CHUNK},\"filters\":{{",
        records.len()
    );
    for (k, (name, values)) in filter_lists(records).iter().enumerate() {
        let _ = write!(text, "{}{}:[", if k > 0 { "," } else { "" }, json(name));
        for (j, (value, pages)) in values.iter().enumerate() {
            let _ = write!(
                text,
                "{}[{},{}]",
                if j > 0 { "," } else { "" },
                json(value),
                pages.len()
            );
        }
        text.push(']');
    }
    text.push_str("}});\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_way_normalises_as_the_tables_do() {
        let by_tables = |c: char| -> Vec<char> {
            c.nfkc()
                .flat_map(char::to_lowercase)
                .filter(|c| {
                    !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}')
                })
                .collect()
        };
        let others = ['\u{F900}', '\u{2F00}', 'Ａ', 'Σ', '\u{3000}'];
        for c in ('\0'..='\u{7F}')
            .chain('\u{4E00}'..='\u{9FFF}')
            .chain(others)
        {
            assert_eq!(normalise(&c.to_string()), by_tables(c), "{c:?}");
        }
    }

    #[test]
    fn text_is_compared_without_width_case_and_spaces() {
        let text: String = normalise("Ａ\u{FF0C}低 保\u{200B}户").into_iter().collect();
        assert_eq!(text, "a,低保户");
        assert_eq!(gaps(&[0, 3, 40, 1336]), "0,3,11,100");
        // The page's script hashes "低保" to the same file.
        assert_eq!(shard_of(('低', '保'), 1), 0);
    }
}
