//! Swagger 2.0 schemas -> OpenAPI 3.0 schemas: references to their new
//! places, `x-nullable` -> `nullable`, `type: file` -> binary string, a
//! string `discriminator` -> `{propertyName}`.

use serde_json::{Map, Value};

use super::{At, Conv};
use crate::load::normalize::{SUBSCHEMA_KEYS, SUBSCHEMA_LIST_KEYS, SUBSCHEMA_MAP_KEYS};

/// Deeper schemas are left as written: the normaliser empties them anyway,
/// and recursing further could overflow the stack on hostile input.
const MAX_DEPTH: usize = 64;

/// Converts a schema (and every schema inside it) in place.
pub(super) fn convert(schema: &mut Value, at: &At, cx: &mut Conv) {
    walk(schema, at, cx, 0);
}

fn walk(value: &mut Value, at: &At, cx: &mut Conv, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let Value::Object(map) = value else { return };
    if let Some(Value::String(r)) = map.get_mut("$ref") {
        *r = rewrite_ref(r);
    }
    match map.remove("x-nullable") {
        Some(Value::Bool(true)) => nullable(map, at, cx),
        Some(Value::Bool(false)) | None => {}
        Some(other) => {
            map.insert("x-nullable".into(), other);
        }
    }
    if map.get("type").and_then(Value::as_str) == Some("file") {
        map.insert("type".into(), "string".into());
        map.insert("format".into(), "binary".into());
    }
    if let Some(Value::String(property)) = map.get("discriminator") {
        let mut d = Map::new();
        d.insert("propertyName".into(), Value::String(property.clone()));
        map.insert("discriminator".into(), Value::Object(d));
    }
    for (key, v) in map.iter_mut() {
        let key = key.as_str();
        if SUBSCHEMA_KEYS.contains(&key) {
            walk(v, &at.child(key), cx, depth + 1);
        } else if SUBSCHEMA_LIST_KEYS.contains(&key) {
            if let Value::Array(items) = v {
                let list = at.child(key);
                for (i, item) in items.iter_mut().enumerate() {
                    walk(item, &list.child(&i.to_string()), cx, depth + 1);
                }
            }
        } else if SUBSCHEMA_MAP_KEYS.contains(&key) {
            if let Value::Object(m) = v {
                let parent = at.child(key);
                for (name, item) in m.iter_mut() {
                    walk(item, &parent.child(name), cx, depth + 1);
                }
            }
        }
    }
}

/// `x-nullable: true`. Beside a `$ref` (whose siblings 3.0 ignores) the
/// reference moves into a one-member `allOf` that can carry `nullable`.
fn nullable(map: &mut Map<String, Value>, at: &At, cx: &mut Conv) {
    map.insert("nullable".into(), Value::Bool(true));
    if !map.contains_key("$ref") || !matches!(map.get("allOf"), None | Some(Value::Array(_))) {
        return;
    }
    let mut member = Map::new();
    member.insert("$ref".into(), map.remove("$ref").unwrap_or_default());
    let all_of = map.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(members) = all_of {
        cx.record(&at.new_child("allOf").new_child(&members.len().to_string()));
        members.push(Value::Object(member));
    }
}

/// A reference to a 2.0 top-level section -> the same name in `components`.
pub(super) fn rewrite_ref(reference: &str) -> String {
    const MOVES: &[(&str, &str)] = &[
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ];
    for (from, to) in MOVES {
        if let Some(rest) = reference.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    reference.to_owned()
}
