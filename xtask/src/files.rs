//! The one place that writes files: atomically (a temporary file beside the
//! target, then a rename) and only when the content changed.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// What [`write_if_changed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Unchanged,
    Created,
    Updated,
}

/// Writes `contents` to `path` atomically unless it already holds exactly that.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<Written> {
    let existing = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    if existing.as_deref() == Some(contents) {
        return Ok(Written::Unchanged);
    }
    write_atomic(path, contents)?;
    Ok(if existing.is_some() { Written::Updated } else { Written::Created })
}

/// Writes through a temporary file in the same directory, then renames it
/// over the target, so a reader never sees a half-written file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path.parent().context("target has no parent directory")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> Result<()> {
        let mut f = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("renaming onto {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
