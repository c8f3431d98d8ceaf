//! Typed mocks for tests (the `mock` feature): an in-process HTTP server
//! and a client pointed at it, with one method per operation to say what
//! the server answers to it.
//!
//! A generated crate's `mock` module defines its own `MockServer` around
//! this one (with [`define_mock_server!`](crate::define_mock_server)), and
//! each of its API modules a `Mocks` handle with a method per operation,
//! named as on the client. A mock matches its operation's method and path
//! template (any value of a path parameter); its answer is typed with the
//! operation's success type, so a test cannot answer a list with a record
//! by mistake. For an operation that returns an envelope's data, [`ok`]
//! takes the data and the mock sends it in the envelope
//! (`{"success": true, "data": ..., "meta": ...}`), with the meta given by
//! [`Reply::meta`] or an empty one. A request no mock matches gets a 404.
//!
//! ```
//! # async fn run() -> Result<(), openapi_rs_runtime::Error> {
//! use openapi_rs_runtime::codegen::{Method, Request};
//! use openapi_rs_runtime::mock::{error, MockServer};
//!
//! let mock = MockServer::start().await;
//! mock.operation::<()>("GET", "/countries").respond(error(503, "Try again later")).await;
//! let request = Request::new(Method::GET, "get_country_list", "/countries".to_owned());
//! let err = mock.client().send(request).await.unwrap_err();
//! assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
//! # Ok(()) }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::codegen::{EnvelopeMembers, Scheme, SchemeKind, Tolerant};
use crate::{Client, ClientBuilder, RetryPolicy};

pub mod requests;

/// The partner token the mock server's client sends.
pub const PARTNER_TOKEN: &str = "mock-partner-token";

/// The user token the mock server's client sends.
pub const USER_TOKEN: &str = "mock-user-token";

/// The user of every HTTP basic scheme in [`with_credentials`].
pub const BASIC_USER: &str = "mock-user";

/// The password of every HTTP basic scheme in [`with_credentials`].
pub const BASIC_PASSWORD: &str = "mock-password";

/// The credential [`with_credentials`] sets for the scheme `name`:
/// `mock-<name>`.
pub fn credential(name: &str) -> String {
    format!("mock-{name}")
}

/// `builder` holding a credential for each of `schemes`: [`credential`] of
/// its name, or [`BASIC_USER`] and [`BASIC_PASSWORD`] for HTTP basic.
pub fn with_credentials<C>(mut builder: ClientBuilder<C>, schemes: &[Scheme]) -> ClientBuilder<C> {
    for scheme in schemes {
        builder = match scheme.kind {
            SchemeKind::Basic => builder.basic_auth(scheme.name, BASIC_USER, BASIC_PASSWORD),
            _ => builder.credential(scheme.name, credential(scheme.name)),
        };
    }
    builder
}

/// An in-process HTTP server on 127.0.0.1 (a [`wiremock`] server) and a
/// client pointed at it, holding [`PARTNER_TOKEN`] and [`USER_TOKEN`] and
/// never retrying (so that a test sees each answer as it was declared).
/// The server stops when this is dropped.
///
/// `C` is the client type: a generated crate's `Client`, built from its
/// own builder (so with its API's profile), or this runtime's [`Client`].
pub struct MockServer<C = Client> {
    server: wiremock::MockServer,
    builder: ClientBuilder<C>,
    client: C,
}

impl MockServer {
    /// Starts a server on a free local port, with a client of the default
    /// [`Profile`](crate::Profile).
    pub async fn start() -> MockServer {
        MockServer::start_with(Client::builder()).await
    }
}

impl<C: From<Client>> MockServer<C> {
    /// Starts a server on a free local port, with a client built by
    /// `builder` pointed at it (and given the mock tokens, no retries).
    pub async fn start_with(builder: ClientBuilder<C>) -> MockServer<C> {
        let server = wiremock::MockServer::start().await;
        let builder = builder
            .base_url(server.uri())
            .partner_token(PARTNER_TOKEN)
            .user_token(USER_TOKEN)
            .retry(RetryPolicy::none());
        // Only a TLS back-end that cannot start fails here; a test cannot
        // go on without a client.
        let client = builder.clone().build().expect("a client for a local server builds");
        MockServer { server, builder, client }
    }
}

