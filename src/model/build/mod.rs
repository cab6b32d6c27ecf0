//! Building the [`Model`] from validated content for one audience. The
//! ledger (villages, units, issues and their tasks), the plan document and
//! the notes are built by their own modules, all resolving references
//! through one [`Resolver`].

mod document;
mod labels;
mod ledger;
mod notes;
mod published;
mod summary;

use crate::content::{self, Audience, Content};
use crate::date::Date;
use crate::diagnostics::Located;
use crate::settings::Settings;

use super::{Markdown, Model, Ref};

pub use labels::number_text;

/// Builds the model. `content` must have passed validation without errors:
/// references then resolve, and anything that does not is skipped rather
/// than invented. Internal-only notes, tasks, updates and evidence are left
/// out of a public model, and so are evidence file paths; every registered
/// person and every phone and ID number in a public model is masked.
/// Without an as-of date, where the content needs one, there is no model.
pub fn build(content: &Content, settings: &Settings) -> Result<Model, NoAsOf> {
    let as_of = settings.as_of.for_pages().ok_or(NoAsOf)?;
    let mut model = build_unmasked(content, as_of, settings);
    if settings.audience == Audience::Public {
        let privacy = content.site.as_ref().map(|s| s.privacy).unwrap_or_default();
        let masker =
            crate::privacy::Masker::new(&model.register, privacy.name_mask, privacy.id_mask);
        super::mask(&mut model, &masker);
    }
    Ok(model)
}

/// Why a site with tasks, phases or milestones cannot be built without
/// an as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoAsOf;

impl std::fmt::Display for NoAsOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no as-of date: set `as_of: YYYY-MM-DD` in content/site.yaml or pass --as-of (the build never uses today's date, so that output is reproducible)")
    }
}

fn build_unmasked(content: &Content, as_of: Date, settings: &Settings) -> Model {
    let audience = settings.audience;
    let site = content
        .site
        .as_ref()
        .expect("validated content has site.yaml");
    let resolver = Resolver::new(site, as_of, audience);
    let mut ledger = ledger::Ledger::build(content, &resolver);
    let notes = notes::notes(content, &resolver, &mut ledger);
    Model {
        document: document::document(&site.document, content),
        as_of,
        as_of_stated: settings.as_of.stated().is_some(),
        sample_data: site.sample_data,
        keep_punctuation: site.keep_punctuation,
        contact: site.contact.as_ref().map(|c| c.value.clone()),
        notice: document::notice(&site.notice, as_of),
        base_url: settings.base_url.clone(),
        language: site
            .language
            .as_ref()
            .map_or_else(|| "zh-CN".to_string(), |l| l.value.clone()),
        audience,
        phases: document::phases(site, as_of),
        milestones: document::milestones(site, as_of),
        measure_count: ledger.issues.iter().map(|i| i.measures.len()).sum(),
        groups: summary::groups(&ledger.issues),
        issue_statuses: summary::issue_statuses(&ledger.issues),
        villages: ledger.villages,
        units: ledger.units,
        issues: ledger.issues,
        tasks: ledger.tasks,
        totals: ledger.totals,
        notes,
        policy: notes::policy(content),
        glossary: notes::glossary(content),
        register: content.register(),
    }
}

/// Resolves references against `site.yaml` and knows what this audience
/// may see and which dates judge deadlines.
pub(super) struct Resolver<'a> {
    site: &'a content::Site,
    /// The date overdue is judged against.
    as_of: Date,
    /// The first day the plan's date can mean: deadlines without a year
    /// take theirs from it.
    plan_date: Option<Date>,
    /// Whether the model is for the public.
    public: bool,
}

impl<'a> Resolver<'a> {
    fn new(site: &'a content::Site, as_of: Date, audience: Audience) -> Self {
        Resolver {
            site,
            as_of,
            plan_date: site.document.date.as_ref().map(|d| d.value.first_day()),
            public: audience == Audience::Public,
        }
    }

    /// Whether content for `audience` goes into this model.
    fn shown(&self, audience: Audience) -> bool {
        !self.public || audience == Audience::Public
    }

    /// The index of the village `reference` names.
    fn village(&self, reference: &str) -> Option<usize> {
        self.site.places.village(reference)
    }

    /// The index of the unit `reference` names.
    fn unit(&self, reference: &str) -> Option<usize> {
        self.site.places.unit(reference)
    }

    /// The village `reference` names, as a link.
    fn village_ref(&self, reference: &str) -> Option<Ref> {
        self.village(reference).map(|i| Ref {
            id: self.site.villages[i].id.value.clone(),
            name: self.site.villages[i].name.value.clone(),
        })
    }

    /// The unit `reference` names, as a link.
    fn unit_ref(&self, reference: &str) -> Option<Ref> {
        self.unit(reference).map(|i| Ref {
            id: self.site.units[i].id.value.clone(),
            name: self.site.units[i].name.value.clone(),
        })
    }

    /// The villages a list names (validation has found every one).
    fn village_refs(&self, list: &[Located<String>]) -> Vec<Ref> {
        list.iter()
            .filter_map(|r| self.village_ref(&r.value))
            .collect()
    }

    /// The units a list names.
    fn unit_refs(&self, list: &[Located<String>]) -> Vec<Ref> {
        list.iter()
            .filter_map(|r| self.unit_ref(&r.value))
            .collect()
    }
}

/// Markdown text with its place in the file, for link reports.
fn markdown(text: &Located<String>) -> Markdown {
    Markdown {
        text: published::without_comments(&text.value),
        origin: text.span,
    }
}
