//! `content/glossary.yaml` (policy terms) and `content/people.yaml` (the
//! never-published register of private persons named in the content).

use crate::diagnostics::{FileId, Located};

use super::Content;

use super::decode::Decoder;
use super::yaml::{Node, Value};

/// What the public build must hide, and what only looks like it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Register {
    /// Registered private persons as `(full name, surname)`.
    pub people: Vec<(String, String)>,
    /// The site's own names (villages, units, glossary terms): a registered
    /// name inside one of them (高华 in 高华安置区) is not a person there.
    pub site_words: Vec<String>,
    /// Words and numbers declared public in `people.yaml` (`allow:`): a
    /// supervision phone, a name that only looks like a person's.
    pub allowed: Vec<String>,
}

impl Register {
    /// The registered full names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.people.iter().map(|(name, _)| name.as_str())
    }
}

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

impl Content {
    /// What the public build hides, from the content: the registered people,
    /// the site's own names (villages with and without 村/社区, units, glossary
    /// terms) that a registered name may stand inside, and the `allow:` list
    /// with the notices' supervision phone.
    pub fn register(&self) -> Register {
        let people = self.people.as_ref();
        let mut site_words: Vec<String> = Vec::new();
        if let Some(site) = &self.site {
            for village in &site.villages {
                let name = village.name.value.as_str();
                site_words.push(name.to_string());
                let stem = ["社区", "安置区", "村"]
                    .iter()
                    .find_map(|suffix| name.strip_suffix(suffix));
                if let Some(stem) = stem.filter(|s| s.chars().count() >= 2) {
                    site_words.push(stem.to_string());
                }
            }
            site_words.extend(site.units.iter().map(|u| u.name.value.clone()));
            site_words.push(site.document.issuer.value.clone());
        }
        if let Some(glossary) = &self.glossary {
            for term in &glossary.terms {
                site_words.push(term.term.value.clone());
                site_words.extend(term.aliases.iter().map(|a| a.value.clone()));
            }
        }
        site_words.retain(|w| !w.is_empty());
        Register {
            people: people.map_or_else(Vec::new, |p| {
                p.persons
                    .iter()
                    .map(|person| {
                        let surname = person.surname.as_ref().map_or_else(
                            || person.name.value.chars().take(1).collect(),
                            |s| s.value.clone(),
                        );
                        (person.name.value.clone(), surname)
                    })
                    .collect()
            }),
            site_words,
            // The notices' 监督电话 is published on purpose, like `allow:`.
            allowed: people
                .map(|p| p.allow.iter().map(|a| a.value.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
                .into_iter()
                .chain(
                    self.site
                        .as_ref()
                        .and_then(|s| s.notice.phone.as_ref())
                        .map(|p| p.value.clone()),
                )
                .collect(),
        }
    }
}
