use super::*;

#[test]
fn rejects_html() {
    let err = load(b"<!DOCTYPE html><html><body>hi</body></html>").unwrap_err();
    assert!(matches!(err, LoadError::Html { .. }), "{err}");
}

#[test]
fn rejects_other_swagger_versions_naming_them() {
    let err = load(br#"{"swagger": "3.0", "info": {}, "paths": {}}"#).unwrap_err();
    assert!(err.to_string().contains("Swagger 3.0 is not supported"), "{err}");
}

#[test]
fn rejects_truncated_json() {
    let err = load(br#"{"openapi": "3.0.0", "info": {"title": "#).unwrap_err();
    assert!(matches!(err, LoadError::Json(_)), "{err}");
}

#[test]
fn invalid_node_is_named_by_pointer() {
    let spec = br#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}}}"#;
    let err = load(spec).unwrap_err().to_string();
    assert!(err.starts_with("/paths/~1a/get/responses/200"), "{err}");
}

#[test]
fn normalizes_31_type_arrays_const_and_examples() {
    let spec = br#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
webhooks:
  ping:
    post:
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {"200": {description: ok}}
components:
  schemas:
    A:
      type: [string, "null"]
      examples: [x, y]
    B:
      const: fixed
    C:
      type: [object, array]
    D:
      type: "null"
"#;
    let doc = load(spec).unwrap();
    assert_eq!(doc.version, SpecVersion::V3_1);
    assert_eq!(doc.webhooks.len(), 1);
    let s = serde_json::to_value(&doc.api.components.unwrap().schemas).unwrap();
    assert_eq!(s["A"]["type"], "string");
    assert_eq!(s["A"]["nullable"], true);
    assert_eq!(s["A"]["example"], "x");
    assert_eq!(s["B"]["enum"], serde_json::json!(["fixed"]));
    assert_eq!(s["C"]["anyOf"][0]["type"], "object");
    assert_eq!(s["C"]["anyOf"][1]["type"], "array");
    assert_eq!(s["D"]["x-null-type"], true);
}

#[test]
fn loads_yaml_and_json_alike() {
    let json = br#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
    let yaml = b"openapi: 3.0.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n";
    assert_eq!(load(json).unwrap().api, load(yaml).unwrap().api);
}

#[test]
fn repairs_empty_array_maps() {
    let spec = br#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "d", "content": []}}}}}}"#;
    let doc = load(spec).unwrap();
    assert!(doc.diagnostics.iter().any(|d| d.pointer.ends_with("/200/content")));
}
