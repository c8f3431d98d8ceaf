//! Swagger 2.0 responses -> OpenAPI 3.0: the `schema` goes under `content`,
//! once per media type the operation produces, with `examples` (keyed by
//! media type) as each one's `example`; headers get a `schema`.

use serde_json::{Map, Value};

use super::{params, schema, At, Conv};
use crate::diagnostics::{child, unescape_pointer};

/// A response of an operation that produces `produces`: a reference to a
/// top-level response stays one when the top-level response was converted
/// for the same media types, else it is copied here.
pub(super) fn response_or_ref(r: Value, produces: &[String], at: &At, cx: &mut Conv) -> Value {
    let Some(reference) = r.get("$ref").and_then(Value::as_str) else {
        return response(r, produces, at, cx);
    };
    let name = reference.strip_prefix("#/responses/").map(unescape_pointer);
    // Only a body has media types; a response without one reads the same.
    let with_body = name.as_ref().and_then(|n| cx.responses.get(n)).filter(|t| t.get("schema").is_some());
    if let (Some(name), Some(target)) = (&name, with_body) {
        if !same_media(produces, &cx.produces) {
            let copy_at = At::new(at.new.clone(), child("/responses", name));
            return response(target.clone(), produces, &copy_at, cx);
        }
    }
    cx.record(at);
    let mut out = Map::new();
    out.insert("$ref".into(), schema::rewrite_ref(reference).into());
    Value::Object(out)
}

fn same_media(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// One response object, written at `at.orig`.
pub(super) fn response(r: Value, produces: &[String], at: &At, cx: &mut Conv) -> Value {
    let Value::Object(r) = r else { return r };
    cx.record(at);
    let mut out = Map::new();
    let mut schema_value = None;
    let mut examples = None;
    for (key, v) in r {
        match key.as_str() {
            "schema" => schema_value = Some(v),
            "examples" => examples = Some(v),
            "headers" => {
                out.insert(key, headers(v, &at.child("headers"), cx));
            }
            _ => {
                out.insert(key, v);
            }
        }
    }
    if !out.contains_key("description") {
        cx.warn(&at.orig, "response without a `description`");
        out.insert("description".into(), "".into());
    }
    let mut content = Map::new();
    if let Some(s) = schema_value {
        for mt in media_types(produces, &s) {
            let media_at = at.new_child("content").new_child(&mt);
            cx.record(&media_at);
            let schema_at = At::new(child(&media_at.new, "schema"), child(&at.orig, "schema"));
            cx.record(&schema_at);
            let mut s = s.clone();
            schema::convert(&mut s, &schema_at, cx);
            let mut entry = Map::new();
            entry.insert("schema".into(), s);
            content.insert(mt, Value::Object(entry));
        }
    }
    if let Some(examples) = examples {
        add_examples(examples, &mut content, at, cx);
    }
    if !content.is_empty() {
        out.insert("content".into(), Value::Object(content));
    }
    Value::Object(out)
}

/// The media types a response body is offered in: what the operation
/// produces; a file is bytes whatever the JSON types listed.
fn media_types(produces: &[String], schema: &Value) -> Vec<String> {
    let mut media: Vec<String> =
        if produces.is_empty() { vec![super::DEFAULT_MEDIA.to_owned()] } else { produces.to_vec() };
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        media.retain(|mt| {
            let mt = mt.to_ascii_lowercase();
            !mt.contains("json") && !mt.starts_with("*/*")
        });
        if media.is_empty() {
            media.push("application/octet-stream".into());
        }
    }
    media
}

/// `examples: {<media type>: value}` -> each media type's `example`.
fn add_examples(examples: Value, content: &mut Map<String, Value>, at: &At, cx: &mut Conv) {
    let Value::Object(examples) = examples else {
        cx.warn(&child(&at.orig, "examples"), "not an object of examples by media type; ignored");
        return;
    };
    for (mt, example) in examples {
        let orig = child(&child(&at.orig, "examples"), &mt);
        let key = content.keys().find(|k| k.eq_ignore_ascii_case(&mt)).cloned();
        match key.and_then(|k| content.get_mut(&k).map(|e| (k, e))) {
            Some((key, Value::Object(entry))) => {
                let example_at = At::new(child(&child(&child(&at.new, "content"), &key), "example"), orig);
                cx.record(&example_at);
                entry.insert("example".into(), example);
            }
            _ => cx.note(&orig, format!("example for {mt:?}, in which the response has no body; not used")),
        }
    }
}

/// Response headers: each one's schema keywords move into a `schema`.
fn headers(v: Value, at: &At, cx: &mut Conv) -> Value {
    let Value::Object(hs) = v else { return v };
    let mut out = Map::new();
    for (name, h) in hs {
        let h_at = at.child(&name);
        let converted = match h {
            Value::Object(h) if !h.contains_key("$ref") => {
                let (mut rest, s, format) =
                    params::split_schema(h, &h_at.orig, child(&h_at.new, "schema"), cx);
                if format.as_deref().is_some_and(|f| f != "csv") {
                    cx.warn(
                        &child(&h_at.orig, "collectionFormat"),
                        "a header array is comma-separated in OpenAPI 3; this format is not kept",
                    );
                }
                rest.insert("schema".into(), s);
                Value::Object(rest)
            }
            other => other,
        };
        out.insert(name, converted);
    }
    Value::Object(out)
}
