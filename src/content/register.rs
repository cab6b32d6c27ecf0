//! `content/glossary.yaml` (policy terms) and `content/people.yaml` (the
//! never-published register of private persons named in the content).

use crate::diagnostics::{FileId, Located};

use super::decode::Decoder;
use super::yaml::{Node, Value};

/// A glossary term.
#[derive(Clone, Debug)]
pub struct Term {
    /// The term as the plan writes it, e.g. 3+1保障.
    pub term: Located<String>,
    /// Anchor on the glossary page; defaults to the term itself.
    pub id: Option<Located<String>>,
    /// Plain-language explanation for residents, Markdown.
    pub explanation: Located<String>,
    /// Other spellings that link to the same entry.
    pub aliases: Vec<Located<String>>,
    /// Slug of the policy page that explains it at length.
    pub policy: Option<Located<String>>,
}

/// A private person named in the content.
#[derive(Clone, Debug)]
pub struct Person {
    /// Full name as written in the content.
    pub name: Located<String>,
    /// Surname, when not the first character (欧阳 …).
    pub surname: Option<Located<String>>,
    /// Village, as written.
    pub village: Option<Located<String>>,
    /// Why they are named (internal).
    pub note: Option<Located<String>>,
}

/// The glossary, from its file.
#[derive(Clone, Debug)]
pub struct Glossary {
    /// The file.
    pub file: FileId,
    /// Terms in file order.
    pub terms: Vec<Term>,
}

/// The person register, from its file.
#[derive(Clone, Debug)]
pub struct People {
    /// The file.
    pub file: FileId,
    /// Persons in file order.
    pub persons: Vec<Person>,
    /// Words that look like a person's name or number but are public (a
    /// supervision phone, a shop's name): never masked, never warned about.
    pub allow: Vec<Located<String>>,
}

/// Decodes `glossary.yaml`: a `terms:` list.
pub(super) fn decode_glossary(root: &Node, file: FileId, decoder: &mut Decoder<'_>) -> Glossary {
    let terms = entries(root, &["terms"], decoder)
        .iter()
        .filter_map(|node| {
            let f = decoder.fields(node, &["term", "id", "explanation", "aliases", "policy"])?;
            let term = decoder.text(&f, "term");
            let explanation = decoder.text(&f, "explanation");
            Some(Term {
                id: decoder.opt_text(&f, "id"),
                aliases: decoder.text_list(&f, "aliases"),
                policy: decoder.opt_text(&f, "policy"),
                term: term?,
                explanation: explanation?,
            })
        })
        .collect();
    Glossary { file, terms }
}

/// Decodes `people.yaml`: a `people:` list and an `allow:` list.
pub(super) fn decode_people(root: &Node, file: FileId, decoder: &mut Decoder<'_>) -> People {
    let fields = (root.value != Value::Null)
        .then(|| decoder.fields(root, &["people", "allow"]))
        .flatten();
    let Some(fields) = fields else {
        return People {
            file,
            persons: Vec::new(),
            allow: Vec::new(),
        };
    };
    let allow = decoder.text_list(&fields, "allow");
    let persons = decoder
        .list(&fields, "people")
        .iter()
        .filter_map(|node| {
            let f = decoder.fields(node, &["name", "surname", "village", "note"])?;
            let name = decoder.text(&f, "name");
            Some(Person {
                surname: decoder.opt_text(&f, "surname"),
                village: decoder.opt_text(&f, "village"),
                note: decoder.opt_text(&f, "note"),
                name: name?,
            })
        })
        .collect();
    People {
        file,
        persons,
        allow,
    }
}

/// The list under the file's single top-level key (an empty file: none).
fn entries<'n>(
    root: &'n Node,
    key: &'static [&'static str; 1],
    decoder: &mut Decoder<'_>,
) -> &'n [Node] {
    if root.value == Value::Null {
        return &[];
    }
    match decoder.fields(root, key) {
        Some(fields) => decoder.list(&fields, key[0]),
        None => &[],
    }
}
