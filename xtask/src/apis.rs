//! The APIs the workspace generates: one folder under `spec/` each, holding
//! the published file and `source.json` (where it comes from, which module
//! and cargo feature it becomes).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// One API under `spec/<name>/`.
#[derive(Debug, Clone)]
pub struct ApiSpec {
    /// Folder name under `spec/`, e.g. `developers`.
    pub name: String,
    /// Rust module (and cargo feature) name in altegio-api.
    pub module: String,
    /// The published document, e.g. `spec/developers/openapi.json`.
    pub file: PathBuf,
    /// Where `cargo xtask fetch` downloads it from.
    pub url: String,
    /// The API's name in docs, e.g. `Business Management v1`.
    pub title: String,
}

impl ApiSpec {
    /// Path of the spec relative to the workspace root, with `/` separators.
    pub fn relative_file(&self) -> String {
        format!("spec/{}/{}", self.name, self.file.file_name().and_then(|n| n.to_str()).unwrap_or_default())
    }
}

/// Reads every `spec/*/source.json`, sorted by folder name.
pub fn discover(root: &Path) -> Result<Vec<ApiSpec>> {
    let spec_dir = root.join("spec");
    let mut apis = Vec::new();
    let entries = std::fs::read_dir(&spec_dir).with_context(|| format!("reading {}", spec_dir.display()))?;
    for entry in entries {
        let dir = entry?.path();
        let source = dir.join("source.json");
        if dir.is_dir() && source.is_file() {
            apis.push(read_one(&dir, &source)?);
        }
    }
    apis.sort_by(|a, b| a.name.cmp(&b.name));
    if apis.is_empty() {
        bail!("no spec/<api>/source.json found under {}", spec_dir.display());
    }
    Ok(apis)
}

/// Finds one API by folder name.
pub fn find(root: &Path, name: &str) -> Result<ApiSpec> {
    let apis = discover(root)?;
    let names: Vec<&str> = apis.iter().map(|a| a.name.as_str()).collect();
    let known = names.join(", ");
    apis.iter()
        .find(|a| a.name == name)
        .cloned()
        .with_context(|| format!("unknown API {name:?}; known: {known}"))
}

fn read_one(dir: &Path, source: &Path) -> Result<ApiSpec> {
    let text = std::fs::read_to_string(source).with_context(|| format!("reading {}", source.display()))?;
    let v: Value = serde_json::from_str(&text).with_context(|| format!("parsing {}", source.display()))?;
    let name = dir.file_name().and_then(|n| n.to_str()).context("spec folder name is not UTF-8")?.to_owned();
    let field = |key: &str| -> Result<String> {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .with_context(|| format!("{}: missing string field {key:?}", source.display()))
    };
    Ok(ApiSpec {
        module: field("module")?,
        file: dir.join(field("file")?),
        url: field("url")?,
        title: field("title")?,
        name,
    })
}
