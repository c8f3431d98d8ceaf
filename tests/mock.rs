//! Mock-server support for the generated operation tests.

use altegio_api::Client;
pub use altegio_api::DateTime;

pub use crate::multipart::{form_fields, multipart_parts};
pub use wiremock::matchers::{any, method, path, query_param};
pub use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A client with both tokens, pointed at the mock server.
pub fn mock_client(server: &MockServer, base_path: &str) -> Client {
    Client::builder()
        .base_url(format!("{}{base_path}", server.uri()))
        .partner_token("partner-token")
        .user_token("user-token")
        .retry(altegio_api::RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// A client with the partner token only.
pub fn partner_only_client(server: &MockServer, base_path: &str) -> Client {
    Client::builder()
        .base_url(format!("{}{base_path}", server.uri()))
        .partner_token("partner-token")
        .retry(altegio_api::RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// A header with exactly this value (wiremock's `header` splits on commas,
/// which `Bearer P, User U` contains).
pub fn exact_header(name: &'static str, value: &'static str) -> impl wiremock::Match {
    move |r: &Request| r.headers.get(name).and_then(|v| v.to_str().ok()) == Some(value)
}

/// No header of this name.
pub fn no_header(name: &'static str) -> impl wiremock::Match {
    move |r: &Request| r.headers.get(name).is_none()
}

/// A JSON body equal to `expected` (as JSON, not as text).
pub fn json_body(expected: &'static str) -> impl wiremock::Match {
    let expected: serde_json::Value = serde_json::from_str(expected).expect("expected body is JSON");
    move |r: &Request| serde_json::from_slice::<serde_json::Value>(&r.body).ok().as_ref() == Some(&expected)
}

/// A body of exactly these bytes.
pub fn raw_body(expected: Vec<u8>) -> impl wiremock::Match {
    move |r: &Request| r.body == expected
}

/// A JSON answer.
pub fn json_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("content-type", "application/json").set_body_string(body)
}

/// An answer without a body.
pub fn empty_response(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
}

/// Altegio's error envelope with a message naming the status.
pub fn error_response(status: u16) -> ResponseTemplate {
    let body =
        serde_json::json!({"success": false, "data": null, "meta": {"message": format!("failure {status}")}});
    ResponseTemplate::new(status).set_body_json(body)
}

/// The error is the documented API error with the envelope's message.
pub fn assert_api_error(err: &altegio_api::Error, status: u16) {
    match err {
        altegio_api::Error::Api { status: s, message, .. } => {
            assert_eq!(s.as_u16(), status);
            assert_eq!(message.as_deref(), Some(format!("failure {status}").as_str()));
        }
        other => panic!("expected an API error for {status}, got {other:?}"),
    }
}
