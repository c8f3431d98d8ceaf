//! Rewrites a parsed document in place so that `openapiv3` (an OpenAPI 3.0
//! model) reads it: OpenAPI 3.1 / JSON Schema 2020-12 constructs become their
//! 3.0 equivalents, and a few common authoring mistakes found in published
//! specs are repaired. Every change that alters meaning is reported.

use serde_json::{Map, Value};

use super::SpecVersion;
use crate::diagnostics::{child, Diagnostic};

/// Keys whose values are data (examples, defaults), never walked.
const DATA_KEYS: &[&str] = &["example", "examples", "default", "enum", "const", "x-examples"];
/// Keys that must hold an object but that some specs write as `[]`.
const MAP_KEYS: &[&str] = &[
    "content",
    "properties",
    "responses",
    "headers",
    "schemas",
    "links",
    "callbacks",
    "securitySchemes",
    "requestBodies",
    "encoding",
    "variables",
    "paths",
];
/// Schema keywords whose value is one subschema.
const SUBSCHEMA_KEYS: &[&str] =
    &["items", "not", "additionalProperties", "contains", "propertyNames", "if", "then", "else"];
/// Schema keywords whose value is a list of subschemas.
const SUBSCHEMA_LIST_KEYS: &[&str] = &["allOf", "oneOf", "anyOf", "prefixItems"];
/// Schema keywords whose value is a map of subschemas.
const SUBSCHEMA_MAP_KEYS: &[&str] = &["properties", "patternProperties", "$defs", "definitions"];
const JSON_TYPES: &[&str] = &["string", "number", "integer", "boolean", "object", "array", "null"];

/// Normalises `doc` and returns its top-level `webhooks` (removed from `doc`).
pub fn normalize(doc: &mut Value, version: SpecVersion, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    let obj = doc.as_object_mut()?;
    if version == SpecVersion::V3_1 {
        obj.insert("openapi".into(), Value::String("3.0.3".into()));
    }
    obj.remove("jsonSchemaDialect");
    if !obj.contains_key("paths") {
        obj.insert("paths".into(), Value::Object(Map::new()));
    }
    if let Some(Value::Object(components)) = obj.get_mut("components") {
        if components.remove("pathItems").is_some() {
            diags.push(Diagnostic::note("/components/pathItems", "component path items are not used"));
        }
    }
    let mut webhooks = obj.remove("webhooks");
    walk(doc, "", false, diags);
    if let Some(w) = webhooks.as_mut() {
        walk(w, "/webhooks", false, diags);
    }
    webhooks
}

fn walk(value: &mut Value, ptr: &str, schema: bool, diags: &mut Vec<Diagnostic>) {
    if schema {
        if let Value::Bool(b) = value {
            // JSON Schema boolean schemas: `true` accepts anything.
            let replacement = if *b { Map::new() } else { single("not", Value::Object(Map::new())) };
            *value = Value::Object(replacement);
            return;
        }
    }
    match value {
        Value::Object(map) => {
            if schema {
                rewrite_schema(map, ptr, diags);
            }
            repair_common(map, ptr, schema, diags);
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                if DATA_KEYS.contains(&key.as_str()) {
                    continue;
                }
                let p = child(ptr, &key);
                let v = map.get_mut(&key).expect("key listed above");
                if schema {
                    if SUBSCHEMA_KEYS.contains(&key.as_str()) {
                        walk(v, &p, true, diags);
                    } else if SUBSCHEMA_LIST_KEYS.contains(&key.as_str()) {
                        if let Value::Array(items) = v {
                            for (i, item) in items.iter_mut().enumerate() {
                                walk(item, &child(&p, &i.to_string()), true, diags);
                            }
                        }
                    } else if SUBSCHEMA_MAP_KEYS.contains(&key.as_str()) {
                        if let Value::Object(m) = v {
                            for (k, item) in m.iter_mut() {
                                walk(item, &child(&p, k), true, diags);
                            }
                        }
                    }
                    // Other schema keywords hold data or annotations.
                } else if key == "schema" {
                    walk(v, &p, true, diags);
                } else if key == "schemas" && ptr == "/components" {
                    if let Value::Object(m) = v {
                        for (k, item) in m.iter_mut() {
                            walk(item, &child(&p, k), true, diags);
                        }
                    }
                } else {
                    walk(v, &p, false, diags);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &child(ptr, &i.to_string()), false, diags);
            }
        }
        _ => {}
    }
}

fn single(key: &str, value: Value) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(key.into(), value);
    m
}

