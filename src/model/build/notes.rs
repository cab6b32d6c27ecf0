//! Notes (工作动态), newest first and linked to their issues and villages;
//! policy explainer pages; the glossary.

use crate::content::{self, Content};
use crate::diagnostics::Span;
use crate::model::{Markdown, Note, PolicyPage, Term, note_kind_label};

use super::ledger::Ledger;
use super::{Resolver, markdown};

/// The notes this audience sees, newest first; each issue and village
/// named is told which notes are about it.
pub(super) fn notes(content: &Content, resolver: &Resolver<'_>, ledger: &mut Ledger) -> Vec<Note> {
    let mut notes: Vec<&content::Note> = content
        .notes
        .iter()
        .filter(|n| resolver.shown(n.audience))
        .collect();
    notes.sort_by(|a, b| {
        b.date
            .value
            .cmp(&a.date.value)
            .then_with(|| a.slug.value.cmp(&b.slug.value))
    });
    notes
        .into_iter()
        .enumerate()
        .map(|(index, n)| {
            let mut issue_numbers: Vec<u32> = n.issues.iter().map(|i| i.value).collect();
            issue_numbers.sort_unstable();
            issue_numbers.dedup();
            for number in &issue_numbers {
                if let Ok(at) = ledger.issues.binary_search_by_key(number, |i| i.number) {
                    ledger.issues[at].notes.push(index);
                }
            }
            for v in n.villages.iter().filter_map(|v| resolver.village(&v.value)) {
                ledger.villages[v].notes.push(index);
            }
            Note {
                slug: n.slug.value.clone(),
                title: n.title.value.clone(),
                date: n.date.value,
                kind: note_kind_label(n.kind),
                issues: issue_numbers,
                villages: resolver.village_refs(&n.villages),
                body: body(n.body.clone(), n.file, n.body_line),
            }
        })
        .collect()
}

/// Policy pages in their `order`, then by title.
pub(super) fn policy(content: &Content) -> Vec<PolicyPage> {
    let mut policy: Vec<&content::PolicyPage> = content.policy.iter().collect();
    policy.sort_by(|a, b| {
        let order = |p: &content::PolicyPage| p.order.as_ref().map_or(u32::MAX, |o| o.value);
        order(a)
            .cmp(&order(b))
            .then_with(|| a.title.value.cmp(&b.title.value))
    });
    policy
        .into_iter()
        .map(|p| PolicyPage {
            slug: p.slug.value.clone(),
            title: p.title.value.clone(),
            summary: p.summary.as_ref().map(|s| s.value.clone()),
            sources: p.sources.iter().map(|s| s.value.clone()).collect(),
            body: body(p.body.clone(), p.file, p.body_line),
        })
        .collect()
}

/// The glossary's terms, in file order.
pub(super) fn glossary(content: &Content) -> Vec<Term> {
    content.glossary.as_ref().map_or_else(Vec::new, |g| {
        g.terms
            .iter()
            .map(|t| Term {
                term: t.term.value.clone(),
                id: t.id.as_ref().unwrap_or(&t.term).value.clone(),
                explanation: markdown(&t.explanation),
                aliases: t.aliases.iter().map(|a| a.value.clone()).collect(),
                policy: t.policy.as_ref().map(|p| p.value.clone()),
            })
            .collect()
    })
}

/// A Markdown file's body, placed at its first line for link reports.
fn body(text: String, file: crate::diagnostics::FileId, line: u32) -> Markdown {
    Markdown {
        text: super::published::without_comments(&text),
        origin: Span {
            file,
            line,
            col: 1,
            len: 0,
        },
    }
}
