use super::*;

fn model(spec: &str) -> Api {
    build(&crate::load::load(spec.as_bytes()).expect("loads")).expect("models")
}

fn developers() -> Api {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/developers/openapi.json");
    let bytes = std::fs::read(path).expect("committed spec");
    let profile = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/developers/profile.json");
    let profile = crate::Profile::from_json(&std::fs::read_to_string(profile).expect("committed profile"));
    build_with(&crate::load::load(&bytes).expect("loads"), &profile.expect("a valid profile"))
        .expect("models")
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

#[test]
fn a_repeated_path_variable_is_one_argument_with_a_warning_on_the_path() {
    let api = model(
        r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a/{id}/b/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      operationId: declared
      responses: {'200': {description: ok}}
    delete:
      operationId: declared_too
      responses: {'204': {description: gone}}
  /c/{v}/d/{v}/e/{w}:
    get:
      operationId: undeclared
      responses: {'200': {description: ok}}
"#,
    );
    let op = |id: &str| api.operations.iter().find(|o| o.operation_id == id).unwrap();
    let names = |id: &str| op(id).params.iter().map(|p| p.wire_name.clone()).collect::<Vec<_>>();
    assert_eq!(names("declared"), ["id"]);
    assert_eq!(names("declared_too"), ["id"]);
    assert_eq!(names("undeclared"), ["v", "w"]);
    let repeated: Vec<(&str, &str)> = api
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("more than once"))
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    // Once per path, whatever its operations, pointing at the path.
    assert_eq!(repeated.len(), 2, "{repeated:?}");
    assert_eq!(repeated[0].0, "/paths/~1a~1{id}~1b~1{id}");
    assert!(repeated[0].1.contains("`{id}`"), "{}", repeated[0].1);
    assert_eq!(repeated[1].0, "/paths/~1c~1{v}~1d~1{v}~1e~1{w}");
    assert!(repeated[1].1.contains("`{v}`") && !repeated[1].1.contains("`{w}`"), "{}", repeated[1].1);
    assert_eq!(api.diagnostics.iter().filter(|d| d.message.contains("has no path parameter")).count(), 2);
}

#[test]
fn other_request_media_types_get_methods_named_after_every_operation() {
    let api = model(
        r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {
          "/pets": {"post": {"operationId": "create_pet", "requestBody": {"content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
            "application/merge-patch+json": {"schema": {"$ref": "#/components/schemas/Pet"}},
            "application/xml": {"schema": {"$ref": "#/components/schemas/Pet"}},
            "image/*": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {"photo": {"type": "string", "format": "binary"}}}},
            "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Pet"}},
            "Application/X-WWW-Form-Urlencoded; charset=utf-8": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
            "responses": {"204": {"description": "ok"}}}},
          "/pets/multipart": {"post": {"operationId": "create_pet_multipart",
            "responses": {"204": {"description": "ok"}}}}
        },
        "components": {"schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}}}"##,
    );
    let op = api.operations.iter().find(|o| o.operation_id == "create_pet").unwrap();
    assert_eq!(op.body.as_ref().map(|b| b.kind), Some(BodyKind::Json));
    let alternatives: Vec<(&str, &str, BodyKind)> = op
        .alternatives
        .iter()
        .map(|a| (a.method_name.as_str(), a.body.media_type.as_str(), a.body.kind))
        .collect();
    // The operation named `create_pet_multipart` keeps its name.
    assert_eq!(
        alternatives,
        [
            ("create_pet_multipart2", "multipart/form-data", BodyKind::Multipart),
            ("create_pet_form", "application/x-www-form-urlencoded", BodyKind::Form),
        ]
    );
    assert_eq!(
        op.unsent_media,
        [
            "application/merge-patch+json",
            "application/xml",
            "image/*",
            "Application/X-WWW-Form-Urlencoded; charset=utf-8"
        ]
    );
    // The form body is the JSON body's type; the multipart one is named for its role.
    assert_eq!(op.alternatives[1].body.ty, op.body.as_ref().unwrap().ty);
    assert_eq!(op.alternatives[0].body.ty, TypeRef::Named("CreatePetMultipartRequest".into()));
    let upload = api.types.iter().find(|t| t.name == "CreatePetMultipartRequest").unwrap();
    let TypeKind::Struct(s) = &upload.kind else { panic!("struct") };
    assert_eq!((&s.fields[0].ty, s.fields[0].required), (&TypeRef::File, false));
    assert!(upload.in_request);
    let counted = crate::emit::bodies::media_choices(&api);
    assert_eq!((counted.several, counted.methods, counted.unsent), (1, 2, 4));
}

