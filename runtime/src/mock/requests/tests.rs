use super::*;
use crate::codegen::{Auth, Method, Multipart, Request as Outgoing};
use crate::mock::{with_credentials, MockServer};
use crate::{Client, File};

const BEARER: Scheme = Scheme::bearer("bearer");
const BASIC: Scheme = Scheme::basic("basic");
const HEADER: Scheme = Scheme::header("api_key", "Authorization", "Token token=");
const QUERY: Scheme = Scheme::query("query_key", "api_key");
const COOKIE_KEY: Scheme = Scheme::cookie("session", "sid");
const ALL: &[Scheme] = &[BEARER, BASIC, HEADER, QUERY, COOKIE_KEY];

async fn server() -> MockServer {
    MockServer::start_with(with_credentials(Client::builder(), ALL)).await
}

fn secured(schemes: &'static [&'static [Scheme]]) -> Outgoing {
    let mut request = Outgoing::new(Method::GET, "op", "/op".to_owned());
    request.auth = Auth::Schemes(schemes);
    request
}

#[tokio::test]
async fn each_scheme_s_matcher_accepts_what_the_client_sends_and_only_that() {
    let server = server().await;
    const ONLY: [&[&[Scheme]]; 5] = [&[&[BEARER]], &[&[BASIC]], &[&[HEADER]], &[&[QUERY]], &[&[COOKIE_KEY]]];
    for (scheme, schemes) in ALL.iter().zip(ONLY) {
        let scheme = *scheme;
        server.wiremock().reset().await;
        Mock::given(method("GET"))
            .and(path("/op"))
            .and(sends_credential(scheme))
            .respond_with(empty_response(204))
            .expect(1)
            .mount(server.wiremock())
            .await;
        let response = server.client().send(secured(schemes)).await;
        assert_eq!(response.expect("the credential matches").status.as_u16(), 204, "{}", scheme.name);
        // Another scheme's credential is not this one's.
        let other = if scheme.name == "bearer" { ONLY[1] } else { ONLY[0] };
        let err = server.client().send(secured(other)).await.expect_err("no mock matches");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{}", scheme.name);
        server.wiremock().verify().await;
    }
}

#[tokio::test]
async fn a_requirement_s_schemes_sharing_a_header_are_matched_as_one_list() {
    let server = server().await;
    // Both in `Authorization`, as YCLIENTS' partner and user keys are.
    const BOTH: &[&[Scheme]] = &[&[BEARER, HEADER, QUERY]];
    async fn status(server: &MockServer, matcher: impl wiremock::Match + 'static) -> u16 {
        server.wiremock().reset().await;
        Mock::given(method("GET"))
            .and(matcher)
            .respond_with(empty_response(204))
            .mount(server.wiremock())
            .await;
        match server.client().send(secured(BOTH)).await {
            Ok(response) => response.status.as_u16(),
            Err(err) => err.status().map_or(0, |s| s.as_u16()),
        }
    }
    assert_eq!(status(&server, sends_credentials(&[BEARER, HEADER, QUERY])).await, 204);
    // Another order, one of the two, or another scheme beside them: not what was sent.
    assert_eq!(status(&server, sends_credentials(&[HEADER, BEARER, QUERY])).await, 404);
    assert_eq!(status(&server, sends_credential(BEARER)).await, 404);
    assert_eq!(status(&server, sends_credentials(&[BEARER, HEADER, COOKIE_KEY])).await, 404);
    let received = server.wiremock().received_requests().await.unwrap();
    let field = received[0].headers.get("authorization").unwrap().to_str().unwrap();
    assert_eq!(field, "Bearer mock-bearer, Token token=mock-api_key");
}

#[tokio::test]
async fn the_partner_matchers_tell_the_composites_apart() {
    let server = server().await;
    Mock::given(any())
        .and(sends_partner_token(true))
        .respond_with(empty_response(204))
        .mount(server.wiremock())
        .await;
    Mock::given(any())
        .and(sends_partner_token(false))
        .respond_with(empty_response(202))
        .mount(server.wiremock())
        .await;
    let mut request = Outgoing::new(Method::GET, "op", "/op".to_owned());
    request.auth = Auth::PartnerUser;
    assert_eq!(server.client().send(request).await.unwrap().status.as_u16(), 204);
    let mut request = Outgoing::new(Method::GET, "op", "/op".to_owned());
    request.auth = Auth::Partner;
    assert_eq!(server.client().send(request).await.unwrap().status.as_u16(), 202);
}

#[tokio::test]
async fn multipart_parts_are_read_back_with_names_files_and_types() {
    let server = server().await;
    let mut parts = Multipart::new();
    parts.text("title", "a, b");
    parts.text("ids", &[1, 2]);
    parts.file("image", &File::new(&b"\x89PNG"[..]).file_name("a.png").content_type("image/png"));
    let mut request = Outgoing::new(Method::POST, "upload", "/upload".to_owned());
    request.multipart(parts);
    let _ = server.client().send(request).await;
    let received = server.wiremock().received_requests().await.unwrap();
    let got = super::parts(&received[0]).expect("a multipart body");
    let names: Vec<&str> = got.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["title", "ids", "ids", "image"]);
    assert_eq!(got[3].file_name.as_deref(), Some("a.png"));
    assert_eq!(got[3].content_type.as_deref(), Some("image/png"));
    assert_eq!(got[3].data, b"\x89PNG");
    assert_eq!(got[0].data, b"a, b");
}

