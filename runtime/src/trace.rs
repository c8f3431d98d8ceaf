//! Tracing of calls (the `tracing` feature): one span per call, named
//! `<api>.<operation>`, and one event per retry.
//!
//! Only what cannot hold a credential or personal data is recorded: the
//! method, the route as the spec writes it (`/records/{location_id}`, not
//! the path with its ids), the status, the attempt and the duration. No
//! header, query value or body is, so neither a token nor a phone number
//! in a query can end up in a trace.

use std::time::Duration;

use reqwest::StatusCode;

#[cfg(feature = "tracing")]
use crate::request::Request;
use crate::Error;

/// Gives calls of an operation their span: `call_span!(request, "api.operation")`.
/// A macro because a span's name must be a literal, known at compile time.
/// Whether spans are made is this crate's `tracing` feature, whichever
/// crate expands the macro.
#[cfg(feature = "tracing")]
#[doc(hidden)]
#[macro_export]
macro_rules! call_span {
    ($request:ident, $name:literal) => {
        $request.span = Some(|| {
            $crate::__tracing::info_span!(
                $name,
                http.request.method = $crate::__tracing::field::Empty,
                http.route = $crate::__tracing::field::Empty,
                http.response.status_code = $crate::__tracing::field::Empty,
                attempt = $crate::__tracing::field::Empty,
                duration_ms = $crate::__tracing::field::Empty,
                error = $crate::__tracing::field::Empty,
            )
        });
    };
}

/// Without the `tracing` feature, calls get no span.
#[cfg(not(feature = "tracing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! call_span {
    ($request:ident, $name:literal) => {};
}

/// A call's span: recorded into by name, not through the current span,
/// which not every subscriber tracks.
#[cfg(feature = "tracing")]
pub(crate) type CallSpan = tracing::Span;

/// Without the `tracing` feature, nothing.
#[cfg(not(feature = "tracing"))]
pub(crate) struct CallSpan;

/// The span of one call, its method and route recorded; disabled when the
/// operation has none (hand-built requests).
#[cfg(feature = "tracing")]
pub(crate) fn span(request: &Request) -> tracing::Span {
    let Some(make) = request.span else { return tracing::Span::none() };
    let span = make();
    span.record("http.request.method", request.method.as_str());
    if !request.route.is_empty() {
        span.record("http.route", request.route);
    }
    span
}

/// Records how the call ended on its span.
#[cfg(feature = "tracing")]
pub(crate) fn finish<T>(span: &tracing::Span, elapsed: Duration, outcome: &Result<T, Error>) {
    span.record("duration_ms", elapsed.as_secs_f64() * 1000.0);
    if let Err(error) = outcome {
        span.record("error", kind(error));
    }
}

/// Records the attempt about to be made.
pub(crate) fn attempt(_span: &CallSpan, _number: u32) {
    #[cfg(feature = "tracing")]
    _span.record("attempt", _number);
}

/// Records the status of the latest attempt.
pub(crate) fn status(_span: &CallSpan, _status: StatusCode) {
    #[cfg(feature = "tracing")]
    _span.record("http.response.status_code", _status.as_u16());
}

/// One event per retry, in the call's span: which attempt failed, why,
/// and the wait.
pub(crate) fn retry(
    _span: &CallSpan,
    _attempt: u32,
    _status: Option<StatusCode>,
    _error: Option<&Error>,
    _delay: Duration,
) {
    #[cfg(feature = "tracing")]
    tracing::info!(
        parent: _span,
        attempt = _attempt,
        http.response.status_code = _status.map(|s| s.as_u16()),
        error = _error.map(kind),
        delay_ms = _delay.as_secs_f64() * 1000.0,
        "retrying"
    );
}

/// What went wrong, in a word: never the error's message, which may quote
/// a URL or a body.
#[cfg(feature = "tracing")]
fn kind(error: &Error) -> &'static str {
    match error {
        Error::Timeout { .. } => "timeout",
        Error::Transport { .. } => "transport",
        Error::MissingPartnerToken { .. }
        | Error::MissingUserToken { .. }
        | Error::MissingCredentials { .. } => "missing_token",
        Error::Api { .. } => "api",
        Error::UnexpectedStatus { .. } => "unexpected_status",
        Error::NotJson { .. } => "not_json",
        Error::Decode { .. } => "decode",
        Error::Serialize { .. } => "serialize",
        Error::InvalidBaseUrl { .. } | Error::InvalidHeader { .. } | Error::Config { .. } => {
            "invalid_request"
        }
        Error::Hook { .. } => "hook",
    }
}
