//! Generates a synthetic ledger site of any size, for benchmarks:
//!
//! ```text
//! cargo run --release --example gen_ledger -- --issues 1000 --villages 200 --notes 2000 --out /dev/shm/site
//! taizhang build --root /dev/shm/site
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut size = taizhang::synthetic::Size {
        issues: 100,
        villages: 20,
        notes: 200,
        units: 0,
    };
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        let number = value.as_deref().and_then(|v| v.parse::<usize>().ok());
        match (flag.as_str(), number) {
            ("--issues", Some(n)) => size.issues = n,
            ("--villages", Some(n)) => size.villages = n,
            ("--notes", Some(n)) => size.notes = n,
            ("--units", Some(n)) => size.units = n,
            ("--out", _) if value.is_some() => out = value.map(PathBuf::from),
            _ => {
                eprintln!(
                    "usage: gen_ledger --issues N --villages V --notes K [--units U] --out DIR"
                );
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_ledger --issues N --villages V --notes K [--units U] --out DIR");
        return ExitCode::from(2);
    };
    if out.join("content").exists() {
        eprintln!(
            "{} already holds content/; choose an empty folder",
            out.display()
        );
        return ExitCode::from(1);
    }
    match taizhang::synthetic::write_site(&out, size) {
        Ok(()) => {
            println!(
                "wrote {} issues, {} villages, {} notes to {}",
                size.issues,
                size.villages,
                size.notes,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write {}: {error}", out.display());
            ExitCode::from(1)
        }
    }
}
