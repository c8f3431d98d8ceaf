//! An opt-in client-side rate limiter that waits rather than fails.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Request budgets, all enforced together: a call waits until it fits
/// every one of them. Retries count as calls.
///
/// # What is guaranteed
///
/// For a budget of `n` calls per `window`, any `n + 1` calls of one client
/// (and its clones) are let through at least `window + margin` apart; a
/// call is let through just before it is sent. A server that receives the
/// calls with delays that differ by no more than the margin therefore sees
/// at most `n` of them in any span of `window`, wherever that span starts
/// (a sliding window, not only whole seconds or minutes).
///
/// The margin is [`RateLimit::DEFAULT_MARGIN`] (50 ms) unless
/// [`margin`](Self::margin) sets another. It costs little throughput on
/// long windows (200 per 60.05 s) and about 5% on a one-second window. A
/// call that opens a new connection reaches the server later than one on a
/// warm connection, by the TCP and TLS handshakes: when calls still get 429
/// at the start of a burst, raise the margin to your round-trip time or two.
///
/// Calls wait in turn, first come first served. A call cancelled while it
/// waits (its future dropped, say by a timeout) gives its place back and
/// counts for nothing; a call that was let through counts, even if it is
/// cancelled afterwards, since the server may have seen it.
///
/// A `429 Too Many Requests` from the server pauses every call of the
/// client, not only the one that got it: for the response's `Retry-After`
/// (capped at [`RetryPolicy::max_retry_after`](crate::RetryPolicy::max_retry_after)),
/// or for the shortest window plus the margin when it sends none.
///
/// Budgets are per client: separate clients, or processes sharing a
/// token, do not see each other's calls.
///
/// ```
/// use std::time::Duration;
/// use openapi_rs_runtime::RateLimit;
///
/// let altegio = RateLimit::altegio();
/// let custom = RateLimit::new(10, Duration::from_secs(1))
///     .and(300, Duration::from_secs(60))
///     .margin(Duration::from_millis(100));
/// # let _ = (altegio, custom);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    windows: Vec<(u32, Duration)>,
    margin: Duration,
}

impl RateLimit {
    /// The margin for differences in network delay unless
    /// [`margin`](Self::margin) sets another.
    pub const DEFAULT_MARGIN: Duration = Duration::from_millis(50);

    /// Altegio's published limit: 5 requests per second and 200 per minute.
    pub fn altegio() -> Self {
        Self::new(5, Duration::from_secs(1)).and(200, Duration::from_secs(60))
    }

    /// At most `requests` calls in any `window` (`requests` of 0 counts as 1).
    pub fn new(requests: u32, window: Duration) -> Self {
        Self { windows: Vec::new(), margin: Self::DEFAULT_MARGIN }.and(requests, window)
    }

    /// Adds another budget.
    pub fn and(mut self, requests: u32, window: Duration) -> Self {
        self.windows.push((requests.max(1), window));
        self
    }

    /// How much longer than each window `n + 1` calls are spread over, to
    /// absorb differences in how long calls take to reach the server
    /// (default [`DEFAULT_MARGIN`](Self::DEFAULT_MARGIN)).
    pub fn margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }
}

/// The longest wait the limiter works with: longer windows and pauses are
/// cut to it rather than overflow an `Instant`.
const LONGEST: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// The shared state of one [`RateLimit`]: when the latest calls were let
/// through, and any pause a 429 asked for.
#[derive(Debug)]
pub(crate) struct Limiter {
    /// Per budget: how many calls, and the span (window plus margin) that
    /// one more than that many must cover.
    budgets: Vec<(usize, Duration)>,
    /// The shortest span: the pause after a 429 without `Retry-After`.
    shortest: Duration,
    /// The longest span: older calls no longer count.
    longest: Duration,
    /// Callers take turns here; tokio's mutex queues them fairly, and a
    /// caller dropped while queued or while holding it books nothing.
    turn: tokio::sync::Mutex<()>,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// When the latest calls were let through, oldest first: as many as the
    /// largest budget, and none older than the longest span.
    sent: VecDeque<Instant>,
    /// No call is let through before this (set by a 429).
    paused_until: Option<Instant>,
}

