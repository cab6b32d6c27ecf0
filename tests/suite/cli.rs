//! The `taizhang` binary: exit codes, summary line, `init`.

use std::path::Path;

use crate::common::taizhang;

#[test]
fn check_on_the_repository_exits_0_with_a_summary() {
    let out = taizhang()
        .args([
            "check",
            "--quiet",
            "--lang",
            "en",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("14 issues, 38 measures, "), "{stdout}");
    assert!(
        stdout.contains("10 villages, 12 units, 6 notes, 13 people; 0 errors"),
        "{stdout}"
    );
}

#[test]
fn a_full_check_counts_what_it_freed_before_rendering() {
    // `check --full` renders as `build` does, which frees the decoded
    // issues and notes once the model holds them: the summary still
    // counts them.
    let out = taizhang()
        .args(["check", "--full", "--quiet", "--lang", "en", "--root"])
        .arg(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("14 issues, 38 measures, 128 tasks, 10 villages, 12 units, 6 notes"),
        "{stdout}"
    );
}

#[test]
fn init_then_check_is_clean_and_init_never_overwrites() {
    let dir = tempfile::tempdir().expect("a folder");
    let site = dir.path().join("site");
    let status = taizhang().arg("init").arg(&site).status().expect("runs");
    assert!(status.success());
    let out = taizhang()
        .args(["check", "--root"])
        .arg(&site)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "no warnings either: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = taizhang().arg("init").arg(&site).output().expect("runs");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("不是空文件夹"));
}

/// The stage names `--verbose` prints on stderr, in order.
fn stages(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|line| line.starts_with("  ") && line.ends_with(" ms"))
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            words[..words.len() - 2].join(" ")
        })
        .collect()
}

#[test]
fn verbose_shows_how_long_each_stage_took() {
    // `--verbose` promises stage times for every command that runs the
    // pipeline: `check` (with or without errors) as well as `build`.
    let root = env!("CARGO_MANIFEST_DIR");
    let check = taizhang()
        .args(["check", "--verbose", "--root", root])
        .output()
        .expect("runs");
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        stages(&check.stderr),
        ["load", "validate", "model", "links and guard"]
    );
    let out = tempfile::tempdir().expect("a folder");
    let build = taizhang()
        .args(["build", "--verbose", "--root", root, "--out"])
        .arg(out.path().join("site"))
        .output()
        .expect("runs");
    assert_eq!(build.status.code(), Some(0));
    assert_eq!(
        stages(&build.stderr),
        ["load", "validate", "model", "render and write", "swap in"]
    );
    let broken = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(broken.path(), Default::default()).expect("writes");
    std::fs::write(broken.path().join("content/issues/02.yaml"), "number: 2\n").expect("writes");
    let failed = taizhang()
        .args(["check", "--verbose", "--root"])
        .arg(broken.path())
        .output()
        .expect("runs");
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(stages(&failed.stderr), ["load", "validate"]);
}

#[test]
fn content_errors_exit_1_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    std::fs::write(
        dir.path().join("content/issues/02.yaml"),
        "number: 2\ntitle: x\n",
    )
    .expect("writes");
    let before = std::fs::read(dir.path().join("content/issues/02.yaml")).expect("reads");
    let out = taizhang()
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/issues/02.yaml:1:1: error[E013]"),
        "{stderr}"
    );
    let after = std::fs::read(dir.path().join("content/issues/02.yaml")).expect("reads");
    assert_eq!(before, after, "check changes no file");
    let usage = taizhang()
        .args(["check", "--as-of", "2025-13-01"])
        .output()
        .expect("runs");
    assert_eq!(usage.status.code(), Some(2));
    let missing = taizhang()
        .args(["check", "--root", "/nonexistent/site"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("error[E007]"));
}

#[test]
fn base_url_on_the_command_line_answers_the_missing_address_warning() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let site = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).expect("reads");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&site, without).expect("writes");
    let build = |args: &[&str]| {
        let out = taizhang()
            .args(["build", "--lang", "en", "--root"])
            .arg(dir.path())
            .args(args)
            .output()
            .expect("runs");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let plain = build(&[]);
    assert!(
        plain.contains("W104") && plain.contains(", 1 warning,"),
        "{plain}"
    );
    let given = build(&["--base-url", "https://gov.example.cn/town/"]);
    assert!(
        !given.contains("W104") && given.contains(", 0 warnings,"),
        "{given}"
    );
    let sitemap =
        std::fs::read_to_string(dir.path().join("public/sitemap.xml")).expect("a sitemap");
    assert!(sitemap.contains("https://gov.example.cn/town/issues/01/"));
}

