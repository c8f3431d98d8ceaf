//! `openapi-rs-gen`: an OpenAPI 3.0/3.1 or Swagger 2.0 description -> a standalone Rust
//! client crate.
//!
//! Exit codes: 0 generated; 1 the spec could not be generated; 2 bad
//! arguments or I/O.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use generator::{package, PackageOptions, RuntimeDependency, Severity};

#[derive(Parser)]
#[command(
    name = "openapi-rs-gen",
    version,
    about = "Generate a typed async Rust client crate from an OpenAPI 3.0/3.1 or Swagger 2.0 file"
)]
struct Cli {
    /// The OpenAPI description (JSON or YAML; 3.0, 3.1 or Swagger 2.0).
    #[arg(long, value_name = "FILE")]
    spec: PathBuf,
    /// Folder to write the crate into (created if missing). Generated files
    /// are replaced; those under src/ it no longer generates are deleted;
    /// files without the `@generated` marker are left alone.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The crate's name, such as `petstore-client`.
    #[arg(long, value_name = "CRATE")]
    name: String,
    /// Depend on the runtime crate (`openapi-rs-runtime`) in this folder
    /// instead of its published version: offline, vendored, or a checkout.
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
    /// Print notes as well as warnings.
    #[arg(long)]
    verbose: bool,
    /// Print only the summary line.
    #[arg(long, short)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !generator::package::valid_crate_name(&cli.name) {
        eprintln!(
            "error: {:?} is not a valid crate name (ASCII letters, digits, `-`, `_`; starting with a letter)",
            cli.name
        );
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let bytes = match std::fs::read(&cli.spec) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: reading {}: {e}", cli.spec.display());
            return ExitCode::from(2);
        }
    };
    let spec_name = cli.spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut options = PackageOptions::new(&cli.name, spec_name);
    if let Some(dir) = &cli.runtime_path {
        match runtime_path(dir, &cli.out) {
            Ok(path) => options.runtime = RuntimeDependency::Path(path),
            Err(e) => {
                eprintln!("error: --runtime-path {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    let pkg = match package(&bytes, &options) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}: {e}", cli.spec.display());
            return ExitCode::from(1);
        }
    };
    let (notes, warnings) = generator::package::counts(&pkg.diagnostics);
    if !cli.quiet {
        for d in &pkg.diagnostics {
            if d.severity == Severity::Warning || cli.verbose {
                eprintln!("{d}");
            }
        }
    }
    let files = pkg.files.iter().map(|f| (Path::new(&f.path), f.contents.as_bytes()));
    let summary = match generator::write::write_tree(&cli.out, files, &[Path::new("src")]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if !cli.quiet {
        for rel in &summary.deleted {
            eprintln!("deleted {}: no longer generated", cli.out.join(rel).display());
        }
        for rel in summary.kept.iter().filter(|_| cli.verbose) {
            eprintln!(
                "note: left {} alone: not generated (no `@generated` marker)",
                cli.out.join(rel).display()
            );
        }
    }
    println!(
        "{}: {} {}, {} operations, {} types, {} webhooks; {} warnings, {} notes; {} files ({} changed, {} deleted) in {}; {} ms",
        cli.spec.display(),
        if pkg.version == generator::SpecVersion::Swagger2 { "Swagger" } else { "OpenAPI" },
        pkg.declared_version,
        pkg.operations,
        pkg.types,
        pkg.webhooks,
        warnings,
        notes,
        pkg.files.len(),
        summary.written(),
        summary.deleted.len(),
        cli.out.display(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

/// The runtime folder as the generated `Cargo.toml` names it: relative to
/// the crate's folder, so that the two can move together.
fn runtime_path(dir: &Path, out: &Path) -> std::io::Result<String> {
    if !dir.join("Cargo.toml").is_file() {
        return Err(std::io::Error::other("no Cargo.toml there"));
    }
    let dir = std::path::absolute(dir)?;
    let out = std::path::absolute(out)?;
    let (dir, out): (Vec<_>, Vec<_>) = (dir.components().collect(), out.components().collect());
    let common = dir.iter().zip(&out).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return Ok(dir.iter().collect::<PathBuf>().to_string_lossy().replace('\\', "/"));
    }
    let mut relative = PathBuf::new();
    for _ in common..out.len() {
        relative.push("..");
    }
    relative.extend(&dir[common..]);
    Ok(relative.to_string_lossy().replace('\\', "/"))
}
