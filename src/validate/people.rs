//! The person register: a site with content must have one (or declare
//! that its plan names no private person); every registered name must
//! occur in the content, or it masks nothing and probably hides a
//! misspelling; a registered name inside one of the site's own names is
//! ambiguous; and likely names not in it are reported ([`super::names`]).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::content::Content;
use crate::content::Register;
use crate::diagnostics::{Diagnostics, FileId, PerFile, Problem, SourceMap, Span};
use crate::reading::Reading;

/// Which registered names each file mentions, by the file's text revision,
/// kept between runs so that only edited files are searched again.
#[derive(Debug, Default)]
pub(super) struct Mentions {
    /// The register the lists below were made for.
    names: Vec<String>,
    /// The search for those names' reading forms, built once per register
    /// (a county's register takes a while to compile).
    finder: Option<aho_corasick::AhoCorasick>,
    /// Per file and revision: indexes into `names` of the names its text
    /// holds as written.
    as_written: PerFile<Vec<u32>>,
    /// The same in the text's reading form (a name split by a line break
    /// or typed in traditional characters), made only while a name is
    /// found in no text as written.
    as_read: PerFile<Vec<u32>>,
}

pub(super) fn register_gaps(
    content: &Content,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
    memo: &mut Mentions,
) {
    require_register(content, diagnostics);
    let Some(people) = &content.people else {
        return;
    };
    let names: Vec<&str> = people
        .persons
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    if names.is_empty() {
        return;
    }
    if !memo
        .names
        .iter()
        .map(String::as_str)
        .eq(names.iter().copied())
    {
        memo.names = names.iter().map(|n| (*n).to_string()).collect();
        memo.finder = None;
        memo.as_written.clear();
        memo.as_read.clear();
    }
    let files: Vec<((FileId, u64), &str)> = sources
        .files()
        .filter(|(file, _, _)| *file != people.file)
        .map(|(file, _, text)| ((file, sources.revision(file)), text))
        .collect();
    let Mentions {
        finder,
        as_written,
        as_read,
        ..
    } = memo;
    let finder = finder.get_or_insert_with(|| {
        // One pass over each text for all names, not one search per name.
        // A full DFA pays for its building only over many files; serve
        // keeps this one, and after an edit there are one or two.
        let kind = (files.len() > 64).then_some(aho_corasick::AhoCorasickKind::DFA);
        aho_corasick::AhoCorasick::builder()
            .kind(kind)
            .build(names.iter().map(|n| Reading::of(n).text))
            .expect("names are plain strings")
    });
    // Most names stand in some text as written: the reading form of every
    // file (a county's 127 MB) is worked out only while one does not.
    let mut mentioned = vec![false; names.len()];
    search(finder, &files, as_written, &mut mentioned, |t| t.into());
    if mentioned.contains(&false) {
        search(finder, &files, as_read, &mut mentioned, |t| {
            Reading::of(t).text.into()
        });
    } else {
        as_read.clear();
    }
    for (person, mentioned) in people.persons.iter().zip(mentioned) {
        let name = person.name.value.as_str();
        if !mentioned {
            diagnostics.push(
                Problem::PersonNotMentioned {
                    name: name.to_string(),
                },
                person.name.span,
            );
        }
    }
}

/// Marks in `mentioned` the names `finder` finds in any of `files`, each
/// text taken in the form `form` gives it. Files searched before (`memo`,
/// by file and revision) are not searched again.
fn search(
    finder: &aho_corasick::AhoCorasick,
    files: &[((FileId, u64), &str)],
    memo: &mut PerFile<Vec<u32>>,
    mentioned: &mut [bool],
    form: impl Fn(&str) -> std::borrow::Cow<'_, str> + Sync,
) {
    let found: Vec<(FileId, u64, Vec<u32>)> = files
        .par_iter()
        .filter(|((file, revision), _)| memo.get(*file, *revision).is_none())
        .map(|((file, revision), text)| {
            let mut found: Vec<u32> = finder
                .find_overlapping_iter(form(text).as_ref())
                .map(|m| m.pattern().as_u32())
                .collect();
            found.sort_unstable();
            found.dedup();
            (*file, *revision, found)
        })
        .collect();
    for (file, revision, list) in found {
        memo.put(file, revision, list);
    }
    for ((file, revision), _) in files {
        for &i in memo.get(*file, *revision).into_iter().flatten() {
            mentioned[i as usize] = true;
        }
    }
}

/// E071 when the site has issues, notes or policy pages but nobody is
/// registered, unless site.yaml declares `no_private_persons`.
fn require_register(content: &Content, diagnostics: &mut Diagnostics) {
    let Some(site) = &content.site else { return };
    let has_content =
        !content.issues.is_empty() || !content.notes.is_empty() || !content.policy.is_empty();
    if !has_content || site.privacy.no_private_persons {
        return;
    }
    match &content.people {
        None => diagnostics.push(
            Problem::MissingRegister { missing: true },
            Span::file_start(site.file),
        ),
        Some(people) if people.persons.is_empty() => diagnostics.push(
            Problem::MissingRegister { missing: false },
            Span::file_start(people.file),
        ),
        Some(_) => {}
    }
}

/// W106 for each registered name that stands inside one of the site's own
/// names: there it is left unmasked, which may not be what was meant.
pub(super) fn ambiguous(content: &Content, register: &Register, diagnostics: &mut Diagnostics) {
    let Some(people) = &content.people else {
        return;
    };
    let words = Containing::new(&register.site_words);
    for person in &people.persons {
        let name = person.name.value.as_str();
        if name.is_empty() {
            continue;
        }
        if let Some(word) = words.first(name) {
            diagnostics.push(
                Problem::AmbiguousName {
                    name: name.to_string(),
                    word: word.to_string(),
                },
                person.name.span,
            );
        }
    }
}

/// Every piece of a list of words, each with the first word it stands in:
/// a county registers ten thousand names against hundreds of village and
/// unit names, and a lookup per name beats a search of every word.
struct Containing<'a> {
    words: &'a [String],
    first: HashMap<&'a str, usize>,
}

impl<'a> Containing<'a> {
    fn new(words: &'a [String]) -> Self {
        let mut first = HashMap::new();
        for (index, word) in words.iter().enumerate() {
            let starts = word.char_indices().map(|(at, _)| at);
            for start in starts {
                let ends = word[start..]
                    .char_indices()
                    .map(|(at, c)| start + at + c.len_utf8());
                for end in ends {
                    first.entry(&word[start..end]).or_insert(index);
                }
            }
        }
        Containing { words, first }
    }

    /// The first word `text` stands in, as `str::contains` finds it.
    fn first(&self, text: &str) -> Option<&'a str> {
        self.first.get(text).map(|&i| self.words[i].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_word_holding_a_text_is_the_one_a_search_finds() {
        let words: Vec<String> = ["高华安置区", "八景村", "华安", "3+1保障"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let containing = Containing::new(&words);
        for text in [
            "高华",
            "华安",
            "安置区",
            "八景村",
            "景",
            "+1",
            "3+1保障",
            "李四",
            "村八",
        ] {
            let searched = words.iter().find(|w| w.contains(text)).map(String::as_str);
            assert_eq!(containing.first(text), searched, "{text}");
        }
    }
}
