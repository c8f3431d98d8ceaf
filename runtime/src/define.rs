//! The shells a generated crate defines around the runtime's client and
//! mock server. Each API module adds its methods (`client.api()`,
//! `mock.api()`) to them, which Rust allows only on a crate's own types:
//! hence a newtype per crate, written by these macros so that every crate
//! has the same one.

/// Defines `Client`, a newtype around [`Client`](crate::Client) that
/// dereferences to it, and `ClientBuilder`, the runtime's builder making it,
/// with `profile`'s defaults.
///
/// ```
/// openapi_rs_runtime::define_client! {
///     /// A client for the example API.
///     profile = openapi_rs_runtime::Profile::new("https://api.example.com")
/// }
/// let client = Client::builder().build()?;
/// let as_user = client.with_user_token("user-token");
/// assert_eq!(as_user.base_url(), "https://api.example.com");
/// # Ok::<(), openapi_rs_runtime::Error>(())
/// ```
#[macro_export]
macro_rules! define_client {
    ($(#[$attr:meta])* profile = $profile:expr $(,)?) => {
        $(#[$attr])*
        #[derive(Clone)]
        pub struct Client($crate::Client);

        /// Configures a [`Client`]; get one from [`Client::builder`].
        pub type ClientBuilder = $crate::ClientBuilder<Client>;

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                $crate::ClientBuilder::new($profile)
            }

            /// A clone that sends `token` as the user token, for operations
            /// that act on behalf of a user. Cheap: clones share the
            /// connection pool, the settings and the rate limiter.
            ///
            /// An empty or whitespace-only token counts as none: the
            /// operations that need a user token then fail with
            /// [`Error::MissingUserToken`]($crate::Error::MissingUserToken)
            /// before anything is sent.
            pub fn with_user_token(&self, token: impl ::core::convert::Into<::std::string::String>) -> Client {
                Client(self.0.with_user_token(token))
            }
        }

        impl ::core::ops::Deref for Client {
            type Target = $crate::Client;

            fn deref(&self) -> &$crate::Client {
                &self.0
            }
        }

        impl ::core::convert::From<$crate::Client> for Client {
            fn from(client: $crate::Client) -> Self {
                Client(client)
            }
        }

        impl ::core::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }
    };
}

/// Defines `MockServer`, a newtype around
/// [`mock::MockServer`](crate::mock::MockServer) whose client is `$client`
/// (the crate's own, built by its own builder), and which dereferences to
/// the runtime's. Needs the runtime's `mock` feature.
///
/// With a list of the spec's schemes (`define_mock_server!(crate::Client,
/// crate::SECURITY_SCHEMES)`), the client also holds a credential for each
/// ([`mock::with_credentials`](crate::mock::with_credentials)).
#[cfg(feature = "mock")]
#[macro_export]
macro_rules! define_mock_server {
    ($client:ty) => {
        $crate::define_mock_server!($client, &[]);
    };
    ($client:ty, $schemes:expr) => {
        /// An in-process HTTP server on 127.0.0.1 and a client pointed at
        /// it, holding [`PARTNER_TOKEN`]($crate::mock::PARTNER_TOKEN) and
        /// [`USER_TOKEN`]($crate::mock::USER_TOKEN) and never retrying (so
        /// that a test sees each answer as it was declared). Each API
        /// module adds a method returning its typed mocks. The server
        /// stops when this is dropped.
        pub struct MockServer($crate::mock::MockServer<$client>);

        impl MockServer {
            /// Starts a server on a free local port.
            pub async fn start() -> MockServer {
                let builder = $crate::mock::with_credentials(<$client>::builder(), $schemes);
                MockServer($crate::mock::MockServer::start_with(builder).await)
            }
        }

        impl ::core::ops::Deref for MockServer {
            type Target = $crate::mock::MockServer<$client>;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl ::core::fmt::Debug for MockServer {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.0, f)
            }
        }
    };
}
