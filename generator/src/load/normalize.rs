//! Rewrites a parsed document in place so that `openapiv3` (an OpenAPI 3.0
//! model) reads it: OpenAPI 3.1 / JSON Schema 2020-12 constructs become their
//! 3.0 equivalents, and a few common authoring mistakes found in published
//! specs are repaired. Every change that alters meaning is reported.

use serde_json::{Map, Value};

use super::SpecVersion;
use crate::diagnostics::{child, Diagnostic};

/// Keys whose values are data (examples, defaults), never walked.
pub(super) const DATA_KEYS: &[&str] = &["example", "examples", "default", "enum", "const", "x-examples"];
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
pub(super) const SUBSCHEMA_KEYS: &[&str] =
    &["items", "not", "additionalProperties", "contains", "propertyNames", "if", "then", "else"];
/// Schema keywords whose value is a list of subschemas.
pub(super) const SUBSCHEMA_LIST_KEYS: &[&str] = &["allOf", "oneOf", "anyOf", "prefixItems"];
/// Schema keywords whose value is a map of subschemas.
pub(super) const SUBSCHEMA_MAP_KEYS: &[&str] = &["properties", "patternProperties", "$defs", "definitions"];
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
    limit_depth(doc, "", 0, diags);
    if let Some(w) = webhooks.as_mut() {
        limit_depth(w, "/webhooks", 1, diags);
    }
    let Some(obj) = doc.as_object_mut() else { return webhooks };
    if let Some(paths) = obj.get_mut("paths") {
        repair_operations(paths, "/paths", diags);
    }
    if let Some(w) = webhooks.as_mut() {
        repair_operations(w, "/webhooks", diags);
    }
    walk(doc, "", false, diags);
    if let Some(w) = webhooks.as_mut() {
        walk(w, "/webhooks", false, diags);
    }
    super::refs::repair(doc, webhooks.as_mut(), diags);
    webhooks
}

/// Deeper than any published spec nests (the deepest seen is about 30):
/// beyond it `openapiv3`'s deserializer and the model recurse far enough to
/// overflow a thread's stack.
const MAX_DEPTH: usize = 48;

/// Empties every object or array nested deeper than [`MAX_DEPTH`].
fn limit_depth(value: &mut Value, ptr: &str, depth: usize, diags: &mut Vec<Diagnostic>) {
    // Real specs are never this deep: check first without building pointers.
    if !deeper_than(value, MAX_DEPTH.saturating_sub(depth)) {
        return;
    }
    let mut stack: Vec<(&mut Value, String, usize)> = vec![(value, ptr.to_owned(), depth)];
    while let Some((v, p, d)) = stack.pop() {
        match v {
            Value::Object(map) if d >= MAX_DEPTH && !map.is_empty() => {
                diags.push(Diagnostic::warning(
                    &p,
                    format!("nested more than {MAX_DEPTH} deep; read as {{}}"),
                ));
                map.clear();
            }
            Value::Array(items) if d >= MAX_DEPTH && !items.is_empty() => {
                diags.push(Diagnostic::warning(&p, format!("nested more than {MAX_DEPTH} deep; read as []")));
                items.clear();
            }
            Value::Object(map) => {
                stack.extend(map.iter_mut().map(|(k, child_v)| (child_v, child(&p, k), d + 1)));
            }
            Value::Array(items) => {
                stack.extend(
                    items
                        .iter_mut()
                        .enumerate()
                        .map(|(i, child_v)| (child_v, child(&p, &i.to_string()), d + 1)),
                );
            }
            _ => {}
        }
    }
}

