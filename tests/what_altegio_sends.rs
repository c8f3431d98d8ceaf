//! What the real server sends, through the public client: the everyday
//! reads decoding their documented examples, answers written from what
//! live servers were seen to send, and the ways out when something does
//! not decode.

use altegio_api::{business_v1, developers, DateTimeValue, Error};
use altegio_tests::mock::*;
use futures_util::StreamExt;
use serde_json::{json, Value};

const BASE_PATH: &str = "/api/v1";

fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Business Management v1 spec, parsed once per test.
fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/b2b-v1/openapi.yaml");
    let bytes = std::fs::read(path).expect("committed spec");
    generator::load::parse_value(&bytes).expect("spec parses")
}

/// The documented 200 example of `method path`: the media type's, or
/// else that of the schema it refers to.
fn documented_example(path: &str, method: &str) -> Value {
    let spec = spec();
    let media = format!(
        "/paths/{}/{method}/responses/200/content/application~1json",
        path.replace('~', "~0").replace('/', "~1")
    );
    if let Some(example) = spec.pointer(&format!("{media}/example")) {
        return example.clone();
    }
    let schema = spec.pointer(&format!("{media}/schema/$ref")).and_then(Value::as_str).unwrap_or_default();
    let pointer = format!("{}/example", schema.trim_start_matches('#'));
    spec.pointer(&pointer).cloned().unwrap_or_else(|| panic!("no example at {media} or {pointer}"))
}

async fn serving(status: u16, body: &str) -> (MockServer, altegio_api::Client) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(json_response(status, body)).mount(&server).await;
    let client = mock_client(&server, BASE_PATH);
    (server, client)
}

/// Each everyday read, answered with its own documented example: it
/// decodes, and the typed data and meta hold every member the example
/// sends. `$r` is the response: `$r.body` the data, `$r.meta` the meta.
macro_rules! everyday_read {
    ($name:ident, $method:literal $path:literal, |$api:ident| $call:expr, |$r:ident| $check:expr) => {
        #[tokio::test]
        async fn $name() {
            let example = documented_example($path, $method);
            let (_server, client) = serving(200, &example.to_string()).await;
            let $api = client.business_v1();
            let response = $call.await.expect("the documented example decodes");
            assert!(response.unknown_fields().is_empty(), "dropped: {:?}", response.unknown_fields());
            let $r = &response;
            assert!($check, "{:?} {:?}", response.body, response.meta);
        }
    };
}

everyday_read!(get_appointment, "get" "/record/{location_id}/{record_id}",
    |api| api.get_appointment(1, 2, &Default::default()),
    |r| r.body.client.as_ref().and_then(|c| c.phone.as_deref()) == Some("13155550175"));
everyday_read!(get_visit, "get" "/visits/{visit_id}",
    |api| api.get_visit(1),
    |r| r.body.records.as_ref().is_some_and(|records| !records.is_empty()));
everyday_read!(get_transactions, "get" "/transactions/{location_id}",
    |api| api.get_transactions(1, &Default::default()),
    |r| !r.body.is_empty());
everyday_read!(get_team_member, "get" "/company/{location_id}/staff/{team_member_id}",
    |api| api.get_team_member(1, 2),
    |r| r.body.id.is_some());
everyday_read!(get_service, "get" "/company/{location_id}/services/{service_id}",
    |api| api.get_location_service_list(1, &Default::default()),
    |r| r.body.len() > 1);
everyday_read!(get_service_category, "get" "/service_category/{location_id}/{id}",
    |api| api.get_service_category(1, 2),
    |r| !r.body.is_empty());
everyday_read!(get_product, "get" "/goods/{location_id}/{product_id}",
    |api| api.get_product(1, 2, &Default::default()),
    |r| r.body.good_id.is_some());
everyday_read!(get_location, "get" "/company/{location_id}",
    |api| api.get_location(1, &Default::default()),
    |r| r.body.id.is_some());
everyday_read!(get_location_list, "get" "/companies",
    |api| api.get_location_list(&Default::default()),
    |r| !r.body.is_empty());
everyday_read!(get_service_list, "get" "/services/{location_id}",
    |api| api.get_service_list(1, &Default::default()),
    |r| !r.body.is_empty());
