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
    let dir = dir.canonicalize()?;
    let out = resolved(out)?;
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

/// `path` absolute with links and `..` resolved, though its last folders
/// may not exist yet (the crate's folder is created later): the existing
/// part canonicalised, the rest appended. Counting `..` in `root/xtask/../target`
/// as a folder would point the crate two levels too far up.
fn resolved(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                existing = parent;
            }
            // A missing `..` or root: nothing better than the lexical path.
            _ => return Ok(absolute),
        }
    }
    let mut out = existing.canonicalize()?;
    out.extend(missing.iter().rev());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_path_is_relative_to_the_resolved_crate_folder() {
        let root = std::env::temp_dir().join(format!("runtime-path-{}", std::process::id()));
        std::fs::create_dir_all(root.join("runtime")).unwrap();
        std::fs::create_dir_all(root.join("tool")).unwrap();
        std::fs::write(root.join("runtime/Cargo.toml"), "").unwrap();
        // `tool/..` is the root: the crate is two levels below it, not three.
        let out = root.join("tool/../scratch/crate");
        assert_eq!(runtime_path(&root.join("runtime"), &out).unwrap(), "../../runtime");
        assert_eq!(runtime_path(&root.join("tool/../runtime"), &root.join("a")).unwrap(), "../runtime");
        assert!(runtime_path(&root.join("tool"), &out).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
