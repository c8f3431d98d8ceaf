//! Swagger 2.0 -> OpenAPI 3.0, on the parsed document, before the 3.x
//! normalising and `openapiv3` read it. The stage rewrites what 3.0 moved
//! or renamed (top-level `definitions`, `parameters`, `responses` and
//! `securityDefinitions` into `components`; body and form parameters into
//! request bodies; `consumes`/`produces` into media types; `host`,
//! `basePath` and `schemes` into `servers`) and records in [`Origins`]
//! where every moved node was written, so that later findings name the
//! original document's pointers.
//!
//! Malformed input is passed on unchanged where it cannot be converted:
//! the 3.0 reader then rejects it with a pointer that [`Origins`] maps back.
//!
//! Limits of the mapping back: a message that quotes a `$ref` quotes it
//! rewritten (`#/components/schemas/Pet` for `#/definitions/Pet`); a finding
//! about a form body as a whole names its first form parameter; a schema
//! that a later repair hoists into a component of its own (a `$ref` into
//! the middle of a schema) is named by its new component's pointer, as it
//! is for a 3.x document.

mod bodies;
mod operation;
mod params;
mod responses;
mod schema;
mod security;

use serde_json::{Map, Value};

use super::origins::Origins;
use crate::diagnostics::{child, Diagnostic};

/// Used when neither the operation nor the document names media types.
const DEFAULT_MEDIA: &str = "application/json";

/// A node's place in the converted document and in the original one.
#[derive(Debug, Clone)]
struct At {
    new: String,
    orig: String,
}

impl At {
    fn new(new: impl Into<String>, orig: impl Into<String>) -> At {
        At { new: new.into(), orig: orig.into() }
    }

    /// The same child in both documents.
    fn child(&self, token: &str) -> At {
        At { new: child(&self.new, token), orig: child(&self.orig, token) }
    }

    /// A child that only the converted document has; it stands for this node.
    fn new_child(&self, token: &str) -> At {
        At { new: child(&self.new, token), orig: self.orig.clone() }
    }
}

/// What the conversion reads document-wide, and what it records.
struct Conv<'d> {
    /// The document's `consumes` and `produces`: what an operation uses
    /// unless it names its own.
    consumes: Vec<String>,
    produces: Vec<String>,
    /// Top-level parameters as written: body and form ones are inlined
    /// where they are used, since 3.0 has no parameter of that kind.
    parameters: Map<String, Value>,
    /// Top-level responses as written, for an operation that produces
    /// other media types than the document.
    responses: Map<String, Value>,
    origins: Origins,
    diags: &'d mut Vec<Diagnostic>,
}

impl Conv<'_> {
    /// Records that the node at `at.new` was written at `at.orig`.
    fn record(&mut self, at: &At) {
        self.origins.record(at.new.clone(), at.orig.clone());
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(pointer, message));
    }

    fn note(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::note(pointer, message));
    }
}

/// Rewrites a Swagger 2.0 document into OpenAPI 3.0 in place. Findings go
/// to `diags` with pointers into the original; the returned map relates
/// the converted document's pointers to the original's.
pub fn convert(doc: &mut Value, diags: &mut Vec<Diagnostic>) -> Origins {
    let Value::Object(mut src) = std::mem::take(doc) else { return Origins::default() };
    let parameters = take_object(&mut src, "parameters", diags);
    let responses = take_object(&mut src, "responses", diags);
    let mut cx = Conv {
        consumes: media_list(src.get("consumes")),
        produces: media_list(src.get("produces")),
        parameters,
        responses,
        origins: Origins::default(),
        diags,
    };
    src.remove("swagger");
    src.remove("consumes");
    src.remove("produces");

    let mut out = Map::new();
    out.insert("openapi".into(), "3.0.3".into());
    if let Some(info) = src.remove("info") {
        out.insert("info".into(), info);
    }
    let servers = servers(&mut src, &mut cx);
    if !servers.is_empty() {
        out.insert("servers".into(), Value::Array(servers));
    }
    let components = components(&mut src, &mut cx);
    if let Some(paths) = src.remove("paths") {
        out.insert("paths".into(), operation::paths(paths, &mut cx));
    }
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    // `tags`, `security`, `externalDocs` and extensions read the same in 3.0.
    out.extend(src);
    *doc = Value::Object(out);
    cx.origins
}

