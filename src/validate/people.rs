//! The person register: every registered name must occur in the content,
//! or it masks nothing and probably hides a misspelling.

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
    // in parallel, each stopping once it has seen every name.
    let finder = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&names)
        .expect("names are plain strings");
    let texts: Vec<&str> = sources
        .files()
        .filter(|(file, _, _)| *file != people.file)
        .map(|(_, _, text)| text)
        .collect();
    let mentioned = texts
        .par_iter()
        .map(|text| {
            let mut seen = vec![false; names.len()];
            for found in finder.find_overlapping_iter(*text) {
                seen[found.pattern().as_usize()] = true;
            }
            seen
        })
        .reduce(
            || vec![false; names.len()],
            |mut all, seen| {
                for (a, s) in all.iter_mut().zip(seen) {
                    *a |= s;
                }
                all
            },
        );
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
