//! Hooks the client calls around each attempt: before it is sent (to change
//! its headers, such as a refreshed token) and after its response arrives
//! (to look at it, or to ask for the call to be sent again).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use reqwest::header::{HeaderMap, AUTHORIZATION};
use reqwest::{Method, StatusCode};

use crate::auth::{self, Auth, Secret};
use crate::Error;

/// What a hook returns when it fails; the call fails with [`Error::Hook`].
pub type HookError = Box<dyn std::error::Error + Send + Sync>;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// The stored before-request hook.
pub(crate) type BeforeHook = Arc<dyn Fn(Outgoing) -> BoxFuture<Result<Outgoing, HookError>> + Send + Sync>;

/// The stored after-response hook.
pub(crate) type AfterHook =
    Arc<dyn Fn(Incoming) -> BoxFuture<Result<AfterResponse, HookError>> + Send + Sync>;

/// Wraps a user's closure as a [`BeforeHook`].
pub(crate) fn before<F, Fut>(hook: F) -> BeforeHook
where
    F: Fn(Outgoing) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Outgoing, HookError>> + Send + 'static,
{
    Arc::new(move |outgoing| Box::pin(hook(outgoing)))
}

/// Wraps a user's closure as an [`AfterHook`].
pub(crate) fn after<F, Fut>(hook: F) -> AfterHook
where
    F: Fn(Incoming) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AfterResponse, HookError>> + Send + 'static,
{
    Arc::new(move |incoming| Box::pin(hook(incoming)))
}

/// One attempt of a call, about to be sent, as a
/// [before-request hook](crate::ClientBuilder::before_request) sees it.
///
/// The URL and body are not offered: they are the operation's. The
/// headers are, with the credentials already in `Authorization`;
/// [`Outgoing::set_user_token`] replaces the user token in it.
pub struct Outgoing {
    pub(crate) operation_id: &'static str,
    pub(crate) method: Method,
    pub(crate) attempt: u32,
    pub(crate) headers: HeaderMap,
    pub(crate) auth: Auth,
    pub(crate) partner_token: Option<Secret>,
}

impl Outgoing {
    /// The operation called, as the spec names it (snake case).
    pub fn operation_id(&self) -> &'static str {
        self.operation_id
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Which attempt this is: 1 for the first, 2 for the first retry or resend, ...
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The headers about to be sent.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers about to be sent, to change.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// Whether the operation sends a user token.
    pub fn sends_user_token(&self) -> bool {
        self.auth == Auth::PartnerUser
    }

    /// Sends `token` as the user token of this attempt, when the operation
    /// sends one (`Authorization: Bearer <partner>, User <token>`); other
    /// operations are left as they are. The header is marked sensitive.
    /// An empty or whitespace-only token is none: it fails with
    /// [`Error::MissingUserToken`].
    pub fn set_user_token(&mut self, token: &str) -> Result<(), Error> {
        if !self.sends_user_token() {
            return Ok(());
        }
        let user = Secret::new(token);
        let value =
            auth::authorization(self.auth, self.partner_token.as_ref(), Some(&user), self.operation_id)?;
        if let Some(value) = value {
            self.headers.insert(AUTHORIZATION, value);
        }
        Ok(())
    }
}

impl fmt::Debug for Outgoing {
    // `HeaderMap` hides sensitive values (the credentials) on its own.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outgoing")
            .field("operation_id", &self.operation_id)
            .field("method", &self.method)
            .field("attempt", &self.attempt)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// A response as an [after-response hook](crate::ClientBuilder::after_response)
/// sees it: before the client decides whether to retry it or decode it.
#[derive(Debug)]
pub struct Incoming {
    pub(crate) operation_id: &'static str,
    pub(crate) method: Method,
    pub(crate) attempt: u32,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
}

impl Incoming {
    /// The operation called, as the spec names it (snake case).
    pub fn operation_id(&self) -> &'static str {
        self.operation_id
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Which attempt this answered: 1 for the first.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

/// What the client does after an [after-response hook](crate::ClientBuilder::after_response).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AfterResponse {
    /// Go on as usual: retry under the retry policy, decode, or fail.
    Continue,
    /// Send the call again now (the before-request hook runs again first),
    /// whatever its method and the retry policy. Honoured once per call,
    /// so that a hook cannot loop: a second `Resend` counts as `Continue`.
    Resend,
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::{Arc, RwLock};
    use std::time::Duration;

    use wiremock::matchers::{header, method};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::codegen::{Call, RawResponse, Request};
    use crate::{ApiResponse, Client, RetryPolicy};

    const PARTNER: &str = "partner-secret-123";

