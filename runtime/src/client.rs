//! The client, its builder, and sending one call: URL, headers,
//! credentials, rate limit, retries and error mapping.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::StatusCode;

use crate::auth::{self, Auth, Secret};
use crate::codegen::{RawResponse, Request};
use crate::deadline::Budget;
use crate::error::TimeoutCause;
use crate::hooks::{self as hook, AfterHook, AfterResponse, BeforeHook, HookError, Incoming, Outgoing};
use crate::rate_limit::{Limiter, RateLimit};
use crate::response::status_error;
use crate::retry::{is_retryable_status, RetryPolicy};
use crate::security::{self, Applied, Credentials};
use crate::trace;
use crate::{Error, Profile};

/// The timeout of one attempt unless [`ClientBuilder::timeout`] sets another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The deadline of a whole call, retries and the waits between them
/// included, unless [`ClientBuilder::deadline`] sets another. With
/// [`DEFAULT_TIMEOUT`] and the default [`RetryPolicy`], a server that never
/// answers fails a call after 30 s and three attempts.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(30);

/// The client every generated crate's `Client` wraps: settings,
/// credentials, the connection pool and the rate limiter. Cheap to clone:
/// clones share the connection pool, the settings and the rate limiter.
///
/// A generated crate's `Client` (see [`define_client!`](crate::define_client))
/// dereferences to this one, which holds the settings; the operations are
/// that crate's.
///
/// ```no_run
/// # async fn run() -> Result<(), openapi_rs_runtime::Error> {
/// let client = openapi_rs_runtime::Client::builder().partner_token("partner-token").build()?;
/// // Calls that act for a user need that user's token as well.
/// let as_user = client.with_user_token("user-token");
/// # let _ = as_user;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    user_token: Option<Secret>,
    authorization: auth::Prepared,
}

struct Shared {
    http: reqwest::Client,
    base: BaseUrl,
    timeout: Duration,
    deadline: Duration,
    /// Set on each request only when the user brought their own
    /// `reqwest::Client`; ours carries the timeout already, and setting it
    /// per request allocates a map of extensions per call.
    request_timeout: Option<Duration>,
    user_agent: HeaderValue,
    accept: HeaderValue,
    /// Whether `"success": false` in a 2xx body is an error (the profile's).
    success_flag: bool,
    partner_token: Option<Secret>,
    /// Credentials of the spec's own schemes, by name.
    credentials: Credentials,
    retry: RetryPolicy,
    rate_limit: Option<RateLimit>,
    limiter: Option<Limiter>,
    before_request: Option<BeforeHook>,
    after_response: Option<AfterHook>,
}

