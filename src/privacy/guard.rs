//! The leak guard: after the public site is rendered and before it replaces
//! the old one, every output file is searched for every registered full
//! name and for phone and ID numbers in clear. Any hit stops the build.
//! Content cannot switch it off.

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::masker::{NUMBERS, Number, classify};
use crate::diagnostics::Lang;
use crate::render::OutputFile;

/// Something that must not be published, found in an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The file, relative to the output folder.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What was found, itself masked for the message.
    pub what: String,
}

impl Leak {
    /// What E090 says of it, as `build` and `serve` print it.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("公开版会泄露个人信息:{}", self.what),
            Lang::En => format!("the public site would publish {}", self.what),
        }
    }
}

/// Every leak in `files`: registered `names` in full, and mobile, landline
/// and ID numbers. Files are searched as bytes, so binary files are covered
/// for the names too.
pub fn guard(files: &[OutputFile], names: &[&str]) -> Vec<Leak> {
    Guard::new(names).check(files)
}

/// The guard's matchers, built once and reused for every file checked
/// (`serve` checks each page as it renders it).
#[derive(Debug)]
pub struct Guard {
    names: Vec<String>,
    finder: Option<AhoCorasick>,
    numbers: regex::bytes::Regex,
}

impl Guard {
    /// A guard for the registered `names`.
    pub fn new(names: &[&str]) -> Guard {
        // A full DFA: many names, searched over every byte of the site.
        let finder = (!names.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(names)
                .expect("names are plain strings")
        });
        Guard {
            names: names.iter().map(|n| (*n).to_string()).collect(),
            finder,
            numbers: regex::bytes::Regex::new(NUMBERS).expect("a fixed, valid pattern"),
        }
    }

    /// The names it looks for.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Every leak in `files`, in file order.
    pub fn check(&self, files: &[OutputFile]) -> Vec<Leak> {
        files
            .par_iter()
            .flat_map_iter(|file| scan(file, &self.names, self.finder.as_ref(), &self.numbers))
            .collect()
    }
}

fn scan(
    file: &OutputFile,
    names: &[String],
    finder: Option<&AhoCorasick>,
    numbers: &regex::bytes::Regex,
) -> Vec<Leak> {
    let text = file.bytes.as_slice();
    // Decoding is needed only to place a hit.
    let place = |offset: usize| {
        let before = String::from_utf8_lossy(&text[..offset]);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    };
    let mut leaks = Vec::new();
    if let Some(finder) = finder {
        for found in finder.find_iter(text) {
            let (line, col) = place(found.start());
            let name = &names[found.pattern().as_usize()];
            leaks.push(Leak {
                path: file.path.clone(),
                line,
                col,
                what: format!(
                    "a registered name ({}…)",
                    name.chars().next().unwrap_or('?')
                ),
            });
        }
    }
    for found in numbers.find_iter(text) {
        let before = found.start().checked_sub(1).map(|i| char::from(text[i]));
        let after = text.get(found.end()).map(|b| char::from(*b));
        // The pattern matches ASCII only, so the match is UTF-8.
        let matched = std::str::from_utf8(found.as_bytes()).unwrap_or_default();
        let Some(kind) = classify(matched, before, after) else {
            continue;
        };
        let (line, col) = place(found.start());
        let what = match kind {
            Number::Mobile => "a mobile number",
            Number::Landline => "a landline number",
            Number::Id => "an ID number",
        };
        leaks.push(Leak {
            path: file.path.clone(),
            line,
            col,
            what: format!("{what} ({}…)", &matched[..3]),
        });
    }
    leaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_and_numbers_with_their_place() {
        let files = [OutputFile {
            path: "issues/02/index.html".into(),
            bytes: "<p>ok</p>\n<p>八景村兰东风户 13812345678</p>"
                .as_bytes()
                .to_vec(),
        }];
        let leaks = guard(&files, &["兰东风"]);
        assert_eq!(leaks.len(), 2);
        assert_eq!((leaks[0].line, leaks[0].col), (2, 7));
        assert!(leaks[1].what.starts_with("a mobile number"));
        assert!(guard(&files[..0], &["兰东风"]).is_empty());
    }
}
