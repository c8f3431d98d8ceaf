use serde_json::json;

use super::*;
use crate::load::{load, load_value, LoadError, SpecVersion};

/// Converts a document: (the 3.0 document, origins, findings).
fn conv(mut doc: Value) -> (Value, Origins, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let origins = convert(&mut doc, &mut diags);
    (doc, origins, diags)
}

fn spec(extra: Value) -> Value {
    let mut doc = json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}});
    if let (Value::Object(d), Value::Object(e)) = (&mut doc, extra) {
        d.extend(e);
    }
    doc
}

fn op(path: &str, method: &str, op: Value) -> Value {
    spec(json!({"paths": {path: {method: op}}}))
}

fn ok() -> Value {
    json!({"200": {"description": "ok"}})
}

#[test]
fn detects_swagger_2_and_rejects_other_swagger_versions() {
    let doc = load(br#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#).unwrap();
    assert_eq!(doc.version, SpecVersion::Swagger2);
    assert_eq!(doc.declared_version, "2.0");
    let yaml = load(b"swagger: 2.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap();
    assert_eq!(yaml.version, SpecVersion::Swagger2);
    let err = load(br#"{"swagger": "1.2", "info": {}, "paths": {}}"#).unwrap_err();
    assert!(matches!(err, LoadError::Swagger { .. }), "{err}");
    assert!(err.to_string().contains("Swagger 1.2 is not supported"), "{err}");
}

#[test]
fn definitions_become_component_schemas_and_refs_follow() {
    let (doc, origins, _) = conv(spec(json!({"definitions": {
        "Pet": {"type": "object", "properties": {
            "tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}},
            "extra": {"additionalProperties": {"$ref": "#/definitions/Tag"}},
            "base": {"allOf": [{"$ref": "#/definitions/Tag"}]}
        }},
        "Tag": {"type": "string"}
    }})));
    let pet = &doc["components"]["schemas"]["Pet"]["properties"];
    assert_eq!(pet["tags"]["items"]["$ref"], "#/components/schemas/Tag");
    assert_eq!(pet["extra"]["additionalProperties"]["$ref"], "#/components/schemas/Tag");
    assert_eq!(pet["base"]["allOf"][0]["$ref"], "#/components/schemas/Tag");
    assert!(doc.get("definitions").is_none() && doc.get("swagger").is_none());
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(
        origins.original("/components/schemas/Pet/properties/tags"),
        "/definitions/Pet/properties/tags"
    );
}

#[test]
fn top_level_parameters_and_responses_move_to_components() {
    let (doc, origins, _) = conv(spec(json!({
        "parameters": {"limit": {"name": "limit", "in": "query", "type": "integer", "format": "int32"}},
        "responses": {"NotFound": {"description": "gone", "schema": {"$ref": "#/definitions/Error"}}},
        "definitions": {"Error": {"type": "object"}},
        "paths": {"/pets": {"get": {
            "parameters": [{"$ref": "#/parameters/limit"}],
            "responses": {"200": {"description": "ok"}, "404": {"$ref": "#/responses/NotFound"}}
        }}}
    })));
    let c = &doc["components"];
    assert_eq!(c["parameters"]["limit"]["schema"], json!({"type": "integer", "format": "int32"}));
    assert_eq!(c["parameters"]["limit"]["in"], "query");
    // A reference inside a moved response points to the moved schema.
    assert_eq!(
        c["responses"]["NotFound"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Error"
    );
    let get = &doc["paths"]["/pets"]["get"];
    assert_eq!(get["parameters"][0]["$ref"], "#/components/parameters/limit");
    assert_eq!(get["responses"]["404"]["$ref"], "#/components/responses/NotFound");
    assert_eq!(origins.original("/components/parameters/limit/schema"), "/parameters/limit");
    assert_eq!(
        origins.original("/components/responses/NotFound/content/application~1json/schema"),
        "/responses/NotFound/schema"
    );
}

#[test]
fn a_shared_response_is_copied_for_an_operation_that_produces_other_types() {
    let (doc, _, _) = conv(spec(json!({
        "produces": ["application/json"],
        "responses": {"Err": {"description": "e", "schema": {"type": "string"}}},
        "paths": {"/a": {"get": {"produces": ["text/plain"], "responses": {"500": {"$ref": "#/responses/Err"}}}}}
    })));
    let r = &doc["paths"]["/a"]["get"]["responses"]["500"];
    assert!(r.get("$ref").is_none(), "{r}");
    assert_eq!(r["content"], json!({"text/plain": {"schema": {"type": "string"}}}));
}

#[test]
fn body_parameter_becomes_the_request_body_in_each_consumed_type() {
    let (doc, origins, _) = conv(spec(json!({
        "consumes": ["application/json"],
        "paths": {"/pets": {"post": {
            "consumes": ["application/json", "application/xml"],
            "parameters": [
                {"name": "id", "in": "query", "type": "string"},
                {"name": "pet", "in": "body", "required": true, "description": "the pet",
                 "schema": {"$ref": "#/definitions/Pet"}}
            ],
            "responses": {"200": {"description": "ok"}}
        }}}
    })));
    let post = &doc["paths"]["/pets"]["post"];
    let body = &post["requestBody"];
    assert_eq!(body["required"], true);
    assert_eq!(body["description"], "the pet");
    let content = body["content"].as_object().unwrap();
    assert_eq!(content.keys().collect::<Vec<_>>(), ["application/json", "application/xml"]);
    assert_eq!(content["application/xml"]["schema"]["$ref"], "#/components/schemas/Pet");
    assert_eq!(post["parameters"].as_array().unwrap().len(), 1);
    assert!(post.get("consumes").is_none());
    assert_eq!(
        origins.original("/paths/~1pets/post/requestBody/content/application~1json/schema"),
        "/paths/~1pets/post/parameters/1/schema"
    );
    assert_eq!(origins.original("/paths/~1pets/post/requestBody"), "/paths/~1pets/post/parameters/1");
}

#[test]
fn body_without_consumes_is_json_and_a_referenced_body_is_inlined() {
    let (doc, origins, _) = conv(spec(json!({
        "parameters": {"Body": {"name": "b", "in": "body", "schema": {"type": "object"}}},
        "paths": {"/a": {"put": {"parameters": [{"$ref": "#/parameters/Body"}], "responses": {"204": {"description": "d"}}}}}
    })));
    let put = &doc["paths"]["/a"]["put"];
    assert_eq!(put["requestBody"]["content"], json!({"application/json": {"schema": {"type": "object"}}}));
    assert!(put.get("parameters").is_none());
    // A body parameter is no 3.0 parameter: not among the components.
    assert!(doc.get("components").is_none(), "{doc}");
    assert_eq!(
        origins.original("/paths/~1a/put/requestBody/content/application~1json/schema"),
        "/parameters/Body/schema"
    );
}

#[test]
fn form_parameters_become_one_object_schema() {
    let (doc, origins, _) = conv(op(
        "/pets/{id}",
        "post",
        json!({
            "parameters": [
                {"name": "id", "in": "path", "required": true, "type": "integer"},
                {"name": "name", "in": "formData", "required": true, "type": "string", "description": "new name"},
                {"name": "tags", "in": "formData", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
            ],
            "responses": ok()
        }),
    ));
    let body = &doc["paths"]["/pets/{id}"]["post"]["requestBody"];
    assert_eq!(body["required"], true);
    let form = &body["content"]["application/x-www-form-urlencoded"];
    assert_eq!(
        form["schema"],
        json!({"type": "object", "properties": {
            "name": {"type": "string", "description": "new name"},
            "tags": {"type": "array", "items": {"type": "string"}}
        }, "required": ["name"]})
    );
    assert_eq!(form["encoding"]["tags"], json!({"style": "form", "explode": true}));
    assert_eq!(
        origins.original(
            "/paths/~1pets~1{id}/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/tags/items"
        ),
        "/paths/~1pets~1{id}/post/parameters/2/items"
    );
}

#[test]
fn a_file_field_makes_the_form_multipart() {
    let (doc, _, diags) = conv(op(
        "/upload",
        "post",
        json!({
            "consumes": ["application/x-www-form-urlencoded"],
            "parameters": [
                {"name": "file", "in": "formData", "type": "file", "required": true},
                {"name": "note", "in": "formData", "type": "string"}
            ],
            "responses": ok()
        }),
    ));
    let content = doc["paths"]["/upload"]["post"]["requestBody"]["content"].as_object().unwrap().clone();
    assert_eq!(content.keys().next().map(String::as_str), Some("multipart/form-data"));
    let file = &content["multipart/form-data"]["schema"]["properties"]["file"];
    assert_eq!(file, &json!({"type": "string", "format": "binary"}));
    assert!(diags.iter().any(|d| d.pointer == "/paths/~1upload/post/parameters/0"), "{diags:?}");
    // Without any `consumes` a file form is multipart, a plain one URL-encoded.
    let (doc, _, _) = conv(op(
        "/u",
        "post",
        json!({"parameters": [{"name": "f", "in": "formData", "type": "file"}], "responses": ok()}),
    ));
    assert!(doc["paths"]["/u"]["post"]["requestBody"]["content"].get("multipart/form-data").is_some());
}

#[test]
fn path_level_body_and_form_parameters_reach_each_operation() {
    let (doc, origins, _) = conv(spec(json!({"paths": {"/a": {
        "post": {"responses": {"200": {"description": "ok"}}},
        "put": {"parameters": [{"name": "other", "in": "body", "schema": {"type": "integer"}}], "responses": {"200": {"description": "ok"}}},
        "parameters": [
            {"name": "id", "in": "query", "type": "string"},
            {"name": "b", "in": "body", "schema": {"type": "string"}}
        ]
    }}})));
    let item = &doc["paths"]["/a"];
    assert_eq!(item["parameters"].as_array().unwrap().len(), 1);
    assert_eq!(item["post"]["requestBody"]["content"]["application/json"]["schema"]["type"], "string");
    // An operation's own body replaces the path's.
    assert_eq!(item["put"]["requestBody"]["content"]["application/json"]["schema"]["type"], "integer");
    assert_eq!(origins.original("/paths/~1a/post/requestBody"), "/paths/~1a/parameters/1");
}

#[test]
fn produces_become_response_media_types() {
    let (doc, origins, _) = conv(spec(json!({
        "produces": ["application/json", "text/plain"],
        "paths": {
            "/a": {"get": {"responses": {
                "200": {"description": "ok", "schema": {"type": "object"},
                        "examples": {"application/json": {"x": 1}, "image/png": "?"}},
                "204": {"description": "none"}
            }}},
            "/b": {"get": {"produces": ["application/x-tar"], "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}}},
            "/c": {"get": {"produces": [], "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}}}
        }
    })));
    let r = &doc["paths"]["/a"]["get"]["responses"];
    assert_eq!(
        r["200"]["content"]["application/json"],
        json!({"schema": {"type": "object"}, "example": {"x": 1}})
    );
    assert_eq!(r["200"]["content"]["text/plain"], json!({"schema": {"type": "object"}}));
    assert!(r["200"].get("examples").is_none() && r["200"].get("schema").is_none());
    assert!(r["204"].get("content").is_none());
    let tar = &doc["paths"]["/b"]["get"]["responses"]["200"]["content"];
    assert_eq!(tar, &json!({"application/x-tar": {"schema": {"type": "string", "format": "binary"}}}));
    let bytes = &doc["paths"]["/c"]["get"]["responses"]["200"]["content"];
    assert!(bytes.get("application/octet-stream").is_some(), "{bytes}");
    assert_eq!(
        origins.original("/paths/~1a/get/responses/200/content/application~1json/example"),
        "/paths/~1a/get/responses/200/examples/application~1json"
    );
}

#[test]
fn response_headers_get_a_schema() {
    let (doc, origins, _) = conv(op(
        "/a",
        "get",
        json!({"responses": {"200": {"description": "ok", "headers": {
            "X-Rate-Limit": {"type": "integer", "format": "int32", "description": "calls left"}
        }}}}),
    ));
    let h = &doc["paths"]["/a"]["get"]["responses"]["200"]["headers"]["X-Rate-Limit"];
    assert_eq!(h, &json!({"description": "calls left", "schema": {"type": "integer", "format": "int32"}}));
    assert_eq!(
        origins.original("/paths/~1a/get/responses/200/headers/X-Rate-Limit/schema"),
        "/paths/~1a/get/responses/200/headers/X-Rate-Limit"
    );
}

#[test]
fn host_base_path_and_schemes_become_servers() {
    let (doc, origins, _) =
        conv(spec(json!({"host": "api.example.com", "basePath": "/v1", "schemes": ["http", "https"]})));
    assert_eq!(
        doc["servers"],
        json!([{"url": "http://api.example.com/v1"}, {"url": "https://api.example.com/v1"}])
    );
    assert_eq!(origins.original("/servers"), "/host");
    let (doc, _, diags) = conv(spec(json!({"host": "api.example.com"})));
    assert_eq!(doc["servers"], json!([{"url": "https://api.example.com"}]));
    assert!(diags.iter().any(|d| d.pointer == "/host"), "{diags:?}");
    let (doc, origins, _) = conv(spec(json!({"basePath": "api/v2/"})));
    assert_eq!(doc["servers"], json!([{"url": "/api/v2/"}]));
    assert_eq!(origins.original("/servers"), "/basePath");
    let (doc, _, _) = conv(spec(json!({})));
    assert!(doc.get("servers").is_none());
}

#[test]
fn security_definitions_become_security_schemes() {
    let (doc, origins, diags) = conv(spec(json!({"securityDefinitions": {
        "basicAuth": {"type": "basic", "description": "user and password"},
        "headerToken": {"type": "apiKey", "name": "X-Key", "in": "header"},
        "queryToken": {"type": "apiKey", "name": "token", "in": "query"},
        "implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a/auth", "scopes": {"read": "r"}},
        "password": {"type": "oauth2", "flow": "password", "tokenUrl": "https://a/token", "scopes": {}},
        "application": {"type": "oauth2", "flow": "application", "tokenUrl": "https://a/token"},
        "accessCode": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a/auth", "tokenUrl": "https://a/token", "scopes": {}},
        "broken": {"type": "oauth2", "flow": "accessCode", "tokenUrl": "https://a/token", "scopes": {}},
        "odd": {"type": "kerberos"}
    }, "security": [{"basicAuth": []}]})));
    let s = &doc["components"]["securitySchemes"];
    assert_eq!(
        s["basicAuth"],
        json!({"type": "http", "description": "user and password", "scheme": "basic"})
    );
    assert_eq!(s["headerToken"], json!({"type": "apiKey", "name": "X-Key", "in": "header"}));
    assert_eq!(s["queryToken"]["in"], "query");
    assert_eq!(
        s["implicit"]["flows"],
        json!({"implicit": {"authorizationUrl": "https://a/auth", "scopes": {"read": "r"}}})
    );
    assert_eq!(s["password"]["flows"]["password"]["tokenUrl"], "https://a/token");
    assert_eq!(
        s["application"]["flows"]["clientCredentials"],
        json!({"tokenUrl": "https://a/token", "scopes": {}})
    );
    assert!(s["accessCode"]["flows"]["authorizationCode"]["authorizationUrl"].is_string());
    assert!(s["application"].get("flow").is_none());
    assert_eq!(s["broken"]["flows"]["authorizationCode"]["authorizationUrl"], "");
    assert!(s.get("odd").is_none());
    let pointers: Vec<&str> = diags.iter().map(|d| d.pointer.as_str()).collect();
    assert!(pointers.contains(&"/securityDefinitions/broken"), "{pointers:?}");
    assert!(pointers.contains(&"/securityDefinitions/odd"), "{pointers:?}");
    assert_eq!(doc["security"], json!([{"basicAuth": []}]));
    assert_eq!(origins.original("/components/securitySchemes/odd"), "/securityDefinitions/odd");
    // Every scheme reads as an `openapiv3` security scheme.
    let api: openapiv3::OpenAPI = serde_json::from_value(doc).unwrap();
    assert_eq!(api.components.unwrap().security_schemes.len(), 8);
}

fn query_param(extra: Value) -> (Value, Vec<Diagnostic>) {
    let mut p = json!({"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}});
    if let (Value::Object(p), Value::Object(e)) = (&mut p, extra) {
        p.extend(e);
    }
    let (doc, _, diags) = conv(op("/a", "get", json!({"parameters": [p], "responses": ok()})));
    (doc["paths"]["/a"]["get"]["parameters"][0].clone(), diags)
}

#[test]
fn collection_formats_become_styles() {
    let style = |p: &Value| (p.get("style").cloned(), p.get("explode").cloned());
    let (csv, _) = query_param(json!({}));
    assert_eq!(style(&csv), (Some(json!("form")), Some(json!(false))));
    let (multi, _) = query_param(json!({"collectionFormat": "multi"}));
    assert_eq!(style(&multi), (Some(json!("form")), Some(json!(true))));
    let (ssv, _) = query_param(json!({"collectionFormat": "ssv"}));
    assert_eq!(style(&ssv), (Some(json!("spaceDelimited")), Some(json!(false))));
    let (pipes, _) = query_param(json!({"collectionFormat": "pipes"}));
    assert_eq!(style(&pipes), (Some(json!("pipeDelimited")), Some(json!(false))));
    let (tsv, diags) = query_param(json!({"collectionFormat": "tsv"}));
    assert_eq!(style(&tsv), (Some(json!("form")), Some(json!(false))));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].pointer, "/paths/~1a/get/parameters/0/collectionFormat");
    assert!(diags[0].message.contains("tsv"), "{}", diags[0].message);
    assert!(csv.get("collectionFormat").is_none());
    // In a path, csv is 3.0's default (simple); other formats cannot be said.
    let (doc, _, diags) = conv(op(
        "/a/{ids}",
        "get",
        json!({"parameters": [
            {"name": "ids", "in": "path", "required": true, "type": "array", "items": {"type": "integer"}},
            {"name": "h", "in": "header", "type": "array", "items": {"type": "integer"}, "collectionFormat": "pipes"}
        ], "responses": ok()}),
    ));
    let params = &doc["paths"]["/a/{ids}"]["get"]["parameters"];
    assert!(params[0].get("style").is_none() && params[0].get("explode").is_none(), "{params}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].pointer, "/paths/~1a~1{ids}/get/parameters/1/collectionFormat");
}

#[test]
fn parameter_schema_keywords_move_into_a_schema() {
    let (p, _) = query_param(json!({
        "type": "array", "items": {"type": "integer", "format": "int64", "enum": [1, 2], "collectionFormat": "csv"},
        "default": [1], "minItems": 1, "description": "which", "required": true, "x-example": [2],
        "allowEmptyValue": true
    }));
    assert_eq!(
        p["schema"],
        json!({"type": "array", "items": {"type": "integer", "format": "int64", "enum": [1, 2]}, "default": [1], "minItems": 1})
    );
    assert_eq!(p["description"], "which");
    assert_eq!(p["required"], true);
    assert_eq!(p["example"], json!([2]));
    assert_eq!(p["allowEmptyValue"], true);
    for moved in ["type", "items", "default", "minItems", "x-example", "collectionFormat"] {
        assert!(p.get(moved).is_none(), "{moved} left on {p}");
    }
    let (untyped, diags) = query_param(json!({"type": null}));
    assert_eq!(untyped["schema"]["type"], "string");
    assert_eq!(diags[0].pointer, "/paths/~1a/get/parameters/0");
}

#[test]
fn file_nullable_and_discriminator_schemas() {
    let (doc, origins, _) = conv(spec(json!({"definitions": {
        "A": {"type": "object", "discriminator": "kind", "properties": {
            "kind": {"type": "string"},
            "note": {"type": "string", "x-nullable": true},
            "other": {"$ref": "#/definitions/B", "x-nullable": true, "description": "maybe"},
            "plain": {"type": "integer", "x-nullable": false},
            "data": {"type": "file"}
        }},
        "B": {"type": "object"}
    }})));
    let a = &doc["components"]["schemas"]["A"];
    assert_eq!(a["discriminator"], json!({"propertyName": "kind"}));
    let props = &a["properties"];
    assert_eq!(props["note"], json!({"type": "string", "nullable": true}));
    assert_eq!(
        props["other"],
        json!({"description": "maybe", "nullable": true, "allOf": [{"$ref": "#/components/schemas/B"}]})
    );
    assert_eq!(props["plain"], json!({"type": "integer"}));
    assert_eq!(props["data"], json!({"type": "string", "format": "binary"}));
    assert_eq!(
        origins.original("/components/schemas/A/properties/other/allOf/0"),
        "/definitions/A/properties/other"
    );
}

#[test]
fn operation_fields_that_3_0_lacks_are_dropped() {
    let (doc, _, diags) = conv(op(
        "/a",
        "get",
        json!({"schemes": ["ws"], "produces": ["application/json"], "responses": ok()}),
    ));
    let get = doc["paths"]["/a"]["get"].as_object().unwrap();
    assert!(!get.contains_key("schemes") && !get.contains_key("produces"));
    assert_eq!(diags[0].pointer, "/paths/~1a/get/schemes");
}

#[test]
fn malformed_documents_convert_without_panicking() {
    for extra in [
        json!({"paths": []}),
        json!({"paths": {"/a": 5}}),
        json!({"paths": {"/a": {"get": 5, "parameters": "x"}}}),
        json!({"paths": {"/a": {"get": {"parameters": [5, {"in": "body"}, {"in": "formData"}], "responses": []}}}}),
        json!({"paths": {"/a": {"get": {"parameters": [{"$ref": "#/parameters/missing"}], "responses": {"200": 5}}}}}),
        json!({"paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/responses/missing"}, "201": {"schema": 5, "examples": 3, "headers": 4}}}}}}),
        json!({"definitions": 5, "parameters": 5, "responses": [1], "securityDefinitions": 5}),
        json!({"securityDefinitions": {"a": 5, "b": {"type": "oauth2"}, "c": {"type": "oauth2", "flow": "accessCode", "scopes": 3}}}),
        json!({"host": 5, "basePath": 5, "schemes": "https"}),
        json!({"consumes": "x", "paths": {"/a": {"post": {"consumes": [5], "parameters": [{"name": "f", "in": "formData", "collectionFormat": 5}]}}}}),
    ] {
        let doc = spec(extra.clone());
        let bytes = serde_json::to_vec(&doc).unwrap();
        // Either loads or fails with a located error; never panics.
        let _ = load_value(doc, &bytes);
        let _ = crate::package(&bytes, &crate::PackageOptions::new("t", "t.json"));
    }
}

/// Pointers in findings after the conversion name the original document.
#[test]
fn later_findings_name_original_pointers() {
    let spec = br##"{"swagger": "2.0", "info": {"title": "t", "version": "1"},
      "paths": {"/pets": {"post": {
        "parameters": [
          {"name": "pet", "in": "body", "schema": {"$ref": "#/definitions/Missing"}},
          {"name": "filter", "in": "query", "type": "object"}
        ],
        "responses": {"200": {"description": "ok", "schema": {"type": "object", "properties": {"n": {"type": "integer"}}},
                              "examples": {"application/json": {"n": 1}}}}
      }}}}"##;
    let doc = load(spec).unwrap();
    let api = crate::model::build(&doc).unwrap();
    let pointers: Vec<&str> =
        doc.diagnostics.iter().chain(&api.diagnostics).map(|d| d.pointer.as_str()).collect();
    assert!(pointers.contains(&"/paths/~1pets/post/parameters/0/schema/$ref"), "{pointers:?}");
    assert!(pointers.contains(&"/paths/~1pets/post/parameters/1"), "{pointers:?}");
    assert!(!pointers.iter().any(|p| p.contains("requestBody") || p.contains("/content/")), "{pointers:?}");
    let examples: Vec<&str> = api.examples.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(examples, ["/paths/~1pets/post/responses/200/examples/application~1json"]);
    assert_eq!(api.operations[0].pointer, "/paths/~1pets/post");
}

#[test]
fn load_errors_name_original_pointers() {
    let spec = br#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
      "definitions": {"A": {"type": "object", "properties": {"b": {"type": "string", "maxLength": "x"}}}}}"#;
    let err = load(spec).unwrap_err().to_string();
    assert!(err.starts_with("/definitions/A/properties/b"), "{err}");
    let spec = br#"{"swagger": "2.0", "info": {"title": "t", "version": "1"},
      "paths": {"/a": {"get": {"parameters": [{"name": "x", "in": "body", "schema": {"type": "object"}},
                                            {"name": "q", "in": "query", "type": "string", "maxLength": "x"}],
                             "responses": {"200": {"description": "ok"}}}}}}"#;
    let err = load(spec).unwrap_err().to_string();
    assert!(err.starts_with("/paths/~1a/get/parameters/1"), "{err}");
}

#[test]
fn model_errors_name_original_pointers() {
    let spec = br##"{"swagger": "2.0", "info": {"title": "t", "version": "1"},
      "paths": {"/a": {"get": {"parameters": [{"name": "x", "in": "body", "schema": {"type": "object"}},
                                            {"$ref": "#/parameters/nope"}],
                             "responses": {"200": {"description": "ok"}}}}}}"##;
    let doc = load(spec).unwrap();
    let err = crate::model::build(&doc).unwrap_err();
    assert!(err.pointer.starts_with("/paths/~1a/get/parameters/1"), "{err}");
}

