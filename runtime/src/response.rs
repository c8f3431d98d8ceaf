//! Responses: decoding bodies and turning failures into [`Error`]s.

use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::{DeserializeSeed, IgnoredAny};
use serde::Deserialize;
use serde_json::Value;

use crate::envelope::{EnvelopeMembers, EnvelopeSeed, Enveloped};
use crate::error::snippet;
use crate::tolerant::{Lenient, Tolerant};
use crate::Error;

/// A decoded response with the response's status and headers, and the
/// body as it came.
///
/// `body` is what the operation returns: for an API whose answers come in
/// an envelope (`{"success": true, "data": ..., "meta": ...}`), the
/// envelope's data, with its meta in `meta`; otherwise the whole body, and
/// `meta` is `()`. Dereferences to `body`, so `response.id` reads a field
/// of it. Members the documented types do not have are not dropped without
/// a trace: [`ApiResponse::raw_body`] and [`ApiResponse::raw_json`] give the
/// whole body, envelope included, and [`ApiResponse::unknown_fields`] lists
/// what the typed body and meta left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiResponse<T, M = ()> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body, or the envelope's data.
    pub body: T,
    /// The envelope's meta (`()` without an envelope, or when the envelope
    /// has no meta).
    pub meta: M,
    raw: Bytes,
    /// The envelope the body and meta were read from, if any.
    envelope: Option<EnvelopeMembers>,
}

impl<T> ApiResponse<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T, raw: Bytes) -> Self {
        ApiResponse { status, headers, body, meta: (), raw, envelope: None }
    }
}

impl<T, M> ApiResponse<T, M> {
    /// The body, dropping status, headers and meta.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The body and the meta, dropping status and headers.
    pub fn into_parts(self) -> (T, M) {
        (self.body, self.meta)
    }

    /// Transforms the body, keeping status, headers, meta and the raw body.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U, M> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
            meta: self.meta,
            raw: self.raw,
            envelope: self.envelope,
        }
    }

    /// The body's bytes, as received (the whole envelope, for an enveloped
    /// answer).
    pub fn raw_body(&self) -> &Bytes {
        &self.raw
    }

    /// The body as any JSON value, including members the documented types
    /// do not have (`null` for an empty body).
    pub fn raw_json(&self) -> Result<Value, serde_json::Error> {
        if self.raw.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&self.raw)
    }

    /// The first count found at `pointers` (JSON pointers such as
    /// `/meta/total_count`) in the whole body, as a number or a numeric
    /// string.
    pub fn count_at(&self, pointers: &[&str]) -> Option<u64> {
        let value = self.raw_json().ok()?;
        pointers.iter().find_map(|p| match value.pointer(p)? {
            Value::Number(n) => n.as_u64().or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    }
}

impl<T: serde::Serialize, M: serde::Serialize> ApiResponse<T, M> {
    /// JSON pointers of the members the server sent that the decoded body
    /// (and meta) do not hold (fields the docs do not list), such as
    /// `/data/0/loyalty_level`, in the whole body. Empty when the types
    /// cover everything.
    pub fn unknown_fields(&self) -> Vec<String> {
        let Ok(raw) = self.raw_json() else { return Vec::new() };
        let Some(typed) = self.typed_json(&raw) else { return Vec::new() };
        let mut out = Vec::new();
        crate::unknown::missing_members(&raw, &typed, &mut String::new(), &mut out);
        out
    }

    /// What was decoded, in the shape of the raw body: for an envelope, its
    /// data and meta members, and the flag, which was read.
    fn typed_json(&self, raw: &Value) -> Option<Value> {
        let body = serde_json::to_value(&self.body).ok()?;
        let Some(members) = self.envelope else { return Some(body) };
        // A bare array came as the data.
        let Value::Object(raw) = raw else { return Some(body) };
        let mut typed = serde_json::Map::new();
        typed.insert(members.data.to_owned(), body);
        if let Some(meta) = members.meta {
            typed.insert(meta.to_owned(), serde_json::to_value(&self.meta).ok()?);
        }
        if let Some(flag) = members.success.and_then(|f| raw.get_key_value(f)) {
            typed.insert(flag.0.clone(), flag.1.clone());
        }
        Some(Value::Object(typed))
    }
}

impl<T, M> Deref for ApiResponse<T, M> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T, M> DerefMut for ApiResponse<T, M> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.body
    }
}

