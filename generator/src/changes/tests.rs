use serde_json::{json, Value};

use super::*;

/// A small API: a response type with an enum, a request body, a query
/// parameter, path parameters, partner credentials throughout.
fn fixture() -> Value {
    let pet = json!({"$ref": "#/components/schemas/Pet"});
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "security": [{"partner": []}],
        "components": {
            "securitySchemes": {
                "partner": {"type": "http", "scheme": "bearer"},
                "user": {"type": "http", "scheme": "bearer"}
            },
            "schemas": {
                "Pet": {
                    "type": "object",
                    "description": "A pet.",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "integer", "format": "int64"},
                        "name": {"type": "string"},
                        "status": {"$ref": "#/components/schemas/PetStatus"}
                    }
                },
                "PetStatus": {"type": "string", "enum": ["available", "pending"]},
                "NewPet": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {"name": {"type": "string"}, "tag": {"type": "string"}}
                }
            }
        },
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "list_pets",
                    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int64"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": pet}}}}}
                },
                "post": {
                    "operationId": "create_pet",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}}},
                    "responses": {"201": {"description": "created", "content": {"application/json": {"schema": pet}}}}
                }
            },
            "/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}}],
                "get": {
                    "operationId": "get_pet",
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": pet}}}}
                },
                "delete": {"operationId": "delete_pet", "responses": {"204": {"description": "gone"}}}
            }
        }
    })
}

/// The fixture's schemes are the runtime's composite credentials, as in
/// Altegio's profile.
fn model(spec: &Value) -> Api {
    let bytes = serde_json::to_vec(spec).unwrap();
    let profile =
        crate::Profile::from_json(r#"{"composite_auth": {"partner": "partner", "user": "partner_user"}}"#)
            .unwrap();
    crate::model::build_with(&crate::load::load(&bytes).expect("loads"), &profile).expect("models")
}

/// The report lines of an edit of the fixture, and the level it implies.
fn report_of(edit: impl Fn(&mut Value)) -> (Vec<String>, Option<Level>) {
    let old = fixture();
    let mut new = old.clone();
    edit(&mut new);
    let report = compare("t", &model(&old), &model(&new));
    (report.changes.iter().map(|c| format!("{}: {}", c.level, c.line("t"))).collect(), report.level())
}

fn props<'a>(spec: &'a mut Value, schema: &str) -> &'a mut serde_json::Map<String, Value> {
    spec["components"]["schemas"][schema]["properties"].as_object_mut().unwrap()
}

type Edit = fn(&mut Value);

/// The issue's table: each synthetic spec edit, its expected report line
/// and the release level it implies.
const TABLE: &[(&str, Edit, &str)] = &[
    (
        "operation removed",
        |s| {
            s["paths"]["/pets/{id}"].as_object_mut().unwrap().remove("delete");
        },
        "major: t::Api::delete_pet: removed (`DELETE /pets/{id}`)",
    ),
    (
        "optional query parameter added",
        |s| {
            let tag = json!({"name": "tag", "in": "query", "schema": {"type": "string"}});
            s["paths"]["/pets"]["get"]["parameters"].as_array_mut().unwrap().push(tag);
        },
        "minor: t::Api::list_pets: query parameter `tag: Option<String>` added",
    ),
    (
        "parameter made required",
        |s| s["paths"]["/pets"]["get"]["parameters"][0]["required"] = json!(true),
        "major: t::Api::list_pets: query parameter `limit` made required (`Option<i64>` -> `i64`)",
    ),
    (
        "response field added",
        |s| {
            props(s, "Pet").insert("age".into(), json!({"type": "integer", "format": "int32"}));
        },
        "minor: t::Pet::age: added, `Option<i32>`",
    ),
    (
        "field retyped",
        |s| props(s, "Pet")["name"] = json!({"type": "integer", "format": "int64"}),
        "major: t::Pet::name: `Option<String>` -> `Option<i64>`",
    ),
    (
        "enum value added",
        |s| s["components"]["schemas"]["PetStatus"]["enum"].as_array_mut().unwrap().push(json!("sold")),
        "minor: t::PetStatus::Sold: added (`\"sold\"`)",
    ),
    (
        "description changed",
        |s| s["components"]["schemas"]["Pet"]["description"] = json!("A pet in the store."),
        "patch: t::Pet: documentation changed",
    ),
    (
        "security changed",
        |s| s["paths"]["/pets"]["get"]["security"] = json!([{"user": []}]),
        "major: t::Api::list_pets: sends the partner and user tokens (was the partner token)",
    ),
    (
        "security changed to a scheme of the spec",
        |s| {
            s["components"]["securitySchemes"]["key"] = json!({"type": "apiKey", "in": "query", "name": "key"});
            s["paths"]["/pets"]["get"]["security"] = json!([{"key": []}]);
        },
        "major: t::Api::list_pets: sends the credentials of `key` (query parameter `key`) (was the partner token)",
    ),
];

