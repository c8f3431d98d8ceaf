//! Mock-server support for the hand-written cross-crate tests: the
//! runtime's request-test helpers and an Altegio client at a base path.

use altegio_api::Client;
pub use altegio_api::DateTime;

pub use openapi_rs_runtime::mock::requests::*;
pub use wiremock::MockServer;

/// A client with both tokens, pointed at the mock server under
/// `base_path` (the path of the API's server, `/api/v1`).
pub fn mock_client(server: &MockServer, base_path: &str) -> Client {
    Client::builder()
        .base_url(format!("{}{base_path}", server.uri()))
        .partner_token("partner-token")
        .user_token("user-token")
        .retry(altegio_api::RetryPolicy::none())
        .build()
        .expect("client builds")
}
