//! Finds the deepest node that fails to deserialize. `openapiv3` uses
//! flattened and untagged types, through which `serde_path_to_error` cannot
//! see, so on failure the document is re-read piece by piece.

use openapiv3::{Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::child;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const SUBSCHEMA_KEYS: &[&str] = &["items", "not", "additionalProperties"];
const SUBSCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf"];

/// Returns `(pointer, message)` of the deepest failing node under `root`.
pub fn locate(root: &Value, base: &str) -> Option<(String, String)> {
    if let Some(paths) = root.get("paths").and_then(Value::as_object) {
        for (p, item) in paths {
            let ptr = child(&child(base, "paths"), p);
            if let Some(hit) = path_item(item, &ptr) {
                return Some(hit);
            }
        }
    }
    if base == "/webhooks" {
        if let Some(items) = root.as_object() {
            for (name, item) in items {
                if let Some(hit) = path_item(item, &child(base, name)) {
                    return Some(hit);
                }
            }
        }
    }
    if let Some(components) = root.get("components").and_then(Value::as_object) {
        let cptr = child(base, "components");
        for (kind, entries) in components {
            let Some(entries) = entries.as_object() else { continue };
            for (name, v) in entries {
                let ptr = child(&child(&cptr, kind), name);
                let hit = match kind.as_str() {
                    "schemas" => schema(v, &ptr),
                    "responses" => try_as::<ReferenceOr<Response>>(v, &ptr).or_else(|| content(v, &ptr)),
                    "parameters" => parameter(v, &ptr),
                    "requestBodies" => {
                        try_as::<ReferenceOr<RequestBody>>(v, &ptr).or_else(|| content(v, &ptr))
                    }
                    "securitySchemes" => try_as::<ReferenceOr<SecurityScheme>>(v, &ptr),
                    _ => None,
                };
                if hit.is_some() {
                    return hit;
                }
            }
        }
    }
    None
}

fn path_item(item: &Value, ptr: &str) -> Option<(String, String)> {
    try_as::<ReferenceOr<PathItem>>(item, ptr)?;
    let obj = item.as_object()?;
    for (key, v) in obj {
        let p = child(ptr, key);
        if METHODS.contains(&key.as_str()) {
            if let Some(hit) = operation(v, &p) {
                return Some(hit);
            }
        } else if key == "parameters" {
            if let Some(hit) = list(v, &p, parameter) {
                return Some(hit);
            }
        }
    }
    try_as::<ReferenceOr<PathItem>>(item, ptr)
}

fn operation(op: &Value, ptr: &str) -> Option<(String, String)> {
    try_as::<Operation>(op, ptr)?;
    let deeper = op
        .get("parameters")
        .and_then(|v| list(v, &child(ptr, "parameters"), parameter))
        .or_else(|| {
            let body = op.get("requestBody")?;
            let p = child(ptr, "requestBody");
            content(body, &p).or_else(|| try_as::<ReferenceOr<RequestBody>>(body, &p))
        })
        .or_else(|| {
            let responses = op.get("responses")?.as_object()?;
            responses.iter().find_map(|(code, r)| {
                let p = child(&child(ptr, "responses"), code);
                content(r, &p).or_else(|| try_as::<ReferenceOr<Response>>(r, &p))
            })
        });
    deeper.or_else(|| try_as::<Operation>(op, ptr))
}

fn parameter(v: &Value, ptr: &str) -> Option<(String, String)> {
    try_as::<ReferenceOr<Parameter>>(v, ptr)?;
    v.get("schema")
        .and_then(|s| schema(s, &child(ptr, "schema")))
        .or_else(|| try_as::<ReferenceOr<Parameter>>(v, ptr))
}

fn content(v: &Value, ptr: &str) -> Option<(String, String)> {
    let media = v.get("content")?.as_object()?;
    media.iter().find_map(|(mt, m)| {
        m.get("schema").and_then(|s| schema(s, &child(&child(&child(ptr, "content"), mt), "schema")))
    })
}

fn schema(v: &Value, ptr: &str) -> Option<(String, String)> {
    try_as::<ReferenceOr<Schema>>(v, ptr)?;
    let obj = v.as_object()?;
    for key in SUBSCHEMA_KEYS {
        if let Some(s) = obj.get(*key).filter(|s| s.is_object()) {
            if let Some(hit) = schema(s, &child(ptr, key)) {
                return Some(hit);
            }
        }
    }
    for key in SUBSCHEMA_LISTS {
        if let Some(hit) = obj.get(*key).and_then(|l| list(l, &child(ptr, key), schema)) {
            return Some(hit);
        }
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (name, s) in props {
            if let Some(hit) = schema(s, &child(&child(ptr, "properties"), name)) {
                return Some(hit);
            }
        }
    }
    try_as::<ReferenceOr<Schema>>(v, ptr)
}

fn list(v: &Value, ptr: &str, f: fn(&Value, &str) -> Option<(String, String)>) -> Option<(String, String)> {
    v.as_array()?.iter().enumerate().find_map(|(i, item)| f(item, &child(ptr, &i.to_string())))
}

/// `None` when `v` deserializes as `T`, else where and why it does not.
fn try_as<T: DeserializeOwned>(v: &Value, ptr: &str) -> Option<(String, String)> {
    match serde_path_to_error::deserialize::<_, T>(v) {
        Ok(_) => None,
        Err(err) => {
            let mut p = ptr.to_owned();
            for seg in err.path().iter() {
                match seg {
                    serde_path_to_error::Segment::Seq { index } => p = child(&p, &index.to_string()),
                    serde_path_to_error::Segment::Map { key } => p = child(&p, key),
                    _ => {}
                }
            }
            Some((p, err.into_inner().to_string()))
        }
    }
}