impl Client {
    /// Starts configuring a client with the default [`Profile`]
    /// (`http://localhost`); a generated crate's `Client::builder()` starts
    /// from its API's profile instead.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new(Profile::default())
    }

    /// A clone that sends `token` as the user token, for operations that
    /// act on behalf of a user (`Authorization: Bearer <partner>, User <user>`).
    ///
    /// An empty or whitespace-only token counts as none: the operations
    /// that need a user token then fail with [`Error::MissingUserToken`]
    /// before anything is sent.
    pub fn with_user_token(&self, token: impl Into<String>) -> Client {
        let user_token = Some(Secret::new(token));
        let authorization = auth::Prepared::new(self.shared.partner_token.as_ref(), user_token.as_ref());
        Client { shared: self.shared.clone(), user_token, authorization }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.shared.base.url
    }

    /// The `Accept` header every request carries.
    pub fn accept(&self) -> &str {
        // Set from a `String` by the builder, so always text.
        self.shared.accept.to_str().unwrap_or_default()
    }

    /// Sends one call: credentials, headers, hooks, rate limit and retries.
    /// A 2xx comes back raw for the caller to decode; anything else is an error.
    #[doc(hidden)]
    #[cfg(not(feature = "tracing"))]
    pub async fn send(&self, request: Request) -> Result<RawResponse, Error> {
        self.attempts(request, &trace::CallSpan).await
    }

    /// Sends one call: credentials, headers, hooks, rate limit and retries,
    /// in the call's span. A 2xx comes back raw for the caller to decode;
    /// anything else is an error.
    #[doc(hidden)]
    #[cfg(feature = "tracing")]
    pub async fn send(&self, request: Request) -> Result<RawResponse, Error> {
        use tracing::Instrument;
        let span = trace::span(&request);
        let started = std::time::Instant::now();
        let outcome = self.attempts(request, &span).instrument(span.clone()).await;
        trace::finish(&span, started.elapsed(), &outcome);
        outcome
    }

    async fn attempts(&self, mut request: Request, span: &trace::CallSpan) -> Result<RawResponse, Error> {
        let shared = &*self.shared;
        let operation_id = request.operation_id;
        request.check()?;
        // Credentials first: a call that cannot be authorised is never sent.
        let authorization = self.authorization.get(
            request.auth,
            shared.partner_token.as_ref(),
            self.user_token.as_ref(),
            operation_id,
        )?;
        let applied = match request.auth {
            Auth::Schemes(alternatives) => security::apply(
                alternatives,
                &shared.credentials,
                shared.partner_token.as_ref(),
                operation_id,
            )?,
            _ => Applied::default(),
        };
        let content_type = content_type(&request)?;
        let build = |request: &Request| -> Result<_, Error> {
            let mut url = shared.base.url_for(request)?;
            if !applied.query.is_empty() {
                let mut pairs = url.query_pairs_mut();
                for (name, key) in &applied.query {
                    pairs.append_pair(name, key.expose());
                }
            }
            let mut headers = shared.headers(request, content_type.as_ref(), authorization.as_ref())?;
            for (name, value) in &applied.headers {
                headers.insert(name.clone(), value.clone());
            }
            Ok((url, headers))
        };
        // Built for the first attempt and moved into it; a retry builds them
        // again, which is cheaper than cloning them for every call.
        let mut first = Some(build(&request)?);
        let error_statuses = request.error_statuses;
        let (body, multipart) = request.body.take();
        let may_retry = shared.retry.applies_to(&request.method) && !request.options.no_retry;
        let timeout = request.options.timeout.or(shared.request_timeout);
        let mut budget = Budget::start(
            operation_id,
            request.options.timeout.unwrap_or(shared.timeout),
            request.options.deadline.unwrap_or(shared.deadline),
        );

        let mut retries = 0;
        let mut attempt_number = 0;
        // A hook may ask for one resend per call, so it cannot loop.
        let mut resent = false;
        loop {
            attempt_number += 1;
            trace::attempt(span, attempt_number);
            let (url, mut headers) = match first.take() {
                Some(built) => built,
                None => build(&request)?,
            };
            if let Some(hook) = &shared.before_request {
                let outgoing = Outgoing {
                    operation_id,
                    method: request.method.clone(),
                    attempt: attempt_number,
                    headers,
                    auth: request.auth,
                    partner_token: shared.partner_token.clone(),
                };
                let hooked =
                    async { hook(outgoing).await.map_err(|source| Error::Hook { operation_id, source }) };
                headers = budget.step(hooked).await?.headers;
            }
            let mut http_request = reqwest::Request::new(request.method.clone(), url);
            *http_request.headers_mut() = headers;
            if timeout.is_some() {
                *http_request.timeout_mut() = timeout;
            }
            *http_request.body_mut() = body.clone().map(reqwest::Body::from);
            if let Some(parts) = &multipart {
                http_request = crate::body::attach(&shared.http, http_request, parts, operation_id)?;
            }
            if let Some(limiter) = &shared.limiter {
                if !limiter.acquire_by(budget.ends()).await {
                    return Err(budget.timed_out(TimeoutCause::RateLimit));
                }
            }
            let can_retry = may_retry && retries < shared.retry.retries();
            let outcome = budget
                .attempt(attempt(&shared.http, http_request, operation_id, shared.success_flag))
                .await?;
            if let Ok(raw) = &outcome {
                trace::status(span, raw.status);
            }
            if let (Some(limiter), Ok(raw)) = (&shared.limiter, &outcome) {
                // The server says the client as a whole goes too fast.
                if raw.status == StatusCode::TOO_MANY_REQUESTS {
                    limiter.too_many_requests(shared.retry.retry_after(&raw.headers));
                }
            }
            if let (Some(hook), Ok(raw)) = (&shared.after_response, &outcome) {
                let incoming = Incoming {
                    operation_id,
                    method: request.method.clone(),
                    attempt: attempt_number,
                    status: raw.status,
                    headers: raw.headers.clone(),
                };
                let hooked =
                    async { hook(incoming).await.map_err(|source| Error::Hook { operation_id, source }) };
                let next = budget.step(hooked).await?;
                if next == AfterResponse::Resend && !resent {
                    resent = true;
                    continue;
                }
            }
            match outcome {
                Err(error) if can_retry && error.is_retryable() => {
                    let delay = shared.retry.delay(retries, None);
                    if !budget.wait_fits(delay) {
                        return Err(budget.wait_does_not_fit(error));
                    }
                    trace::retry(span, attempt_number, None, Some(&error), delay);
                    budget.wait(delay, error).await;
                }
                Err(error) => return Err(budget.finish(error)),
                Ok(raw) if can_retry && is_retryable_status(raw.status) => {
                    let delay = shared.retry.delay(retries, Some(&raw.headers));
                    // Kept for the timeout error, should one come.
                    let failure =
                        status_error(operation_id, raw.status, &raw.headers, &raw.body, error_statuses);
                    if !budget.wait_fits(delay) {
                        return Err(budget.wait_does_not_fit(failure));
                    }
                    trace::retry(span, attempt_number, Some(raw.status), None, delay);
                    budget.wait(delay, failure).await;
                }
                Ok(raw) if raw.status.is_success() => return Ok(raw),
                Ok(raw) => {
                    return Err(status_error(
                        operation_id,
                        raw.status,
                        &raw.headers,
                        &raw.body,
                        error_statuses,
                    ))
                }
            }
            retries += 1;
        }
    }
}

/// One attempt: sends and reads the whole body.
async fn attempt(
    http: &reqwest::Client,
    request: reqwest::Request,
    operation_id: &'static str,
    success_flag: bool,
) -> Result<RawResponse, Error> {
    let mut response = http.execute(request).await.map_err(|e| transport_error(operation_id, e))?;
    let status = response.status();
    // Taken, not cloned: reading the body does not need them.
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await.map_err(|e| transport_error(operation_id, e))?;
    Ok(RawResponse { status, headers, body, operation_id, success_flag })
}

/// The `Content-Type` the body goes with.
fn content_type(request: &Request) -> Result<Option<HeaderValue>, Error> {
    let Some(content_type) = request.body.content_type() else { return Ok(None) };
    HeaderValue::from_str(content_type).map(Some).map_err(|_| Error::InvalidHeader {
        operation_id: request.operation_id,
        name: CONTENT_TYPE.to_string(),
    })
}

/// Query values may be personal data (phone numbers, emails): keep them
/// out of error messages, which end up in logs.
fn transport_error(operation_id: &'static str, mut error: reqwest::Error) -> Error {
    if let Some(url) = error.url_mut() {
        url.set_query(None);
    }
    Error::from_reqwest(operation_id, error)
}

impl Shared {
    fn headers(
        &self,
        request: &Request,
        content_type: Option<&HeaderValue>,
        authorization: Option<&HeaderValue>,
    ) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::with_capacity(4 + request.headers.len() + request.options.headers.len());
        headers.insert(ACCEPT, self.accept.clone());
        headers.insert(USER_AGENT, self.user_agent.clone());
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        // The spec's header parameters may override the defaults above...
        for (name, value) in &request.headers {
            let invalid = || Error::InvalidHeader { operation_id: request.operation_id, name: name.clone() };
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let value = HeaderValue::from_str(value).map_err(|_| invalid())?;
            headers.insert(name, value);
        }
        // ...and so may the caller's, for this call...
        for (name, value) in &request.options.headers {
            let invalid = || Error::InvalidHeader { operation_id: request.operation_id, name: name.clone() };
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let mut value = HeaderValue::from_str(value).map_err(|_| invalid())?;
            // Not indexed by HTTP/2, hidden by `Debug`: it may be a key.
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        // ...but never the credentials.
        if let Some(authorization) = authorization {
            headers.insert(AUTHORIZATION, authorization.clone());
        }
        Ok(headers)
    }
}

