//! Load stage: bytes -> JSON value -> version check -> Swagger 2.0
//! converted to 3.0, 3.1 normalised to 3.0 -> `openapiv3::OpenAPI`. Nothing
//! after this stage sees the raw bytes.

mod locate;
mod normalize;
mod origins;
mod refs;
mod swagger2;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::diagnostics::Diagnostic;

pub use normalize::{normalize, EXPLODE_FALSE};
pub use origins::Origins;

/// Which OpenAPI line a document was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecVersion {
    /// Swagger 2.0, converted to the 3.0 model on load.
    Swagger2,
    /// OpenAPI 3.0.x, read as is.
    V3_0,
    /// OpenAPI 3.1.x, rewritten into the 3.0 model on load.
    V3_1,
}

/// A loaded, normalised OpenAPI document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The `openapi` (or, for Swagger 2.0, `swagger`) field as written.
    pub declared_version: String,
    pub version: SpecVersion,
    pub api: OpenAPI,
    /// Top-level 3.1 `webhooks`, which `openapiv3` does not model.
    pub webhooks: IndexMap<String, ReferenceOr<PathItem>>,
    /// Hex SHA-256 of the source bytes, for generated-file headers.
    pub sha256: String,
    /// What the loader changed or ignored, each with its JSON pointer
    /// into the source document.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the nodes of `api` were written in the source, for a document
    /// that was converted (Swagger 2.0); empty otherwise.
    pub origins: Origins,
}

/// Why a document could not be loaded. Every variant says what is wrong
/// and, where the document parsed at all, where (a JSON pointer).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the document is empty")]
    Empty,
    #[error("the document looks like an HTML page, not an OpenAPI description (starts with {snippet:?})")]
    Html { snippet: String },
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("not valid YAML: {0}")]
    Yaml(String),
    #[error("the document root must be an object, found {found}")]
    NotAnObject { found: &'static str },
    #[error("Swagger {version} is not supported: only Swagger 2.0 and OpenAPI 3.0 and 3.1 are read")]
    Swagger { version: String },
    #[error("unsupported OpenAPI version {version:?}: only 3.0.x and 3.1.x are read")]
    UnsupportedVersion { version: String },
    #[error("no `openapi` (or `swagger`) version field at the document root: not an OpenAPI description")]
    NoVersion,
    #[error("{pointer}: {message}")]
    Invalid { pointer: String, message: String },
}

/// Parses JSON or YAML bytes into a JSON value, rejecting HTML and empty input.
pub fn parse_value(bytes: &[u8]) -> Result<Value, LoadError> {
    let text = String::from_utf8_lossy(bytes);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(LoadError::Empty);
    }
    let lower: String = trimmed.chars().take(64).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype") || lower.starts_with("<html") || lower.starts_with('<') {
        return Err(LoadError::Html { snippet: trimmed.chars().take(60).collect() });
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        serde_json::from_str(trimmed).map_err(|e| LoadError::Json(e.to_string()))
    } else {
        let value: Lenient = serde_yaml_ng::from_str(trimmed).map_err(|e| LoadError::Yaml(e.to_string()))?;
        Ok(value.0)
    }
}

/// A JSON value read from YAML without failing on what JSON lacks:
/// integers beyond `i64`/`u64` become floats, non-finite floats `null`,
/// non-string keys their text; tags are dropped and `<<` merge keys applied.
struct Lenient(Value);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

fn float(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
}

impl<'de> serde::de::Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map(Value::from).unwrap_or_else(|_| float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map(Value::from).unwrap_or_else(|_| float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(d).map(|Lenient(v)| v)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Lenient(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        let mut merged = Vec::new();
        while let Some((Lenient(k), Lenient(v))) = map.next_entry()? {
            let key = match k {
                Value::String(s) => s,
                Value::Null => "null".to_owned(),
                other => other.to_string(),
            };
            if key == "<<" {
                merged.push(v);
            } else {
                out.insert(key, v);
            }
        }
        // Merge keys: the mapping's own entries win, then earlier merges.
        for m in merged {
            let sources = match m {
                Value::Array(items) => items,
                other => vec![other],
            };
            for source in sources {
                if let Value::Object(source) = source {
                    for (k, v) in source {
                        out.entry(k).or_insert(v);
                    }
                }
            }
        }
        Ok(Value::Object(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        use serde::de::VariantAccess;
        // A tagged value (`!tag value`): the tag is dropped.
        let (_tag, variant): (Lenient, _) = data.variant()?;
        variant.newtype_variant::<Lenient>().map(|Lenient(v)| v)
    }
}