#[test]
fn new_issue_takes_a_number_no_file_has() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let issue = dir.path().join("content/issues/01.yaml");
    let text = std::fs::read_to_string(&issue).expect("reads");
    // A number with a comment after it, in a file not named by its number.
    std::fs::write(
        &issue,
        text.replacen("number: 1\n", "number: 3   # 第三个问题\n", 1),
    )
    .expect("writes");
    std::fs::rename(&issue, dir.path().join("content/issues/cunwu.yaml")).expect("renames");
    let note = dir.path().join("content/notes/2025-08-01-kickoff.md");
    let text = std::fs::read_to_string(&note).expect("reads");
    std::fs::write(&note, text.replace("issues: [1]", "issues: [3]")).expect("writes");
    let out = taizhang()
        .args(["new", "--root"])
        .arg(dir.path())
        .args(["issue", "--title", "新问题"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("content/issues/04.yaml").is_file());
    let check = taizhang()
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn init_and_new_speak_the_language_asked_for() {
    let dir = tempfile::tempdir().expect("a folder");
    let run = |args: &[&str]| {
        let out = taizhang().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let zh = dir.path().join("zh");
    let en = dir.path().join("en");
    let (zh, en) = (zh.to_str().expect("UTF-8"), en.to_str().expect("UTF-8"));
    let said = run(&["init", zh, "--lang", "zh"]);
    assert!(
        said.contains("个文件") && said.contains("下一步:taizhang check"),
        "{said}"
    );
    // Chinese is the default.
    let said = run(&["new", "--root", zh, "issue", "--title", "测试问题"]);
    assert!(said.starts_with("已写入 "), "{said}");
    let said = run(&["init", en, "--lang", "en"]);
    assert!(
        said.starts_with("wrote ") && said.contains("next: taizhang check"),
        "{said}"
    );
    let said = run(&[
        "new", "--root", en, "--lang", "en", "issue", "--title", "Test",
    ]);
    assert!(said.starts_with("wrote "), "{said}");

    // The skeletons' comments are in the language asked for, and only in it.
    let read = |root: &str, path: &str| {
        std::fs::read_to_string(Path::new(root).join(path)).expect("written")
    };
    let (zh_site, en_site) = (read(zh, "content/site.yaml"), read(en, "content/site.yaml"));
    assert!(zh_site.starts_with("# 整改方案本身"), "{zh_site}");
    assert!(en_site.starts_with("# The plan document"), "{en_site}");
    let (zh_issue, en_issue) = (
        read(zh, "content/issues/02.yaml"),
        read(en, "content/issues/02.yaml"),
    );
    assert!(zh_issue.starts_with("# 方案中的第 2 个问题"), "{zh_issue}");
    assert!(
        en_issue.starts_with("# Problem 2 of the plan"),
        "{en_issue}"
    );
    for text in [&zh_site, &en_site, &zh_issue, &en_issue] {
        assert!(!text.contains("#zh") && !text.contains("#en"), "{text}");
    }
    assert!(!zh_site.contains("Overdue status") && !en_site.contains("是否逾期"));

    // So are its refusals.
    let refused = |args: &[&str]| {
        let out = taizhang().args(args).output().expect("runs");
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = refused(&["init", zh]);
    assert!(said.contains("不是空文件夹"), "{said}");
    let said = refused(&["init", en, "--lang", "en"]);
    assert!(said.contains("is not empty"), "{said}");
}

#[test]
fn check_piped_into_a_reader_that_stops_early_still_exits_cleanly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // Hundreds of overdue warnings: far more than a pipe holds, so the
    // listing is still being written when the reader goes away.
    let dir = tempfile::tempdir().expect("a folder");
    let size = taizhang::synthetic::Size {
        issues: 400,
        villages: 20,
        notes: 10,
        units: 0,
    };
    taizhang::synthetic::write_site(dir.path(), size).expect("writes the site");
    let mut child = taizhang()
        .args(["check", "--root"])
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = String::new();
    let stderr = child.stderr.take().expect("piped");
    BufReader::new(stderr)
        .read_line(&mut first)
        .expect("reads a line");
    assert!(first.contains("warning[W101]"), "{first}");
    // The reader is gone (as `| head -1` leaves): no panic, the usual code.
    let status = child.wait().expect("ends");
    assert_eq!(status.code(), Some(0));
}