#[test]
fn form_field_styles_keep_a_written_explode_false() {
    let api = model(
        r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/charges": {"post": {"operationId": "charge", "requestBody": {"content": {
          "application/x-www-form-urlencoded": {
            "schema": {"type": "object", "properties": {
              "flat": {"type": "array", "items": {"type": "string"}},
              "flat_styled": {"type": "array", "items": {"type": "string"}},
              "repeated": {"type": "array", "items": {"type": "string"}},
              "spaced": {"type": "array", "items": {"type": "string"}},
              "piped": {"type": "array", "items": {"type": "string"}},
              "piped_exploded": {"type": "array", "items": {"type": "string"}},
              "meta": {"type": "object", "additionalProperties": {"type": "string"}}}},
            "encoding": {
              "flat": {"explode": false},
              "flat_styled": {"style": "form", "explode": false},
              "repeated": {"style": "form", "explode": true},
              "spaced": {"style": "spaceDelimited"},
              "piped": {"style": "pipeDelimited", "explode": false},
              "piped_exploded": {"style": "pipeDelimited", "explode": true},
              "meta": {"style": "deepObject", "explode": false}}}}},
          "responses": {"204": {"description": "ok"}}}}}}"##,
    );
    let body = api.operations[0].body.as_ref().unwrap();
    let styles: Vec<(&str, FieldEncoding)> = body.encoding.iter().map(|(n, e)| (n.as_str(), *e)).collect();
    assert_eq!(
        styles,
        [
            ("flat", FieldEncoding::FormFlat),
            ("flat_styled", FieldEncoding::FormFlat),
            ("spaced", FieldEncoding::SpaceDelimited),
            ("piped", FieldEncoding::PipeDelimited),
            ("meta", FieldEncoding::DeepObject),
        ]
    );
}

#[test]
fn swagger_2_form_arrays_are_comma_separated_unless_multi() {
    let api = model(
        r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"},
        "paths": {"/pets": {"post": {"operationId": "tag", "consumes": ["application/x-www-form-urlencoded"],
          "parameters": [
            {"name": "csv", "in": "formData", "type": "array", "items": {"type": "string"}},
            {"name": "multi", "in": "formData", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
            {"name": "ssv", "in": "formData", "type": "array", "items": {"type": "string"}, "collectionFormat": "ssv"},
            {"name": "pipes", "in": "formData", "type": "array", "items": {"type": "string"}, "collectionFormat": "pipes"}],
          "responses": {"204": {"description": "ok"}}}}}}"#,
    );
    let body = api.operations[0].body.as_ref().unwrap();
    assert_eq!(body.kind, BodyKind::Form);
    let styles: Vec<(&str, FieldEncoding)> = body.encoding.iter().map(|(n, e)| (n.as_str(), *e)).collect();
    assert_eq!(
        styles,
        [
            ("csv", FieldEncoding::FormFlat),
            ("ssv", FieldEncoding::SpaceDelimited),
            ("pipes", FieldEncoding::PipeDelimited)
        ]
    );
}

#[test]
fn delimited_query_arrays_keep_their_separator() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: list_pets
      parameters:
        - {name: tags, in: query, style: spaceDelimited, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, required: true, style: pipeDelimited, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: kinds, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: each, in: query, style: pipeDelimited, explode: true, schema: {type: array, items: {type: string}}}
      responses: {'200': {description: ok}}
