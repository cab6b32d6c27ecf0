//! The theme: templates and static files compiled into the binary, with a
//! site's own `templates/` and `static/` overriding any file by path (as in
//! Zola). Loading it is the only file access the render stage depends on.

use std::fs;
use std::path::Path;

use walkdir::WalkDir;

/// Templates of the default theme, by name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "components.html",
        include_str!("../themes/default/templates/components.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "list.html",
        include_str!("../themes/default/templates/list.html"),
    ),
    (
        "issue.html",
        include_str!("../themes/default/templates/issue.html"),
    ),
    (
        "villages.html",
        include_str!("../themes/default/templates/villages.html"),
    ),
    (
        "village.html",
        include_str!("../themes/default/templates/village.html"),
    ),
    (
        "units.html",
        include_str!("../themes/default/templates/units.html"),
    ),
    (
        "unit.html",
        include_str!("../themes/default/templates/unit.html"),
    ),
    (
        "notes.html",
        include_str!("../themes/default/templates/notes.html"),
    ),
    (
        "note.html",
        include_str!("../themes/default/templates/note.html"),
    ),
    (
        "policy.html",
        include_str!("../themes/default/templates/policy.html"),
    ),
    (
        "policy_page.html",
        include_str!("../themes/default/templates/policy_page.html"),
    ),
    (
        "glossary.html",
        include_str!("../themes/default/templates/glossary.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "feed.xml",
        include_str!("../themes/default/templates/feed.xml"),
    ),
    (
        "sitemap.xml",
        include_str!("../themes/default/templates/sitemap.xml"),
    ),
    (
        "robots.txt",
        include_str!("../themes/default/templates/robots.txt"),
    ),
];

/// Static files of the default theme, by path under `static/`.
const STATIC: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../themes/default/static/style.css"),
)];

/// Templates and static files, the site's overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    /// `(name, source)`, sorted by name.
    pub templates: Vec<(String, String)>,
    /// `(path under static/, bytes)`, sorted by path.
    pub statics: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// The built-in theme alone.
    pub fn builtin() -> Theme {
        Theme {
            templates: TEMPLATES
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            statics: STATIC
                .iter()
                .map(|(p, b)| (p.to_string(), b.to_vec()))
                .collect(),
        }
    }

    /// The built-in theme with `root/templates/**` and `root/static/**`
    /// laid over it. A site template may replace a theme template or add one.
    pub fn load(root: &Path) -> Result<Theme, String> {
        let mut theme = Theme::builtin();
        for (name, bytes) in files_under(&root.join("templates"))? {
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("templates/{name}: not UTF-8 text"))?;
            upsert(&mut theme.templates, name, text);
        }
        for (name, bytes) in files_under(&root.join("static"))? {
            upsert(&mut theme.statics, name, bytes);
        }
        Ok(theme)
    }
}

fn upsert<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.binary_search_by(|(n, _)| n.as_str().cmp(&name)) {
        Ok(at) => list[at].1 = value,
        Err(at) => list.insert(at, (name, value)),
    }
}

fn files_under(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir yields paths under its root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes =
            fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        files.push((name, bytes));
    }
    Ok(files)
}
