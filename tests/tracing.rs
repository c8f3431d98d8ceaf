//! The `tracing` feature: one span per call named `<api>.<operation>` with
//! its method, route, status, attempt and duration, retries as events, and
//! no credential or query value in anything recorded.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use altegio_api::business_v1::AppointmentListParams;
use altegio_api::mock::{ok, MockServer, Reply};
use altegio_api::RetryPolicy;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const PARTNER: &str = "partner-SECRET-1f9e";
const USER: &str = "user-SECRET-77ab";
/// A query value that must not be recorded either (a client's phone, say).
const QUERY_VALUE: &str = "13155550123";

#[derive(Debug, Default, Clone)]
struct Captured {
    name: String,
    fields: BTreeMap<String, String>,
}

/// Keeps every span (with the fields recorded later) and every event.
#[derive(Default, Clone)]
struct Capture {
    spans: Arc<Mutex<BTreeMap<u64, Captured>>>,
    events: Arc<Mutex<Vec<Captured>>>,
    next: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut captured = Captured { name: span.metadata().name().to_owned(), ..Default::default() };
        span.record(&mut Fields(&mut captured.fields));
        self.spans.lock().unwrap().insert(id, captured);
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some(captured) = self.spans.lock().unwrap().get_mut(&span.into_u64()) {
            values.record(&mut Fields(&mut captured.fields));
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut captured = Captured { name: event.metadata().name().to_owned(), ..Default::default() };
        event.record(&mut Fields(&mut captured.fields));
        self.events.lock().unwrap().push(captured);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn one_span_per_call_with_retries_as_events_and_no_secrets() {
    let mock = MockServer::start().await;
    let list = mock.business_v1().get_appointment_list();
    mock.business_v1().get_appointment_list().times(1).respond(Reply::json(503, "busy".into())).await;
    list.respond(ok(Default::default())).await;
    let policy = RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(2));
    let client = mock.builder().partner_token(PARTNER).user_token(USER).retry(policy).build().unwrap();

    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(capture.clone());
    let params = AppointmentListParams::default().start_date(QUERY_VALUE);
    let response = client.business_v1().get_appointment_list(4564, &params).await.unwrap();
    drop(guard);
    assert_eq!(response.status, 200);
    // The server did get the secrets: the trace must not.
    let sent = mock.received().await;
    assert!(sent[0].header("authorization").is_some_and(|a| a.contains(USER)));
    assert_eq!(sent[0].query("start_date"), Some(QUERY_VALUE));

    let spans: Vec<Captured> = capture.spans.lock().unwrap().values().cloned().collect();
    let calls: Vec<&Captured> = spans.iter().filter(|s| s.name.starts_with("business_v1.")).collect();
    assert_eq!(calls.len(), 1, "{spans:#?}");
    let call = calls[0];
    assert_eq!(call.name, "business_v1.get_appointment_list");
    assert_eq!(call.fields["http.request.method"], "GET");
    assert_eq!(call.fields["http.route"], "/records/{location_id}");
    assert_eq!(call.fields["http.response.status_code"], "200");
    assert_eq!(call.fields["attempt"], "2");
    assert!(call.fields["duration_ms"].parse::<f64>().is_ok_and(|ms| ms > 0.0), "{call:?}");
    assert!(!call.fields.contains_key("error"));

    let events = capture.events.lock().unwrap().clone();
    let retries: Vec<&Captured> =
        events.iter().filter(|e| e.fields.get("message").is_some_and(|m| m == "retrying")).collect();
    assert_eq!(retries.len(), 1, "{events:#?}");
    assert_eq!(retries[0].fields["attempt"], "1");
    assert_eq!(retries[0].fields["http.response.status_code"], "503");
    assert!(retries[0].fields.contains_key("delay_ms"));

    // Nothing recorded anywhere holds a token, the query value or the path with its id.
    for captured in spans.iter().chain(&events) {
        for (name, value) in &captured.fields {
            for secret in [PARTNER, USER, "SECRET", QUERY_VALUE, "/records/4564"] {
                assert!(!value.contains(secret), "{} field {name} = {value}", captured.name);
            }
        }
    }
}

#[tokio::test]
async fn a_failed_call_records_what_went_wrong_in_a_word() {
    let mock = MockServer::start().await;
    mock.developers().get_country_list().respond(altegio_api::mock::error(404, "No such thing")).await;
    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(capture.clone());
    let err = mock.client().developers().get_country_list().await.unwrap_err();
    drop(guard);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let spans = capture.spans.lock().unwrap();
    let call = spans.values().find(|s| s.name == "developers.get_country_list").expect("the call's span");
    assert_eq!(call.fields["http.response.status_code"], "404");
    assert_eq!(call.fields["attempt"], "1");
    assert_eq!(call.fields["error"], "api");
}