"#;
    let api = model(spec);
    let params: Vec<(&str, bool, char)> =
        api.operations[0].params.iter().map(|p| (p.wire_name.as_str(), p.explode, p.separator)).collect();
    assert_eq!(
        params,
        [("tags", false, ' '), ("ids", false, '|'), ("kinds", false, ','), ("each", true, '|')]
    );
    assert!(!api.diagnostics.iter().any(|d| d.message.contains("delimited")), "{:?}", api.diagnostics);

    let pkg = crate::package::package(spec.as_bytes(), &crate::package::PackageOptions::new("t", "t.yaml"))
        .unwrap();
    let client = pkg.files.iter().find(|f| f.path == "src/api/client.rs").expect("client file");
    let text = client.contents.replace(char::is_whitespace, "");
    for expected in [
        r#"request.query_delimited("tags",values,"");"#,
        r#"request.query_delimited("ids",&params.ids,"|");"#,
        r#"request.query_array("kinds",values,false);"#,
        r#"request.query_array("each",values,true);"#,
    ] {
        assert!(text.contains(expected), "{expected} not in\n{}", client.contents);
    }
}

#[test]
fn an_allof_member_that_is_a_union_of_objects_keeps_every_alternative_s_fields() {
    let api = model(
        r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /invites:
    post:
      operationId: create_invite
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              allOf:
                - anyOf:
                    - $ref: '#/components/schemas/GroupInvite'
                    - {type: object, required: [max_age], properties: {max_age: {type: integer}}}
                - {type: object, required: [file], properties: {file: {type: string, format: binary}}}
      responses: {'204': {description: done}}
components:
  schemas:
    GroupInvite: {type: object, required: [recipient], properties: {recipient: {type: string}}}
"#,
    );
    let body =
        api.types.iter().find(|t| t.name.contains("Invite") && t.name != "GroupInvite").expect("body type");
    let TypeKind::Struct(s) = &body.kind else { panic!("{body:?}") };
    let fields: Vec<(&str, bool)> = s.fields.iter().map(|f| (f.wire_name.as_str(), f.required)).collect();
    assert_eq!(fields, [("recipient", false), ("max_age", false), ("file", true)]);
    let note = api.diagnostics.iter().find(|d| d.message.contains("anyOf of objects")).expect("a note");
    assert_eq!(note.pointer, "/paths/~1invites/post/requestBody/content/multipart~1form-data/schema/allOf/0");
    assert!(!api.diagnostics.iter().any(|d| d.message.contains("not an object")), "{:?}", api.diagnostics);
}

#[test]
fn an_error_body_type_a_kept_schema_uses_is_kept() {
    // OpenAI's `ErrorEvent` (named by no operation) holds the `Error` that
    // error statuses return: dropping it with the error bodies left
    // `ErrorEvent` naming a type that was not generated.
    let api = model(
        r##"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}
        "500": {description: failed, content: {application/json: {schema: {$ref: "#/components/schemas/Failure"}}}}
  /toys:
    get:
      operationId: listToys
      responses:
        "404": {description: missing, content: {application/json: {schema: {$ref: "#/components/schemas/Missing"}}}}
components:
  schemas:
    Failure: {type: object, properties: {message: {type: string}}}
    Missing: {type: object, properties: {code: {type: integer}}}
    FailureEvent: {type: object, properties: {data: {$ref: "#/components/schemas/Failure"}}}
"##,
    );
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"FailureEvent") && names.contains(&"Failure"), "{names:?}");
    // An error body nothing else uses is still dropped.
    assert!(!names.contains(&"Missing"), "{names:?}");
}

#[test]
fn an_operation_server_s_variables_take_their_defaults() {
    let api = model(
        r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /assets:
    post:
      operationId: upload
      servers:
        - url: '{origin}/v{major}'
          variables:
            origin: {default: 'https://uploads.example.com'}
            major: {default: '2', enum: ['1', '2']}
      responses: {'201': {description: created}}
    get:
      operationId: list
      responses: {'200': {description: ok}}
"#,
    );
    let op = |id: &str| api.operations.iter().find(|o| o.operation_id == id).unwrap();
    assert_eq!(op("upload").server.as_deref(), Some("https://uploads.example.com/v2"));
    assert_eq!(op("list").server, None);
}

