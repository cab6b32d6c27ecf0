//! The `taizhang` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use taizhang::date::Date;
use taizhang::diagnostics::{Lang, Severity, render};

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
        /// Site root (the folder holding `content/`).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Judge overdue tasks and future dates against this date (YYYY-MM-DD)
        /// instead of `as_of` in site.yaml.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Language of messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Show errors only, not warnings.
        #[arg(long)]
        quiet: bool,
    },
    /// Write a small, valid example site into DIR.
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// 简体中文
    Zh,
    /// English
    En,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date in the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            root,
            as_of,
            lang,
            quiet,
        } => {
            let lang = match lang {
                LangArg::Zh => Lang::Zh,
                LangArg::En => Lang::En,
            };
            let checked = taizhang::check::check(&root, as_of);
            for diagnostic in checked.diagnostics.sorted(&checked.sources) {
                if quiet && diagnostic.severity() == Severity::Warning {
                    continue;
                }
                eprintln!("{}", render(diagnostic, &checked.sources, lang));
            }
            println!("{}", checked.summary(lang));
            if checked.diagnostics.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
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
