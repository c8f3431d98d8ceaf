//! One small spec per construct; the emitted Rust is snapshotted.

use crate::{generate, Options};

fn emitted(spec: &str, file: &str) -> String {
    let options = Options {
        spec_path: "spec/test/openapi.yaml".into(),
        module: "test".into(),
        crate_name: "altegio_api".into(),
        example_findings: None,
        base_server: None,
        profile: Default::default(),
    };
    let out = generate(spec.as_bytes(), &options).expect("generates");
    let f = out.files.iter().find(|f| f.path == file).expect("file emitted");
    // The header carries the input's hash; the rest is what we review.
    f.contents.split_once("\n\n").map(|(_, body)| body.to_owned()).unwrap_or_default()
}

fn schemas(schemas: &str) -> String {
    let spec = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{}",
        schemas.lines().map(|l| format!("    {l}\n")).collect::<String>()
    );
    emitted(&spec, "types.rs")
}

#[test]
fn object_required_optional_nullable() {
    insta::assert_snapshot!(schemas(
        r#"
Pet:
  type: object
  description: A pet. See [the docs](https://example.com/pets) or https://example.com.
  required: [id, name, tag]
  properties:
    id: {type: integer, format: int64}
    name: {type: string, description: "The pet's <name>"}
    tag: {type: [string, "null"]}
    weight: {type: number}
    type: {type: string}
    "@odata.id": {type: string}
    owner_id: {type: number, description: An id typed as a number.}
    legacy: {type: string, deprecated: true}
    readonly_at: {type: string, format: date-time, readOnly: true}
"#
    ));
}

#[test]
fn enums_with_catch_all() {
    insta::assert_snapshot!(schemas(
        r#"
Status: {type: string, enum: [create, update, delete, "2fa"]}
Level: {type: integer, enum: [0, 1, -1]}
Fixed: {const: salon}
"#
    ));
}

#[test]
fn unions_untagged_tagged_and_object_or_array() {
    insta::assert_snapshot!(schemas(
        r##"
Cat: {type: object, required: [kind, lives], properties: {kind: {type: string}, lives: {type: integer}}}
Dog: {type: object, required: [kind], properties: {kind: {type: string}, bark: {type: boolean}}}
Animal:
  oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
  discriminator: {propertyName: kind, mapping: {cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}}
Either:
  anyOf: [{type: string}, {type: integer}]
Meta:
  type: [object, array]
MaybeCat:
  anyOf: [{$ref: "#/components/schemas/Cat"}, {type: "null"}]
"##
    ));
}

#[test]
fn all_of_merges_and_recursion_boxes() {
    insta::assert_snapshot!(schemas(
        r##"
Base: {type: object, required: [id], properties: {id: {type: string, format: uuid}}}
Extended:
  allOf:
    - $ref: "#/components/schemas/Base"
    - type: object
      required: [name]
      properties: {name: {type: string}, child: {$ref: "#/components/schemas/Extended"}}
Tree:
  type: object
  properties:
    children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
    labels: {type: object, additionalProperties: {type: string}}
    anything: {}
    list: {type: array, items: {}}
Open:
  type: object
  additionalProperties: true
  properties: {known: {type: boolean, default: false}}
"##
    ));
}

#[test]
fn operations_params_bodies_and_auth() {
    let spec = r##"
openapi: 3.1.0
info: {title: Shop, version: '1'}
servers: [{url: "https://api.example.com/v1"}]
components:
  securitySchemes:
    BearerPartner: {type: http, scheme: bearer}
    BearerPartnerUser: {type: http, scheme: bearer, bearerFormat: "Bearer {PartnerToken}, User {UserToken}"}
paths:
  /shops/{shop_id}/items:
    parameters:
      - {name: shop_id, in: path, required: true, schema: {type: number}}
    get:
      operationId: list_items
      security: [{BearerPartner: []}]
      parameters:
        - {name: Accept, in: header, required: true, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer}}
        - {name: count, in: query, schema: {type: integer}}
        - {name: "ids[]", in: query, schema: {type: array, items: {type: integer}}}
        - {name: X-Trace, in: header, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  success: {type: boolean}
                  data: {type: array, items: {type: object, properties: {id: {type: integer}}}}
        "404": {description: missing}
    post:
      summary: Create an item
      security: [{BearerPartnerUser: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [title], properties: {title: {type: string}, price: {type: number}}}
      responses:
        "201": {description: created}
"##;
    insta::assert_snapshot!(emitted(spec, "client.rs"));
}

#[test]
fn docs_build_under_deny_warnings_rules() {
    let out = schemas(
        "Note:\n  type: string\n  description: \"Use <br> and [x].\\n```\\ncode\\n```\\nSee http://a.b/c\\n    indented\"\n",
    );
    assert!(out.contains("&lt;br&gt;"), "{out}");
    assert!(out.contains("\\[x\\]"), "{out}");
    assert!(out.contains("```text"), "{out}");
    assert!(out.contains("<http://a.b/c>"), "{out}");
    assert!(!out.contains("///     indented"), "{out}");
}

#[test]
fn several_success_shapes_become_an_enum_by_status() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things/{id}:
    put:
      operationId: put_thing
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200': {description: Updated, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '201': {description: Created, content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}}
        '202': {description: Queued, content: {text/plain: {schema: {type: string}}}}
        '204': {description: Nothing to change}
    delete:
      operationId: delete_thing
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200': {description: Gone, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '2XX': {description: Anything else}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: integer}}}
"#;
    insta::assert_snapshot!(emitted(spec, "client.rs"));
}

/// Every file of a spec's module, by path, without headers.
fn module_files(spec: &str) -> std::collections::BTreeMap<String, String> {
    let options = Options {
        spec_path: "spec/test/openapi.yaml".into(),
        module: "test".into(),
        crate_name: "altegio_api".into(),
        example_findings: None,
        base_server: None,
        profile: Default::default(),
    };
    let out = generate(spec.as_bytes(), &options).expect("generates");
    out.files.into_iter().map(|f| (f.path, f.contents)).collect()
}

/// The line holding `needle`, for asserting what a doc says.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
}

