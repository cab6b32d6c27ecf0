//! What each template sees: small serialisable views that borrow from the
//! model and carry rendered HTML.

use serde::Serialize;

use crate::date::Date;
use crate::model::{Document, Issue, Model, Note, Ref, StatusView, Tally, Task};

/// Site-wide values every template may use as `site`.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) document: &'a Document,
    pub(crate) as_of: Date,
    pub(crate) as_of_stated: bool,
    pub(crate) sample_data: bool,
    pub(crate) contact: Option<&'a str>,
    pub(crate) notice: &'a crate::model::Notice,
    pub(crate) language: &'a str,
    pub(crate) audience: crate::model::Audience,
    pub(crate) base_url: &'a str,
    pub(crate) totals: Tally,
    pub(crate) issue_count: usize,
    pub(crate) measure_count: usize,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        SiteView {
            document: &model.document,
            as_of: model.as_of,
            as_of_stated: model.as_of_stated,
            sample_data: model.sample_data,
            contact: model.contact.as_deref(),
            notice: &model.notice,
            language: &model.language,
            audience: model.audience,
            base_url: &model.base_url,
            totals: model.totals,
            issue_count: model.issues.len(),
            measure_count: model.measure_count,
        }
    }
}

/// The navigation section a page belongs to, as `page`.
#[derive(Serialize)]
pub(crate) struct PageMeta {
    pub(crate) section: &'static str,
}

/// An issue as a link.
#[derive(Serialize)]
pub(crate) struct IssueLink<'a> {
    pub(crate) number: u32,
    pub(crate) label: Option<&'a str>,
    pub(crate) slug: &'a str,
    pub(crate) title: &'a str,
    /// The headings that open at this issue, outermost first: empty
    /// unless it is the first of a group.
    pub(crate) groups: Vec<GroupHeading<'a>>,
}

/// A heading of the plan that groups the problems after it.
#[derive(Clone, Serialize)]
pub(crate) struct GroupHeading<'a> {
    /// 1 for the outermost (一、…方面), 2 for one inside it, and so on.
    pub(crate) depth: usize,
    /// As written.
    pub(crate) title: &'a str,
    /// Whether the group opened before and resumes here, after a group
    /// inside it closed: `1.(3)` after the ① items of `(2)住房安全方面`.
    pub(crate) continued: bool,
}

/// Every heading of an issue in `category`, for a row that opens a page
/// of the list: those in `opening` (the headings that open at it in the
/// whole list) as they are, the others marked as continued.
pub(crate) fn headings_open_at<'a>(
    category: &'a [String],
    opening: &[GroupHeading<'a>],
) -> Vec<GroupHeading<'a>> {
    category
        .iter()
        .enumerate()
        .map(|(depth, title)| {
            let depth = depth + 1;
            let opens = opening.iter().any(|g| g.depth == depth && !g.continued);
            GroupHeading {
                depth,
                title,
                continued: !opens,
            }
        })
        .collect()
}

/// For each issue in plan order, the group headings that open at it: those
/// of its headings that differ from the previous issue's, and every one
/// below the first that differs; when a group inside closed and nothing
/// new opens, the group it returns to, marked as continued.
pub(crate) fn group_headings(model: &Model) -> Vec<Vec<GroupHeading<'_>>> {
    let mut previous: &[String] = &[];
    model
        .issues
        .iter()
        .map(|issue| {
            let path = issue.category.as_slice();
            let same = path
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            let returns = same == path.len() && previous.len() > path.len() && same > 0;
            previous = path;
            if returns {
                return vec![GroupHeading {
                    depth: same,
                    title: &path[same - 1],
                    continued: true,
                }];
            }
            path.iter()
                .enumerate()
                .skip(same)
                .map(|(depth, title)| GroupHeading {
                    depth: depth + 1,
                    title,
                    continued: false,
                })
                .collect()
        })
        .collect()
}

/// Every issue as a link, in plan order, with the group headings that open
/// at it.
pub(crate) fn grouped_links(model: &Model) -> Vec<IssueLink<'_>> {
    model
        .issues
        .iter()
        .zip(group_headings(model))
        .map(|(issue, groups)| IssueLink {
            groups,
            ..IssueLink::from(&**issue)
        })
        .collect()
}

