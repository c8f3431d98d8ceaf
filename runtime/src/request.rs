//! A call as the generated code describes it, before it is sent.

use std::fmt::{self, Display};
use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Method;

use crate::auth::Auth;
use crate::body::{encode_form, FormStyle, Multipart};
use crate::Error;

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// As [`PATH_SEGMENT`], but commas stay: they separate the items of a
/// non-exploded array and are legal in a query.
const QUERY_COMPONENT: &AsciiSet = &PATH_SEGMENT.remove(b',');

/// A request body, already encoded.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// JSON, sent as `application/json`.
    Json(Vec<u8>),
    /// An encoded form, sent as `application/x-www-form-urlencoded`.
    Form(String),
    /// Raw bytes with their media type.
    Bytes {
        /// The `Content-Type` to send.
        content_type: String,
        /// The bytes.
        data: Vec<u8>,
    },
    /// Text with its media type.
    Text {
        /// The `Content-Type` to send.
        content_type: String,
        /// The text.
        data: String,
    },
    /// `multipart/form-data`: text fields and files; the boundary is
    /// chosen when sending.
    Multipart(Multipart),
}

impl Body {
    /// The `Content-Type` header the body goes with.
    pub(crate) fn content_type(&self) -> Option<&str> {
        match self {
            // The sender sets it, with the boundary.
            Body::Empty | Body::Multipart(_) => None,
            Body::Json(_) => Some("application/json"),
            Body::Form(_) => Some("application/x-www-form-urlencoded"),
            Body::Bytes { content_type, .. } | Body::Text { content_type, .. } => Some(content_type),
        }
    }

    /// The bytes to send, or the parts of a multipart body.
    pub(crate) fn take(&mut self) -> (Option<bytes::Bytes>, Option<Multipart>) {
        match std::mem::take(self) {
            Body::Multipart(parts) => (None, Some(parts)),
            other => (other.into_bytes(), None),
        }
    }

    /// The bytes to send; `Bytes` so that retries clone cheaply.
    pub(crate) fn into_bytes(self) -> Option<bytes::Bytes> {
        match self {
            Body::Empty | Body::Multipart(_) => None,
            Body::Json(data) | Body::Bytes { data, .. } => Some(data.into()),
            Body::Form(data) | Body::Text { data, .. } => Some(data.into()),
        }
    }
}

impl fmt::Debug for Body {
    // JSON as text rather than a list of byte values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Json(data) => f.debug_tuple("Json").field(&String::from_utf8_lossy(data)).finish(),
            Body::Form(data) => f.debug_tuple("Form").field(data).finish(),
            Body::Bytes { content_type, data } => {
                f.debug_struct("Bytes").field("content_type", content_type).field("len", &data.len()).finish()
            }
            Body::Text { content_type, data } => {
                f.debug_struct("Text").field("content_type", content_type).field("data", data).finish()
            }
            Body::Multipart(parts) => f.debug_tuple("Multipart").field(&parts.parts).finish(),
        }
    }
}

/// One call of one operation. Tokens are not part of it: the client adds
/// them when sending.
#[derive(Debug, Clone)]
pub struct Request {
    /// The operation's id, in snake case; errors name it.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The operation's own server URL from the spec (such as
    /// `https://app.alteg.io`); `None` uses the client's base URL.
    pub server: Option<&'static str>,
    /// The path, parameters substituted and percent-encoded; starts with `/`.
    pub path: String,
    /// Query parameters, not yet encoded, in order.
    pub query: Vec<(String, String)>,
    /// Header parameters from the spec.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// Which credentials to send.
    pub auth: Auth,
    /// The non-2xx statuses the operation documents.
    pub error_statuses: &'static [u16],
    /// The path as the spec writes it (`/records/{location_id}`): traces
    /// name it rather than the path, whose ids may be personal data.
    pub route: &'static str,
    /// What the caller set on the [`Call`](crate::Call) for this call only.
    pub(crate) options: CallOptions,
    /// Makes the call's span; one static callsite per operation, since a
    /// span's name cannot be chosen at run time.
    #[cfg(feature = "tracing")]
    pub span: Option<fn() -> tracing::Span>,
    /// Why the request cannot be sent (a body that would not encode);
    /// sending it fails with this before anything goes out.
    failure: Option<String>,
}

