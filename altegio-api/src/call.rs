//! One call of one operation, built by a generated method and sent when
//! awaited, or sent for its raw body instead.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use bytes::Bytes;

use crate::request::Request;
use crate::response::RawResponse;
use crate::{ApiResponse, Client, Error};

/// A call of one operation, ready to send.
///
/// `.await` it for the typed response. When the typed response does not
/// decode (the server sent something the docs do not describe), the same
/// call can be sent for the body as it came: [`Call::raw`] gives the bytes
/// and [`Call::json_value`] any JSON. Both use the same credentials,
/// retries and errors; only the decoding differs.
///
/// ```no_run
/// # async fn run(client: altegio_api::Client) -> Result<(), altegio_api::Error> {
/// let countries = client.developers().get_country_list().json_value().await?;
/// println!("{}", countries.body["data"][0]["title"]);
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T> {
    client: &'a Client,
    request: Request,
    decode: fn(RawResponse) -> Result<ApiResponse<T>, Error>,
}

impl<'a, T> Call<'a, T> {
    /// A call that sends `request` and decodes a 2xx answer with `decode`.
    #[doc(hidden)]
    pub fn new(
        client: &'a Client,
        request: Request,
        decode: fn(RawResponse) -> Result<ApiResponse<T>, Error>,
    ) -> Self {
        Call { client, request, decode }
    }

    /// The operation this call is of, as the spec names it (snake case).
    pub fn operation_id(&self) -> &'static str {
        self.request.operation_id
    }

    /// Sends the call and returns a 2xx body undecoded.
    pub async fn raw(self) -> Result<ApiResponse<Bytes>, Error> {
        Ok(self.client.send(self.request).await?.bytes())
    }

    /// Sends the call and decodes a 2xx body as any JSON value (`null`
    /// for an empty body).
    pub async fn json_value(self) -> Result<ApiResponse<serde_json::Value>, Error> {
        self.client.send(self.request).await?.json()
    }
}

impl<T> fmt::Debug for Call<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").field("request", &self.request).finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'a> IntoFuture for Call<'a, T> {
    type Output = Result<ApiResponse<T>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let raw = self.client.send(self.request).await?;
            (self.decode)(raw)
        })
    }
}
