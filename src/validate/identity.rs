//! Uniqueness: issue numbers, ids and names that addresses and references
//! depend on.

use std::collections::HashMap;

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Located, Problem, SourceMap, Span};

use super::place;

pub(super) fn duplicates(content: &Content, sources: &SourceMap, diagnostics: &mut Diagnostics) {
    let mut numbers: HashMap<u32, Span> = HashMap::new();
    for issue in &content.issues {
        let number = &issue.number;
        // 0 is the stand-in of an unreadable number, already reported.
        match numbers.get(&number.value).filter(|_| number.value > 0) {
            Some(first) => diagnostics.push(
                Problem::DuplicateNumber {
                    number: number.value,
                    first: place(sources, *first),
                },
                number.span,
            ),
            None => {
                numbers.insert(number.value, number.span);
            }
        }
        let mut indicators = Unique::new("indicator");
        for indicator in &issue.indicators {
            indicators.see(&indicator.id, sources, diagnostics);
        }
    }
    if let Some(site) = &content.site {
        let mut villages = Unique::new("village");
        for village in &site.villages {
            villages.see(&village.id, sources, diagnostics);
            villages.see(&village.name, sources, diagnostics);
        }
        let mut units = Unique::new("unit");
        for unit in &site.units {
            units.see(&unit.id, sources, diagnostics);
            units.see(&unit.name, sources, diagnostics);
        }
    }
    let mut notes = Unique::new("note");
    for note in &content.notes {
        notes.see(&note.slug, sources, diagnostics);
    }
    let mut pages = Unique::new("policy page");
    for page in &content.policy {
        pages.see(&page.slug, sources, diagnostics);
    }
    if let Some(glossary) = &content.glossary {
        let mut terms = Unique::new("term");
        let mut ids = Unique::new("term");
        for term in &glossary.terms {
            terms.see(&term.term, sources, diagnostics);
            for alias in &term.aliases {
                terms.see(alias, sources, diagnostics);
            }
            ids.see(term.id.as_ref().unwrap_or(&term.term), sources, diagnostics);
        }
    }
    if let Some(people) = &content.people {
        let mut names = Unique::new("person");
        for person in &people.persons {
            names.see(&person.name, sources, diagnostics);
        }
    }
}

/// Remembers ids of one kind and reports the second use of any.
struct Unique<'a> {
    what: &'static str,
    seen: HashMap<&'a str, Span>,
}

impl<'a> Unique<'a> {
    fn new(what: &'static str) -> Self {
        Unique {
            what,
            seen: HashMap::new(),
        }
    }

    fn see(&mut self, id: &'a Located<String>, sources: &SourceMap, diagnostics: &mut Diagnostics) {
        if let Some(first) = self.seen.get(id.value.as_str()) {
            diagnostics.push(
                Problem::DuplicateId {
                    what: self.what,
                    id: id.value.clone(),
                    first: place(sources, *first),
                },
                id.span,
            );
        } else {
            self.seen.insert(&id.value, id.span);
        }
    }
}
