//! The one error type of the crate.

use std::time::Duration;

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
    /// The call ran out of time: its last attempt took longer than its
    /// [timeout](crate::ClientBuilder::timeout) with no retry left, or its
    /// [deadline](crate::ClientBuilder::deadline) passed or would have
    /// passed during a wait; [`cause`](TimeoutCause) says which. The
    /// message names the attempts made and the limits:
    /// `get_appointment: timed out after 3 attempts (10 s each, 30 s deadline)`.
    #[error("{operation_id}: timed out {}{}", timeout_summary(*.attempts, *.attempt_timeout, *.deadline, *.cause), last_failure(.operation_id, .last))]
    #[non_exhaustive]
    Timeout {
        /// The operation called.
        operation_id: &'static str,
        /// How many attempts were sent, the one cut short included (0 when
        /// the call ended before its first).
        attempts: u32,
        /// The time each attempt was allowed.
        attempt_timeout: Duration,
        /// The call's overall deadline, if it had one.
        deadline: Option<Duration>,
        /// What ended the call.
        cause: TimeoutCause,
        /// What the last attempt got when that was not itself a timeout,
        /// such as the 503 whose `Retry-After` would have passed the
        /// deadline; the message ends with it.
        last: Option<Box<Error>>,
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
    /// The client holds no credentials for any of the security schemes the
    /// operation accepts; nothing was sent.
    #[error("{operation_id}: no credentials are set for {schemes}; use `ClientBuilder::credential` (or `basic_auth`, `bearer_token`)")]
    MissingCredentials {
        /// The operation called.
        operation_id: &'static str,
        /// The schemes it accepts, by name (`` `api_key` or `basic` ``).
        schemes: String,
    },
    /// The operation needs a user token and the client has none (or an
    /// empty one, given to `Client::with_user_token`); nothing was sent.
    #[error("{operation_id}: this operation needs a user token and none (or an empty one) is set; use `Client::with_user_token`")]
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
    /// The client could not be built from the builder's settings, such as
    /// an empty token; the message names the setting.
    #[error("invalid client configuration: {message}")]
    Config {
        /// What was wrong.
        message: String,
    },
}

/// What ended a call that timed out ([`Error::Timeout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutCause {
    /// The last attempt took longer than its timeout, and no retry was
    /// left (or the call may not be retried).
    Attempt,
    /// The call's deadline passed: during an attempt (cut short at the
    /// deadline) or a hook.
    Deadline,
    /// The wait before the next retry (back-off or the server's
    /// `Retry-After`) would have gone past the deadline, so the call ended
    /// at once instead.
    RetryWait,
    /// The [rate limit](crate::RateLimit) would not let the attempt through
    /// before the deadline, so the call ended at once (or at the deadline,
    /// when it queued behind other calls).
    RateLimit,
}

/// `after 3 attempts (10 s each, 30 s deadline)` and the like.
fn timeout_summary(
    attempts: u32,
    attempt_timeout: Duration,
    deadline: Option<Duration>,
    cause: TimeoutCause,
) -> String {
    let limit = human(attempt_timeout);
    let (mut text, close) = match attempts {
        0 => ("before its first attempt".to_owned(), ""),
        1 => (format!("after 1 attempt ({limit} limit"), ")"),
        n => (format!("after {n} attempts ({limit} each"), ")"),
    };
    let Some(deadline) = deadline.map(human) else {
        text.push_str(close);
        return text;
    };
    let ending = match cause {
        TimeoutCause::Attempt => format!(", {deadline} deadline{close}"),
        TimeoutCause::Deadline => format!("{close}: the {deadline} deadline passed"),
        TimeoutCause::RetryWait => format!("{close}: waiting to retry would pass the {deadline} deadline"),
        TimeoutCause::RateLimit => {
            format!("{close}: the rate limit would not let it through within the {deadline} deadline")
        }
    };
    text.push_str(&ending);
    text
}