/// A 2xx response, read but not decoded.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
    /// The operation called.
    pub operation_id: &'static str,
    /// Whether `"success": false` in the body is an error (the client's
    /// [`Profile::success_flag`](crate::Profile::success_flag)).
    pub success_flag: bool,
}

impl RawResponse {
    /// Decodes a JSON body, tolerantly (see [`Tolerant`]).
    ///
    /// A body that is not JSON gives [`Error::NotJson`]; Altegio's
    /// `"success": false` gives [`Error::Api`] whatever the status; a body
    /// that does not fit `T` gives [`Error::Decode`] with the JSON path and
    /// the whole body.
    pub fn json<T: Tolerant>(self) -> Result<crate::ApiResponse<T>, Error> {
        let (status, headers, decoded, body) = self.decode(PhantomData::<Lenient<T>>)?;
        Ok(ApiResponse::new(status, headers, decoded.0, body))
    }

    /// Decodes an answer in an envelope as its data and meta, tolerantly
    /// (see [`crate::codegen::Enveloped`]); failures as for
    /// [`RawResponse::json`], the path naming the member in the envelope.
    pub fn enveloped<T: Tolerant, M: Tolerant>(
        self,
        members: EnvelopeMembers,
    ) -> Result<crate::ApiResponse<T, M>, Error> {
        let (status, headers, decoded, raw) = self.decode(EnvelopeSeed::<T, M>::new(members))?;
        let Enveloped { data, meta, .. } = decoded;
        Ok(ApiResponse { status, headers, body: data, meta, raw, envelope: Some(members) })
    }

    /// Checks the flag and decodes the body with `seed`.
    fn decode<S, V>(self, seed: S) -> Result<(StatusCode, HeaderMap, V, Bytes), Error>
    where
        S: for<'de> DeserializeSeed<'de, Value = V> + Copy,
    {
        let Self { status, headers, body, operation_id, success_flag } = self;
        if body.iter().all(u8::is_ascii_whitespace) {
            // No content: fine for types that accept `null` (`()`, `Option`, `Value`).
            return match seed.deserialize(Value::Null) {
                Ok(decoded) => Ok((status, headers, decoded, body)),
                Err(_) => Err(not_json(operation_id, status, &headers, &body)),
            };
        }
        // Altegio's bodies start with `{"success": true`: then the flag is
        // known without reading further. Otherwise one pass that allocates
        // nothing reads the flag (and checks the syntax) before decoding.
        let flag_known = !success_flag || starts_with_success_true(&body);
        if !flag_known {
            let probe: Probe = match serde_json::from_slice(&body) {
                Ok(probe) => probe,
                Err(_) => return Err(not_json(operation_id, status, &headers, &body)),
            };
            if probe.success == Some(false) {
                let value: Value = serde_json::from_slice(&body).unwrap_or_default();
                return Err(api_error(operation_id, status, &value, &body));
            }
        }
        // Tracking the JSON path slows decoding down: only a body that fails
        // is decoded again with it, for the error.
        let mut de = serde_json::Deserializer::from_slice(&body);
        if let Ok(decoded) = seed.deserialize(&mut de).and_then(|d| de.end().map(|()| d)) {
            return Ok((status, headers, decoded, body));
        }
        if flag_known && serde_json::from_slice::<IgnoredAny>(&body).is_err() {
            return Err(not_json(operation_id, status, &headers, &body));
        }
        let mut de = serde_json::Deserializer::from_slice(&body);
        let mut track = serde_path_to_error::Track::new();
        let outcome = seed.deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
        match outcome.and_then(|d| de.end().map(|()| d)) {
            Ok(decoded) => Ok((status, headers, decoded, body)),
            Err(e) => Err(Error::Decode {
                operation_id,
                status: Some(status),
                path: track.path().to_string(),
                message: e.to_string(),
                snippet: snippet(&body),
                body,
            }),
        }
    }

