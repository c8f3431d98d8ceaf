//! Arbitrary documents shaped like OpenAPI: real keywords in plausible
//! places, with arbitrary names, nesting, `$ref`s and wrong types, so that
//! the fuzzer spends its time past the parser.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const NAMES: &[&str] = &[
    "Pet", "pet", "id", "type", "self", "Self", "Option", "data", "page", "limit", "items", "_", "", "1a",
    "ключ", "a/b", "a~b", "{id}", "Api", "Error", "value", "r#type", "default",
];
const TYPES: &[&str] =
    &["string", "integer", "number", "boolean", "object", "array", "null", "Integer", "file"];
const FORMATS: &[&str] = &["int32", "int64", "binary", "date-time", "uuid", "uint64", "double", "float"];
const MEDIA: &[&str] = &[
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
    "text/plain",
    "application/xml",
    "*/*",
];
const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options", "trace"];

fn name(u: &mut Unstructured) -> arbitrary::Result<String> {
    if u.ratio(1, 8)? {
        return String::arbitrary(u);
    }
    Ok(u.choose(NAMES)?.to_string())
}

fn reference(u: &mut Unstructured) -> arbitrary::Result<Value> {
    let target = match u.int_in_range(0..=5)? {
        0 => format!("#/components/schemas/{}", name(u)?),
        1 => format!("#/components/schemas/{}/properties/{}", name(u)?, name(u)?),
        2 => format!("#/components/schemas/{}/allOf/0", name(u)?),
        3 => "#/components/schemas/S0".to_owned(),
        4 => String::arbitrary(u)?,
        _ => "#/paths/~1p/get/responses/200/content/application~1json/schema".to_owned(),
    };
    Ok(json!({ "$ref": target }))
}

fn schema(u: &mut Unstructured, depth: u32) -> arbitrary::Result<Value> {
    if depth > 6 || u.ratio(1, 4)? {
        return if u.ratio(1, 3)? { reference(u) } else { Ok(json!({ "type": u.choose(TYPES)? })) };
    }
    let mut m = Map::new();
    match u.int_in_range(0..=9)? {
        0 | 1 => {
            m.insert("type".into(), json!("object"));
            let mut props = Map::new();
            for _ in 0..u.int_in_range(0..=4)? {
                props.insert(name(u)?, schema(u, depth + 1)?);
            }
            m.insert("properties".into(), Value::Object(props));
            if u.arbitrary()? {
                m.insert("required".into(), json!([name(u)?, name(u)?]));
            }
            if u.arbitrary()? {
                m.insert(
                    "additionalProperties".into(),
                    if u.arbitrary()? { json!(true) } else { schema(u, depth + 1)? },
                );
            }
        }
        2 => {
            m.insert("type".into(), json!("array"));
            m.insert("items".into(), schema(u, depth + 1)?);
        }
        3..=5 => {
            let key = *u.choose(&["allOf", "oneOf", "anyOf"])?;
            let mut list = Vec::new();
            for _ in 0..u.int_in_range(0..=3)? {
                list.push(schema(u, depth + 1)?);
            }
            m.insert(key.into(), Value::Array(list));
            if u.ratio(1, 4)? {
                m.insert("discriminator".into(), json!({ "propertyName": name(u)? }));
            }
        }
        6 => {
            m.insert("type".into(), json!(u.choose(&["string", "integer"])?));
            let mut values = Vec::new();
            for _ in 0..u.int_in_range(0..=4)? {
                values.push(match u.int_in_range(0..=3)? {
                    0 => json!(name(u)?),
                    1 => json!(i64::arbitrary(u)?),
                    2 => Value::Null,
                    _ => json!(f64::arbitrary(u)?.is_finite()),
                });
            }
            m.insert("enum".into(), Value::Array(values));
        }
        7 => {
            // 3.1 forms.
            m.insert("type".into(), json!([u.choose(TYPES)?, u.choose(TYPES)?]));
            if u.arbitrary()? {
                m.insert("const".into(), json!(name(u)?));
            }
        }
        8 => {
            m.insert("type".into(), json!(u.choose(TYPES)?));
            m.insert("format".into(), json!(u.choose(FORMATS)?));
            m.insert("nullable".into(), json!(bool::arbitrary(u)?));
        }
        _ => return reference(u),
    }
    Ok(Value::Object(m))
}

