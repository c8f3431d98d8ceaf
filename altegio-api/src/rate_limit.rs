//! An opt-in client-side rate limiter that waits rather than fails.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Request budgets, all enforced together: a call waits until it fits
/// every one of them. Retries count as calls.
///
/// ```
/// use std::time::Duration;
/// use altegio_api::RateLimit;
///
/// let altegio = RateLimit::altegio();
/// let custom = RateLimit::new(10, Duration::from_secs(1)).and(300, Duration::from_secs(60));
/// # let _ = (altegio, custom);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    windows: Vec<(u32, Duration)>,
}

impl RateLimit {
    /// Altegio's published limit: 5 requests per second and 200 per minute.
    pub fn altegio() -> Self {
        Self::new(5, Duration::from_secs(1)).and(200, Duration::from_secs(60))
    }

    /// At most `requests` calls in any `window` (`requests` of 0 counts as 1).
    pub fn new(requests: u32, window: Duration) -> Self {
        Self { windows: Vec::new() }.and(requests, window)
    }

    /// Adds another budget.
    pub fn and(mut self, requests: u32, window: Duration) -> Self {
        self.windows.push((requests.max(1), window));
        self
    }
}

/// The shared state of one [`RateLimit`]: per window, the start times of
/// the last `limit` calls (some of them reserved, in the future).
#[derive(Debug)]
pub(crate) struct Limiter {
    windows: Mutex<Vec<Window>>,
}

#[derive(Debug)]
struct Window {
    limit: usize,
    period: Duration,
    starts: VecDeque<Instant>,
}

impl Limiter {
    pub(crate) fn new(limit: &RateLimit) -> Self {
        let windows = limit
            .windows
            .iter()
            .map(|&(limit, period)| Window { limit: limit as usize, period, starts: VecDeque::new() })
            .collect();
        Self { windows: Mutex::new(windows) }
    }

    /// Waits for this call's turn. Each caller reserves its start time under
    /// the lock, so waiters go in order and nobody busy-loops.
    pub(crate) async fn acquire(&self) {
        let at = self.reserve(Instant::now());
        tokio::time::sleep_until(at).await;
    }

    fn reserve(&self, now: Instant) -> Instant {
        // A panic elsewhere cannot leave the windows inconsistent: recover them.
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut at = now;
        for window in windows.iter() {
            // Starts are kept in order; a new one may not come before the last.
            if let Some(&last) = window.starts.back() {
                at = at.max(last);
            }
            // With `limit` starts recorded, the oldest must leave the window first.
            if window.starts.len() >= window.limit {
                if let Some(&oldest) = window.starts.front() {
                    at = at.max(oldest + window.period);
                }
            }
        }
        for window in windows.iter_mut() {
            window.starts.push_back(at);
            while window.starts.len() > window.limit {
                window.starts.pop_front();
            }
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn six_calls_at_five_per_second_take_a_second() {
        let limiter = Limiter::new(&RateLimit::new(5, Duration::from_secs(1)));
        let start = Instant::now();
        for _ in 0..5 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        limiter.acquire().await;
        assert!(start.elapsed() >= Duration::from_secs(1), "{:?}", start.elapsed());
        assert!(start.elapsed() < Duration::from_millis(1100));
    }

    #[tokio::test(start_paused = true)]
    async fn every_window_is_enforced() {
        let limiter = Limiter::new(&RateLimit::altegio());
        let start = Instant::now();
        for _ in 0..201 {
            limiter.acquire().await;
        }
        // 200 calls fit the minute (at 5/s they take 39 s); the 201st waits for it.
        assert!(start.elapsed() >= Duration::from_secs(60), "{:?}", start.elapsed());
        assert!(start.elapsed() < Duration::from_secs(61));
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_share_the_budget() {
        let limiter = std::sync::Arc::new(Limiter::new(&RateLimit::new(2, Duration::from_secs(1))));
        let start = Instant::now();
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let limiter = limiter.clone();
                tokio::spawn(async move {
                    limiter.acquire().await;
                    start.elapsed()
                })
            })
            .collect();
        let mut elapsed = Vec::new();
        for task in tasks {
            elapsed.push(task.await.unwrap());
        }
        elapsed.sort();
        let secs: Vec<u64> = elapsed.iter().map(Duration::as_secs).collect();
        assert_eq!(secs, [0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn zero_requests_counts_as_one() {
        assert_eq!(RateLimit::new(0, Duration::from_secs(1)), RateLimit::new(1, Duration::from_secs(1)));
    }
}
