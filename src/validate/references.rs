//! References between files: villages and units by id or name, issues by
//! number, measures by position.

use crate::content::{Content, Issue, Note, Places};
use crate::diagnostics::{Diagnostics, Located, PerFile, Problem, SourceMap};

/// Reports references to villages and units that `places` does not know.
struct References<'a> {
    places: &'a Places,
}

impl References<'_> {
    fn check_village(&self, reference: &Located<String>, diagnostics: &mut Diagnostics) {
        if self.places.village(&reference.value).is_none() {
            diagnostics.push(
                Problem::UnknownVillage {
                    name: reference.value.clone(),
                    suggestion: suggest(&reference.value, self.places.village_labels()),
                },
                reference.span,
            );
        }
    }

    fn check_unit(&self, reference: &Located<String>, diagnostics: &mut Diagnostics) {
        if self.places.unit(&reference.value).is_none() {
            diagnostics.push(
                Problem::UnknownUnit {
                    name: reference.value.clone(),
                    suggestion: suggest(&reference.value, self.places.unit_labels()),
                },
                reference.span,
            );
        }
    }
}

/// The closest id or name; suggested in the spelling the writer used.
fn suggest(reference: &str, labels: &[(String, String)]) -> Option<String> {
    let candidates = labels
        .iter()
        .flat_map(|(id, name)| [id.as_str(), name.as_str()]);
    crate::diagnostics::closest(reference, candidates).map(str::to_string)
}

/// What the reference rules found in each issue and note file, kept while
/// what else they read is unchanged: site.yaml (its villages and units)
/// and, for notes, the issue numbers.
#[derive(Debug, Default)]
pub(super) struct Resolved {
    site: u64,
    numbers: Vec<u32>,
    issues: PerFile<Diagnostics>,
    notes: PerFile<Diagnostics>,
}

pub(super) fn unresolved(
    content: &Content,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
    memo: &mut Resolved,
) {
    // Without site.yaml every village and unit would be "unknown": the
    // missing file is the one problem worth reporting.
    let Some(site) = &content.site else { return };
    let references = References {
        places: &site.places,
    };
    let mut numbers: Vec<u32> = content.issues.iter().map(|i| i.number.value).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let site_revision = sources.revision(site.file);
    if memo.site != site_revision {
        memo.site = site_revision;
        memo.issues.clear();
        memo.notes.clear();
    }
    if memo.numbers != numbers {
        memo.notes.clear();
        memo.numbers = numbers;
    }
    for village in &site.villages {
        if let Some(parent) = &village.part_of {
            references.check_village(parent, diagnostics);
        }
    }
    for issue in &content.issues {
        let revision = sources.revision(issue.file);
        let found = memo.issues.take(issue.file, revision).unwrap_or_else(|| {
            let mut found = Diagnostics::default();
            references.in_issue(issue, &mut found);
            found
        });
        diagnostics.extend(found.clone());
        memo.issues.put(issue.file, revision, found);
    }
    for note in &content.notes {
        let revision = sources.revision(note.file);
        let found = memo.notes.take(note.file, revision).unwrap_or_else(|| {
            let mut found = Diagnostics::default();
            references.in_note(note, &memo.numbers, &mut found);
            found
        });
        diagnostics.extend(found.clone());
        memo.notes.put(note.file, revision, found);
    }
    if let Some(people) = &content.people {
        for village in people.persons.iter().filter_map(|p| p.village.as_ref()) {
            references.check_village(village, diagnostics);
        }
    }
}

impl References<'_> {
    /// The villages, units and measures one issue names.
    fn in_issue(&self, issue: &Issue, diagnostics: &mut Diagnostics) {
        for unit in issue.units.iter().chain(&issue.lead_units) {
            self.check_unit(unit, diagnostics);
        }
        for village in &issue.villages {
            self.check_village(village, diagnostics);
        }
        for measure in &issue.measures {
            for unit in &measure.units {
                self.check_unit(unit, diagnostics);
            }
        }
        for breakdown in &issue.breakdowns {
            for row in &breakdown.rows {
                self.check_village(&row.village, diagnostics);
            }
        }
        for task in &issue.tasks {
            if let Some(village) = &task.village {
                self.check_village(village, diagnostics);
            }
            let accepting = task.acceptance.as_ref().and_then(|a| a.by.as_ref());
            for unit in task.unit.iter().chain(accepting) {
                self.check_unit(unit, diagnostics);
            }
            if let Some(measure) = &task.measure
                && measure.value as usize > issue.measures.len()
            {
                diagnostics.push(
                    Problem::UnknownMeasure {
                        number: measure.value,
                        count: issue.measures.len(),
                    },
                    measure.span,
                );
            }
        }
    }

    /// The villages and issues one note names; `numbers` are the issues'
    /// numbers, sorted.
    fn in_note(&self, note: &Note, numbers: &[u32], diagnostics: &mut Diagnostics) {
        for village in &note.villages {
            self.check_village(village, diagnostics);
        }
        for number in &note.issues {
            if numbers.binary_search(&number.value).is_err() {
                diagnostics.push(
                    Problem::UnknownIssue {
                        number: number.value,
                    },
                    number.span,
                );
            }
        }
    }
}