#[test]
fn each_edit_of_the_table_gives_its_line_and_level() {
    for (name, edit, expected) in TABLE {
        let (lines, level) = report_of(edit);
        assert_eq!(lines, vec![expected.to_string()], "{name}");
        let expected_level = expected.split(':').next().unwrap();
        assert_eq!(level.map(|l| l.name()), Some(expected_level), "{name}");
    }
}

#[test]
fn the_same_spec_has_no_changes() {
    let (lines, level) = report_of(|_| {});
    assert!(lines.is_empty(), "{lines:?}");
    assert_eq!(level, None);
}

#[test]
fn request_structs_change_by_their_constructor() {
    // An optional field is a new setter; a required one a new argument of `new`.
    let (lines, _) = report_of(|s| {
        props(s, "NewPet").insert("age".into(), json!({"type": "integer", "format": "int64"}));
    });
    assert_eq!(lines, ["minor: t::NewPet::age: added, `Option<i64>`"]);
    let (lines, _) = report_of(|s| {
        props(s, "NewPet").insert("owner".into(), json!({"type": "string"}));
        s["components"]["schemas"]["NewPet"]["required"] = json!(["name", "owner"]);
    });
    assert_eq!(lines, ["major: t::NewPet::owner: added, `String`, required by `NewPet::new`"]);
    // Fields that trade places reorder the arguments of `new`.
    let (lines, _) = report_of(|s| {
        props(s, "NewPet").insert("owner".into(), json!({"type": "string"}));
        s["components"]["schemas"]["NewPet"]["required"] = json!(["name", "owner"]);
        s["components"]["schemas"]["NewPet"]["properties"] = json!({
            "owner": {"type": "string"}, "name": {"type": "string"}, "tag": {"type": "string"}
        });
    });
    assert_eq!(lines, ["major: t::NewPet::owner: added, `String`, required by `NewPet::new`"]);
}

