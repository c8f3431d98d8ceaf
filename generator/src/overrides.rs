//! Reviewed corrections to a published spec: RFC 6902 JSON Patch operations
//! (`add`, `remove`, `replace`, `test`), each with a `reason`, applied to
//! the parsed document before it is loaded. The published file itself is
//! never edited, so a refresh from upstream keeps the corrections visible
//! and fails loudly when one no longer fits.
//!
//! Hand-written rather than the `json-patch` crate: four operations are all
//! a spec correction needs, and the errors here name the override (its
//! position, operation and pointer) in the words a maintainer acts on.

use serde::Deserialize;
use serde_json::Value;

/// One correction, as written in `spec/<api>/overrides.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// `add`, `remove`, `replace` or `test`.
    pub op: String,
    /// JSON pointer (RFC 6901) into the spec.
    pub path: String,
    /// The value to add, replace with or compare; unused by `remove`.
    #[serde(default)]
    pub value: Option<Value>,
    /// Why the published spec is wrong; required.
    pub reason: String,
}

/// Why the overrides could not be read or applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OverrideError {
    /// The file is not a JSON array of overrides.
    #[error("not a list of overrides: {0}")]
    Parse(String),
    /// An override is malformed (no reason, unknown operation, missing value).
    #[error("override {index} ({op} {path}): {message}")]
    Invalid { index: usize, op: String, path: String, message: String },
    /// An override no longer fits the spec: its location is gone or a
    /// `test` value differs. The spec changed; review the override.
    #[error("override {index} ({op} {path}) no longer applies to the spec: {message}")]
    DoesNotApply { index: usize, op: String, path: String, message: String },
}

/// Parses an overrides file (a JSON array), checking every entry has a
/// known operation, a value where one is needed, and a reason.
pub fn parse(text: &str) -> Result<Vec<Override>, OverrideError> {
    let list: Vec<Override> = serde_json::from_str(text).map_err(|e| OverrideError::Parse(e.to_string()))?;
    for (i, o) in list.iter().enumerate() {
        let invalid = |message: &str| OverrideError::Invalid {
            index: i + 1,
            op: o.op.clone(),
            path: o.path.clone(),
            message: message.to_owned(),
        };
        if o.reason.trim().is_empty() {
            return Err(invalid("has no reason"));
        }
        match o.op.as_str() {
            "add" | "replace" | "test" if o.value.is_none() => return Err(invalid("needs a value")),
            "add" | "replace" | "test" | "remove" => {}
            _ => return Err(invalid("unknown operation; use add, remove, replace or test")),
        }
        if !o.path.is_empty() && !o.path.starts_with('/') {
            return Err(invalid("the path must be a JSON pointer starting with `/`"));
        }
    }
    Ok(list)
}

/// Applies `overrides` in order; the first that does not fit stops with
/// an error naming it (1-based position, operation, pointer).
pub fn apply(spec: &mut Value, overrides: &[Override]) -> Result<(), OverrideError> {
    for (i, o) in overrides.iter().enumerate() {
        apply_one(spec, o).map_err(|message| OverrideError::DoesNotApply {
            index: i + 1,
            op: o.op.clone(),
            path: o.path.clone(),
            message,
        })?;
    }
    Ok(())
}

/// [`parse`] then [`apply`]; returns how many overrides were applied.
pub fn apply_file(spec: &mut Value, text: &str) -> Result<usize, OverrideError> {
    let list = parse(text)?;
    apply(spec, &list)?;
    Ok(list.len())
}

