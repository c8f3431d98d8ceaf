//! `cargo xtask corpus [DIR]`: the generator against a folder of real-world
//! specs. Each spec becomes a standalone crate in a scratch workspace; one
//! `cargo check` of that workspace (one target dir) compiles them all, and
//! `docs/corpus.md` records the outcome per spec.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use generator::write::write_if_changed;

pub mod requests;

#[derive(Args)]
pub struct CorpusArgs {
    /// Folder of OpenAPI files (`.json`, `.yaml`, `.yml`).
    #[arg(default_value = "../shared/specs")]
    dir: PathBuf,
    /// Scratch folder for the generated crates and their target dir.
    #[arg(long, value_name = "DIR")]
    work: Option<PathBuf>,
    /// Only the specs whose file name contains one of these.
    #[arg(long, value_name = "NAME")]
    only: Vec<String>,
    /// Generate only; do not `cargo check`.
    #[arg(long)]
    no_check: bool,
    /// Check, but do not build and run the generated request tests.
    #[arg(long)]
    no_tests: bool,
    /// Where to write the report (relative to the workspace root); `-` for none.
    #[arg(long, default_value = "docs/corpus.md")]
    report: String,
}

/// What happened to one spec.
#[derive(Debug, Default)]
pub struct Outcome {
    pub file: String,
    pub openapi: String,
    pub operations: usize,
    pub schemas: usize,
    pub generation_ms: u128,
    pub warnings: usize,
    /// Operations whose request body the caller passes as encoded bytes.
    pub raw_bodies: generator::emit::bodies::RawBodies,
    /// Operations that accept several request media types, and the
    /// methods that send the other ones.
    pub media_choices: generator::emit::bodies::MediaChoices,
    /// Generation failed: why (a load or model error).
    pub unsupported: Option<String>,
    /// The generator panicked.
    pub panic: Option<String>,
    /// The crate's folder name in the scratch workspace.
    pub slug: Option<String>,
    pub rustc_errors: usize,
    pub rustc_warnings: usize,
    pub first_error: Option<String>,
    pub first_warning: Option<String>,
    /// The generated request tests, when they were run.
    pub tests: Option<requests::TestRun>,
}

impl Outcome {
    /// Generated and (when checked) compiled without a rustc diagnostic.
    pub fn ok(&self) -> bool {
        self.unsupported.is_none()
            && self.panic.is_none()
            && self.rustc_errors == 0
            && self.rustc_warnings == 0
    }

    fn result(&self) -> String {
        if let Some(p) = &self.panic {
            return format!("**panic**: {}", cell(p));
        }
        if let Some(u) = &self.unsupported {
            return format!("unsupported: {}", cell(u));
        }
        if self.rustc_errors > 0 {
            return format!(
                "**check failed** ({} errors): {}",
                self.rustc_errors,
                cell(self.first_error.as_deref().unwrap_or(""))
            );
        }
        if self.rustc_warnings > 0 {
            return format!(
                "**rustc warnings** ({}): {}",
                self.rustc_warnings,
                cell(self.first_warning.as_deref().unwrap_or(""))
            );
        }
        let ok = if self.warnings > 0 { format!("ok, warnings {}", self.warnings) } else { "ok".to_owned() };
        match self.tests.as_ref().and_then(|t| t.problem()) {
            Some(problem) => format!("{ok}; {}", cell(&problem)),
            None => ok,
        }
    }
}

fn cell(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").replace('|', "\\|");
    if line.chars().count() > 160 {
        format!("{}...", line.chars().take(160).collect::<String>())
    } else {
        line
    }
}

/// The spec files of a folder, sorted by name.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if path.is_file() && matches!(ext, "json" | "yaml" | "yml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A crate name for a spec file: `petstore-expanded.yaml` -> `corpus-petstore-expanded`.
pub fn slug(file: &Path) -> String {
    slug_of(file.file_stem().and_then(|s| s.to_str()).unwrap_or("spec"))
}

/// The crate names of a folder's spec files, in their order: [`slug`], or
/// with the extension when two files share a stem (`param-overrides.json`
/// and `.yaml`), so that no crate overwrites another.
pub fn slugs(files: &[PathBuf]) -> Vec<String> {
    let plain: Vec<String> = files.iter().map(|f| slug(f)).collect();
    plain
        .iter()
        .zip(files)
        .map(|(s, file)| {
            if plain.iter().filter(|other| *other == s).count() > 1 {
                slug_of(&file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default())
            } else {
                s.clone()
            }
        })
        .collect()
}