#[test]
fn a_path_s_fragment_is_not_sent() {
    let api = model(
        r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /files/{id}:
    get:
      operationId: get_file
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /files/{id}#get_shared_link:
    get:
      operationId: get_shared_link
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
"#,
    );
    let op = |id: &str| api.operations.iter().find(|o| o.operation_id == id).unwrap();
    assert_eq!(op("get_shared_link").path, "/files/{id}");
    assert_eq!(op("get_file").path, "/files/{id}");
    let note = api.diagnostics.iter().find(|d| d.message.contains("fragment")).expect("a note");
    assert_eq!(note.pointer, "/paths/~1files~1{id}#get_shared_link");
}

#[test]
fn a_query_string_in_a_path_names_its_parameters_and_is_not_part_of_the_path() {
    // As YCLIENTS writes some of its paths.
    let api = model(
        r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /goods/{id}?term={search_term}&count={count}:
    get:
      operationId: search
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: search_term, in: query, schema: {type: string}}
        - {name: count, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
  /cities?country_id=1&fixed=yes:
    get:
      operationId: cities
      parameters: [{name: country_id, in: query, schema: {type: integer}}]
      responses: {'200': {description: ok}}
"#,
    );
    let op = |id: &str| api.operations.iter().find(|o| o.operation_id == id).unwrap();
    let wire =
        |id: &str| op(id).params.iter().map(|p| (p.name.clone(), p.wire_name.clone())).collect::<Vec<_>>();
    assert_eq!(op("search").path, "/goods/{id}");
    let pair = |name: &str, wire: &str| (name.to_owned(), wire.to_owned());
    assert_eq!(wire("search"), [pair("id", "id"), pair("search_term", "term"), pair("count", "count")]);
    assert_eq!(op("cities").path, "/cities");
    assert_eq!(wire("cities"), [pair("country_id", "country_id")]);
    let said: Vec<(&str, &str)> = api
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("query string"))
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "/paths/~1goods~1{id}?term={search_term}&count={count}/get",
                "the path's query string sends the parameter `search_term` as `term`"
            ),
            (
                "/paths/~1cities?country_id=1&fixed=yes/get",
                "`fixed=yes` in the path's query string names no query parameter; it is not sent"
            ),
        ]
    );
}

#[test]
fn a_variant_s_single_discriminator_value_is_its_tag_without_a_mapping() {
    let api = model(
        r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Tool:
      oneOf: [{$ref: '#/components/schemas/FileSearchTool'}, {$ref: '#/components/schemas/FunctionTool'}, {$ref: '#/components/schemas/Other'}, {$ref: '#/components/schemas/FileSearchAgain'}]
      discriminator: {propertyName: type, mapping: {fn: '#/components/schemas/FunctionTool'}}
    FileSearchTool:
      type: object
      required: [type]
      properties: {type: {type: string, enum: [file_search]}}
    FileSearchAgain:
      type: object
      required: [type, more]
      properties: {type: {type: string, enum: [file_search]}, more: {type: string}}
    FunctionTool:
      type: object
      properties: {type: {$ref: '#/components/schemas/FunctionType'}}
    FunctionType: {type: string, enum: [function]}
    Other:
      type: object
      properties: {type: {type: string}}
"#,
    );
    let tool = api.types.iter().find(|t| t.name == "Tool").expect("the union");
    let TypeKind::Union(union) = &tool.kind else { panic!("{:?}", tool.kind) };
    let tags: Vec<Option<&str>> = union.variants.iter().map(|v| v.tag.as_deref()).collect();
    // The enum's one value, the mapping before it, the schema name when
    // the property allows any value. Variants sharing a value sit together
    // where it first appears, the one with more required members first.
    assert_eq!(tags, [Some("file_search"), Some("file_search"), Some("fn"), Some("Other")]);
    let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["FileSearchAgain", "FileSearchTool", "FunctionTool", "Other"]);
}
