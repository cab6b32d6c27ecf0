//! `taizhang pdf`: the briefing pack and every village notice as A4 PDFs,
//! printed by a headless Chromium or Chrome found on the machine.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use crate::content::Audience;
use crate::site::{self, BuildError, BuildOptions};

mod contents;
mod notices;

pub use notices::{PrintWarning, notice_warnings};

/// Browsers that print HTML to PDF the same way, in the order tried.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
];

/// Why no PDF was written.
#[derive(Debug)]
pub enum PdfError {
    /// No browser to print with; the text says what to install.
    NoBrowser(String),
    /// The site did not build.
    Build(BuildError),
    /// The browser failed on a page.
    Print(String),
}

/// What `pdf` wrote.
#[derive(Debug)]
pub struct Printed {
    /// The PDF files, briefing pack first.
    pub files: Vec<PathBuf>,
    /// The browser used.
    pub browser: PathBuf,
    /// What the notices lack before they go on a bulletin board.
    pub warnings: Vec<PrintWarning>,
}

/// The browser to print with: `given`, else the first of [`BROWSERS`] on PATH.
pub fn find_browser(given: Option<&Path>) -> Result<PathBuf, PdfError> {
    if let Some(path) = given {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(PdfError::NoBrowser(format!(
                "--browser {}: no such file",
                path.display()
            )))
        };
    }
    let dirs: Vec<PathBuf> = env::var_os("PATH")
        .map(|p| env::split_paths(&p).collect())
        .unwrap_or_default();
    for name in BROWSERS {
        for dir in &dirs {
            for candidate in [dir.join(name), dir.join(format!("{name}.exe"))] {
                if candidate.is_file() {
                    return Ok(candidate);
                }
            }
        }
    }
    Err(PdfError::NoBrowser(format!(
        "no Chromium, Chrome or Edge found (looked for {} on PATH)",
        BROWSERS.join(", ")
    )))
}

/// Builds the site (portable, into a temporary folder) and prints the pack
/// and each village notice into `out`: `briefing-pack.pdf` and
/// `notice-<village>.pdf`.
pub fn pdf(
    options: &BuildOptions,
    out: &Path,
    browser: Option<&Path>,
) -> Result<Printed, PdfError> {
    let browser = find_browser(browser)?;
    let work = tempfile_dir()
        .map_err(|e| PdfError::Print(format!("cannot make a temporary folder: {e}")))?;
    let site_dir = work.join("site");
    let mut build = BuildOptions {
        out: Some(site_dir.clone()),
        ..options.clone()
    };
    build.given.portable = true;
    let built = site::build(&build).map_err(PdfError::Build)?;
    let pack_html = site_dir.join("print/index.html");
    let pack = out.join("briefing-pack.pdf");
    let draft = work.join("briefing-pack-draft.pdf");
    let mut jobs = vec![(pack_html.clone(), draft.clone())];
    let villages = built
        .checked
        .content
        .site
        .as_ref()
        .map_or_else(Vec::new, |s| {
            s.villages.iter().map(|v| v.id.value.clone()).collect()
        });
    let base_url =
        crate::settings::Settings::merge(&built.checked.content, &options.given).base_url;
    let mut warnings = match (&built.checked.content.site, villages.is_empty()) {
        (Some(site), false) => notice_warnings(&base_url, site),
        _ => Vec::new(),
    };
    jobs.extend(villages.iter().map(|id| {
        (
            site_dir.join(format!("villages/{id}/notice/index.html")),
            out.join(format!("notice-{id}.pdf")),
        )
    }));
    fs::create_dir_all(out)
        .map_err(|e| PdfError::Print(format!("cannot create {}: {e}", out.display())))?;
    let printed = print_all(&browser, &jobs, &work).and_then(|()| {
        match contents::destination_pages(&draft) {
            Ok(pages) => print_pack_with_page_numbers(&browser, &pack_html, &pages, &pack, &work),
            // The draft is the pack, without page numbers in its contents.
            Err(why) => {
                warnings.push(PrintWarning::NoPageNumbers(why));
                fs::copy(&draft, &pack)
                    .map(|_| ())
                    .map_err(|e| format!("cannot write {}: {e}", pack.display()))
            }
        }
    });
    let _ = fs::remove_dir_all(&work);
    printed.map_err(PdfError::Print)?;
    let mut files = vec![pack];
    files.extend(jobs.into_iter().skip(1).map(|(_, pdf)| pdf));
    Ok(Printed {
        files,
        browser,
        warnings,
    })
}

/// Prints each (page, pdf) pair, in parallel.
fn print_all(browser: &Path, jobs: &[(PathBuf, PathBuf)], work: &Path) -> Result<(), String> {
    jobs.par_iter()
        .enumerate()
        .map(|(n, (page, pdf))| print_page(browser, page, pdf, &work.join(format!("profile-{n}"))))
        .collect::<Result<Vec<()>, String>>()
        .map(|_| ())
}

/// The pack's second print: the contents filled in with the `pages` its
/// headings took in the first (see [`contents`]).
fn print_pack_with_page_numbers(
    browser: &Path,
    page: &Path,
    pages: &std::collections::HashMap<String, u32>,
    pack: &Path,
    work: &Path,
) -> Result<(), String> {
    let html =
        fs::read_to_string(page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    fs::write(page, contents::fill_page_numbers(&html, pages))
        .map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    print_page(browser, page, pack, &work.join("profile-pack"))
}

fn print_page(browser: &Path, page: &Path, pdf: &Path, profile: &Path) -> Result<(), String> {
    let _ = fs::remove_file(pdf);
    let output = Command::new(browser)
        .args([
            "--headless",
            // Chromium refuses to run as root with its sandbox; we only open our own files.
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", browser.display()))?;
    if !pdf.is_file() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        return Err(format!(
            "{} did not print {}: {}",
            browser.display(),
            page.display(),
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ));
    }
    Ok(())
}

/// A fresh folder under the system's temporary directory.
fn tempfile_dir() -> std::io::Result<PathBuf> {
    let base = env::temp_dir();
    for n in 0..1000u32 {
        let dir = base.join(format!("taizhang-pdf-{}-{n}", std::process::id()));
        if fs::create_dir(&dir).is_ok() {
            return Ok(dir);
        }
    }
    Err(std::io::Error::other("no free temporary folder name"))
}

/// The default output folder for `audience`: `pdf/` or `pdf-internal/`.
pub fn default_out(root: &Path, audience: Audience) -> PathBuf {
    root.join(match audience {
        Audience::Public => "pdf",
        Audience::Internal => "pdf-internal",
    })
}
