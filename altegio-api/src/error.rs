//! The one error type of the crate.

use reqwest::StatusCode;

/// How many characters of a response body an error keeps.
const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong while calling the API.
///
/// Variants that belong to a call name it by `operation_id` (the spec's
/// operation, in snake case). No variant ever carries a token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No response arrived within the client's timeout.
    #[error("{operation_id}: the request timed out")]
    Timeout {
        /// The operation called.
        operation_id: &'static str,
    },
    /// The request could not be sent or its response could not be read
    /// (DNS, connect, TLS, connection reset, ...).
    #[error("{operation_id}: transport error: {source}")]
    Transport {
        /// The operation called.
        operation_id: &'static str,
        /// What `reqwest` reported.
        #[source]
        source: reqwest::Error,
    },
    /// The operation needs the partner token and the client has none.
    #[error("{operation_id}: no partner token is set; use `ClientBuilder::partner_token`")]
    MissingPartnerToken {
        /// The operation called.
        operation_id: &'static str,
    },
    /// The operation needs a user token and the client has none; nothing was sent.
    #[error("{operation_id}: this operation needs a user token; use `Client::with_user_token`")]
    MissingUserToken {
        /// The operation called.
        operation_id: &'static str,
    },
    /// The API reported an error: a documented error status, or
    /// `"success": false` in a successful response.
    #[error("{operation_id}: API error (status {status}){}", message_suffix(.message))]
    Api {
        /// The operation called.
        operation_id: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// `meta.message` (or a top-level `message`) of the error envelope.
        message: Option<String>,
        /// `meta.errors` or a top-level `errors`, as sent (array or object).
        errors: Option<serde_json::Value>,
        /// The start of the response body.
        body: String,
    },
    /// A non-2xx status the operation does not document.
    #[error("{operation_id}: unexpected status {status} ({}): {snippet}", content_type_or_none(.content_type))]
    UnexpectedStatus {
        /// The operation called.
        operation_id: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The response's `Content-Type`, if any.
        content_type: Option<String>,
        /// The start of the response body.
        snippet: String,
    },
    /// A JSON body was expected and something else came (an HTML error
    /// page from a proxy, say).
    #[error("{operation_id}: expected JSON, got {} (status {status}): {snippet}", content_type_or_none(.content_type))]
    NotJson {
        /// The operation called.
        operation_id: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The response's `Content-Type`, if any.
        content_type: Option<String>,
        /// The start of the response body.
        snippet: String,
    },
    /// The body is JSON but does not match the documented type, even read
    /// tolerantly. The whole body is kept: decode it yourself, or send the
    /// call again with [`Call::raw`](crate::Call::raw) or
    /// [`Call::json_value`](crate::Call::json_value).
    #[error("{operation_id}: could not decode the response at `{path}`: {message}")]
    Decode {
        /// The operation called (for webhooks, the event type).
        operation_id: &'static str,
        /// The HTTP status; `None` when no response was involved (webhooks).
        status: Option<StatusCode>,
        /// Where decoding failed, such as `data[0].id`.
        path: String,
        /// What serde reported.
        message: String,
        /// The start of the body.
        snippet: String,
        /// The whole body.
        body: bytes::Bytes,
    },
    /// The request body could not be encoded as JSON.
    #[error("{operation_id}: could not encode the request body: {message}")]
    Serialize {
        /// The operation called.
        operation_id: &'static str,
        /// What serde reported.
        message: String,
    },
    /// The base URL (or an operation's server URL) is not a usable http(s) URL.
    #[error("invalid base URL `{url}`: {message}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// Why it was refused.
        message: String,
    },
    /// A header name or value cannot be sent over HTTP (a control
    /// character, say). The value itself is not repeated: it may be a token.
    #[error("{operation_id}: the `{name}` header has an invalid name or value")]
    InvalidHeader {
        /// The operation called.
        operation_id: &'static str,
        /// The header's name.
        name: String,
    },
    /// A [before-request](crate::ClientBuilder::before_request) or
    /// [after-response](crate::ClientBuilder::after_response) hook failed.
    #[error("{operation_id}: a hook failed: {source}")]
    Hook {
        /// The operation called.
        operation_id: &'static str,
        /// What the hook returned.
        #[source]
        source: crate::hooks::HookError,
    },
    /// The client could not be built from the builder's settings.
    #[error("invalid client configuration: {message}")]
    Config {
        /// What was wrong.
        message: String,
    },
}