impl<C> MockServer<C> {
    /// The client pointed at this server.
    pub fn client(&self) -> &C {
        &self.client
    }

    /// A builder for another client pointed at this server, with the same
    /// tokens and no retries, to change (a timeout, a retry policy, hooks).
    pub fn builder(&self) -> ClientBuilder<C> {
        self.builder.clone()
    }

    /// The server's base URL (`http://127.0.0.1:<port>`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The underlying `wiremock` server, for rules the typed mocks do not
    /// cover.
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.server
    }

    /// Every request the server received, matched or not, in order.
    pub async fn received(&self) -> Vec<Received> {
        let requests = self.server.received_requests().await.unwrap_or_default();
        requests.iter().map(Received::from).collect()
    }

    /// A mock of one operation; the generated `mock` modules call this.
    #[doc(hidden)]
    pub fn operation<T>(&self, method: &'static str, route: &'static str) -> OperationMock<'_, T> {
        OperationMock {
            server: &self.server,
            filter: Filter { method, route, query: Vec::new() },
            times: None,
            envelope: None,
            body: PhantomData,
        }
    }

    /// A mock of one operation whose answers come in an envelope; the
    /// generated `mock` modules call this.
    #[doc(hidden)]
    pub fn enveloped<T, M>(
        &self,
        method: &'static str,
        route: &'static str,
        members: EnvelopeMembers,
    ) -> OperationMock<'_, T, M> {
        OperationMock {
            server: &self.server,
            filter: Filter { method, route, query: Vec::new() },
            times: None,
            envelope: Some(members),
            body: PhantomData,
        }
    }
}

impl<C> fmt::Debug for MockServer<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer").field("uri", &self.server.uri()).finish_non_exhaustive()
    }
}

/// What the server answers to one operation: build it with the operation's
/// method on a `Mocks` handle, narrow it, then [`respond`](Self::respond).
/// `T` and `M` are the operation's success type and meta, as in
/// [`ApiResponse<T, M>`](crate::ApiResponse).
#[must_use = "a mock does nothing until `respond` is awaited"]
pub struct OperationMock<'a, T, M = ()> {
    server: &'a wiremock::MockServer,
    filter: Filter,
    times: Option<u64>,
    /// Set when [`ok`] answers go in the envelope.
    envelope: Option<EnvelopeMembers>,
    body: PhantomData<fn() -> (T, M)>,
}

impl<T, M> fmt::Debug for OperationMock<'_, T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OperationMock")
            .field("filter", &self.filter)
            .field("times", &self.times)
            .field("envelope", &self.envelope)
            .finish()
    }
}

impl<'a, T, M: Tolerant + Serialize> OperationMock<'a, T, M> {
    /// Only requests with this query pair (as decoded), such as
    /// `with_query("page", "2")` for the second page.
    pub fn with_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.filter.query.push((name.into(), value.into()));
        self
    }

    /// Answers at most `n` requests, then lets later mocks of the same
    /// operation answer. Mocks are tried in the order they were declared.
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Installs the mock: from now on, matching requests get `reply`.
    pub async fn respond(self, reply: Reply<T, M>) -> Requests<'a> {
        let envelope = self.envelope.map(|members| {
            // A meta the reply does not give is empty, as the decoder reads it.
            let empty = M::empty().and_then(|m| serde_json::to_value(m).ok());
            (members, empty)
        });
        let mut mock = wiremock::Mock::given(self.filter.clone()).respond_with(reply.template(envelope));
        if let Some(n) = self.times {
            mock = mock.up_to_n_times(n);
        }
        mock.mount(self.server).await;
        Requests { server: self.server, filter: self.filter }
    }

    /// The requests of this operation received so far (with this mock's
    /// query filter), whichever mock answered them.
    pub async fn received(&self) -> Vec<Received> {
        received(self.server, &self.filter).await
    }
}

