//! What generated request tests call: one test per operation sends the
//! operation's call to a [`MockServer`](super::MockServer) and checks what
//! arrived (method, path, query, headers, credentials, body), then that
//! each documented status decodes as documented.
//!
//! The matchers here are written apart from the code that sends requests
//! (a credential's wire form, a multipart body), so that a test compares
//! the runtime's output with an independent reading of it.
//!
//! ```
//! # async fn run() {
//! use openapi_rs_runtime::codegen::{Method, Request};
//! use openapi_rs_runtime::mock::requests::*;
//! use openapi_rs_runtime::mock::MockServer;
//!
//! let server = MockServer::start().await;
//! Mock::given(method("GET"))
//!     .and(path("/countries"))
//!     .and(exact_header("accept", server.client().accept()))
//!     .respond_with(json_response(200, "[]"))
//!     .expect(1)
//!     .mount(server.wiremock())
//!     .await;
//! let client = server.client();
//! let call = || client.send(Request::new(Method::GET, "get_countries", "/countries".to_owned()));
//! assert_eq!(call().await.unwrap().status.as_u16(), 200);
//! expect_errors(server.wiremock(), &[404], call).await;
//! # }
//! ```

use std::future::IntoFuture;

use base64::Engine as _;
pub use wiremock::matchers::{any, method, path, query_param};
pub use wiremock::{Mock, Request, ResponseTemplate};

use super::{credential, BASIC_PASSWORD, BASIC_USER, PARTNER_TOKEN, USER_TOKEN};
use crate::codegen::{Scheme, SchemeKind};
use crate::Error;

/// The stack of the thread [`run`] runs a test on: samples of large specs
/// are deep values (a debug build keeps every builder step on the stack),
/// more than a test thread's 2 MiB hold.
pub const TEST_STACK: usize = 64 << 20;

/// Runs an async test on a thread of its own with a [`TEST_STACK`] stack,
/// on a current-thread runtime (as `#[tokio::test]` would); a panic in the
/// test is the caller's panic.
///
/// # Panics
/// When the test panics, or the thread or runtime cannot start.
pub fn run<F, T>(test: F)
where
    F: FnOnce() -> T + Send,
    T: std::future::Future<Output = ()>,
{
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .stack_size(TEST_STACK)
            .spawn_scoped(scope, || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a test runtime starts");
                runtime.block_on(test());
            })
            .expect("a test thread starts");
        if let Err(panic) = thread.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

/// A header with exactly this value (wiremock's `header` splits values on
/// commas, which `Bearer P, User U` contains).
pub fn exact_header(name: &'static str, value: impl Into<String>) -> ExactHeader {
    ExactHeader { name, value: value.into() }
}

/// The matcher of [`exact_header`].
#[derive(Debug, Clone)]
pub struct ExactHeader {
    name: &'static str,
    value: String,
}

impl wiremock::Match for ExactHeader {
    fn matches(&self, r: &Request) -> bool {
        r.headers.get(self.name).and_then(|v| v.to_str().ok()) == Some(self.value.as_str())
    }
}

/// No header of this name.
pub fn no_header(name: &'static str) -> impl wiremock::Match {
    move |r: &Request| r.headers.get(name).is_none()
}

/// A JSON body equal to `expected` (as JSON, not as text).
///
/// # Panics
/// When `expected` is not JSON: the test itself is wrong.
pub fn json_body(expected: &str) -> impl wiremock::Match {
    let expected: serde_json::Value = serde_json::from_str(expected).expect("the expected body is JSON");
    move |r: &Request| serde_json::from_slice::<serde_json::Value>(&r.body).ok().as_ref() == Some(&expected)
}

/// A body of exactly these bytes.
pub fn raw_body(expected: Vec<u8>) -> impl wiremock::Match {
    move |r: &Request| r.body == expected
}

/// The credential of `scheme` that a [`MockServer`](super::MockServer)'s
/// client holds ([`with_credentials`](super::with_credentials)), in its
/// wire form: a header (with the scheme's prefix), a query pair or a cookie.
pub fn sends_credential(scheme: Scheme) -> impl wiremock::Match {
    sends_credentials(&[scheme])
}

