//! What one API's client defaults to: the facts a generated crate (or
//! its hand-written root) gives the runtime, as one value.

/// An API's defaults: where requests go, the `Accept` and `User-Agent`
/// they carry, and how a 2xx body can still say that the call failed.
///
/// A generated crate defines its profile once, as a constant, and its
/// `Client::builder()` starts from it; [`ClientBuilder`](crate::ClientBuilder)'s
/// setters override each default for one client.
///
/// ```
/// use openapi_rs_runtime::Profile;
///
/// const PETSTORE: Profile = Profile::new("https://petstore.example.com/v1")
///     .user_agent("petstore-client/1.0")
///     .success_flag(false);
/// assert_eq!(PETSTORE.accept, "application/json");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Profile {
    /// The base URL used unless the builder sets another: the spec's
    /// first server.
    pub base_url: &'static str,
    /// The `Accept` header sent unless the builder sets another.
    pub accept: &'static str,
    /// The default `User-Agent`.
    pub user_agent: &'static str,
    /// Whether a 2xx JSON body with `"success": false` is an error
    /// ([`Error::Api`](crate::Error::Api)), as in APIs that wrap every
    /// answer in a `{"success": .., "data": ..}` envelope.
    pub success_flag: bool,
}

impl Profile {
    /// A profile for the API at `base_url`: `Accept: application/json`,
    /// this runtime's user agent, no success flag.
    pub const fn new(base_url: &'static str) -> Self {
        Self { base_url, accept: "application/json", user_agent: USER_AGENT, success_flag: false }
    }

    /// The `Accept` header.
    pub const fn accept(mut self, accept: &'static str) -> Self {
        self.accept = accept;
        self
    }

    /// The `User-Agent` header; a crate passes its own name and version.
    pub const fn user_agent(mut self, user_agent: &'static str) -> Self {
        self.user_agent = user_agent;
        self
    }

    /// Whether `"success": false` in a 2xx body is an error.
    pub const fn success_flag(mut self, on: bool) -> Self {
        self.success_flag = on;
        self
    }
}

/// Requests to `http://localhost`: a client built without a profile, for
/// hand-built requests and tests.
impl Default for Profile {
    fn default() -> Self {
        Self::new("http://localhost")
    }
}

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
