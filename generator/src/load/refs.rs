//! Reference repairs, so that the resolver only ever meets
//! `#/components/<kind>/<name>`:
//!
//! - a schema `$ref` that points inside a schema (`#/components/schemas/Tag/allOf/0`)
//!   or anywhere else in the document gets its target copied into a new
//!   component schema, and points there;
//! - a schema `$ref` that points to nothing, or outside the document,
//!   becomes `{}` (any value), with a warning;
//! - any other `$ref` pointing inside the document but not at a component
//!   is replaced by a copy of its target.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::normalize::{DATA_KEYS, SUBSCHEMA_KEYS, SUBSCHEMA_LIST_KEYS, SUBSCHEMA_MAP_KEYS};
use crate::diagnostics::{child, unescape_pointer, Diagnostic};

/// What to do with each schema reference found.
enum Fix {
    /// Point at this component schema instead.
    Hoist(String),
    /// Replace the reference by `{}`.
    Any,
}

/// Repairs the references of `doc` and of its (separately held) webhooks.
pub fn repair(doc: &mut Value, webhooks: Option<&mut Value>, diags: &mut Vec<Diagnostic>) {
    let mut found: Vec<(String, String, bool)> = Vec::new();
    collect(doc, "", false, &mut found);
    let mut webhooks = webhooks;
    if let Some(w) = webhooks.as_deref() {
        collect(w, "/webhooks", false, &mut found);
    }
    if found.is_empty() {
        return;
    }
    let mut schema_fixes: BTreeMap<String, Fix> = BTreeMap::new();
    let mut other_fixes: BTreeMap<String, Value> = BTreeMap::new();
    let mut hoisted: Vec<(String, Value)> = Vec::new();
    let mut misplaced: Vec<(String, Value)> = Vec::new();
    for (reference, ptr, schema) in found {
        if schema_fixes.contains_key(&reference) || other_fixes.contains_key(&reference) {
            continue;
        }
        let target = local_pointer(&reference).and_then(|p| doc.pointer(&p)).cloned();
        if schema {
            let fix = match (component_name(&reference, "schemas"), target) {
                (Some(_), Some(_)) => continue,
                (_, Some(target)) if target.is_object() || target.is_boolean() => {
                    let name = new_schema_name(doc, &reference, &hoisted);
                    diags.push(Diagnostic::note(
                        child(&ptr, "$ref"),
                        format!("$ref {reference:?} points inside a schema; its target is the component schema {name:?}"),
                    ));
                    hoisted.push((name.clone(), target));
                    Fix::Hoist(format!("#/components/schemas/{}", crate::diagnostics::escape_pointer(&name)))
                }
                _ => {
                    diags.push(Diagnostic::warning(
                        child(&ptr, "$ref"),
                        format!("$ref {reference:?} points to no schema in this document; read as any value"),
                    ));
                    Fix::Any
                }
            };
            schema_fixes.insert(reference, fix);
        } else if let (Some(kind), Some(expected), Some(Value::Object(target))) =
            (component_kind(&reference), expected_kind(&ptr), &target)
        {
            if kind != expected {
                diags.push(Diagnostic::warning(
                    child(&ptr, "$ref"),
                    format!("$ref {reference:?} names a component of another kind than {expected}; its target is copied here"),
                ));
                misplaced.push((ptr, as_kind(target.clone(), expected)));
            }
        } else if let (None, Some(target)) = (component_kind(&reference), target) {
            if target.is_object() {
                diags.push(Diagnostic::note(
                    child(&ptr, "$ref"),
                    format!("$ref {reference:?} is not a component; its target is copied here"),
                ));
                other_fixes.insert(reference, target);
            }
        }
    }
    for (ptr, value) in misplaced {
        let slot = match ptr.strip_prefix("/webhooks") {
            Some(rest) if ptr.starts_with("/webhooks/") => {
                webhooks.as_deref_mut().and_then(|w| w.pointer_mut(rest))
            }
            _ => doc.pointer_mut(&ptr),
        };
        if let Some(slot) = slot {
            *slot = value;
        }
    }
    if schema_fixes.is_empty() && other_fixes.is_empty() {
        return;
    }
    if !hoisted.is_empty() {
        if let Some(schemas) = schemas_mut(doc) {
            for (name, target) in hoisted {
                schemas.insert(name, target);
            }
        }
    }
    // Copies may hold references to copy too; a few rounds settle nesting
    // without chasing a reference that contains itself forever.
    for _ in 0..4 {
        let mut changed = rewrite(doc, "", false, &schema_fixes, &other_fixes);
        if let Some(w) = webhooks.as_deref_mut() {
            changed |= rewrite(w, "/webhooks", false, &schema_fixes, &other_fixes);
        }
        if !changed || other_fixes.is_empty() {
            break;
        }
    }
}

/// `#/a/b~1c` -> `/a/b~1c` (percent-decoded); `None` for other documents.
fn local_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    if !(fragment.is_empty() || fragment.starts_with('/')) {
        return None;
    }
    Some(percent_decode(fragment))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex =
                std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The component kind a reference at `ptr` must name, judged by where it stands.
fn expected_kind(ptr: &str) -> Option<&'static str> {
    let mut tokens = ptr.rsplit('/');
    let last = tokens.next()?;
    let parent = tokens.next().unwrap_or("");
    match (parent, last) {
        (_, "requestBody") => Some("requestBodies"),
        ("responses", _) => Some("responses"),
        ("parameters", _) => Some("parameters"),
        ("requestBodies", _) => Some("requestBodies"),
        _ => None,
    }
}