/// `corpus-` and the name in lower case, with `-` for anything else.
fn slug_of(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("corpus-{}", cleaned.trim_matches('-'))
}

/// A spec to generate: its file, its name in reports and file headers, and
/// the crate it becomes.
#[derive(Debug, Clone)]
pub struct Spec {
    pub file: PathBuf,
    pub name: String,
    pub crate_name: String,
}

impl Spec {
    /// A spec of a corpus folder: named by its file name, crate [`slug`].
    pub fn from_file(file: &Path) -> Spec {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Spec { file: file.to_owned(), name, crate_name: slug(file) }
    }

    /// A committed API under `spec/`, generated as `openapi-rs-gen` would
    /// (without the workspace's overrides and names).
    pub fn committed(api: &crate::apis::ApiSpec) -> Spec {
        Spec {
            file: api.file.clone(),
            name: api.relative_file(),
            crate_name: slug_of(&format!("altegio-{}", api.name)),
        }
    }
}

/// Generates one spec into `crates/<its crate name>` under `work`; stale
/// generated files of that crate are deleted.
pub fn generate(spec: &Spec, work: &Path) -> Outcome {
    let (file, name) = (spec.file.as_path(), spec.name.clone());
    let mut outcome = Outcome { file: name.clone(), ..Outcome::default() };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            outcome.unsupported = Some(format!("cannot read: {e}"));
            return outcome;
        }
    };
    let crate_name = spec.crate_name.clone();
    let mut options = generator::PackageOptions::new(&crate_name, &name);
    options.runtime = generator::RuntimeDependency::Path(runtime_dir());
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| generator::package(&bytes, &options)));
    outcome.generation_ms = started.elapsed().as_millis();
    let pkg = match result {
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "panic".to_owned());
            outcome.panic = Some(msg);
            return outcome;
        }
        Ok(Err(e)) => {
            outcome.unsupported = Some(e.to_string());
            if let Ok(value) = generator::load::parse_value(&bytes) {
                if let Ok((declared, version)) = generator::load::detect_version(&value) {
                    outcome.openapi = version_label(&declared, version);
                } else if let Some(v) = value.get("swagger") {
                    outcome.openapi = format!("Swagger {}", v.as_str().unwrap_or("?"));
                }
            }
            return outcome;
        }
        Ok(Ok(pkg)) => pkg,
    };
    outcome.openapi = version_label(&pkg.declared_version, pkg.version);
    outcome.operations = pkg.operations;
    outcome.schemas = pkg.schemas;
    outcome.warnings = generator::package::counts(&pkg.diagnostics).1;
    outcome.raw_bodies = pkg.raw_bodies;
    outcome.media_choices = pkg.media_choices;
    let dir = work.join("crates").join(&crate_name);
    let files = pkg.files.iter().map(|f| (Path::new(&f.path), f.contents.as_bytes()));
    if let Err(e) = generator::write::write_tree(&dir, files, &[Path::new("src"), Path::new("tests")]) {
        outcome.unsupported = Some(format!("cannot write the crate: {e}"));
        return outcome;
    }
    outcome.slug = Some(crate_name);
    outcome
}

/// This workspace's runtime crate, which the scratch crates build against
/// (one build for all of them, in the scratch workspace's target).
fn runtime_dir() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let dir = dir.canonicalize().unwrap_or(dir);
    dir.to_string_lossy().replace('\\', "/")
}

/// The report's version column: `3.0.3`, or `Swagger 2.0`.
fn version_label(declared: &str, version: generator::SpecVersion) -> String {
    match version {
        generator::SpecVersion::Swagger2 => format!("Swagger {declared}"),
        _ => declared.to_owned(),
    }
}

/// Writes the scratch workspace manifest (and the root's lock file, so
/// that the crates build against the versions the workspace uses).
pub fn write_workspace(work: &Path, root: &Path, members: &[String]) -> Result<()> {
    let list: Vec<String> = members.iter().map(|m| format!("    \"crates/{m}\",")).collect();
    let manifest = format!(
        "# Scratch workspace of generated crates (cargo xtask corpus).\n[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n\n{SCRATCH_PROFILE}",
        list.join("\n")
    );
    write_if_changed(&work.join("Cargo.toml"), manifest.as_bytes())?;
    let lock = root.join("Cargo.lock");
    if lock.exists() && !work.join("Cargo.lock").exists() {
        std::fs::copy(&lock, work.join("Cargo.lock")).context("copying Cargo.lock")?;
    }
    Ok(())
}

