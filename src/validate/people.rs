//! The person register: every registered name must occur in the content,
//! or it masks nothing and probably hides a misspelling.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Problem, SourceMap};

pub(super) fn check(content: &Content, sources: &SourceMap, diagnostics: &mut Diagnostics) {
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
    // One pass over all text for all names, not one search per name; files
    // in parallel, and no more searching once every name has been seen
    // (the usual case, often long before the last file).
    let finder = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&names)
        .expect("names are plain strings");
    let texts: Vec<&str> = sources
        .files()
        .filter(|(file, _, _)| *file != people.file)
        .map(|(_, _, text)| text)
        .collect();
    let seen: Vec<AtomicBool> = names.iter().map(|_| AtomicBool::new(false)).collect();
    let unseen = AtomicUsize::new(names.len());
    texts.par_iter().for_each(|text| {
        if unseen.load(Ordering::Relaxed) == 0 {
            return;
        }
        for found in finder.find_overlapping_iter(*text) {
            if !seen[found.pattern().as_usize()].swap(true, Ordering::Relaxed)
                && unseen.fetch_sub(1, Ordering::Relaxed) == 1
            {
                return;
            }
        }
    });
    let mentioned = seen.into_iter().map(AtomicBool::into_inner);
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
