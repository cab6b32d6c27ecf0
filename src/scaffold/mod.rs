//! `taizhang init` and `taizhang new`: a small, valid site to start from
//! (embedded in the binary), and skeletons for one more issue, note,
//! village or unit.

mod new;

pub(crate) use new::quote;
pub use new::{Item, create};

use std::fs;
use std::io;
use std::path::Path;

use crate::diagnostics::Lang;

/// The example site's files, by path relative to the new site root.
const FILES: &[(&str, &str)] = &[
    ("content/site.yaml", include_str!("site/content/site.yaml")),
    (
        "content/issues/01.yaml",
        include_str!("site/content/issues/01.yaml"),
    ),
    (
        "content/notes/2025-08-01-kickoff.md",
        include_str!("site/content/notes/2025-08-01-kickoff.md"),
    ),
    (
        "content/glossary.yaml",
        include_str!("site/content/glossary.yaml"),
    ),
    (
        "content/people.yaml",
        include_str!("site/content/people.yaml"),
    ),
];

/// Writes the example site into `dir`, which must be absent or empty, with
/// its comments in `lang`, and returns how many files were written. Never
/// overwrites anything.
pub fn init(dir: &Path, lang: Lang) -> io::Result<usize> {
    let shown = dir.display();
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                say(
                    lang,
                    format!("{shown} 不是可读取的文件夹:{e}"),
                    format!("{shown} is not a readable folder: {e}"),
                ),
            )
        })?;
        if entries.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                say(
                    lang,
                    format!("{shown} 不是空文件夹;请换一个新文件夹,以免覆盖已有文件"),
                    format!("{shown} is not empty; choose a new folder so nothing is overwritten"),
                ),
            ));
        }
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, in_language(text, lang))?;
    }
    Ok(FILES.len())
}

/// `text` with its comments in `lang`: a comment line written `#zh …` or
/// `#en …` is kept, as `# …`, only in its own language. One source file
/// then carries both languages.
pub(crate) fn in_language(text: &str, lang: Lang) -> String {
    let (keep, drop) = match lang {
        Lang::Zh => ("#zh ", "#en "),
        Lang::En => ("#en ", "#zh "),
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        if body.starts_with(drop) {
            continue;
        }
        match body.strip_prefix(keep) {
            Some(rest) => {
                out.push_str(indent);
                out.push_str("# ");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The message in `lang`.
pub(crate) fn say(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
