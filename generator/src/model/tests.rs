use super::*;

fn model(spec: &str) -> Api {
    build(&crate::load::load(spec.as_bytes()).expect("loads")).expect("models")
}

fn developers() -> Api {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/developers/openapi.json");
    let bytes = std::fs::read(path).expect("committed spec");
    build(&crate::load::load(&bytes).expect("loads")).expect("models")
}

#[test]
fn developers_spec_models() {
    let api = developers();
    assert_eq!(api.operations.len(), 19, "20 operations less the one documented as not callable");
    assert_eq!(api.webhooks.len(), 12);
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    // Error bodies reach users as `Error::Api`, not typed: not generated.
    assert!(!names.contains(&"UnauthorizedResponse"), "{names:?}");
    assert!(names.contains(&"Country"), "{names:?}");
    // Examples are checked against generated types only.
    for e in &api.examples {
        assert!(e.ty.named().is_none_or(|n| names.contains(&n)), "{}: {:?}", e.pointer, e.ty);
    }
    let op = api.operations.iter().find(|o| o.operation_id == "list_voip_calls").unwrap();
    assert_eq!(op.auth, Auth::PartnerUser);
    assert!(op.pagination.as_ref().is_some_and(|p| p.in_body));
    let op = api.operations.iter().find(|o| o.operation_id == "list_marketplace_app_locations").unwrap();
    assert_eq!(op.server.as_deref(), Some("https://app.alteg.io"));
    assert!(op.params.iter().all(|p| p.wire_name != "Accept"));
    assert!(op.pagination.is_some());
    let salon = api.webhooks.iter().find(|w| w.name == "SalonEvent").unwrap();
    assert_eq!(salon.tag, Some(("resource".into(), vec!["salon".into()])));
}

#[test]
fn required_optional_nullable() {
    let api = model(
        r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"A": {"type": "object", "required": ["r", "rn"],
          "properties": {"r": {"type": "string"}, "o": {"type": "integer", "format": "int32"},
          "rn": {"type": ["string", "null"]}}}}}}"#,
    );
    let TypeKind::Struct(s) = &api.types[0].kind else { panic!("struct") };
    let f = |n: &str| s.fields.iter().find(|f| f.name == n).unwrap();
    assert!(f("r").required && !f("r").optional());
    assert!(!f("o").required && f("o").ty == TypeRef::I32);
    assert!(f("rn").required && f("rn").nullable);
}

#[test]
fn recursion_is_boxed() {
    let api = model(
        r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"Node": {"type": "object", "properties": {
          "next": {"$ref": "#/components/schemas/Node"},
          "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}}}"##,
    );
    let TypeKind::Struct(s) = &api.types[0].kind else { panic!("struct") };
    assert!(s.fields[0].boxed, "direct self reference boxed");
    assert!(!s.fields[1].boxed, "Vec already allocates");
}

#[test]
fn ref_cycle_is_an_error_with_pointer() {
    let doc = crate::load::load(
        br##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "d", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}},
        "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}}"##,
    )
    .unwrap();
    let err = build(&doc).unwrap_err();
    assert!(err.message.contains("cycle"), "{err}");
    assert!(err.pointer.starts_with('/'), "{err}");
}

#[test]
fn missing_ref_names_pointer() {
    let doc = crate::load::load(
        br##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/Missing"}}}}}}"##,
    )
    .unwrap();
    // Read as any value, with a warning that names where.
    let warning = doc.diagnostics.iter().find(|d| d.message.contains("points to no schema")).unwrap();
    assert_eq!(warning.pointer, "/components/schemas/A/properties/b/$ref");
    let api = build(&doc).unwrap();
    let TypeKind::Struct(s) = &api.types[0].kind else { panic!("{:?}", api.types[0]) };
    assert_eq!(s.fields[0].ty, TypeRef::Value);
}

#[test]
fn path_parameters_are_matched_to_the_template() {
    let api = model(
        r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /certificates/{certificate_id}:
    get:
      operationId: misnamed
      parameters: [{name: cert_id, in: path, required: true, schema: {type: integer}}]
      responses: {'200': {description: ok}}
  /a/{x}/b/{y}:
    get:
      operationId: missing_and_unused
      parameters:
        - {name: p, in: path, required: true, schema: {type: string}}
        - {name: q, in: path, required: true, schema: {type: string}}
        - {name: x, in: path, required: true, schema: {type: integer}}
      responses: {'200': {description: ok}}
  /c/{z}:
    get:
      operationId: undeclared
      responses: {'200': {description: ok}}
"#,
    );
    let op = |id: &str| api.operations.iter().find(|o| o.operation_id == id).unwrap();
    let wires =
        |id: &str| op(id).params.iter().map(|p| (p.name.clone(), p.wire_name.clone())).collect::<Vec<_>>();
    // One unused parameter and one unfilled variable: the same, misnamed.
    assert_eq!(wires("misnamed"), [("cert_id".to_owned(), "certificate_id".to_owned())]);
    assert_eq!(op("misnamed").params[0].ty, TypeRef::I64);
    // Two unused and one unfilled: no guessing; the variable gets an argument.
    let w = wires("missing_and_unused");
    assert!(
        w.contains(&("p".to_owned(), "p".to_owned())) && w.contains(&("q".to_owned(), "q".to_owned())),
        "{w:?}"
    );
    assert!(w.contains(&("y".to_owned(), "y".to_owned())), "{w:?}");
    assert_eq!(wires("undeclared"), [("z".to_owned(), "z".to_owned())]);
    assert_eq!(op("undeclared").params[0].ty, TypeRef::String);
    let warned = |text: &str| api.diagnostics.iter().filter(|d| d.message.contains(text)).count();
    assert_eq!(warned("fills `{certificate_id}`"), 1);
    assert_eq!(warned("does not send it"), 2);
    assert_eq!(warned("has no path parameter"), 2);
}
