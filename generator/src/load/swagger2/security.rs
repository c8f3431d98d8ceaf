//! `securityDefinitions` -> `components.securitySchemes`: `basic` becomes
//! HTTP basic, `apiKey` reads the same, and an `oauth2` definition's one
//! flow becomes the 3.0 flow of the new name.

use serde_json::{Map, Value};

use super::Conv;
use crate::diagnostics::child;

/// 2.0 flow name -> 3.0 flow name, and which URLs the flow needs.
const FLOWS: &[(&str, &str, &[&str])] = &[
    ("implicit", "implicit", &["authorizationUrl"]),
    ("password", "password", &["tokenUrl"]),
    ("application", "clientCredentials", &["tokenUrl"]),
    ("accessCode", "authorizationCode", &["authorizationUrl", "tokenUrl"]),
];

pub(super) fn schemes(defs: Value, cx: &mut Conv) -> Value {
    let Value::Object(defs) = defs else { return defs };
    let mut out = Map::new();
    for (name, def) in defs {
        let orig = child("/securityDefinitions", &name);
        if let Some(scheme) = scheme(def, &orig, cx) {
            out.insert(name, scheme);
        }
    }
    Value::Object(out)
}

fn scheme(def: Value, orig: &str, cx: &mut Conv) -> Option<Value> {
    let Value::Object(mut def) = def else { return Some(def) };
    match def.get("type").and_then(Value::as_str) {
        Some("apiKey") => Some(Value::Object(def)),
        Some("basic") => {
            def.insert("type".into(), "http".into());
            def.insert("scheme".into(), "basic".into());
            Some(Value::Object(def))
        }
        Some("oauth2") => Some(Value::Object(oauth2(def, orig, cx))),
        other => {
            let what = other.map_or_else(|| "no `type`".to_owned(), |t| format!("type {t:?}"));
            cx.warn(orig, format!("security definition of {what}; ignored"));
            None
        }
    }
}

fn oauth2(mut def: Map<String, Value>, orig: &str, cx: &mut Conv) -> Map<String, Value> {
    let flow = def.remove("flow");
    let mut flow_object = Map::new();
    for key in ["authorizationUrl", "tokenUrl"] {
        if let Some(url) = def.remove(key) {
            flow_object.insert(key.into(), url);
        }
    }
    let scopes = match def.remove("scopes") {
        Some(Value::Object(scopes)) => Value::Object(scopes),
        _ => Value::Object(Map::new()),
    };
    flow_object.insert("scopes".into(), scopes);
    let mut flows = Map::new();
    match FLOWS.iter().find(|(old, ..)| Some(*old) == flow.as_ref().and_then(Value::as_str)) {
        Some((_, new, urls)) => {
            for url in *urls {
                if !flow_object.get(*url).is_some_and(Value::is_string) {
                    cx.warn(orig, format!("oauth2 flow {new:?} without `{url}`; read as empty"));
                    flow_object.insert((*url).into(), "".into());
                }
            }
            flows.insert((*new).into(), Value::Object(flow_object));
        }
        None => cx.warn(&child(orig, "flow"), "not an oauth2 flow of Swagger 2.0; the scheme has no flow"),
    }
    def.insert("flows".into(), Value::Object(flows));
    def
}
