//! What a prepared site must hold, and what preparing it again must keep.

use super::*;
use crate::check::check;
use crate::output::Memory;
use crate::site::BuildOptions;

/// The default theme's print pack is made in pieces (a county's is a
/// hundred megabytes, made whole it was held five times over), and
/// reads as the page made whole: Sanjiang's content, both audiences.
#[test]
fn the_default_theme_print_pack_is_made_in_pieces_as_it_would_be_whole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for audience in [Audience::Public, Audience::Internal] {
        let mut options = BuildOptions::new(root);
        options.given.audience = audience;
        let checked = check(&options.root, &options.given);
        let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
        let renderer = prepared.renderer();
        // The notes' text (half a county's pack) is not in the frame
        // the template makes, but copied in as pieces are.
        let frame = renderer.print_frame().expect("renders");
        let (spliced, whole) = renderer.print_pack_both_ways().expect("renders");
        let notes = String::from_utf8_lossy(&whole.bytes)
            .matches("<section aria-labelledby=\"note-")
            .count();
        assert!(notes >= 4, "Sanjiang's notes: {notes}");
        assert_eq!(frame.matches("<!--taizhang print block n").count(), notes);
        let spliced = spliced.expect("the default theme's pieces join");
        assert_eq!(spliced.path, whole.path);
        assert!(
            spliced.bytes == whole.bytes,
            "{audience:?}: made apart and whole differ"
        );
    }
}

/// A build makes each issue's HTML and charts beside its block in the
/// print pack and its own page, one issue per thread at a time: a
/// county's were all made first, a hundred megabytes held for seconds.
#[test]
fn a_build_holds_no_more_issues_parts_at_once_than_it_has_threads() {
    struct Watching<'r> {
        renderer: &'r Renderer,
        most: AtomicUsize,
    }
    impl Sink for Watching<'_> {
        fn put(&self, _: OutputFile) -> std::io::Result<()> {
            let (html, charts) = self.renderer.issue_parts_held();
            self.most.fetch_max(html.max(charts), Ordering::Relaxed);
            Ok(())
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = BuildOptions::new(root);
    let checked = check(&options.root, &options.given);
    let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
    let watching = Watching {
        renderer: prepared.renderer(),
        most: AtomicUsize::new(0),
    };
    let progress = Progress::default();
    let findings = prepared
        .render_into(&watching, &AtomicBool::new(false), &progress)
        .expect("renders")
        .expect("not stopped");
    assert!(findings.is_clean());
    let (done, total) = progress.get();
    assert_eq!(done, total, "every page counted once, the print pack too");
    let issues = prepared.renderer().model().issues.len();
    let most = watching.most.into_inner();
    assert!(
        most <= rayon::current_num_threads().min(issues - 1),
        "{most} of {issues} issues' parts held at once"
    );
}

/// A village's page and its notice share the village's task values,
/// made one right after the other: no more villages' values are held
/// at once than there are threads, none once the build is done, and
/// the two pages asked for again (as serve may) are made the same.
#[test]
fn a_build_holds_a_village_s_task_values_only_between_its_two_pages() {
    struct Watching<'r> {
        renderer: &'r Renderer,
        most: AtomicUsize,
        memory: Memory,
    }
    impl Sink for Watching<'_> {
        fn put(&self, file: OutputFile) -> std::io::Result<()> {
            let held = self.renderer.village_tasks_held();
            self.most.fetch_max(held, Ordering::Relaxed);
            self.memory.put(file)
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = BuildOptions::new(root);
    let checked = check(&options.root, &options.given);
    let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
    let renderer = prepared.renderer();
    let watching = Watching {
        renderer,
        most: AtomicUsize::new(0),
        memory: Memory::default(),
    };
    let findings = prepared
        .render_into(&watching, &AtomicBool::new(false), &Progress::default())
        .expect("renders")
        .expect("not stopped");
    assert!(findings.is_clean());
    let villages = renderer.model().villages.len();
    let most = watching.most.into_inner();
    assert!(
        most <= rayon::current_num_threads().min(villages - 1),
        "{most} of {villages} villages' task values held at once"
    );
    assert_eq!(renderer.village_tasks_held(), 0);
    let village = &renderer.model().villages[0].id;
    for path in [
        format!("villages/{village}/index.html"),
        format!("villages/{village}/notice/index.html"),
    ] {
        let again = renderer.file(&path).expect("a page").expect("renders");
        let built = watching.memory.get(&path).expect("built");
        assert!(again.bytes == *built, "{path} made again differs");
    }
}

/// A build lets each issue's HTML and charts go once its page and its
/// block in the print pack are made: a county's are tens of megabytes.
#[test]
fn a_build_lets_go_of_each_issue_s_parts_once_both_its_pages_are_made() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = BuildOptions::new(root);
    let checked = check(&options.root, &options.given);
    let prepared = Prepared::new(&checked, root, &Reuse::default()).expect("prepares");
    let renderer = prepared.renderer();
    let memory = Memory::default();
    let findings = prepared
        .render_into(&memory, &AtomicBool::new(false), &Progress::default())
        .expect("renders")
        .expect("not stopped");
    assert!(findings.is_clean());
    assert_eq!(renderer.issue_parts_held(), (0, 0));
    // Asked for again (as serve may), the parts are made again.
    for path in ["issues/01/index.html", "print/index.html"] {
        let again = renderer.file(path).expect("a page").expect("renders");
        let built = memory.get(path).expect("built");
        assert!(again.bytes == *built, "{path} made again differs");
    }
}
