//! The one writer of generated files, used by `openapi-rs-gen`, `cargo
//! xtask` and the tests. A file is written atomically (a temporary file in
//! the same folder, then a rename, so a reader never sees half a file) and
//! only when its content changed. A file that generation no longer
//! produces is deleted only when it carries the [`MARKER`]: a hand-written
//! file beside the generated ones is never removed.

use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// What marks a file as generated, within its first [`MARKER_LINES`] lines.
pub const MARKER: &str = "@generated";

/// How many leading lines may hold the [`MARKER`] (a header comment).
pub const MARKER_LINES: usize = 5;

/// What [`write_if_changed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Unchanged,
    Created,
    Updated,
}

/// A file system failure, naming the path and what was being done to it.
#[derive(Debug)]
pub struct WriteError {
    pub action: &'static str,
    pub path: PathBuf,
    pub error: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.action, self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

fn fail<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |error| WriteError { action, path: path.to_owned(), error }
}

/// Whether `contents` carries the [`MARKER`] in its first lines.
pub fn has_marker(contents: &[u8]) -> bool {
    contents
        .split(|&b| b == b'\n')
        .take(MARKER_LINES)
        .any(|line| line.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()))
}

/// Whether the file at `path` is generated (reads only its beginning).
pub fn is_generated(path: &Path) -> Result<bool, WriteError> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(fail("reading", path))?;
    Ok(has_marker(&head))
}

/// Writes `contents` to `path` (creating its folder) unless it already
/// holds exactly that.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<Written, WriteError> {
    let existing = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail("reading", path)(e)),
    };
    if existing.as_deref() == Some(contents) {
        return Ok(Written::Unchanged);
    }
    write_atomic(path, contents)?;
    Ok(if existing.is_some() { Written::Updated } else { Written::Created })
}

/// Writes through a temporary file in the target's folder, synced, then
/// renamed over the target. `tempfile` picks a name no other writer uses
/// and removes the temporary file if anything fails.
fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(fail("creating", dir))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A temporary file is private (0600); the target keeps its own mode, or
    // gets the usual one (0666 less the umask) when new.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail("creating a temporary file in", dir))?;
    tmp.write_all(contents).and_then(|()| tmp.as_file().sync_all()).map_err(fail("writing", tmp.path()))?;
    tmp.persist(path).map_err(|e| fail("renaming onto", path)(e.error))?;
    Ok(())
}

/// Files under the owned folders that generation did not plan, relative to
/// the root: generated ones (deleted by [`write_tree`]) and others (left).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stale {
    pub generated: Vec<PathBuf>,
    pub other: Vec<PathBuf>,
}

/// The files under `owned` (folders relative to `root`) that are not in
/// `planned` (paths relative to `root`), sorted.
pub fn stale_files(root: &Path, owned: &[&Path], planned: &BTreeSet<&Path>) -> Result<Stale, WriteError> {
    let mut stale = Stale::default();
    let mut stack: Vec<PathBuf> = owned.iter().map(|d| root.join(d)).filter(|d| d.is_dir()).collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(fail("reading", &dir))? {
            let entry = entry.map_err(fail("reading", &dir))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(fail("reading", &path))?;
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if planned.contains(rel.as_path()) {
                continue;
            }
            // A symbolic link is never taken for a generated file.
            if kind.is_file() && is_generated(&path)? {
                stale.generated.push(rel);
            } else {
                stale.other.push(rel);
            }
        }
    }
    stale.generated.sort();
    stale.other.sort();
    Ok(stale)
}

/// What [`write_tree`] did, paths relative to the root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub created: Vec<PathBuf>,
    pub updated: Vec<PathBuf>,
    pub unchanged: usize,
    /// Stale generated files, deleted.
    pub deleted: Vec<PathBuf>,
    /// Files in the owned folders without the marker, left alone.
    pub kept: Vec<PathBuf>,
}

impl Summary {
    /// Files created or updated.
    pub fn written(&self) -> usize {
        self.created.len() + self.updated.len()
    }
}

/// Writes every planned file (paths relative to `root`), then deletes the
/// stale generated files under the `owned` folders, and any folder that
/// leaves empty.
pub fn write_tree<'a>(
    root: &Path,
    files: impl IntoIterator<Item = (&'a Path, &'a [u8])>,
    owned: &[&Path],
) -> Result<Summary, WriteError> {
    let mut summary = Summary::default();
    let mut planned = BTreeSet::new();
    for (rel, contents) in files {
        planned.insert(rel);
        match write_if_changed(&root.join(rel), contents)? {
            Written::Unchanged => summary.unchanged += 1,
            Written::Created => summary.created.push(rel.to_owned()),
            Written::Updated => summary.updated.push(rel.to_owned()),
        }
    }
    let stale = stale_files(root, owned, &planned)?;
    let owned: Vec<PathBuf> = owned.iter().map(|d| root.join(d)).collect();
    for rel in stale.generated {
        let path = root.join(&rel);
        std::fs::remove_file(&path).map_err(fail("deleting", &path))?;
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| !owned.iter().any(|o| o == d) && d.starts_with(root)) {
            let empty = std::fs::read_dir(d).map_err(fail("reading", d))?.next().is_none();
            if !empty {
                break;
            }
            std::fs::remove_dir(d).map_err(fail("deleting", d))?;
            dir = d.parent();
        }
        summary.deleted.push(rel);
    }
    summary.kept = stale.other;
    Ok(summary)
}

#[cfg(test)]
mod tests;