/// The requests an installed mock matches; see [`Requests::received`].
#[derive(Debug)]
pub struct Requests<'a> {
    server: &'a wiremock::MockServer,
    filter: Filter,
}

impl Requests<'_> {
    /// The requests the mock matches received so far, in order (including
    /// those an earlier mock of the same operation answered).
    pub async fn received(&self) -> Vec<Received> {
        received(self.server, &self.filter).await
    }
}

async fn received(server: &wiremock::MockServer, filter: &Filter) -> Vec<Received> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests.iter().filter(|r| filter.matches(r)).map(Received::from).collect()
}

/// An operation's method and path template, and query pairs.
#[derive(Debug, Clone)]
struct Filter {
    method: &'static str,
    route: &'static str,
    query: Vec<(String, String)>,
}

impl Filter {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.method.as_str() == self.method
            && route_matches(self.route, request.url.path())
            && self.query.iter().all(|(name, value)| {
                request.url.query_pairs().any(|(n, v)| n == name.as_str() && v == value.as_str())
            })
    }
}

impl wiremock::Match for Filter {
    fn matches(&self, request: &wiremock::Request) -> bool {
        Filter::matches(self, request)
    }
}

/// Whether `path` fits the template `route`: segment by segment, `{name}`
/// standing for any non-empty text without a `/`.
fn route_matches(route: &str, path: &str) -> bool {
    let route = route.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    let (mut routes, mut paths) = (route.split('/'), path.split('/'));
    loop {
        match (routes.next(), paths.next()) {
            (None, None) => return true,
            (Some(r), Some(p)) if segment_matches(r, p) => {}
            _ => return false,
        }
    }
}

/// One segment: literal text must match as is, each `{...}` any non-empty text.
fn segment_matches(template: &str, segment: &str) -> bool {
    let mut literals = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        literals.push(&rest[..start]);
        rest = &rest[start + len + 1..];
    }
    literals.push(rest);
    if literals.len() == 1 {
        return template == segment;
    }
    let (first, last) = (literals[0], literals[literals.len() - 1]);
    if !segment.starts_with(first) || segment.len() < first.len() + last.len() || !segment.ends_with(last) {
        return false;
    }
    // Each parameter takes at least one character.
    let mut at = first.len();
    let end = segment.len() - last.len();
    for literal in &literals[1..literals.len() - 1] {
        match segment.get(at + 1..end).and_then(|s| s.find(literal)) {
            Some(found) => at += 1 + found + literal.len(),
            None => return false,
        }
    }
    end > at
}

/// One request the mock server received, decoded.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Received {
    /// The HTTP method.
    pub method: String,
    /// The path, as sent (percent-encoded).
    pub path: String,
    /// The query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body as sent.
    pub body: Vec<u8>,
}

impl Received {
    /// The first value of a query parameter.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The first value of a header (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body decoded from JSON, such as the operation's request type.
    pub fn json<B: DeserializeOwned>(&self) -> Result<B, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

impl From<&wiremock::Request> for Received {
    fn from(request: &wiremock::Request) -> Self {
        Received {
            method: request.method.to_string(),
            path: request.url.path().to_owned(),
            query: request.url.query_pairs().into_owned().collect(),
            headers: request
                .headers
                .iter()
                .map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
                .collect(),
            body: request.body.clone(),
        }
    }
}

/// What a mock answers: a status, a body, headers and a delay. `T` is the
/// operation's success type and `M` its meta: [`ok`] takes a value of `T`,
/// [`Reply::meta`] one of `M`.
pub struct Reply<T, M = ()> {
    status: u16,
    body: Answer,
    headers: Vec<(String, String)>,
    delay: Option<Duration>,
    typed: PhantomData<fn() -> (T, M)>,
}

/// The body of a reply.
#[derive(Debug)]
enum Answer {
    None,
    /// Bytes and their media type, sent as they are.
    Raw(Vec<u8>, String),
    /// An [`ok`] answer: the data, and the meta if one was given; in the
    /// envelope for an operation whose answers have one.
    Data {
        data: serde_json::Value,
        meta: Option<serde_json::Value>,
    },
}

impl<T, M> fmt::Debug for Reply<T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = match &self.body {
            Answer::None => None,
            Answer::Raw(b, t) => Some(format!("{} ({t})", String::from_utf8_lossy(b))),
            Answer::Data { data, meta } => Some(format!("data {data}, meta {meta:?}")),
        };
        f.debug_struct("Reply")
            .field("status", &self.status)
            .field("body", &body)
            .field("delay", &self.delay)
            .finish_non_exhaustive()
    }
}

