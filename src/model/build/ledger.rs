//! The ledger: villages and units, and the issues in number order with
//! their tasks (each built by [`super::issue`]). Each task is counted once,
//! into its issue, measure, village, unit and the whole.

use std::sync::Arc;

use crate::model::{Issue, Tally, Task, Unit, Village, village_kind_label};

use super::Resolver;
use super::issue::IssuePart;

/// Villages, units, issues and tasks as they are built.
pub(super) struct Ledger {
    pub(super) villages: Vec<Village>,
    pub(super) units: Vec<Unit>,
    pub(super) issues: Vec<Arc<Issue>>,
    pub(super) tasks: Vec<Arc<Task>>,
    pub(super) totals: Tally,
}

impl Ledger {
    /// The ledger of `parts`, which are in number order; each part's issue
    /// is given the indices of its tasks in the whole ledger.
    pub(super) fn build(resolver: &Resolver<'_>, parts: &mut [IssuePart]) -> Ledger {
        let site = resolver.site;
        let mut ledger = Ledger {
            villages: site
                .villages
                .iter()
                .map(|v| Village {
                    id: v.id.value.clone(),
                    name: v.name.value.clone(),
                    kind: village_kind_label(v.kind),
                    part_of: v
                        .part_of
                        .as_ref()
                        .and_then(|p| resolver.village_ref(&p.value)),
                    tally: Tally::default(),
                    tasks: Vec::new(),
                    issues: Vec::new(),
                    notes: Vec::new(),
                    figures: Vec::new(),
                })
                .collect(),
            units: site
                .units
                .iter()
                .map(|u| Unit {
                    id: u.id.value.clone(),
                    name: u.name.value.clone(),
                    all_villages: u.all_villages,
                    tally: Tally::default(),
                    tasks: Vec::new(),
                    issues: Vec::new(),
                    leads: Vec::new(),
                })
                .collect(),
            issues: Vec::with_capacity(parts.len()),
            tasks: Vec::new(),
            totals: Tally::default(),
        };
        for part in parts {
            ledger.add(part);
        }
        ledger.totals.settle();
        for village in &mut ledger.villages {
            village.tally.settle();
        }
        for unit in &mut ledger.units {
            unit.tally.settle();
        }
        ledger
    }

    fn add(&mut self, part: &mut IssuePart) {
        let first = self.tasks.len();
        for (index, owner) in (first..).zip(&part.owners) {
            let (status, overdue) = (owner.status, owner.overdue);
            self.totals.add_unsettled(status, overdue);
            if let Some(v) = owner.village {
                self.villages[v].tally.add_unsettled(status, overdue);
                self.villages[v].tasks.push(index);
            }
            if let Some(u) = owner.unit {
                self.units[u].tally.add_unsettled(status, overdue);
                self.units[u].tasks.push(index);
            }
        }
        self.tasks.extend(part.tasks.iter().map(Arc::clone));
        // An issue kept from an earlier build is copied only when a task
        // was added or removed before it.
        let tasks = first..self.tasks.len();
        if !part.issue.tasks.iter().copied().eq(tasks.clone()) {
            Arc::make_mut(&mut part.issue).tasks = tasks.collect();
        }
        let number = part.issue.number;
        for (v, figure) in &part.figures {
            self.villages[*v].figures.push(figure.clone());
        }
        for &v in &part.villages {
            self.villages[v].issues.push(number);
        }
        for &u in &part.units {
            self.units[u].issues.push(number);
        }
        for &lead in &part.leads {
            self.units[lead].leads.push(number);
        }
        self.issues.push(Arc::clone(&part.issue));
    }
}
