//! The print pack and village notices as HTML (the PDFs are checked with
//! real PDF tools in tests/print/run.sh), and `taizhang pdf` without a browser.

use crate::common::{build_ok, repo, taizhang};

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use taizhang::content::Audience;
use taizhang::output::{Memory, OutputFile, Sink};
use taizhang::render::Progress;
use taizhang::site::{BuildOptions, Prepared, Reuse};

#[test]
fn the_pack_holds_every_issue_and_each_village_has_a_notice_with_its_qr_code() {
    let dir = tempfile::tempdir().expect("a folder");
    for audience in ["public", "internal"] {
        let out = dir.path().join(audience);
        build_ok(
            repo(),
            &[
                "--audience",
                audience,
                "--out",
                out.to_str().expect("a UTF-8 path"),
            ],
        );
    }
    let pack = crate::common::as_typed(
        &fs::read_to_string(dir.path().join("public/print/index.html")).expect("the pack"),
    );
    assert!(pack.contains("江政发〔2025〕16号") && pack.contains("整改工作汇报材料"));
    assert!(pack.contains("打印 / 导出PDF"), "the print bar on screen");
    for issue in fs::read_dir(repo().join("content/issues")).expect("issues") {
        let text = fs::read_to_string(issue.expect("entry").path()).expect("reads");
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .expect("a title");
        assert!(pack.contains(title), "the pack lacks {title}");
    }
    assert!(pack.contains("c-matrix-1"), "the ledger matrix");
    assert!(!pack.contains("内部资料"));
    let internal = fs::read_to_string(dir.path().join("internal/print/index.html"))
        .expect("the internal pack");
    assert!(
        internal.contains("@top-right { content: \"内部资料 注意保密\""),
        "the mark on every printed page"
    );
    for village in [
        "bajing",
        "wangfeng",
        "hongyuandong",
        "huaqiao",
        "jinghu",
        "shuangqiao",
        "taiping",
        "zhifeng",
    ] {
        let notice = fs::read_to_string(
            dir.path()
                .join(format!("public/villages/{village}/notice/index.html")),
        )
        .expect("a notice");
        assert!(notice.contains("整改情况公示</h1>"));
        assert!(
            notice.contains(&format!(
                "aria-label=\"二维码:https://example.org/sanjiang/villages/{village}/\""
            )),
            "{village}: the QR code points at the village page"
        );
        assert!(
            notice.contains("请到三江镇乡村振兴办"),
            "{village}: the contact line"
        );
    }
}

#[test]
fn without_a_browser_pdf_says_what_to_install() {
    let given = taizhang()
        .args([
            "pdf",
            "--lang",
            "en",
            "--browser",
            "/nonexistent/chrome",
            "--root",
        ])
        .arg(repo())
        .output()
        .expect("runs");
    assert_eq!(given.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&given.stderr)
            .contains("--browser /nonexistent/chrome: no such file")
    );
    let empty = tempfile::tempdir().expect("a folder");
    let none = taizhang()
        .args(["pdf", "--root"])
        .arg(repo())
        .env("PATH", empty.path())
        .output()
        .expect("runs");
    assert_eq!(none.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&none.stderr);
    assert!(
        stderr.contains("no Chromium, Chrome or Edge found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("apt install chromium") && stderr.contains("Ctrl+P"),
        "{stderr}"
    );
    assert!(!repo().join("pdf").exists(), "nothing written");
}

