//! Swagger 2.0 parameters -> OpenAPI 3.0: a plain parameter gets its
//! `type`, `format`, `items`, `enum`, `default` (and the other schema
//! keywords) moved into a `schema`, and `collectionFormat` becomes
//! `style`/`explode`. Body and form parameters are set apart for the
//! request body (see `bodies`).

use serde_json::{Map, Value};

use super::{schema, At, Conv};
use crate::diagnostics::{child, unescape_pointer};

/// The keywords a 2.0 parameter, header or items object shares with a schema.
const SCHEMA_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// A body or form parameter as written, and where.
#[derive(Debug, Clone)]
pub(super) struct Sourced {
    pub param: Map<String, Value>,
    pub orig: String,
}

impl Sourced {
    pub fn location(&self) -> &str {
        self.param.get("in").and_then(Value::as_str).unwrap_or("")
    }

    fn name(&self) -> &str {
        self.param.get("name").and_then(Value::as_str).unwrap_or("")
    }

    /// Whether `other` replaces this one (an operation's parameter replaces
    /// the path's of the same name and place; there is one body).
    pub fn replaced_by(&self, other: &Sourced) -> bool {
        self.location() == other.location() && (self.location() == "body" || self.name() == other.name())
    }
}

/// Whether a parameter (as written) becomes part of a request body.
pub(super) fn is_body_or_form(p: &Value) -> bool {
    p.as_object().is_some_and(in_body)
}

fn in_body(p: &Map<String, Value>) -> bool {
    matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData"))
}

/// The top-level parameter a `$ref` names, with its name.
fn global<'c>(p: &Map<String, Value>, cx: &'c Conv) -> Option<(String, &'c Map<String, Value>)> {
    let reference = p.get("$ref")?.as_str()?;
    let name = unescape_pointer(reference.strip_prefix("#/parameters/")?);
    let target = cx.parameters.get(&name)?.as_object()?;
    Some((name, target))
}

/// Splits a parameter list into the 3.0 parameters and the body and form
/// parameters (resolved when they are references).
pub(super) fn split(list: Vec<Value>, at: &At, cx: &mut Conv) -> (Vec<Value>, Vec<Sourced>) {
    let mut plain = Vec::new();
    let mut bodies = Vec::new();
    for (i, p) in list.into_iter().enumerate() {
        let orig = child(&at.orig, &i.to_string());
        match p {
            Value::Object(param) if in_body(&param) => bodies.push(Sourced { param, orig }),
            Value::Object(param) => match global(&param, cx) {
                Some((name, target)) if in_body(target) => {
                    let orig = child("/parameters", &name);
                    bodies.push(Sourced { param: target.clone(), orig });
                }
                _ => {
                    let new_at = At::new(child(&at.new, &plain.len().to_string()), orig);
                    plain.push(parameter(Value::Object(param), &new_at, cx));
                }
            },
            other => {
                // Not a parameter: left for the 3.0 reader to reject.
                cx.record(&At::new(child(&at.new, &plain.len().to_string()), orig));
                plain.push(other);
            }
        }
    }
    (plain, bodies)
}

/// A plain (path, query or header) parameter, or a reference to one.
pub(super) fn parameter(p: Value, at: &At, cx: &mut Conv) -> Value {
    let Value::Object(mut p) = p else { return p };
    cx.record(at);
    if let Some(Value::String(reference)) = p.get("$ref") {
        let reference = schema::rewrite_ref(reference);
        if let Some((name, _)) = global(&p, cx) {
            // Findings about the schema belong where the schema was written.
            let target = At::new(at.new.clone(), child("/parameters", &name));
            cx.record(&target.new_child("schema"));
        }
        p.insert("$ref".into(), reference.into());
        return Value::Object(p);
    }
    let place = p.get("in").and_then(Value::as_str).unwrap_or("").to_owned();
    let (mut out, schema, format) = split_schema(p, &at.orig, child(&at.new, "schema"), cx);
    let is_array = schema.get("type").and_then(Value::as_str) == Some("array");
    if let Some((style, explode)) = style(&place, format.as_deref(), is_array, at, cx) {
        if let Some(style) = style {
            out.insert("style".into(), style.into());
        }
        out.insert("explode".into(), explode.into());
    }
    if place != "query" {
        out.remove("allowEmptyValue");
    }
    out.insert("schema".into(), schema);
    Value::Object(out)
}

