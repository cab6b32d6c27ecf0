//! One function per command: call the library, print what happened in the
//! chosen language, and give the exit code (0 done, 1 failed). `sheet`
//! and `import` are in [`super::office`].

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use taizhang::check::{Checked, counted};
use taizhang::date::Date;
use taizhang::diagnostics::{Lang, Severity};
use taizhang::pdf::PdfError;
use taizhang::render::Progress;
use taizhang::site::{BuildError, BuildOptions};

use super::args::{Common, NewItem};
use super::messages::{Bar, print_diagnostics, report_build_error};

/// Prints `error: …` and fails.
pub(super) fn failed(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// `check`: the content, its links, and the leak guard over file names and
/// static files, without rendering the site; `full` renders and guards
/// every page too, as a public build does, so that a clean full check
/// means the build will pass.
pub(crate) fn check(common: &Common, options: BuildOptions, full: bool) -> ExitCode {
    let lang = options.given.lang;
    let checked = if full {
        taizhang::site::check_site(&options).map(|built| built.checked)
    } else {
        taizhang::site::check_without_rendering(&options)
    };
    // What was checked is not freed: the process ends next, and the
    // system takes back its memory at once rather than piece by piece.
    match checked {
        Ok(checked) => {
            print_diagnostics(&checked, common, lang);
            print_timings(&checked, common);
            println!("{}", checked.summary(lang));
            std::mem::forget(checked);
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(checked)) => {
            print_diagnostics(&checked, common, lang);
            print_timings(&checked, common);
            println!("{}", checked.summary(lang));
            std::mem::forget(checked);
            ExitCode::from(1)
        }
        Err(error) => report_build_error(error, common, lang),
    }
}

/// With `--verbose`, how long each stage of the run took, on stderr.
fn print_timings(checked: &Checked, common: &Common) {
    if common.verbose {
        for (stage, ms) in &checked.laps.timings {
            eprintln!("  {stage:<16} {ms:>6} ms");
        }
    }
}

/// `build`: check, render and write, with a progress bar on a terminal.
pub(crate) fn build(common: &Common, options: BuildOptions) -> ExitCode {
    let lang = options.given.lang;
    let progress = Arc::new(Progress::default());
    let options = BuildOptions {
        progress: Some(Arc::clone(&progress)),
        ..options
    };
    let bar = Bar::start(common.quiet, progress);
    let result = taizhang::site::build(&options);
    if let Some(bar) = bar {
        bar.finish();
    }
    let built = match result {
        Ok(built) => built,
        Err(error) => return report_build_error(error, common, lang),
    };
    print_diagnostics(&built.checked, common, lang);
    print_timings(&built.checked, common);
    let warnings = built.checked.diagnostics.count(Severity::Warning);
    let out = built.out.display();
    match lang {
        Lang::Zh => println!(
            "已生成 {} 个页面(共 {} 个文件),{warnings} 个警告,用时 {} 毫秒 → {out}",
            built.pages, built.files, built.elapsed_ms
        ),
        Lang::En => println!(
            "built {} ({}), {}, in {} ms → {out}",
            counted(built.pages, "page", "pages"),
            counted(built.files, "file", "files"),
            counted(warnings, "warning", "warnings"),
            built.elapsed_ms
        ),
    }
    // As in `check`: the process ends next, and frees it all at once.
    std::mem::forget(built);
    ExitCode::SUCCESS
}

/// `pdf`: the briefing pack and every village notice, printed by a browser.
pub(crate) fn pdf(
    common: &Common,
    options: BuildOptions,
    out: Option<PathBuf>,
    browser: Option<&Path>,
) -> ExitCode {
    let lang = options.given.lang;
    let out =
        out.unwrap_or_else(|| taizhang::pdf::default_out(&common.root, options.given.audience));
    match taizhang::pdf::pdf(&options, &out, browser) {
        Ok(printed) => {
            let (files, notices) = (printed.files.len(), printed.files.len() - 1);
            match lang {
                Lang::Zh => println!(
                    "已生成 {files} 个 PDF(汇报材料 1 份,村务公开栏公示 {notices} 份)→ {}",
                    out.display()
                ),
                Lang::En => println!(
                    "printed {files} PDFs (the briefing pack and {notices} village notices) with {} → {}",
                    printed.browser.display(),
                    out.display()
                ),
            }
            for warning in &printed.warnings {
                eprintln!("{}", print_warning(warning, lang));
            }
            ExitCode::SUCCESS
        }
        Err(PdfError::NoBrowser(why)) => {
            eprintln!("error: {why}");
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh =>
                        "提示:安装 Chromium(Debian/Ubuntu:apt install chromium)或 Chrome/Edge,或用 --browser 指定浏览器程序的路径。\n也可以先运行 taizhang build,在任何浏览器中打开 public/print/index.html 或各村的 notice 页,按 Ctrl+P 选择“另存为 PDF”,效果相同。",
                    Lang::En =>
                        "hint: install Chromium (Debian/Ubuntu: apt install chromium) or Chrome/Edge, or name the browser with --browser PATH.\nOr run taizhang build, open public/print/index.html (or a village's notice/ page) in any browser and print to PDF: the result is the same.",
                }
            );
            ExitCode::from(1)
        }
        Err(PdfError::Build(error)) => report_build_error(error, common, lang),
        Err(PdfError::Print(message)) => failed(message),
    }
}

