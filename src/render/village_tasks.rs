//! A village's tasks as template values, made once for the two pages that
//! list every one of them (the village's page and its notice) and let go
//! once both are made: a county's villages have 500 tasks each, and a
//! task's values are a tree of a dozen maps.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use tera::Value;

use super::held::Held;
use super::views::tasks;
use crate::model::Model;

/// Each village's tasks as values, in the village's order, while held.
#[derive(Debug)]
pub(super) struct VillageTasks {
    values: Vec<Held<Vec<Value>>>,
    /// How many of the village's two pages were made.
    shown: Vec<AtomicU32>,
}

impl VillageTasks {
    /// Nothing made yet for any of `model`'s villages.
    pub(super) fn new(model: &Model) -> VillageTasks {
        let villages = model.villages.len();
        VillageTasks {
            values: Held::unset(villages),
            shown: (0..villages).map(|_| AtomicU32::new(0)).collect(),
        }
    }

    /// Village `i`'s tasks as values, each what the task serialises to.
    pub(super) fn of(&self, model: &Model, i: usize) -> Arc<Vec<Value>> {
        self.values[i].get_or_make(|| {
            tasks(model, &model.villages[i].tasks)
                .into_iter()
                .map(Value::from_serializable)
                .collect()
        })
    }

    /// Counts one of village `i`'s pages made; after the second its values
    /// are let go (made again should a page ask later, as `serve` may).
    pub(super) fn shown(&self, i: usize) {
        if self.shown[i].fetch_add(1, Ordering::Relaxed) == 1 {
            self.values[i].let_go();
        }
    }

    /// How many villages' values are held now.
    #[cfg(test)]
    pub(super) fn held(&self) -> usize {
        self.values.iter().filter(|v| v.is_held()).count()
    }
}

/// The values at `order` (indices into `values`) as one list value, the
/// same a list of those tasks serialises to.
pub(super) fn listed(values: &[Value], order: impl Iterator<Item = usize>) -> Value {
    Value::from(order.map(|k| values[k].clone()).collect::<Vec<Value>>())
}