/// The credentials of all of `schemes` (one security requirement), each in
/// its wire form: schemes that share a header send one field with their
/// values joined by `, ` in order (`Authorization: Bearer P, User U`),
/// cookies one `Cookie` field joined by `; `.
pub fn sends_credentials(schemes: &[Scheme]) -> impl wiremock::Match {
    let mut headers: Vec<(String, Vec<String>)> = Vec::new();
    let mut query = Vec::new();
    let mut cookies = Vec::new();
    for scheme in schemes {
        let value = credential(scheme.name);
        let (name, text) = match scheme.kind {
            SchemeKind::Bearer => ("authorization".to_owned(), format!("Bearer {value}")),
            SchemeKind::Basic => {
                let pair = base64::engine::general_purpose::STANDARD
                    .encode(format!("{BASIC_USER}:{BASIC_PASSWORD}"));
                ("authorization".to_owned(), format!("Basic {pair}"))
            }
            SchemeKind::Header { name, prefix } => (name.to_ascii_lowercase(), format!("{prefix}{value}")),
            SchemeKind::Query { name } => {
                query.push((name, value));
                continue;
            }
            SchemeKind::Cookie { name } => {
                cookies.push(format!("{name}={value}"));
                continue;
            }
        };
        match headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(text),
            None => headers.push((name, vec![text])),
        }
    }
    let headers: Vec<(String, String)> = headers.into_iter().map(|(n, v)| (n, v.join(", "))).collect();
    move |r: &Request| {
        // Exactly one field per header: a second one would be another
        // credential than the one expected.
        let single = |name: &str| {
            let mut values = r.headers.get_all(name).iter();
            match (values.next(), values.next()) {
                (Some(v), None) => v.to_str().ok(),
                _ => None,
            }
        };
        headers.iter().all(|(name, text)| single(name) == Some(text.as_str()))
            && query.iter().all(|(name, value)| r.url.query_pairs().any(|(k, v)| k == *name && v == *value))
            && cookies.iter().all(|pair| single("cookie").is_some_and(|c| c.split("; ").any(|p| p == pair)))
    }
}

/// `Authorization: Bearer <partner token>` as the mock client sends it;
/// with `user`, the user token after it (`Bearer P, User U`).
pub fn sends_partner_token(user: bool) -> impl wiremock::Match {
    let expected = match user {
        false => format!("Bearer {PARTNER_TOKEN}"),
        true => format!("Bearer {PARTNER_TOKEN}, User {USER_TOKEN}"),
    };
    exact_header("authorization", expected)
}

/// A JSON answer.
pub fn json_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("content-type", "application/json").set_body_string(body)
}

/// An answer without a body.
pub fn empty_response(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
}

/// An error envelope whose message names the status (`failure 404`),
/// which the runtime reads into [`Error::Api`].
pub fn error_response(status: u16) -> ResponseTemplate {
    let body =
        serde_json::json!({"success": false, "data": null, "meta": {"message": format!("failure {status}")}});
    ResponseTemplate::new(status).set_body_json(body)
}

/// Asserts that `err` is the documented API error of [`error_response`].
///
/// # Panics
/// When it is not.
pub fn assert_api_error(err: &Error, status: u16) {
    match err {
        Error::Api { status: s, message, .. } => {
            assert_eq!(s.as_u16(), status);
            assert_eq!(message.as_deref(), Some(format!("failure {status}").as_str()));
        }
        other => panic!("expected an API error for {status}, got {other:?}"),
    }
}

/// Checks the mocks mounted so far were called as often as they expect,
/// then answers every request with `answer` from now on.
///
/// # Panics
/// When a mounted mock's expectation is not met.
pub async fn answer(server: &wiremock::MockServer, answer: ResponseTemplate) {
    server.verify().await;
    server.reset().await;
    Mock::given(any()).respond_with(answer).mount(server).await;
}

/// For each of `statuses`, answers the next request with
/// [`error_response`] and asserts that `call` fails with that documented
/// error: one server for all of them.
///
/// # Panics
/// When a call succeeds or fails otherwise, or an earlier mock's
/// expectation is not met.
pub async fn expect_errors<F, C, T>(server: &wiremock::MockServer, statuses: &[u16], call: F)
where
    F: Fn() -> C,
    C: IntoFuture<Output = Result<T, Error>>,
    T: std::fmt::Debug,
{
    server.verify().await;
    for &status in statuses {
        answer(server, error_response(status)).await;
        let err = call().await.expect_err("a documented error status");
        // An answer to `HEAD` has no body (the server sends none), so its
        // error carries the status and no message.
        let head = server
            .received_requests()
            .await
            .and_then(|r| r.last().map(|r| r.method == wiremock::http::Method::HEAD))
            .unwrap_or(false);
        match (head, &err) {
            (true, Error::Api { status: s, message, .. }) => {
                assert_eq!((s.as_u16(), message.as_deref()), (status, None));
            }
            _ => assert_api_error(&err, status),
        }
    }
}

