//! One call of one operation, built by a generated method and sent when
//! awaited, or sent for its raw body instead.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;

use crate::request::Request;
use crate::response::RawResponse;
use crate::{ApiResponse, Client, Error};

/// A call of one operation, ready to send.
///
/// `.await` it for the typed response: an [`ApiResponse<T, M>`], `T` the
/// operation's data (or its whole body, for an operation whose answer has
/// no envelope) and `M` the envelope's meta (`()` when there is none). When the typed response does not
/// decode (the server sent something the docs do not describe), the same
/// call can be sent for the body as it came: [`Call::raw`] gives the bytes
/// and [`Call::json_value`] any JSON. Both use the same credentials,
/// retries and errors; only the decoding differs.
///
/// ```no_run
/// # use openapi_rs_runtime::{Call, Error};
/// # struct Country;
/// // `call` is what a generated method returns, such as `client.api().get_country_list()`.
/// # async fn run(call: Call<'_, Vec<Country>>) -> Result<(), Error> {
/// // The whole body, envelope included.
/// let countries = call.json_value().await?;
/// println!("{}", countries.body["data"][0]["title"]);
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T, M = ()> {
    client: &'a Client,
    request: Request,
    decode: fn(RawResponse) -> Result<ApiResponse<T, M>, Error>,
}

impl<'a, T, M> Call<'a, T, M> {
    /// A call that sends `request` and decodes a 2xx answer with `decode`.
    #[doc(hidden)]
    pub fn new(
        client: &'a Client,
        request: Request,
        decode: fn(RawResponse) -> Result<ApiResponse<T, M>, Error>,
    ) -> Self {
        Call { client, request, decode }
    }

    /// The operation this call is of, as the spec names it (snake case).
    pub fn operation_id(&self) -> &'static str {
        self.request.operation_id
    }

    /// Adds a header to this call only, such as an idempotency key on a
    /// create. It is sent after the operation's own header parameters and
    /// replaces one of the same name, but never the credentials. A name or
    /// value HTTP cannot carry fails the call with [`Error::InvalidHeader`]
    /// before anything is sent; the value never appears in `Debug` output.
    ///
    /// ```no_run
    /// # use openapi_rs_runtime::{Call, Error};
    /// # async fn run(get_country_list: Call<'_, Vec<String>>) -> Result<(), Error> {
    /// use std::time::Duration;
    ///
    /// let countries = get_country_list
    ///     .header("X-Request-Id", "3f2a")
    ///     .timeout(Duration::from_secs(5))
    ///     .no_retry()
    ///     .await?;
    /// # let _ = countries;
    /// # Ok(()) }
    /// ```
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.request.options.headers.push((name.into(), value.into()));
        self
    }

    /// The time each attempt of this call may take, instead of the client's
    /// [`timeout`](crate::ClientBuilder::timeout). The call's
    /// [`deadline`](Self::deadline) still bounds the whole call: to let one
    /// slow call run longer than the client's deadline, raise both.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request.options.timeout = Some(timeout);
        self
    }

    /// The time this whole call may take, retries and the waits between
    /// them included, instead of the client's
    /// [`deadline`](crate::ClientBuilder::deadline), longer or shorter.
    /// `Duration::MAX` means none.
    ///
    /// ```no_run
    /// # use openapi_rs_runtime::{Call, Error};
    /// # async fn run(export: Call<'_, Vec<String>>) -> Result<(), Error> {
    /// use std::time::Duration;
    ///
    /// // A large export: up to a minute per attempt, two minutes in all.
    /// let countries = export
    ///     .timeout(Duration::from_secs(60))
    ///     .deadline(Duration::from_secs(120))
    ///     .await?;
    /// # let _ = countries;
    /// # Ok(()) }
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.request.options.deadline = Some(deadline);
        self
    }

    /// Sends this call once: no retry on a timeout or a 429/5xx, whatever
    /// the client's [`RetryPolicy`](crate::RetryPolicy). A resend asked for
    /// by an [after-response hook](crate::ClientBuilder::after_response)
    /// still happens.
    pub fn no_retry(mut self) -> Self {
        self.request.options.no_retry = true;
        self
    }

    /// Sends the call and returns a 2xx body undecoded (the whole body,
    /// envelope included).
    pub async fn raw(self) -> Result<ApiResponse<Bytes>, Error> {
        Ok(self.client.send(self.request).await?.bytes())
    }

    /// Sends the call and decodes a 2xx body as any JSON value (the whole
    /// body, envelope included; `null` for an empty body).
    pub async fn json_value(self) -> Result<ApiResponse<serde_json::Value>, Error> {
        self.client.send(self.request).await?.json()
    }
}

impl<T, M> fmt::Debug for Call<'_, T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").field("request", &self.request).finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'a, M: Send + 'a> IntoFuture for Call<'a, T, M> {
    type Output = Result<ApiResponse<T, M>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let raw = self.client.send(self.request).await?;
            (self.decode)(raw)
        })
    }
}
