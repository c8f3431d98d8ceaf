//! The names chosen for one small spec that exercises each naming rule,
//! snapshotted as `pointer -> name`.

use crate::model::build_with;
use crate::profile::Profile;

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
components:
  schemas:
    tag_object:
      title: Object of model "Tag"
      type: object
      properties: {id: {type: integer}, title: {type: string}}
    salary_payroll_calculation:
      type: object
      properties: {amount: {type: number}, paid_amount: {type: number}}
    records_companyid_response_data_types:
      title: Root Type for records_companyid_response_data_types
      type: object
      properties:
        success: {type: boolean}
        data:
          type: array
          items:
            type: object
            description: An appointment, as the list gives it.
            properties:
              id: {type: integer}
              services:
                type: array
                items:
                  type: object
                  properties: {id: {type: integer}, title: {type: string}, cost: {type: number}}
              appointment_status: {type: string, enum: [new, done]}
    record_companyid_response_data_types:
      type: object
      properties:
        success: {type: boolean}
        data:
          type: object
          description: An appointment.
          properties:
            id: {type: integer}
            services:
              type: array
              items:
                type: object
                properties: {id: {type: integer}, title: {type: string}, cost: {type: number}}
            appointment_status: {type: string, enum: [new, done]}
    403_forbidden_response:
      type: object
      properties: {success: {type: boolean}, meta: {type: object, properties: {message: {type: string}}}}
    odd_shape:
      type: object
      properties:
        "1481101200": {type: array, items: {type: object, properties: {day: {type: string}}}}
paths:
  /records/{company_id}:
    parameters:
      - {name: company_id, in: path, required: true, schema: {type: integer}}
    get:
      operationId: get_appointment_list
      parameters:
        - {name: include, in: query, schema: {type: array, items: {type: string, enum: [client, staff]}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/records_companyid_response_data_types'}}}}
        '403': {description: no, content: {application/json: {schema: {$ref: '#/components/schemas/403_forbidden_response'}}}}
    post:
      operationId: create_appointment
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [staff_id]
              properties: {staff_id: {type: integer}, default: {type: boolean}, comment: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/records_companyid_response_data_types'}}}}
        '400':
          description: bad
          content: {application/json: {schema: {type: object, properties: {message: {type: string}}}}}
        '422':
          description: invalid
          content: {application/json: {schema: {type: object, properties: {errors: {type: object, additionalProperties: {type: string}}}}}}
  /record/{company_id}/{record_id}:
    get:
      operationId: get_appointment
      parameters:
        - {name: company_id, in: path, required: true, schema: {type: integer}}
        - {name: record_id, in: path, required: true, schema: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/record_companyid_response_data_types'}}}}
  /tags:
    get:
      operationId: get_tag_list
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/tag_object'}}}}}
  /channel:
    post:
      operationId: marketplace_update_channel
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {success: {type: boolean}, data: {type: object}}}}}}
  /discount:
    post:
      operationId: marketplace_add_discount
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {success: {type: boolean}, data: {type: object}}}}}}
  /payroll:
    get:
      operationId: get_payroll
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/salary_payroll_calculation'}}}}
  /odd:
    get:
      operationId: get_odd
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/odd_shape'}}}}
"#;

const NAMES: &str = r#"[
  {"pointer": "/components/schemas/odd_shape/properties/1481101200/items", "name": "OddDay",
   "reason": "A sample key written as a property."}
]"#;

fn model_with(names_file: &str) -> Result<crate::model::Api, crate::model::ModelError> {
    let doc = crate::load::load(SPEC.as_bytes()).expect("loads");
    let profile =
        Profile { names: super::file::parse(names_file).expect("names file"), ..Profile::default() };
    build_with(&doc, &profile)
}

fn names_of(names_file: &str) -> String {
    let api = model_with(names_file).expect("models");
    let mut out = String::new();
    for t in &api.types {
        out.push_str(&format!("{} <- {}\n", t.name, t.pointer));
    }
    for op in &api.operations {
        if let Some(p) = &op.params_struct {
            out.push_str(&format!("{p} <- params of {}\n", op.operation_id));
        }
    }
    out
}

#[test]
fn names_for_each_rule() {
    insta::assert_snapshot!(names_of(NAMES));
}

#[test]
fn names_are_deterministic() {
    assert_eq!(names_of(NAMES), names_of(NAMES));
}

#[test]
fn a_names_file_entry_that_no_longer_fits_fails_the_model() {
    let stale = r#"[{"pointer": "/components/schemas/gone", "name": "Gone", "reason": "r"}]"#;
    let err = model_with(stale).unwrap_err();
    assert_eq!(err.pointer, "/components/schemas/gone");
    assert!(err.message.contains("no generated type comes from this pointer"), "{err}");
    let taken = r#"[{"pointer": "/components/schemas/odd_shape", "name": "OddDay", "reason": "r"},
        {"pointer": "/components/schemas/odd_shape/properties/1481101200/items", "name": "Tag", "reason": "r"}]"#;
    assert!(model_with(taken).is_ok(), "a names-file name is claimed before inference");
}

#[test]
fn a_names_file_entry_for_a_type_that_is_not_generated_fails_the_model() {
    // The schema only a 403 answers with: error bodies are not generated.
    let error_body =
        r#"[{"pointer": "/components/schemas/403_forbidden_response", "name": "Forbidden", "reason": "r"}]"#;
    let err = model_with(error_body).unwrap_err();
    assert_eq!(err.pointer, "/components/schemas/403_forbidden_response");
    assert!(err.message.contains("`Forbidden` is not generated"), "{err}");
}

#[test]
fn a_field_named_default_gets_a_setter_that_does_not_shadow_default() {
    let options = crate::Options {
        spec_path: "spec/test/openapi.yaml".into(),
        module: "test".into(),
        crate_name: "altegio_api".into(),
        example_findings: None,
        base_server: None,
        profile: Profile::default(),
    };
    let out = crate::generate(SPEC.as_bytes(), &options).expect("generates");
    let types = &out.files.iter().find(|f| f.path == "types.rs").expect("types.rs").contents;
    assert!(types.contains("pub fn default_(mut self"), "setter renamed");
    assert!(!types.contains("pub fn default(mut self"), "no setter named `default`");
}