/// `200` with `body` as JSON: the operation's data, sent in the envelope
/// for an operation whose answers come in one.
pub fn ok<T: Serialize, M>(body: T) -> Reply<T, M> {
    match serde_json::to_value(&body) {
        Ok(data) => status(200).answer(Answer::Data { data, meta: None }),
        Err(e) => not_encoded(e),
    }
}

/// A value that does not encode fails the test at its call, readably.
fn not_encoded<T, M>(e: serde_json::Error) -> Reply<T, M> {
    status(500).body(format!("mock: the reply does not encode as JSON: {e}"), "text/plain")
}

/// `status` with Altegio's error envelope:
/// `{"success": false, "data": null, "meta": {"message": message}}`.
pub fn error<T, M>(status_code: u16, message: impl Into<String>) -> Reply<T, M> {
    let body = serde_json::json!({"success": false, "data": null, "meta": {"message": message.into()}});
    Reply::json(status_code, body)
}

/// `status` without a body.
pub fn status<T, M>(status: u16) -> Reply<T, M> {
    Reply { status, body: Answer::None, headers: Vec::new(), delay: None, typed: PhantomData }
}

impl<T, M> Reply<T, M> {
    /// The meta sent beside an [`ok`] answer's data, in the envelope (such
    /// as a total, for paged lists); other answers are sent as they are.
    pub fn meta(mut self, meta: M) -> Self
    where
        M: Serialize,
    {
        if let Answer::Data { meta: slot, .. } = &mut self.body {
            match serde_json::to_value(&meta) {
                Ok(value) => *slot = Some(value),
                Err(e) => return not_encoded(e),
            }
        }
        self
    }

    /// `status` with any JSON, such as a body the docs do not describe.
    pub fn json(status_code: u16, body: serde_json::Value) -> Self {
        status(status_code).body(body.to_string(), "application/json")
    }

    /// `status` with a body of any media type.
    pub fn raw(status_code: u16, body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        status(status_code).body(body, content_type)
    }

    fn body(self, body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        self.answer(Answer::Raw(body.into(), content_type.to_owned()))
    }

    fn answer(mut self, body: Answer) -> Self {
        self.body = body;
        self
    }

    /// The same answer with another status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// Adds a response header, such as `Retry-After`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Answers only after `delay`, to test timeouts.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// The answer; `envelope` holds the members and the empty meta of an
    /// operation whose answers come in an envelope.
    fn template(
        self,
        envelope: Option<(EnvelopeMembers, Option<serde_json::Value>)>,
    ) -> wiremock::ResponseTemplate {
        let mut template = wiremock::ResponseTemplate::new(self.status);
        for (name, value) in self.headers {
            template = template.insert_header(name.as_str(), value.as_str());
        }
        if let Some((body, content_type)) = self.body.into_bytes(envelope) {
            template = template.set_body_raw(body, &content_type);
        }
        if let Some(delay) = self.delay {
            template = template.set_delay(delay);
        }
        template
    }
}

impl Answer {
    /// The body and its media type; `envelope` as for [`Reply::template`].
    fn into_bytes(
        self,
        envelope: Option<(EnvelopeMembers, Option<serde_json::Value>)>,
    ) -> Option<(Vec<u8>, String)> {
        let json = |value: serde_json::Value| (value.to_string().into_bytes(), "application/json".to_owned());
        match self {
            Answer::None => None,
            Answer::Raw(body, content_type) => Some((body, content_type)),
            Answer::Data { data, meta } => Some(json(match envelope {
                Some((members, empty)) => enveloped(members, data, meta.or(empty)),
                None => data,
            })),
        }
    }
}