/// JSON Schema 2020-12 -> OpenAPI 3.0 schema object.
fn rewrite_schema(map: &mut Map<String, Value>, ptr: &str, diags: &mut Vec<Diagnostic>) {
    // `examples: [..]` -> `example`
    if let Some(Value::Array(examples)) = map.get("examples") {
        if !map.contains_key("example") {
            if let Some(first) = examples.first().cloned() {
                map.insert("example".into(), first);
            }
        }
        let all = map.remove("examples").unwrap_or(Value::Null);
        map.insert("x-examples".into(), all);
    }
    // `const` -> one-value enum
    if let Some(c) = map.remove("const") {
        if !map.contains_key("enum") {
            map.insert("enum".into(), Value::Array(vec![c]));
        }
    }
    // numeric exclusiveMinimum / exclusiveMaximum
    for (ex, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(Value::Number(n)) = map.get(ex).cloned() {
            map.insert(bound.into(), Value::Number(n));
            map.insert(ex.into(), Value::Bool(true));
        }
    }
    // a wrongly-cased type name ("Integer")
    if let Some(Value::String(t)) = map.get("type") {
        let lower = t.to_ascii_lowercase();
        if lower != *t && JSON_TYPES.contains(&lower.as_str()) {
            diags.push(Diagnostic::warning(child(ptr, "type"), format!("type {t:?} read as {lower:?}")));
            map.insert("type".into(), Value::String(lower));
        }
    }
    // `required: true` on a schema (a parameter-ism) means nothing here
    if matches!(map.get("required"), Some(Value::Bool(_))) {
        diags.push(Diagnostic::warning(child(ptr, "required"), "boolean `required` on a schema ignored"));
        map.remove("required");
    }
    // `items: [..]` (draft-04 tuples) -> any item
    if matches!(map.get("items"), Some(Value::Array(_))) {
        diags.push(Diagnostic::warning(child(ptr, "items"), "tuple `items` read as an array of any values"));
        map.insert("items".into(), Value::Object(Map::new()));
    }
    match map.get("type").cloned() {
        Some(Value::Array(types)) => {
            let mut names: Vec<String> = Vec::new();
            for t in &types {
                if let Some(s) = t.as_str() {
                    let s = s.to_ascii_lowercase();
                    if !names.contains(&s) {
                        names.push(s);
                    }
                }
            }
            let nullable = names.iter().any(|t| t == "null");
            names.retain(|t| t != "null");
            if nullable {
                map.insert("nullable".into(), Value::Bool(true));
            }
            match names.len() {
                0 => {
                    map.remove("type");
                    map.insert("x-null-type".into(), Value::Bool(true));
                }
                1 => {
                    map.insert("type".into(), Value::String(names[0].clone()));
                }
                _ => {
                    map.remove("type");
                    let branches = names.iter().map(|t| Value::Object(branch_for(map, t))).collect();
                    for key in TYPE_SPECIFIC.iter().flat_map(|(_, keys)| keys.iter()) {
                        map.remove(*key);
                    }
                    map.insert("anyOf".into(), Value::Array(branches));
                }
            }
        }
        Some(Value::String(t)) if t == "null" => {
            map.remove("type");
            map.insert("nullable".into(), Value::Bool(true));
            map.insert("x-null-type".into(), Value::Bool(true));
        }
        _ => {}
    }
}

/// Which keywords belong to which JSON type, for splitting `type: [a, b]`.
const TYPE_SPECIFIC: &[(&str, &[&str])] = &[
    ("string", &["format", "pattern", "minLength", "maxLength"]),
    ("object", &["properties", "required", "additionalProperties", "minProperties", "maxProperties"]),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    ("number", &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
    ("integer", &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
];

fn branch_for(map: &Map<String, Value>, t: &str) -> Map<String, Value> {
    let mut branch = single("type", Value::String(t.into()));
    if let Some((_, keys)) = TYPE_SPECIFIC.iter().find(|(name, _)| *name == t) {
        for key in *keys {
            if let Some(v) = map.get(*key) {
                branch.insert((*key).into(), v.clone());
            }
        }
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        let kept: Vec<Value> = values.iter().filter(|v| json_type_of(v) == t).cloned().collect();
        if !kept.is_empty() {
            branch.insert("enum".into(), Value::Array(kept));
        }
    }
    branch
}

fn json_type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Mistakes seen in published specs that would stop `openapiv3` outright.
fn repair_common(map: &mut Map<String, Value>, ptr: &str, schema: bool, diags: &mut Vec<Diagnostic>) {
    for key in MAP_KEYS {
        if let Some(Value::Array(items)) = map.get(*key) {
            if items.is_empty() {
                diags.push(Diagnostic::warning(
                    child(ptr, key),
                    "empty array where an object belongs; read as {}",
                ));
                map.insert((*key).into(), Value::Object(Map::new()));
            }
        }
    }
    if !schema {
        // A parameter or header with neither `schema` nor `content`.
        let is_param = map.get("in").and_then(Value::as_str).is_some() && map.contains_key("name");
        if is_param && !map.contains_key("schema") && !map.contains_key("content") {
            diags.push(Diagnostic::warning(ptr, "parameter without a schema; read as a string"));
            map.insert("schema".into(), Value::Object(single("type", Value::String("string".into()))));
        }
    }
}
