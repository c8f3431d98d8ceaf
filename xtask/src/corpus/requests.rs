//! The corpus crates' generated request tests (`tests/requests.rs`, one
//! test per operation against the runtime's mock server): one build of all
//! of them, then each crate's test binary run on its own.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

/// How one crate's request tests went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestRun {
    pub passed: usize,
    pub failed: usize,
    /// Tests the generator could not write (no sample value), emitted as
    /// ignored with the reason.
    pub ignored: usize,
    /// The tests did not build: rustc's first error.
    pub build_error: Option<String>,
    /// The first failing test and the first line of its panic.
    pub first_failure: Option<String>,
    /// The test binary ended without a summary (a crash): how.
    pub crash: Option<String>,
}

impl TestRun {
    /// Every test there is passed, and there is no build error.
    pub fn all_passed(&self) -> bool {
        self.build_error.is_none() && self.crash.is_none() && self.failed == 0 && self.ignored == 0
    }

    /// The tests there are: one per operation (and per other media type).
    pub fn total(&self) -> usize {
        self.passed + self.failed + self.ignored
    }

    /// The report's cell: `767/767`, or why not.
    pub fn cell(&self) -> String {
        match (&self.build_error, &self.crash) {
            (Some(_), _) => "build failed".to_owned(),
            (_, Some(_)) => "crashed".to_owned(),
            _ => format!("{}/{}", self.passed, self.total()),
        }
    }

    /// What to say about a run that did not pass all its tests.
    pub fn problem(&self) -> Option<String> {
        if let Some(e) = &self.build_error {
            return Some(format!("request tests do not build: {e}"));
        }
        if let Some(c) = &self.crash {
            return Some(format!("request tests crashed: {c}"));
        }
        if self.failed > 0 {
            return Some(format!(
                "{} request tests fail, first {}",
                self.failed,
                self.first_failure.as_deref().unwrap_or("?")
            ));
        }
        (self.ignored > 0).then(|| format!("{} request tests not generated (no sample value)", self.ignored))
    }
}

/// Builds the request tests of `packages` (crate folder names in the
/// scratch workspace `work`) and runs each crate's.
pub fn build_and_run(work: &Path, packages: &[String]) -> Result<BTreeMap<String, TestRun>> {
    println!("building the request tests of {} crates ...", packages.len());
    let built =
        super::cargo_json(work, &["build", "--keep-going", "--test", "requests"], packages, &[], true)?;
    let mut runs = BTreeMap::new();
    for package in packages {
        let mut run = TestRun::default();
        if let Some((errors, _, first, _)) = built.findings.get(package).filter(|f| f.0 > 0) {
            run.build_error = Some(format!("{errors} errors, first {}", first.as_deref().unwrap_or("?")));
        } else if let Some(exe) = built.executables.get(package) {
            run = run_one(exe).with_context(|| format!("running the request tests of {package}"))?;
        } else {
            run.build_error = Some("no test binary was built (see cargo's output above)".to_owned());
        }
        println!("{package:<36} {}", run.problem().unwrap_or_else(|| format!("{} passing", run.cell())));
        runs.insert(package.clone(), run);
    }
    Ok(runs)
}

/// Runs one test binary and reads its summary; one that ends without a
/// summary (a crash) is a run with `crash` set.
fn run_one(exe: &Path) -> Result<TestRun> {
    let output = Command::new(exe).output().with_context(|| format!("running {}", exe.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(parse(&stdout).unwrap_or_else(|| {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let running = stdout.lines().rev().find_map(|l| l.strip_prefix("test ")).unwrap_or_default();
        TestRun {
            crash: Some(format!("exit {:?} at `{running}`: {last}", output.status.code())),
            ..TestRun::default()
        }
    }))
}

/// The counts of libtest's summary line, and the first failure with its
/// panic message.
pub fn parse(stdout: &str) -> Option<TestRun> {
    let summary = stdout.lines().find_map(|l| l.strip_prefix("test result: "))?;
    let count = |what: &str| -> Option<usize> {
        summary
            .split(';')
            .find_map(|part| part.trim().strip_suffix(what)?.trim().rsplit(' ').next()?.parse().ok())
    };
    let mut run = TestRun {
        passed: count("passed")?,
        failed: count("failed")?,
        ignored: count("ignored")?,
        ..TestRun::default()
    };
    if run.failed > 0 {
        // `---- name stdout ----`, then the panic: `thread '..' panicked at
        // file:line:col:` and the message on the next line.
        let mut lines = stdout.lines();
        while let Some(line) = lines.next() {
            let Some(name) = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----")) else {
                continue;
            };
            let message =
                lines.by_ref().skip_while(|l| !l.contains("panicked at")).nth(1).unwrap_or_default().trim();
            run.first_failure = Some(format!("`{name}`: {message}"));
            break;
        }
    }
    Some(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_with_failures_names_the_first() {
        let out = "running 3 tests\ntest a ... ok\ntest b ... FAILED\ntest c ... ignored, no sample\n\nfailures:\n\n---- b stdout ----\n\nthread 'b' (12) panicked at tests/requests.rs:40:5:\ndocumented success decodes: Decode { .. }\nnote: run with `RUST_BACKTRACE=1`\n\n\nfailures:\n    b\n\ntest result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.02s\n";
        let run = parse(out).expect("a summary");
        assert_eq!((run.passed, run.failed, run.ignored), (1, 1, 1));
        assert_eq!(run.first_failure.as_deref(), Some("`b`: documented success decodes: Decode { .. }"));
        assert_eq!(run.cell(), "1/3");
        assert!(!run.all_passed());
        assert!(run.problem().unwrap().starts_with("1 request tests fail, first `b`"));
    }

    #[test]
    fn a_passing_summary() {
        let run = parse("test result: ok. 767 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.2s\n")
            .expect("a summary");
        assert_eq!(run.cell(), "767/767");
        assert!(run.all_passed() && run.problem().is_none());
        assert!(parse("error: no tests\n").is_none());
    }
}