const UNDOCUMENTED: &str = r##"
openapi: 3.0.3
info: {title: Pets, version: '1'}
tags:
  - {name: Pets, description: "Pets on sale. See [the list](#tag/Pets)."}
  - {name: Unused, description: No operations.}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets]
      summary: List pets.
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
  /pets/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      operationId: getPet
      tags: [Pets]
      summary: Get a pet
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/PetEnvelope'}}}}
    delete:
      operationId: deletePet
      tags: [Admin]
      responses: {'204': {description: gone}}
  /health:
    get:
      operationId: health
      responses: {'200': {description: ok}}
components:
  schemas:
    PetEnvelope:
      type: object
      properties:
        success: {type: boolean}
        data: {$ref: '#/components/schemas/Pet'}
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        Kind: {$ref: '#/components/schemas/Kind'}
        owner: {oneOf: [{type: string}, {$ref: '#/components/schemas/Owner'}]}
    Owner: {type: object, properties: {id: {type: integer}}}
    Kind: {type: string, enum: [cat, dog]}
"##;

#[test]
fn undocumented_items_get_docs_from_where_they_are_used() {
    let files = module_files(UNDOCUMENTED);
    let types = &files["types.rs"];
    let client = &files["client.rs"];
    // A struct, from the operation whose data it is, then its other places.
    let pet_doc = types.split("pub struct Pet {").next().unwrap().rsplit("}\n").next().unwrap();
    assert!(
        pet_doc.starts_with(
            "\n/// The `data` of [`get_pet`](super::Api::get_pet)'s response (`GET /pets/{id}`).\n///\n/// Also:\n/// - an item of the response of [`list_pets`](super::Api::list_pets) (`GET /pets`).\n"
        ),
        "{pet_doc}"
    );
    // Fields name their struct, and the wire name when it differs.
    assert_eq!(line_with(types, "`name` of").trim(), "/// `name` of [`Pet`].");
    assert_eq!(line_with(types, "`kind` of").trim(), "/// `kind` of [`Pet`] (`Kind` on the wire).");
    // Enum variants: the wire value; union variants: what they hold.
    assert!(
        types.contains("    /// The wire value `\"cat\"`.\n    #[serde(rename = \"cat\")]\n    Cat,"),
        "{types}"
    );
    assert!(types.contains("/// The value as `String`.\n    String(String),"), "{types}");
    assert!(types.contains("/// The value as [`Owner`].\n    Owner(Owner),"), "{types}");
    // A method without summary or description, and a parameter.
    assert!(
        client.contains("    /// The `deletePet` operation.\n    ///\n    /// `DELETE /pets/{id}`"),
        "{client}"
    );
    assert_eq!(
        line_with(client, "`limit` query").trim(),
        "/// The `limit` query parameter of [`list_pets`](super::Api::list_pets) (`GET /pets`)."
    );
    // Nothing public is left without a doc comment, in any file.
    for (path, text) in &files {
        let c = super::coverage::doc_coverage(text).expect("parses");
        assert!(c.undocumented.is_empty(), "{path}: {:?}", c.undocumented);
        assert!(c.module_doc, "{path} has a module doc");
    }
}