everyday_read!(get_team_member_list, "get" "/staff/{location_id}",
    |api| api.get_team_member_list(1),
    |r| !r.body.is_empty());
everyday_read!(get_appointment_list, "get" "/records/{location_id}",
    |api| api.get_appointment_list(1, &Default::default()),
    |r| !r.body.is_empty());
everyday_read!(get_client, "get" "/client/{location_id}/{id}",
    |api| api.get_client(1, 2),
    |r| r.body.phone.as_deref() == Some("13155550178"));
everyday_read!(get_team_member_schedule, "get" "/schedule/{location_id}/{team_member_id}/{start_date}/{end_date}",
    |api| api.get_team_member_schedule(1, 2, "2026-09-21", "2026-09-28"),
    |r| r.body.len() > 1 && r.body[0].is_working);
everyday_read!(get_client_list, "post" "/company/{location_id}/clients/search",
    |api| api.get_client_list(1, &Default::default()),
    |r| r.meta.total_count == Some(908) && !r.body.is_empty());

#[tokio::test]
async fn a_records_list_with_php_empties_mixed_money_and_three_date_forms() {
    let (_server, client) = serving(200, &fixture("records_list.json")).await;
    let response =
        client.business_v1().get_appointment_list(4564, &Default::default()).await.expect("decodes");
    let records = &response.body;
    let (first, second) = (&records[0], &records[1]);
    assert_eq!(first.company_id, Some(4564), "an id sent as a string");
    assert_eq!(first.client, None, "`[]` is no client");
    assert_eq!(first.custom_fields, None);
    assert_eq!(first.documents, None, "`{{}}` is no list");
    assert_eq!(first.online, Some(true));
    assert_eq!(first.deleted, Some(false));
    assert_eq!(first.visit_id, Some(88001));
    assert_eq!(first.api_id.as_deref(), Some("0"));
    let services = first.services.as_ref().expect("services");
    assert_eq!(services.iter().map(|s| s.cost).collect::<Vec<_>>(), [Some(1500.0), Some(725.5)]);
    assert_eq!(services[1].first_cost, Some(725.5));
    let staff = first.staff.as_ref().expect("staff");
    assert_eq!(staff.position, None, "`position: []`");
    assert_eq!(staff.rating, Some(4.5));
    // Three date forms in one record, and "no date".
    assert!(matches!(first.date.as_ref().map(|d| d.value()), Some(DateTimeValue::Naive(_))));
    assert!(first.datetime.as_ref().and_then(|d| d.with_offset()).is_some());
    assert_eq!(
        first.create_date.as_ref().and_then(|d| d.with_offset()),
        first
            .datetime
            .as_ref()
            .and_then(|d| d.with_offset())
            .map(|t| t - chrono::Duration::hours(57) - chrono::Duration::minutes(15))
    );
    assert_eq!(first.last_change_date, None);
    assert_eq!(first.datetime.as_ref().map(|d| d.as_str()), Some("2026-04-20T18:30:00+05:00"));
    // One service where a list is documented; a phone as a number.
    assert_eq!(second.services.as_ref().map(|s| s[0].cost), Some(Some(2161.51)));
    assert_eq!(second.client.as_ref().and_then(|c| c.phone.as_deref()), Some("13155550175"));
    assert_eq!(second.create_date, None, "`\"\"` is no date");
    assert_eq!(second.api_id.as_deref(), Some(""));
    assert_eq!(
        second.staff.as_ref().and_then(|s| s.position.as_ref()).and_then(|p| p.title.as_deref()),
        Some("Colourist")
    );
    assert_eq!(response.count_at(&["/meta/total_count"]), Some(2));
    assert_eq!(response.meta.total_count, Some(2), "the meta, typed beside the data");
}

#[tokio::test]
async fn a_staff_list_with_empty_position_and_null_user() {
    let (_server, client) = serving(200, &fixture("staff_list.json")).await;
    let response = client.business_v1().get_team_member_list(4564).await.expect("decodes");
    let staff = &response.body;
    assert_eq!(staff.len(), 2);
    assert_eq!(staff[0].position, None);
    assert_eq!(staff[1].position.as_ref().and_then(|p| p.title.as_deref()), Some("Colourist"));
    assert_eq!(staff[0].name.as_deref(), Some("Olivia Park"));
    // Members the docs do not list are still there for the caller.
    let raw = response.raw_json().expect("raw body");
    assert_eq!(raw["data"][0]["prepaid"], "forbidden");
}