/// A notice's missing piece, said so that the office knows what to set.
fn print_warning(warning: &taizhang::pdf::PrintWarning, lang: Lang) -> String {
    use taizhang::pdf::PrintWarning as W;
    match (warning, lang) {
        (W::PlaceholderAddress(url), Lang::Zh) => format!(
            "警告:公示上的二维码指向 {url},这是占位地址,村民扫码打不开。\n  提示:在 site.yaml 中把 base_url 改为本站实际发布的地址,或用 --base-url 指定,再运行 taizhang pdf。"
        ),
        (W::PlaceholderAddress(url), Lang::En) => format!(
            "warning: the notices' QR codes point at {url}, a placeholder address that residents cannot open.\n  hint: set base_url in site.yaml to where the site is published (or pass --base-url) and run taizhang pdf again."
        ),
        (W::NoAddress, Lang::Zh) => "警告:没有设置本站的完整网址,公示上没有二维码。\n  提示:在 site.yaml 中设置 base_url(如 https://www.example.gov.cn/zhenggai/)。".to_string(),
        (W::NoAddress, Lang::En) => "warning: the site has no absolute address, so the notices carry no QR code.\n  hint: set base_url in site.yaml (e.g. https://www.example.gov.cn/ledger/).".to_string(),
        (W::NoPhone, Lang::Zh) => "警告:公示上的监督电话留空,需要手写。\n  提示:在 site.yaml 的 notice: 下写 phone: 监督电话。".to_string(),
        (W::NoPhone, Lang::En) => "warning: the notices leave the supervision phone (监督电话) blank, to be written in by hand.\n  hint: add phone: under notice: in site.yaml.".to_string(),
        (W::NoPeriod, Lang::Zh) => "警告:公示期的截止日期留空,需要手写。\n  提示:在 site.yaml 的 notice: 下写 days: 公示天数(如 7)。".to_string(),
        (W::NoPageNumbers(why), Lang::Zh) => format!(
            "警告:汇报材料的目录没有页码(读不出第一次打印的页面位置:{why})。\n  提示:用 Chromium 或 Chrome 打印,或用 --browser 指定。"
        ),
        (W::NoPageNumbers(why), Lang::En) => format!(
            "warning: the briefing pack's contents have no page numbers (the first print could not be read: {why}).\n  hint: print with Chromium or Chrome (--browser PATH)."
        ),
        (W::NoPeriod, Lang::En) => "warning: the notices leave the end of the posting period (公示期) blank.\n  hint: add days: (e.g. 7) under notice: in site.yaml.".to_string(),
    }
}

/// How `serve` listens.
pub(crate) struct Listen {
    pub(crate) bind: IpAddr,
    pub(crate) port: u16,
    pub(crate) open: bool,
    pub(crate) allowed_hosts: Vec<String>,
    /// Has the allocator give back what the calling thread freed.
    pub(crate) release_memory: fn(),
}

/// `serve`: build in memory, answer on loopback, rebuild on every save.
pub(crate) fn serve(common: &Common, build: BuildOptions, listen: Listen) -> ExitCode {
    let lang = build.given.lang;
    let options = taizhang::serve::ServeOptions {
        build,
        bind: listen.bind,
        port: listen.port,
        allowed_hosts: listen.allowed_hosts,
        release_memory: Some(listen.release_memory),
    };
    let server = match taizhang::serve::bind(&options) {
        Ok(server) => server,
        Err(message) => return failed(message),
    };
    let address = server.address().map_or_else(
        |_| format!("{}:{}", listen.bind, listen.port),
        |a| a.to_string(),
    );
    let url = format!("http://{address}/");
    let stopped = match lang {
        Lang::Zh => "已停止",
        Lang::En => "stopped",
    };
    let _ = ctrlc::set_handler(move || {
        eprintln!("{stopped}");
        std::process::exit(0);
    });
    match lang {
        Lang::Zh => println!("正在预览 {url} (按 Ctrl-C 停止)"),
        Lang::En => println!("serving {url} (Ctrl-C to stop)"),
    }
    if listen.open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }
    let quiet = common.quiet;
    let logged = taizhang::serve::serve(server, &options, move |line| {
        if !quiet {
            eprintln!("{line}");
        }
    });
    logged.map_or_else(failed, |()| ExitCode::SUCCESS)
}

/// `new`: a skeleton issue, note, village or unit.
pub(crate) fn new(root: &Path, item: NewItem, lang: Lang) -> ExitCode {
    use taizhang::scaffold::Item;
    let item = match item {
        NewItem::Issue { title, deadline } => Item::Issue { title, deadline },
        NewItem::Note { title, slug, date } => Item::Note { title, slug, date },
        NewItem::Village { id, name, kind } => Item::Village { id, name, kind },
        NewItem::Unit { id, name } => Item::Unit { id, name },
    };
    match taizhang::scaffold::create(root, &item, Date::today(), lang) {
        Ok(path) => {
            match lang {
                Lang::Zh => println!("已写入 {}", path.display()),
                Lang::En => println!("wrote {}", path.display()),
            }
            ExitCode::SUCCESS
        }
        Err(message) => failed(message),
    }
}

/// `init`: a small valid example site in `dir`.
pub(crate) fn init(dir: &Path, lang: Lang) -> ExitCode {
    match taizhang::scaffold::init(dir, lang) {
        Ok(written) => {
            let dir = dir.display();
            match lang {
                Lang::Zh => {
                    println!("已在 {dir} 写入 {written} 个文件");
                    println!("下一步:taizhang check --root {dir}");
                }
                Lang::En => {
                    println!("wrote {written} files to {dir}");
                    println!("next: taizhang check --root {dir}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => failed(error),
    }
}
