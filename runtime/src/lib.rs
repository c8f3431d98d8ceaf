//! The runtime of the typed API clients that `openapi-rs-gen` writes:
//! sending a call (base URL, headers, credentials, hooks, rate limit,
//! retries, deadlines), reading its answer tolerantly into the generated
//! types, paging, errors and typed mocks for tests.
//!
//! A generated crate holds the API's types and one method per operation;
//! everything else is here, configured by the API's [`Profile`]. The crate
//! defines its own `Client` around this crate's [`Client`] with
//! [`define_client!`], so that each API module can add its methods to it
//! (`client.api()`), and re-exports what its users need: [`Error`],
//! [`ApiResponse`], [`Call`], [`RetryPolicy`], [`RateLimit`], [`DateTime`]
//! and [`File`].
//!
//! ```
//! use openapi_rs_runtime::{Profile, RetryPolicy};
//!
//! const API: Profile = Profile::new("https://api.example.com/v1");
//!
//! openapi_rs_runtime::define_client! {
//!     /// A client for the example API.
//!     profile = API
//! }
//!
//! let client = Client::builder().partner_token("token").retry(RetryPolicy::none()).build()?;
//! assert_eq!(client.base_url(), "https://api.example.com/v1");
//! # Ok::<(), openapi_rs_runtime::Error>(())
//! ```
//!
//! The [`codegen`] module is what generated code calls; it is not meant
//! for hand-written code and may change in any release.

// Errors carry the status, the server's message and a body snippet so that
// a failure can be understood from the error alone; the error path is cold.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

mod auth;
mod body;
mod call;
mod client;
pub mod codegen;
mod date_time;
mod deadline;
mod define;
mod envelope;
mod error;
pub mod hooks;
#[cfg(feature = "mock")]
pub mod mock;
mod paginate;
mod profile;
mod rate_limit;
mod request;
mod response;
mod retry;
mod security;
mod tolerant;
mod trace;
mod unknown;
mod wire;

pub use body::File;
pub use call::Call;
pub use client::{Client, ClientBuilder, DEFAULT_DEADLINE, DEFAULT_TIMEOUT};
pub use date_time::{DateTime, DateTimeValue};
pub use error::{Error, TimeoutCause};
pub use profile::Profile;
pub use rate_limit::RateLimit;
pub use response::ApiResponse;
pub use retry::RetryPolicy;

// What the exported macros name, so that a crate expanding them needs no
// dependency of its own on these crates.
#[doc(hidden)]
#[cfg(feature = "tracing")]
pub use tracing as __tracing;
