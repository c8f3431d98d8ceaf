//! Helpers shared by the cross-crate tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::write::write_if_changed;

pub mod mock;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The committed bytes of `spec/<api>/<file>`.
pub fn spec_bytes(api: &str, file: &str) -> Vec<u8> {
    let path = root().join("spec").join(api).join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The API modules under `altegio-api/src/generated/`, each with its `.rs`
/// files, in name order.
pub fn generated_modules() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let sorted = |dir: &Path, keep: &dyn Fn(&Path) -> bool| {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
        let mut paths: Vec<PathBuf> =
            entries.map(|e| e.expect("a folder entry").path()).filter(|p| keep(p)).collect();
        paths.sort();
        paths
    };
    let modules = sorted(&root().join("altegio-api/src/generated"), &|p| p.is_dir());
    modules
        .into_iter()
        .map(|m| {
            let files = sorted(&m, &|p| p.extension().is_some_and(|e| e == "rs"));
            (m, files)
        })
        .collect()
}

/// A scratch folder beside the workspace's target dir (`CARGO_TARGET_DIR`
/// when set), kept between runs so that dependencies compile once.
pub fn scratch_dir(name: &str) -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let target = if target.is_absolute() { target } else { root().join(target) };
    target.join(name)
}

/// `cargo` run in `dir` for a workspace of its own, without the variables
/// `cargo test` set for this process (they would make the nested build look
/// different and rebuild every dependency).
pub fn nested_cargo(dir: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(dir);
    for (k, _) in std::env::vars_os() {
        let Some(k) = k.to_str() else { continue };
        if k == "RUSTFLAGS"
            || k == "CARGO_TARGET_DIR"
            || k == "CARGO_PRIMARY_PACKAGE"
            || k == "CARGO_MANIFEST_DIR"
            || k == "CARGO_MANIFEST_PATH"
            || k.starts_with("CARGO_PKG_")
            || k.starts_with("CARGO_BIN_")
            || k.starts_with("CARGO_CRATE_")
        {
            cmd.env_remove(k);
        }
    }
    cmd
}

/// Generates a crate from `tests/fixtures/<spec>` into a scratch folder
/// (depending on this workspace's runtime) and runs `tests/fixtures/<test>`
/// in it as an integration test under the `mock` feature, warnings denied,
/// beside the crate's generated request tests. Returns the package and the
/// tests' output; panics when they fail.
pub fn run_in_generated_crate(crate_name: &str, spec: &str, test: &str) -> (generator::Package, String) {
    let root = root();
    let work = scratch_dir(crate_name);
    let bytes = std::fs::read(root.join("tests/fixtures").join(spec)).expect("reading the fixture spec");
    let mut options = generator::PackageOptions::new(crate_name, spec);
    options.runtime = generator::RuntimeDependency::Path(root.join("runtime").to_string_lossy().into_owned());
    let pkg = generator::package(&bytes, &options).expect("generates");
    for f in &pkg.files {
        let contents = if f.path == "Cargo.toml" {
            // A workspace of its own, with what the test file needs.
            let extra = "[dev-dependencies]\nwiremock = \"0.6\"\ntokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n";
            format!("{}\n[workspace]\n", f.contents.replacen("[dev-dependencies]\n", extra, 1))
        } else {
            f.contents.clone()
        };
        write_if_changed(&work.join(&f.path), contents.as_bytes()).expect("writing the crate");
    }
    let copy = |from: &Path, to: &str| {
        let text =
            std::fs::read_to_string(from).unwrap_or_else(|e| panic!("reading {}: {e}", from.display()));
        write_if_changed(&work.join(to), text.as_bytes()).expect("writing the crate");
    };
    copy(&root.join("tests/fixtures").join(test), "tests/received.rs");
    // The workspace's dependency versions; cargo adds the crate itself.
    if !work.join("Cargo.lock").exists() {
        copy(&root.join("Cargo.lock"), "Cargo.lock");
    }
    // No TLS: the mock server speaks plain HTTP. One target for every
    // fixture crate, so that their dependencies build once.
    let output = nested_cargo(&work)
        .args([
            "test",
            "--no-default-features",
            "--features",
            "mock",
            "--test",
            "received",
            "--test",
            "requests",
        ])
        .arg("--target-dir")
        .arg(scratch_dir("fixture-crates-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("running cargo test");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the generated crate's test failed:\n{stdout}\n{stderr}");
    (pkg, stdout)
}