#[tokio::test]
async fn a_client_create_answered_with_201() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/clients/4564"))
        .and(json_body(r#"{"name":"Mia","phone":"+13155550123","categories":[3,7]}"#))
        .respond_with(json_response(201, &fixture("client_created.json")))
        .expect(1)
        .mount(&server)
        .await;
    let client = mock_client(&server, BASE_PATH);
    let body = business_v1::CreateClientRequest::new("Mia", "+13155550123").categories(vec![3, 7]);
    let response = client.business_v1().create_client(4564, &body).await.expect("decodes");
    assert_eq!(response.status.as_u16(), 201);
    let created = &response.body;
    assert_eq!(created.id, Some(3106));
    assert_eq!(created.phone.as_deref(), Some("13155550123"));
    assert_eq!(created.card.as_deref(), Some("4400112233"));
    assert_eq!(created.gender_id, Some(2));
    assert_eq!(created.birth_date, None, "0000-00-00 is no date");
    assert_eq!(created.balance, Some(-150.5));
    assert_eq!(response.unknown_fields(), ["/data/loyalty_level"], "the one member the docs do not list");
}

#[test]
fn a_webhook_batch_and_an_unknown_resource() {
    let events = developers::parse_webhook(fixture("webhook_batch.json").as_bytes()).expect("parses");
    match events.as_slice() {
        [developers::WebhookEvent::Record(record), developers::WebhookEvent::Client(client)] => {
            assert_eq!(record.resource_id, 501);
            assert_eq!(record.data.client, None);
            assert_eq!(client.data.phone.as_deref(), Some("13155550123"));
        }
        other => panic!("{other:?}"),
    }
    let events = developers::parse_webhook(fixture("webhook_unknown.json").as_bytes()).expect("parses");
    match events.as_slice() {
        [developers::WebhookEvent::Unknown(value)] => assert_eq!(value["resource"], "teleport"),
        other => panic!("an unknown resource is no known event: {other:?}"),
    }
    // A known resource whose body does not fit names the field.
    let bad =
        r#"{"company_id": 1, "resource": "client", "resource_id": "x", "status": "create", "data": {}}"#;
    match developers::parse_webhook(bad.as_bytes()) {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "resource_id"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_marketplace_event_hides_its_partner_token() {
    let body =
        r#"{"salon_id": 1, "application_id": 2, "event": "uninstall", "partner_token": "s3cr3t-token"}"#;
    let events = developers::parse_webhook(body.as_bytes()).expect("parses");
    let printed = format!("{events:?}");
    assert!(matches!(events.as_slice(), [developers::WebhookEvent::MarketplaceWebhook(_)]), "{printed}");
    assert!(!printed.contains("s3cr3t"), "{printed}");
    assert!(printed.contains("<redacted>"), "{printed}");
}

/// Pages answered by `page`, each reporting the total in `meta.count`;
/// the server sends fewer items per page than were asked for.
struct Pages;

impl wiremock::Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page: u64 = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "page")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(1);
        let ids: Vec<u64> = match page {
            1 => vec![1, 2],
            2 => vec![3, 4],
            3 => vec![5],
            _ => vec![],
        };
        let data: Vec<Value> =
            ids.iter().map(|id| json!({"id": id, "title": format!("Service {id}")})).collect();
        json_response(200, &json!({"success": true, "data": data, "meta": {"count": 5}}).to_string())
    }
}

#[tokio::test]
async fn a_paged_list_counted_by_meta_count() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(Pages).mount(&server).await;
    let client = mock_client(&server, BASE_PATH);
    let params = business_v1::AppointmentListParams::default().count(3);
    let ids: Vec<i64> = client
        .business_v1()
        .get_appointment_list_stream(4564, params)
        .map(|r| r.expect("page decodes").id.expect("id"))
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3, 4, 5], "short pages do not end the list before the count");
    let pages = server.received_requests().await.unwrap_or_default().len();
    assert_eq!(pages, 3, "no page past the count is asked for");
}

