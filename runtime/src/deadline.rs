//! How long a call may take: each attempt on its own, and the whole call,
//! its retries and the waits between them included.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, TimeoutCause};

/// One call's time: when it must end, how many attempts it sent, and what
/// the latest of them got, for the timeout error should time run out.
#[derive(Debug)]
pub(crate) struct Budget {
    operation_id: &'static str,
    attempt_timeout: Duration,
    /// As set, for the error message; `None` without a deadline.
    deadline: Option<Duration>,
    /// When the call must have ended.
    ends: Option<Instant>,
    attempts: u32,
    /// What the latest attempt got when it failed other than by timing out.
    last: Option<Error>,
}

impl Budget {
    /// Starts the clock of a call. A deadline too far away to be an
    /// `Instant` (`Duration::MAX`) is no deadline.
    pub(crate) fn start(operation_id: &'static str, attempt_timeout: Duration, deadline: Duration) -> Self {
        let ends = Instant::now().checked_add(deadline);
        Self {
            operation_id,
            attempt_timeout,
            deadline: ends.map(|_| deadline),
            ends,
            attempts: 0,
            last: None,
        }
    }

    /// When the call must have ended, if ever.
    pub(crate) fn ends(&self) -> Option<Instant> {
        self.ends
    }

    /// Runs one attempt. Its own timeout (set on the request) ends it,
    /// unless the deadline comes first: only then does it need a timer of
    /// its own here. The outer `Err` is the deadline passing, which ends
    /// the call; the inner result is the attempt's, to retry or not.
    pub(crate) async fn attempt<T>(
        &mut self,
        attempt: impl Future<Output = Result<T, Error>>,
    ) -> Result<Result<T, Error>, Error> {
        self.attempts += 1;
        self.last = None;
        match self.ends {
            Some(ends) if Instant::now().checked_add(self.attempt_timeout).is_none_or(|end| end > ends) => {
                match tokio::time::timeout_at(ends, attempt).await {
                    Ok(outcome) => Ok(outcome),
                    Err(_) => Err(self.timed_out(TimeoutCause::Deadline)),
                }
            }
            _ => Ok(attempt.await),
        }
    }

    /// Runs a step that is not an attempt (a hook) within the deadline.
    pub(crate) async fn step<T>(&mut self, step: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        let Some(ends) = self.ends else { return step.await };
        match tokio::time::timeout_at(ends, step).await {
            Ok(outcome) => outcome,
            Err(_) => Err(self.timed_out(TimeoutCause::Deadline)),
        }
    }

    /// Whether a wait of `delay` before a retry ends before the deadline.
    pub(crate) fn wait_fits(&self, delay: Duration) -> bool {
        self.ends.is_none_or(|ends| Instant::now().checked_add(delay).is_some_and(|at| at < ends))
    }

    /// The error of a call whose next retry would wait past the deadline,
    /// after an attempt that failed with `failure`.
    pub(crate) fn wait_does_not_fit(&mut self, failure: Error) -> Error {
        self.remember(failure);
        self.timed_out(TimeoutCause::RetryWait)
    }

    /// Waits `delay` before a retry, after an attempt that failed with
    /// `failure` (kept for a timeout that may still come).
    pub(crate) async fn wait(&mut self, delay: Duration, failure: Error) {
        self.remember(failure);
        tokio::time::sleep(delay).await;
    }

    fn remember(&mut self, failure: Error) {
        if !matches!(failure, Error::Timeout { .. }) {
            self.last = Some(failure);
        }
    }

    /// The timeout error of this call, with its figures.
    pub(crate) fn timed_out(&mut self, cause: TimeoutCause) -> Error {
        Error::Timeout {
            operation_id: self.operation_id,
            attempts: self.attempts,
            attempt_timeout: self.attempt_timeout,
            deadline: self.deadline,
            cause,
            last: self.last.take().map(Box::new),
        }
    }

    /// The error the call ends with: an attempt's own timeout gets the
    /// call's figures; anything else is as it came.
    pub(crate) fn finish(&mut self, error: Error) -> Error {
        match error {
            Error::Timeout { cause: TimeoutCause::Attempt, .. } => self.timed_out(TimeoutCause::Attempt),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    //! Against a local server on the real clock (requests and a paused
    //! clock do not mix). Timings are asserted only as generous bounds,
    //! such as "sooner than the attempts would have taken without a
    //! deadline", never as exact figures.

    use std::time::Instant;

    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::codegen::{Method, RawResponse, Request};
    use crate::hooks::Outgoing;
    use crate::{Client, ClientBuilder, RateLimit, RetryPolicy};

    const ATTEMPT: Duration = Duration::from_millis(50);

    /// A server that answers only after `delay`.
    async fn answering_after(delay: Duration) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("{}").set_delay(delay))
            .mount(&server)
            .await;
        server
    }

