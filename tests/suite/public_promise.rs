//! What the public build promises, tried the way a hostile tester or a
//! careless clerk would: it never destroys what it did not make, two builds
//! at once never leave a broken site, configuration cannot inject script,
//! and nothing a reader could recognise as a resident is published.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::common::{build_ok, copy_repository_content, taizhang, tree};

/// Every file and folder under `dir` with the file bytes: what "no byte
/// changed anywhere" compares.
fn everything(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("readable"))
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("inside");
            let bytes = e
                .file_type()
                .is_file()
                .then(|| fs::read(e.path()).expect("readable"));
            (relative.to_string_lossy().replace('\\', "/"), bytes)
        })
        .collect()
}

#[test]
fn build_refuses_folders_it_did_not_make_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path().join("site");
    copy_repository_content(&root);
    fs::create_dir_all(root.join("static/img")).expect("a folder");
    fs::write(root.join("static/img/logo.svg"), "<svg/>").expect("writes");
    let unrelated = dir.path().join("documents");
    fs::create_dir(&unrelated).expect("a folder");
    fs::write(unrelated.join("会议纪要.docx"), "keep me").expect("writes");
    let before = everything(dir.path());
    for out in [
        "content",
        ".",
        "..",
        "static",
        "content/issues",
        "../documents",
        "content/../content",
    ] {
        let run = taizhang()
            .current_dir(&root)
            .args(["build", "--quiet", "--lang", "en", "--out", out])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "--out {out}: {stderr}");
        assert!(stderr.contains("refusing to"), "--out {out}: {stderr}");
        assert!(
            before == everything(dir.path()),
            "--out {out} changed something"
        );
    }
    // A folder an earlier build made is replaced as before.
    let earlier = dir.path().join("site-public");
    let earlier = earlier.to_str().expect("a UTF-8 path");
    build_ok(&root, &["--out", earlier]);
    assert!(dir.path().join("site-public/.taizhang-build").is_file());
    build_ok(&root, &["--out", earlier]);
}

#[test]
fn two_builds_into_one_folder_leave_one_complete_site() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path().join("site");
    copy_repository_content(&root);
    let reference_dir = dir.path().join("reference");
    build_ok(&root, &["--out", reference_dir.to_str().expect("UTF-8")]);
    let reference = tree(&dir.path().join("reference"));
    for round in 0..3 {
        let start = || {
            taizhang()
                .args(["build", "--quiet", "--root"])
                .arg(&root)
                .arg("--out")
                .arg(dir.path().join("shared"))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("runs")
        };
        let (first, second) = (start(), start());
        for child in [first, second] {
            let out = child.wait_with_output().expect("finishes");
            // Each either succeeds over a complete site or says why not.
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let built = tree(&dir.path().join("shared"));
        assert_eq!(built.len(), reference.len(), "round {round}");
        assert!(built == reference, "round {round}: the site differs");
    }
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".taizhang-lock"))
        .collect();
    let mut leftovers = leftovers;
    leftovers.sort();
    assert_eq!(leftovers, ["reference", "shared", "site"]);
}

/// Writes `text` as an extra note of the init site at `root`.
fn note(root: &Path, name: &str, text: &str) {
    fs::write(
        root.join(format!("content/notes/{name}.md")),
        format!("---\ntitle: 入户走访\ndate: 2025-08-05\nvillages: [dongcun]\n---\n{text}\n"),
    )
    .expect("writes");
}

/// The site's public files as one text a reader would see: tags kept,
/// but every separator a reader skips over removed.
fn public_text(root: &Path) -> String {
    tree(&root.join("public"))
        .into_iter()
        .map(|(path, bytes)| format!("{path}\n{}", String::from_utf8_lossy(&bytes)))
        .collect::<String>()
        .chars()
        .filter(|c| !skipped_by_readers(*c))
        .collect()
}

/// Separators a reader skips over when reading a name or a number.
fn skipped_by_readers(c: char) -> bool {
    c.is_whitespace() || "\u{200B}\u{00AD}\u{2060}\u{FEFF}-()+".contains(c)
}