impl<'a> From<&'a Issue> for IssueLink<'a> {
    fn from(issue: &'a Issue) -> Self {
        IssueLink {
            number: issue.number,
            label: issue.label.as_deref(),
            slug: &issue.slug,
            title: &issue.title,
            groups: Vec::new(),
        }
    }
}

/// The plan document's texts as HTML, for `/plan/` and the print pack.
#[derive(Serialize)]
pub(crate) struct PlanText<'a> {
    pub(crate) preamble: Option<&'a str>,
    pub(crate) requirements: Option<&'a str>,
    pub(crate) sections: Vec<SectionHtml<'a>>,
}

/// One chapter of the plan: its heading as written and its HTML.
#[derive(Serialize)]
pub(crate) struct SectionHtml<'a> {
    pub(crate) title: Option<&'a str>,
    pub(crate) html: &'a str,
}

impl<'a> PlanText<'a> {
    pub(crate) fn new(model: &'a crate::model::Model, prose: &'a super::prose::Prose) -> Self {
        let document = prose.document(model);
        PlanText {
            preamble: document.preamble.as_deref(),
            requirements: document.requirements.as_deref(),
            sections: model
                .document
                .sections
                .iter()
                .zip(&document.sections)
                .map(|(section, html)| SectionHtml {
                    title: section.title.as_deref(),
                    html,
                })
                .collect(),
        }
    }
}

/// A row of the rectification list.
#[derive(Serialize)]
pub(crate) struct ListRow<'a> {
    pub(crate) number: u32,
    pub(crate) label: Option<&'a str>,
    pub(crate) groups: Vec<GroupHeading<'a>>,
    pub(crate) slug: &'a str,
    pub(crate) title: &'a str,
    pub(crate) measures: Vec<MeasureSummary>,
    pub(crate) lead_units: &'a [Ref],
    pub(crate) units: &'a [Ref],
    pub(crate) deadline: Option<Date>,
    pub(crate) deadline_text: &'a str,
    pub(crate) status: Option<StatusView>,
    /// The report's own word for the status, or empty.
    pub(crate) status_word: &'a str,
    /// Whether the report gives an account of what was done.
    pub(crate) has_progress: bool,
    pub(crate) tally: Tally,
}

/// A measure in one line.
#[derive(Serialize)]
pub(crate) struct MeasureSummary {
    pub(crate) label: String,
    pub(crate) summary: String,
    /// The whole measure as plain text, when the summary leaves some out.
    pub(crate) full: Option<String>,
}

impl<'a> From<&'a Issue> for ListRow<'a> {
    fn from(issue: &'a Issue) -> Self {
        ListRow {
            number: issue.number,
            label: issue.label.as_deref(),
            groups: Vec::new(),
            slug: &issue.slug,
            title: &issue.title,
            measures: issue
                .measures
                .iter()
                .map(|m| {
                    let clause = summary(&m.text.text);
                    let whole = plain_text(&m.text.text);
                    // A measure's own heading is the plan's summary of it, and
                    // its text is more; else the first clause may be all of it.
                    let cut =
                        m.heading.is_some() || whole.trim_end_matches(['。', '；', ';']) != clause;
                    MeasureSummary {
                        label: m.label.clone(),
                        summary: m.heading.clone().unwrap_or(clause),
                        full: cut.then_some(whole),
                    }
                })
                .collect(),
            lead_units: &issue.lead_units,
            units: &issue.units,
            deadline: issue.deadline,
            deadline_text: &issue.deadline_text,
            status: issue.status,
            status_word: &issue.status_word,
            has_progress: issue.progress.is_some(),
            tally: issue.tally,
        }
    }
}