#[tokio::test]
async fn multipart_and_form_matchers_match_what_the_client_sends() {
    let server = server().await;
    let mut parts = Multipart::new();
    parts.text("title", "sample");
    parts.file("doc", &File::new(&b"text"[..]).file_name("a.txt").content_type("text/plain"));
    let mut request = Outgoing::new(Method::POST, "upload", "/upload".to_owned());
    request.multipart(parts);
    Mock::given(method("POST"))
        .and(multipart_parts(&[
            ("title", None, None, "sample"),
            ("doc", Some("a.txt"), Some("text/plain"), "text"),
        ]))
        .respond_with(empty_response(204))
        .expect(1)
        .mount(server.wiremock())
        .await;
    server.client().send(request).await.expect("the parts match");
    server.wiremock().reset().await;

    let mut request = Outgoing::new(Method::POST, "form", "/form".to_owned());
    request.form(&serde_json::json!({"name": "a b", "n": 7}), &[]);
    Mock::given(method("POST"))
        .and(form_fields(&[("name", "a b"), ("n", "7")]))
        .respond_with(empty_response(204))
        .expect(1)
        .mount(server.wiremock())
        .await;
    server.client().send(request).await.expect("the fields match");
    let mut request = Outgoing::new(Method::POST, "form", "/form".to_owned());
    request.form(&serde_json::json!({"name": "other"}), &[]);
    assert!(server.client().send(request).await.is_err(), "a different field value does not match");
}

#[tokio::test]
async fn expect_errors_checks_every_status_on_one_server() {
    let server = server().await;
    let client = server.client();
    // An answer to `HEAD` has no body: its errors are checked by status.
    for verb in [Method::GET, Method::HEAD] {
        let calls = std::cell::Cell::new(0);
        let call = || {
            calls.set(calls.get() + 1);
            let mut request = Outgoing::new(verb.clone(), "op", "/op".to_owned());
            request.error_statuses = &[400, 404, 503];
            client.send(request)
        };
        expect_errors(server.wiremock(), &[400, 404, 503], call).await;
        assert_eq!(calls.get(), 3);
        // A reset forgets what came before: the last call is the one recorded.
        assert_eq!(server.wiremock().received_requests().await.unwrap().len(), 1);
    }
}

#[tokio::test]
#[should_panic(expected = "a documented error status")]
async fn expect_errors_fails_when_a_call_succeeds() {
    let server = server().await;
    let client = server.client();
    Mock::given(any()).respond_with(empty_response(200)).mount(server.wiremock()).await;
    // `answer` replaces the mock with an error answer, so a call that
    // succeeds has to ignore the server: this one never reaches it.
    let call = || async { Ok::<_, Error>(client.base_url().to_owned()) };
    expect_errors(server.wiremock(), &[500], call).await;
}

#[tokio::test]
#[should_panic(expected = "Verifications failed")]
async fn an_unmet_expectation_fails_before_the_errors_are_checked() {
    let server = server().await;
    Mock::given(method("GET")).respond_with(empty_response(200)).expect(1).mount(server.wiremock()).await;
    expect_errors(server.wiremock(), &[], || async { Ok::<_, Error>(()) }).await;
}

#[tokio::test]
async fn exact_and_absent_headers() {
    let server = server().await;
    let client = server.client();
    Mock::given(any())
        .and(exact_header("accept", client.accept()))
        .and(no_header("x-absent"))
        .and(json_body(r#"{"a": [1, 2]}"#))
        .respond_with(json_response(200, "{}"))
        .expect(1)
        .mount(server.wiremock())
        .await;
    let mut request = Outgoing::new(Method::POST, "op", "/op".to_owned());
    request.json(&serde_json::json!({"a": [1, 2]}));
    client.send(request).await.expect("accept, no header and the body match");
    let mut request = Outgoing::new(Method::POST, "op", "/op".to_owned());
    request.header("x-absent", "here");
    request.json(&serde_json::json!({"a": [1, 2]}));
    assert!(client.send(request).await.is_err(), "a header that should be absent");
}

#[tokio::test]
async fn a_call_without_its_user_token_is_refused_before_sending() {
    let server = server().await;
    let partner_user = || {
        let mut request = Outgoing::new(Method::GET, "op", "/op".to_owned());
        request.auth = Auth::PartnerUser;
        request
    };
    Mock::given(any()).respond_with(empty_response(204)).mount(server.wiremock()).await;
    server.client().send(partner_user()).await.expect("the mock client holds both tokens");
    let partner_only = server.client().with_user_token("");
    expect_missing_user_token(server.wiremock(), partner_only.send(partner_user())).await;
}

#[tokio::test]
#[should_panic(expected = "needs a user token")]
async fn expect_missing_user_token_fails_when_the_call_is_sent() {
    let server = server().await;
    let mut request = Outgoing::new(Method::GET, "op", "/op".to_owned());
    request.auth = Auth::PartnerUser;
    Mock::given(any()).respond_with(empty_response(204)).mount(server.wiremock()).await;
    let sent = async {
        Mock::given(any()).respond_with(empty_response(204)).mount(server.wiremock()).await;
        server.client().send(request).await
    };
    expect_missing_user_token(server.wiremock(), sent).await;
}
