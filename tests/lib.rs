//! Helpers shared by the cross-crate tests.

use std::path::PathBuf;

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