/// Moves the schema keywords of a parameter, header or form field (written
/// at `orig`) into a schema that goes to `schema_new`: (what is left, the
/// schema, its `collectionFormat`). A parameter that has a `schema` of its
/// own keeps it.
pub(super) fn split_schema(
    mut p: Map<String, Value>,
    orig: &str,
    schema_new: String,
    cx: &mut Conv,
) -> (Map<String, Value>, Value, Option<String>) {
    let format = p.remove("collectionFormat").and_then(|f| f.as_str().map(str::to_owned));
    if let Some(example) = p.remove("x-example") {
        p.entry("example").or_insert(example);
    }
    if !p.contains_key("type") {
        if let Some(mut own) = p.remove("schema") {
            let schema_at = At::new(schema_new, child(orig, "schema"));
            cx.record(&schema_at);
            schema::convert(&mut own, &schema_at, cx);
            return (p, own, format);
        }
    }
    let mut s = Map::new();
    for key in SCHEMA_KEYS {
        if let Some(v) = p.remove(*key) {
            s.insert((*key).into(), v);
        }
    }
    if !s.get("type").is_some_and(Value::is_string) {
        cx.warn(orig, "no `type`; read as a string");
        s.insert("type".into(), "string".into());
    }
    if let Some(items) = s.get_mut("items") {
        strip_item_formats(items, &child(orig, "items"), cx, 0);
    }
    let mut s = Value::Object(s);
    let schema_at = At::new(schema_new, orig);
    cx.record(&schema_at);
    schema::convert(&mut s, &schema_at, cx);
    (p, s, format)
}

/// Items of an array parameter are 2.0 "items objects", schemas but for a
/// `collectionFormat` of their own, which 3.0 cannot say.
fn strip_item_formats(items: &mut Value, orig: &str, cx: &mut Conv, depth: usize) {
    let Value::Object(items) = items else { return };
    if let Some(format) = items.remove("collectionFormat") {
        if format.as_str() != Some("csv") {
            cx.warn(
                &child(orig, "collectionFormat"),
                "the format of a nested array has no OpenAPI 3 equivalent; read as comma-separated",
            );
        }
    }
    if depth < 8 {
        if let Some(inner) = items.get_mut("items") {
            strip_item_formats(inner, &child(orig, "items"), cx, depth + 1);
        }
    }
}

/// `collectionFormat` -> (`style`, `explode`); `None` where 3.0's default
/// for the place already says it (or the parameter is no array).
fn style(
    place: &str,
    format: Option<&str>,
    is_array: bool,
    at: &At,
    cx: &mut Conv,
) -> Option<(Option<&'static str>, bool)> {
    if !is_array {
        return None;
    }
    let pointer = child(&at.orig, "collectionFormat");
    let format = format.unwrap_or("csv");
    match (place, format) {
        // 2.0 defaults to csv; 3.0's query default is one pair per value.
        ("query", "csv") => Some((Some("form"), false)),
        ("query", "multi") => Some((Some("form"), true)),
        ("query", "ssv") => Some((Some("spaceDelimited"), false)),
        ("query", "pipes") => Some((Some("pipeDelimited"), false)),
        (_, "csv") => None,
        _ => {
            cx.warn(
                &pointer,
                format!(
                    "collectionFormat {format:?} has no OpenAPI 3 style for a {place} parameter; sent comma-separated"
                ),
            );
            (place == "query").then_some((Some("form"), false))
        }
    }
}