/// `host`, `basePath` and `schemes` -> `servers`, one per scheme.
fn servers(src: &mut Map<String, Value>, cx: &mut Conv) -> Vec<Value> {
    let host = src.remove("host");
    let base = src.remove("basePath");
    let schemes = src.remove("schemes");
    let host = host.as_ref().and_then(Value::as_str).map(str::trim).filter(|h| !h.is_empty());
    let base = base.as_ref().and_then(Value::as_str).map(str::trim).unwrap_or("");
    let base = if base.is_empty() || base.starts_with('/') { base.to_owned() } else { format!("/{base}") };
    let Some(host) = host else {
        if base.is_empty() {
            return Vec::new();
        }
        // The API is served where the description is: a relative URL.
        cx.origins.record("/servers", "/basePath");
        return vec![server(&base)];
    };
    cx.origins.record("/servers", "/host");
    let listed: Vec<&str> = schemes
        .as_ref()
        .and_then(Value::as_array)
        .map_or(Vec::new(), |s| s.iter().filter_map(Value::as_str).collect());
    let mut web: Vec<&str> = listed.iter().copied().filter(|s| matches!(*s, "http" | "https")).collect();
    if web.is_empty() {
        let why = if listed.is_empty() { "no `schemes`" } else { "no http(s) `schemes`" };
        cx.note("/host", format!("{why}: the server is taken to use https"));
        web.push("https");
    }
    web.iter().map(|scheme| server(&format!("{scheme}://{host}{base}"))).collect()
}

fn server(url: &str) -> Value {
    let mut s = Map::new();
    s.insert("url".into(), url.into());
    Value::Object(s)
}

/// `definitions`, `parameters`, `responses` and `securityDefinitions` ->
/// `components`.
fn components(src: &mut Map<String, Value>, cx: &mut Conv) -> Map<String, Value> {
    let mut components = Map::new();
    if let Some(mut definitions) = src.remove("definitions") {
        cx.origins.record("/components/schemas", "/definitions");
        if let Value::Object(defs) = &mut definitions {
            for (name, s) in defs.iter_mut() {
                let at = At::new(child("/components/schemas", name), child("/definitions", name));
                schema::convert(s, &at, cx);
            }
        }
        components.insert("schemas".into(), definitions);
    }
    let mut parameters = Map::new();
    for (name, p) in cx.parameters.clone() {
        if params::is_body_or_form(&p) {
            continue;
        }
        let at = At::new(child("/components/parameters", name.as_str()), child("/parameters", name.as_str()));
        parameters.insert(name, params::parameter(p, &at, cx));
    }
    if !parameters.is_empty() {
        components.insert("parameters".into(), Value::Object(parameters));
    }
    let mut responses = Map::new();
    let produces = cx.produces.clone();
    for (name, r) in cx.responses.clone() {
        let at = At::new(child("/components/responses", name.as_str()), child("/responses", name.as_str()));
        responses.insert(name, responses::response(r, &produces, &at, cx));
    }
    if !responses.is_empty() {
        components.insert("responses".into(), Value::Object(responses));
    }
    if let Some(defs) = src.remove("securityDefinitions") {
        cx.origins.record("/components/securitySchemes", "/securityDefinitions");
        components.insert("securitySchemes".into(), security::schemes(defs, cx));
    }
    components
}

/// A `consumes` or `produces` list; anything else reads as none.
fn media_list(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for mt in v.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        let mt = mt.trim();
        if !mt.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(mt)) {
            out.push(mt.to_owned());
        }
    }
    out
}

/// Removes `key`, which must hold an object (of parameters or responses).
fn take_object(src: &mut Map<String, Value>, key: &str, diags: &mut Vec<Diagnostic>) -> Map<String, Value> {
    match src.remove(key) {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m,
        Some(Value::Array(a)) if a.is_empty() => Map::new(),
        Some(_) => {
            diags.push(Diagnostic::warning(child("", key), "not an object; ignored"));
            Map::new()
        }
    }
}

#[cfg(test)]
mod tests;