fn apply_one(spec: &mut Value, o: &Override) -> Result<(), String> {
    let value = || o.value.clone().unwrap_or(Value::Null);
    match o.op.as_str() {
        "test" => {
            let found = spec.pointer(&o.path).ok_or_else(|| format!("nothing at {}", o.path))?;
            if Some(found) != o.value.as_ref() {
                return Err(format!("expected {}, found {}", value(), found));
            }
            Ok(())
        }
        "replace" => {
            let target = spec.pointer_mut(&o.path).ok_or_else(|| format!("nothing at {}", o.path))?;
            *target = value();
            Ok(())
        }
        "remove" | "add" => {
            let (parent_path, last) = split_last(&o.path)?;
            let parent = spec.pointer_mut(parent_path).ok_or_else(|| format!("nothing at {parent_path}"))?;
            match (parent, o.op.as_str()) {
                (Value::Object(map), "add") => {
                    map.insert(last, value());
                }
                (Value::Object(map), _) => {
                    map.shift_remove(&last).ok_or_else(|| format!("nothing at {}", o.path))?;
                }
                (Value::Array(items), op) => {
                    let index = if op == "add" && last == "-" {
                        items.len()
                    } else {
                        last.parse::<usize>().map_err(|_| format!("{last:?} is not an array index"))?
                    };
                    let limit = if op == "add" { items.len() } else { items.len().saturating_sub(1) };
                    if index > limit || (op == "remove" && items.is_empty()) {
                        return Err(format!("index {index} is out of bounds (length {})", items.len()));
                    }
                    if op == "add" {
                        items.insert(index, value());
                    } else {
                        items.remove(index);
                    }
                }
                _ => return Err(format!("{parent_path} is neither an object nor an array")),
            }
            Ok(())
        }
        other => Err(format!("unknown operation {other:?}")),
    }
}

/// `/a/b~1c` -> (`/a`, `b/c`): the parent pointer and the unescaped last token.
fn split_last(path: &str) -> Result<(&str, String), String> {
    let cut = path.rfind('/').ok_or_else(|| "the root cannot be added or removed".to_owned())?;
    Ok((&path[..cut], path[cut + 1..].replace("~1", "/").replace("~0", "~")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spec() -> Value {
        json!({"components": {"schemas": {"a/b": {"type": "number"}, "list": {"enum": [1, 2]}}}})
    }

    #[test]
    fn applies_each_operation() {
        let mut s = spec();
        let text = r#"[
            {"op": "test", "path": "/components/schemas/a~1b/type", "value": "number", "reason": "guard"},
            {"op": "replace", "path": "/components/schemas/a~1b/type", "value": "string", "reason": "sent as text"},
            {"op": "add", "path": "/components/schemas/a~1b/format", "value": "uuid", "reason": "a UUID"},
            {"op": "add", "path": "/components/schemas/list/enum/-", "value": 3, "reason": "also sent"},
            {"op": "remove", "path": "/components/schemas/list/enum/0", "reason": "never sent"}
        ]"#;
        assert_eq!(apply_file(&mut s, text), Ok(5));
        assert_eq!(s["components"]["schemas"]["a/b"], json!({"type": "string", "format": "uuid"}));
        assert_eq!(s["components"]["schemas"]["list"]["enum"], json!([2, 3]));
    }

    #[test]
    fn an_override_that_no_longer_fits_is_named() {
        let mut s = spec();
        let text = r#"[
            {"op": "replace", "path": "/components/schemas/a~1b/type", "value": "string", "reason": "r"},
            {"op": "replace", "path": "/components/schemas/gone/type", "value": "string", "reason": "r"}
        ]"#;
        let err = apply_file(&mut s, text).unwrap_err();
        assert!(matches!(err, OverrideError::DoesNotApply { index: 2, .. }));
        assert_eq!(
            err.to_string(),
            "override 2 (replace /components/schemas/gone/type) no longer applies to the spec: \
             nothing at /components/schemas/gone/type"
        );
        let test =
            r#"[{"op": "test", "path": "/components/schemas/a~1b/type", "value": "integer", "reason": "r"}]"#;
        assert!(apply_file(&mut spec(), test)
            .unwrap_err()
            .to_string()
            .contains("expected \"integer\", found \"number\""));
    }

    #[test]
    fn malformed_overrides_are_rejected() {
        let no_reason = r#"[{"op": "remove", "path": "/x", "reason": " "}]"#;
        assert!(parse(no_reason).unwrap_err().to_string().contains("has no reason"));
        let no_value = r#"[{"op": "replace", "path": "/x", "reason": "r"}]"#;
        assert!(parse(no_value).unwrap_err().to_string().contains("needs a value"));
        let unknown = r#"[{"op": "move", "from": "/a", "path": "/x", "reason": "r"}]"#;
        assert!(matches!(parse(unknown), Err(OverrideError::Parse(_))));
        let unknown_op = r#"[{"op": "copy", "path": "/x", "reason": "r"}]"#;
        assert!(parse(unknown_op).unwrap_err().to_string().contains("unknown operation"));
    }
}
