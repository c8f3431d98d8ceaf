//! A typed async client for the [Altegio](https://alteg.io) REST APIs,
//! generated from Altegio's published OpenAPI descriptions.
//!
//! Each API is a module behind a cargo feature: `business_v1` and
//! `developers` (on by default), `business_v2` and `booking`. Each documented operation is one `async` method on the API's
//! handle, which a [`Client`] hands out (`client.developers()`).
//!
//! # Quick start
//!
//! ```no_run
//! # async fn run() -> Result<(), altegio_api::Error> {
//! use altegio_api::{Client, RateLimit};
//!
//! let client = Client::builder()
//!     .partner_token("partner-token")
//!     .rate_limit(RateLimit::altegio())
//!     .build()?;
//! let countries = client.developers().get_country_list().await?;
//! println!("{} {:?}", countries.status, countries.body);
//! # Ok(()) }
//! ```
//!
//! # Credentials
//!
//! Operations send the partner token (`Authorization: Bearer <partner>`),
//! or the partner and a user token (`Bearer <partner>, User <user>`): set
//! the user token with [`ClientBuilder::user_token`] or on a cheap clone
//! with [`Client::with_user_token`]. [`ClientBuilder::build`] refuses an
//! empty token, naming which. A call whose token is missing (or empty)
//! fails with [`Error::MissingUserToken`] (or [`Error::MissingPartnerToken`])
//! before anything is sent. Tokens never appear in `Debug` output or
//! error messages. With the `business_v1` feature, `Client::sign_in`
//! exchanges a user's login and password for a client holding their token.
//!
//! # Responses and errors
//!
//! A method returns a [`Call`]: `.await` it for an [`ApiResponse`], the
//! decoded body with the status, the headers and the raw body. Altegio
//! answers `{"success": true, "data": ..., "meta": ...}`: the body is the
//! `data`, typed (`get_appointment` gives an `Appointment`, a list call a
//! `Vec`), and the typed `meta` is [`ApiResponse::meta`]. An operation whose
//! answer is not in the envelope returns its whole body. An operation
//! whose success statuses document different bodies returns an enum with
//! one variant per status (`CreateTagResponse::Ok`, `::Accepted`) and
//! `Other` for an undocumented 2xx.
//!
//! Bodies are read tolerantly: Altegio's servers send `[]` for an empty
//! object, numbers as strings and the other way round, `0`/`1` for
//! booleans and dates in several forms ([`DateTime`]); the generated types
//! accept all of it (see the README's "What Altegio really sends"). When a
//! body still does not decode, [`Call::raw`] and [`Call::json_value`] send
//! the same call for the body as it came, and [`ApiResponse::raw_json`]
//! and [`ApiResponse::unknown_fields`] reach members the docs do not list.
//! Every failure is one [`Error`]:
//!
//! - [`Error::Api`]: any error status with Altegio's error envelope (or a
//!   documented one), or `"success": false` in a 2xx, with the message and
//!   errors of its envelope;
//! - [`Error::UnexpectedStatus`]: an undocumented status without an envelope;
//! - [`Error::NotJson`]: JSON was expected and something else came, such as
//!   a proxy's HTML page;
//! - [`Error::Decode`]: JSON that does not match the documented type even
//!   read tolerantly, with the path that failed (`data[0].id`) and the
//!   whole body;
//! - [`Error::Timeout`] (naming the attempts made and the limits) and
//!   [`Error::Transport`]: the network.
//!
//! [`Error::status`], [`Error::is_timeout`] and [`Error::is_retryable`]
//! answer the usual questions without a `match`.
//!
//! # Retries and rate limits
//!
//! Idempotent calls are retried on 429, 502, 503, 504, connect errors and
//! timeouts, with jittered exponential backoff that honours `Retry-After`;
//! see [`RetryPolicy`]. Each attempt has a timeout ([`DEFAULT_TIMEOUT`],
//! 10 s) and the whole call a deadline ([`DEFAULT_DEADLINE`], 30 s) that
//! bounds its retries and waits too: with the defaults, a server that never
//! answers fails a call after 30 s ([`ClientBuilder::deadline`]). [`RateLimit::altegio`] keeps a client within
//! Altegio's published limits by waiting, over any sliding window as the
//! server counts (with a margin for network jitter), and backs the whole
//! client off when the server answers 429; it is off by default. A call
//! cancelled while it waits for the rate limit gives its turn back.
//!
//! # Per-call options, hooks, tracing and mocks
//!
//! A [`Call`] takes options for itself alone: [`Call::header`],
//! [`Call::timeout`], [`Call::deadline`] and [`Call::no_retry`]. Hooks on the builder
//! ([`ClientBuilder::before_request`], [`ClientBuilder::after_response`])
//! change each attempt's headers asynchronously, such as a user token that
//! expired, and may send a call again once ([`hooks`]). With the `tracing`
//! feature each call is a span named `<api>.<operation>`, credentials and
//! query values never recorded. With the `mock` feature, `mock::MockServer`
//! is an in-process server with a typed mock of every operation, for your
//! own tests.
//!
//! # Pagination and webhooks
//!
//! Paged list operations also have a `*_stream` method that yields every
//! item of every page, fetching pages as they are needed until the total
//! the server reports, a short page, or an empty one. Of the four API
//! modules only `developers` has webhooks, its spec being the only one
//! that documents them: `developers::parse_webhook` reads the body of an
//! incoming webhook call (one event or an array of them) into
//! `developers::WebhookEvent`s.
//!
//! Each API module's docs list its operations grouped by the spec's tags,
//! each with its summary and route, and its webhook events if it has any.