/// A request body read as a response or the other way round: what one
/// requires and the other lacks.
fn as_kind(mut target: Map<String, Value>, kind: &str) -> Value {
    match kind {
        "responses" => {
            target.remove("required");
            target.entry("description").or_insert_with(|| Value::String(String::new()));
        }
        "requestBodies" => {
            target.remove("headers");
            target.remove("links");
        }
        _ => {}
    }
    Value::Object(target)
}

/// `#/components/<kind>/<name>` -> `kind`.
fn component_kind(reference: &str) -> Option<&str> {
    let rest = reference.strip_prefix("#/components/")?;
    let (kind, name) = rest.split_once('/')?;
    (!name.contains('/') && !name.is_empty()).then_some(kind)
}

fn component_name(reference: &str, kind: &str) -> Option<String> {
    let rest = reference.strip_prefix("#/components/")?.strip_prefix(kind)?.strip_prefix('/')?;
    (!rest.contains('/') && !rest.is_empty()).then(|| unescape_pointer(rest))
}

fn schemas_mut(doc: &mut Value) -> Option<&mut Map<String, Value>> {
    let root = doc.as_object_mut()?;
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    let components = components.as_object_mut()?;
    let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
    schemas.as_object_mut()
}

/// A component name for a hoisted target, from its pointer: `Tag/allOf/0` -> `Tag_allOf_0`.
fn new_schema_name(doc: &Value, reference: &str, hoisted: &[(String, Value)]) -> String {
    let tail = reference.strip_prefix("#/components/schemas/").unwrap_or(reference.trim_start_matches("#/"));
    let base: String = tail
        .split('/')
        .map(unescape_pointer)
        .collect::<Vec<_>>()
        .join("_")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let base = if base.is_empty() { "Schema".to_owned() } else { base };
    let existing = doc.pointer("/components/schemas").and_then(Value::as_object);
    let taken = |n: &str| existing.is_some_and(|m| m.contains_key(n)) || hoisted.iter().any(|(h, _)| h == n);
    if !taken(&base) {
        return base;
    }
    (2..).map(|i| format!("{base}_{i}")).find(|n| !taken(n)).unwrap_or(base)
}

/// Finds every `$ref`: (reference, pointer of the object holding it, in a schema position).
fn collect(value: &Value, ptr: &str, schema: bool, out: &mut Vec<(String, String, bool)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push((r.clone(), ptr.to_owned(), schema));
            }
            for (key, v) in map {
                if DATA_KEYS.contains(&key.as_str()) {
                    continue;
                }
                let p = child(ptr, key);
                match position(ptr, key, schema) {
                    Position::Schema => collect(v, &p, true, out),
                    Position::SchemaList => {
                        if let Value::Array(items) = v {
                            for (i, item) in items.iter().enumerate() {
                                collect(item, &child(&p, &i.to_string()), true, out);
                            }
                        }
                    }
                    Position::SchemaMap => {
                        if let Value::Object(m) = v {
                            for (k, item) in m {
                                collect(item, &child(&p, k), true, out);
                            }
                        }
                    }
                    Position::Other => collect(v, &p, false, out),
                    Position::Skip => {}
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, &child(ptr, &i.to_string()), false, out);
            }
        }
        _ => {}
    }
}

enum Position {
    Schema,
    SchemaList,
    SchemaMap,
    Other,
    Skip,
}

/// What the value under `key` of an object at `ptr` is.
fn position(ptr: &str, key: &str, schema: bool) -> Position {
    if schema {
        if SUBSCHEMA_KEYS.contains(&key) {
            Position::Schema
        } else if SUBSCHEMA_LIST_KEYS.contains(&key) {
            Position::SchemaList
        } else if SUBSCHEMA_MAP_KEYS.contains(&key) {
            Position::SchemaMap
        } else {
            Position::Skip
        }
    } else if key == "schema" {
        Position::Schema
    } else if key == "schemas" && ptr == "/components" {
        Position::SchemaMap
    } else {
        Position::Other
    }
}

/// Applies the fixes; returns whether anything changed.
fn rewrite(
    value: &mut Value,
    ptr: &str,
    schema: bool,
    schemas: &BTreeMap<String, Fix>,
    others: &BTreeMap<String, Value>,
) -> bool {
    let mut changed = false;
    if let Value::Object(map) = value {
        if let Some(Value::String(r)) = map.get("$ref") {
            if schema {
                match schemas.get(r) {
                    Some(Fix::Hoist(to)) => {
                        map.insert("$ref".into(), Value::String(to.clone()));
                        return true;
                    }
                    Some(Fix::Any) => {
                        map.remove("$ref");
                        return true;
                    }
                    None => {}
                }
            } else if let Some(target) = others.get(r) {
                *value = target.clone();
                return true;
            }
        }
    }
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if DATA_KEYS.contains(&key.as_str()) {
                    continue;
                }
                // Only whether this is `/components` matters below the root.
                let p = if ptr.is_empty() && key == "components" { "/components" } else { "/" };
                match position(ptr, key, schema) {
                    Position::Schema => changed |= rewrite(v, p, true, schemas, others),
                    Position::SchemaList => {
                        if let Value::Array(items) = v {
                            for item in items {
                                changed |= rewrite(item, "/", true, schemas, others);
                            }
                        }
                    }
                    Position::SchemaMap => {
                        if let Value::Object(m) = v {
                            for item in m.values_mut() {
                                changed |= rewrite(item, "/", true, schemas, others);
                            }
                        }
                    }
                    Position::Other => changed |= rewrite(v, p, false, schemas, others),
                    Position::Skip => {}
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                changed |= rewrite(item, "/", false, schemas, others);
            }
        }
        _ => {}
    }
    changed
}
