//! When to send a call again, and how long to wait first.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// When and how a failed call is retried.
///
/// A call is retried on 429, 502, 503 and 504, on connect errors and on
/// timeouts, and only for idempotent methods (GET, HEAD, PUT, DELETE,
/// OPTIONS, TRACE) unless [`retry_non_idempotent`](Self::retry_non_idempotent)
/// is set. The wait is exponential backoff with full jitter, or the
/// server's `Retry-After` (seconds or an HTTP date) when it sends one.
/// With a [`RateLimit`](crate::RateLimit) set, a 429 also holds back the
/// client's other calls for that long.
///
/// ```
/// use std::time::Duration;
/// use openapi_rs_runtime::RetryPolicy;
///
/// let policy = RetryPolicy::default().max_retries(4).max_delay(Duration::from_secs(10));
/// # let _ = policy;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// Two retries, backoff from 200 ms capped at 5 s, `Retry-After` up to
    /// 60 s, idempotent methods only.
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// The default policy; see [`RetryPolicy::default`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Never retry.
    pub fn none() -> Self {
        Self { max_retries: 0, ..Self::default() }
    }

    /// How many times a call is sent again after its first attempt.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The backoff before the first retry; it doubles for each later one.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff, before jitter.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets [`base_delay`](Self::base_delay) and [`max_delay`](Self::max_delay) at once.
    pub fn backoff(self, base: Duration, max: Duration) -> Self {
        self.base_delay(base).max_delay(max)
    }

    /// The longest `Retry-After` wait honoured; longer ones are cut to this.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Also retry POST and PATCH. Off by default: the server may have acted
    /// on the first attempt, and a retry would repeat its side effect.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// How many retries a call gets at most.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// Whether calls with `method` may be retried at all.
    pub(crate) fn applies_to(&self, method: &Method) -> bool {
        self.retry_non_idempotent
            || matches!(
                *method,
                Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
            )
    }

    /// The wait before retry number `retry` (0 for the first), honouring the
    /// failed response's `Retry-After` when there was one.
    pub(crate) fn delay(&self, retry: u32, headers: Option<&HeaderMap>) -> Duration {
        if let Some(after) = headers.and_then(|h| self.retry_after(h)) {
            return after;
        }
        // Full jitter: uniform in [0, min(max, base * 2^retry)].
        let ceiling = self.base_delay.saturating_mul(1u32 << retry.min(20)).min(self.max_delay);
        ceiling.mul_f64(fastrand::f64())
    }

    /// The response's `Retry-After`, capped at [`max_retry_after`](Self::max_retry_after).
    pub(crate) fn retry_after(&self, headers: &HeaderMap) -> Option<Duration> {
        retry_after(headers, SystemTime::now()).map(|after| after.min(self.max_retry_after))
    }
}

/// Statuses that say "try again later": rate limited, or a gateway in trouble.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// `Retry-After` as delta seconds or an HTTP date, relative to `now`.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    // A date in the past means "now".
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn with_retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(retry_after(&with_retry_after(" 7 "), now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(retry_after(&with_retry_after(&later), now), Some(Duration::from_secs(30)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(retry_after(&with_retry_after(&earlier), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&with_retry_after("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn retry_after_is_capped() {
        let policy = RetryPolicy::default().max_retry_after(Duration::from_secs(3));
        assert_eq!(policy.delay(0, Some(&with_retry_after("120"))), Duration::from_secs(3));
        assert_eq!(policy.delay(0, Some(&with_retry_after("1"))), Duration::from_secs(1));
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let policy = RetryPolicy::default().backoff(Duration::from_millis(100), Duration::from_millis(300));
        for _ in 0..100 {
            assert!(policy.delay(0, None) <= Duration::from_millis(100));
            assert!(policy.delay(1, None) <= Duration::from_millis(200));
            assert!(policy.delay(5, None) <= Duration::from_millis(300));
            assert!(policy.delay(u32::MAX, None) <= Duration::from_millis(300));
        }
    }

    #[test]
    fn methods_and_statuses() {
        let policy = RetryPolicy::default();
        assert!(policy.applies_to(&Method::GET) && policy.applies_to(&Method::DELETE));
        assert!(!policy.applies_to(&Method::POST) && !policy.applies_to(&Method::PATCH));
        assert!(policy.clone().retry_non_idempotent(true).applies_to(&Method::POST));
        assert!(is_retryable_status(StatusCode::TOO_MANY_REQUESTS));
        assert!(!is_retryable_status(StatusCode::INTERNAL_SERVER_ERROR));
        assert_eq!(RetryPolicy::none().retries(), 0);
        assert_eq!(RetryPolicy::new(), RetryPolicy::default());
    }
}