// Errors carry the status, Altegio's message and a body snippet so that a
// failure can be understood from the error alone; the error path is cold.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

#[cfg(feature = "business_v1")]
mod sign_in;
// The README's Rust snippets compile as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeSnippets;

// Used by the generated example tests of whichever APIs are enabled.
#[cfg(test)]
#[allow(dead_code)]
mod testing;

// Written by the generator and checked for drift: never reformatted. Its
// enums mirror the spec's unions, whatever the sizes of their variants.
// Every public item is documented: from the spec, or from where it is used.
#[rustfmt::skip]
#[allow(clippy::large_enum_variant)]
mod generated;

pub use openapi_rs_runtime::{
    hooks, ApiResponse, Call, DateTime, DateTimeValue, Error, File, RateLimit, RetryPolicy, TimeoutCause,
    DEFAULT_DEADLINE, DEFAULT_TIMEOUT,
};
// Empty when no API feature is enabled.
#[allow(unused_imports)]
pub use generated::*;

/// What the generated code calls (the runtime's `codegen` module).
#[doc(hidden)]
pub use openapi_rs_runtime::codegen as runtime;

/// The base URL used unless [`ClientBuilder::base_url`] sets another.
pub const DEFAULT_BASE_URL: &str = "https://api.alteg.io/api/v1";

/// The `Accept` header sent unless [`ClientBuilder::accept`] sets another.
pub const DEFAULT_ACCEPT: &str = "application/vnd.api.v2+json";

/// What is Altegio's about the runtime's defaults: its base URL and
/// `Accept`, this crate's user agent, and the `"success": false` of its
/// envelope as an error whatever the status.
const PROFILE: openapi_rs_runtime::Profile = openapi_rs_runtime::Profile::new(DEFAULT_BASE_URL)
    .accept(DEFAULT_ACCEPT)
    .user_agent(concat!("altegio-api/", env!("CARGO_PKG_VERSION")))
    .success_flag(true);

openapi_rs_runtime::define_client! {
    /// A client for the Altegio APIs. Cheap to clone: clones share the
    /// connection pool, the settings and the rate limiter.
    ///
    /// Each API is reached through a method named after it, such as
    /// `client.developers()`; the settings are the runtime's client's
    /// ([`openapi_rs_runtime::Client`]), which this one dereferences to.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), altegio_api::Error> {
    /// let client = altegio_api::Client::builder().partner_token("partner-token").build()?;
    /// // Calls that act for a user need that user's token as well.
    /// let as_user = client.with_user_token("user-token");
    /// # let _ = as_user;
    /// # Ok(()) }
    /// ```
    profile = PROFILE
}

/// Typed mocks for your own tests (the `mock` feature): an in-process HTTP
/// server and a [`Client`] pointed at it, with one method per operation to
/// say what the server answers to it.
///
/// Each API module has a `mock` module whose `Mocks` handle has a method
/// per operation, named as on the client. A mock matches its operation's
/// method and path template (any value of a path parameter); its answer is
/// typed with the operation's success type, so a test cannot answer a list
/// with a record by mistake. For an operation that returns an envelope's
/// data, [`ok`](mock::ok) takes the data and the mock sends it in the
/// envelope (`{"success": true, "data": ..., "meta": ...}`), with the meta
/// given by [`Reply::meta`](mock::Reply::meta) or an empty one. A request
/// no mock matches gets a 404.
///
/// ```no_run
/// # #[cfg(all(feature = "mock", feature = "developers"))]
/// # async fn run() -> Result<(), altegio_api::Error> {
/// use altegio_api::mock::{error, MockServer};
///
/// let mock = MockServer::start().await;
/// mock.developers().get_country_list().respond(error(503, "Try again later")).await;
/// let err = mock.client().developers().get_country_list().await.unwrap_err();
/// assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
/// # Ok(()) }
/// ```
#[cfg(feature = "mock")]
pub mod mock {
    pub use openapi_rs_runtime::mock::*;

    openapi_rs_runtime::define_mock_server!(crate::Client);
}
