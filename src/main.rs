//! The `taizhang` command line: parses arguments and hands each command to
//! its function in [`cli::commands`].

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::args::{AudienceArg, Cli, Command};
use cli::commands::{self, Listen};
use cli::office;
use taizhang::site::BuildOptions;

/// mimalloc rather than the system's allocator: a county's build (10,000
/// issues) peaked at 860 MB instead of 1,091 MB on Linux, in 12% less time.
/// Built without asking Linux for transparent huge pages (`no_thp`): each
/// 2 MB page is zeroed and counted whole however little of it is used,
/// and its memory given back splits it; without them a county's build
/// peaks 17 MB lower and `check` runs about a tenth faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    give_back_freed_memory_after(SOON);
    let cli = Cli::parse();
    let lang = cli.lang.lang();
    match cli.command {
        Command::Check { common, full } => {
            if !full {
                // A plain check holds what it read until it ends: memory
                // given back would only be taken again, zeroed, for the
                // next files. At 10,000 issues, 6% of its time.
                give_back_freed_memory_after(NEVER);
            }
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
                release_memory: give_back_freed_memory_now,
            };
            commands::serve(&common, common.build_options(audience, lang), listen)
        }
        Command::New { root, item } => commands::new(&root, item, lang),
        Command::Init { dir } => commands::init(&dir, lang),
        Command::Sheet { root, kind } => office::sheet(&root, kind, lang),
        Command::Import { root, kind } => office::import(&root, kind, lang),
    }
}

/// Freed memory goes back to the system 10 ms after it is unused, not a
/// second: a build frees a page's copies and makes the next page's within
/// that second, so waiting only adds them up. At once (0 ms) holds a few
/// MB less but costs 7–13% more time, the kernel zeroing pages given back
/// and taken again.
const SOON: std::os::raw::c_long = 10;

/// Freed memory is kept for the process to use again.
const NEVER: std::os::raw::c_long = -1;

/// Has the allocator give back, now, the memory this thread's heap holds
/// freed: mimalloc returns a page freed by another thread only when the
/// thread that made it next allocates, and `serve`'s threads sit idle
/// between saves with the pages of the site before.
fn give_back_freed_memory_now() {
    // SAFETY: mimalloc allows a collection from any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// Has the allocator give freed memory back to the system `ms` after it is
/// unused ([`SOON`] or [`NEVER`]).
fn give_back_freed_memory_after(ms: std::os::raw::c_long) {
    // `mi_option_purge_delay`, the 16th of mimalloc.h's `mi_option_e`
    // (its numbering is kept stable); the bindings name no constant for it.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mimalloc allows setting an option at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms) };
}