/// Per-call settings: extra headers, a timeout, a deadline, no retries.
#[derive(Clone, Default)]
pub(crate) struct CallOptions {
    /// Sent after the spec's header parameters; never replaces the credentials.
    pub(crate) headers: Vec<(String, String)>,
    /// Replaces the client's timeout for each attempt of this call.
    pub(crate) timeout: Option<Duration>,
    /// Replaces the client's deadline for the whole call.
    pub(crate) deadline: Option<Duration>,
    /// Send once, whatever the retry policy says.
    pub(crate) no_retry: bool,
}

impl fmt::Debug for CallOptions {
    // Header values may be secrets (an API key for a proxy): names only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("headers", &names)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("no_retry", &self.no_retry)
            .finish()
    }
}

impl Request {
    /// A request with no parameters, body or credentials.
    pub fn new(method: Method, operation_id: &'static str, path: String) -> Self {
        Self {
            operation_id,
            method,
            server: None,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
            auth: Auth::None,
            error_statuses: &[],
            route: "",
            options: CallOptions::default(),
            #[cfg(feature = "tracing")]
            span: None,
            failure: None,
        }
    }

    /// Adds one query pair.
    pub fn query(&mut self, name: &str, value: impl Display) {
        self.query.push((name.to_owned(), value.to_string()));
    }

    /// Adds one query pair when there is a value.
    pub fn query_opt<T: Display>(&mut self, name: &str, value: Option<&T>) {
        if let Some(value) = value {
            self.query(name, value);
        }
    }

    /// Adds an array: `name=a&name=b` when `explode`, else `name=a,b`.
    /// An empty array adds nothing.
    pub fn query_array<T: Display>(&mut self, name: &str, values: &[T], explode: bool) {
        if explode {
            for value in values {
                self.query(name, value);
            }
        } else {
            self.query_delimited(name, values, ",");
        }
    }

    /// Adds an array as one pair, its items joined by `separator`
    /// (`spaceDelimited`: ` `, `pipeDelimited`: `|`); the separator is
    /// percent-encoded with the rest. An empty array adds nothing.
    pub fn query_delimited<T: Display>(&mut self, name: &str, values: &[T], separator: &str) {
        if !values.is_empty() {
            let joined = values.iter().map(ToString::to_string).collect::<Vec<_>>().join(separator);
            self.query.push((name.to_owned(), joined));
        }
    }

    /// Adds a header parameter.
    pub fn header(&mut self, name: &str, value: impl Display) {
        self.headers.push((name.to_owned(), value.to_string()));
    }

    /// Encodes `body` as the JSON body; a value that does not encode makes
    /// sending fail with [`Error::Serialize`].
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(data) => self.body = Body::Json(data),
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Encodes `body` as an `application/x-www-form-urlencoded` form, the
    /// fields named in `styles` as it says; a value that does not encode
    /// makes sending fail with [`Error::Serialize`].
    pub fn form<T: serde::Serialize + ?Sized>(&mut self, body: &T, styles: &[(&str, FormStyle)]) {
        match serde_json::to_value(body).map_err(|e| e.to_string()).and_then(|v| encode_form(v, styles)) {
            Ok(data) => self.body = Body::Form(data),
            Err(e) => self.failure = Some(e),
        }
    }

    /// Sends `parts` as a `multipart/form-data` body; a field that did not
    /// encode makes sending fail with [`Error::Serialize`].
    pub fn multipart(&mut self, mut parts: Multipart) {
        if let Some(e) = parts.failure.take() {
            self.failure = Some(e);
        }
        self.body = Body::Multipart(parts);
    }

    /// The error a request that cannot be sent fails with.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match &self.failure {
            Some(message) => {
                Err(Error::Serialize { operation_id: self.operation_id, message: message.clone() })
            }
            None => Ok(()),
        }
    }

    /// The query string, without `?`; empty when there are no pairs.
    pub(crate) fn query_string(&self) -> String {
        let mut out = String::new();
        for (name, value) in &self.query {
            if !out.is_empty() {
                out.push('&');
            }
            out.extend(utf8_percent_encode(name, QUERY_COMPONENT));
            out.push('=');
            out.extend(utf8_percent_encode(value, QUERY_COMPONENT));
        }
        out
    }
}

