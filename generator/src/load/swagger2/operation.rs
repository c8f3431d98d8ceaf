//! Paths and operations: each operation's body and form parameters become
//! its request body (in the media types it consumes), its responses are
//! offered in the media types it produces.

use serde_json::{Map, Value};

use super::params::{self, Sourced};
use super::{bodies, media_list, responses, At, Conv};
use crate::diagnostics::child;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

pub(super) fn paths(paths: Value, cx: &mut Conv) -> Value {
    let Value::Object(paths) = paths else { return paths };
    let mut out = Map::new();
    for (path, item) in paths {
        if path.starts_with("x-") {
            out.insert(path, item);
            continue;
        }
        let at = At::new(child("/paths", &path), child("/paths", &path));
        out.insert(path, path_item(item, &at, cx));
    }
    Value::Object(out)
}

fn path_item(item: Value, at: &At, cx: &mut Conv) -> Value {
    let Value::Object(mut item) = item else { return item };
    if item.contains_key("$ref") {
        return Value::Object(item);
    }
    // Path-level body and form parameters go to every operation, which may
    // come before `parameters` in the object: they are split off first.
    let mut out = Map::new();
    let mut inherited = Vec::new();
    match item.remove("parameters") {
        Some(Value::Array(list)) => {
            let (plain, bodies) = params::split(list, &at.child("parameters"), cx);
            inherited = bodies;
            if !plain.is_empty() {
                out.insert("parameters".into(), Value::Array(plain));
            }
        }
        Some(other) => {
            out.insert("parameters".into(), other);
        }
        None => {}
    }
    for (key, v) in item {
        let v =
            if METHODS.contains(&key.as_str()) { operation(v, &at.child(&key), &inherited, cx) } else { v };
        out.insert(key, v);
    }
    Value::Object(out)
}

/// One operation; `inherited` are the path's body and form parameters.
fn operation(op: Value, at: &At, inherited: &[Sourced], cx: &mut Conv) -> Value {
    let Value::Object(op) = op else { return op };
    let consumes = op.get("consumes").map_or_else(|| cx.consumes.clone(), |c| media_list(Some(c)));
    let produces = op.get("produces").map_or_else(|| cx.produces.clone(), |p| media_list(Some(p)));
    let mut own = Vec::new();
    let mut out = Map::new();
    for (key, v) in op {
        match (key.as_str(), v) {
            ("consumes" | "produces", _) => {}
            ("schemes", _) => cx.note(
                &child(&at.orig, "schemes"),
                "operation-level `schemes` ignored; the document's servers apply",
            ),
            ("parameters", Value::Array(list)) => {
                let (plain, bodies) = params::split(list, &at.child("parameters"), cx);
                own = bodies;
                if !plain.is_empty() {
                    out.insert(key, Value::Array(plain));
                }
            }
            ("responses", Value::Object(rs)) => {
                let mut converted = Map::new();
                for (code, r) in rs {
                    let r_at = at.child("responses").child(&code);
                    converted.insert(code, responses::response_or_ref(r, &produces, &r_at, cx));
                }
                out.insert(key, Value::Object(converted));
            }
            (_, v) => {
                out.insert(key, v);
            }
        }
    }
    let mut sourced: Vec<Sourced> =
        inherited.iter().filter(|p| !own.iter().any(|o| p.replaced_by(o))).cloned().collect();
    sourced.extend(own);
    let Some(body) = bodies::request_body(&sourced, &consumes, at, cx) else { return Value::Object(out) };
    // Where 3.0 descriptions put it: before the responses.
    let mut ordered = Map::new();
    let mut body = Some(body);
    for (key, v) in out {
        if key == "responses" {
            if let Some(body) = body.take() {
                ordered.insert("requestBody".into(), body);
            }
        }
        ordered.insert(key, v);
    }
    if let Some(body) = body {
        ordered.insert("requestBody".into(), body);
    }
    Value::Object(ordered)
}