/// Where requests go.
#[derive(Debug)]
struct BaseUrl {
    /// Without a trailing slash, so that paths (which start with `/`) append.
    url: String,
    /// `scheme://host[:port]`.
    origin: String,
    /// Set by the user: then it wins over the spec's per-operation servers,
    /// so that a client pointed at a test server sends everything there.
    chosen: bool,
    /// `url`, parsed once: most calls only add a path and a query to it.
    parsed: reqwest::Url,
    /// Its path without a trailing slash (empty for `/`).
    path: String,
}

impl BaseUrl {
    fn parse(raw: &str, chosen: bool) -> Result<Self, Error> {
        let invalid =
            |message: &str| Error::InvalidBaseUrl { url: raw.to_owned(), message: message.to_owned() };
        let url = url::Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("the scheme must be http or https"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("a base URL cannot have a query or a fragment"));
        }
        // Error messages show URLs; credentials must not end up there.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("a base URL cannot hold credentials; use the token settings"));
        }
        Ok(Self {
            url: url.as_str().trim_end_matches('/').to_owned(),
            origin: url.origin().ascii_serialization(),
            chosen,
            path: url.path().trim_end_matches('/').to_owned(),
            parsed: url,
        })
    }

    /// The base for an operation: the client's, the operation's server, or
    /// (when the user chose the base URL) the server's path on the user's origin.
    fn base_for(&self, server: Option<&str>) -> Result<String, Error> {
        let Some(server) = server else { return Ok(self.url.clone()) };
        if server.starts_with('/') {
            // A relative server URL is relative to the base URL's origin.
            return Ok(format!("{}{}", self.origin, server.trim_end_matches('/')));
        }
        if !self.chosen {
            return Ok(server.trim_end_matches('/').to_owned());
        }
        let parsed = url::Url::parse(server)
            .map_err(|e| Error::InvalidBaseUrl { url: server.to_owned(), message: e.to_string() })?;
        Ok(format!("{}{}", self.origin, parsed.path().trim_end_matches('/')))
    }

    fn url_for(&self, request: &Request) -> Result<reqwest::Url, Error> {
        if request.server.is_none() {
            // Parsing the whole URL again was the largest part of the
            // client's own work per call: only the path and query are parsed.
            let mut url = self.parsed.clone();
            if self.path.is_empty() {
                url.set_path(&request.path);
            } else {
                url.set_path(&format!("{}{}", self.path, request.path));
            }
            let query = request.query_string();
            if !query.is_empty() {
                url.set_query(Some(&query));
            }
            return Ok(url);
        }
        let base = self.base_for(request.server)?;
        let mut full = format!("{base}{}", request.path);
        let query = request.query_string();
        if !query.is_empty() {
            full.push('?');
            full.push_str(&query);
        }
        reqwest::Url::parse(&full).map_err(|e| Error::InvalidBaseUrl { url: base, message: e.to_string() })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = &*self.shared;
        f.debug_struct("Client")
            .field("base_url", &shared.base.url)
            .field("timeout", &shared.timeout)
            .field("deadline", &shared.deadline)
            .field("user_agent", &shared.user_agent)
            .field("accept", &shared.accept)
            .field("partner_token", &shared.partner_token)
            .field("user_token", &self.user_token)
            .field("credentials", &shared.credentials)
            .field("retry", &shared.retry)
            .field("rate_limit", &shared.rate_limit)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]; get one from [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use openapi_rs_runtime::{Client, RateLimit, RetryPolicy};
///
/// let client = Client::builder()
///     .partner_token("partner-token")
///     .timeout(Duration::from_secs(10))
///     .retry(RetryPolicy::default().max_retries(3))
///     .rate_limit(RateLimit::altegio())
///     .build()?;
/// # let _ = client;
/// # Ok::<(), openapi_rs_runtime::Error>(())
/// ```
///
/// `C` is the client it builds: a generated crate's own `Client` (which
/// wraps this runtime's), or this runtime's [`Client`].
pub struct ClientBuilder<C = Client> {
    profile: Profile,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    timeout: Duration,
    deadline: Duration,
    user_agent: Option<String>,
    accept: Option<String>,
    partner_token: Option<Secret>,
    user_token: Option<Secret>,
    credentials: Credentials,
    retry: RetryPolicy,
    rate_limit: Option<RateLimit>,
    before_request: Option<BeforeHook>,
    after_response: Option<AfterHook>,
    client: PhantomData<fn() -> C>,
}

// By hand: a derive would require `C: Clone`.
impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        Self {
            profile: self.profile,
            base_url: self.base_url.clone(),
            http: self.http.clone(),
            timeout: self.timeout,
            deadline: self.deadline,
            user_agent: self.user_agent.clone(),
            accept: self.accept.clone(),
            partner_token: self.partner_token.clone(),
            user_token: self.user_token.clone(),
            credentials: self.credentials.clone(),
            retry: self.retry.clone(),
            rate_limit: self.rate_limit.clone(),
            before_request: self.before_request.clone(),
            after_response: self.after_response.clone(),
            client: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    // A custom `reqwest::Client` is only flagged: its own `Debug` may show
    // proxy settings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("profile", &self.profile)
            .field("base_url", &self.base_url)
            .field("custom_http_client", &self.http.is_some())
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("user_agent", &self.user_agent)
            .field("accept", &self.accept)
            .field("partner_token", &self.partner_token)
            .field("user_token", &self.user_token)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("rate_limit", &self.rate_limit)
            .field("before_request", &self.before_request.is_some())
            .field("after_response", &self.after_response.is_some())
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new(Profile::default())
    }
}

impl<C> ClientBuilder<C> {
    /// A builder whose defaults are `profile`'s; generated crates call
    /// this from their `Client::builder()`.
    pub fn new(profile: Profile) -> Self {
        Self {
            profile,
            base_url: None,
            http: None,
            timeout: DEFAULT_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            user_agent: None,
            accept: None,
            partner_token: None,
            user_token: None,
            credentials: Credentials::default(),
            retry: RetryPolicy::default(),
            rate_limit: None,
            before_request: None,
            after_response: None,
            client: PhantomData,
        }
    }

