//! `taizhang new`: a valid, commented skeleton in the right place — the next
//! free issue number, a note named by date, a village or unit added to
//! site.yaml. Never overwrites anything.

use std::fs;
use std::path::{Path, PathBuf};

use crate::content::is_slug;
use crate::date::Date;
use crate::diagnostics::Lang;

use super::{in_language, say};

/// What to create.
#[derive(Clone, Debug)]
pub enum Item {
    /// `content/issues/NN.yaml` with the next free number.
    Issue {
        /// The problem's title, if known.
        title: Option<String>,
        /// Deadline; the default is 30 days from today.
        deadline: Option<Date>,
    },
    /// `content/notes/<date>-<slug>.md`.
    Note {
        /// Title.
        title: String,
        /// Address part; default: the title if it is a slug, else `note`.
        slug: Option<String>,
        /// Date; default: today.
        date: Option<Date>,
    },
    /// A village added to site.yaml.
    Village {
        /// Slug, e.g. `bajing`.
        id: String,
        /// Name, e.g. 八景村.
        name: String,
        /// 村, 社区 or 安置区.
        kind: String,
    },
    /// A unit added to site.yaml.
    Unit {
        /// Slug.
        id: String,
        /// Name.
        name: String,
    },
}

/// Creates `item` under `root`, with comments and messages in `lang`;
/// returns the file written or changed.
pub fn create(root: &Path, item: &Item, today: Date, lang: Lang) -> Result<PathBuf, String> {
    let content = root.join("content");
    if !content.is_dir() {
        let root = root.display();
        return Err(say(
            lang,
            format!("{root} 下没有 content/ 文件夹:请先运行 taizhang init"),
            format!("{root} has no content/ folder: run `taizhang init` first"),
        ));
    }
    match item {
        Item::Issue { title, deadline } => {
            let issues = content.join("issues");
            fs::create_dir_all(&issues).map_err(|e| e.to_string())?;
            let next = highest_number(&issues) + 1;
            let path = issues.join(format!("{next:02}.yaml"));
            let title = title
                .clone()
                .unwrap_or_else(|| "待填写:问题标题".to_string());
            let deadline = deadline.unwrap_or_else(|| today.plus_days(30));
            write_new(&path, &issue_skeleton(next, &title, deadline, lang), lang)?;
            Ok(path)
        }
        Item::Note { title, slug, date } => {
            let date = date.unwrap_or(today);
            let slug = slug.clone().unwrap_or_else(|| {
                if is_slug(title) {
                    title.clone()
                } else {
                    "note".to_string()
                }
            });
            if !is_slug(&slug) {
                return Err(say(
                    lang,
                    format!("“{slug}”不能用作网址:只能用小写字母、数字和连字符"),
                    format!("`{slug}` is not a slug: use lower-case letters, digits and hyphens"),
                ));
            }
            let path = content.join("notes").join(format!("{date}-{slug}.md"));
            fs::create_dir_all(content.join("notes")).map_err(|e| e.to_string())?;
            let note = format!(
                "---\n#zh 一篇工作动态。kind(类型):progress 进展 | minutes 会议纪要 | acceptance 验收 | notice 通知\n#en A dated note. kind: progress | minutes | acceptance | notice\ntitle: {}\ndate: {date}\nkind: progress\n# issues: [1]\n# villages: [village-id]\n# audience: internal\n---\n待填写:正文(Markdown)。\n",
                quote(title)
            );
            write_new(&path, &in_language(&note, lang), lang)?;
            Ok(path)
        }
        Item::Village { id, name, kind } => add_to_site(
            &content.join("site.yaml"),
            ("villages", id),
            &format!("name: {}, kind: {}", quote(name), quote(kind)),
            lang,
        ),
        Item::Unit { id, name } => add_to_site(
            &content.join("site.yaml"),
            ("units", id),
            &format!("name: {}", quote(name)),
            lang,
        ),
    }
}