/// Markdown `text` as plain text on one line, for the list.
fn plain_text(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first clause of a measure, for the list: "明确监测对象纳入标准".
pub(crate) fn summary(text: &str) -> String {
    const LIMIT: usize = 40;
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#'))
        .collect();
    let clause = plain
        .split([',', ',', ';', ';', '。', ':', ':', '\n'])
        .map(str::trim)
        .find(|c| !c.is_empty());
    let clause = clause.unwrap_or_default();
    if clause.chars().count() > LIMIT {
        format!("{}…", clause.chars().take(LIMIT).collect::<String>())
    } else {
        clause.to_string()
    }
}

/// A measure with its HTML.
#[derive(Serialize)]
pub(crate) struct MeasureView<'a> {
    pub(crate) number: u32,
    pub(crate) label: &'a str,
    pub(crate) heading: Option<&'a str>,
    pub(crate) status: Option<StatusView>,
    pub(crate) tally: Tally,
    pub(crate) units: &'a [Ref],
    pub(crate) html: &'a str,
}

/// A dated text with its HTML.
#[derive(Serialize)]
pub(crate) struct DatedHtml<'a> {
    pub(crate) date: Date,
    pub(crate) html: &'a str,
}

/// A phase with its length, for the timeline.
#[derive(Serialize)]
pub(crate) struct PhaseView<'a> {
    pub(crate) name: &'a str,
    pub(crate) start: Date,
    pub(crate) end: Date,
    pub(crate) when: &'a str,
    pub(crate) days: i64,
}

/// A glossary term with its HTML.
#[derive(Serialize)]
pub(crate) struct TermView<'a> {
    pub(crate) term: &'a str,
    pub(crate) id: &'a str,
    pub(crate) aliases: &'a [String],
    pub(crate) policy: Option<&'a str>,
    pub(crate) html: &'a str,
}

/// A feed entry.
#[derive(Serialize)]
pub(crate) struct FeedEntry<'a> {
    pub(crate) title: &'a str,
    pub(crate) slug: &'a str,
    pub(crate) date: Date,
    pub(crate) kind: &'a str,
    pub(crate) html: String,
}

/// Tasks by index.
pub(crate) fn tasks<'a>(model: &'a Model, indices: &[usize]) -> Vec<&'a Task> {
    indices.iter().map(|&i| &*model.tasks[i]).collect()
}

/// Notes by index.
pub(crate) fn notes<'a>(model: &'a Model, indices: &[usize]) -> Vec<&'a Note> {
    indices.iter().map(|&i| &*model.notes[i]).collect()
}

/// Issues by number, as links.
pub(crate) fn issue_links<'a>(model: &'a Model, numbers: &[u32]) -> Vec<IssueLink<'a>> {
    numbers
        .iter()
        .filter_map(|n| model.issues.binary_search_by_key(n, |i| i.number).ok())
        .map(|at| IssueLink::from(&*model.issues[at]))
        .collect()
}

/// A village's burn-up among the overview's small multiples.
#[derive(Serialize)]
pub(crate) struct Multiple<'a> {
    pub(crate) village: &'a crate::model::Village,
    pub(crate) chart: &'a crate::charts::Chart,
}

/// An issue in the print pack, with its HTML and charts.
#[derive(Serialize)]
pub(crate) struct PrintIssue<'a> {
    pub(crate) number: u32,
    pub(crate) slug: &'a str,
    pub(crate) title: &'a str,
    pub(crate) finding: &'a str,
    pub(crate) measures: Vec<MeasureView<'a>>,
    pub(crate) label: Option<&'a str>,
    pub(crate) target: Option<&'a str>,
    pub(crate) deadline: Option<Date>,
    pub(crate) deadline_text: &'a str,
    pub(crate) lead_units: &'a [Ref],
    pub(crate) units: &'a [Ref],
    pub(crate) villages: &'a [Ref],
    pub(crate) status: Option<StatusView>,
    pub(crate) status_word: &'a str,
    pub(crate) progress: Option<&'a str>,
    pub(crate) tally: Tally,
    pub(crate) charts: &'a [crate::charts::Chart],
    pub(crate) updates: Vec<DatedHtml<'a>>,
}

/// A note with its HTML.
#[derive(Serialize)]
pub(crate) struct NoteHtml<'a> {
    pub(crate) slug: &'a str,
    pub(crate) title: &'a str,
    pub(crate) date: Date,
    pub(crate) html: &'a str,
}

#[cfg(test)]
mod tests;
