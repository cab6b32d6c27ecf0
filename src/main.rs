//! The `taizhang` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use taizhang::check::{Checked, counted};
use taizhang::content::Audience;
use taizhang::date::Date;
use taizhang::diagnostics::{Lang, Severity, render_styled};
use taizhang::pdf::PdfError;
use taizhang::site::{BuildError, BuildOptions};

/// taizhang (台账): build a rectification ledger site from YAML and Markdown.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and report every problem (changes no file).
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Check, then build the site into public/ (replaced only on success).
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder [default: public/, or public-internal/ for --audience internal].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Absolute address the site is published at, for the feed and sitemap.
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Links end in index.html, so the folder works opened from disk (USB stick).
        #[arg(long)]
        portable: bool,
        /// Who the site is for.
        #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
        audience: AudienceArg,
    },
    /// Print the briefing pack and every village notice to A4 PDF (needs Chromium, Chrome or Edge).
    Pdf {
        #[command(flatten)]
        common: Common,
        /// Output folder [default: pdf/, or pdf-internal/ for --audience internal].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Absolute address the site is published at (the notices' QR codes point there).
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Who the documents are for.
        #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
        audience: AudienceArg,
        /// The browser to print with [default: chromium, google-chrome, … found on PATH].
        #[arg(long)]
        browser: Option<PathBuf>,
    },
    /// Build in memory and serve on loopback; rebuild and reload pages when files change.
    Serve {
        #[command(flatten)]
        common: Common,
        /// Who the site is for.
        #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
        audience: AudienceArg,
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; only loopback unless you say otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Also answer requests addressed to this host name (by default
        /// only loopback names and the --bind address are answered).
        #[arg(long, value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Add a skeleton issue, note, village or unit (never overwrites).
    New {
        /// Site root (the folder holding `content/`).
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        item: NewItem,
    },
    /// Write a small, valid example site into DIR.
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewItem {
    /// content/issues/NN.yaml with the next free number.
    Issue {
        /// The problem's title.
        #[arg(long)]
        title: Option<String>,
        /// Deadline (YYYY-MM-DD) [default: 30 days from today].
        #[arg(long, value_parser = parse_date)]
        deadline: Option<Date>,
    },
    /// content/notes/<date>-<slug>.md.
    Note {
        /// Title.
        #[arg(long)]
        title: String,
        /// Address part (a-z, 0-9, -) [default: note].
        #[arg(long)]
        slug: Option<String>,
        /// Date (YYYY-MM-DD) [default: today].
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
    /// A village in content/site.yaml.
    Village {
        /// Id used in addresses, e.g. bajing.
        #[arg(long)]
        id: String,
        /// Name, e.g. 八景村.
        #[arg(long)]
        name: String,
        /// 村, 社区 or 安置区.
        #[arg(long, default_value = "村")]
        kind: String,
    },
    /// A responsible unit in content/site.yaml.
    Unit {
        /// Id used in addresses.
        #[arg(long)]
        id: String,
        /// Name.
        #[arg(long)]
        name: String,
    },
}

#[derive(clap::Args)]
struct Common {
    /// Site root (the folder holding `content/`).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Judge overdue tasks against this date (YYYY-MM-DD) instead of `as_of` in site.yaml.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// Show errors only, not warnings.
    #[arg(long, conflicts_with = "verbose")]
    quiet: bool,
    /// Also show how long each stage took.
    #[arg(long)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// 简体中文
    Zh,
    /// English
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    /// Residents: the transparency site (default).
    Public,
    /// Officials: the intranet ledger.
    Internal,
}

fn parse_base_url(text: &str) -> Result<String, String> {
    if taizhang::validate::is_site_address(text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "`{text}` is not an absolute http:// or https:// address (e.g. https://www.example.gov.cn/ledger/)"
        ))
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date in the form YYYY-MM-DD"))
}

impl Common {
    fn lang(&self) -> Lang {
        match self.lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Colours only on a terminal, and never when NO_COLOR is set.
fn color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

fn print_diagnostics(checked: &Checked, common: &Common) {
    let color = color();
    for diagnostic in checked.diagnostics.sorted(&checked.sources) {
        if common.quiet && diagnostic.severity() == Severity::Warning {
            continue;
        }
        eprintln!(
            "{}",
            render_styled(diagnostic, &checked.sources, common.lang(), color)
        );
    }
}

/// Shows a progress bar on a terminal when a build takes over a second.
fn progress(
    quiet: bool,
) -> Option<(
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::thread::JoinHandle<()>,
)> {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let finished = std::sync::Arc::clone(&done);
    let handle = std::thread::spawn(move || {
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(1) {
            if finished.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        while !finished.load(Ordering::Relaxed) {
            let (done, total) = taizhang::render::progress();
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(if total == 0 { "checking" } else { "rendering" });
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        bar.finish_and_clear();
    });
    Some((done, handle))
}

impl AudienceArg {
    fn audience(self) -> Audience {
        match self {
            AudienceArg::Public => Audience::Public,
            AudienceArg::Internal => Audience::Internal,
        }
    }
}

/// Prints why a build stopped; always exit code 1.
fn report_build_error(error: BuildError, options: &BuildOptions, common: &Common) -> ExitCode {
    match error {
        BuildError::Content(checked) => {
            print_diagnostics(&checked, common);
            println!("{}", checked.summary(common.lang()));
            eprintln!(
                "{}",
                match common.lang() {
                    Lang::Zh => "内容有错误,未生成网站;原有输出保持不变。",
                    Lang::En =>
                        "the content has errors: nothing was written, the previous output is unchanged",
                }
            );
        }
        BuildError::Leaks(leaks) => {
            let out = options.out_dir();
            for leak in &leaks {
                eprintln!(
                    "{}:{}:{}: error[E090]: {}",
                    out.join(&leak.path).display(),
                    leak.line,
                    leak.col,
                    leak.message(common.lang())
                );
            }
            eprintln!(
                "{}",
                match common.lang() {
                    Lang::Zh =>
                        "泄露检查未通过,未写入任何文件;原有输出保持不变。检查自定义模板或静态文件中是否直接写了姓名、电话或身份证号。",
                    Lang::En =>
                        "the leak guard stopped the build: nothing was written, the previous output is unchanged. Check site templates and static files for names, phone or ID numbers written in directly.",
                }
            );
        }
        BuildError::Other(message) => eprintln!("error: {message}"),
    }
    ExitCode::from(1)
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { common } => {
            // Every check of a public build, links and leak guard included,
            // so that a clean check means the build will pass.
            let options = BuildOptions {
                as_of: common.as_of,
                ..BuildOptions::new(&common.root)
            };
            match taizhang::site::check_site(&options) {
                Ok(built) => {
                    print_diagnostics(&built.checked, &common);
                    println!("{}", built.checked.summary(common.lang()));
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(checked)) => {
                    print_diagnostics(&checked, &common);
                    println!("{}", checked.summary(common.lang()));
                    ExitCode::from(1)
                }
                Err(error) => report_build_error(error, &options, &common),
            }
        }
        Command::Build {
            common,
            out,
            base_url,
            portable,
            audience,
        } => {
            let options = BuildOptions {
                root: common.root.clone(),
                out,
                as_of: common.as_of,
                base_url,
                portable,
                audience: audience.audience(),
            };
            let bar = progress(common.quiet);
            let result = taizhang::site::build(&options);
            if let Some((done, handle)) = bar {
                done.store(true, std::sync::atomic::Ordering::Relaxed);
                let _ = handle.join();
            }
            match result {
                Ok(built) => {
                    print_diagnostics(&built.checked, &common);
                    if common.verbose {
                        for (stage, ms) in &built.timings {
                            eprintln!("  {stage:<15} {ms:>6} ms");
                        }
                    }
                    let warnings = built.checked.diagnostics.count(Severity::Warning);
                    match common.lang() {
                        Lang::Zh => println!(
                            "已生成 {} 个页面(共 {} 个文件),{} 个警告,用时 {} 毫秒 → {}",
                            built.pages,
                            built.files,
                            warnings,
                            built.elapsed_ms,
                            built.out.display()
                        ),
                        Lang::En => println!(
                            "built {} ({}), {}, in {} ms → {}",
                            counted(built.pages, "page", "pages"),
                            counted(built.files, "file", "files"),
                            counted(warnings, "warning", "warnings"),
                            built.elapsed_ms,
                            built.out.display()
                        ),
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => report_build_error(error, &options, &common),
            }
        }
        Command::Pdf {
            common,
            out,
            base_url,
            audience,
            browser,
        } => {
            let audience = audience.audience();
            let options = BuildOptions {
                root: common.root.clone(),
                out: None,
                as_of: common.as_of,
                base_url,
                portable: true,
                audience,
            };
            let out = out.unwrap_or_else(|| taizhang::pdf::default_out(&common.root, audience));
            match taizhang::pdf::pdf(&options, &out, browser.as_deref()) {
                Ok(printed) => {
                    match common.lang() {
                        Lang::Zh => println!(
                            "已生成 {} 个 PDF(汇报材料 1 份,村务公开栏公示 {} 份)→ {}",
                            printed.files.len(),
                            printed.files.len() - 1,
                            out.display()
                        ),
                        Lang::En => println!(
                            "printed {} PDFs (the briefing pack and {} village notices) with {} → {}",
                            printed.files.len(),
                            printed.files.len() - 1,
                            printed.browser.display(),
                            out.display()
                        ),
                    }
                    ExitCode::SUCCESS
                }
                Err(PdfError::NoBrowser(why)) => {
                    eprintln!("error: {why}");
                    eprintln!(
                        "{}",
                        match common.lang() {
                            Lang::Zh =>
                                "提示:安装 Chromium(Debian/Ubuntu:apt install chromium)或 Chrome/Edge,或用 --browser 指定浏览器程序的路径。\n也可以先运行 taizhang build,在任何浏览器中打开 public/print/index.html 或各村的 notice 页,按 Ctrl+P 选择“另存为 PDF”,效果相同。",
                            Lang::En =>
                                "hint: install Chromium (Debian/Ubuntu: apt install chromium) or Chrome/Edge, or name the browser with --browser PATH.\nOr run taizhang build, open public/print/index.html (or a village's notice/ page) in any browser and print to PDF: the result is the same.",
                        }
                    );
                    ExitCode::from(1)
                }
                Err(PdfError::Build(error)) => report_build_error(error, &options, &common),
                Err(PdfError::Print(message)) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            common,
            audience,
            port,
            bind,
            open,
            allow_host,
        } => {
            let options = taizhang::serve::ServeOptions {
                build: BuildOptions {
                    root: common.root.clone(),
                    out: None,
                    as_of: common.as_of,
                    base_url: None,
                    portable: false,
                    audience: audience.audience(),
                },
                bind,
                port,
                lang: common.lang(),
                allowed_hosts: allow_host,
            };
            let server = match taizhang::serve::bind(&options) {
                Ok(server) => server,
                Err(message) => {
                    eprintln!("error: {message}");
                    return ExitCode::from(1);
                }
            };
            let address = server
                .address()
                .map_or_else(|_| format!("{bind}:{port}"), |a| a.to_string());
            let url = format!("http://{address}/");
            let _ = ctrlc::set_handler(|| {
                eprintln!("stopped");
                std::process::exit(0);
            });
            println!("serving {url} (Ctrl-C to stop)");
            if open {
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
            match taizhang::serve::serve(server, &options, move |line| {
                if !quiet {
                    eprintln!("{line}");
                }
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New { root, item } => {
            let item = match item {
                NewItem::Issue { title, deadline } => {
                    taizhang::scaffold::Item::Issue { title, deadline }
                }
                NewItem::Note { title, slug, date } => {
                    taizhang::scaffold::Item::Note { title, slug, date }
                }
                NewItem::Village { id, name, kind } => {
                    taizhang::scaffold::Item::Village { id, name, kind }
                }
                NewItem::Unit { id, name } => taizhang::scaffold::Item::Unit { id, name },
            };
            match taizhang::scaffold::create(&root, &item, Date::today()) {
                Ok(path) => {
                    println!("wrote {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => match taizhang::scaffold::init(&dir) {
            Ok(written) => {
                println!("wrote {written} files to {}", dir.display());
                println!("next: taizhang check --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(1)
            }
        },
    }
}
