//! Building the [`Model`] from validated content for one audience. Each
//! issue (with its tasks) and each note is built from its own file alone,
//! and masked, so that `serve` can keep it in a [`Memo`] while other files
//! change; the ledger then counts them into villages, units and the whole.
//! The plan document is built by its own module, and every reference
//! resolves through one [`Resolver`].

mod document;
mod issue;
mod labels;
mod ledger;
mod memo;
mod notes;
mod published;
mod summary;

use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{self, Audience, Content};
use crate::date::Date;
use crate::diagnostics::{FileId, Located, SourceMap};
use crate::settings::Settings;

use super::{Markdown, Model, Ref};
use issue::IssuePart;
use memo::{Context, Reusing};

pub use labels::number_text;
pub use memo::Memo;

/// Builds the model. `content` must have passed validation without errors:
/// references then resolve, and anything that does not is skipped rather
/// than invented. Internal-only notes, tasks, updates and evidence are left
/// out of a public model, and so are evidence file paths; every registered
/// person and every phone and ID number in a public model is masked.
/// Without an as-of date, where the content needs one, there is no model.
pub fn build(content: &Content, settings: &Settings) -> Result<Model, NoAsOf> {
    build_with(content, None, settings, None, &mut Memo::default())
}

/// [`build`], taking the content's issues: each issue's document is freed
/// as soon as its part of the model is built, not held beside the whole
/// model (a county's are 150 MB). `content` is left without its issues,
/// model or not.
pub fn build_taking_issues(content: &mut Content, settings: &Settings) -> Result<Model, NoAsOf> {
    let issues = std::mem::take(&mut content.issues);
    build_with(content, Some(issues), settings, None, &mut Memo::default())
}

/// [`build`], taking from `memo` each issue and note whose file is
/// unchanged since the model built before (`sources` knows each file's
/// revision), and leaving this build's in it: `serve` builds a model on
/// every save.
pub fn build_reusing(
    content: &Content,
    settings: &Settings,
    sources: &SourceMap,
    memo: &mut Memo,
) -> Result<Model, NoAsOf> {
    build_with(content, None, settings, Some(sources), memo)
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

/// The model of `content`, whose issues are `taken` from it when given.
fn build_with(
    content: &Content,
    taken: Option<Vec<content::Issue>>,
    settings: &Settings,
    sources: Option<&SourceMap>,
    memo: &mut Memo,
) -> Result<Model, NoAsOf> {
    let as_of = settings.as_of.for_pages().ok_or(NoAsOf)?;
    let audience = settings.audience;
    let site = content
        .site
        .as_ref()
        .expect("validated content has site.yaml");
    let resolver = Resolver::new(site, as_of, audience);
    let register = content.register();
    let masker = (audience == Audience::Public).then(|| {
        crate::privacy::Masker::new(&register, site.privacy.name_mask, site.privacy.id_mask)
    });
    let issues: &[content::Issue] = taken.as_deref().unwrap_or(&content.issues);
    let document = document::document(&site.document, issues);
    let mut order: Vec<usize> = (0..issues.len()).collect();
    order.sort_by_key(|&i| issues[i].number.value);
    // Addresses share one width, so /issues/0007/ sorts before /issues/0012/.
    let width = order
        .last()
        .map_or(2, |&i| issues[i].number.value.to_string().len().max(2));
    let files: Vec<FileId> = order.iter().map(|&i| issues[i].file).collect();
    let context = Context {
        site: sources.map_or(0, |s| s.revision(site.file)),
        as_of,
        audience,
        width,
        register: register.clone(),
    };
    let mut reuse = Reusing::new(memo, sources, context);
    let kept: Vec<Option<IssuePart>> = files.iter().map(|&file| reuse.issue(file)).collect();
    let part = |source: &content::Issue, kept: Option<IssuePart>| {
        kept.unwrap_or_else(|| {
            let slug = format!("{:0width$}", source.number.value);
            IssuePart::build(&resolver, source, slug, masker.as_ref())
        })
    };
    let mut parts: Vec<IssuePart> = match taken {
        None => order
            .par_iter()
            .zip(kept)
            .map(|(&i, kept)| part(&content.issues[i], kept))
            .collect(),
        // Each document is dropped as soon as its part is built.
        Some(mut taken) => {
            // Sorted as `order` is: a stable sort by the same key.
            taken.sort_by_key(|i| i.number.value);
            taken
                .into_par_iter()
                .zip(kept)
                .map(|(source, kept)| part(&source, kept))
                .collect()
        }
    };
    let numbers: Vec<u32> = parts.iter().map(|p| p.issue.number).collect();
    let notes = notes::notes(content, &resolver, masker.as_ref(), &numbers, &mut reuse);
    for (part, of_issue) in parts.iter_mut().zip(&notes.of_issues) {
        if part.issue.notes != *of_issue {
            Arc::make_mut(&mut part.issue).notes = of_issue.clone();
        }
    }
    let mut ledger = ledger::Ledger::build(&resolver, &mut parts);
    for (village, of_village) in ledger.villages.iter_mut().zip(notes.of_villages) {
        village.notes = of_village;
    }
    for (&file, part) in files.iter().zip(parts) {
        reuse.keep_issue(file, part);
    }
    reuse.finish();
    let mut model = Model {
        document,
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
        notes: notes.notes,
        policy: notes::policy(content),
        glossary: notes::glossary(content),
        register,
    };
    if let Some(masker) = &masker {
        super::mask(&mut model, masker);
    }
    Ok(model)
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
    /// Each village and unit as a link, made once: a county's 100,000
    /// tasks share them.
    villages: Vec<Ref>,
    units: Vec<Ref>,
}

impl<'a> Resolver<'a> {
    fn new(site: &'a content::Site, as_of: Date, audience: Audience) -> Self {
        let link = |id: &str, name: &str| Ref {
            id: id.into(),
            name: name.into(),
        };
        Resolver {
            site,
            as_of,
            plan_date: site.document.date.as_ref().map(|d| d.value.first_day()),
            public: audience == Audience::Public,
            villages: (site.villages.iter())
                .map(|v| link(&v.id.value, &v.name.value))
                .collect(),
            units: (site.units.iter())
                .map(|u| link(&u.id.value, &u.name.value))
                .collect(),
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
        self.village(reference).map(|i| self.village_at(i))
    }

    /// The unit `reference` names, as a link.
    fn unit_ref(&self, reference: &str) -> Option<Ref> {
        self.unit(reference).map(|i| self.unit_at(i))
    }

    /// The village at `index` in the site's list, as a link.
    fn village_at(&self, index: usize) -> Ref {
        self.villages[index].clone()
    }

    /// The unit at `index` in the site's list, as a link.
    fn unit_at(&self, index: usize) -> Ref {
        self.units[index].clone()
    }

    /// The collective unit of all villages (各村(社区)), if the site has
    /// one: a village's own task counts for it too.
    fn every_village(&self) -> Option<usize> {
        self.site.units.iter().position(|u| u.all_villages)
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
