//! Swagger 2.0 parameters -> OpenAPI 3.0: a plain parameter gets its
//! `type`, `format`, `items`, `enum`, `default` (and the other schema
//! keywords) moved into a `schema`, and `collectionFormat` becomes
//! `style`/`explode`. Body and form parameters become the operation's
//! request body.

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

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// A body or form parameter as written, and where.
#[derive(Debug, Clone)]
pub(super) struct Sourced {
    pub param: Map<String, Value>,
    pub orig: String,
}

impl Sourced {
    fn location(&self) -> &str {
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

/// The request body of an operation's body or form parameters.
pub(super) fn request_body(
    sourced: &[Sourced],
    consumes: &[String],
    op: &At,
    cx: &mut Conv,
) -> Option<Value> {
    let bodies: Vec<&Sourced> = sourced.iter().filter(|s| s.location() == "body").collect();
    let fields: Vec<&Sourced> = sourced.iter().filter(|s| s.location() == "formData").collect();
    if let Some(body) = bodies.last() {
        if bodies.len() > 1 {
            cx.warn(&body.orig, "more than one body parameter; the last one is the body");
        }
        if let Some(first) = fields.first() {
            cx.warn(&first.orig, "form parameters beside a body parameter are not sent");
        }
        return Some(body_request(body, consumes, op, cx));
    }
    (!fields.is_empty()).then(|| form_request(&fields, consumes, op, cx))
}

fn body_request(body: &Sourced, consumes: &[String], op: &At, cx: &mut Conv) -> Value {
    let at = At::new(child(&op.new, "requestBody"), body.orig.clone());
    cx.record(&at);
    let mut p = body.param.clone();
    let schema = p.remove("schema");
    if schema.is_none() {
        cx.warn(&body.orig, "body parameter without a schema; read as any JSON value");
    }
    let media: Vec<String> =
        if consumes.is_empty() { vec![super::DEFAULT_MEDIA.to_owned()] } else { consumes.to_vec() };
    let mut content = Map::new();
    for mt in media {
        let media_at = at.new_child("content").new_child(&mt);
        cx.record(&media_at);
        let mut entry = Map::new();
        if let Some(mut s) = schema.clone() {
            let schema_at = At::new(child(&media_at.new, "schema"), child(&body.orig, "schema"));
            cx.record(&schema_at);
            schema::convert(&mut s, &schema_at, cx);
            entry.insert("schema".into(), s);
        }
        content.insert(mt, Value::Object(entry));
    }
    let mut out = Map::new();
    if let Some(d) = p.remove("description") {
        out.insert("description".into(), d);
    }
    out.insert("content".into(), Value::Object(content));
    if p.get("required").and_then(Value::as_bool) == Some(true) {
        out.insert("required".into(), true.into());
    }
    out.extend(p.into_iter().filter(|(k, _)| k.starts_with("x-")));
    Value::Object(out)
}

/// Form parameters -> one object schema with a property per field, sent as
/// a URL-encoded form, or as multipart when a field is a file.
fn form_request(fields: &[&Sourced], consumes: &[String], op: &At, cx: &mut Conv) -> Value {
    let first = fields.first().map_or_else(String::new, |f| f.orig.clone());
    let at = At::new(child(&op.new, "requestBody"), first.clone());
    cx.record(&at);
    let has_file = fields.iter().any(|f| f.param.get("type").and_then(Value::as_str) == Some("file"));
    let mut media: Vec<String> = consumes
        .iter()
        .filter(|mt| {
            let essence = essence(mt);
            essence == FORM || essence == MULTIPART
        })
        .cloned()
        .collect();
    if has_file && !media.iter().any(|mt| essence(mt) == MULTIPART) {
        if !media.is_empty() {
            cx.warn(
                &first,
                "a file field cannot be sent URL-encoded; the form is sent as multipart/form-data",
            );
        }
        media.insert(0, MULTIPART.to_owned());
    }
    if media.is_empty() {
        media.push(FORM.to_owned());
    }
    // The schema is built at the first media type's place; the others get
    // copies, each field mapped back to its parameter.
    let properties_at =
        |mt: &str| child(&child(&child(&child(&at.new, "content"), mt), "schema"), "properties");
    let first_properties = properties_at(&media[0]);
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut arrays: Vec<(String, Option<String>, String)> = Vec::new();
    let mut places: Vec<(String, String)> = Vec::new();
    for field in fields {
        let Some(name) = field.param.get("name").and_then(Value::as_str).map(str::to_owned) else {
            cx.warn(&field.orig, "form parameter without a name; not sent");
            continue;
        };
        let mut p = field.param.clone();
        for key in ["name", "in", "allowEmptyValue"] {
            p.remove(key);
        }
        if p.remove("required").and_then(|r| r.as_bool()) == Some(true) {
            required.push(Value::String(name.clone()));
        }
        let (rest, mut s, format) = split_schema(p, &field.orig, child(&first_properties, &name), cx);
        if s.get("type").and_then(Value::as_str) == Some("array") {
            arrays.push((name.clone(), format, field.orig.clone()));
        }
        if let Value::Object(s) = &mut s {
            for (k, v) in rest {
                if k == "description" || k == "example" || k.starts_with("x-") {
                    s.insert(k, v);
                }
            }
        }
        places.push((name.clone(), field.orig.clone()));
        properties.insert(name, s);
    }
    let mut object = Map::new();
    object.insert("type".into(), "object".into());
    object.insert("properties".into(), Value::Object(properties));
    let any_required = !required.is_empty();
    if any_required {
        object.insert("required".into(), Value::Array(required));
    }
    let encoding = encoding(&arrays, cx);
    let mut content = Map::new();
    for mt in media {
        let media_at = at.new_child("content").new_child(&mt);
        cx.record(&media_at);
        cx.record(&media_at.new_child("schema"));
        let props = properties_at(&mt);
        for (name, orig) in &places {
            cx.origins.record(child(&props, name), orig.clone());
        }
        let mut entry = Map::new();
        entry.insert("schema".into(), Value::Object(object.clone()));
        if essence(&mt) == FORM && !encoding.is_empty() {
            entry.insert("encoding".into(), Value::Object(encoding.clone()));
        }
        content.insert(mt, Value::Object(entry));
    }
    let mut out = Map::new();
    out.insert("content".into(), Value::Object(content));
    if any_required {
        out.insert("required".into(), true.into());
    }
    Value::Object(out)
}

/// How the array fields of a URL-encoded form are written: (name, its
/// `collectionFormat`, where it was written).
fn encoding(arrays: &[(String, Option<String>, String)], cx: &mut Conv) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, format, orig) in arrays {
        let (style, explode) = match format.as_deref().unwrap_or("csv") {
            "csv" => ("form", false),
            "multi" => ("form", true),
            "ssv" => ("spaceDelimited", false),
            "pipes" => ("pipeDelimited", false),
            other => {
                cx.warn(
                    &child(orig, "collectionFormat"),
                    format!("collectionFormat {other:?} has no OpenAPI 3 style; sent comma-separated"),
                );
                ("form", false)
            }
        };
        let mut e = Map::new();
        e.insert("style".into(), style.into());
        e.insert("explode".into(), explode.into());
        out.insert(name.clone(), Value::Object(e));
    }
    out
}

/// `Multipart/Form-Data; boundary=x` -> `multipart/form-data`.
fn essence(mt: &str) -> String {
    mt.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}
