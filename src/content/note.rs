//! Markdown pages with front matter: notes (`content/notes/**/*.md`) and
//! policy explainer pages (`content/policy/*.md`).

use crate::date::Date;
use crate::diagnostics::{FileId, Located, Problem, Span};

use super::decode::{Choice, Decoder, Fields, is_slug};
use super::status::Audience;
use super::yaml::Node;

/// What a note records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// 工作动态: progress.
    Progress,
    /// 会议纪要: minutes.
    Minutes,
    /// 验收: an acceptance.
    Acceptance,
    /// 通知 / 公告: a notice.
    Notice,
}

impl Choice for NoteKind {
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("progress", NoteKind::Progress),
        ("minutes", NoteKind::Minutes),
        ("acceptance", NoteKind::Acceptance),
        ("notice", NoteKind::Notice),
        ("工作动态", NoteKind::Progress),
        ("会议纪要", NoteKind::Minutes),
        ("验收", NoteKind::Acceptance),
        ("通知", NoteKind::Notice),
    ];
}

/// A dated note (工作动态 / 纪要).
#[derive(Clone, Debug)]
pub struct Note {
    /// The file it came from.
    pub file: FileId,
    /// Address part: `slug` from the front matter, else the file name.
    pub slug: Located<String>,
    /// Title.
    pub title: Located<String>,
    /// Date.
    pub date: Located<Date>,
    /// Kind.
    pub kind: NoteKind,
    /// Issues it concerns, by number.
    pub issues: Vec<Located<u32>>,
    /// Villages it concerns, as written.
    pub villages: Vec<Located<String>>,
    /// Who may see it.
    pub audience: Audience,
    /// The Markdown body.
    pub body: String,
    /// Line on which the body starts, for messages about it.
    pub body_line: u32,
}

/// A policy explainer page (政策解读).
#[derive(Clone, Debug)]
pub struct PolicyPage {
    /// The file it came from.
    pub file: FileId,
    /// Address part: `slug` from the front matter, else the file name.
    pub slug: Located<String>,
    /// Title.
    pub title: Located<String>,
    /// One-sentence summary for the index.
    pub summary: Option<Located<String>>,
    /// Position in the index (lower first), then title.
    pub order: Option<Located<u32>>,
    /// Documents it explains, e.g. 湘农组办发〔2025〕4号.
    pub sources: Vec<Located<String>>,
    /// The Markdown body.
    pub body: String,
    /// Line on which the body starts.
    pub body_line: u32,
}

/// Decodes a note's front matter; `file_stem` is its file name without extension.
pub(super) fn decode_note(
    front: &Node,
    file: FileId,
    file_stem: &str,
    body: (&str, u32),
    decoder: &mut Decoder<'_>,
) -> Option<Note> {
    let f = decoder.fields(
        front,
        &[
            "title", "date", "kind", "issues", "villages", "audience", "slug",
        ],
    )?;
    let title = decoder.text(&f, "title");
    let date = decoder.date(&f, "date");
    let kind = decoder
        .opt_choice(&f, "kind")
        .map_or(NoteKind::Progress, |k| k.value);
    let issues = {
        let items = decoder.list(&f, "issues");
        items
            .iter()
            .filter_map(|n| decoder.node_int(n, 1, 999_999))
            .collect()
    };
    let slug = slug(decoder, &f, file, file_stem);
    Some(Note {
        file,
        villages: decoder.text_list(&f, "villages"),
        audience: decoder
            .opt_choice(&f, "audience")
            .map(|a| a.value)
            .unwrap_or_default(),
        slug: slug?,
        title: title?,
        date: date?,
        kind,
        issues,
        body: body.0.to_string(),
        body_line: body.1,
    })
}

/// Decodes a policy page's front matter.
pub(super) fn decode_policy(
    front: &Node,
    file: FileId,
    file_stem: &str,
    body: (&str, u32),
    decoder: &mut Decoder<'_>,
) -> Option<PolicyPage> {
    let f = decoder.fields(front, &["title", "summary", "order", "sources", "slug"])?;
    let title = decoder.text(&f, "title");
    let slug = slug(decoder, &f, file, file_stem);
    Some(PolicyPage {
        file,
        summary: decoder.opt_text(&f, "summary"),
        order: decoder.opt_int(&f, "order", 0, 9999),
        sources: decoder.text_list(&f, "sources"),
        slug: slug?,
        title: title?,
        body: body.0.to_string(),
        body_line: body.1,
    })
}

/// The page's slug: `slug` from the front matter, else the file name, which
/// must then be a slug itself (a Chinese file name needs a `slug:` line).
fn slug(
    decoder: &mut Decoder<'_>,
    fields: &Fields<'_>,
    file: FileId,
    file_stem: &str,
) -> Option<Located<String>> {
    if fields.get("slug").is_some() {
        return decoder.id(fields, "slug");
    }
    if is_slug(file_stem) {
        return Some(Located::new(file_stem.to_string(), Span::file_start(file)));
    }
    decoder.report(
        Problem::BadId {
            text: file_stem.to_string(),
        },
        Span::file_start(file),
    );
    None
}