#[test]
fn module_docs_list_operations_by_tag() {
    let files = module_files(UNDOCUMENTED);
    let docs: Vec<&str> =
        files["mod.rs"].lines().filter_map(|l| l.strip_prefix("//!")).map(str::trim_start).collect();
    let from = docs.iter().position(|l| *l == "# Operations").expect("an operations section");
    let expected = [
        "# Operations",
        "",
        "Each is a method of [the `Api` handle](crate::test::Api), which [`Client`](crate::Client) hands out.",
        "",
        "## Pets",
        "",
        "Pets on sale. See the list.",
        "",
        "- [`list_pets`](crate::test::Api::list_pets): List pets (`GET /pets`)",
        "- [`get_pet`](crate::test::Api::get_pet): Get a pet (`GET /pets/{id}`)",
        "",
        "## Admin",
        "",
        "- [`delete_pet`](crate::test::Api::delete_pet) (`DELETE /pets/{id}`)",
        "",
        "## Other operations",
        "",
        "- [`health`](crate::test::Api::health) (`GET /health`)",
    ];
    assert_eq!(&docs[from..], expected);
}

#[test]
fn a_repeated_path_variable_is_bound_once() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a/{id}/b/{id}:
    get:
      operationId: get_b
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {'200': {description: ok}}
"#;
    let client = emitted(spec, "client.rs");
    assert_eq!(client.matches("let id_segment =").count(), 1, "{client}");
    assert!(client.contains(r#"format!("/a/{id_segment}/b/{id_segment}")"#), "{client}");
}

const SEVERAL_MEDIA_TYPES: &str = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      operationId: create_pet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
          application/xml:
            schema: {$ref: "#/components/schemas/Pet"}
          application/x-www-form-urlencoded:
            schema: {$ref: "#/components/schemas/Pet"}
          multipart/form-data:
            schema:
              type: object
              required: [name, photo]
              properties:
                name: {type: string}
                photo: {type: string, format: binary}
      responses:
        '201': {description: created}
  /pets/form:
    post:
      operationId: create_pet_form
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
      responses:
        '204': {description: created}
  /notes:
    put:
      operationId: put_note
      requestBody:
        content:
          text/plain: {schema: {type: string}}
          text/x-markdown: {schema: {type: string}}
          application/octet-stream: {schema: {type: string, format: binary}}
          text/html: {schema: {type: string}}
      responses:
        '204': {description: saved}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        tag: {type: string}
"##;

#[test]
fn several_request_media_types_each_get_a_method() {
    insta::assert_snapshot!(emitted(SEVERAL_MEDIA_TYPES, "client.rs"));
}

#[test]
fn union_map_and_nullable_form_bodies_are_typed() {
    insta::assert_snapshot!(emitted(
        r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /uploads:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              oneOf:
                - $ref: "#/components/schemas/Photo"
                - $ref: "#/components/schemas/Note"
                - $ref: "#/components/schemas/Labels"
      responses:
        '204': {description: sent}
  /labels:
    put:
      operationId: put_labels
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {$ref: "#/components/schemas/Labels"}
          multipart/form-data:
            schema: {$ref: "#/components/schemas/Labels"}
      responses:
        '204': {description: saved}
  /profile:
    patch:
      operationId: patch_profile
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {$ref: "#/components/schemas/Profile"}
          multipart/form-data:
            schema: {$ref: "#/components/schemas/Profile"}
      responses:
        '204': {description: saved}
components:
  schemas:
    Photo:
      type: object
      required: [image]
      properties:
        image: {type: string, format: binary}
        caption: {type: string}
    Note:
      type: object
      required: [text]
      properties:
        text: {type: string}
    Labels:
      type: object
      additionalProperties: {type: string}
    Profile:
      type: object
      nullable: true
      properties:
        name: {type: string}
"##,
        "client.rs"
    ));
}

#[test]
fn methods_for_other_media_types_get_mock_tests_and_share_the_mock() {
    let options = Options {
        spec_path: "spec/test/openapi.yaml".into(),
        module: "test".into(),
        crate_name: "altegio_api".into(),
        example_findings: None,
        base_server: None,
        profile: Default::default(),
    };
    let out = generate(SEVERAL_MEDIA_TYPES.as_bytes(), &options).expect("generates");
    let tests = &out.operation_tests.contents;
    for expected in [
        "fn create_pet()",
        "fn create_pet_form2()",
        ".create_pet_form2(",
        "form_fields(",
        "fn create_pet_multipart()",
        "multipart_parts(",
        "fn put_note_markdown()",
    ] {
        assert!(tests.contains(expected), "{expected} not in the tests");
    }
    let mocks = out.files.iter().find(|f| f.path == "mock.rs").expect("mocks emitted");
    assert!(
        mocks.contents.contains(
            "Mocks [`Api::create_pet`] and [`Api::create_pet_form2`] and [`Api::create_pet_multipart`]"
        ),
        "{}",
        mocks.contents
    );
}

/// An API whose answers come in `{success, data, meta}`: what a method
/// returns, as the generated signature and the change report say.
#[test]
fn enveloped_answers_return_their_data_others_their_body() {
    let spec = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /items:
    get:
      operationId: list_items
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  success: {type: boolean}
                  data: {type: array, items: {$ref: '#/components/schemas/Item'}}
                  meta: {type: object, properties: {total_count: {type: integer}}}
        '404': {description: missing, content: {application/json: {schema: {$ref: '#/components/schemas/Failure'}}}}
  /items/{id}:
    get:
      operationId: get_item
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [data]
                properties:
                  success: {type: boolean}
                  data: {$ref: '#/components/schemas/Item'}
  /count:
    get:
      operationId: count_items
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {success: {type: boolean}, data: {type: integer}}}
  /status:
    get:
      operationId: get_status
      responses:
        '200':
          description: no data member
          content:
            application/json:
              schema: {type: object, properties: {success: {type: boolean}, meta: {type: object, properties: {state: {type: string}}}}}
  /documents:
    get:
      operationId: list_documents
      responses:
        '200':
          description: a member beside the envelope's
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Item'}}
                  meta: {type: array, items: {}}
                  included: {type: array, items: {$ref: '#/components/schemas/Item'}}
components:
  schemas:
    Item: {type: object, properties: {id: {type: integer}}}
    Failure: {type: object, properties: {success: {type: boolean}, meta: {$ref: '#/components/schemas/FailureMeta'}}}
    FailureMeta: {type: object, properties: {message: {type: string}}}
"##;
    let profile =
        crate::Profile::from_json(r#"{"envelope": {"data": "data", "meta": "meta", "success": "success"}}"#)
            .unwrap();
    let doc = crate::load::load(spec.as_bytes()).unwrap();
    let api = crate::model::build_with(&doc, &profile).unwrap();
    let methods = super::signature::Methods::new(&api);
    let signature = |id: &str| {
        let m = methods.method(api.operations.iter().find(|o| o.operation_id == id).unwrap());
        (m.returns, m.meta)
    };
    // The data, with the typed meta beside it (and no `Option` around a
    // list, which is empty when the server sends none).
    assert_eq!(signature("list_items"), ("Vec<Item>".to_owned(), Some("ListItemsMeta".to_owned())));
    // Data the docs say is always there; an envelope without meta.
    assert_eq!(signature("get_item"), ("Item".to_owned(), None));
    // A scalar that may be missing stays an `Option`.
    assert_eq!(signature("count_items"), ("Option<i64>".to_owned(), None));
    // No data member, or a member the envelope does not have: the whole body.
    assert_eq!(signature("get_status"), ("StatusResponse".to_owned(), None));
    assert_eq!(signature("list_documents"), ("ListDocumentsResponse".to_owned(), None));

    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    // The unwrapped envelopes and the error body (with what only it used)
    // are not generated; the whole bodies are.
    for gone in ["ListItemsResponse", "ItemResponse", "CountItemsResponse", "Failure", "FailureMeta"] {
        assert!(!names.contains(&gone), "{gone} in {names:?}");
    }
    for kept in ["Item", "ListItemsMeta", "StatusResponse", "ListDocumentsResponse"] {
        assert!(names.contains(&kept), "{kept} not in {names:?}");
    }
    let options = Options {
        spec_path: "spec/test/openapi.yaml".into(),
        module: "test".into(),
        crate_name: "altegio_api".into(),
        example_findings: None,
        base_server: None,
        profile,
    };
    let out = crate::generate_model(&doc, &api, &options).unwrap();
    let client = &out.files.iter().find(|f| f.path == "client.rs").unwrap().contents;
    let flat: String = client.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("-> runtime::Call<'a, Vec<Item>, ListItemsMeta> {"), "{client}");
    assert!(flat.contains("-> runtime::Call<'a, Item> {"), "{client}");
    assert!(flat.contains("-> runtime::Call<'a, StatusResponse> {"), "{client}");
    assert!(
        flat.contains(r#".enveloped(runtime::EnvelopeMembers { data: "data", meta: Some("meta"), success: Some("success"), })"#),
        "{client}"
    );
    let mock = &out.files.iter().find(|f| f.path == "mock.rs").unwrap().contents;
    let flat: String = mock.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("-> OperationMock<'a, Vec<Item>, ListItemsMeta> {"), "{mock}");
    assert!(flat.contains("-> OperationMock<'a, StatusResponse> { self.server.operation("), "{mock}");
}