/// The scratch builds keep neither debug info nor incremental caches: a
/// full corpus run builds dozens of large test binaries, which with both
/// took about 40 GB of disk.
const SCRATCH_PROFILE: &str = "[profile.dev]\ndebug = false\nincremental = false\n";

/// rustc's findings per crate folder name: (errors, warnings, first error, first warning).
pub type CheckReport = BTreeMap<String, (usize, usize, Option<String>, Option<String>)>;

/// What one `cargo check` (or build) of the scratch workspace found.
#[derive(Debug)]
pub struct Checked {
    /// rustc's findings per crate.
    pub findings: CheckReport,
    /// The executables built, per crate folder name (a build of test
    /// targets; a check builds none).
    pub executables: BTreeMap<String, PathBuf>,
    /// Whether cargo succeeded.
    pub success: bool,
    /// Cargo's own output (progress, errors), unless it was echoed.
    pub stderr: String,
}

/// Runs one `cargo check` over the scratch workspace, with `features`
/// (`crate/feature`) on, and collects the compiler messages per crate.
/// `echo` shows cargo's progress as it goes instead of keeping it.
pub fn check(work: &Path, packages: &[String], features: &[String], echo: bool) -> Result<Checked> {
    cargo_json(work, &["check", "--keep-going"], packages, features, echo)
}

/// Runs `cargo <command>` over the scratch workspace with JSON messages:
/// compiler findings and built executables per crate.
pub fn cargo_json(
    work: &Path,
    command: &[&str],
    packages: &[String],
    features: &[String],
    echo: bool,
) -> Result<Checked> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(work)
        .args(command)
        .args(["--message-format=json", "--target-dir"])
        .arg(work.join("target"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for p in packages {
        cmd.args(["-p", p]);
    }
    if !features.is_empty() {
        cmd.args(["--features", &features.join(",")]);
    }
    for k in nested_cargo_env_removals() {
        cmd.env_remove(k);
    }
    let mut child = cmd.spawn().with_context(|| format!("running cargo {}", command.join(" ")))?;
    let stdout = child.stdout.take().context("cargo output")?;
    let stderr = child.stderr.take().context("cargo output")?;
    // Read beside stdout, so that neither pipe fills up and stalls cargo.
    let progress = std::thread::spawn(move || {
        let mut kept = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if echo {
                eprintln!("{line}");
            } else {
                kept.push_str(&line);
                kept.push('\n');
            }
        }
        kept
    });
    let mut report = CheckReport::new();
    let mut executables = BTreeMap::new();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let manifest = msg["manifest_path"].as_str().unwrap_or("");
        let Some(krate) = Path::new(manifest).parent().and_then(|p| p.file_name()).and_then(|n| n.to_str())
        else {
            continue;
        };
        if msg["reason"] == "compiler-artifact" {
            if let Some(exe) = msg["executable"].as_str() {
                executables.insert(krate.to_owned(), PathBuf::from(exe));
            }
            continue;
        }
        if msg["reason"] != "compiler-message" {
            continue;
        }
        let level = msg["message"]["level"].as_str().unwrap_or("");
        let text = msg["message"]["message"].as_str().unwrap_or("").to_owned();
        let span = msg["message"]["spans"]
            .get(0)
            .map(|s| {
                format!(
                    "{}:{}: ",
                    s["file_name"].as_str().unwrap_or(""),
                    s["line_start"].as_u64().unwrap_or(0)
                )
            })
            .unwrap_or_default();
        let entry = report.entry(krate.to_owned()).or_default();
        match level {
            "error" => {
                // The summary ("aborting due to ...") is not a finding.
                if text.starts_with("aborting due to") || text.starts_with("could not compile") {
                    continue;
                }
                entry.0 += 1;
                entry.2.get_or_insert_with(|| format!("{span}{text}"));
            }
            "warning" => {
                if text.contains("warning emitted") || text.contains("warnings emitted") {
                    continue;
                }
                entry.1 += 1;
                entry.3.get_or_insert_with(|| format!("{span}{text}"));
            }
            _ => {}
        }
    }
    let status = child.wait().context("waiting for cargo")?;
    let stderr = progress.join().unwrap_or_default();
    Ok(Checked { findings: report, executables, success: status.success(), stderr })
}

