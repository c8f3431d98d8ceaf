//! Helpers shared by the cross-crate tests.

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod mock;
pub mod multipart;

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

/// Writes `contents` to `path` unless it already holds them (an unchanged
/// file keeps its time stamp, and cargo its build).
pub fn write_if_changed(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("a file path")).expect("creating a folder");
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).expect("writing a file");
    }
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
