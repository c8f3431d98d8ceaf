//! `cargo xtask bench`: whole-process figures, as a user sees them.
//!
//! - the `openapi-rs-gen` CLI (release build) on the committed spec, the
//!   upstream Altegio specs and large public specs: wall time and peak RSS
//!   (from `wait4`), the median of `--runs` runs;
//! - the same specs through `cargo-progenitor` when it is on `PATH`, run
//!   alternately with ours so that load changes hit both alike;
//! - the cold `cargo build` of altegio-api (default and all features), and
//!   the cost of its generated code alone: the crate rebuilt on warm
//!   dependencies with and without its API features;
//! - `cargo check` of the crate generated for nexus and github, ours and
//!   progenitor's, dependencies warm (`bench/check.rs`).
//!
//! The specs outside the repository are read from `../shared/` (relative to
//! the workspace root) and skipped with a note when it is absent.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;

mod check;

/// (label, path relative to the workspace root); the same as the criterion
/// benchmark of the generator.
const SPECS: &[(&str, &str)] = &[
    ("developers", "spec/developers/openapi.json"),
    ("upstream-developers-yaml", "../shared/spec/upstream/developers.openapi.yaml"),
    ("upstream-b2b-v1", "../shared/spec/upstream/b2b-v1.openapi.yaml"),
    ("upstream-b2b-v2", "../shared/spec/upstream/b2b-v2.openapi.yaml"),
    ("upstream-public", "../shared/spec/upstream/public.openapi.yaml"),
    ("github", "../shared/specs/github.json"),
    ("stripe", "../shared/specs/stripe.json"),
    ("openai", "../shared/specs/openai.yaml"),
    ("box", "../shared/specs/box.json"),
    // Oxide's own specs, which progenitor is written for: a comparison
    // where it succeeds.
    ("nexus", "../shared/specs/nexus.json"),
    ("propolis-server", "../shared/specs/propolis-server.json"),
];

/// The targets the figures are reported against.
const DEVELOPERS_MS: f64 = 50.0;
const GITHUB_MS: f64 = 2000.0;
const SPEEDUP_OVER_PROGENITOR: f64 = 3.0;
const RSS_PER_INPUT_BYTE: f64 = 10.0;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Runs per spec and generator (the median is reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Cold builds per configuration of altegio-api (0 skips them).
    #[arg(long, default_value_t = 3)]
    build_runs: usize,
    /// Timed `cargo check` runs per generated crate (0 skips them).
    #[arg(long, default_value_t = 3)]
    check_runs: usize,
    /// Only the specs whose label contains one of these.
    #[arg(long, value_name = "LABEL")]
    only: Vec<String>,
    /// Give up on one generator run after this many seconds.
    #[arg(long, default_value_t = 600)]
    timeout: u64,
}

