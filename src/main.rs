//! The `taizhang` command line: parses arguments and hands each command to
//! its function in [`cli::commands`].

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::args::{AudienceArg, Cli, Command};
use cli::commands::{self, Listen};
use taizhang::site::BuildOptions;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.lang();
    match cli.command {
        Command::Check { common, full } => {
            let options = common.build_options(AudienceArg::Public, lang);
            commands::check(&common, options, full)
        }
        Command::Build {
            common,
            out,
            base_url,
            portable,
            audience,
        } => {
            let mut options = BuildOptions {
                out,
                ..common.build_options(audience, lang)
            };
            options.given.base_url = base_url;
            options.given.portable = portable;
            commands::build(&common, options)
        }
        Command::Pdf {
            common,
            out,
            base_url,
            audience,
            browser,
        } => {
            let mut options = common.build_options(audience, lang);
            options.given.base_url = base_url;
            commands::pdf(&common, options, out, browser.as_deref())
        }
        Command::Serve {
            common,
            audience,
            port,
            bind,
            open,
            allow_host,
        } => {
            let listen = Listen {
                bind,
                port,
                open,
                allowed_hosts: allow_host,
            };
            commands::serve(&common, common.build_options(audience, lang), listen)
        }
        Command::New { root, item } => commands::new(&root, item, lang),
        Command::Init { dir } => commands::init(&dir, lang),
        Command::Sheet { root, kind } => commands::sheet(&root, kind, lang),
        Command::Import { root, kind } => commands::import(&root, kind, lang),
    }
}