/// The plan as published is on `/plan/` and in the pack's front matter:
/// every chapter of the Sanjiang document, under its own heading; the pack
/// has a report's cover, not the plan's red masthead.
#[test]
fn the_plan_text_is_published_on_its_page_and_in_the_pack() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("public");
    build_ok(repo(), &["--out", out.to_str().expect("a UTF-8 path")]);
    let plan = crate::common::as_typed(
        &fs::read_to_string(out.join("plan/index.html")).expect("the plan page"),
    );
    let pack = crate::common::as_typed(
        &fs::read_to_string(out.join("print/index.html")).expect("the pack"),
    );
    let overview = fs::read_to_string(out.join("index.html")).expect("the overview");
    assert!(
        overview.contains("href=\"plan/\""),
        "the overview links to the plan"
    );
    for page in [&plan, &pack] {
        for text in [
            "关于印发《三江镇2025年度巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作问题整改方案》的通知",
            "各村(社区)、部门单位:",
            "已经镇党委、政府同意",
            "总体要求",
            "守底线、抓发展、促振兴",
            ">实施步骤</h",
            ">工作要求</h",
            "压实整改责任",
            "动员部署阶段",
        ] {
            assert!(page.contains(text), "missing {text}");
        }
    }
    assert!(plan.contains("<li value=\"14\"><a href=\"../issues/14/\">"));
    assert!(!pack.contains("issuer-red") && pack.contains("整改进展情况汇报"));
}

/// A sink that keeps whole files in memory and files written in pieces
/// apart, with the size of each piece, as a build's staging folder takes
/// them.
#[derive(Default)]
struct Pieces {
    whole: Memory,
    written: Mutex<Vec<(String, Vec<u8>)>>,
    sizes: Mutex<Vec<usize>>,
    removed: Mutex<Vec<String>>,
}

struct Piece<'s>(&'s Pieces, String);

impl Write for Piece<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.sizes.lock().expect("a lock").push(bytes.len());
        let mut written = self.0.written.lock().expect("a lock");
        match written.iter_mut().find(|(p, _)| *p == self.1) {
            Some((_, kept)) => kept.extend(bytes),
            None => written.push((self.1.clone(), bytes.to_vec())),
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink for Pieces {
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        self.whole.put(file)
    }

    fn takes_pieces(&self) -> bool {
        true
    }

    fn open(&self, path: &str) -> std::io::Result<Box<dyn Write + '_>> {
        Ok(Box::new(Piece(self, path.to_string())))
    }

    fn remove(&self, path: &str) -> std::io::Result<()> {
        self.removed.lock().expect("a lock").push(path.to_string());
        Ok(())
    }
}

/// The public site at `root` rendered into a [`Pieces`] sink, and the
/// files it holds whole.
fn render_in_pieces(root: &Path) -> (Pieces, usize) {
    let options = BuildOptions::new(root);
    let checked = taizhang::check::check(&options.root, &options.given);
    let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
    let sink = Pieces::default();
    let findings = prepared
        .render_into(&sink, &AtomicBool::new(false), &Progress::default())
        .expect("renders")
        .expect("not stopped");
    assert!(findings.is_clean());
    (sink, findings.files)
}

const PACK: &str = "print/index.html";

/// The pack as a build in memory makes it, whole.
fn pack_made_whole(root: &Path) -> Vec<u8> {
    crate::common::build_in_memory(root, Audience::Public)
        .into_iter()
        .find(|f| f.path == PACK)
        .expect("a pack")
        .bytes
}

/// A sink that takes a file in pieces gets the print pack so, a batch of
/// blocks at a time as they are made, never whole: the same bytes as the
/// pack made whole.
#[test]
fn a_sink_that_takes_pieces_gets_the_print_pack_in_pieces() {
    let (sink, files) = render_in_pieces(repo());
    assert!(sink.whole.get(PACK).is_none(), "the pack was put whole");
    let written = sink.written.into_inner().expect("a lock");
    assert_eq!(written.len(), 1, "only the pack comes in pieces");
    let (path, pack) = &written[0];
    assert_eq!(path, PACK);
    assert!(
        *pack == pack_made_whole(repo()),
        "the pieces differ from the whole"
    );
    let sizes = sink.sizes.into_inner().expect("a lock");
    assert!(
        sizes.len() > 1,
        "{} bytes in {} piece",
        pack.len(),
        sizes.len()
    );
    assert!(sizes.iter().all(|&n| n < pack.len()));
    assert!(sink.removed.into_inner().expect("a lock").is_empty());
    assert_eq!(files, sink.whole.into_files().len() + 1);
}