pub fn run(root: &Path, args: CorpusArgs) -> Result<ExitCode> {
    let dir = if args.dir.is_absolute() { args.dir.clone() } else { root.join(&args.dir) };
    if !dir.is_dir() {
        anyhow::bail!("{} is not a folder of specs", args.dir.display());
    }
    let work = args.work.clone().unwrap_or_else(|| root.join("target").join("corpus"));
    std::fs::create_dir_all(&work)?;
    let started = Instant::now();
    let mut outcomes = Vec::new();
    let files = spec_files(&dir)?;
    for (file, crate_name) in files.iter().zip(slugs(&files)) {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !args.only.is_empty() && !args.only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let outcome = generate(&Spec { crate_name, ..Spec::from_file(file) }, &work);
        let m = &outcome.media_choices;
        let media = if m.several > 0 {
            format!(
                ", {} with several media types ({} methods for the others, {} of them raw, {} shaped; {} media types unsent)",
                m.several, m.methods, m.raw.total, m.raw.shaped, m.unsent
            )
        } else {
            String::new()
        };
        println!(
            "{:<28} {:>6} ms  {} operations, {} schemas, {} raw bodies ({} shaped){media}{}",
            outcome.file,
            outcome.generation_ms,
            outcome.operations,
            outcome.schemas,
            outcome.raw_bodies.total,
            outcome.raw_bodies.shaped,
            outcome
                .unsupported
                .as_deref()
                .or(outcome.panic.as_deref())
                .map(|e| format!("  FAILED: {}", cell(e)))
                .unwrap_or_default()
        );
        outcomes.push(outcome);
    }
    let members: Vec<String> = outcomes.iter().filter_map(|o| o.slug.clone()).collect();
    let mut checked = false;
    if !args.no_check && !members.is_empty() {
        write_workspace(&work, root, &members)?;
        println!("cargo check of {} crates in {} ...", members.len(), work.display());
        let result = check(&work, &members, &[], true)?;
        let report = result.findings;
        if !result.success && report.values().all(|(errors, ..)| *errors == 0) {
            anyhow::bail!("cargo check failed without a compiler error in a generated crate (see above)");
        }
        for o in &mut outcomes {
            if let Some((e, w, fe, fw)) = o.slug.as_ref().and_then(|s| report.get(s)) {
                (o.rustc_errors, o.rustc_warnings, o.first_error, o.first_warning) =
                    (*e, *w, fe.clone(), fw.clone());
            }
        }
        checked = true;
        let compiled: Vec<String> =
            outcomes.iter().filter(|o| o.ok()).filter_map(|o| o.slug.clone()).collect();
        if !args.no_tests && !compiled.is_empty() {
            let mut runs = requests::build_and_run(&work, &compiled)?;
            for o in &mut outcomes {
                o.tests = o.slug.as_ref().and_then(|s| runs.remove(s));
            }
        }
    }
    let ok = outcomes.iter().filter(|o| o.ok()).count();
    let panics = outcomes.iter().filter(|o| o.panic.is_some()).count();
    let raw: usize = outcomes.iter().map(|o| o.raw_bodies.total).sum();
    let shaped: usize = outcomes.iter().map(|o| o.raw_bodies.shaped).sum();
    let several: usize = outcomes.iter().map(|o| o.media_choices.several).sum();
    let alternatives: usize = outcomes.iter().map(|o| o.media_choices.methods).sum();
    let raw_alternatives: usize = outcomes.iter().map(|o| o.media_choices.raw.total).sum();
    let shaped_alternatives: usize = outcomes.iter().map(|o| o.media_choices.raw.shaped).sum();
    let unsent: usize = outcomes.iter().map(|o| o.media_choices.unsent).sum();
    let runs: Vec<&requests::TestRun> = outcomes.iter().filter_map(|o| o.tests.as_ref()).collect();
    let tested = if runs.is_empty() {
        String::new()
    } else {
        let passed: usize = runs.iter().map(|r| r.passed).sum();
        let total: usize = runs.iter().map(|r| r.total()).sum();
        let all = runs.iter().filter(|r| r.all_passed()).count();
        format!("; {passed} of {total} operations pass their generated request tests, all of them in {all} of {} crates", runs.len())
    };
    let summary = format!(
        "{ok} of {} specs generate{}{tested}; {panics} panics; {raw} request bodies taken as raw bytes, {shaped} of them forms or multipart; {several} operations accept several request media types, sent by {alternatives} more methods ({raw_alternatives} of them take raw bytes, {shaped_alternatives} forms or multipart), {unsent} media types sent by none; {} s",
        outcomes.len(),
        if checked { " and compile without warnings" } else { " (not compiled)" },
        started.elapsed().as_secs()
    );
    println!("{summary}");
    for o in outcomes.iter().filter(|o| !o.ok() || o.tests.as_ref().is_some_and(|t| !t.all_passed())) {
        println!("  {}: {}", o.file, o.result());
    }
    if args.report != "-" {
        let path = root.join(&args.report);
        let mut text = report(&outcomes, &args.dir, checked, &summary);
        // The hand-written notes below the table stay.
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(at) = old.find(NOTES) {
            text.push_str(&old[at..]);
        }
        write_if_changed(&path, text.as_bytes())?;
        println!("wrote {}", args.report);
    }
    Ok(if panics == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Where the report's hand-written part starts; the tool keeps it.
const NOTES: &str = "\n## Notes\n";

fn report(outcomes: &[Outcome], dir: &Path, checked: bool, summary: &str) -> String {
    let mut out = String::new();
    out.push_str("# Generator corpus\n\n");
    out.push_str(&format!(
        "`cargo xtask corpus {}` generates a standalone crate from every spec in that folder and {}. \
         Regenerate this file with the same command; the tool keeps the notes below the table.\n\n",
        dir.display(),
        if checked {
            "compiles them all with one `cargo check` (one target dir; rustc warnings count as failures), \
             then builds and runs each crate's generated request tests (unless `--no-tests`)"
        } else {
            "records the generation (this run did not compile)"
        }
    ));
    out.push_str(&format!("**{summary}.**\n\n"));
    out.push_str("\"warnings N\" counts the generator's own diagnostics (spec quirks worked around, each with a JSON pointer); run `openapi-rs-gen --spec FILE ...` to see them. \"generation ms\" is the generator as `cargo xtask` builds it (the dev profile, unoptimised); `docs/benchmarks.md` has release figures. \"raw bodies\" counts operations whose method takes the request body as already encoded bytes; \"shaped\" those among them with a form or multipart media type, left to bytes because the spec names no fields the client can encode. \"several media types\" counts operations that accept more than one request media type, and in brackets the methods that send the others beside the operation's own method. \"operations passing\" counts the crate's generated request tests (`tests/requests.rs`, built and run by this command after the check) that pass, of all it has: one per method, so one per operation and one per other media type; each sends its call to the runtime's mock server, which answers only when method, path, query, header parameters, body and the exact credentials of the operation's security match, then checks that the documented success decodes and that each documented error status is an API error.\n\n");
    out.push_str(
        "| spec | OpenAPI | operations | operations passing | schemas | raw bodies (shaped) | several media types (methods) | generation ms | result |\n",
    );
    out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for o in outcomes {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} ({}) | {} ({}) | {} | {} |\n",
            o.file,
            if o.openapi.is_empty() { "?" } else { &o.openapi },
            o.operations,
            o.tests.as_ref().map_or_else(|| "-".to_owned(), |t| t.cell()),
            o.schemas,
            o.raw_bodies.total,
            o.raw_bodies.shaped,
            o.media_choices.several,
            o.media_choices.methods,
            o.generation_ms,
            o.result()
        ));
    }
    out
}

/// Variables `cargo run` / `cargo test` set for this process that would make
/// the nested build look different (and rebuild every dependency).
pub(crate) fn nested_cargo_env_removals() -> Vec<String> {
    std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .filter(|k| {
            k == "RUSTFLAGS"
                || k == "CARGO_TARGET_DIR"
                || k == "CARGO_PRIMARY_PACKAGE"
                || k == "CARGO_MANIFEST_DIR"
                || k == "CARGO_MANIFEST_PATH"
                || k.starts_with("CARGO_PKG_")
                || k.starts_with("CARGO_BIN_")
                || k.starts_with("CARGO_CRATE_")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_sharing_a_stem_get_their_own_crates() {
        let files: Vec<PathBuf> =
            ["github.json", "param-overrides.json", "param-overrides.yaml", "Petstore Expanded.yml"]
                .iter()
                .map(PathBuf::from)
                .collect();
        assert_eq!(
            slugs(&files),
            [
                "corpus-github",
                "corpus-param-overrides-json",
                "corpus-param-overrides-yaml",
                "corpus-petstore-expanded"
            ]
        );
    }
}