#[tokio::test]
async fn an_error_envelope_with_any_status_is_an_api_error() {
    for (status, message) in [
        (400, "The service is not available for group booking"),
        (401, "Partner ID not specified"),
        (403, "No company management rights"),
        (404, "Not found"),
    ] {
        let body = json!({"success": false, "data": null, "meta": {"message": message}}).to_string();
        let (_server, client) = serving(status, &body).await;
        // `get_appointment` documents none of these statuses but 401 and 404.
        match client.business_v1().get_appointment(1, 2, &Default::default()).await {
            Err(Error::Api { status: s, message: Some(m), .. }) => {
                assert_eq!((s.as_u16(), m.as_str()), (status, message));
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_body_that_does_not_decode_is_still_reachable() {
    // `data.id` cannot be an integer: the typed call fails, naming it, and
    // keeps the whole body; the raw calls go through.
    let body = r#"{"success": true, "data": {"id": "not a number", "mystery": [1, 2]}, "meta": []}"#;
    let (server, client) = serving(200, body).await;
    let api = client.business_v1();
    match api.get_appointment(1, 2, &Default::default()).await {
        Err(Error::Decode { path, status, body: kept, .. }) => {
            assert_eq!(path, "data.id");
            assert_eq!(status.map(|s| s.as_u16()), Some(200));
            assert_eq!(&kept[..], body.as_bytes());
        }
        other => panic!("{other:?}"),
    }
    let value = api.get_appointment(1, 2, &Default::default()).json_value().await.expect("any JSON");
    assert_eq!(value.body["data"]["mystery"], json!([1, 2]));
    let raw = api.get_appointment(1, 2, &Default::default()).raw().await.expect("bytes");
    assert_eq!(&raw.body[..], body.as_bytes());
    // The raw calls are the same request: credentials and all.
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r
        .headers
        .get("authorization")
        .is_some_and(|v| v == "Bearer partner-token, User user-token")));
}

#[tokio::test]
async fn the_envelope_s_data_as_the_server_sends_it() {
    // No data, `[]` for an object, the bare list, and no `success` or `meta`.
    for body in [r#"{"success": true, "data": null, "meta": []}"#, r#"{"success": true, "data": []}"#, "{}"] {
        let (_server, client) = serving(200, body).await;
        let record = client.business_v1().get_appointment(1, 2, &Default::default()).await.expect(body);
        assert_eq!(record.body, business_v1::Appointment::default(), "{body}");
        let list = client.business_v1().get_appointment_list(1, &Default::default()).await.expect(body);
        assert!(list.body.is_empty(), "{body}");
    }
    let (_server, client) = serving(200, r#"[{"id": 7}]"#).await;
    let list = client.business_v1().get_appointment_list(1, &Default::default()).await.expect("bare list");
    assert_eq!(list.body.iter().map(|a| a.id).collect::<Vec<_>>(), [Some(7)]);
    // One record where a list is documented.
    let (_server, client) = serving(200, r#"{"success": true, "data": {"id": 8}, "meta": []}"#).await;
    let list = client.business_v1().get_appointment_list(1, &Default::default()).await.expect("one record");
    assert_eq!(list.body.iter().map(|a| a.id).collect::<Vec<_>>(), [Some(8)]);
    // `success: false` in a 200 is an error, not empty data.
    let failed = r#"{"success": false, "data": null, "meta": {"message": "Record not found"}}"#;
    let (_server, client) = serving(200, failed).await;
    match client.business_v1().get_appointment(1, 2, &Default::default()).await {
        Err(Error::Api { status, message, .. }) => {
            assert_eq!((status.as_u16(), message.as_deref()), (200, Some("Record not found")));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn whole_numbers_are_sent_as_integers_and_booleans_as_the_docs_write_them() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("with_deleted", "1"))
        .respond_with(json_response(200, r#"{"success": true, "data": [], "meta": []}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = mock_client(&server, BASE_PATH);
    let params = business_v1::AppointmentListParams::default().with_deleted(true);
    client.business_v1().get_appointment_list(1, &params).await.expect("sent as with_deleted=1");

    let body = business_v1::CreateClientRequest::new("Mia", "+13155550123").discount(15.0).balance(-0.5);
    let encoded = serde_json::to_value(&body).expect("encodes");
    assert_eq!(encoded["discount"].to_string(), "15");
    assert_eq!(encoded["balance"].to_string(), "-0.5");
}