pub fn run(root: &Path, args: BenchArgs) -> Result<ExitCode> {
    let runs = args.runs.max(1);
    let target = target_dir(root);
    let work = target.join("xtask-bench");
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    println!("machine: {}", machine());
    println!("load average before: {}", load_average());

    let cli = build_cli(root)?;
    let progenitor = find_on_path("cargo-progenitor");
    match &progenitor {
        Some(p) => println!("progenitor: {} ({})", p.display(), version(p)),
        None => println!(
            "progenitor: cargo-progenitor is not on PATH; `cargo install cargo-progenitor` to compare"
        ),
    }
    let timeout = Duration::from_secs(args.timeout);
    // What the process holds before reading any spec (binary, allocator).
    let mut version_runs = Vec::new();
    for _ in 0..runs {
        let mut cmd = Command::new(&cli);
        cmd.arg("--version");
        if let Ok(m) = measure(cmd, &work, timeout)? {
            version_runs.push(m);
        }
    }
    let (_, _, baseline) = medians(&version_runs);
    let baseline = baseline.unwrap_or(0.0);
    println!("openapi-rs-gen --version peak RSS (the baseline): {:.1} MiB", mib(baseline));

    println!("\n## Generation (median of {runs} runs per spec)\n");
    println!("Wall and CPU (user + system) time in ms, peak RSS in MiB; ratios are ours / progenitor.\n");
    println!(
        "| spec | input KiB | ours wall | ours CPU | ours RSS | RSS / input | (RSS - baseline) / input | progenitor wall | progenitor CPU | progenitor RSS | wall ratio | CPU ratio | RSS ratio |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut notes = Vec::new();
    let mut verdicts = Vec::new();
    for &(label, rel) in SPECS {
        if !args.only.is_empty() && !args.only.iter().any(|o| label.contains(o.as_str())) {
            continue;
        }
        let spec = root.join(rel);
        let Ok(meta) = std::fs::metadata(&spec) else {
            notes.push(format!("{label}: skipped, {rel} is not there"));
            continue;
        };
        let input = meta.len() as f64;
        let out = work.join("out");
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let mut their_failure = None;
        let mut our_failure = None;
        for _ in 0..runs {
            if our_failure.is_none() {
                let dir = fresh(&out.join(format!("{label}-ours")))?;
                let mut cmd = Command::new(&cli);
                cmd.arg("--spec").arg(&spec).arg("--out").arg(&dir).arg("--name").arg(crate_name(label));
                match measure(cmd, &work, timeout)? {
                    Ok(m) if dir.join("Cargo.toml").is_file() => ours.push(m),
                    Ok(_) => our_failure = Some("exited 0 but wrote no Cargo.toml".to_owned()),
                    Err(e) => our_failure = Some(e),
                }
            }
            if let (Some(p), None) = (&progenitor, &their_failure) {
                let dir = fresh(&out.join(format!("{label}-progenitor")))?;
                let mut cmd = Command::new(p);
                cmd.arg("progenitor").arg("-i").arg(&spec).arg("-o").arg(&dir);
                cmd.arg("-n").arg(crate_name(label)).arg("-v").arg("0.1.0");
                match measure(cmd, &work, timeout)? {
                    Ok(m) => theirs.push(m),
                    Err(e) => their_failure = Some(e),
                }
            }
        }
        if let Some(e) = &our_failure {
            notes.push(format!("{label}: openapi-rs-gen failed: {e}"));
        }
        if let Some(e) = &their_failure {
            notes.push(format!("{label}: progenitor failed: {e}"));
        }
        let (ours_ms, ours_cpu, ours_rss) = medians(&ours);
        let (theirs_ms, theirs_cpu, theirs_rss) = medians(&theirs);
        println!(
            "| {label} | {:.0} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            input / 1024.0,
            fmt(ours_ms, 1),
            fmt(ours_cpu, 1),
            fmt(ours_rss.map(mib), 1),
            fmt(ours_rss.map(|r| r / input), 1),
            fmt(ours_rss.map(|r| (r - baseline) / input), 1),
            fmt(theirs_ms, 1),
            fmt(theirs_cpu, 1),
            fmt(theirs_rss.map(mib), 1),
            fmt(ratio(ours_ms, theirs_ms), 3),
            fmt(ratio(ours_cpu, theirs_cpu), 3),
            fmt(ratio(ours_rss, theirs_rss), 3),
        );
        if let Some(r) = ours_rss {
            let (x, net) = (r / input, (r - baseline) / input);
            verdicts.push(verdict(
                x < RSS_PER_INPUT_BYTE,
                format!("{label}: peak RSS {x:.1}x the input, {net:.1}x above the baseline (target < {RSS_PER_INPUT_BYTE}x)"),
            ));
        }
        match (label, ours_ms) {
            ("developers", Some(ms)) => verdicts.push(verdict(
                ms < DEVELOPERS_MS,
                format!("developers: {ms:.1} ms wall (target < {DEVELOPERS_MS} ms)"),
            )),
            ("github", Some(ms)) => verdicts
                .push(verdict(ms < GITHUB_MS, format!("github: {ms:.0} ms wall (target < {GITHUB_MS} ms)"))),
            _ => {}
        }
        if let (Some(o), Some(t)) = (ours_ms, theirs_ms) {
            let x = t / o;
            verdicts.push(verdict(
                x >= SPEEDUP_OVER_PROGENITOR,
                format!(
                    "{label}: {x:.1}x faster than progenitor, wall (target >= {SPEEDUP_OVER_PROGENITOR}x)"
                ),
            ));
        }
    }
    for n in &notes {
        println!("- {n}");
    }

    if args.build_runs > 0 {
        builds(root, &work, args.build_runs)?;
    }
    if args.check_runs > 0 {
        verdicts.extend(check::compare(
            root,
            &work,
            &cli,
            progenitor.as_deref(),
            args.check_runs,
            &args.only,
        )?);
    }

    println!("\n## Targets\n");
    for v in &verdicts {
        println!("- {v}");
    }
    println!("\nload average after: {}", load_average());
    Ok(ExitCode::SUCCESS)
}

fn verdict(met: bool, what: String) -> String {
    format!("{}: {what}", if met { "met" } else { "NOT met" })
}

/// One finished process: wall time and peak resident set size.
#[derive(Debug, Clone, Copy)]
struct Measured {
    ms: f64,
    /// User + system CPU time: less sensitive than wall time to other load.
    cpu_ms: Option<f64>,
    rss_bytes: Option<f64>,
}

/// Runs `cmd` to the end; `Err(first line of stderr)` when it fails.
fn measure(mut cmd: Command, work: &Path, timeout: Duration) -> Result<Result<Measured, String>> {
    let stderr_path = work.join("stderr.txt");
    let stderr = std::fs::File::create(&stderr_path).context("creating the stderr file")?;
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(stderr);
    // A panic's backtrace would be timed too.
    cmd.env("RUST_BACKTRACE", "0");
    let started = Instant::now();
    let child = cmd.spawn().with_context(|| format!("starting {cmd:?}"))?;
    let (code, cpu_ms, rss_bytes) = wait(child, timeout)?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    if code == Some(0) {
        return Ok(Ok(Measured { ms, cpu_ms, rss_bytes }));
    }
    let first = first_message(&std::fs::read_to_string(&stderr_path).unwrap_or_default());
    let why = match code {
        Some(c) => format!("exit {c}: {first}"),
        None if started.elapsed() >= timeout => format!("timed out after {} s", timeout.as_secs()),
        None => format!("killed by a signal: {first}"),
    };
    Ok(Err(why))
}

/// The first line of a failed process's stderr, with a panic's message
/// (the place on one line, what on the next), without the home folder.
fn first_message(stderr: &str) -> String {
    let mut lines = stderr.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut first = lines.next().unwrap_or("(no message)").to_owned();
    if first.starts_with("thread ") && first.ends_with(':') {
        if let Some(what) = lines.next() {
            first = format!("{first} {what}");
        }
    }
    without_registry_paths(&first)
}

/// `.../registry/src/<index>/crate-1.0/src/x.rs:1:2` -> `crate-1.0/src/x.rs:1:2`:
/// where a panic happened, without the home folder.
fn without_registry_paths(line: &str) -> String {
    line.split(' ')
        .map(|word| match word.find("/registry/src/") {
            Some(i) => word[i + "/registry/src/".len()..].split_once('/').map_or(word, |(_, rest)| rest),
            None => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reaps the child with `wait4`, which also gives its peak RSS.
#[cfg(unix)]
fn wait(child: std::process::Child, timeout: Duration) -> Result<(Option<i32>, Option<f64>, Option<f64>)> {
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid value to be overwritten.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our child, not yet reaped (std's `Child` is never waited on).
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        let _ = tx.send((r, status, usage));
    });
    let (r, status, usage) = match rx.recv_timeout(timeout) {
        Ok(v) => v,
        Err(_) => {
            // SAFETY: signals our own child, which the thread above reaps.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            rx.recv().context("waiting for a killed child")?
        }
    };
    if r != pid {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    drop(child);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
    let cpu_ms = ms(usage.ru_utime) + ms(usage.ru_stime);
    // Linux reports KiB, macOS bytes.
    let unit = if cfg!(target_os = "macos") { 1.0 } else { 1024.0 };
    Ok((code, Some(cpu_ms), Some(usage.ru_maxrss as f64 * unit)))
}

#[cfg(not(unix))]
fn wait(
    mut child: std::process::Child,
    _timeout: Duration,
) -> Result<(Option<i32>, Option<f64>, Option<f64>)> {
    Ok((child.wait()?.code(), None, None))
}

/// Medians of wall time, CPU time and peak RSS.
fn medians(runs: &[Measured]) -> (Option<f64>, Option<f64>, Option<f64>) {
    let ms = median(runs.iter().map(|m| m.ms).collect());
    let cpu = median(runs.iter().filter_map(|m| m.cpu_ms).collect());
    let rss = median(runs.iter().filter_map(|m| m.rss_bytes).collect());
    (ms, cpu, rss)
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    Some(if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 })
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?)
}

fn mib(bytes: f64) -> f64 {
    bytes / (1024.0 * 1024.0)
}

fn fmt(x: Option<f64>, decimals: usize) -> String {
    x.map(|x| format!("{x:.decimals$}")).unwrap_or_else(|| "-".to_owned())
}

fn crate_name(label: &str) -> String {
    format!("bench-{label}")
}

/// An empty directory at `dir`, for one run to write into.
fn fresh(dir: &Path) -> Result<PathBuf> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    Ok(dir.to_path_buf())
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Builds the CLI in release mode and returns the executable's path.
fn build_cli(root: &Path) -> Result<PathBuf> {
    let output = cargo()
        .current_dir(root)
        .args(["build", "--release", "-p", "generator", "--bin", "openapi-rs-gen"])
        .arg("--message-format=json-render-diagnostics")
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo build")?;
    if !output.status.success() {
        bail!("cargo build of openapi-rs-gen failed");
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] == "openapi-rs-gen")
        .find_map(|v| v["executable"].as_str().map(PathBuf::from))
        .context("cargo build did not report the openapi-rs-gen executable")
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|p| p.is_file())
}

