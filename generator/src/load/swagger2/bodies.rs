//! Body and form parameters -> the operation's request body: a body
//! parameter's schema in each media type the operation consumes; form
//! parameters as one object schema with a property per field, URL-encoded
//! or, when a field is a file, multipart.

use serde_json::{Map, Value};

use super::params::{split_schema, Sourced};
use super::{schema, At, Conv};
use crate::diagnostics::child;

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

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
