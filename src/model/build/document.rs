//! The plan document as the model carries it, with the report's stated
//! totals beside what is listed, and the plan's phases and milestones.

use crate::content;
use crate::date::Date;
use crate::model::{Declared, DeclaredStatus, Document, Milestone, Notice, Phase, Section};

use super::markdown;

/// The document header and text, with what `issues` list beside the
/// totals it states.
pub(super) fn document(document: &content::Document, issues: &[content::Issue]) -> Document {
    Document {
        issuer: document.issuer.value.clone(),
        number: document.number.as_ref().map(|n| n.value.clone()),
        title: document.title.value.clone(),
        plan_title: document
            .plan_title
            .as_ref()
            .unwrap_or(&document.title)
            .value
            .clone(),
        kind: document.kind.code(),
        kind_label: document.kind.label(),
        reports_on: document.reports_on.as_ref().map(|r| r.value.clone()),
        declared: declared(&document.declared, issues),
        date: document.date.as_ref().map(|d| d.value.written.clone()),
        date_iso: document.date.as_ref().map(|d| d.value.iso()),
        day: document.date.as_ref().map(|d| d.value.first_day()),
        recipients: document.recipients.as_ref().map(|r| r.value.clone()),
        preamble: document.preamble.as_ref().map(markdown),
        requirements: document.requirements.as_ref().map(markdown),
        sections: document
            .sections
            .iter()
            .map(|s| Section {
                title: s.title.as_ref().map(|t| t.value.clone()),
                body: markdown(&s.body),
            })
            .collect(),
    }
}

/// The totals a document states beside what is listed; `None` when it
/// states none.
fn declared(stated: &content::Declared, issues: &[content::Issue]) -> Option<Declared> {
    if stated.categories.is_none() && stated.issues.is_none() && stated.statuses.is_empty() {
        return None;
    }
    Some(Declared {
        categories: stated.categories.as_ref().map(|c| c.value),
        listed_categories: content::Issue::categories_listed(issues),
        issues: stated.issues.as_ref().map(|c| c.value),
        listed_issues: issues.len(),
        statuses: stated
            .statuses
            .iter()
            .map(|s| DeclaredStatus {
                word: s.word.value.clone(),
                status: s.status.into(),
                count: s.count.value,
                listed: content::Issue::listed_with_word(issues, &s.word.value),
            })
            .collect(),
    })
}

/// The plan's phases, each placed before, around or after `as_of`.
/// The notice's posting: posted on the given day (else the as-of date),
/// up for the given number of days counting that day.
pub(super) fn notice(settings: &content::NoticeSettings, as_of: Date) -> Notice {
    let posted = settings.posted.as_ref().map_or(as_of, |p| p.value);
    let days = settings.days.as_ref().map(|d| d.value);
    Notice {
        posted,
        until: days.map(|d| posted.plus_days(i64::from(d) - 1)),
        days,
        phone: settings.phone.as_ref().map(|p| p.value.clone()),
    }
}

pub(super) fn phases(site: &content::Site, as_of: Date) -> Vec<Phase> {
    site.phases
        .iter()
        .map(|p| Phase {
            name: p.name.value.clone(),
            start: p.start.value,
            end: p.end.value,
            description: p.description.as_ref().map(markdown),
            when: if p.end.value < as_of {
                "past"
            } else if p.start.value > as_of {
                "future"
            } else {
                "current"
            },
        })
        .collect()
}

/// The milestones by date, monthly ones repeated (at most ten years of
/// them).
pub(super) fn milestones(site: &content::Site, as_of: Date) -> Vec<Milestone> {
    let mut milestones: Vec<Milestone> = site
        .milestones
        .iter()
        .flat_map(|m| {
            let until = m.monthly_until.as_ref().map_or(m.date.value, |u| u.value);
            (0..)
                .map(move |k| m.date.value.plus_months(k))
                .take_while(move |d| *d <= until)
                .take(120)
                .map(move |date| Milestone {
                    date,
                    title: m.title.value.clone(),
                    past: date <= as_of,
                })
        })
        .collect();
    milestones.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title)));
    milestones
}