/// `; the last attempt got: <its message>`, without the operation again.
fn last_failure(operation_id: &str, last: &Option<Box<Error>>) -> String {
    let Some(last) = last else { return String::new() };
    let text = last.to_string();
    let text = text.strip_prefix(operation_id).and_then(|t| t.strip_prefix(": ")).unwrap_or(&text);
    format!("; the last attempt got: {text}")
}

/// A duration as people write it: `10 s`, `1.5 s`, `50 ms`, `250 µs`.
fn human(duration: Duration) -> String {
    if duration.is_zero() {
        "0 s".to_owned()
    } else if duration.subsec_nanos() == 0 {
        format!("{} s", duration.as_secs())
    } else if duration >= Duration::from_secs(1) {
        // Trailing zeros trimmed: 1.5 s, not 1.500000000 s.
        let text = format!("{:.3}", duration.as_secs_f64());
        format!("{} s", text.trim_end_matches('0').trim_end_matches('.'))
    } else if duration.subsec_nanos() % 1_000_000 == 0 {
        format!("{} ms", duration.subsec_millis())
    } else {
        format!("{} µs", duration.subsec_micros())
    }
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
            Error::Timeout { operation_id, .. }
            | Error::Transport { operation_id, .. }
            | Error::MissingPartnerToken { operation_id }
            | Error::MissingUserToken { operation_id }
            | Error::MissingCredentials { operation_id, .. }
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

    /// Maps a `reqwest` failure, keeping timeouts apart. A timeout is of
    /// one attempt: the call's figures replace these before it reaches the
    /// caller (`deadline::Budget::finish`).
    pub(crate) fn from_reqwest(operation_id: &'static str, source: reqwest::Error) -> Self {
        if source.is_timeout() {
            Error::timeout(operation_id)
        } else {
            Error::Transport { operation_id, source }
        }
    }

    /// A timeout of one attempt, its figures still to be filled in.
    pub(crate) fn timeout(operation_id: &'static str) -> Self {
        Error::Timeout {
            operation_id,
            attempts: 1,
            attempt_timeout: Duration::ZERO,
            deadline: None,
            cause: TimeoutCause::Attempt,
            last: None,
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
    fn timeouts_name_the_attempts_and_the_limits() {
        let timeout = |attempts, attempt_ms, deadline_ms: Option<u64>, cause| Error::Timeout {
            operation_id: "get_appointment",
            attempts,
            attempt_timeout: Duration::from_millis(attempt_ms),
            deadline: deadline_ms.map(Duration::from_millis),
            cause,
            last: None,
        };
        let cases = [
            (
                timeout(3, 10_000, Some(30_000), TimeoutCause::Attempt),
                "after 3 attempts (10 s each, 30 s deadline)",
            ),
            (timeout(1, 50, None, TimeoutCause::Attempt), "after 1 attempt (50 ms limit)"),
            (
                timeout(3, 50, Some(120), TimeoutCause::Deadline),
                "after 3 attempts (50 ms each): the 120 ms deadline passed",
            ),
            (
                timeout(1, 1_500, Some(2_250), TimeoutCause::RetryWait),
                "after 1 attempt (1.5 s limit): waiting to retry would pass the 2.25 s deadline",
            ),
            (
                timeout(0, 10_000, Some(30_000), TimeoutCause::RateLimit),
                "before its first attempt: the rate limit would not let it through within the 30 s deadline",
            ),
            (
                timeout(0, 10_000, Some(30_000), TimeoutCause::Deadline),
                "before its first attempt: the 30 s deadline passed",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), format!("get_appointment: timed out {expected}"));
            assert!(error.is_timeout() && error.is_retryable());
            assert_eq!(error.operation_id(), Some("get_appointment"));
        }
        assert_eq!(human(Duration::from_micros(250)), "250 µs");
        assert_eq!(human(Duration::ZERO), "0 s");
        assert_eq!(human(Duration::from_millis(90_000)), "90 s");
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
        let t = Error::timeout("op");
        assert!(t.is_timeout() && t.is_retryable());
        assert_eq!(t.operation_id(), Some("op"));
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
