//! What makes a downloaded body acceptable as a spec, and the bytes that
//! are written for it.

use std::path::Path;

use anyhow::{bail, Context, Result};
use generator::load::{self, LoadError};
use generator::Document;
use serde_json::Value;

/// How many characters of an HTML page to quote in the rejection.
const SNIPPET_CHARS: usize = 80;

/// The format a spec file is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// By extension, else by the committed content, else JSON.
    pub fn of_committed(path: &Path, committed: Option<&[u8]>) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Format::Json,
            Some("yaml" | "yml") => Format::Yaml,
            _ => committed.map_or(Format::Json, Format::of_bytes),
        }
    }

    /// Mirrors the loader's rule: JSON starts with `{` or `[`, anything else is YAML.
    fn of_bytes(bytes: &[u8]) -> Format {
        let text = String::from_utf8_lossy(bytes);
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// A body that passed every check.
pub struct Accepted {
    /// What goes into the spec file.
    pub bytes: Vec<u8>,
    /// The document as parsed, for the change summary.
    pub value: Value,
    /// The loaded document; its `sha256` is that of `bytes`.
    pub doc: Document,
    /// The body was YAML and `bytes` is its JSON rendering.
    pub converted: bool,
}

/// Accepts `body` if it is a non-empty, non-HTML, JSON or YAML OpenAPI
/// 3.0/3.1 or Swagger 2.0 document that the generator loads (a 2.0 document
/// is kept as written; the generator converts it when it reads it). A YAML body for a JSON spec
/// file is converted to pretty JSON; otherwise the bytes are kept as is.
pub fn accept(body: &[u8], committed: Format) -> Result<Accepted> {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        if body.is_empty() {
            bail!("the body is empty");
        }
        bail!("the body holds only whitespace ({} bytes)", body.len());
    }
    if trimmed.starts_with('<') {
        bail!("it is an HTML page, not an OpenAPI description; it starts with {:?}", snippet(trimmed));
    }
    let value = load::parse_value(body).map_err(explain)?;
    load::detect_version(&value).map_err(explain)?;

    let downloaded = Format::of_bytes(body);
    let converted = committed == Format::Json && downloaded == Format::Yaml;
    let bytes = if converted {
        let mut json =
            serde_json::to_string_pretty(&value).context("converting the YAML document to JSON")?;
        json.push('\n');
        json.into_bytes()
    } else {
        body.to_vec()
    };
    // Load what will be written, so the check covers the exact bytes kept.
    let doc = load::load(&bytes).map_err(explain).context("the generator cannot load it")?;
    Ok(Accepted { bytes, value, doc, converted })
}

/// The loader's message, with a hint where the cause is likely a cut-off body.
fn explain(err: LoadError) -> anyhow::Error {
    match &err {
        LoadError::Json(msg) if msg.contains("EOF") => {
            anyhow::anyhow!("{err} (the document ends early: truncated download?)")
        }
        _ => anyhow::Error::new(err),
    }
}

/// The first characters of a page on one line.
fn snippet(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(SNIPPET_CHARS).collect();
    if flat.chars().count() > SNIPPET_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#;

    fn reason(body: &str) -> String {
        match accept(body.as_bytes(), Format::Json) {
            Ok(_) => panic!("accepted {body:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn json_is_kept_byte_for_byte() {
        let accepted = accept(MINIMAL.as_bytes(), Format::Json).unwrap();
        assert_eq!(accepted.bytes, MINIMAL.as_bytes());
        assert!(!accepted.converted);
    }

    #[test]
    fn yaml_becomes_pretty_json_for_a_json_file_only() {
        let yaml = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\n";
        let accepted = accept(yaml.as_bytes(), Format::Json).unwrap();
        assert!(accepted.converted);
        let text = String::from_utf8(accepted.bytes).unwrap();
        assert!(text.starts_with("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {"), "{text}");
        assert!(text.ends_with("}\n"));
        let kept = accept(yaml.as_bytes(), Format::Yaml).unwrap();
        assert_eq!(kept.bytes, yaml.as_bytes());
    }

    #[test]
    fn rejections_say_why() {
        assert!(reason("").contains("empty"));
        assert!(reason(" \n").contains("only whitespace"));
        let html = reason("<!DOCTYPE html><html><head><title>Sign in</title></head></html>");
        assert!(
            html.contains("HTML page") && html.contains("<!DOCTYPE html><html><head><title>Sign in"),
            "{html}"
        );
        assert!(reason(&MINIMAL[..40]).contains("truncated"));
        assert!(reason(r#"{"swagger": "1.2", "info": {}}"#).contains("Swagger 1.2 is not supported"));
        assert!(reason(r#"{"info": {}}"#).contains("no `openapi` (or `swagger`) version"));
        assert!(reason(r#"{"openapi": "3.0.3", "paths": {}}"#).contains("cannot load"));
    }

    #[test]
    fn swagger_2_is_kept_as_written() {
        let body = r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "definitions": {"A": {"type": "string"}}}"#;
        let accepted = accept(body.as_bytes(), Format::Json).unwrap();
        assert_eq!(accepted.bytes, body.as_bytes());
        assert_eq!(accepted.doc.version, generator::SpecVersion::Swagger2);
        assert_eq!(accepted.doc.api.components.as_ref().map(|c| c.schemas.len()), Some(1));
    }

    #[test]
    fn long_html_is_cut() {
        let page = format!("<html>\n  <body>{}</body></html>", "x".repeat(500));
        let msg = reason(&page);
        assert!(msg.contains("<html> <body>xxx") && msg.contains('…') && msg.len() < 300, "{msg}");
    }
}