fn issue_skeleton(number: u32, title: &str, deadline: Date, lang: Lang) -> String {
    let skeleton = format!(
        r#"#zh 方案中的第 {number} 个问题。所有可写的键见 docs/content.md。
#en Problem {number} of the plan. Every key: docs/content.md
number: {number}
title: {}
# category: 政策落实方面
finding: |
  待填写:存在的问题,写明事实和数字。
measures:
  - 待填写:第一条整改措施(一是)。
target: 待填写:整改目标。
deadline: {deadline}
ongoing: false
#zh 牵头单位可写一个,也可写几个:[unit-a, unit-b]
#en One lead unit, or several: [unit-a, unit-b]
# lead_unit: unit-id
# units: [unit-id]
# villages: [village-id]
# tasks:
#   - village: village-id
#     measure: 1
#     what: 任务内容
#     status: not_started
#zh 状态:not_started 未启动、in_progress 整改中、awaiting_acceptance 待验收、closed 已销号
#en Statuses: not_started, in_progress, awaiting_acceptance, closed
"#,
        quote(title)
    );
    in_language(&skeleton, lang)
}

/// A YAML double-quoted string (JSON escapes are valid YAML).
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_new(path: &Path, text: &str, lang: Lang) -> Result<(), String> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            let path = path.display();
            say(
                lang,
                format!("{path} 已存在或无法创建({e});没有覆盖任何文件"),
                format!(
                    "{path} already exists or cannot be created ({e}); nothing was overwritten"
                ),
            )
        })?;
    file.write_all(text.as_bytes()).map_err(|e| e.to_string())
}

/// The highest issue number in `issues` (0 when none): each file's
/// `number:` as the YAML parser reads it (so `number: 7  # 第七个` is 7),
/// and each file name that is a number (`07.yaml`), which the new file
/// must not take either.
fn highest_number(issues: &Path) -> u32 {
    #[derive(serde::Deserialize)]
    struct Numbered {
        number: Option<u32>,
    }
    let Ok(entries) = fs::read_dir(issues) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .flat_map(|entry| {
            let path = entry.path();
            let by_name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<u32>().ok());
            let by_key = fs::read_to_string(&path)
                .ok()
                .and_then(|text| serde_saphyr::from_str::<Numbered>(&text).ok())
                .and_then(|n| n.number);
            [by_name, by_key]
        })
        .flatten()
        .max()
        .unwrap_or(0)
}

/// Adds `- { id: …, rest }` to the `key:` list of site.yaml, after its last item.
fn add_to_site(
    site: &Path,
    (key, id): (&str, &str),
    rest: &str,
    lang: Lang,
) -> Result<PathBuf, String> {
    if !is_slug(id) {
        return Err(say(
            lang,
            format!("“{id}”不能用作标识:只能用小写字母、数字和连字符,例如 bajing"),
            format!("`{id}` is not an id: use lower-case letters, digits and hyphens, e.g. bajing"),
        ));
    }
    let shown = site.display();
    let text = fs::read_to_string(site).map_err(|e| {
        say(
            lang,
            format!("无法读取 {shown}:{e}"),
            format!("cannot read {shown}: {e}"),
        )
    })?;
    let lines: Vec<&str> = text.lines().collect();
    let entry = format!("  - {{ id: {id}, {rest} }}");
    let head = lines.iter().position(|l| l.trim_end() == format!("{key}:"));
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match head {
        Some(head) => {
            let items = &lines[head + 1..];
            let span = items
                .iter()
                .take_while(|l| {
                    l.is_empty() || l.starts_with(' ') || l.starts_with('-') || l.starts_with('#')
                })
                .count();
            let block = &items[..span];
            let names_id = |line: &&str| {
                let line = line
                    .trim()
                    .trim_start_matches("- ")
                    .trim_start_matches("{ ")
                    .trim();
                line == format!("id: {id}")
                    || line.starts_with(&format!("id: {id},"))
                    || line.starts_with(&format!("id: {id} "))
            };
            if block.iter().any(names_id) {
                return Err(say(
                    lang,
                    format!("{key} 中已有“{id}”;没有改动任何文件"),
                    format!("`{id}` is already in {key}; nothing was changed"),
                ));
            }
            let last = block
                .iter()
                .rposition(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .map_or(0, |p| p + 1);
            out.insert(head + 1 + last, entry);
        }
        None => {
            out.push(format!("{key}:"));
            out.push(entry);
        }
    }
    fs::write(site, out.join("\n") + "\n").map_err(|e| {
        say(
            lang,
            format!("无法写入 {shown}:{e}"),
            format!("cannot write {shown}: {e}"),
        )
    })?;
    Ok(site.to_path_buf())
}
