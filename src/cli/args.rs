//! The command line's arguments (clap), and what they mean to the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use taizhang::content::Audience;
use taizhang::date::Date;
use taizhang::diagnostics::Lang;
use taizhang::settings::Given;
use taizhang::site::BuildOptions;

/// taizhang (台账): build a rectification ledger site from YAML and Markdown.
#[derive(Parser)]
#[command(version, about)]
pub(crate) struct Cli {
    /// Language of messages.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub(crate) lang: LangArg,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Check the content, its links and the names of its files, and report every problem (changes no file).
    Check {
        #[command(flatten)]
        common: Common,
        /// Also render every page and run the leak guard over it, as build does (slower).
        #[arg(long)]
        full: bool,
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
    /// Write a workbook for villages or units to fill in their progress.
    Sheet {
        /// Site root (the folder holding `content/`).
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        kind: SheetKind,
    },
    /// Read filled-in progress sheets back into the ledger (a dry run unless --apply).
    Import {
        /// Site root (the folder holding `content/`).
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        kind: ImportKind,
    },
}

#[derive(Subcommand)]
pub(crate) enum SheetKind {
    /// Open tasks of one village or unit (or a sheet for each) to fill in.
    Progress {
        /// Only this village's tasks (its id).
        #[arg(long, conflicts_with = "unit")]
        village: Option<String>,
        /// Only this unit's tasks (its id).
        #[arg(long)]
        unit: Option<String>,
        /// The workbook to write (.xlsx).
        #[arg(long)]
        out: PathBuf,
        /// Replace `--out` if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum ImportKind {
    /// Filled-in progress sheets (.xlsx, .xls, .ods or .csv).
    Progress {
        /// The sheets.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the changes into content/issues/ (without it, only show them).
        #[arg(long)]
        apply: bool,
    },
    /// A published plan, saved as text (.txt, UTF-8 or GBK), into a new site's content/.
    Plan {
        /// The plan.
        file: PathBuf,
        /// The site folder to write content/ into.
        #[arg(long)]
        into: PathBuf,
        /// Overwrite files of an existing content/.
        #[arg(long)]
        force: bool,
        /// Show what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// An existing ledger (.xlsx, .xls, .ods or .csv) into a new site's content/.
    Ledger {
        /// The ledger.
        file: PathBuf,
        /// Only this sheet [default: every sheet with a ledger header].
        #[arg(long)]
        sheet: Option<String>,
        /// The site folder to write content/ into.
        #[arg(long)]
        into: PathBuf,
        /// Overwrite files of an existing content/.
        #[arg(long)]
        force: bool,
        /// Show what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum NewItem {
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
pub(crate) struct Common {
    /// Site root (the folder holding `content/`).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Judge overdue tasks against this date (YYYY-MM-DD) instead of `as_of` in site.yaml.
    #[arg(long, value_parser = parse_date)]
    pub(crate) as_of: Option<Date>,
    /// Show errors only, not warnings.
    #[arg(long, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Also show how long each stage took.
    #[arg(long)]
    pub(crate) verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum LangArg {
    /// 简体中文
    Zh,
    /// English
    En,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum AudienceArg {
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

impl LangArg {
    /// The library's language.
    pub(crate) fn lang(self) -> Lang {
        match self {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

impl Common {
    /// Build options for this site root and as-of date, for `audience`
    /// and with messages in `lang`; the rest default.
    pub(crate) fn build_options(&self, audience: AudienceArg, lang: Lang) -> BuildOptions {
        BuildOptions {
            given: Given {
                as_of: self.as_of,
                audience: audience.audience(),
                lang,
                ..Given::default()
            },
            ..BuildOptions::new(&self.root)
        }
    }
}

impl AudienceArg {
    pub(crate) fn audience(self) -> Audience {
        match self {
            AudienceArg::Public => Audience::Public,
            AudienceArg::Internal => Audience::Internal,
        }
    }
}