    /// One that never answers in time.
    async fn hung() -> MockServer {
        answering_after(Duration::from_secs(30)).await
    }

    /// `retries` retries with no back-off to speak of.
    fn builder(server: &MockServer, retries: u32) -> ClientBuilder {
        let retry = RetryPolicy::default().max_retries(retries).backoff(Duration::ZERO, Duration::ZERO);
        Client::builder().base_url(server.uri()).retry(retry).timeout(ATTEMPT)
    }

    fn get() -> Request {
        Request::new(Method::GET, "op", "/x".to_owned())
    }

    fn with_deadline(deadline: Duration) -> Request {
        let mut request = get();
        request.options.deadline = Some(deadline);
        request
    }

    async fn received(server: &MockServer) -> u32 {
        server.received_requests().await.unwrap_or_default().len() as u32
    }

    fn timeout_of(
        outcome: Result<RawResponse, Error>,
    ) -> (u32, Duration, Option<Duration>, TimeoutCause, Error) {
        match outcome {
            Err(error) => match &error {
                &Error::Timeout { attempts, attempt_timeout, deadline, cause, .. } => {
                    (attempts, attempt_timeout, deadline, cause, error)
                }
                other => panic!("not a timeout: {other:?}"),
            },
            Ok(raw) => panic!("answered: {}", raw.status),
        }
    }

    #[tokio::test]
    async fn a_hung_server_fails_at_the_deadline_not_after_every_attempt() {
        let server = hung().await;
        // Ten attempts of 50 ms would take 500 ms; the deadline is 120 ms.
        let client = builder(&server, 9).deadline(Duration::from_millis(120)).build().unwrap();
        let started = Instant::now();
        let (attempts, attempt_timeout, deadline, cause, error) = timeout_of(client.send(get()).await);
        let took = started.elapsed();
        assert!(took < ATTEMPT * 10, "{took:?}");
        assert!((1..10).contains(&attempts), "{error}");
        assert_eq!(received(&server).await, attempts);
        assert_eq!((attempt_timeout, deadline), (ATTEMPT, Some(Duration::from_millis(120))));
        // Cut short during an attempt, or (when an attempt's own timeout
        // ends just before the deadline) refused the next one.
        assert!(matches!(cause, TimeoutCause::Deadline | TimeoutCause::RetryWait), "{error}");
        assert!(error.is_timeout() && error.is_retryable());
        let text = error.to_string();
        assert!(text.starts_with(&format!("op: timed out after {attempts} attempt")), "{text}");
        assert!(text.contains("50 ms") && text.contains("120 ms deadline"), "{text}");
    }

    #[tokio::test]
    async fn retries_that_run_out_before_the_deadline_say_so() {
        let server = hung().await;
        let client = builder(&server, 2).deadline(Duration::from_secs(20)).build().unwrap();
        let (attempts, _, _, cause, error) = timeout_of(client.send(get()).await);
        assert_eq!((attempts, cause), (3, TimeoutCause::Attempt));
        assert_eq!(received(&server).await, 3);
        assert_eq!(error.to_string(), "op: timed out after 3 attempts (50 ms each, 20 s deadline)");
        assert!(matches!(error, Error::Timeout { last: None, .. }));
    }