/// Detects the OpenAPI version of a parsed document.
pub fn detect_version(value: &Value) -> Result<(String, SpecVersion), LoadError> {
    let obj = value.as_object().ok_or(LoadError::NotAnObject { found: kind_name(value) })?;
    if let Some(sw) = obj.get("swagger") {
        // YAML reads an unquoted `swagger: 2.0` as a number.
        let version = sw.as_str().map(str::to_owned).unwrap_or_else(|| sw.to_string());
        if version.trim() == "2.0" {
            return Ok((version, SpecVersion::Swagger2));
        }
        return Err(LoadError::Swagger { version });
    }
    let declared = match obj.get("openapi") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => return Err(LoadError::NoVersion),
    };
    let version = if declared.starts_with("3.0") {
        SpecVersion::V3_0
    } else if declared.starts_with("3.1") {
        SpecVersion::V3_1
    } else {
        return Err(LoadError::UnsupportedVersion { version: declared });
    };
    Ok((declared, version))
}

/// Loads a Swagger 2.0 or OpenAPI 3.0 or 3.1 document from JSON or YAML bytes.
pub fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    let value = parse_value(bytes)?;
    load_value(value, bytes)
}

/// Loads an already parsed document; `source` is hashed for provenance.
pub fn load_value(mut value: Value, source: &[u8]) -> Result<Document, LoadError> {
    let (declared_version, version) = detect_version(&value)?;
    let mut diagnostics = Vec::new();
    let origins = match version {
        SpecVersion::Swagger2 => swagger2::convert(&mut value, &mut diagnostics),
        _ => Origins::default(),
    };
    // From here on pointers name the converted document: mapped back.
    let mut later = Vec::new();
    let webhooks_value = normalize(&mut value, version, &mut later);
    origins.relocate(&mut later);
    diagnostics.append(&mut later);
    let relocate = |err: LoadError| match err {
        LoadError::Invalid { pointer, message } => {
            LoadError::Invalid { pointer: origins.original(&pointer), message }
        }
        other => other,
    };
    let api: OpenAPI = from_value_at(&value, "").map_err(relocate)?;
    let webhooks = match webhooks_value {
        Some(v) => from_value_at(&v, "/webhooks")?,
        None => IndexMap::new(),
    };
    let sha256 = hex(&Sha256::digest(source));
    Ok(Document { declared_version, version, api, webhooks, sha256, diagnostics, origins })
}

/// Deserializes with the failing location reported as a JSON pointer.
fn from_value_at<T: serde::de::DeserializeOwned>(value: &Value, base: &str) -> Result<T, LoadError> {
    // Tracking the path slows every value down: only a failure is re-read with it.
    if let Ok(decoded) = <T as serde::Deserialize>::deserialize(value) {
        return Ok(decoded);
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        if let Some((pointer, message)) = locate::locate(value, base) {
            return LoadError::Invalid { pointer, message };
        }
        let mut pointer = base.to_owned();
        for seg in err.path().iter() {
            let s = match seg {
                serde_path_to_error::Segment::Seq { index } => index.to_string(),
                serde_path_to_error::Segment::Map { key } => key.clone(),
                serde_path_to_error::Segment::Enum { variant } => variant.clone(),
                serde_path_to_error::Segment::Unknown => continue,
            };
            pointer.push('/');
            pointer.push_str(&crate::diagnostics::escape_pointer(&s));
        }
        if pointer.is_empty() {
            pointer.push('/');
        }
        LoadError::Invalid { pointer, message: err.into_inner().to_string() }
    })
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