#[test]
fn a_required_field_in_an_all_optional_response_drops_default() {
    let (lines, level) = report_of(|s| {
        let schemas = s["components"]["schemas"].as_object_mut().unwrap();
        schemas.insert("Note".into(), json!({"type": "object", "properties": {"text": {"type": "string"}}}));
        s["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] =
            json!({"$ref": "#/components/schemas/Note"});
    });
    assert_eq!(
        lines,
        ["major: t::Api::list_pets: returns `Note` (was `Vec<Pet>`)", "minor: t::Note: added (struct)"]
    );
    assert_eq!(level, Some(Level::Major));
    let mut base = fixture();
    base["components"]["schemas"]["Note"] =
        json!({"type": "object", "properties": {"text": {"type": "string"}}});
    let mut new = base.clone();
    new["components"]["schemas"]["Note"]["required"] = json!(["text"]);
    let report = compare("t", &model(&base), &model(&new));
    let lines: Vec<String> = report.changes.iter().map(|c| format!("{}: {}", c.level, c.line("t"))).collect();
    assert_eq!(
        lines,
        [
            "major: t::Note::text: made required (`Option<String>` -> `String`)",
            "major: t::Note: no longer implements `Default`"
        ]
    );
}

#[test]
fn operations_types_and_values_added_and_removed() {
    let (lines, level) = report_of(|s| {
        s["paths"]["/toys"] =
            json!({"get": {"operationId": "list_toys", "responses": {"204": {"description": "none"}}}});
        s["components"]["schemas"]["PetStatus"]["enum"] = json!(["available"]);
        s["paths"]["/pets/{id}"]["get"]["security"] = json!([]);
    });
    assert_eq!(
        lines,
        [
            "patch: t::Api::get_pet: sends no credentials (was the partner token)",
            "minor: t::Api::list_toys: added (`GET /toys`)",
            "major: t::PetStatus::Pending: removed (`\"pending\"`)",
        ]
    );
    assert_eq!(level, Some(Level::Major));
}

#[test]
fn path_parameters_and_bodies_are_arguments() {
    let (lines, _) = report_of(|s| {
        s["paths"]["/pets/{id}"]["parameters"][0]["schema"] = json!({"type": "string"});
        s["paths"]["/pets"]["post"]["requestBody"]["required"] = json!(false);
    });
    // `NewPet` has required members, so its body stays `&NewPet` whether or
    // not the body itself is required: the method's signature is unchanged.
    assert_eq!(
        lines,
        [
            "major: t::Api::get_pet: path parameter `id`: `i64` -> `&str`",
            "major: t::Api::delete_pet: path parameter `id`: `i64` -> `&str`",
        ]
    );
}

#[test]
fn a_first_query_parameter_adds_an_argument() {
    let (lines, level) = report_of(|s| {
        s["paths"]["/pets/{id}"]["get"]["parameters"] =
            json!([{"name": "fields", "in": "query", "schema": {"type": "string"}}]);
    });
    assert_eq!(
        lines,
        ["major: t::Api::get_pet: takes `params: &PetParams` (query `fields: Option<String>`)"]
    );
    assert_eq!(level, Some(Level::Major));
}

#[test]
fn surface_round_trips_through_its_json() {
    let surface = Surface::of(&model(&fixture()));
    let text = surface.to_json();
    assert_eq!(Surface::from_json(&text).unwrap(), surface);
    assert!(crate::write::has_marker(text.as_bytes()), "{text}");
    // One item per line: a changed field shows as one changed line.
    assert!(text.lines().any(|l| l.starts_with("{\"name\":\"Pet\",\"kind\":\"struct\"")), "{text}");
    let other = text.replacen("\"format\": 1", "\"format\": 99", 1);
    assert_eq!(Surface::from_json(&other), Err(SurfaceError::Format(99)));
    assert!(matches!(Surface::from_json("{}"), Err(SurfaceError::Parse(_))));
}

#[test]
fn report_text_groups_by_level_and_ends_with_none_when_empty() {
    let old = model(&fixture());
    let mut spec = fixture();
    spec["paths"]["/pets/{id}"].as_object_mut().unwrap().remove("delete");
    spec["components"]["schemas"]["Pet"]["description"] = json!("Changed.");
    let report = compare("t", &old, &model(&spec));
    assert_eq!(
        report.render(),
        "API changes in t: 2 changes (major release)
  major (breaking):
    t::Api::delete_pet: removed (`DELETE /pets/{id}`)
  patch (documentation and behaviour, no change to the Rust API):
    t::Pet: documentation changed
"
    );
    assert_eq!(compare("t", &old, &old).render(), "API changes in t: none\n");
    assert_eq!(release_line(report.level()), "release level: major (breaking)\n");
}

/// The committed Developer Tools spec with the issue's scratch change: one
/// operation removed, one property retyped.
#[test]
fn developers_spec_scratch_change_snapshot() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/developers/openapi.json");
    let old: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut new = old.clone();
    let paths = new["paths"].as_object_mut().unwrap();
    let first = paths.keys().next().unwrap().clone();
    let item = paths[&first].as_object_mut().unwrap();
    let method =
        ["get", "post", "put", "delete", "patch"].into_iter().find(|m| item.contains_key(*m)).unwrap();
    item.remove(method);
    let schemas = new["components"]["schemas"].as_object_mut().unwrap();
    let (name, schema) = schemas
        .iter_mut()
        .find(|(_, s)| s["properties"].as_object().is_some_and(|p| p.values().any(|v| v["type"] == "string")))
        .unwrap();
    let props = schema["properties"].as_object_mut().unwrap();
    let (prop, value) = props.iter_mut().find(|(_, v)| v["type"] == "string").unwrap();
    value["type"] = json!("integer");
    let edited = format!("removed {method} {first}; retyped {name}.{prop} to integer");
    let report = compare("developers", &model(&old), &model(&new));
    insta::assert_snapshot!(format!("{edited}\n\n{}{}", report.render(), release_line(report.level())));
}

/// `../shared/spec/upstream` holds the Developer Tools spec as published
/// in YAML and JSON: one revision in two formats, so no API change.
#[test]
fn upstream_developers_yaml_and_json_are_the_same_api() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/spec/upstream");
    let (Ok(yaml), Ok(json)) = (
        std::fs::read(format!("{dir}/developers.openapi.yaml")),
        std::fs::read(format!("{dir}/developers.openapi.json")),
    ) else {
        eprintln!("skipped: ../shared/spec/upstream is absent");
        return;
    };
    let build = |b: &[u8]| crate::model::build(&crate::load::load(b).unwrap()).unwrap();
    let report = compare("developers", &build(&yaml), &build(&json));
    assert_eq!(report.changes, vec![], "{}", report.render());
}