fn version(bin: &Path) -> String {
    Command::new(bin)
        .args(["progenitor", "--version"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "version unknown".to_owned())
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim()))
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    format!("{cores} cores, {model}")
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// The cold build of altegio-api, and the share of its generated code.
fn builds(root: &Path, work: &Path, runs: usize) -> Result<()> {
    let (default_features, api_features) = feature_sets(root)?;
    let all = ["rustls".to_owned(), "native-tls".to_owned()].into_iter().chain(api_features.iter().cloned());
    let all: Vec<String> = all.collect();
    println!("\n## Building altegio-api (dev profile, median of {runs} runs)\n");
    println!("API features: {}\n", api_features.join(", "));
    println!("| build | seconds |");
    println!("| --- | ---: |");
    let cold_dir = work.join("cold");
    for (name, features) in [("cold, default features", None), ("cold, all features", Some(all.clone()))] {
        let mut times = Vec::new();
        for _ in 0..runs {
            fresh(&cold_dir)?;
            times.push(cargo_build(root, &cold_dir, features.as_deref())?);
        }
        println!("| {name} | {} |", fmt(median(times), 1));
    }
    // The crate alone on warm dependencies, without incremental caches:
    // with its API features minus without them is its generated code.
    let warm_dir = work.join("warm");
    let tls_all = vec!["rustls".to_owned(), "native-tls".to_owned()];
    let configs = [
        ("crate only, default features", default_features),
        ("crate only, no API (rustls)", vec!["rustls".to_owned()]),
        ("crate only, all features", all),
        ("crate only, no API (rustls, native-tls)", tls_all),
    ];
    let mut crate_only = Vec::new();
    for (name, features) in configs {
        cargo_build(root, &warm_dir, Some(&features))?;
        let mut times = Vec::new();
        for _ in 0..runs {
            touch(&root.join("altegio-api/src/lib.rs"))?;
            times.push(cargo_build(root, &warm_dir, Some(&features))?);
        }
        let m = median(times);
        println!("| {name} | {} |", fmt(m, 1));
        crate_only.push(m);
    }
    let generated = |with: Option<f64>, without: Option<f64>| fmt(with.zip(without).map(|(w, o)| w - o), 1);
    println!(
        "| generated code, default features (difference) | {} |",
        generated(crate_only[0], crate_only[1])
    );
    println!("| generated code, all features (difference) | {} |", generated(crate_only[2], crate_only[3]));
    Ok(())
}