    /// Drops the body: for operations that document none.
    pub fn empty(self) -> crate::ApiResponse<()> {
        ApiResponse::new(self.status, self.headers, (), self.body)
    }

    /// The body as text; [`Error::Decode`] when it is not UTF-8.
    pub fn text(self) -> Result<crate::ApiResponse<String>, Error> {
        let Self { status, headers, body, operation_id, .. } = self;
        match String::from_utf8(body.to_vec()) {
            Ok(text) => Ok(ApiResponse::new(status, headers, text, body)),
            Err(e) => Err(Error::Decode {
                operation_id,
                status: Some(status),
                path: ".".to_owned(),
                message: format!("the body is not UTF-8: {e}"),
                snippet: snippet(&body),
                body,
            }),
        }
    }

    /// The body as it came.
    pub fn bytes(self) -> crate::ApiResponse<Bytes> {
        ApiResponse::new(self.status, self.headers, self.body.clone(), self.body)
    }
}

/// Decodes JSON that did not come as a response (a webhook's body),
/// tolerantly; any failure, syntax included, is [`Error::Decode`] with the
/// JSON path.
pub fn decode_json<T: Tolerant>(operation_id: &'static str, body: &[u8]) -> Result<T, Error> {
    let decode_error = |path: String, message: String| Error::Decode {
        operation_id,
        status: None,
        path,
        message,
        snippet: snippet(body),
        body: Bytes::copy_from_slice(body),
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let Lenient(value) = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| decode_error(e.path().to_string(), e.into_inner().to_string()))?;
    // Trailing data after the value is an error too.
    de.end().map_err(|e| decode_error(".".to_owned(), e.to_string()))?;
    Ok(value)
}

/// Decodes one value of an already parsed body (one event of a webhook
/// batch), tolerantly; failures name the path inside the value.
pub fn decode_value<T: Tolerant>(operation_id: &'static str, value: Value) -> Result<T, Error> {
    let text = value.to_string();
    serde_path_to_error::deserialize(value).map(|Lenient(v)| v).map_err(|e| Error::Decode {
        operation_id,
        status: None,
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
        snippet: snippet(text.as_bytes()),
        body: Bytes::from(text),
    })
}