/// Whether a non-empty object or array sits `limit` or more levels below
/// `value`.
fn deeper_than(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 0)];
    while let Some((v, d)) = stack.pop() {
        let nonempty = match v {
            Value::Object(map) => !map.is_empty(),
            Value::Array(items) => !items.is_empty(),
            _ => false,
        };
        if nonempty && d >= limit {
            return true;
        }
        match v {
            Value::Object(map) => stack.extend(map.values().map(|c| (c, d + 1))),
            Value::Array(items) => stack.extend(items.iter().map(|c| (c, d + 1))),
            _ => {}
        }
    }
    false
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Operations without `responses` (required by the spec, left out by some
/// authors): read as documenting none.
fn repair_operations(paths: &mut Value, base: &str, diags: &mut Vec<Diagnostic>) {
    let Some(paths) = paths.as_object_mut() else { return };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, op) in item.iter_mut() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let Some(op) = op.as_object_mut() else { continue };
            let op_ptr = child(&child(base, path), method);
            unsupported_notes(op, &op_ptr, diags);
            if !matches!(op.get("responses"), Some(Value::Object(_)) | Some(Value::Array(_))) {
                let ptr = child(&child(&child(base, path), method), "responses");
                diags.push(Diagnostic::warning(
                    ptr,
                    "operation without `responses`; read as documenting none",
                ));
                op.insert("responses".into(), Value::Object(Map::new()));
            }
        }
    }
}

/// Notes what an operation documents that the client does not model.
fn unsupported_notes(op: &Map<String, Value>, ptr: &str, diags: &mut Vec<Diagnostic>) {
    if op.get("callbacks").and_then(Value::as_object).is_some_and(|c| !c.is_empty()) {
        diags.push(Diagnostic::note(child(ptr, "callbacks"), "callbacks are not generated"));
    }
    let xml_only = |content: Option<&Value>| {
        content
            .and_then(Value::as_object)
            .is_some_and(|c| !c.is_empty() && c.keys().all(|mt| mt.to_ascii_lowercase().contains("xml")))
    };
    if xml_only(op.get("requestBody").and_then(|b| b.get("content"))) {
        diags.push(Diagnostic::note(
            child(ptr, "requestBody"),
            "XML is not modelled: the body is passed as raw bytes",
        ));
    }
    if let Some(responses) = op.get("responses").and_then(Value::as_object) {
        for (code, r) in responses {
            if r.get("links").and_then(Value::as_object).is_some_and(|l| !l.is_empty()) {
                diags.push(Diagnostic::note(
                    child(&child(&child(ptr, "responses"), code), "links"),
                    "links are not generated",
                ));
            }
            if xml_only(r.get("content")) {
                diags.push(Diagnostic::note(
                    child(&child(ptr, "responses"), code),
                    "XML is not modelled: the body is returned as raw bytes",
                ));
            }
        }
    }
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
            if !schema {
                keep_explode_false(map, ptr);
            }
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

/// The extension that keeps an encoding's written `explode: false`.
pub const EXPLODE_FALSE: &str = "x-explode-false";

/// `openapiv3` reads an encoding's `explode` as a plain `bool` defaulting to
/// `false`, so a written `explode: false` (a form field's array as
/// `a,b`, not `f=a&f=b`) reads as absent and `style: form`'s default,
/// exploded, would apply. In a media type object (`.../content/{type}`) it
/// is kept as an extension the model reads.
fn keep_explode_false(map: &mut Map<String, Value>, ptr: &str) {
    let in_content = ptr.rsplit('/').nth(1) == Some("content");
    let Some(Value::Object(encoding)) = map.get_mut("encoding").filter(|_| in_content) else { return };
    for e in encoding.values_mut().filter_map(Value::as_object_mut) {
        if e.get("explode") == Some(&Value::Bool(false)) {
            e.insert(EXPLODE_FALSE.into(), Value::Bool(true));
        }
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
        let is_param = map.get("in").and_then(Value::as_str).is_some()
            && map.contains_key("name")
            && map.get("type").and_then(Value::as_str) != Some("apiKey");
        if is_param && !map.contains_key("schema") && !map.contains_key("content") {
            diags.push(Diagnostic::warning(ptr, "parameter without a schema; read as a string"));
            map.insert("schema".into(), Value::Object(single("type", Value::String("string".into()))));
        }
    }
}
