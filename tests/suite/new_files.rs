//! `taizhang new`: skeletons of an issue, a note, a village and a unit that
//! check clean, at the next free number, and never written over what is
//! there.

use std::fs;

use crate::common::taizhang;

#[test]
fn new_skeletons_check_clean_and_never_overwrite() {
    let dir = tempfile::tempdir().expect("a folder");
    taizhang::scaffold::init(dir.path(), Default::default()).expect("writes");
    let root = dir.path().to_str().expect("utf-8");
    let run = |args: &[&str]| {
        taizhang()
            .args(["new", "--root", root])
            .args(args)
            .output()
            .expect("runs")
    };
    assert!(run(&["issue", "--title", "新问题"]).status.success());
    assert!(
        dir.path().join("content/issues/02.yaml").is_file(),
        "the next free number"
    );
    assert!(
        run(&[
            "note",
            "--title",
            "部署会",
            "--slug",
            "bushu",
            "--date",
            "2025-08-02"
        ])
        .status
        .success()
    );
    assert!(
        run(&["village", "--id", "nancun", "--name", "南村"])
            .status
            .success()
    );
    assert!(
        run(&["unit", "--id", "minzheng", "--name", "民政办"])
            .status
            .success()
    );
    let check = taizhang()
        .args(["check", "--root", root])
        .output()
        .expect("runs");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let counts = String::from_utf8_lossy(&check.stdout);
    assert!(
        counts.starts_with("2 个问题") && counts.contains("3 个村(社区),2 个单位,2 篇动态"),
        "{counts}"
    );

    let note = dir.path().join("content/notes/2025-08-02-bushu.md");
    let before = fs::read(&note).expect("reads");
    let again = run(&[
        "note",
        "--title",
        "另一个",
        "--slug",
        "bushu",
        "--date",
        "2025-08-02",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("没有覆盖任何文件"));
    assert_eq!(before, fs::read(&note).expect("reads"));
    let site = fs::read(dir.path().join("content/site.yaml")).expect("reads");
    for args in [
        &["village", "--id", "dongcun", "--name", "东村"][..],
        &["unit", "--id", "minzheng", "--name", "x"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("中已有"));
    }
    assert_eq!(
        site,
        fs::read(dir.path().join("content/site.yaml")).expect("reads")
    );
}