impl Limiter {
    pub(crate) fn new(limit: &RateLimit) -> Self {
        let budgets: Vec<(usize, Duration)> = limit
            .windows
            .iter()
            .map(|&(requests, window)| (requests as usize, window.saturating_add(limit.margin).min(LONGEST)))
            .collect();
        let shortest = budgets.iter().map(|&(_, span)| span).min().unwrap_or(Duration::ZERO);
        let longest = budgets.iter().map(|&(_, span)| span).max().unwrap_or(Duration::ZERO);
        Self {
            budgets,
            shortest,
            longest,
            turn: tokio::sync::Mutex::new(()),
            state: Mutex::new(State::default()),
        }
    }

    /// Waits until a call fits every budget, then counts it as sent.
    ///
    /// Cancel-safe: dropping the future before it completes books nothing
    /// and lets the next caller go.
    #[cfg(test)]
    pub(crate) async fn acquire(&self) {
        let through = self.acquire_by(None).await;
        debug_assert!(through);
    }

    /// Like `acquire`, but gives up, booking nothing, as soon as it knows
    /// the call could not go before `deadline`: at once when the budgets
    /// or a 429's pause say so, at the deadline when it queues behind
    /// other calls until then. Returns whether the call was let through.
    pub(crate) async fn acquire_by(&self, deadline: Option<Instant>) -> bool {
        // The turn is held while sleeping: whoever waits behind could not
        // go earlier anyway, since the earliest time depends only on the
        // calls already let through.
        let _turn = match deadline {
            None => self.turn.lock().await,
            Some(deadline) => match tokio::time::timeout_at(deadline, self.turn.lock()).await {
                Ok(turn) => turn,
                Err(_) => return false,
            },
        };
        loop {
            let now = Instant::now();
            let at = {
                let mut state = self.state();
                let at = state.earliest(&self.budgets, now);
                if at <= now {
                    state.record(now, self.capacity(), self.longest);
                    return true;
                }
                at
            };
            if deadline.is_some_and(|deadline| at >= deadline) {
                return false;
            }
            // Checked again on waking: a 429 may have paused the client meanwhile.
            tokio::time::sleep_until(at).await;
        }
    }

    /// The server answered 429: no call goes before `retry_after` has
    /// passed, or the shortest window and the margin when it gave no time.
    pub(crate) fn too_many_requests(&self, retry_after: Option<Duration>) {
        let wait = retry_after.unwrap_or(self.shortest).min(LONGEST);
        let until = Instant::now() + wait;
        let mut state = self.state();
        state.paused_until = Some(state.paused_until.map_or(until, |p| p.max(until)));
    }

