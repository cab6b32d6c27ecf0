//! Notes (工作动态), newest first and linked to their issues and villages;
//! policy explainer pages; the glossary.

use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{self, Content};
use crate::date::Date;
use crate::diagnostics::Span;
use crate::model::{Markdown, Note, PolicyPage, Term, note_kind_label};
use crate::privacy::Masker;

use super::memo::Reusing;
use super::{Resolver, markdown};

/// The notes this audience sees, newest first, each taken from `reuse`
/// when its file is unchanged; and for each issue (of `issues`, in number
/// order) and each village, the notes about it.
pub(super) fn notes(
    content: &Content,
    resolver: &Resolver<'_>,
    masker: Option<&Masker>,
    issues: &[u32],
    reuse: &mut Reusing<'_>,
) -> Notes {
    // Sorted by keys drawn once from each note, each with the start of its
    // slug: a county has tens of thousands of notes, many on one day, and
    // `serve` sorts them on every save.
    let mut order: Vec<(Date, u128, &str, usize)> = content
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| resolver.shown(n.audience))
        .map(|(at, n)| {
            let slug = n.slug.value.as_str();
            (n.date.value, prefix(slug), slug, at)
        })
        .collect();
    order.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(b.2))
            .then(a.3.cmp(&b.3))
    });
    let sources: Vec<&content::Note> = order.iter().map(|k| &content.notes[k.3]).collect();
    let kept: Vec<Option<NotePart>> = sources.iter().map(|n| reuse.note(n.file)).collect();
    let parts: Vec<NotePart> = sources
        .par_iter()
        .zip(kept)
        .map(|(n, kept)| kept.unwrap_or_else(|| NotePart::build(n, resolver, masker)))
        .collect();
    let mut of_issues = vec![Vec::new(); issues.len()];
    let mut of_villages = vec![Vec::new(); resolver.site.villages.len()];
    let mut notes = Vec::with_capacity(parts.len());
    for (index, (source, part)) in sources.iter().zip(parts).enumerate() {
        for number in &part.note.issues {
            if let Ok(at) = issues.binary_search(number) {
                of_issues[at].push(index);
            }
        }
        for &v in &part.villages {
            of_villages[v].push(index);
        }
        notes.push(Arc::clone(&part.note));
        reuse.keep_note(source.file, part);
    }
    Notes {
        notes,
        of_issues,
        of_villages,
    }
}

/// The first 16 bytes of `text` as a number that sorts as they do (a
/// shorter text is padded with zeros, which sort first, as its end does).
fn prefix(text: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let start = &text.as_bytes()[..text.len().min(16)];
    bytes[..start.len()].copy_from_slice(start);
    u128::from_be_bytes(bytes)
}

/// The notes of a model, and which are about each issue and village.
pub(super) struct Notes {
    pub(super) notes: Vec<Arc<Note>>,
    /// Indices into `notes`, per issue in number order.
    pub(super) of_issues: Vec<Vec<usize>>,
    /// Indices into `notes`, per village in site order.
    pub(super) of_villages: Vec<Vec<usize>>,
}

/// A note as built, and the villages it names by index into the site's
/// list (kept with it, so that linking does not look names up again).
#[derive(Debug)]
pub(super) struct NotePart {
    note: Arc<Note>,
    villages: Vec<usize>,
}

impl NotePart {
    fn build(n: &content::Note, resolver: &Resolver<'_>, masker: Option<&Masker>) -> NotePart {
        NotePart {
            note: Arc::new(note(n, resolver, masker)),
            villages: n
                .villages
                .iter()
                .filter_map(|v| resolver.village(&v.value))
                .collect(),
        }
    }
}

/// One note as the model shows it, masked by `masker` when public.
fn note(n: &content::Note, resolver: &Resolver<'_>, masker: Option<&Masker>) -> Note {
    let mut issues: Vec<u32> = n.issues.iter().map(|i| i.value).collect();
    issues.sort_unstable();
    issues.dedup();
    let mut note = Note {
        slug: n.slug.value.clone(),
        title: n.title.value.clone(),
        date: n.date.value,
        kind: note_kind_label(n.kind),
        issues,
        villages: resolver.village_refs(&n.villages),
        body: body(&n.body, n.file, n.body_line),
    };
    if let Some(masker) = masker {
        crate::model::mask::mask_note(&mut note, masker);
    }
    note
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
            body: body(&p.body, p.file, p.body_line),
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
fn body(text: &str, file: crate::diagnostics::FileId, line: u32) -> Markdown {
    Markdown {
        text: super::published::without_comments(text),
        origin: Span {
            file,
            line,
            col: 1,
            len: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::prefix;

    #[test]
    fn slug_starts_sort_as_the_slugs_do() {
        let slugs = [
            "",
            "a",
            "ab",
            "abc",
            "b",
            "note-00000",
            "note-00001",
            "2025-07-18-fangan-yinfa",
            "2025-07-18-fangan-yinfa-2",
            "2025-07-18-fangan",
            "2025-07-18-fangan-yinfa-xu",
        ];
        for a in slugs {
            for b in slugs {
                let by_start = prefix(a).cmp(&prefix(b));
                assert!(
                    by_start == a.cmp(b) || by_start.is_eq() && a.len().min(b.len()) >= 16,
                    "{a} against {b}"
                );
            }
        }
    }
}
