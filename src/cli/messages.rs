//! What the command line prints: diagnostics, the progress bar, and why a
//! build stopped.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use taizhang::check::Checked;
use taizhang::diagnostics::{Lang, Problem, Severity, render_styled};
use taizhang::render::Progress;
use taizhang::site::BuildError;

use rayon::prelude::*;

use super::args::Common;

/// Colours only on a terminal, and never when NO_COLOR is set.
fn color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints every diagnostic of `checked`, warnings unless `--quiet`.
pub(crate) fn print_diagnostics(checked: &Checked, common: &Common, lang: Lang) {
    use std::io::Write;
    let color = color();
    // Each is quoted from its file on all cores, then all are written in
    // order through one buffer: standard error is unbuffered, and a
    // county's 25,000 warnings written one by one took half a second.
    let texts: Vec<String> = checked
        .diagnostics
        .sorted(&checked.sources)
        .into_par_iter()
        .filter(|d| !(common.quiet && d.severity() == Severity::Warning))
        .map(|d| render_styled(d, &checked.sources, lang, color))
        .collect();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stderr().lock());
    for text in texts {
        // A closed pipe (`| head`) ends the listing, not the command.
        if writeln!(out, "{text}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// A progress bar on a terminal, shown once a build has run for a second;
/// call [`Bar::finish`] when the build returns.
pub(crate) struct Bar {
    finished: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Bar {
    /// Starts watching `progress`, unless `quiet` or not on a terminal.
    pub(crate) fn start(quiet: bool, progress: Arc<Progress>) -> Option<Bar> {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let finished = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&finished);
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(1) {
                if done.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            while !done.load(Ordering::Relaxed) {
                let (rendered, total) = progress.get();
                bar.set_length(total as u64);
                bar.set_position(rendered as u64);
                bar.set_message(if total == 0 { "checking" } else { "rendering" });
                std::thread::sleep(Duration::from_millis(50));
            }
            bar.finish_and_clear();
        });
        Some(Bar { finished, thread })
    }

    /// Clears the bar.
    pub(crate) fn finish(self) {
        self.finished.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
    }
}

/// Prints why a build stopped; always exit code 1.
pub(crate) fn report_build_error(error: BuildError, common: &Common, lang: Lang) -> ExitCode {
    match error {
        BuildError::Content(checked) => {
            print_diagnostics(&checked, common, lang);
            println!("{}", checked.summary(lang));
            let leaked = checked
                .diagnostics
                .iter()
                .any(|d| matches!(d.problem, Problem::Leak { .. }));
            eprintln!(
                "{}",
                match (lang, leaked) {
                    (Lang::Zh, false) => "内容有错误,未生成网站;原有输出保持不变。",
                    (Lang::En, false) =>
                        "the content has errors: nothing was built, the previous output is unchanged",
                    (Lang::Zh, true) => "泄露检查未通过,本次生成的页面已丢弃;原有输出保持不变。",
                    (Lang::En, true) =>
                        "the leak guard stopped the build: this build's pages were discarded, the previous output is unchanged",
                }
            );
        }
        BuildError::Other(message) => eprintln!("error: {message}"),
    }
    ExitCode::from(1)
}
