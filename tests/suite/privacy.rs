//! Two audiences from one source: the public build masks every registered
//! person and phone and ID number wherever it appears, refuses to publish a
//! leak, and lets no script through; the internal build shows names and is
//! marked 内部资料.

use crate::common;
use crate::common::{build_ok, copy_repository_content, taizhang, tree};

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use taizhang::content::Audience;

/// The rendered files of the site at `root` for `audience`, in memory.
fn render(root: &Path, audience: Audience) -> Vec<taizhang::output::OutputFile> {
    common::build_in_memory(root, audience)
}

fn registered_names(root: &Path) -> Vec<String> {
    let checked = common::check(root);
    checked
        .content
        .people
        .expect("people.yaml")
        .persons
        .into_iter()
        .map(|p| p.name.value)
        .collect()
}

#[test]
fn sanjiang_public_build_shows_no_registered_name_and_internal_does() {
    let dir = tempfile::tempdir().expect("a folder");
    copy_repository_content(dir.path());
    let names = registered_names(dir.path());
    assert_eq!(names.len(), 13);
    for audience in ["public", "internal"] {
        build_ok(dir.path(), &["--audience", audience]);
    }
    let public = tree(&dir.path().join("public"));
    assert!(public.len() > 40);
    for (path, bytes) in &public {
        let text = String::from_utf8_lossy(bytes);
        for name in &names {
            assert!(
                !text.contains(name.as_str()),
                "{path} contains a registered name"
            );
        }
    }
    let issue = String::from_utf8_lossy(&public["issues/02/index.html"]).into_owned();
    assert!(issue.contains("八景村兰某某户"), "masked as surname + 某某");
    let internal: String = tree(&dir.path().join("public-internal"))
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    let shown = names
        .iter()
        .filter(|n| internal.contains(n.as_str()))
        .count();
    assert_eq!(shown, names.len(), "the internal build shows every name");
}

