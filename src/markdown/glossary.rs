//! Glossary terms linked where they first stand in a block: one search for
//! every spelling of every term, longest match first.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{CowStr, Event};

/// Finds glossary terms (and aliases) in text, longest match first.
#[derive(Debug)]
pub struct Glossary {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the anchor id of its term.
    ids: Vec<String>,
    /// For each pattern, the index of its term (aliases share their term's),
    /// so "first occurrence per block" counts a term once however spelt.
    terms: Vec<usize>,
}

impl Glossary {
    /// Builds the matcher from `(spelling, anchor id)` pairs.
    pub fn new<'a>(spellings: impl IntoIterator<Item = (&'a str, &'a str)>) -> Glossary {
        let (patterns, ids): (Vec<&str>, Vec<String>) = spellings
            .into_iter()
            .filter(|(spelling, _)| !spelling.is_empty())
            .map(|(spelling, id)| (spelling, id.to_string()))
            .unzip();
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("glossary terms are plain strings of bounded size")
        });
        let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let terms = ids
            .iter()
            .enumerate()
            .map(|(k, id)| *first.entry(id.as_str()).or_insert(k))
            .collect();
        Glossary {
            automaton,
            ids,
            terms,
        }
    }

    /// A matcher that links nothing.
    pub fn empty() -> Glossary {
        Glossary::new([])
    }
}

pub(super) fn link_terms<'a>(
    text: CowStr<'a>,
    glossary: &Glossary,
    skip: Option<&str>,
    linked: &mut HashSet<usize>,
    emit: &mut Vec<Event<'a>>,
) {
    let Some(automaton) = &glossary.automaton else {
        emit.push(Event::Text(text));
        return;
    };
    let mut last = 0;
    let source: &str = &text;
    let mut pieces: Vec<Event<'a>> = Vec::new();
    for found in automaton.find_iter(source) {
        let id = &glossary.ids[found.pattern().as_usize()];
        let term = glossary.terms[found.pattern().as_usize()];
        if skip == Some(id.as_str()) || !linked.insert(term) {
            continue;
        }
        pieces.push(Event::Text(source[last..found.start()].to_string().into()));
        pieces.push(Event::Html(
            format!(
                "<a class=\"term\" href=\"@/policy/glossary/#{}\">",
                crate::escape::escape_attribute(id)
            )
            .into(),
        ));
        pieces.push(Event::Text(
            source[found.start()..found.end()].to_string().into(),
        ));
        pieces.push(Event::Html("</a>".into()));
        last = found.end();
    }
    if pieces.is_empty() {
        emit.push(Event::Text(text));
        return;
    }
    pieces.push(Event::Text(source[last..].to_string().into()));
    emit.extend(
        pieces
            .into_iter()
            .filter(|e| !matches!(e, Event::Text(t) if t.is_empty())),
    );
}
