//! `cargo check` of a generated crate on warm dependencies: what a user
//! waits for after each regeneration. Ours and, when installed,
//! progenitor's crate of the same spec, each in a scratch workspace of its
//! own with one shared target dir, so that every dependency (our runtime
//! crate, progenitor's client crate) is built once before the timed runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::{cargo, fmt, median, ratio, touch, verdict};

/// The specs compared (label, path relative to the workspace root).
pub const SPECS: &[(&str, &str)] =
    &[("nexus", "../shared/specs/nexus.json"), ("github", "../shared/specs/github.json")];

/// A generator, and how it writes a crate for a spec into a folder.
enum Generator<'a> {
    Ours { cli: &'a Path, runtime: PathBuf },
    Progenitor(&'a Path),
}

impl Generator<'_> {
    fn name(&self) -> &'static str {
        match self {
            Generator::Ours { .. } => "ours",
            Generator::Progenitor(_) => "progenitor",
        }
    }

    fn command(&self, spec: &Path, out: &Path, name: &str) -> Command {
        match self {
            Generator::Ours { cli, runtime } => {
                let mut cmd = Command::new(cli);
                cmd.arg("--spec").arg(spec).arg("--out").arg(out).arg("--name").arg(name);
                cmd.arg("--runtime-path").arg(runtime).arg("--quiet");
                cmd
            }
            Generator::Progenitor(p) => {
                let mut cmd = Command::new(p);
                cmd.arg("progenitor").arg("-i").arg(spec).arg("-o").arg(out);
                cmd.arg("-n").arg(name).arg("-v").arg("0.1.0");
                cmd
            }
        }
    }
}

/// Prints the table and returns the verdicts (ours at most progenitor's
/// time, per spec both generate).
pub fn compare(
    root: &Path,
    work: &Path,
    cli: &Path,
    progenitor: Option<&Path>,
    runs: usize,
    only: &[String],
) -> Result<Vec<String>> {
    let runtime = root.join("runtime").canonicalize().context("finding the runtime crate")?;
    let mut generators = vec![Generator::Ours { cli, runtime }];
    generators.extend(progenitor.map(Generator::Progenitor));
    println!("\n## cargo check of the generated crate, dependencies warm (median of {runs} runs)\n");
    println!(
        "Seconds for `cargo check` after touching the crate's `src/lib.rs`, without incremental caches; each generator's dependencies built before the first timed run; ratio is ours / progenitor.\n"
    );
    println!("| spec | ours | progenitor | ratio |");
    println!("| --- | ---: | ---: | ---: |");
    let mut notes = Vec::new();
    let mut verdicts = Vec::new();
    let check_work = work.join("check");
    for &(label, rel) in SPECS {
        if !only.is_empty() && !only.iter().any(|o| label.contains(o.as_str())) {
            continue;
        }
        let spec = root.join(rel);
        if !spec.is_file() {
            notes.push(format!("{label}: skipped, {rel} is not there"));
            continue;
        }
        let mut seconds = Vec::new();
        for generator in &generators {
            match time_check(root, &check_work, &spec, label, generator, runs) {
                Ok(s) => seconds.push(Some(s)),
                Err(e) => {
                    notes.push(format!("{label}: {}: {e:#}", generator.name()));
                    seconds.push(None);
                }
            }
        }
        let ours = seconds.first().copied().flatten();
        let theirs = seconds.get(1).copied().flatten();
        println!("| {label} | {} | {} | {} |", fmt(ours, 1), fmt(theirs, 1), fmt(ratio(ours, theirs), 2));
        if let (Some(o), Some(t)) = (ours, theirs) {
            verdicts.push(verdict(
                o <= t,
                format!(
                    "{label}: cargo check {o:.1} s, progenitor's {t:.1} s (target: at most progenitor's)"
                ),
            ));
        }
    }
    if progenitor.is_none() {
        notes.push("progenitor: not installed, only ours measured".to_owned());
    }
    for n in &notes {
        println!("- {n}");
    }
    Ok(verdicts)
}

/// Generates the crate, builds its dependencies, then times `runs` checks
/// of the crate alone.
fn time_check(
    root: &Path,
    work: &Path,
    spec: &Path,
    label: &str,
    generator: &Generator<'_>,
    runs: usize,
) -> Result<f64> {
    let workspace = work.join(format!("{label}-{}", generator.name()));
    let krate = super::fresh(&workspace.join("crate"))?;
    std::fs::create_dir_all(&workspace)?;
    let name = super::crate_name(label);
    let output = generator.command(spec, &krate, &name).output().context("starting the generator")?;
    if !output.status.success() {
        bail!("generation failed: {}", super::first_message(&String::from_utf8_lossy(&output.stderr)));
    }
    // A workspace of its own: the crate lies under this repository's
    // target dir, whose workspace it must not join.
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"crate\"]\n[profile.dev]\nincremental = false\n",
    )?;
    let lock = root.join("Cargo.lock");
    if matches!(generator, Generator::Ours { .. }) && !workspace.join("Cargo.lock").exists() {
        // Our crate builds against the versions this workspace uses.
        std::fs::copy(&lock, workspace.join("Cargo.lock")).context("copying Cargo.lock")?;
    }
    let target = work.join("target");
    check(&workspace, &target).context("the first cargo check (dependencies)")?;
    let lib = krate.join("src/lib.rs");
    let mut times = Vec::new();
    for _ in 0..runs {
        touch(&lib)?;
        times.push(check(&workspace, &target)?);
    }
    median(times).context("no runs")
}

/// Seconds for one `cargo check` of the scratch workspace.
fn check(workspace: &Path, target: &Path) -> Result<f64> {
    let mut cmd = cargo();
    cmd.current_dir(workspace).args(["check", "--quiet", "--target-dir"]).arg(target);
    cmd.env("CARGO_INCREMENTAL", "0");
    for k in crate::corpus::nested_cargo_env_removals() {
        cmd.env_remove(k);
    }
    let started = Instant::now();
    let output = cmd.output().context("running cargo check")?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("(no message)");
        bail!("cargo check failed: {first}");
    }
    Ok(started.elapsed().as_secs_f64())
}