    /// Replaces the defaults (base URL, `Accept`, user agent, success
    /// flag) with `profile`'s; what was set on this builder stays.
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = profile;
        self
    }

    /// Sends every request here instead of the profile's base URL, including
    /// the operations the spec puts on another server (they keep that
    /// server's path, on this URL's scheme, host and port). Meant for
    /// proxies and test servers.
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = Some(url.as_ref().to_owned());
        self
    }

    /// Uses a `reqwest::Client` you configured (proxy, TLS roots, default
    /// headers, ...). The client still sets, on every request, `Accept`,
    /// `User-Agent`, `Content-Type` (with a body), `Authorization` (for
    /// operations that send credentials) and this builder's timeout (or a
    /// call's own), which replace the same headers among the
    /// `reqwest::Client`'s defaults; retries, the rate limit and the hooks
    /// apply as with the client's own `reqwest::Client`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The time one attempt may take, from connecting to the end of the
    /// body (default [`DEFAULT_TIMEOUT`], 10 s). The call's
    /// [`deadline`](Self::deadline) may cut an attempt shorter.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time a whole call may take: every attempt, the waits before
    /// retries (back-off or `Retry-After`) and the waits for the
    /// [rate limit](Self::rate_limit), from the moment it is awaited
    /// (default [`DEFAULT_DEADLINE`], 30 s).
    ///
    /// An attempt still running at the deadline is cut short, and a wait
    /// that would end at or after it is not started: the call fails at once
    /// with [`Error::Timeout`], which names the attempts made and both
    /// limits. With the defaults (10 s per attempt, two retries) a server
    /// that never answers fails a call after 30 s. `Duration::MAX` means no
    /// deadline: each attempt then has only its [`timeout`](Self::timeout).
    /// [`Call::deadline`](crate::Call::deadline) sets one call's.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The `User-Agent` header (default the profile's: `<crate name>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The partner token, sent as `Authorization: Bearer <partner>`. An
    /// empty or whitespace-only token makes [`build`](Self::build) fail.
    pub fn partner_token(mut self, token: impl Into<String>) -> Self {
        self.partner_token = Some(Secret::new(token));
        self
    }

    /// The token for every bearer scheme (HTTP bearer, OAuth 2, OpenID
    /// Connect) of the spec that has no credential of its own
    /// ([`credential`](Self::credential)), sent as
    /// `Authorization: Bearer <token>`; the same setting as
    /// [`partner_token`](Self::partner_token), Altegio's name for it.
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.partner_token(token)
    }

    /// The credential of the spec's security scheme `scheme` (its name under
    /// `components.securitySchemes`): a bearer token, or an API key sent
    /// in the header, query parameter or cookie the scheme names (after
    /// the prefix it documents, if any). Operations send the credentials of
    /// the first of their accepted schemes the client holds; one that
    /// holds none fails with [`Error::MissingCredentials`] before anything
    /// is sent. An empty value makes [`build`](Self::build) fail.
    pub fn credential(mut self, scheme: impl Into<String>, value: impl Into<String>) -> Self {
        self.credentials.set_token(scheme.into(), Secret::new(value));
        self
    }

    /// The user and password of the spec's HTTP basic scheme `scheme`, sent
    /// as `Authorization: Basic <base64 of user:password>`. An empty user,
    /// or one containing `:`, makes [`build`](Self::build) fail.
    pub fn basic_auth(
        mut self,
        scheme: impl Into<String>,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.credentials.set_basic(scheme.into(), Secret::new(user), Secret::new(password));
        self
    }

    /// A user token for operations that act on behalf of a user; see also
    /// [`Client::with_user_token`]. An empty or whitespace-only token makes
    /// [`build`](Self::build) fail.
    pub fn user_token(mut self, token: impl Into<String>) -> Self {
        self.user_token = Some(Secret::new(token));
        self
    }

    /// The `Accept` header (default the profile's).
    pub fn accept(mut self, accept: impl Into<String>) -> Self {
        self.accept = Some(accept.into());
        self
    }

    /// When to retry (default [`RetryPolicy::default`]; [`RetryPolicy::none`] turns retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Waits as needed to stay within a request budget, such as
    /// [`RateLimit::altegio`], over any sliding window as the server sees
    /// the calls, and pauses the whole client when the server answers 429;
    /// see [`RateLimit`] for what is guaranteed. Off by default.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }

    /// An async hook the client calls before each attempt of each call,
    /// retries included, with the headers about to be sent; what it returns
    /// is sent. A failing hook fails the call with [`Error::Hook`] before
    /// anything is sent. Meant for headers that change over time, such as
    /// a user token that expires:
    ///
    /// ```no_run
    /// use std::sync::{Arc, RwLock};
    /// use openapi_rs_runtime::hooks::{AfterResponse, Incoming, Outgoing};
    /// use openapi_rs_runtime::Client;
    ///
    /// # async fn sign_in_again() -> String { String::new() }
    /// # fn run() -> Result<Client, openapi_rs_runtime::Error> {
    /// let token = Arc::new(RwLock::new(String::from("user-token")));
    /// let current = token.clone();
    /// let client = Client::builder()
    ///     .partner_token("partner-token")
    ///     // Every attempt sends the token as it is now.
    ///     .before_request(move |mut outgoing: Outgoing| {
    ///         let token = current.read().unwrap().clone();
    ///         async move {
    ///             outgoing.set_user_token(&token)?;
    ///             Ok(outgoing)
    ///         }
    ///     })
    ///     // A 401 means it expired: get a new one and send the call again.
    ///     .after_response(move |incoming: Incoming| {
    ///         let token = token.clone();
    ///         async move {
    ///             if incoming.status() != 401 {
    ///                 return Ok(AfterResponse::Continue);
    ///             }
    ///             let fresh = sign_in_again().await;
    ///             *token.write().unwrap() = fresh;
    ///             Ok(AfterResponse::Resend)
    ///         }
    ///     })
    ///     .build()?;
    /// # Ok(client) }
    /// ```
    pub fn before_request<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(Outgoing) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<Outgoing, HookError>> + Send + 'static,
    {
        self.before_request = Some(hook::before(hook));
        self
    }

    /// An async hook the client calls with each response (status and
    /// headers; the body is read but not shown), before it retries,
    /// decodes or fails. Returning [`AfterResponse::Resend`] sends the call
    /// again at once, once per call, whatever its method (see
    /// [`before_request`](Self::before_request) for a token refresh). Not
    /// called when no response came (a timeout, a refused connection).
    pub fn after_response<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(Incoming) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<AfterResponse, HookError>> + Send + 'static,
    {
        self.after_response = Some(hook::after(hook));
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidBaseUrl`] for a base URL that is not a usable
    /// http(s) URL; [`Error::Config`] for a token that is empty (or only
    /// whitespace) or that an HTTP header cannot carry, and for a user agent
    /// or `Accept` value that is not a valid header value. The message names
    /// the setting, never a token's value.
    pub fn build(self) -> Result<C, Error>
    where
        C: From<Client>,
    {
        let base = match &self.base_url {
            Some(url) => BaseUrl::parse(url, true)?,
            None => BaseUrl::parse(self.profile.base_url, false)?,
        };
        let config = |message: &str| Error::Config { message: message.to_owned() };
        let user_agent = HeaderValue::from_str(self.user_agent.as_deref().unwrap_or(self.profile.user_agent))
            .map_err(|_| config("the user agent is not a valid HTTP header value"))?;
        let accept = HeaderValue::from_str(self.accept.as_deref().unwrap_or(self.profile.accept))
            .map_err(|_| config("`accept` is not a valid HTTP header value"))?;
        // Sent as `Bearer ` (or `User `) with nothing after it, an empty
        // token fails every call with a 401 that does not say why.
        if self.partner_token.as_ref().is_some_and(auth::is_blank) {
            return Err(config("the partner token is empty"));
        }
        if self.user_token.as_ref().is_some_and(auth::is_blank) {
            return Err(config("the user token is empty"));
        }
        if self.partner_token.as_ref().is_some_and(|t| !auth::is_valid(t)) {
            return Err(config("the partner token has characters an HTTP header cannot carry"));
        }
        if self.user_token.as_ref().is_some_and(|t| !auth::is_valid(t)) {
            return Err(config("the user token has characters an HTTP header cannot carry"));
        }
        self.credentials.check().map_err(|message| Error::Config { message })?;
        let request_timeout = self.http.is_some().then_some(self.timeout);
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .build()
                .map_err(|e| Error::Config { message: format!("could not build the HTTP client: {e}") })?,
        };
        let limiter = self.rate_limit.as_ref().map(Limiter::new);
        let authorization = auth::Prepared::new(self.partner_token.as_ref(), self.user_token.as_ref());
        Ok(C::from(Client {
            shared: Arc::new(Shared {
                http,
                base,
                timeout: self.timeout,
                deadline: self.deadline,
                request_timeout,
                user_agent,
                accept,
                success_flag: self.profile.success_flag,
                partner_token: self.partner_token,
                credentials: self.credentials,
                retry: self.retry,
                rate_limit: self.rate_limit,
                limiter,
                before_request: self.before_request,
                after_response: self.after_response,
            }),
            user_token: self.user_token,
            authorization,
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use serde_json::{json, Value};
    use wiremock::matchers::{body_json, header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::codegen::{encode_path, Auth, Method};
    use crate::ApiResponse;

    const PARTNER: &str = "partner-secret-123";
    const USER: &str = "user-secret-456";

    fn fast_retry() -> RetryPolicy {
        RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(5))
    }

    fn client(server: &MockServer) -> Client {
        Client::builder().base_url(server.uri()).partner_token(PARTNER).retry(fast_retry()).build().unwrap()
    }

    fn get(operation_id: &'static str, path: &str) -> Request {
        let mut request = Request::new(Method::GET, operation_id, path.to_owned());
        request.auth = Auth::Partner;
        request
    }

    async fn get_json(client: &Client, request: Request) -> Result<ApiResponse<Value>, Error> {
        client.send(request).await?.json()
    }

    fn ok_envelope() -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": [], "meta": []}))
    }

    #[tokio::test]
    async fn partner_authorization_and_default_headers() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/countries"))
            .and(header("authorization", format!("Bearer {PARTNER}").as_str()))
            .and(header("accept", Profile::default().accept))
            .and(header("user-agent", Profile::default().user_agent))
            .respond_with(ok_envelope())
            .expect(1)
            .mount(&server)
            .await;
        let response = get_json(&client(&server), get("get_country_list", "/countries")).await.unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response["success"], json!(true));
    }

    #[tokio::test]
    async fn partner_user_authorization_and_json_body() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/things"))
            .and(header("content-type", "application/json"))
            .and(header("accept", "application/json"))
            .and(body_json(json!({"name": "x"})))
            .respond_with(ok_envelope())
            .expect(1)
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .partner_token(PARTNER)
            .accept("application/json")
            .build()
            .unwrap()
            .with_user_token(USER);
        let mut request = Request::new(Method::POST, "create_thing", "/things".to_owned());
        request.auth = Auth::PartnerUser;
        request.json(&json!({"name": "x"}));
        get_json(&client, request).await.unwrap();
        // Checked on the raw value: wiremock's `header` matcher splits values at commas.
        let received = server.received_requests().await.unwrap();
        let authorization = received[0].headers.get("authorization").unwrap();
        assert_eq!(authorization.to_str().unwrap(), format!("Bearer {PARTNER}, User {USER}"));
    }

    #[tokio::test]
    async fn no_auth_sends_no_authorization_and_form_bodies_have_their_type() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let mut request = Request::new(Method::POST, "form", "/form".to_owned());
        request.body = crate::codegen::Body::Form("a=1".to_owned());
        let response = client(&server).send(request).await.unwrap().empty();
        assert_eq!(response.status, 204);
        let received = server.received_requests().await.unwrap();
        assert!(!received[0].headers.contains_key("authorization"));
        assert_eq!(received[0].body, b"a=1");
    }

    #[tokio::test]
    async fn missing_user_token_sends_nothing() {
        let server = MockServer::start().await;
        let mut request = Request::new(Method::GET, "user_call", "/user".to_owned());
        request.auth = Auth::PartnerUser;
        let err = client(&server).send(request).await.unwrap_err();
        assert!(matches!(err, Error::MissingUserToken { operation_id: "user_call" }), "{err:?}");
        assert!(server.received_requests().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn missing_partner_token_sends_nothing() {
        let server = MockServer::start().await;
        let client = Client::builder().base_url(server.uri()).build().unwrap();
        let err = client.send(get("op", "/x")).await.unwrap_err();
        assert!(matches!(err, Error::MissingPartnerToken { operation_id: "op" }), "{err:?}");
        assert!(server.received_requests().await.unwrap().is_empty());
    }

    #[test]
    fn debug_hides_tokens() {
        let shown = format!("{:?}", Client::builder().partner_token(PARTNER).build().unwrap());
        assert!(shown.contains(r#"partner_token: Some("<redacted>"), user_token: None"#), "{shown}");
        let builder = Client::builder().partner_token(PARTNER).user_token(USER);
        let builder_debug = format!("{builder:?}");
        let client = builder.build().unwrap();
        let with_user = client.with_user_token("another-user-secret");
        for text in
            [builder_debug, format!("{client:?}"), format!("{with_user:?}"), format!("{with_user:#?}")]
        {
            assert!(!text.contains(PARTNER) && !text.contains(USER), "{text}");
            assert!(!text.contains("another-user-secret"), "{text}");
            assert!(text.contains("<redacted>"), "{text}");
        }
    }

    #[tokio::test]
    async fn retries_a_503_then_succeeds() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET")).respond_with(ok_envelope()).expect(1).mount(&server).await;
        let response = get_json(&client(&server), get("op", "/x")).await.unwrap();
        assert_eq!(response.status, 200);
    }

    #[tokio::test]
    async fn gives_up_after_max_retries() {
        let server = MockServer::start().await;
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(429)).expect(3).mount(&server).await;
        let err = get_json(&client(&server), get("op", "/x")).await.unwrap_err();
        assert_eq!(err.status(), Some(reqwest::StatusCode::TOO_MANY_REQUESTS));
        assert!(err.is_retryable());
    }

    #[tokio::test]
    async fn post_is_not_retried_by_default() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).expect(1).mount(&server).await;
        let request = Request::new(Method::POST, "op", "/x".to_owned());
        let err = get_json(&client(&server), request).await.unwrap_err();
        assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
        assert_eq!(err.status(), Some(reqwest::StatusCode::SERVICE_UNAVAILABLE));
    }

    #[tokio::test]
    async fn post_is_retried_when_allowed() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST")).respond_with(ok_envelope()).expect(1).mount(&server).await;
        let client = Client::builder()
            .base_url(server.uri())
            .retry(fast_retry().retry_non_idempotent(true))
            .build()
            .unwrap();
        get_json(&client, Request::new(Method::POST, "op", "/x".to_owned())).await.unwrap();
    }

    #[tokio::test]
    async fn honours_retry_after() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET")).respond_with(ok_envelope()).mount(&server).await;
        let start = Instant::now();
        get_json(&client(&server), get("op", "/x")).await.unwrap();
        assert!(start.elapsed() >= Duration::from_secs(1), "{:?}", start.elapsed());
    }

    #[tokio::test]
    async fn caps_retry_after() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "120"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET")).respond_with(ok_envelope()).mount(&server).await;
        let client = Client::builder()
            .base_url(server.uri())
            .partner_token(PARTNER)
            .retry(fast_retry().max_retry_after(Duration::from_millis(20)))
            .build()
            .unwrap();
        let start = Instant::now();
        get_json(&client, get("op", "/x")).await.unwrap();
        assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    }

    #[tokio::test]
    async fn html_502_is_not_json() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(502)
                    .set_body_raw("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
            )
            .expect(3)
            .mount(&server)
            .await;
        match get_json(&client(&server), get("op", "/x")).await.unwrap_err() {
            Error::NotJson { status, content_type, snippet, operation_id } => {
                assert_eq!(status, 502);
                assert_eq!(content_type.as_deref(), Some("text/html"));
                assert!(snippet.starts_with("<html>"), "{snippet}");
                assert_eq!(operation_id, "op");
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn html_in_a_200_is_not_json() {
        let server = MockServer::start().await;
        let page = format!("<html>{}</html>", "x".repeat(1000));
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(page, "text/html; charset=utf-8"))
            .mount(&server)
            .await;
        match get_json(&client(&server), get("op", "/x")).await.unwrap_err() {
            Error::NotJson { status, snippet, .. } => {
                assert_eq!(status, 200);
                assert!(snippet.chars().count() <= 201);
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn success_false_in_a_200_is_an_api_error_when_the_profile_says_so() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "success": false, "data": null, "meta": {"message": "Location not found"}
            })))
            .mount(&server)
            .await;
        let flagged = ClientBuilder::<Client>::new(Profile::new("http://localhost").success_flag(true))
            .base_url(server.uri())
            .partner_token(PARTNER)
            .build()
            .unwrap();
        match get_json(&flagged, get("op", "/x")).await.unwrap_err() {
            Error::Api { status, message, .. } => {
                assert_eq!(status, 200);
                assert_eq!(message.as_deref(), Some("Location not found"));
            }
            other => panic!("{other:?}"),
        }
        // Without the flag the body is just a body.
        let plain = get_json(&client(&server), get("op", "/x")).await.unwrap();
        assert_eq!(plain["success"], json!(false));
    }

    #[tokio::test]
    async fn documented_404_is_an_api_error() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(404).set_body_json(json!({
                "success": false, "data": null,
                "meta": {"message": "Not found", "errors": [{"field": "id"}]}
            })))
            .mount(&server)
            .await;
        let mut request = get("op", "/x");
        request.error_statuses = &[401, 404];
        match get_json(&client(&server), request).await.unwrap_err() {
            Error::Api { status, message, errors, body, .. } => {
                assert_eq!(status, 404);
                assert_eq!(message.as_deref(), Some("Not found"));
                assert_eq!(errors, Some(json!([{"field": "id"}])));
                assert!(body.contains("Not found"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn undocumented_418_is_unexpected() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(418).set_body_json(json!({"teapot": true})))
            .mount(&server)
            .await;
        let mut request = get("op", "/x");
        request.error_statuses = &[404];
        match get_json(&client(&server), request).await.unwrap_err() {
            Error::UnexpectedStatus { status, content_type, snippet, .. } => {
                assert_eq!(status, 418);
                assert_eq!(content_type.as_deref(), Some("application/json"));
                assert_eq!(snippet, r#"{"teapot":true}"#);
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn decode_error_names_the_json_path() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            id: i64,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Page {
            data: Vec<Item>,
        }
        crate::tolerant::test_objects!(Item, Page);
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": [{"id": "one"}]})),
            )
            .mount(&server)
            .await;
        let err = client(&server).send(get("op", "/x")).await.unwrap().json::<Page>().unwrap_err();
        match &err {
            Error::Decode { path, status, body, .. } => {
                assert_eq!(path, "data[0].id");
                assert_eq!(*status, Some(reqwest::StatusCode::OK));
                // The whole body, for the caller to read another way.
                let value: Value = serde_json::from_slice(body).unwrap();
                assert_eq!(value["data"][0]["id"], "one");
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("data[0].id"), "{err}");
    }

    #[tokio::test]
    async fn timeout_is_reported_as_such() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ok_envelope().set_delay(Duration::from_millis(500)))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .partner_token(PARTNER)
            .timeout(Duration::from_millis(50))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let err = get_json(&client, get("op", "/x")).await.unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        assert!(err.is_retryable());
        assert!(matches!(err, Error::Timeout { operation_id: "op", attempts: 1, .. }), "{err:?}");
        assert_eq!(err.to_string(), "op: timed out after 1 attempt (50 ms limit, 30 s deadline)");
    }

    #[tokio::test]
    async fn a_custom_http_client_gets_the_timeout_per_request() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ok_envelope().set_delay(Duration::from_millis(500)))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .partner_token(PARTNER)
            .http_client(reqwest::Client::new())
            .timeout(Duration::from_millis(50))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let err = get_json(&client, get("op", "/x")).await.unwrap_err();
        assert!(matches!(err, Error::Timeout { operation_id: "op", .. }), "{err:?}");
    }

    #[tokio::test]
    async fn connect_errors_are_transport_errors_and_retried() {
        // A port that was free a moment ago: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let client = Client::builder()
            .base_url(format!("http://127.0.0.1:{port}"))
            .retry(fast_retry())
            .build()
            .unwrap();
        let mut request = Request::new(Method::GET, "op", "/x".to_owned());
        request.query("phone", "+15550100");
        let err = get_json(&client, request).await.unwrap_err();
        match &err {
            Error::Transport { source, .. } => assert!(source.is_connect(), "{source:?}"),
            other => panic!("{other:?}"),
        }
        assert!(err.is_retryable());
        assert!(!err.to_string().contains("15550100"), "{err}");
    }

    #[tokio::test]
    async fn the_spec_s_schemes_send_their_credentials_and_keep_them_out_of_errors() {
        use crate::codegen::Scheme;
        const SCHEMES: &[&[Scheme]] = &[
            &[Scheme::basic("basic")],
            &[Scheme::query("key", "api_key"), Scheme::cookie("session", "sid")],
        ];
        let secured = || {
            let mut request = Request::new(Method::GET, "list_pets", "/pets".to_owned());
            request.auth = Auth::Schemes(SCHEMES);
            request
        };
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/pets"))
            .and(query_param("api_key", "k-123"))
            .and(header("cookie", "sid=s-456"))
            .respond_with(ok_envelope())
            .expect(1)
            .mount(&server)
            .await;
        let keyed =
            |builder: ClientBuilder| builder.credential("key", "k-123").credential("session", "s-456");
        let client = keyed(Client::builder().base_url(server.uri())).build().unwrap();
        let request = secured();
        get_json(&client, request).await.unwrap();
        assert!(!format!("{client:?}").contains("k-123"));

        // The first alternative wins once its credentials are there.
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(header("authorization", "Basic dXNlcjpwYXNz"))
            .respond_with(ok_envelope())
            .expect(1)
            .mount(&server)
            .await;
        let client =
            Client::builder().base_url(server.uri()).basic_auth("basic", "user", "pass").build().unwrap();
        let request = secured();
        get_json(&client, request).await.unwrap();

        // Nothing listens: the query key stays out of the transport error.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let client = keyed(Client::builder().base_url(format!("http://127.0.0.1:{port}")))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let request = secured();
        let err = get_json(&client, request).await.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert!(!err.to_string().contains("k-123") && !format!("{err:?}").contains("k-123"), "{err:?}");

        // Without any of them nothing is sent.
        let client = Client::builder().base_url(server.uri()).build().unwrap();
        let request = secured();
        let err = get_json(&client, request).await.unwrap_err();
        assert!(matches!(err, Error::MissingCredentials { .. }), "{err:?}");
        assert!(Client::builder().credential("key", "").build().is_err());
    }

    #[tokio::test]
    async fn rate_limit_spreads_calls() {
        let server = MockServer::start().await;
        Mock::given(method("GET")).respond_with(ok_envelope()).expect(6).mount(&server).await;
        let client = Client::builder()
            .base_url(server.uri())
            .partner_token(PARTNER)
            .rate_limit(RateLimit::new(5, Duration::from_secs(1)))
            .build()
            .unwrap();
        let start = Instant::now();
        for _ in 0..6 {
            get_json(&client, get("op", "/x")).await.unwrap();
        }
        assert!(start.elapsed() >= Duration::from_millis(990), "{:?}", start.elapsed());
    }

    #[tokio::test]
    async fn chosen_base_url_wins_over_operation_servers() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/marketplace/x"))
            .respond_with(ok_envelope())
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/api/v1/countries"))
            .respond_with(ok_envelope())
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(format!("{}/api/v1/", server.uri()))
            .partner_token(PARTNER)
            .build()
            .unwrap();
        let mut request = get("op", "/marketplace/x");
        request.server = Some("https://app.alteg.io");
        get_json(&client, request).await.unwrap();
        get_json(&client, get("op", "/countries")).await.unwrap();
        let paths: Vec<String> =
            server.received_requests().await.unwrap().iter().map(|r| r.url.path().to_owned()).collect();
        assert_eq!(paths, ["/marketplace/x", "/api/v1/countries"]);
    }

    #[test]
    fn default_urls_follow_the_spec() {
        let base = BaseUrl::parse("https://api.alteg.io/api/v1", false).unwrap();
        let mut request = Request::new(Method::GET, "op", "/countries".to_owned());
        assert_eq!(base.url_for(&request).unwrap().as_str(), "https://api.alteg.io/api/v1/countries");
        request.server = Some("https://app.alteg.io/");
        request.query("page", 1);
        assert_eq!(base.url_for(&request).unwrap().as_str(), "https://app.alteg.io/countries?page=1");
        request.server = Some("/v2");
        assert_eq!(base.url_for(&request).unwrap().as_str(), "https://api.alteg.io/v2/countries?page=1");

        let chosen = BaseUrl::parse("http://127.0.0.1:8080/base", true).unwrap();
        request.server = Some("https://app.alteg.io/prefix");
        assert_eq!(
            chosen.url_for(&request).unwrap().as_str(),
            "http://127.0.0.1:8080/prefix/countries?page=1"
        );
    }

    #[test]
    fn urls_built_on_the_parsed_base_match_whole_parses() {
        let paths = [
            "/countries",
            "/company/a%2Fb%20c%3F%23%C3%A9/records",
            "/a/./b/../c",
            "/",
            "",
            "/x y/Zürich",
            "//double/slash",
            "/trailing/",
        ];
        for base in
            ["http://127.0.0.1:8080", "https://api.alteg.io/api/v1/", "http://h/a%20b", "https://[::1]:9/"]
        {
            let parsed = BaseUrl::parse(base, true).unwrap();
            for path in paths {
                for query in [&[][..], &[("page", "1"), ("q", "a b&c=d/é")][..]] {
                    let mut request = Request::new(Method::GET, "op", path.to_owned());
                    for (name, value) in query {
                        request.query(name, value);
                    }
                    let mut whole = format!("{}{}", parsed.url, request.path);
                    let query = request.query_string();
                    if !query.is_empty() {
                        whole = format!("{whole}?{query}");
                    }
                    let expected = reqwest::Url::parse(&whole).unwrap();
                    assert_eq!(parsed.url_for(&request).unwrap(), expected, "{base} + {path}");
                }
            }
        }
    }

    #[tokio::test]
    async fn query_and_path_encoding_reach_the_server() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/company/a%2Fb%20c%3F%23%C3%A9/records"))
            .and(query_param("ids", "1,2,3"))
            .respond_with(ok_envelope())
            .mount(&server)
            .await;
        let mut request = get("op", &format!("/company/{}/records", encode_path("a/b c?#é")));
        request.query_array("ids", &[1, 2, 3], false);
        request.query_array("staff", &[7, 8], true);
        request.query_opt::<u8>("missing", None);
        get_json(&client(&server), request).await.unwrap();
        let received = server.received_requests().await.unwrap();
        let pairs: Vec<(String, String)> = received[0].url.query_pairs().into_owned().collect();
        let expected =
            [("ids", "1,2,3"), ("staff", "7"), ("staff", "8")].map(|(n, v)| (n.to_owned(), v.to_owned()));
        assert_eq!(pairs, expected);
    }

    #[tokio::test]
    async fn header_parameters_are_sent_but_cannot_replace_credentials() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(header("x-request-id", "abc"))
            .and(header("authorization", format!("Bearer {PARTNER}").as_str()))
            .respond_with(ok_envelope())
            .expect(1)
            .mount(&server)
            .await;
        let mut request = get("op", "/x");
        request.header("X-Request-Id", "abc");
        request.header("Authorization", "Bearer placeholder");
        get_json(&client(&server), request).await.unwrap();

        let mut bad = get("op", "/x");
        bad.header("X-Bad", "line\nbreak");
        let err = get_json(&client(&server), bad).await.unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { ref name, .. } if name == "X-Bad"), "{err:?}");
    }

    #[test]
    fn bad_settings_are_refused() {
        for url in
            ["not a url", "ftp://example.com", "https://example.com/?a=1", "https://user:pw@example.com"]
        {
            let err = Client::builder().base_url(url).build().unwrap_err();
            assert!(matches!(err, Error::InvalidBaseUrl { .. }), "{url}: {err:?}");
            assert!(!err.to_string().is_empty());
        }
        let err = Client::builder().partner_token("a\nb").build().unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        assert!(!err.to_string().contains("a\nb"));
        assert!(Client::builder().user_agent("x\u{7f}").build().is_err());
        assert!(Client::builder().accept("\n").build().is_err());
    }

    #[test]
    fn empty_tokens_are_refused_by_name() {
        for blank in ["", " ", "\t\n "] {
            let err = Client::builder().partner_token(blank).user_token(USER).build().unwrap_err();
            assert!(matches!(err, Error::Config { .. }), "{err:?}");
            assert_eq!(err.to_string(), "invalid client configuration: the partner token is empty");
            let err = Client::builder().partner_token(PARTNER).user_token(blank).build().unwrap_err();
            assert_eq!(err.to_string(), "invalid client configuration: the user token is empty");
            for text in [err.to_string(), format!("{err:?}")] {
                assert!(!text.contains(PARTNER), "{text}");
            }
        }
        // No token at all is still fine: only some operations need one.
        assert!(Client::builder().build().is_ok());
    }

    #[tokio::test]
    async fn an_empty_user_token_on_a_clone_counts_as_none() {
        let server = MockServer::start().await;
        let client = client(&server).with_user_token("  ");
        let mut request = Request::new(Method::GET, "user_call", "/user".to_owned());
        request.auth = Auth::PartnerUser;
        let err = client.send(request).await.unwrap_err();
        assert!(matches!(err, Error::MissingUserToken { operation_id: "user_call" }), "{err:?}");
        assert!(err.to_string().contains("an empty one"), "{err}");
        assert!(server.received_requests().await.unwrap().is_empty());
    }

    #[test]
    fn clones_share_settings() {
        let client = Client::builder().base_url("http://localhost:1/api/").build().unwrap();
        assert_eq!(client.base_url(), "http://localhost:1/api");
        let with_user = client.with_user_token("u");
        assert!(Arc::ptr_eq(&client.shared, &with_user.shared));
        assert!(client.user_token.is_none() && with_user.user_token.is_some());
        assert_eq!(Client::builder().build().unwrap().base_url(), "http://localhost");
        let profile = Profile::new("https://api.example.com/v1").accept("application/x").user_agent("x/1");
        let client = ClientBuilder::<Client>::new(profile).user_agent("mine/2").build().unwrap();
        assert_eq!(client.base_url(), "https://api.example.com/v1");
        assert_eq!(client.shared.accept, "application/x");
        assert_eq!(client.shared.user_agent, "mine/2");
        assert!(!client.shared.success_flag);
    }

    #[test]
    fn send_future_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        let client = Client::builder().build().unwrap();
        let future = client.send(Request::new(Method::GET, "op", "/".to_owned()));
        assert_send(&future);
        fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync::<Client>();
    }
}
