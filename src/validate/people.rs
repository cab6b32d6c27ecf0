//! The person register: every registered name must occur in the content,
//! or it masks nothing and probably hides a misspelling.

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
    // One pass over all text for all names, not one search per name.
    let finder = aho_corasick::AhoCorasick::new(&names).expect("names are plain strings");
    let mut mentioned = vec![false; names.len()];
    for (_, _, text) in sources.files().filter(|(file, _, _)| *file != people.file) {
        for found in finder.find_overlapping_iter(text) {
            mentioned[found.pattern().as_usize()] = true;
        }
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
