//! Masking a public model: every text a page, chart, feed or export could
//! show passes through the [`Masker`]. Each model type is destructured in
//! full, so a field added later cannot be forgotten here: the compiler
//! insists it is named, masked or explicitly passed over.

use rayon::prelude::*;

use crate::privacy::Masker;

use super::*;

/// Masks every text of `model` in place but those of its issues, tasks
/// and notes: those are masked as each is built ([`mask_issue`],
/// [`mask_note`]), so that one kept from an earlier build is not masked
/// again.
pub fn mask(model: &mut Model, masker: &Masker) {
    model.mask_with(masker);
}

/// Masks every text of an issue, its tasks, and its rows of figures as its
/// villages list them.
pub(super) fn mask_issue(
    issue: &mut Issue,
    tasks: &mut Vec<Task>,
    figures: &mut [(usize, VillageFigure)],
    masker: &Masker,
) {
    issue.mask_with(masker);
    // A task's issue title is its issue's: masked once with the issue,
    // not once per task.
    let title: Arc<str> = issue.title.as_str().into();
    for task in tasks.iter_mut() {
        task.issue_title = Arc::clone(&title);
    }
    tasks.mask_with(masker);
    for (_, figure) in figures {
        figure.mask_with(masker);
    }
}

/// Masks every text of a note.
pub(super) fn mask_note(note: &mut Note, masker: &Masker) {
    note.mask_with(masker);
}

trait Mask {
    fn mask_with(&mut self, m: &Masker);
}

impl Mask for String {
    fn mask_with(&mut self, m: &Masker) {
        m.mask_in_place(self);
    }
}

impl Mask for Arc<str> {
    fn mask_with(&mut self, m: &Masker) {
        // Shared by the tasks of an issue, village or unit: copied only
        // where masking changes it.
        if let std::borrow::Cow::Owned(masked) = m.mask(self) {
            *self = masked.into();
        }
    }
}

impl Mask for Markdown {
    fn mask_with(&mut self, m: &Masker) {
        m.mask_markdown_in_place(&mut self.text);
    }
}

impl<T: Mask> Mask for Option<T> {
    fn mask_with(&mut self, m: &Masker) {
        if let Some(value) = self {
            value.mask_with(m);
        }
    }
}

impl<T: Mask + Send> Mask for Vec<T> {
    fn mask_with(&mut self, m: &Masker) {
        // Long lists (issues, tasks, notes of a county ledger) in parallel:
        // masking is most of building a public model.
        if self.len() > 32 {
            self.par_iter_mut().for_each(|value| value.mask_with(m));
        } else {
            for value in self {
                value.mask_with(m);
            }
        }
    }
}

/// Implements [`Mask`] for a struct: `mask` fields are masked, `keep`
/// fields (ids, dates, figures) are named and left alone.
macro_rules! masked {
    ($type:ident { mask: [$($masked:ident),*], keep: [$($kept:ident),*] }) => {
        impl Mask for $type {
            fn mask_with(&mut self, m: &Masker) {
                let $type { $($masked,)* $($kept: _,)* } = self;
                $($masked.mask_with(m);)*
            }
        }
    };
}

masked!(Model {
    mask: [
        document, contact, villages, units, phases, milestones, policy, glossary, groups
    ],
    keep: [
        issues,
        tasks,
        notes,
        as_of,
        as_of_stated,
        sample_data,
        keep_punctuation,
        notice,
        base_url,
        language,
        audience,
        totals,
        measure_count,
        issue_statuses,
        register
    ]
});
masked!(Document {
    mask: [
        issuer,
        number,
        title,
        plan_title,
        recipients,
        preamble,
        requirements,
        sections,
        reports_on
    ],
    keep: [kind, kind_label, declared, date, date_iso, day]
});
masked!(Group {
    mask: [title],
    keep: [issues, tally, statuses]
});
masked!(Section {
    mask: [title, body],
    keep: []
});
masked!(Ref {
    mask: [name],
    keep: [id]
});
// A village's figures are its issues' rows, masked with the issue.
masked!(Village {
    mask: [name, part_of],
    keep: [id, kind, tally, tasks, issues, notes, figures]
});
masked!(VillageFigure {
    mask: [title, values],
    keep: [issue, issue_slug]
});
masked!(Unit {
    mask: [name],
    keep: [id, all_villages, tally, tasks, issues, leads]
});
masked!(Phase {
    mask: [name, description],
    keep: [start, end, when]
});
masked!(Milestone {
    mask: [title],
    keep: [date, past]
});
masked!(Issue {
    mask: [
        title,
        category,
        label,
        finding,
        measures,
        target,
        deadline_text,
        lead_units,
        units,
        villages,
        indicators,
        breakdowns,
        updates,
        progress
    ],
    keep: [
        number,
        slug,
        deadline,
        ongoing,
        tasks,
        tally,
        status,
        status_word,
        notes
    ]
});
masked!(Measure {
    mask: [label, heading, text, units],
    keep: [number, status, tally]
});
masked!(Indicator {
    mask: [name, unit, source, readings, target_text, latest_text],
    keep: [id, target]
});
masked!(Reading {
    mask: [text, note],
    keep: [date, value, baseline]
});
masked!(Breakdown {
    mask: [title, columns, rows, total],
    keep: [date]
});
masked!(BreakdownRow {
    mask: [village, values],
    keep: []
});
masked!(Update {
    mask: [text],
    keep: [date]
});
// A task's issue title is set from its masked issue (`mask_issue`).
masked!(Task {
    mask: [
        deadline_text,
        measure_label,
        village,
        unit,
        what,
        history,
        acceptance
    ],
    keep: [
        issue,
        issue_slug,
        issue_title,
        measure,
        status,
        deadline,
        overdue,
        days_overdue,
        last_update
    ]
});
masked!(HistoryEntry {
    mask: [note],
    keep: [date, status]
});
masked!(Acceptance {
    mask: [by, evidence],
    keep: [date]
});
masked!(Evidence {
    mask: [title, file],
    keep: [kind]
});
masked!(Note {
    mask: [title, villages, body],
    keep: [slug, date, kind, issues]
});
masked!(PolicyPage {
    mask: [title, summary, sources, body],
    keep: [slug]
});
masked!(Term {
    mask: [term, explanation, aliases],
    keep: [id, policy]
});