#[test]
fn success_variants_and_webhook_events() {
    let mut base = fixture();
    base["paths"]["/pets"]["post"]["responses"]["200"] =
        json!({"description": "exists", "content": {"application/json": {"schema": {"type": "string"}}}});
    base["webhooks"] = json!({"PetCreated": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}, "responses": {"200": {"description": "ok"}}}}});
    base["openapi"] = json!("3.1.0");
    let mut new = base.clone();
    new["paths"]["/pets"]["post"]["responses"]["202"] = json!({"description": "queued"});
    new["webhooks"]["PetSold"] = new["webhooks"]["PetCreated"].clone();
    new["webhooks"]["PetCreated"]["post"]["requestBody"]["content"]["application/json"]["schema"] =
        json!({"$ref": "#/components/schemas/NewPet"});
    let report = compare("t", &model(&base), &model(&new));
    let lines: Vec<String> = report.changes.iter().map(|c| format!("{}: {}", c.level, c.line("t"))).collect();
    assert_eq!(
        lines,
        [
            "minor: t::CreatePetResponse::Accepted: added",
            "major: t::WebhookEvent::PetCreated: `Pet` -> `NewPet`",
            "minor: t::WebhookEvent::PetSold: added (`PetSold`, `Pet`)",
        ]
    );
}

#[test]
fn methods_for_other_media_types_come_and_go() {
    let form = json!({"schema": {"$ref": "#/components/schemas/NewPet"}});
    // A media type the body is also accepted in is a new method.
    let (lines, level) = report_of(|s| {
        s["paths"]["/pets"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"] =
            form.clone();
    });
    assert_eq!(
        lines,
        ["minor: t::Api::create_pet_form: added, sends the body as `application/x-www-form-urlencoded` (`&NewPet`)"]
    );
    assert_eq!(level, Some(Level::Minor));
    // Taking it away breaks its callers.
    let mut base = fixture();
    base["paths"]["/pets"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"] = form;
    let mut new = base.clone();
    new["paths"]["/pets"]["post"]["requestBody"]["content"]
        .as_object_mut()
        .unwrap()
        .remove("application/x-www-form-urlencoded");
    let report = compare("t", &model(&base), &model(&new));
    let lines: Vec<String> = report.changes.iter().map(|c| format!("{}: {}", c.level, c.line("t"))).collect();
    assert_eq!(
        lines,
        ["major: t::Api::create_pet_form: removed (sent the body as `application/x-www-form-urlencoded`)"]
    );
    // An operation goes with its methods for other media types.
    new = base.clone();
    new["paths"]["/pets"].as_object_mut().unwrap().remove("post");
    let report = compare("t", &model(&base), &model(&new));
    let lines: Vec<String> = report.changes.iter().map(|c| format!("{}: {}", c.level, c.line("t"))).collect();
    assert_eq!(lines[0], "major: t::Api::create_pet: removed (`POST /pets`), with `create_pet_form`");
}

/// An operation that unwraps the API's envelope: its data type is what it
/// returns, and its meta's type is part of its signature too.
#[test]
fn an_enveloped_operation_reports_its_data_and_meta() {
    let profile =
        crate::Profile::from_json(r#"{"envelope": {"data": "data", "meta": "meta", "success": "success"}}"#)
            .unwrap();
    let spec = |data: Value, meta: Option<Value>| {
        let mut properties = json!({"success": {"type": "boolean"}, "data": data});
        if let Some(meta) = meta {
            properties["meta"] = meta;
        }
        let schema = json!({"type": "object", "properties": properties});
        let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}});
        let spec = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/pets": {"get": {"operationId": "list_pets", "responses": ok}}}});
        let bytes = serde_json::to_vec(&spec).unwrap();
        crate::model::build_with(&crate::load::load(&bytes).unwrap(), &profile).unwrap()
    };
    let ids = json!({"type": "array", "items": {"type": "integer"}});
    let total = json!({"type": "object", "properties": {"total_count": {"type": "integer"}}});
    let old = spec(ids.clone(), Some(total));
    let lines = |new: &Api| {
        let report = compare("t", &old, new);
        (
            report.changes.iter().map(|c| format!("{}: {}", c.level, c.line("t"))).collect::<Vec<_>>(),
            report.level(),
        )
    };
    let (changed, level) = lines(&spec(ids.clone(), Some(json!({"type": "array", "items": {}}))));
    assert!(
        changed.iter().any(|l| l.ends_with("list_pets: meta `Vec<serde_json::Value>` (was `ListPetsMeta`)")),
        "{changed:?}"
    );
    assert_eq!(level, Some(Level::Major));
    let (dropped, _) = lines(&spec(ids, None));
    assert!(dropped.iter().any(|l| l.ends_with("list_pets: meta none (was `ListPetsMeta`)")), "{dropped:?}");
    let (retyped, _) = lines(&spec(
        json!({"type": "array", "items": {"type": "string"}}),
        Some(json!({"type": "object", "properties": {"total_count": {"type": "integer"}}})),
    ));
    assert!(
        retyped.iter().any(|l| l.ends_with("list_pets: returns `Vec<String>` (was `Vec<i64>`)")),
        "{retyped:?}"
    );
}
