//! The person register: every registered name must occur in the content,
//! or it masks nothing and probably hides a misspelling.

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Problem, SourceMap};

pub(super) fn check(content: &Content, sources: &SourceMap, diagnostics: &mut Diagnostics) {
    let Some(people) = &content.people else {
        return;
    };
    let texts: Vec<&str> = sources
        .files()
        .filter(|(file, _, _)| *file != people.file)
        .map(|(_, _, text)| text)
        .collect();
    for person in &people.persons {
        let name = person.name.value.as_str();
        if !texts.iter().any(|text| text.contains(name)) {
            diagnostics.push(
                Problem::PersonNotMentioned {
                    name: name.to_string(),
                },
                person.name.span,
            );
        }
    }
}
