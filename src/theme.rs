//! The theme: templates and static files compiled into the binary, with a
//! site's own `templates/` and `static/` overriding any file by path (as in
//! Zola). Loading it is the only file access the render stage depends on.

use std::fs;
use std::path::Path;

use walkdir::WalkDir;

/// Embeds files of `themes/default/<folder>/` by name.
macro_rules! embed {
    ($folder:literal, $read:ident: $($name:literal),* $(,)?) => {
        &[$(($name, $read!(concat!("../themes/default/", $folder, "/", $name)))),*]
    };
}

/// Templates of the default theme, by name.
const TEMPLATES: &[(&str, &str)] = embed!("templates", include_str:
    "404.html", "base.html", "components.html", "feed.xml", "glossary.html", "index.html",
    "issue.html", "list.html", "note.html", "notes.html", "notice.html", "overdue.html", "paper.html", "print_issue.html",
    "plan.html", "policy.html", "policy_page.html", "print.html", "robots.txt", "search.html", "sitemap.xml", "unit.html",
    "units.html", "village.html", "villages.html",
);

/// Static files of the default theme, by path under `static/`.
const STATIC: &[(&str, &[u8])] =
    embed!("static", include_bytes: "favicon.svg", "print.css", "search.js", "style.css");

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for (folder, embedded) in [("templates", TEMPLATES.len()), ("static", STATIC.len())] {
            let on_disk = fs::read_dir(dir.join(folder))
                .expect("the theme folder")
                .count();
            assert_eq!(
                on_disk, embedded,
                "themes/default/{folder}: add new files to the embed! list"
            );
        }
    }

    #[test]
    fn a_site_file_overrides_the_theme_by_path() {
        let site = tempfile::tempdir().expect("a folder");
        fs::create_dir_all(site.path().join("templates")).expect("a folder");
        fs::write(site.path().join("templates/404.html"), "mine").expect("writes");
        fs::write(site.path().join("templates/extra.html"), "added").expect("writes");
        let theme = Theme::load(site.path()).expect("loads");
        let get = |name: &str| {
            theme
                .templates
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.as_str())
        };
        assert_eq!(get("404.html"), Some("mine"));
        assert_eq!(get("extra.html"), Some("added"));
        assert_eq!(theme.templates.len(), TEMPLATES.len() + 1);
    }
}