/// altegio-api's `default` features, and those that select an API (all
/// but TLS and `default`), from one `cargo metadata`.
fn feature_sets(root: &Path) -> Result<(Vec<String>, Vec<String>)> {
    let features = features(root)?;
    let default =
        features.get("default").and_then(Value::as_array).context("altegio-api has no default features")?;
    let default = default.iter().filter_map(Value::as_str).map(str::to_owned).collect();
    let apis = features
        .keys()
        .filter(|k| !matches!(k.as_str(), "default" | "rustls" | "native-tls"))
        .cloned()
        .collect();
    Ok((default, apis))
}

/// altegio-api's `[features]` table, from `cargo metadata`.
fn features(root: &Path) -> Result<serde_json::Map<String, Value>> {
    let output = cargo()
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .context("running cargo metadata")?;
    let v: Value = serde_json::from_slice(&output.stdout).context("parsing cargo metadata")?;
    let package = v["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "altegio-api"))
        .context("altegio-api is not in the workspace")?;
    package["features"].as_object().cloned().context("altegio-api has no features")
}

/// Seconds for `cargo build -p altegio-api` into `target_dir`.
fn cargo_build(root: &Path, target_dir: &Path, features: Option<&[String]>) -> Result<f64> {
    let mut cmd = cargo();
    cmd.current_dir(root).args(["build", "--quiet", "-p", "altegio-api", "--target-dir"]).arg(target_dir);
    // Incremental caches would make a rebuild of the touched crate cheap.
    cmd.env("CARGO_INCREMENTAL", "0");
    if let Some(features) = features {
        cmd.arg("--no-default-features").arg("--features").arg(features.join(","));
    }
    let started = Instant::now();
    let status = cmd.status().context("running cargo build")?;
    if !status.success() {
        bail!("cargo build -p altegio-api failed ({status})");
    }
    Ok(started.elapsed().as_secs_f64())
}

/// Marks a file as changed, so that cargo rebuilds its crate.
fn touch(path: &Path) -> Result<()> {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    file.set_modified(std::time::SystemTime::now()).with_context(|| format!("touching {}", path.display()))
}