/// A site's own print pack whose notes stand in a verbatim element: the
/// pieces cannot be joined as the page made whole would read, so after
/// the blocks were written in pieces the pack is made whole instead, and
/// the half written is left out.
#[test]
fn a_pack_whose_pieces_do_not_join_is_made_whole_after_pieces_were_written() {
    let dir = tempfile::tempdir().expect("a folder");
    crate::common::copy_repository_content(dir.path());
    let print = crate::common::builtin_template("print.html").replace(
        "<div>{{ n.html | safe }}</div>",
        "<pre>{{ n.html | safe }}</pre>",
    );
    fs::create_dir_all(dir.path().join("templates")).expect("a folder");
    fs::write(dir.path().join("templates/print.html"), print).expect("writes");
    let (sink, _) = render_in_pieces(dir.path());
    let written = sink.written.into_inner().expect("a lock");
    assert!(
        written
            .iter()
            .any(|(p, bytes)| p == PACK && !bytes.is_empty()),
        "the pack was begun in pieces"
    );
    assert_eq!(sink.removed.into_inner().expect("a lock"), [PACK]);
    let whole = sink.whole.get(PACK).expect("then made whole");
    assert!(
        *whole == pack_made_whole(dir.path()),
        "made whole as a build in memory makes it"
    );
    assert!(String::from_utf8_lossy(&whole).contains("<pre>"));
}

/// Offices head their progress notes alike (## 进展): in the pack, where
/// every note stands under its own `h3`, each note's headings go two
/// levels down and take the note's anchor before their ids, so no two
/// share one, and so do their footnotes and the links to either, which
/// land in their own note; the note's own page keeps its `h2`. The pack
/// made in pieces and made whole agree.
#[test]
fn notes_headed_alike_keep_their_ids_apart_in_the_pack() {
    let dir = tempfile::tempdir().expect("a folder");
    crate::common::copy_repository_content(dir.path());
    let notes = dir.path().join("content/notes");
    let slugs = ["2025-08-08-zhongqi-jinzhan", "2025-09-15-bajing-yanshou"];
    for slug in slugs {
        let path = notes.join(format!("{slug}.md"));
        let text = fs::read_to_string(&path).expect("reads");
        fs::write(
            &path,
            format!(
                "{text}\n见[下一步](#next)[^1]。\n\n## 进展 {{#next}}\n\n下一步。\n\n## 进展\n\n[^1]: 来源。\n"
            ),
        )
        .expect("writes");
    }
    let (sink, _) = render_in_pieces(dir.path());
    let written = sink.written.into_inner().expect("a lock");
    let pack = String::from_utf8_lossy(&written[0].1).to_string();
    assert!(
        written[0].1 == pack_made_whole(dir.path()),
        "pieces and whole differ"
    );
    for slug in slugs {
        for id in ["next", "进展"] {
            let heading = format!("<h4 id=\"note-{slug}-{id}\">进展</h4>");
            assert_eq!(pack.matches(&heading).count(), 1, "{heading}");
        }
        for anchor in ["next", "1"] {
            let link = format!("href=\"#note-{slug}-{anchor}\"");
            assert_eq!(pack.matches(&link).count(), 1, "{link}");
        }
        assert_eq!(pack.matches(&format!("id=\"note-{slug}-1\"")).count(), 1);
    }
    for id in ["进展", "next", "1"] {
        assert!(!pack.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let page = crate::common::build_in_memory(dir.path(), Audience::Public)
        .into_iter()
        .find(|f| f.path == format!("notes/{}/index.html", slugs[0]))
        .expect("the note's page");
    assert!(String::from_utf8_lossy(&page.bytes).contains("<h2 id=\"进展\">进展</h2>"));
}