    #[tokio::test]
    async fn a_call_deadline_overrides_the_clients_both_ways() {
        // Shorter: the call's 120 ms, not the client's 20 s.
        let server = hung().await;
        let client = builder(&server, 9).deadline(Duration::from_secs(20)).build().unwrap();
        let started = Instant::now();
        let (attempts, _, deadline, _, error) =
            timeout_of(client.send(with_deadline(Duration::from_millis(120))).await);
        assert!(started.elapsed() < ATTEMPT * 10, "{:?}", started.elapsed());
        assert!(attempts < 10, "{error}");
        assert_eq!(deadline, Some(Duration::from_millis(120)));
        assert!(error.to_string().contains("120 ms deadline"), "{error}");

        // Longer: an answer after 300 ms misses the client's 100 ms
        // deadline, and arrives within the call's 20 s.
        let server = answering_after(Duration::from_millis(300)).await;
        let client = Client::builder()
            .base_url(server.uri())
            .timeout(Duration::from_secs(10))
            .deadline(Duration::from_millis(100))
            .build()
            .unwrap();
        let (attempts, _, deadline, cause, _) = timeout_of(client.send(get()).await);
        assert_eq!((attempts, cause), (1, TimeoutCause::Deadline));
        assert_eq!(deadline, Some(Duration::from_millis(100)));
        let answered = client.send(with_deadline(Duration::from_secs(20))).await.unwrap();
        assert_eq!(answered.status, 200);
    }

    #[tokio::test]
    async fn a_rate_limit_wait_past_the_deadline_fails_at_once() {
        let server = answering_after(Duration::ZERO).await;
        let limit = RateLimit::new(1, Duration::from_secs(60)).margin(Duration::ZERO);
        let client = builder(&server, 2).rate_limit(limit).build().unwrap();
        client.send(get()).await.unwrap();
        // The next turn is a minute away; the deadline is 5 s.
        let started = Instant::now();
        let (attempts, _, _, cause, error) =
            timeout_of(client.send(with_deadline(Duration::from_secs(5))).await);
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        assert_eq!((attempts, cause), (0, TimeoutCause::RateLimit));
        assert_eq!(received(&server).await, 1);
        assert_eq!(
            error.to_string(),
            "op: timed out before its first attempt: the rate limit would not let it through within the 5 s deadline"
        );
    }

    #[tokio::test]
    async fn a_retry_after_past_the_deadline_fails_at_once_with_what_came() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "60"))
            .mount(&server)
            .await;
        let client = builder(&server, 2).deadline(Duration::from_secs(5)).build().unwrap();
        let started = Instant::now();
        let (attempts, _, _, cause, error) = timeout_of(client.send(get()).await);
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        assert_eq!((attempts, cause), (1, TimeoutCause::RetryWait));
        assert_eq!(received(&server).await, 1);
        assert_eq!(
            error.to_string(),
            "op: timed out after 1 attempt (50 ms limit): waiting to retry would pass the 5 s deadline; \
             the last attempt got: unexpected status 503 Service Unavailable (no content type): "
        );
        // The 503 is not lost.
        let Error::Timeout { last: Some(last), .. } = &error else { panic!("{error:?}") };
        assert_eq!(last.status(), Some(reqwest::StatusCode::SERVICE_UNAVAILABLE));
    }

    #[tokio::test]
    async fn a_hook_that_hangs_ends_at_the_deadline() {
        let server = answering_after(Duration::ZERO).await;
        let client = builder(&server, 2)
            .deadline(Duration::from_millis(100))
            .before_request(|outgoing: Outgoing| async move {
                tokio::time::sleep(Duration::from_secs(30)).await;
                Ok(outgoing)
            })
            .build()
            .unwrap();
        let (attempts, _, _, cause, _) = timeout_of(client.send(get()).await);
        assert_eq!((attempts, cause), (0, TimeoutCause::Deadline));
        assert_eq!(received(&server).await, 0);
    }

    #[tokio::test]
    async fn no_deadline_leaves_each_attempt_its_timeout() {
        let server = hung().await;
        let client = builder(&server, 1).deadline(Duration::MAX).build().unwrap();
        let (attempts, _, deadline, cause, error) = timeout_of(client.send(get()).await);
        assert_eq!((attempts, deadline, cause), (2, None, TimeoutCause::Attempt));
        assert_eq!(error.to_string(), "op: timed out after 2 attempts (50 ms each)");
    }

    #[tokio::test]
    async fn credentials_stay_out_of_timeout_errors() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "60"))
            .mount(&server)
            .await;
        let client = builder(&server, 2)
            .partner_token("partner-secret-123")
            .deadline(Duration::from_secs(5))
            .build()
            .unwrap()
            .with_user_token("user-secret-456");
        let mut request = get();
        request.auth = crate::codegen::Auth::PartnerUser;
        let error = client.send(request).await.unwrap_err();
        assert!(error.is_timeout(), "{error:?}");
        for text in [error.to_string(), format!("{error:?}"), format!("{error:#?}")] {
            assert!(!text.contains("secret"), "{text}");
        }
    }
}
