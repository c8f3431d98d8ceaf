//! One HTTP GET with a timeout, retried with exponential backoff when the
//! failure may be passing (connection trouble, timeout, 5xx).

use std::time::Duration;

use anyhow::{bail, Context, Result};
use reqwest::blocking::Client;
use reqwest::StatusCode;

/// How patient the download is.
#[derive(Debug, Clone)]
pub struct Policy {
    /// For one attempt, from connecting to the end of the body.
    pub timeout: Duration,
    /// Attempts after the first one.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
}

/// Longest wait between two attempts, however many retries were asked for.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Why one attempt failed, when another one may succeed.
enum Transient {
    Status(StatusCode),
    Network(String),
}

/// The body of a 2xx answer from `url`. Errors do not repeat the URL: the
/// caller names it.
pub fn download(url: &str, policy: &Policy) -> Result<Vec<u8>> {
    let parsed = reqwest::Url::parse(url).context("not a valid URL")?;
    if !matches!(parsed.scheme(), "http" | "https") {
        bail!("not an http(s) URL");
    }
    let client = Client::builder()
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout)
        .user_agent(concat!("altegio-api-xtask/", env!("CARGO_PKG_VERSION")))
        .build()
        .context("building the HTTP client")?;

    let attempts = policy.retries.saturating_add(1);
    let mut delay = policy.backoff;
    for attempt in 1..=attempts {
        let failure = match attempt_once(&client, parsed.clone(), policy.timeout)? {
            Ok(body) => return Ok(body),
            Err(Transient::Status(status)) => format!("HTTP {status}"),
            Err(Transient::Network(why)) => why,
        };
        if attempt == attempts {
            let tries = if attempts == 1 { "1 attempt".to_owned() } else { format!("{attempts} attempts") };
            bail!("failed after {tries}: {failure}");
        }
        eprintln!("attempt {attempt} of {attempts} failed ({failure}); retrying in {} ms", delay.as_millis());
        std::thread::sleep(delay);
        delay = (delay * 2).min(MAX_BACKOFF);
    }
    unreachable!("the loop returns or bails on its last attempt")
}

/// `Ok(Ok(body))` on 2xx, `Ok(Err(..))` when worth retrying, `Err` when not.
fn attempt_once(client: &Client, url: reqwest::Url, timeout: Duration) -> Result<Result<Vec<u8>, Transient>> {
    let response = match client.get(url).send() {
        Ok(r) => r,
        Err(e) => return network_failure(&e, timeout),
    };
    let status = response.status();
    if status.is_server_error() {
        return Ok(Err(Transient::Status(status)));
    }
    if !status.is_success() {
        bail!("HTTP {status} (not retried: the server refused the request itself)");
    }
    match response.bytes() {
        Ok(body) => Ok(Ok(body.to_vec())),
        Err(e) => network_failure(&e, timeout),
    }
}

/// Timeouts and connection or transfer errors are retried; anything else
/// (a malformed URL, a redirect loop) would fail the same way again.
fn network_failure(err: &reqwest::Error, timeout: Duration) -> Result<Result<Vec<u8>, Transient>> {
    let chain = error_chain(err);
    if err.is_timeout() || chain.contains("timed out") {
        let secs = timeout.as_secs();
        return Ok(Err(Transient::Network(format!("timed out: no complete answer within {secs} s"))));
    }
    if err.is_connect() {
        return Ok(Err(Transient::Network(format!("could not connect: {chain}"))));
    }
    if err.is_request() || err.is_body() {
        return Ok(Err(Transient::Network(format!("transfer failed: {chain}"))));
    }
    bail!("{chain}")
}

/// The causes of `err` on one line: reqwest's own message only repeats the
/// URL, the causes say what went wrong.
fn error_chain(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    if parts.is_empty() {
        return err.to_string();
    }
    parts.join(": ")
}
