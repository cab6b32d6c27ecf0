//! The site's written pages beside the ledger: notes, policy explainer
//! pages and glossary terms.

use serde::Serialize;

use super::{Markdown, Ref};
use crate::date::Date;

/// A note.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Note {
    /// Address part.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Date,
    /// Kind label (工作动态 …).
    pub kind: &'static str,
    /// Issues it concerns.
    pub issues: Vec<u32>,
    /// Villages it concerns.
    pub villages: Vec<Ref>,
    /// Markdown body.
    pub body: Markdown,
}

/// A policy explainer page.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PolicyPage {
    /// Address part.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: Option<String>,
    /// Documents explained.
    pub sources: Vec<String>,
    /// Markdown body.
    pub body: Markdown,
}

/// A glossary term.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Term {
    /// The term.
    pub term: String,
    /// Anchor on the glossary page.
    pub id: String,
    /// Plain-language explanation, Markdown.
    pub explanation: Markdown,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Policy page explaining it at length.
    pub policy: Option<String>,
}