fn content(u: &mut Unstructured, depth: u32) -> arbitrary::Result<Value> {
    let mut c = Map::new();
    for _ in 0..u.int_in_range(0..=2)? {
        c.insert(u.choose(MEDIA)?.to_string(), json!({ "schema": schema(u, depth)? }));
    }
    Ok(Value::Object(c))
}

fn parameter(u: &mut Unstructured) -> arbitrary::Result<Value> {
    if u.ratio(1, 6)? {
        return Ok(json!({ "$ref": format!("#/components/parameters/{}", name(u)?) }));
    }
    let location = *u.choose(&["path", "query", "header", "cookie"])?;
    let mut p = json!({ "name": name(u)?, "in": location, "required": bool::arbitrary(u)? });
    if u.ratio(4, 5)? {
        p["schema"] = schema(u, 4)?;
    }
    if u.ratio(1, 6)? {
        p["explode"] = json!(bool::arbitrary(u)?);
        p["style"] = json!(u.choose(&["form", "simple", "deepObject", "pipeDelimited"])?);
    }
    Ok(p)
}

fn operation(u: &mut Unstructured) -> arbitrary::Result<Value> {
    let mut op = Map::new();
    if u.ratio(3, 4)? {
        op.insert("operationId".into(), json!(name(u)?));
    }
    let mut params = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        params.push(parameter(u)?);
    }
    op.insert("parameters".into(), Value::Array(params));
    if u.arbitrary()? {
        op.insert(
            "requestBody".into(),
            json!({ "required": bool::arbitrary(u)?, "content": content(u, 2)? }),
        );
    }
    if u.ratio(7, 8)? {
        let mut responses = Map::new();
        for _ in 0..u.int_in_range(0..=3)? {
            let code = *u.choose(&["200", "201", "204", "2XX", "default", "404", "500", "abc"])?;
            responses.insert(code.into(), json!({ "description": "d", "content": content(u, 2)? }));
        }
        op.insert("responses".into(), Value::Object(responses));
    }
    if u.ratio(1, 4)? {
        op.insert("security".into(), json!([{ "bearer": [] }]));
    }
    Ok(Value::Object(op))
}

fn document(u: &mut Unstructured) -> arbitrary::Result<Value> {
    let mut paths = Map::new();
    for _ in 0..u.int_in_range(0..=4)? {
        let path = match u.int_in_range(0..=3)? {
            0 => "/p".to_owned(),
            1 => format!("/p/{{{}}}", name(u)?),
            2 => format!("/{}?{}=1", name(u)?, name(u)?),
            _ => format!("/{}/{{{}}}/{{{}}}", name(u)?, name(u)?, name(u)?),
        };
        let mut item = Map::new();
        for _ in 0..u.int_in_range(1..=3)? {
            item.insert(u.choose(METHODS)?.to_string(), operation(u)?);
        }
        if u.ratio(1, 4)? {
            item.insert("parameters".into(), json!([parameter(u)?]));
        }
        paths.insert(path, Value::Object(item));
    }
    let mut schemas = Map::new();
    for i in 0..u.int_in_range(0..=5)? {
        let key = if i == 0 { "S0".to_owned() } else { name(u)? };
        schemas.insert(key, schema(u, 0)?);
    }
    let mut parameters = Map::new();
    for _ in 0..u.int_in_range(0..=2)? {
        parameters.insert(name(u)?, parameter(u)?);
    }
    let version = *u.choose(&["3.0.3", "3.1.0", "3.0.0"])?;
    let mut doc = json!({
        "openapi": version,
        "info": { "title": name(u)?, "version": "1" },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": parameters,
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } }
        }
    });
    if u.ratio(1, 3)? {
        doc["servers"] = json!([{ "url": u.choose(&["https://x.test/v1", "/api", "{scheme}://x", ""])? }]);
    }
    if version == "3.1.0" && u.ratio(1, 3)? {
        doc["webhooks"] = json!({ name(u)?: { "post": operation(u)? } });
    }
    Ok(doc)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(doc) = document(&mut u) else { return };
    let bytes = serde_json::to_vec(&doc).unwrap_or_default();
    let options = generator::PackageOptions::new("fuzzed", "fuzz.json");
    let _ = generator::package(&bytes, &options);
});
