//! `cargo xtask <command>`: the maintainer loop around the generated crate.
//!
//! Exit codes: 0 success; 1 a check found a difference (`check`,
//! `fetch --check`); 2 the command failed (bad input, network, I/O).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::{bench, check, corpus, fetch, names, regen};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Maintainer commands for the altegio-api workspace")]
struct Cli {
    /// Workspace root (defaults to the directory above this crate).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Download a published spec, validate it and write it under spec/<api>/.
    ///
    /// Exit codes: 0 written or unchanged; 1 with --check when upstream
    /// differs from the committed file; 2 rejected or failed (spec/ unchanged).
    Fetch(fetch::FetchArgs),
    /// Regenerate the sources of altegio-api from every spec under spec/.
    ///
    /// Prints the API change report against the surface recorded at the
    /// last regen and merges it into CHANGELOG.md's "Unreleased" section.
    ///
    /// Exit codes: 0 success; 2 a spec could not be generated.
    Regen,
    /// Regenerate in memory and compare with the committed files.
    ///
    /// On a difference, prints the API change report and the release level
    /// it implies, then the diff of the generated code.
    ///
    /// Exit codes: 0 clean; 1 a generated file differs, is missing or is stale
    /// (run `cargo xtask regen`); 2 a spec could not be generated.
    Check,
    /// Generate and `cargo check` a standalone crate for every spec in a
    /// folder (default ../shared/specs); writes docs/corpus.md.
    ///
    /// Exit codes: 0 done (see the report); 1 the generator panicked; 2 failed.
    Corpus(corpus::CorpusArgs),
    /// Measure generation (ours and, when installed, progenitor's) and the
    /// build of altegio-api; prints markdown tables of medians.
    Bench(bench::BenchArgs),
    /// Print the length distribution (median, p90, max) of the generated
    /// type names, per API and overall.
    ///
    /// Exit codes: 0 printed; 2 a generated file could not be read.
    Names(names::NamesArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."));
    let result = match cli.command {
        Command::Fetch(args) => fetch::run(&root, args),
        Command::Regen => regen::run(&root),
        Command::Check => check::run(&root),
        Command::Bench(args) => bench::run(&root, args),
        Command::Corpus(args) => corpus::run(&root, args),
        Command::Names(args) => names::run(&root, args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
