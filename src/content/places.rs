//! The site's villages and units by id or by name, as content may use
//! either (`village: bajing` or `village: 八景村`). Built once with
//! `site.yaml`, then used by every later stage.

use std::collections::HashMap;

use super::site::{Unit, Village};

/// Villages and units by id and by name.
#[derive(Clone, Debug, Default)]
pub struct Places {
    villages: HashMap<String, usize>,
    village_labels: Vec<(String, String)>,
    units: HashMap<String, usize>,
    unit_labels: Vec<(String, String)>,
}

impl Places {
    /// Indexes `villages` and `units` in their order in `site.yaml`.
    pub fn new(villages: &[Village], units: &[Unit]) -> Self {
        let mut places = Places::default();
        for (index, village) in villages.iter().enumerate() {
            places.villages.insert(village.id.value.clone(), index);
            places.villages.insert(village.name.value.clone(), index);
            places
                .village_labels
                .push((village.id.value.clone(), village.name.value.clone()));
        }
        for (index, unit) in units.iter().enumerate() {
            places.units.insert(unit.id.value.clone(), index);
            places.units.insert(unit.name.value.clone(), index);
            places
                .unit_labels
                .push((unit.id.value.clone(), unit.name.value.clone()));
        }
        places
    }

    /// The index of the village `reference` names, if any.
    pub fn village(&self, reference: &str) -> Option<usize> {
        self.villages.get(reference.trim()).copied()
    }

    /// The index of the unit `reference` names, if any.
    pub fn unit(&self, reference: &str) -> Option<usize> {
        self.units.get(reference.trim()).copied()
    }

    /// Every village as (id, name), for suggestions.
    pub fn village_labels(&self) -> &[(String, String)] {
        &self.village_labels
    }

    /// Every unit as (id, name), for suggestions.
    pub fn unit_labels(&self) -> &[(String, String)] {
        &self.unit_labels
    }
}