    fn call<'a>(client: &'a Client, method: Method, auth: Auth) -> Call<'a, serde_json::Value> {
        let mut request = Request::new(method, "op", "/x".to_owned());
        request.auth = auth;
        Call::new(client, request, RawResponse::json)
    }

    fn ok() -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"success": true, "data": []}))
    }

    fn authorization(request: &wiremock::Request) -> String {
        request.headers.get("authorization").unwrap().to_str().unwrap().to_owned()
    }

    #[tokio::test]
    async fn per_call_headers_reach_the_server_but_never_replace_credentials() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(header("idempotency-key", "k-1"))
            .respond_with(ok())
            .expect(1)
            .mount(&server)
            .await;
        let client = Client::builder().base_url(server.uri()).partner_token(PARTNER).build().unwrap();
        let call = call(&client, Method::POST, Auth::Partner)
            .header("Idempotency-Key", "k-1")
            .header("Authorization", "Bearer forged");
        assert!(!format!("{call:?}").contains("k-1"), "{call:?}");
        call.await.unwrap();
        let received = server.received_requests().await.unwrap();
        assert_eq!(authorization(&received[0]), format!("Bearer {PARTNER}"));

        let err = self::call(&client, Method::GET, Auth::Partner).header("X-Bad", "a\nb").await.unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { ref name, .. } if name == "X-Bad"), "{err:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1, "nothing more was sent");
    }

    #[tokio::test]
    async fn per_call_timeout_and_no_retry() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ok().set_delay(Duration::from_millis(500)))
            .mount(&server)
            .await;
        let policy = RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(2));
        let client = Client::builder().base_url(server.uri()).retry(policy).build().unwrap();
        // The client's 30 s would wait; this call's 50 ms does not, and it
        // is sent once although a timeout is retryable.
        let err = call(&client, Method::GET, Auth::None)
            .timeout(Duration::from_millis(50))
            .no_retry()
            .await
            .unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
        // Without `no_retry` the policy's two retries follow.
        call(&client, Method::GET, Auth::None).timeout(Duration::from_millis(50)).await.unwrap_err();
        assert_eq!(server.received_requests().await.unwrap().len(), 4);
    }

    #[tokio::test]
    async fn a_refresh_hook_swaps_an_expired_token_once_and_the_call_is_resent() {
        let server = MockServer::start().await;
        let fresh = format!("Bearer {PARTNER}, User fresh-token");
        Mock::given(method("POST"))
            .and(move |r: &wiremock::Request| authorization(r) == fresh)
            .respond_with(ok())
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(401)
                    .set_body_json(serde_json::json!({"success": false, "meta": {"message": "expired"}})),
            )
            .mount(&server)
            .await;

        let token = Arc::new(RwLock::new(String::from("expired-token")));
        let refreshes = Arc::new(AtomicU32::new(0));
        let attempts = Arc::new(RwLock::new(Vec::new()));
        let (current, seen) = (token.clone(), attempts.clone());
        let counter = refreshes.clone();
        let client = Client::builder()
            .base_url(server.uri())
            .partner_token(PARTNER)
            .before_request(move |mut outgoing: Outgoing| {
                let token = current.read().unwrap().clone();
                seen.write().unwrap().push(outgoing.attempt());
                async move {
                    outgoing.set_user_token(&token)?;
                    Ok(outgoing)
                }
            })
            .after_response(move |incoming: Incoming| {
                let (token, counter) = (token.clone(), counter.clone());
                async move {
                    if incoming.status() != StatusCode::UNAUTHORIZED {
                        return Ok(AfterResponse::Continue);
                    }
                    counter.fetch_add(1, Ordering::SeqCst);
                    *token.write().unwrap() = "fresh-token".to_owned();
                    Ok(AfterResponse::Resend)
                }
            })
            .build()
            .unwrap()
            .with_user_token("expired-token");

        // A POST: never retried by the policy, but resent by the hook.
        let response: ApiResponse<serde_json::Value> =
            call(&client, Method::POST, Auth::PartnerUser).await.unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(refreshes.load(Ordering::SeqCst), 1);
        assert_eq!(*attempts.read().unwrap(), [1, 2]);
        let received = server.received_requests().await.unwrap();
        assert_eq!(received.len(), 2);
        assert_eq!(authorization(&received[0]), format!("Bearer {PARTNER}, User expired-token"));
        assert_eq!(authorization(&received[1]), format!("Bearer {PARTNER}, User fresh-token"));
    }

    #[test]
    fn an_empty_user_token_from_a_hook_is_refused() {
        let mut outgoing = Outgoing {
            operation_id: "op",
            method: Method::GET,
            attempt: 1,
            headers: HeaderMap::new(),
            auth: Auth::PartnerUser,
            partner_token: Some(Secret::new(PARTNER)),
        };
        let err = outgoing.set_user_token(" ").unwrap_err();
        assert!(matches!(err, Error::MissingUserToken { operation_id: "op" }), "{err:?}");
        assert!(outgoing.headers.is_empty());
        outgoing.set_user_token("fresh").unwrap();
        assert!(outgoing.headers.contains_key(AUTHORIZATION));
    }

    #[tokio::test]
    async fn a_hook_resends_once_at_most_and_its_errors_fail_the_call() {
        let server = MockServer::start().await;
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
        let client = Client::builder()
            .base_url(server.uri())
            .after_response(|_| async { Ok(AfterResponse::Resend) })
            .build()
            .unwrap();
        let err = call(&client, Method::GET, Auth::None).await.unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
        assert_eq!(server.received_requests().await.unwrap().len(), 2);

        let failing = Client::builder()
            .base_url(server.uri())
            .before_request(|_| async { Err::<Outgoing, HookError>("vault unreachable".into()) })
            .build()
            .unwrap();
        let err = call(&failing, Method::GET, Auth::None).await.unwrap_err();
        assert!(matches!(err, Error::Hook { operation_id: "op", .. }), "{err:?}");
        assert!(err.to_string().contains("vault unreachable"));
        assert_eq!(server.received_requests().await.unwrap().len(), 2, "nothing more was sent");
    }
}