/// The error for a non-2xx response.
///
/// A body that is not JSON is [`Error::NotJson`] whatever the status (an
/// HTML page from a proxy says more about the proxy than the operation).
/// A documented status, or any status whose body is an error envelope
/// (`success: false`, a `message`), is [`Error::Api`] with the envelope's
/// message; anything else is [`Error::UnexpectedStatus`].
pub(crate) fn status_error(
    operation_id: &'static str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    documented: &[u16],
) -> Error {
    let is_documented = documented.contains(&status.as_u16());
    if body.iter().all(u8::is_ascii_whitespace) {
        return if is_documented {
            Error::Api { operation_id, status, message: None, errors: None, body: String::new() }
        } else {
            Error::UnexpectedStatus {
                operation_id,
                status,
                content_type: content_type(headers),
                snippet: String::new(),
            }
        };
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return not_json(operation_id, status, headers, body);
    };
    let error = api_error(operation_id, status, &value, body);
    let enveloped = value.get("success") == Some(&Value::Bool(false))
        || matches!(&error, Error::Api { message: Some(_), .. });
    if is_documented || enveloped {
        error
    } else {
        Error::UnexpectedStatus {
            operation_id,
            status,
            content_type: content_type(headers),
            snippet: snippet(body),
        }
    }
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn not_json(operation_id: &'static str, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    Error::NotJson { operation_id, status, content_type: content_type(headers), snippet: snippet(body) }
}

/// Whether the body opens with `{"success": true` (any whitespace).
fn starts_with_success_true(body: &[u8]) -> bool {
    let mut rest = body;
    for token in [&b"{"[..], b"\"success\"", b":", b"true"] {
        let trimmed = rest.trim_ascii_start();
        let Some(after) = trimmed.strip_prefix(token) else { return false };
        rest = after;
    }
    // `true` must end there (`trueish` is not JSON, and fails later anyway).
    matches!(rest.trim_ascii_start().first(), Some(b',' | b'}'))
}

/// What [`RawResponse::json`] reads before decoding: the top-level
/// `success` flag of an object, skipping everything else; any other JSON
/// value has no flag.
#[derive(Default)]
struct Probe {
    success: Option<bool>,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Probe;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
                let mut probe = Probe::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "success" {
                        probe.success = map.next_value::<Option<IgnoredBool>>()?.and_then(|b| b.0);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(probe)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Probe, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Probe::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<Probe, E> {
                Ok(Probe::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<Probe, E> {
                Ok(Probe::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<Probe, E> {
                Ok(Probe::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<Probe, E> {
                Ok(Probe::default())
            }
            fn visit_str<E>(self, _: &str) -> Result<Probe, E> {
                Ok(Probe::default())
            }
            fn visit_unit<E>(self) -> Result<Probe, E> {
                Ok(Probe::default())
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A `success` value: `Some` when it is a boolean, `None` for anything else.
struct IgnoredBool(Option<bool>);

impl<'de> Deserialize<'de> for IgnoredBool {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(IgnoredBool(match Value::deserialize(deserializer)? {
            Value::Bool(b) => Some(b),
            _ => None,
        }))
    }
}

/// Altegio's error envelope, `{success: false, data: null, meta: {message,
/// errors}}`; some endpoints put `message` or `errors` at the top level.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Envelope {
    meta: Option<Meta>,
    message: Option<Value>,
    errors: Option<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Meta {
    message: Option<Value>,
    errors: Option<Value>,
}

fn api_error(operation_id: &'static str, status: StatusCode, value: &Value, body: &[u8]) -> Error {
    // A body that is JSON but not an object (an array, say) has no envelope.
    let envelope = Envelope::deserialize(value).unwrap_or_default();
    let meta = envelope.meta.unwrap_or_default();
    let errors = [meta.errors, envelope.errors].into_iter().flatten().find(|e| !is_empty(e));
    let message =
        [meta.message.as_ref(), envelope.message.as_ref(), errors.as_ref().and_then(|e| e.get("message"))]
            .into_iter()
            .flatten()
            .find_map(|m| m.as_str().filter(|m| !m.trim().is_empty()))
            .map(str::to_owned);
    Error::Api { operation_id, status, message, errors, body: snippet(body) }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;
    use serde_json::json;

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::from(body.to_owned()),
            operation_id: "op",
            success_flag: true,
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: i64,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Page {
        data: Vec<Item>,
    }

    crate::tolerant::test_objects!(Item, Page);

    #[test]
    fn decodes_and_derefs() {
        let response = raw(200, r#"{"success":true,"data":[{"id":1}],"meta":[]}"#).json::<Page>().unwrap();
        assert_eq!(response.data, vec![Item { id: 1 }]);
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.map(|p| p.data.len()).into_body(), 1);
    }

    #[test]
    fn decode_error_names_the_path() {
        let err = raw(200, r#"{"data":[{"id":"x"}]}"#).json::<Page>().unwrap_err();
        match err {
            Error::Decode { path, status, operation_id, .. } => {
                assert_eq!(path, "data[0].id");
                assert_eq!(status, Some(StatusCode::OK));
                assert_eq!(operation_id, "op");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_a_top_level_boolean_false_flag_fails() {
        #[derive(Deserialize, Debug)]
        struct Data {
            id: i64,
        }
        #[derive(Deserialize, Debug)]
        struct Envelope {
            data: Data,
        }
        crate::tolerant::test_objects!(Data, Envelope);
        // The flag is found after other members, and before a `data` the
        // type requires but the error envelope leaves null.
        let failed = r#"{"data":null,"success":false,"meta":{"message":"Gone"}}"#;
        assert!(matches!(raw(200, failed).json::<Envelope>(), Err(Error::Api { .. })));
        let nested = r#"{"success":true,"data":{"id":1,"success":false}}"#;
        assert_eq!(raw(200, nested).json::<Envelope>().unwrap().data.id, 1);
        let odd_flag = r#"{"success":"no","data":{"id":2}}"#;
        assert_eq!(raw(200, odd_flag).json::<Envelope>().unwrap().data.id, 2);
        assert_eq!(raw(200, "[1,2]").json::<Vec<i64>>().unwrap().body, vec![1, 2]);
        assert_eq!(raw(200, "\"text\"").json::<String>().unwrap().body, "text");
        assert!(matches!(
            raw(200, r#"{"data":{"id":1}} trailing"#).json::<Envelope>(),
            Err(Error::NotJson { .. })
        ));
        assert!(matches!(raw(200, r#"{"data":{"id":1}"#).json::<Envelope>(), Err(Error::NotJson { .. })));
        // The shortcut for bodies that open with the flag.
        assert_eq!(
            raw(200, r#" { "success" : true , "data":{"id":3}}"#).json::<Envelope>().unwrap().data.id,
            3
        );
        let truncated = r#"{"success":true,"data":{"id":3"#;
        assert!(matches!(raw(200, truncated).json::<Envelope>(), Err(Error::NotJson { .. })));
        let misfit = r#"{"success":true,"data":{"id":"x"}}"#;
        match raw(200, misfit).json::<Envelope>() {
            Err(Error::Decode { path, .. }) => assert_eq!(path, "data.id"),
            other => panic!("{other:?}"),
        }
        assert!(super::starts_with_success_true(br#"{"success":true}"#));
        assert!(!super::starts_with_success_true(br#"{"success":trueish}"#));
        assert!(!super::starts_with_success_true(br#"{"success":false,"data":null}"#));
        assert!(!super::starts_with_success_true(br#"{"data":1,"success":true}"#));
    }

    #[test]
    fn success_false_is_an_api_error() {
        let body = r#"{"success":false,"data":null,"meta":{"message":"Nope","errors":{"x":["bad"]}}}"#;
        match raw(200, body).json::<Value>().unwrap_err() {
            Error::Api { status, message, errors, .. } => {
                assert_eq!(status, StatusCode::OK);
                assert_eq!(message.as_deref(), Some("Nope"));
                assert_eq!(errors, Some(json!({"x": ["bad"]})));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_bodies() {
        assert_eq!(raw(204, "").json::<()>().unwrap().body, ());
        assert_eq!(raw(200, " ").json::<Option<Page>>().unwrap().body, None);
        assert!(matches!(raw(200, "").json::<Page>(), Err(Error::NotJson { .. })));
        assert_eq!(raw(204, "ignored").empty().body, ());
    }

    #[test]
    fn text_and_bytes() {
        assert_eq!(raw(200, "héllo").text().unwrap().body, "héllo");
        let mut bad = raw(200, "");
        bad.body = Bytes::from_static(&[0xff, 0xfe]);
        assert!(matches!(bad.clone().text(), Err(Error::Decode { .. })));
        assert_eq!(bad.bytes().body, Bytes::from_static(&[0xff, 0xfe]));
    }

    #[test]
    fn envelope_variants() {
        let top = json!({"success": false, "errors": [{"message": "first"}], "message": "Top"});
        match api_error("op", StatusCode::UNPROCESSABLE_ENTITY, &top, b"") {
            Error::Api { message, errors, .. } => {
                assert_eq!(message.as_deref(), Some("Top"));
                assert_eq!(errors, Some(json!([{"message": "first"}])));
            }
            other => panic!("{other:?}"),
        }
        let nested = json!({"errors": {"code": 400, "message": "From errors"}, "meta": {"errors": []}});
        match api_error("op", StatusCode::BAD_REQUEST, &nested, b"") {
            Error::Api { message, errors, .. } => {
                assert_eq!(message.as_deref(), Some("From errors"));
                assert_eq!(errors, Some(json!({"code": 400, "message": "From errors"})));
            }
            other => panic!("{other:?}"),
        }
        match api_error("op", StatusCode::BAD_REQUEST, &json!([1, 2]), b"[1,2]") {
            Error::Api { message, errors, body, .. } => {
                assert_eq!((message, errors), (None, None));
                assert_eq!(body, "[1,2]");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn status_errors() {
        let mut html = HeaderMap::new();
        html.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let page = b"<html><body>Bad gateway</body></html>";
        match status_error("op", StatusCode::BAD_GATEWAY, &html, page, &[502]) {
            Error::NotJson { status, content_type, snippet, .. } => {
                assert_eq!(status, StatusCode::BAD_GATEWAY);
                assert_eq!(content_type.as_deref(), Some("text/html"));
                assert!(snippet.contains("Bad gateway"));
            }
            other => panic!("{other:?}"),
        }
        let none = HeaderMap::new();
        assert!(matches!(
            status_error("op", StatusCode::NOT_FOUND, &none, b"", &[404]),
            Error::Api { message: None, .. }
        ));
        assert!(matches!(
            status_error("op", StatusCode::IM_A_TEAPOT, &none, b"{}", &[404]),
            Error::UnexpectedStatus { .. }
        ));
        // Altegio's envelope is read whatever the status.
        for (code, body) in [
            (
                400,
                r#"{"success":false,"data":null,"meta":{"message":"The service is not available for group booking"}}"#,
            ),
            (401, r#"{"success":false,"data":null,"meta":{"message":"Partner ID not specified"}}"#),
            (403, r#"{"success":false,"data":null,"meta":{"message":"No company management rights"}}"#),
            (500, r#"{"message":"Server error"}"#),
        ] {
            let status = StatusCode::from_u16(code).unwrap();
            match status_error("op", status, &none, body.as_bytes(), &[404]) {
                Error::Api { status: s, message: Some(m), .. } => {
                    assert_eq!(s, status);
                    assert!(body.contains(&m), "{m}");
                }
                other => panic!("{code}: {other:?}"),
            }
        }
        assert!(matches!(
            status_error(
                "op",
                StatusCode::BAD_REQUEST,
                &none,
                br#"{"success":false,"data":null,"meta":[]}"#,
                &[]
            ),
            Error::Api { message: None, .. }
        ));
        assert!(matches!(
            status_error("op", StatusCode::IM_A_TEAPOT, &none, b"", &[404]),
            Error::UnexpectedStatus { .. }
        ));
    }

    #[test]
    fn decode_json_for_webhooks() {
        let item: Item = decode_json("Item", br#"{"id": 5}"#).unwrap();
        assert_eq!(item, Item { id: 5 });
        match decode_json::<Page>("Page", br#"{"data":[{"id":1},{"id":null}]}"#).unwrap_err() {
            Error::Decode { path, status, operation_id, .. } => {
                assert_eq!(path, "data[1].id");
                assert_eq!(status, None);
                assert_eq!(operation_id, "Page");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(decode_json::<Value>("v", b"<html>"), Err(Error::Decode { .. })));
        assert!(matches!(decode_json::<Value>("v", b"{} {}"), Err(Error::Decode { .. })));
    }
}