/// Percent-encodes one path segment: everything but unreserved characters,
/// so `/`, `?`, `#`, spaces and non-ASCII cannot change the URL's shape.
pub fn encode_path(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_path_escapes_everything_but_unreserved() {
        assert_eq!(encode_path("a/b c?d#e"), "a%2Fb%20c%3Fd%23e");
        assert_eq!(encode_path("Zürich"), "Z%C3%BCrich");
        assert_eq!(encode_path("A-z_0.9~"), "A-z_0.9~");
        assert_eq!(encode_path("%&+=,"), "%25%26%2B%3D%2C");
        assert_eq!(encode_path("42"), "42");
    }

    #[test]
    fn query_array_styles() {
        let mut r = Request::new(Method::GET, "op", "/".into());
        r.query_array("id", &[1, 2, 3], true);
        r.query_array("tag", &["a b", "c&d"], false);
        r.query_array("none", &[] as &[u8], false);
        r.query_array("none", &[] as &[u8], true);
        assert_eq!(r.query_string(), "id=1&id=2&id=3&tag=a%20b,c%26d");
    }

    #[test]
    fn delimited_query_arrays_join_with_their_separator() {
        let mut r = Request::new(Method::GET, "op", "/x".into());
        r.query_delimited("spaced", &["a", "b|c"], " ");
        r.query_delimited("piped", &[1, 2], "|");
        r.query_delimited("none", &[] as &[u8], "|");
        assert_eq!(r.query_string(), "spaced=a%20b%7Cc&piped=1%7C2");
    }

    #[test]
    fn query_opt_skips_none() {
        let mut r = Request::new(Method::GET, "op", "/".into());
        r.query_opt::<i64>("a", None);
        r.query_opt("b", Some(&1.5));
        r.query("ids[]", "x=y");
        r.query("name", "Zoë");
        assert_eq!(r.query_string(), "b=1.5&ids%5B%5D=x%3Dy&name=Zo%C3%AB");
    }

    #[test]
    fn json_body_and_errors() {
        let mut r = Request::new(Method::POST, "op", "/".into());
        r.json(&serde_json::json!({"a": 1}));
        assert!(r.check().is_ok());
        assert_eq!(r.body, Body::Json(br#"{"a":1}"#.to_vec()));
        assert_eq!(r.body.content_type(), Some("application/json"));
        assert_eq!(format!("{:?}", r.body), r#"Json("{\"a\":1}")"#);

        // A map with non-string keys cannot be JSON.
        let bad: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        r.json(&bad);
        let err = r.check().unwrap_err();
        assert!(matches!(err, Error::Serialize { operation_id: "op", .. }), "{err:?}");
    }

    #[test]
    fn body_content_types() {
        assert_eq!(Body::Empty.content_type(), None);
        assert_eq!(Body::Form("a=1".into()).content_type(), Some("application/x-www-form-urlencoded"));
        let text = Body::Text { content_type: "text/csv".into(), data: "a,b".into() };
        assert_eq!(text.content_type(), Some("text/csv"));
        assert_eq!(text.into_bytes().unwrap(), "a,b");
        assert!(Body::Empty.into_bytes().is_none());
    }

    #[test]
    fn form_and_multipart_bodies() {
        let mut r = Request::new(Method::POST, "op", "/".into());
        r.form(&serde_json::json!({"a": "x y", "m": {"k": 1}}), &[("m", FormStyle::DeepObject)]);
        assert!(r.check().is_ok());
        assert_eq!(r.body, Body::Form("a=x+y&m%5Bk%5D=1".into()));
        r.form(&[1, 2], &[]);
        assert!(matches!(r.check(), Err(Error::Serialize { .. })));

        let mut r = Request::new(Method::POST, "op", "/".into());
        let mut parts = Multipart::new();
        parts.text("a", &1);
        r.multipart(parts);
        assert!(r.check().is_ok());
        assert_eq!(r.body.content_type(), None, "set with the boundary when sending");
        let (bytes, parts) = r.body.take();
        assert!(bytes.is_none() && parts.unwrap().parts().len() == 1);
        assert_eq!(r.body, Body::Empty);
    }
}