    fn capacity(&self) -> usize {
        self.budgets.iter().map(|&(n, _)| n).max().unwrap_or(0)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // Nothing panics while holding the lock, but recover rather than
        // spread a panic from elsewhere.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl State {
    /// The earliest time from `now` at which one more call keeps every
    /// budget: after the n-th latest call's time plus the budget's span.
    fn earliest(&self, budgets: &[(usize, Duration)], now: Instant) -> Instant {
        let mut at = now;
        if let Some(paused_until) = self.paused_until {
            at = at.max(paused_until);
        }
        for &(n, span) in budgets {
            if let Some(&nth) = self.sent.len().checked_sub(n).and_then(|i| self.sent.get(i)) {
                at = at.max(nth + span);
            }
        }
        at
    }

    fn record(&mut self, now: Instant, capacity: usize, longest: Duration) {
        self.sent.push_back(now);
        // A large budget ("a million a day") need not keep a million times.
        while self.sent.len() > capacity || self.sent.front().is_some_and(|&t| t + longest <= now) {
            self.sent.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    const SECOND: Duration = Duration::from_secs(1);
    const MINUTE: Duration = Duration::from_secs(60);

    /// `callers` tasks share `calls` acquisitions; the times they were let
    /// through, sorted.
    async fn let_through(limiter: &Arc<Limiter>, callers: usize, calls: usize) -> Vec<Duration> {
        let start = Instant::now();
        let left = Arc::new(std::sync::atomic::AtomicUsize::new(calls));
        let tasks: Vec<_> = (0..callers)
            .map(|_| {
                let (limiter, left) = (limiter.clone(), left.clone());
                tokio::spawn(async move {
                    let mut times = Vec::new();
                    while left
                        .fetch_update(
                            std::sync::atomic::Ordering::Relaxed,
                            std::sync::atomic::Ordering::Relaxed,
                            |n| n.checked_sub(1),
                        )
                        .is_ok()
                    {
                        limiter.acquire().await;
                        times.push(start.elapsed());
                    }
                    times
                })
            })
            .collect();
        let mut times = Vec::new();
        for task in tasks {
            times.extend(task.await.unwrap());
        }
        times.sort();
        times
    }

    /// The most arrivals in any half-open span of `window`, wherever it starts.
    fn most_in_any_window(arrivals: &[Duration], window: Duration) -> usize {
        let mut sorted = arrivals.to_vec();
        sorted.sort();
        // The busiest span can be taken to start at an arrival.
        (0..sorted.len())
            .map(|i| sorted[i..].iter().take_while(|&&t| t < sorted[i] + window).count())
            .max()
            .unwrap_or(0)
    }

    /// Each arrival delayed by up to `max` (a fixed pseudo-random pattern),
    /// and the adversarial pattern: alternately no delay and the whole of it.
    fn jittered(times: &[Duration], max: Duration) -> [Vec<Duration>; 2] {
        let mut rng = fastrand::Rng::with_seed(17);
        let random = times.iter().map(|&t| t + max.mul_f64(rng.f64())).collect();
        let alternating =
            times.iter().enumerate().map(|(i, &t)| if i % 2 == 0 { t + max } else { t }).collect();
        [random, alternating]
    }

    #[tokio::test(start_paused = true)]
    async fn altegio_limits_hold_in_every_sliding_window_at_the_server() {
        let limit = RateLimit::altegio();
        let margin = RateLimit::DEFAULT_MARGIN;
        let limiter = Arc::new(Limiter::new(&limit));
        // 450 calls from 16 callers: more than two minutes' worth.
        let times = let_through(&limiter, 16, 450).await;
        assert_eq!(times.len(), 450);
        // As let through: any 6 span 1 s + margin, any 201 span 60 s + margin.
        for (n, window) in [(5, SECOND), (200, MINUTE)] {
            for (i, pair) in times.windows(n + 1).enumerate() {
                assert!(
                    pair[n] - pair[0] >= window + margin,
                    "calls {i}..={}: {:?}",
                    i + n,
                    pair[n] - pair[0]
                );
            }
        }
        // As the server sees them, delayed by up to the margin.
        for arrivals in jittered(&times, margin) {
            assert_eq!(most_in_any_window(&arrivals, SECOND), 5);
            assert_eq!(most_in_any_window(&arrivals, MINUTE), 200);
        }
        // And no slower than it must be: 200 calls in groups of 5 take 39
        // spans of 1.05 s; the 201st waits for the first to leave the minute.
        assert_eq!(times[199], (SECOND + margin) * 39);
        assert_eq!(times[200], MINUTE + margin);
    }

    #[tokio::test(start_paused = true)]
    async fn the_guarantee_follows_the_margin_that_was_set() {
        let margin = Duration::from_millis(300);
        let limit = RateLimit::new(3, SECOND).margin(margin);
        let times = let_through(&Arc::new(Limiter::new(&limit)), 8, 40).await;
        for arrivals in jittered(&times, margin) {
            assert_eq!(most_in_any_window(&arrivals, SECOND), 3);
        }
        assert_eq!(times[3], SECOND + margin);
        // With no margin, a delay of 1 ms would already put 4 in a second.
        let times = let_through(&Arc::new(Limiter::new(&limit.margin(Duration::ZERO))), 8, 40).await;
        assert_eq!(most_in_any_window(&times, SECOND), 3);
        let [_, alternating] = jittered(&times, Duration::from_millis(1));
        assert_eq!(most_in_any_window(&alternating, SECOND), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn calls_cancelled_while_waiting_give_their_places_back() {
        let limiter = Arc::new(Limiter::new(&RateLimit::altegio()));
        let start = Instant::now();
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let limiter = limiter.clone();
                tokio::spawn(async move {
                    tokio::time::timeout(Duration::from_millis(100), limiter.acquire()).await.is_ok()
                })
            })
            .collect();
        let mut through = 0;
        for task in tasks {
            through += usize::from(task.await.unwrap());
        }
        assert_eq!(through, 5);
        assert_eq!(limiter.state().sent.len(), 5);
        // The next call waits for the five that went, not for the 95 that did not.
        limiter.acquire().await;
        assert_eq!(start.elapsed(), SECOND + RateLimit::DEFAULT_MARGIN);
    }

    #[tokio::test(start_paused = true)]
    async fn calls_cancelled_after_being_let_through_keep_their_places() {
        let limiter = Arc::new(Limiter::new(&RateLimit::new(5, SECOND)));
        let start = Instant::now();
        // Five calls get through, then are dropped while "in flight".
        let tasks: Vec<_> = (0..5)
            .map(|_| {
                let limiter = limiter.clone();
                tokio::spawn(async move {
                    let call = async {
                        limiter.acquire().await;
                        tokio::time::sleep(Duration::from_secs(30)).await;
                    };
                    tokio::time::timeout(Duration::from_millis(100), call).await.is_ok()
                })
            })
            .collect();
        for task in tasks {
            assert!(!task.await.unwrap());
        }
        limiter.acquire().await;
        assert_eq!(start.elapsed(), SECOND + RateLimit::DEFAULT_MARGIN);
    }

    #[tokio::test(start_paused = true)]
    async fn a_caller_cancelled_at_the_head_of_the_queue_lets_the_next_go() {
        let limiter = Arc::new(Limiter::new(&RateLimit::new(1, SECOND).margin(Duration::ZERO)));
        let start = Instant::now();
        limiter.acquire().await;
        // This one waits at the head for the second to pass, then gives up.
        let head = {
            let limiter = limiter.clone();
            tokio::spawn(
                async move { tokio::time::timeout(Duration::from_millis(500), limiter.acquire()).await },
            )
        };
        tokio::task::yield_now().await;
        let next = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                limiter.acquire().await;
                start.elapsed()
            })
        };
        assert!(head.await.unwrap().is_err());
        assert_eq!(next.await.unwrap(), SECOND);
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_pauses_every_caller() {
        let limiter = Arc::new(Limiter::new(&RateLimit::new(100, SECOND)));
        let start = Instant::now();
        limiter.acquire().await;
        limiter.too_many_requests(Some(Duration::from_secs(3)));
        let times = let_through(&limiter, 16, 32).await;
        assert!(times.iter().all(|&t| t == Duration::from_secs(3)), "{times:?}");
        // Without Retry-After: the shortest window and the margin.
        limiter.too_many_requests(None);
        let before = start.elapsed();
        limiter.acquire().await;
        assert_eq!(start.elapsed() - before, SECOND + RateLimit::DEFAULT_MARGIN);
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_arriving_while_a_caller_sleeps_extends_its_wait() {
        let limiter = Arc::new(Limiter::new(&RateLimit::new(1, SECOND).margin(Duration::ZERO)));
        let start = Instant::now();
        limiter.acquire().await;
        let waiting = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                limiter.acquire().await;
                start.elapsed()
            })
        };
        tokio::time::sleep(Duration::from_millis(200)).await;
        limiter.too_many_requests(Some(Duration::from_secs(2)));
        assert_eq!(waiting.await.unwrap(), Duration::from_millis(2200));
        // A shorter pause later does not cut a longer one short.
        limiter.too_many_requests(Some(Duration::from_secs(5)));
        limiter.too_many_requests(Some(Duration::from_secs(1)));
        let before = start.elapsed();
        limiter.acquire().await;
        assert_eq!(start.elapsed() - before, Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_past_the_deadline_is_refused_at_once_and_books_nothing() {
        let limiter = Limiter::new(&RateLimit::new(1, SECOND).margin(Duration::ZERO));
        let start = Instant::now();
        assert!(limiter.acquire_by(Some(start + Duration::from_millis(10))).await);
        // The next turn is a second away.
        assert!(!limiter.acquire_by(Some(start + Duration::from_millis(500))).await);
        assert_eq!(start.elapsed(), Duration::ZERO);
        assert_eq!(limiter.state().sent.len(), 1);
        // A 429's pause counts too.
        limiter.too_many_requests(Some(Duration::from_secs(5)));
        assert!(!limiter.acquire_by(Some(start + Duration::from_secs(3))).await);
        assert_eq!(start.elapsed(), Duration::ZERO);
        // A deadline after the turn waits for it.
        assert!(limiter.acquire_by(Some(start + Duration::from_secs(6))).await);
        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_queued_behind_others_gives_up_at_its_deadline() {
        let limiter = Arc::new(Limiter::new(&RateLimit::new(1, SECOND).margin(Duration::ZERO)));
        let start = Instant::now();
        limiter.acquire().await;
        // This one holds the turn while it waits for the second to pass.
        let head = {
            let limiter = limiter.clone();
            tokio::spawn(async move { limiter.acquire().await })
        };
        tokio::task::yield_now().await;
        assert!(!limiter.acquire_by(Some(start + Duration::from_millis(300))).await);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        // It booked nothing: the one ahead goes when the second has passed.
        head.await.unwrap();
        assert_eq!(start.elapsed(), SECOND);
    }

    #[tokio::test(start_paused = true)]
    async fn only_the_largest_budget_is_remembered() {
        let limiter = Limiter::new(&RateLimit::new(3, SECOND).and(7, MINUTE).margin(Duration::ZERO));
        let start = Instant::now();
        for _ in 0..20 {
            limiter.acquire().await;
        }
        assert!(limiter.state().sent.len() <= 7);
        // 7 a minute: calls 1 to 7 go by 2 s, 8 to 14 from 60 s, 15 to 20
        // from 120 s (three a second: the last three at 121 s).
        assert_eq!(start.elapsed(), MINUTE * 2 + SECOND);
    }

    /// The same through a client against a local server, on the real clock
    /// (requests and a paused clock do not mix: timeouts would fire early).
    mod through_a_client {
        use std::time::Instant;

        use futures_util::future::join_all;
        use wiremock::matchers::method;
        use wiremock::{Mock, MockServer, ResponseTemplate};

        use super::*;
        use crate::codegen::{Method, RawResponse, Request};
        use crate::{Client, Error, RetryPolicy};

        fn client(server: &MockServer, limit: RateLimit) -> Client {
            let retry = RetryPolicy::none();
            Client::builder().base_url(server.uri()).rate_limit(limit).retry(retry).build().unwrap()
        }

        async fn call(client: &Client) -> Result<RawResponse, Error> {
            client.send(Request::new(Method::GET, "op", "/x".to_owned())).await
        }

        fn ok() -> ResponseTemplate {
            ResponseTemplate::new(200).set_body_string("{}")
        }

        #[tokio::test]
        async fn calls_dropped_while_waiting_do_not_delay_the_next() {
            let server = MockServer::start().await;
            Mock::given(method("GET")).respond_with(ok()).mount(&server).await;
            let window = Duration::from_millis(500);
            let client = client(&server, RateLimit::new(1, window).margin(Duration::ZERO));
            let start = Instant::now();
            call(&client).await.unwrap();
            // Twenty calls give up while they wait for their turn.
            let given_up =
                join_all((0..20).map(|_| tokio::time::timeout(Duration::from_millis(50), call(&client))));
            assert!(given_up.await.iter().all(|outcome| outcome.is_err()));
            call(&client).await.unwrap();
            // One window after the first call; booked slots would make it 21.
            assert!(start.elapsed() >= window, "{:?}", start.elapsed());
            assert!(start.elapsed() < window * 4, "{:?}", start.elapsed());
            assert_eq!(server.received_requests().await.unwrap().len(), 2);
        }

        #[tokio::test]
        async fn calls_dropped_after_sending_keep_their_slots() {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ok().set_delay(Duration::from_secs(5)))
                .up_to_n_times(2)
                .mount(&server)
                .await;
            Mock::given(method("GET")).respond_with(ok()).mount(&server).await;
            let client = client(&server, RateLimit::new(2, SECOND).margin(Duration::ZERO));
            let start = Instant::now();
            let dropped =
                join_all((0..2).map(|_| tokio::time::timeout(Duration::from_millis(300), call(&client))));
            assert!(dropped.await.iter().all(|outcome| outcome.is_err()));
            // The server saw both, so both count.
            assert_eq!(server.received_requests().await.unwrap().len(), 2);
            call(&client).await.unwrap();
            assert!(start.elapsed() >= SECOND, "{:?}", start.elapsed());
        }

        #[tokio::test]
        async fn a_429_with_retry_after_slows_every_caller() {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
                .up_to_n_times(1)
                .mount(&server)
                .await;
            Mock::given(method("GET")).respond_with(ok()).mount(&server).await;
            // A budget far from reached: only the 429 holds the calls back.
            let client = client(&server, RateLimit::new(100, SECOND));
            let err = call(&client).await.unwrap_err();
            assert_eq!(err.status(), Some(reqwest::StatusCode::TOO_MANY_REQUESTS));
            let after_429 = Instant::now();
            let waits = join_all((0..8).map(|_| async {
                call(&client).await.unwrap();
                after_429.elapsed()
            }))
            .await;
            assert!(waits.iter().all(|&wait| wait >= Duration::from_millis(990)), "{waits:?}");
            assert_eq!(server.received_requests().await.unwrap().len(), 9);
        }

        #[tokio::test]
        async fn without_a_rate_limit_a_429_holds_back_only_its_call() {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "5"))
                .up_to_n_times(1)
                .mount(&server)
                .await;
            Mock::given(method("GET")).respond_with(ok()).mount(&server).await;
            let client = Client::builder().base_url(server.uri()).retry(RetryPolicy::none()).build().unwrap();
            assert!(call(&client).await.is_err());
            let start = Instant::now();
            call(&client).await.unwrap();
            assert!(start.elapsed() < Duration::from_secs(4), "{:?}", start.elapsed());
        }
    }

    #[tokio::test(start_paused = true)]
    async fn calls_older_than_the_longest_window_are_forgotten() {
        let limiter = Limiter::new(&RateLimit::new(1_000_000, SECOND).margin(Duration::ZERO));
        for _ in 0..10 {
            for _ in 0..100 {
                limiter.acquire().await;
            }
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
        // Only the calls of the last second are kept: three bursts of 100.
        assert_eq!(limiter.state().sent.len(), 300);
    }

    #[tokio::test(start_paused = true)]
    async fn huge_windows_and_pauses_do_not_overflow() {
        let limiter = Limiter::new(&RateLimit::new(1, Duration::MAX).margin(Duration::MAX));
        limiter.acquire().await;
        assert!(tokio::time::timeout(SECOND, limiter.acquire()).await.is_err());
        let limiter = Limiter::new(&RateLimit::new(10, SECOND));
        limiter.too_many_requests(Some(Duration::MAX));
        assert!(tokio::time::timeout(SECOND * 100, limiter.acquire()).await.is_err());
    }

    #[test]
    fn settings() {
        assert_eq!(RateLimit::new(0, SECOND), RateLimit::new(1, SECOND));
        assert_eq!(RateLimit::altegio().margin, RateLimit::DEFAULT_MARGIN);
        let limit = RateLimit::new(2, SECOND).margin(Duration::from_millis(7));
        assert_eq!(Limiter::new(&limit).budgets, [(2, Duration::from_millis(1007))]);
        assert_eq!(Limiter::new(&limit).shortest, Duration::from_millis(1007));
    }
}
