//! Validation: the rules content must obey beyond its shape — unique
//! numbers and ids, references that resolve, tasks closed only with
//! acceptance and evidence, dates in order — and the warnings an official
//! wants before an inspection (overdue and stale tasks).

mod dates;
mod declared;
mod identity;
mod ledger;
mod names;
mod people;
mod references;
mod settings;

use crate::content::Content;
use crate::diagnostics::{Diagnostics, SourceMap, Span};
use crate::settings::Settings;

pub use settings::is_site_address;

/// Checks everything in `content` under `settings`.
pub fn validate(
    content: &Content,
    settings: &Settings,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) {
    validate_with(
        content,
        settings,
        sources,
        diagnostics,
        &mut Memo::default(),
    );
}

/// What validation keeps between runs over the same files (for `serve`):
/// which registered names each file's text mentions, and what the date
/// and reference rules found in each issue and note file, so that after
/// an edit only the edited files are searched and judged again. The
/// result never depends on it.
#[derive(Debug, Default)]
pub struct Memo {
    mentions: people::Mentions,
    names: names::Found,
    dates: dates::Judged,
    references: references::Resolved,
}

/// [`validate`], reusing and updating `memo` from earlier runs.
pub fn validate_with(
    content: &Content,
    settings: &Settings,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
    memo: &mut Memo,
) {
    let register = content.register();
    let words = village_words(content, &register);
    // The rules read the content and nothing else, so they run side by
    // side, each into its own list; the lists join in this order, so the
    // result is the same however the threads ran.
    let mut found: [Diagnostics; 9] = Default::default();
    let [
        duplicates,
        unresolved,
        closing,
        dated,
        declared,
        gaps,
        ambiguous,
        names,
        base,
    ] = &mut found;
    let Memo {
        mentions,
        names: found_names,
        dates: judged,
        references: resolved,
    } = memo;
    rayon::scope(|scope| {
        scope.spawn(|_| identity::duplicates(content, sources, duplicates));
        scope.spawn(|_| references::unresolved(content, sources, unresolved, resolved));
        scope.spawn(|_| ledger::closing_rules(content, closing));
        scope.spawn(|_| {
            dates::date_rules(content, settings.as_of.stated(), sources, dated, judged);
        });
        scope.spawn(|_| declared::over_declared(content, declared));
        scope.spawn(|_| people::register_gaps(content, sources, gaps, mentions));
        scope.spawn(|_| people::ambiguous(content, &register, ambiguous));
        scope.spawn(|_| {
            names::unregistered_names(
                &register,
                &words,
                content.people.as_ref().map(|p| p.file),
                sources,
                names,
                found_names,
            );
        });
        scope.spawn(|_| settings::base_url(content, settings, sources, base));
    });
    for part in found {
        diagnostics.extend(part);
    }
}

/// The village names and their stems (八景村 and 八景), which mark a name
/// written right after them as a resident's.
fn village_words(content: &Content, register: &crate::content::Register) -> Vec<String> {
    let villages: Vec<&str> = content
        .site
        .iter()
        .flat_map(|s| &s.villages)
        .map(|v| v.name.value.as_str())
        .collect();
    register
        .site_words
        .iter()
        .filter(|w| villages.iter().any(|v| v.starts_with(w.as_str())))
        .cloned()
        .collect()
}

/// `path:line` of a span, for "first defined at" in messages.
fn place(sources: &SourceMap, span: Span) -> String {
    format!("{}:{}", sources.path(span.file).display(), span.line)
}
