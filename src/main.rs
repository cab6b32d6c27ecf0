//! The `taizhang` command line: parses arguments and hands each command to
//! its function in [`cli::commands`].

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::args::{Cli, Command};
use cli::commands::{self, Listen};
use taizhang::site::BuildOptions;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.lang();
    match cli.command {
        Command::Check { common } => commands::check(&common, lang),
        Command::Build {
            common,
            out,
            base_url,
            portable,
            audience,
        } => {
            let options = BuildOptions {
                out,
                base_url,
                portable,
                ..common.build_options(audience)
            };
            commands::build(&common, lang, options)
        }
        Command::Pdf {
            common,
            out,
            base_url,
            audience,
            browser,
        } => {
            let options = BuildOptions {
                base_url,
                portable: true,
                ..common.build_options(audience)
            };
            commands::pdf(&common, lang, options, out, browser.as_deref())
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
            commands::serve(&common, lang, common.build_options(audience), listen)
        }
        Command::New { root, item } => commands::new(&root, item, lang),
        Command::Init { dir } => commands::init(&dir, lang),
    }
}