fn message_suffix(message: &Option<String>) -> String {
    message.as_deref().map(|m| format!(": {m}")).unwrap_or_default()
}

fn content_type_or_none(content_type: &Option<String>) -> &str {
    content_type.as_deref().unwrap_or("no content type")
}

impl Error {
    /// The HTTP status of the response that caused the error, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::NotJson { status, .. } => Some(*status),
            Error::Decode { status, .. } => *status,
            Error::Transport { source, .. } => source.status(),
            _ => None,
        }
    }

    /// Whether the request ran out of time.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => source.is_timeout(),
            _ => false,
        }
    }

    /// Whether sending the same request again may succeed: timeouts,
    /// connect failures and statuses 429, 502, 503 and 504.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => source.is_connect() || source.is_timeout(),
            _ => self.status().is_some_and(crate::retry::is_retryable_status),
        }
    }

    /// The operation the error belongs to, if any.
    pub fn operation_id(&self) -> Option<&'static str> {
        match self {
            Error::Timeout { operation_id }
            | Error::Transport { operation_id, .. }
            | Error::MissingPartnerToken { operation_id }
            | Error::MissingUserToken { operation_id }
            | Error::Api { operation_id, .. }
            | Error::UnexpectedStatus { operation_id, .. }
            | Error::NotJson { operation_id, .. }
            | Error::Decode { operation_id, .. }
            | Error::Serialize { operation_id, .. }
            | Error::InvalidHeader { operation_id, .. }
            | Error::Hook { operation_id, .. } => Some(operation_id),
            Error::InvalidBaseUrl { .. } | Error::Config { .. } => None,
        }
    }

    /// Maps a `reqwest` failure, keeping timeouts apart.
    pub(crate) fn from_reqwest(operation_id: &'static str, source: reqwest::Error) -> Self {
        if source.is_timeout() {
            Error::Timeout { operation_id }
        } else {
            Error::Transport { operation_id, source }
        }
    }
}

/// The start of `body` as text: at most [`SNIPPET_CHARS`] characters, cut
/// on a character boundary, with an ellipsis when cut.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_cuts_on_char_boundaries() {
        let long = "é".repeat(500);
        let s = snippet(long.as_bytes());
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 1);
        assert!(s.ends_with('…'));
        assert_eq!(snippet(b"  short  "), "short");
        assert_eq!(snippet(&[0xff, b'a']), "\u{fffd}a");
    }

    #[test]
    fn helpers() {
        let e = Error::UnexpectedStatus {
            operation_id: "op",
            status: StatusCode::SERVICE_UNAVAILABLE,
            content_type: None,
            snippet: String::new(),
        };
        assert_eq!(e.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
        assert!(e.is_retryable());
        assert!(!e.is_timeout());
        assert_eq!(e.operation_id(), Some("op"));
        assert_eq!(e.to_string(), "op: unexpected status 503 Service Unavailable (no content type): ");
        let t = Error::Timeout { operation_id: "op" };
        assert!(t.is_timeout() && t.is_retryable());
        let api = Error::Api {
            operation_id: "op",
            status: StatusCode::NOT_FOUND,
            message: Some("Not found".into()),
            errors: None,
            body: String::new(),
        };
        assert_eq!(api.to_string(), "op: API error (status 404 Not Found): Not found");
        assert!(!api.is_retryable());
    }
}