#[test]
fn a_registered_name_split_or_in_traditional_characters_is_still_a_mention() {
    let dir = tempfile::tempdir().expect("a folder");
    copy_repository_content(dir.path());
    let content = dir.path().join("content");
    let rewrite = |file: &str, from: &str, to: &str| {
        let path = content.join(file);
        let text = fs::read_to_string(&path).expect("reads");
        assert!(text.contains(from), "{file} holds {from}");
        fs::write(&path, text.replace(from, to)).expect("writes");
    };
    // 徐丹's only mention broken over a line of the block; 兰东风's every
    // mention typed in traditional characters. Neither stands as written.
    rewrite("issues/07.yaml", "徐丹", "徐\n  丹");
    for file in ["issues/02.yaml", "notes/2025-09-20-bajing-jiuye-bangfu.md"] {
        rewrite(file, "兰东风", "蘭東風");
    }
    let unmentioned = |root: &Path| -> Vec<String> {
        common::check(root)
            .diagnostics
            .iter()
            .filter_map(|d| match &d.problem {
                taizhang::diagnostics::Problem::PersonNotMentioned { name } => Some(name.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(unmentioned(dir.path()), Vec::<String>::new());
    // Gone entirely, 徐丹 is reported, and only 徐丹.
    rewrite("issues/07.yaml", "徐\n  丹", "某人");
    assert_eq!(unmentioned(dir.path()), ["徐丹"]);
}

#[test]
fn internal_pages_are_marked_and_unindexed_public_pages_are_not() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let internal = render(dir.path(), Audience::Internal);
    let public = render(dir.path(), Audience::Public);
    for file in internal.iter().filter(|f| f.path.ends_with(".html")) {
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(text.contains("内部资料 注意保密"), "{}", file.path);
        assert!(
            text.contains("<meta name=\"robots\" content=\"noindex,nofollow\">"),
            "{}",
            file.path
        );
    }
    assert!(
        internal.iter().all(|f| f.path != "sitemap.xml"),
        "no sitemap for the intranet"
    );
    let robots = internal
        .iter()
        .find(|f| f.path == "robots.txt")
        .expect("robots.txt");
    assert!(String::from_utf8_lossy(&robots.bytes).contains("Disallow: /"));
    for file in public.iter().filter(|f| f.path.ends_with(".html")) {
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(
            !text.contains("内部资料") && !text.contains("noindex"),
            "{}",
            file.path
        );
    }
    assert!(public.iter().any(|f| f.path == "sitemap.xml"));
}

#[test]
fn a_template_printing_a_name_fails_the_public_build_and_keeps_the_old_site() {
    let dir = tempfile::tempdir().expect("a folder");
    copy_repository_content(dir.path());
    let first = taizhang()
        .args(["build", "--quiet", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(first.status.success());
    let before = tree(&dir.path().join("public"));
    // A site override that prints the raw register, as a careless edit might.
    let register = fs::read_to_string(dir.path().join("content/people.yaml")).expect("reads");
    fs::create_dir_all(dir.path().join("templates")).expect("a folder");
    let base = crate::common::builtin_template("base.html")
        .replace("</footer>", &format!("<pre>{register}</pre></footer>"));
    fs::write(dir.path().join("templates/base.html"), base).expect("writes");
    let second = taizhang()
        .args(["build", "--lang", "en", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(second.status.code(), Some(1));
    // The place is the output file's path as the system writes it:
    // `public\index.html` on Windows.
    let stderr = String::from_utf8_lossy(&second.stderr).replace('\\', "/");
    assert!(stderr.contains("public/index.html:"), "{stderr}");
    assert!(
        stderr.contains("error[E090]: the public site would publish a registered name"),
        "{stderr}"
    );
    assert!(
        before == tree(&dir.path().join("public")),
        "public/ changed"
    );
    assert!(
        !dir.path().join(".public.taizhang-new").exists(),
        "the half-written site is removed"
    );
    // The internal build may show the register; the guard is for the public site.
    let internal = taizhang()
        .args(["build", "--quiet", "--audience", "internal", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(internal.status.success());
}

#[test]
fn a_name_in_the_print_pack_made_in_pieces_is_found_and_quoted_at_its_line() {
    let dir = tempfile::tempdir().expect("a folder");
    copy_repository_content(dir.path());
    // The site's own print pack, printing a registered name after the
    // blocks: the pack is still made in pieces, and written as they come.
    let name = registered_names(dir.path())
        .into_iter()
        .next()
        .expect("Sanjiang registers people");
    let print = crate::common::builtin_template("print.html");
    let at = print.rfind("{% endblock %}").expect("a block");
    let print = format!("{}<p>联系人 {name}</p>\n{}", &print[..at], &print[at..]);
    fs::create_dir_all(dir.path().join("templates")).expect("a folder");
    fs::write(dir.path().join("templates/print.html"), print).expect("writes");
    let built = taizhang()
        .args(["build", "--lang", "en", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(built.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&built.stderr).replace('\\', "/");
    let place = stderr
        .lines()
        .find(|l| l.contains("public/print/index.html:"))
        .unwrap_or_else(|| panic!("no leak in the print pack: {stderr}"));
    assert!(
        stderr.contains("error[E090]: the public site would publish a registered name"),
        "{stderr}"
    );
    // Where the build says: the line and the column of the name in it.
    let (line, col) = place
        .rsplit("index.html:")
        .next()
        .and_then(|rest| {
            let mut parts = rest.split(':');
            Some((
                parts.next()?.parse::<usize>().ok()?,
                parts.next()?.trim().parse::<usize>().ok()?,
            ))
        })
        .unwrap_or_else(|| panic!("no line and column in {place}"));
    let quoted = stderr
        .lines()
        .find_map(|l| l.trim_start().strip_prefix(&format!("{line} | ")))
        .unwrap_or_else(|| panic!("line {line} is not quoted: {stderr}"));
    let from: String = quoted
        .chars()
        .skip(col - 1)
        .take(name.chars().count())
        .collect();
    assert_eq!(from, name, "line {line}, column {col}: {quoted}");
    assert!(!dir.path().join("public").exists(), "nothing is published");
}

/// Random Chinese names, mobile, landline and ID numbers.
fn name() -> impl Strategy<Value = String> {
    let surname = prop::sample::select(vec![
        '赵', '钱', '孙', '李', '周', '吴', '郑', '冯', '陈', '蒋', '沈', '韩',
    ]);
    let given = prop::collection::vec(
        prop::sample::select(vec![
            '伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '涛', '琳', '霞',
        ]),
        1..=2,
    );
    (surname, given).prop_map(|(s, g)| std::iter::once(s).chain(g).collect())
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (3u8..=9, 0u64..1_000_000_000).prop_map(|(second, rest)| format!("1{second}{rest:09}")),
        (100u32..999, 1_000_000u32..9_999_999).prop_map(|(area, n)| format!("0{area}-{n}")),
        (
            110_000u64..659_999,
            1950u32..2010,
            1u32..=12,
            1u32..=28,
            0u32..999,
            any::<bool>()
        )
            .prop_map(|(region, year, month, day, order, x)| {
                let check = if x {
                    "X".to_string()
                } else {
                    (order % 10).to_string()
                };
                format!("{region}{year}{month:02}{day:02}{order:03}{check}")
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_names_and_numbers_never_reach_the_public_output(
        person in name(),
        numbers in prop::collection::vec(number(), 4),
        places in prop::collection::vec(0usize..7, 3),
    ) {
        let dir = tempfile::tempdir().expect("a folder");
        taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
        let content = dir.path().join("content");
        let secret = |k: usize| format!("群众{person}(电话{})反映", numbers[k % numbers.len()]);
        let edit = |path: &str, from: &str, to: &str| {
            let file = content.join(path);
            let text = fs::read_to_string(&file).expect("reads");
            assert!(text.contains(from), "{path} holds {from}");
            fs::write(&file, text.replacen(from, to, 1)).expect("writes");
        };
        for (k, place) in places.iter().enumerate() {
            let s = secret(k);
            match place {
                0 => edit("issues/01.yaml", "部分村(社区)", &format!("{s},部分村(社区)")),
                1 => edit("notes/2025-08-01-kickoff.md", "镇党委", &format!("{s},镇党委")),
                2 => edit("issues/01.yaml", "更新村务公开栏", &format!("{s}更新村务公开栏")),
                3 => edit("issues/01.yaml", "村务公开按时", &format!("{s}村务公开按时")),
                4 => edit("issues/01.yaml", "已更新公开栏", &format!("{s}已更新公开栏")),
                5 => edit("site.yaml", "报送中期整改进展", &format!("{s}报送中期整改进展")),
                _ => edit("glossary.yaml", "村里把", &format!("{s}村里把")),
            }
        }
        // An indicator named after the person, too.
        let issue = content.join("issues/01.yaml");
        let text = fs::read_to_string(&issue).expect("reads");
        fs::write(&issue, text.replace("tasks:\n", &format!(
            "indicators:\n  - {{ id: i1, name: {person}户收入, unit: 元, baseline: {{ date: 2025-07-01, value: 1 }}, target: 2 }}\ntasks:\n"
        ))).expect("writes");
        fs::write(content.join("people.yaml"), format!("people:\n  - {{ name: {person} }}\n")).expect("writes");
        let files = render(dir.path(), Audience::Public);
        let register = taizhang::privacy::Register {
            people: vec![(person.clone(), person.chars().take(1).collect())],
            ..Default::default()
        };
        let leaks = taizhang::output::guard(&files, &register);
        prop_assert!(leaks.is_empty(), "{:?}", leaks);
        for file in &files {
            let text = String::from_utf8_lossy(&file.bytes);
            prop_assert!(!text.contains(person.as_str()), "{} shows {}", file.path, person);
            for n in &numbers {
                prop_assert!(!text.contains(n.as_str()), "{} shows {}", file.path, n);
            }
        }
        let internal = render(dir.path(), Audience::Internal);
        prop_assert!(internal.iter().any(|f| String::from_utf8_lossy(&f.bytes).contains(person.as_str())));
    }
}