/// The whole conversion of a small spec that uses every construct.
#[test]
fn converted_document_snapshot() {
    let yaml = include_str!("example.yaml");
    let mut value = crate::load::parse_value(yaml.as_bytes()).unwrap();
    let mut diags = Vec::new();
    convert(&mut value, &mut diags);
    let findings: Vec<String> = diags.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(format!(
        "{}\n\nfindings:\n{}",
        serde_json::to_string_pretty(&value).unwrap(),
        findings.join("\n")
    ));
    // And the result is a document the rest of the pipeline reads.
    let doc = load(yaml.as_bytes()).unwrap();
    assert_eq!(doc.api.paths.paths.len(), 3);
    let pkg = crate::package::package_document(&doc, &crate::PackageOptions::new("t", "t.yaml")).unwrap();
    assert_eq!(pkg.operations, 4);
}

#[test]
fn pipes_arrays_are_sent_pipe_separated() {
    let spec = br#"{"swagger": "2.0", "info": {"title": "t", "version": "1"},
      "paths": {"/a": {"get": {"parameters": [
        {"name": "b", "in": "body", "schema": {"type": "object"}},
        {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "pipes"},
        {"name": "words", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "ssv"}],
        "responses": {"200": {"description": "ok"}}}}}}"#;
    let doc = load(spec).unwrap();
    let api = crate::model::build(&doc).unwrap();
    let separators: Vec<(&str, bool, char)> =
        api.operations[0].params.iter().map(|p| (p.wire_name.as_str(), p.explode, p.separator)).collect();
    assert_eq!(separators, [("ids", false, '|'), ("words", false, ' ')]);
    assert!(!api.diagnostics.iter().any(|d| d.message.contains("comma-separated")), "{:?}", api.diagnostics);
}
