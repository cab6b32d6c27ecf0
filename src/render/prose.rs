//! All Markdown of the model rendered once, in parallel, with the internal
//! links each text contains remembered for checking.

use rayon::prelude::*;

use crate::diagnostics::Span;
use crate::markdown::{self, Glossary, Settings};
use crate::model::{Markdown, Model};

/// HTML for every Markdown text of the model, by position.
#[derive(Debug, Default)]
pub(crate) struct Prose {
    /// Per issue: finding, then each measure, then each update.
    pub(crate) issues: Vec<IssueProse>,
    /// Per note body.
    pub(crate) notes: Vec<String>,
    /// Per policy page body.
    pub(crate) policy: Vec<String>,
    /// Per glossary term explanation.
    pub(crate) terms: Vec<String>,
    /// Internal links found in content: origin, line within the text, target.
    pub(crate) links: Vec<(Span, u32, String)>,
}

/// The HTML of one issue's texts.
#[derive(Debug, Default)]
pub(crate) struct IssueProse {
    pub(crate) finding: String,
    pub(crate) measures: Vec<String>,
    pub(crate) updates: Vec<String>,
}

/// Renders every text of `model`.
pub(crate) fn render(model: &Model) -> Prose {
    let glossary = Glossary::new(model.glossary.iter().flat_map(|t| {
        std::iter::once(t.term.as_str())
            .chain(t.aliases.iter().map(String::as_str))
            .map(|s| (s, t.id.as_str()))
    }));
    let linked = Settings {
        link_terms: true,
        ..Settings::default()
    };
    let one = |text: &Markdown, settings: Settings<'_>| {
        let rendered = markdown::render(&text.text, &glossary, settings);
        let links: Vec<(Span, u32, String)> = rendered
            .links
            .into_iter()
            .map(|(target, offset)| {
                let line = text.text[..offset].matches('\n').count() as u32;
                (text.origin, line, target)
            })
            .collect();
        (rendered.html, links)
    };
    let mut links = Vec::new();
    let issues: Vec<(IssueProse, Vec<_>)> = model
        .issues
        .par_iter()
        .map(|issue| {
            let mut links = Vec::new();
            let mut take = |(html, found): (String, Vec<_>)| {
                links.extend(found);
                html
            };
            let prose = IssueProse {
                finding: take(one(&issue.finding, linked)),
                measures: issue
                    .measures
                    .iter()
                    .map(|m| take(one(&m.text, linked)))
                    .collect(),
                updates: issue
                    .updates
                    .iter()
                    .map(|u| take(one(&u.text, linked)))
                    .collect(),
            };
            (prose, links)
        })
        .collect();
    let issues = issues
        .into_iter()
        .map(|(prose, found)| {
            links.extend(found);
            prose
        })
        .collect();
    let mut collect = |rendered: Vec<(String, Vec<_>)>| -> Vec<String> {
        rendered
            .into_iter()
            .map(|(html, found)| {
                links.extend(found);
                html
            })
            .collect()
    };
    let notes = collect(
        model
            .notes
            .par_iter()
            .map(|n| one(&n.body, linked))
            .collect(),
    );
    let policy = collect(
        model
            .policy
            .par_iter()
            .map(|p| one(&p.body, linked))
            .collect(),
    );
    let terms = collect(
        model
            .glossary
            .iter()
            .map(|t| {
                one(
                    &t.explanation,
                    Settings {
                        link_terms: true,
                        skip_term: Some(&t.id),
                        ..Settings::default()
                    },
                )
            })
            .collect(),
    );
    Prose {
        issues,
        notes,
        policy,
        terms,
        links,
    }
}
