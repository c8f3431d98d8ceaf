//! Signing a user in: login and password -> a client that acts for them,
//! built on Business Management v1's `POST /auth` (`authorize_user`).

use crate::generated::business_v1::AuthRequest;
use crate::{Client, Error};

impl Client {
    /// Signs a user in with their login (a phone number such as
    /// `+13155550175`, or an email address) and password, and returns a
    /// clone of this client that sends the user's token
    /// (`Authorization: Bearer <partner>, User <user>`).
    ///
    /// The request carries the partner token, so this client needs one. The
    /// password is sent once and not kept. A user token changes when the
    /// user changes their password: sign in again then.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), altegio_api::Error> {
    /// let partner = altegio_api::Client::builder().partner_token("partner-token").build()?;
    /// let user = partner.sign_in("j.smith@example.com", "password").await?;
    /// let team = user.business_v1().get_team_member_list(123).await?;
    /// # let _ = team;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// - A wrong login or password: [`Error::Api`] with status 401, as
    ///   Altegio documents, with the server's message; any other status the
    ///   server picks (such as 422) is an error too, and [`Error::status`]
    ///   gives it.
    /// - An answer without a user token (or with an empty one): [`Error::Decode`] at
    ///   `data.user_token`. Altegio documents only the `201 Created` answer
    ///   that carries the token; an account that needs a second factor (a
    ///   code sent to the user) gets another answer, which this method does
    ///   not complete.
    /// - [`Error::MissingPartnerToken`] when this client has no partner token,
    ///   and the network errors of any call.
    pub async fn sign_in(
        &self,
        login: impl Into<String>,
        password: impl Into<String>,
    ) -> Result<Client, Error> {
        let body = AuthRequest::new(login.into(), password.into());
        let response = self.business_v1().authorize_user(&body).await?;
        let token = response.body.user_token.as_deref().filter(|t| !t.trim().is_empty());
        match token {
            Some(token) => Ok(self.with_user_token(token)),
            None => Err(Error::Decode {
                operation_id: "authorize_user",
                status: Some(response.status),
                path: "data.user_token".to_owned(),
                message: "the sign-in answer carries no user token (the account may need a second \
                          factor, which `sign_in` does not complete)"
                    .to_owned(),
                snippet: String::new(),
                body: response.raw_body().clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use wiremock::matchers::{body_json, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use crate::{Client, Error, RetryPolicy};

    fn partner(server: &MockServer) -> Client {
        Client::builder()
            .base_url(server.uri())
            .partner_token("partner-token")
            .retry(RetryPolicy::none())
            .build()
            .unwrap()
    }

    fn credentials() -> serde_json::Value {
        json!({"login": "j.smith@example.com", "password": "secret"})
    }

    #[tokio::test]
    async fn signs_in_and_sends_the_user_token_afterwards() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/auth"))
            .and(header("authorization", "Bearer partner-token"))
            .and(body_json(credentials()))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "success": true,
                "data": {"id": 123456, "user_token": "user-token-1", "name": "James Smith"},
                "meta": []
            })))
            .expect(1)
            .mount(&server)
            .await;
        let user = partner(&server).sign_in("j.smith@example.com", "secret").await.unwrap();
        Mock::given(method("GET"))
            .and(path("/staff/1"))
            .and(|r: &wiremock::Request| {
                r.headers.get("authorization").and_then(|v| v.to_str().ok())
                    == Some("Bearer partner-token, User user-token-1")
            })
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": []})))
            .expect(1)
            .mount(&server)
            .await;
        let sent = user.business_v1().get_team_member_list(1).await;
        assert!(sent.is_ok(), "{sent:?}");
    }

    #[tokio::test]
    async fn wrong_password_401_is_an_api_error_with_the_message() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/auth"))
            .respond_with(ResponseTemplate::new(401).set_body_json(json!({
                "success": false,
                "data": null,
                "meta": {"message": "Incorrect login or password"}
            })))
            .expect(1)
            .mount(&server)
            .await;
        let err = partner(&server).sign_in("j.smith@example.com", "wrong").await.unwrap_err();
        match &err {
            Error::Api { status, message, .. } => {
                assert_eq!(status.as_u16(), 401);
                assert_eq!(message.as_deref(), Some("Incorrect login or password"));
            }
            other => panic!("{other:?}"),
        }
        assert!(!err.to_string().contains("wrong"), "the password must not appear: {err}");
    }

    #[tokio::test]
    async fn wrong_password_422_is_an_error_with_its_status() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/auth"))
            .respond_with(ResponseTemplate::new(422).set_body_json(json!({
                "success": false,
                "meta": {"message": "Incorrect login or password"}
            })))
            .expect(1)
            .mount(&server)
            .await;
        let err = partner(&server).sign_in("j.smith@example.com", "wrong").await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(422), "{err:?}");
        assert!(!err.is_retryable());
    }

    #[tokio::test]
    async fn an_answer_without_a_token_is_not_a_signed_in_client() {
        // What an account with two-factor authentication may get instead:
        // a 200 that asks for a code.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/auth"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "success": true,
                "data": {"uuid": "5a1f", "message": "Enter the code sent to +1315*****75"},
                "meta": []
            })))
            .mount(&server)
            .await;
        let err = partner(&server).sign_in("+13155550175", "secret").await.unwrap_err();
        match err {
            Error::Decode { path, status, .. } => {
                assert_eq!(path, "data.user_token");
                assert_eq!(status.map(|s| s.as_u16()), Some(200));
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn an_empty_user_token_is_not_a_signed_in_client() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/auth"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "success": true,
                "data": {"id": 123456, "user_token": " ", "name": "James Smith"},
                "meta": []
            })))
            .mount(&server)
            .await;
        let err = partner(&server).sign_in("j.smith@example.com", "secret").await.unwrap_err();
        assert!(matches!(&err, Error::Decode { path, .. } if path == "data.user_token"), "{err:?}");
        assert!(err.to_string().contains("no user token"), "{err}");
    }

    #[tokio::test]
    async fn needs_a_partner_token() {
        let server = MockServer::start().await;
        let client = Client::builder().base_url(server.uri()).build().unwrap();
        let err = client.sign_in("a", "b").await.unwrap_err();
        assert!(matches!(err, Error::MissingPartnerToken { .. }), "{err:?}");
        assert!(server.received_requests().await.unwrap_or_default().is_empty());
    }
}