/// `{"success": true, "data": data, "meta": meta}`, with the members the
/// operation's envelope has.
fn enveloped(
    members: EnvelopeMembers,
    data: serde_json::Value,
    meta: Option<serde_json::Value>,
) -> serde_json::Value {
    let mut envelope = serde_json::Map::new();
    if let Some(flag) = members.success {
        envelope.insert(flag.to_owned(), serde_json::Value::Bool(true));
    }
    envelope.insert(members.data.to_owned(), data);
    if let (Some(member), Some(meta)) = (members.meta, meta) {
        envelope.insert(member.to_owned(), meta);
    }
    serde_json::Value::Object(envelope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_segment_by_segment() {
        assert!(route_matches("/records/{location_id}", "/records/42"));
        assert!(route_matches("/records/{location_id}", "/records/42/"));
        assert!(!route_matches("/records/{location_id}", "/records/"));
        assert!(!route_matches("/records/{location_id}", "/records/42/7"));
        assert!(!route_matches("/records/{location_id}", "/company/1/records/42"));
        assert!(route_matches("/record/{a}/{b}", "/record/1/2"));
        assert!(route_matches("/api/v2/x", "/api/v2/x"));
        assert!(!route_matches("/api/v2/x", "/api/v1/x"));
        assert!(route_matches("/files/{name}.json", "/files/a.json"));
        assert!(!route_matches("/files/{name}.json", "/files/.json"));
        assert!(!route_matches("/files/{name}.json", "/files/a.xml"));
        assert!(route_matches("/r/{a}-{b}", "/r/1-2"));
        assert!(!route_matches("/r/{a}-{b}", "/r/1-"));
        assert!(route_matches("/", "/"));
    }

    #[test]
    fn replies() {
        fn body(reply: Reply<Vec<i32>, Vec<i32>>, envelope: Option<EnvelopeMembers>) -> serde_json::Value {
            let empty = envelope.map(|m| (m, Some(serde_json::json!([]))));
            let (bytes, content_type) = reply.body.into_bytes(empty).unwrap();
            assert_eq!(content_type, "application/json");
            serde_json::from_slice(&bytes).unwrap()
        }
        let reply: Reply<(), ()> = error(404, "Not found");
        let Answer::Raw(bytes, content_type) = &reply.body else { panic!("{reply:?}") };
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(value["meta"]["message"], "Not found");
        assert_eq!((reply.status, content_type.as_str()), (404, "application/json"));
        let reply: Reply<Vec<i32>, ()> = ok(vec![1, 2]).with_status(201).delay(Duration::from_millis(5));
        assert_eq!(reply.status, 201);
        let bad: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        assert_eq!(ok::<_, ()>(bad).status, 500);

        // An enveloped operation's data goes in the envelope, with the meta
        // given or an empty one; other answers go as they are.
        let members = EnvelopeMembers { data: "data", meta: Some("meta"), success: Some("success") };
        assert_eq!(body(ok(vec![1]), None), serde_json::json!([1]));
        assert_eq!(
            body(ok(vec![1]), Some(members)),
            serde_json::json!({"success": true, "data": [1], "meta": []})
        );
        assert_eq!(
            body(ok(vec![1]).meta(vec![9]), Some(members)),
            serde_json::json!({"success": true, "data": [1], "meta": [9]})
        );
        let no_meta = EnvelopeMembers { meta: None, success: None, ..members };
        assert_eq!(body(ok(vec![1]).meta(vec![9]), Some(no_meta)), serde_json::json!({"data": [1]}));
        let raw = Reply::json(200, serde_json::json!({"as": "is"}));
        assert_eq!(body(raw, Some(members)), serde_json::json!({"as": "is"}));
    }
}