#[test]
fn a_registered_name_or_number_is_masked_however_it_is_typed() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    taizhang::scaffold::init(root, Default::default()).expect("writes");
    fs::write(
        root.join("content/people.yaml"),
        "people:\n  - { name: 李小梅 }\n  - { name: 兰东风 }\n  - { name: 高华 }\n",
    )
    .expect("writes");
    let site = fs::read_to_string(root.join("content/site.yaml")).expect("reads");
    fs::write(
        root.join("content/site.yaml"),
        site.replace(
            "villages:\n",
            "villages:\n  - id: gaohua\n    name: 高华安置区\n    kind: 安置区\n",
        ),
    )
    .expect("writes");
    note(
        root,
        "2025-08-05-zoufang",
        "八景村兰东\n风户反映,兰 东 风家门口,兰\u{200B}东\u{00AD}风,蘭東風,\
         [查看](https://x.cn/?q=%E5%85%B0%E4%B8%9C%E9%A3%8E)。\n\n\
         高华安置区的高华反映,电话138-1234-5678、138 1234 5678、+86 138 1234 5678、\
         0086 13812345678、１３８１２３４５６７８、Tel.13812345678,\
         座机(0730)1234567、0730 1234567、07301234567,\
         身份证430621 19900101 123X,银行卡6222 0202 0011 2233 446。\n\n\
         <!-- 内部:兰东风家属电话13900001111 -->\n\n\
         共83户272人,42.68%,2025-09-30,江政发〔2025〕16号,1.2万元。",
    );
    build_ok(root, &[]);
    let text = public_text(root);
    for secret in [
        "兰东风",
        "蘭東風",
        "%E5%85%B0%E4%B8%9C",
        "13812345678",
        "８",
        "07301234567",
        "43062119900101123X",
        "6222020200112233446",
        "13900001111",
        "内部",
    ] {
        assert!(!text.contains(secret), "the public site shows {secret}");
    }
    for kept in [
        "高华安置区的高某某反映",
        "83户272人",
        "42.68%",
        "2025-09-30",
        "江政发〔2025〕16号",
        "1.2万元",
    ] {
        let kept: String = kept.chars().filter(|c| !skipped_by_readers(*c)).collect();
        assert!(text.contains(&kept), "the public site lost {kept}");
    }
}

#[test]
fn check_fails_where_build_would() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    taizhang::scaffold::init(root, Default::default()).expect("writes");
    note(root, "2025-08-05-link", "见[问题9](/issues/09/)。");
    let run = |command: &str| {
        taizhang()
            .args([command, "--lang", "en", "--root"])
            .arg(root)
            .output()
            .expect("runs")
    };
    for command in ["check", "build"] {
        let out = run(command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("content/notes/2025-08-05-link.md:6:") && stderr.contains("E080"),
            "{command}: {stderr}"
        );
    }
    fs::remove_file(root.join("content/notes/2025-08-05-link.md")).expect("removes");
    // A file whose name is a registered resident's, in static/.
    fs::create_dir_all(root.join("static/photos")).expect("a folder");
    fs::write(root.join("static/photos/李小梅家.jpg"), [0xFF, 0xD8, 0xFF]).expect("writes");
    for command in ["check", "build"] {
        let out = run(command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("error[E090]") && stderr.contains("in the file name"),
            "{command}: {stderr}"
        );
    }
    assert!(!root.join("public").exists());
}

#[test]
fn a_quick_check_finds_the_links_a_full_one_does() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    taizhang::scaffold::init(root, Default::default()).expect("writes");
    note(
        root,
        "2025-08-05-links",
        "见[任务](@/issues/01/#tasks)、[无此处](@/issues/01/#nowhere)。\n\n\
         [无此问题](@/issues/99/)与![图](@/static/missing.png)。\n\n\
         [清单](@/list/)和[样式](@/static/style.css)。",
    );
    let broken = |full: bool| {
        let mut command = taizhang();
        command.args(["check", "--lang", "en", "--root"]).arg(root);
        if full {
            command.arg("--full");
        }
        let out = command.output().expect("runs");
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|line| line.contains("error[E080]"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let quick = broken(false);
    assert_eq!(quick.len(), 3, "{quick:#?}");
    assert!(
        quick[0].contains("content/notes/2025-08-05-links.md:6:"),
        "{quick:#?}"
    );
    assert!(quick[0].contains("/issues/01/#nowhere"), "{quick:#?}");
    assert_eq!(quick, broken(true));
}

#[test]
fn a_base_url_cannot_inject_script() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    for url in [
        "\"><script>alert(1)</script>",
        "javascript:alert(1)",
        "/my-town/",
    ] {
        let out = taizhang()
            .args(["build", "--quiet", "--root"])
            .arg(dir.path())
            .args(["--base-url", url])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{url}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("http://"));
    }
    assert!(!dir.path().join("public").exists());
}
