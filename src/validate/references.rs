//! References between files: villages and units by id or name, issues by
//! number, measures by position.

use std::collections::HashSet;

use crate::content::{Content, Places};
use crate::diagnostics::{Diagnostics, Located, Problem};

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

pub(super) fn unresolved(content: &Content, diagnostics: &mut Diagnostics) {
    // Without site.yaml every village and unit would be "unknown": the
    // missing file is the one problem worth reporting.
    let Some(site) = &content.site else { return };
    let references = References {
        places: &site.places,
    };
    let numbers: HashSet<u32> = content.issues.iter().map(|i| i.number.value).collect();
    if let Some(site) = &content.site {
        for village in &site.villages {
            if let Some(parent) = &village.part_of {
                references.check_village(parent, diagnostics);
            }
        }
    }
    for issue in &content.issues {
        for unit in issue.units.iter().chain(&issue.lead_units) {
            references.check_unit(unit, diagnostics);
        }
        for village in &issue.villages {
            references.check_village(village, diagnostics);
        }
        for measure in &issue.measures {
            for unit in &measure.units {
                references.check_unit(unit, diagnostics);
            }
        }
        for breakdown in &issue.breakdowns {
            for row in &breakdown.rows {
                references.check_village(&row.village, diagnostics);
            }
        }
        for task in &issue.tasks {
            if let Some(village) = &task.village {
                references.check_village(village, diagnostics);
            }
            let accepting = task.acceptance.as_ref().and_then(|a| a.by.as_ref());
            for unit in task.unit.iter().chain(accepting) {
                references.check_unit(unit, diagnostics);
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
    for note in &content.notes {
        for village in &note.villages {
            references.check_village(village, diagnostics);
        }
        for number in &note.issues {
            if !numbers.contains(&number.value) {
                diagnostics.push(
                    Problem::UnknownIssue {
                        number: number.value,
                    },
                    number.span,
                );
            }
        }
    }
    if let Some(people) = &content.people {
        for village in people.persons.iter().filter_map(|p| p.village.as_ref()) {
            references.check_village(village, diagnostics);
        }
    }
}