/// Asserts that `call` fails with [`Error::MissingUserToken`] and that
/// nothing reached `server` (forgetting what came before).
///
/// # Panics
/// When the call succeeds, fails otherwise, or sent a request.
pub async fn expect_missing_user_token<C, T>(server: &wiremock::MockServer, call: C)
where
    C: IntoFuture<Output = Result<T, Error>>,
    T: std::fmt::Debug,
{
    server.reset().await;
    let err = call.await.expect_err("needs a user token");
    assert!(matches!(err, Error::MissingUserToken { .. }), "{err:?}");
    let received = server.received_requests().await.unwrap_or_default();
    assert!(received.is_empty(), "{received:?}");
}

/// One part of a received `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPart {
    /// The form field's name.
    pub name: String,
    /// The file name, for a file part.
    pub file_name: Option<String>,
    /// The part's content type, when it has one.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub data: Vec<u8>,
}

/// The parts of a `multipart/form-data` request, in order; `None` when the
/// request is not one or does not parse.
pub fn parts(request: &Request) -> Option<Vec<ReceivedPart>> {
    let content_type = request.headers.get("content-type")?.to_str().ok()?;
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=")?.trim_matches('"');
    let delimiter = format!("--{boundary}");
    let mut sections = split(&request.body, delimiter.as_bytes());
    // Before the first delimiter: nothing; after the last: `--\r\n`.
    let first = sections.remove(0);
    if !first.is_empty() || sections.last().map(|s| s.starts_with(b"--")) != Some(true) {
        return None;
    }
    sections.pop();
    sections.into_iter().map(part).collect()
}

fn part(section: &[u8]) -> Option<ReceivedPart> {
    let section = section.strip_prefix(b"\r\n")?.strip_suffix(b"\r\n")?;
    let at = section.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&section[..at]).ok()?;
    let data = section[at + 4..].to_vec();
    let (mut name, mut file_name, mut content_type) = (None, None, None);
    for line in head.split("\r\n") {
        let (key, value) = line.split_once(": ")?;
        match key.to_ascii_lowercase().as_str() {
            "content-disposition" => {
                for attr in value.split("; ").skip(1) {
                    let (k, v) = attr.split_once('=')?;
                    let v = v.trim_matches('"').to_owned();
                    match k {
                        "name" => name = Some(v),
                        "filename" => file_name = Some(v),
                        _ => {}
                    }
                }
            }
            "content-type" => content_type = Some(value.to_owned()),
            _ => {}
        }
    }
    Some(ReceivedPart { name: name?, file_name, content_type, data })
}

fn split<'a>(body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.windows(delimiter.len()).position(|w| w == delimiter) {
        out.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    out.push(rest);
    out
}

/// A multipart body whose parts include each of `expected`: name, file
/// name and content type (files only) and data.
pub fn multipart_parts(
    expected: &'static [(&'static str, Option<&'static str>, Option<&'static str>, &'static str)],
) -> impl wiremock::Match {
    move |r: &Request| {
        let Some(got) = parts(r) else { return false };
        expected.iter().all(|(name, file_name, content_type, data)| {
            got.iter().any(|p| {
                p.name == *name
                    && p.file_name.as_deref() == *file_name
                    && (file_name.is_none() || p.content_type.as_deref() == *content_type)
                    && p.data == data.as_bytes()
            })
        })
    }
}

/// The pairs of a received `application/x-www-form-urlencoded` body.
pub fn form_pairs(request: &Request) -> Vec<(String, String)> {
    form_urlencoded::parse(&request.body).into_owned().collect()
}

/// A form body, sent as a form, holding each of `expected`.
pub fn form_fields(expected: &'static [(&'static str, &'static str)]) -> impl wiremock::Match {
    move |r: &Request| {
        let is_form = r.headers.get("content-type").and_then(|v| v.to_str().ok())
            == Some("application/x-www-form-urlencoded");
        let got = form_pairs(r);
        is_form && expected.iter().all(|(k, v)| got.iter().any(|(gk, gv)| gk == k && gv == v))
    }
}

#[cfg(test)]
mod tests;
