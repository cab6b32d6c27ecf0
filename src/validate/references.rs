//! References between files: villages and units by id or name, issues by
//! number, measures by position.

use std::collections::{HashMap, HashSet};

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Located, Problem};

/// Lookup of villages and units by id or by name, as content may use either
/// (`village: bajing` or `village: 八景村`).
#[derive(Debug, Default)]
pub struct Directory {
    villages: HashMap<String, usize>,
    village_labels: Vec<(String, String)>,
    units: HashMap<String, usize>,
    unit_labels: Vec<(String, String)>,
}

impl Directory {
    /// Indexes the villages and units of `site.yaml`.
    pub fn new(content: &Content) -> Self {
        let mut directory = Directory::default();
        if let Some(site) = &content.site {
            for (index, village) in site.villages.iter().enumerate() {
                directory.villages.insert(village.id.value.clone(), index);
                directory.villages.insert(village.name.value.clone(), index);
                directory
                    .village_labels
                    .push((village.id.value.clone(), village.name.value.clone()));
            }
            for (index, unit) in site.units.iter().enumerate() {
                directory.units.insert(unit.id.value.clone(), index);
                directory.units.insert(unit.name.value.clone(), index);
                directory
                    .unit_labels
                    .push((unit.id.value.clone(), unit.name.value.clone()));
            }
        }
        directory
    }

    /// The index of the village `reference` names, if any.
    pub fn village(&self, reference: &str) -> Option<usize> {
        self.villages.get(reference.trim()).copied()
    }

    /// The index of the unit `reference` names, if any.
    pub fn unit(&self, reference: &str) -> Option<usize> {
        self.units.get(reference.trim()).copied()
    }

    fn check_village(&self, reference: &Located<String>, diagnostics: &mut Diagnostics) {
        if self.village(&reference.value).is_none() {
            diagnostics.push(
                Problem::UnknownVillage {
                    name: reference.value.clone(),
                    suggestion: suggest(&reference.value, &self.village_labels),
                },
                reference.span,
            );
        }
    }

    fn check_unit(&self, reference: &Located<String>, diagnostics: &mut Diagnostics) {
        if self.unit(&reference.value).is_none() {
            diagnostics.push(
                Problem::UnknownUnit {
                    name: reference.value.clone(),
                    suggestion: suggest(&reference.value, &self.unit_labels),
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

pub(super) fn check(content: &Content, directory: &Directory, diagnostics: &mut Diagnostics) {
    if content.site.is_none() {
        // Without site.yaml every village and unit would be "unknown":
        // the missing file is the one problem worth reporting.
        return;
    }
    let numbers: HashSet<u32> = content.issues.iter().map(|i| i.number.value).collect();
    if let Some(site) = &content.site {
        for village in &site.villages {
            if let Some(parent) = &village.part_of {
                directory.check_village(parent, diagnostics);
            }
        }
    }
    for issue in &content.issues {
        for unit in issue.units.iter().chain(&issue.lead_units) {
            directory.check_unit(unit, diagnostics);
        }
        for village in &issue.villages {
            directory.check_village(village, diagnostics);
        }
        for measure in &issue.measures {
            for unit in &measure.units {
                directory.check_unit(unit, diagnostics);
            }
        }
        for breakdown in &issue.breakdowns {
            for row in &breakdown.rows {
                directory.check_village(&row.village, diagnostics);
            }
        }
        for task in &issue.tasks {
            if let Some(village) = &task.village {
                directory.check_village(village, diagnostics);
            }
            let accepting = task.acceptance.as_ref().and_then(|a| a.by.as_ref());
            for unit in task.unit.iter().chain(accepting) {
                directory.check_unit(unit, diagnostics);
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
            directory.check_village(village, diagnostics);
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
            directory.check_village(village, diagnostics);
        }
    }
}
