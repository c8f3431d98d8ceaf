//! The generated client under faults, through real generated methods:
//! HTML error pages, retries, timeouts and deadlines, missing or empty
//! credentials, redaction and page streams.

use std::time::Duration;

use altegio_api::developers::{ListMarketplaceAppLocationsParams, MarketplaceAppLocation};
use altegio_api::{Client, Error, RetryPolicy, TimeoutCause};
use futures_util::StreamExt;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> altegio_api::ClientBuilder {
    Client::builder().base_url(format!("{}/api/v1", server.uri())).partner_token("partner-secret")
}

#[tokio::test]
async fn html_502_page_is_a_not_json_error_with_status_and_snippet() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/countries"))
        .respond_with(
            ResponseTemplate::new(502)
                .set_body_raw("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    let client = client(&server).retry(RetryPolicy::none()).build().unwrap();
    let err = client.developers().get_country_list().await.unwrap_err();
    match &err {
        Error::NotJson { status, content_type, snippet, .. } => {
            assert_eq!(status.as_u16(), 502);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
        }
        other => panic!("expected NotJson, got {other:?}"),
    }
}

#[tokio::test]
async fn a_503_then_200_succeeds_after_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/countries"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/countries"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"success": true, "data": [{"id": 1, "title": "Narnia"}], "meta": []}),
        ))
        .mount(&server)
        .await;
    let retry =
        RetryPolicy::default().max_retries(2).backoff(Duration::from_millis(1), Duration::from_millis(5));
    let client = client(&server).retry(retry).build().unwrap();
    let countries = client.developers().get_country_list().await.expect("retried");
    assert_eq!(countries.body[0].title.as_deref(), Some("Narnia"));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_server_that_never_answers_gives_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client =
        client(&server).timeout(Duration::from_millis(200)).retry(RetryPolicy::none()).build().unwrap();
    let err = client.developers().get_country_list().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn a_hung_server_with_retries_fails_at_the_calls_deadline() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    // Ten attempts of 50 ms each, against a deadline of 120 ms for this call.
    let retry = RetryPolicy::default().max_retries(9).backoff(Duration::ZERO, Duration::ZERO);
    let client = client(&server).timeout(Duration::from_millis(50)).retry(retry).build().unwrap();
    let started = std::time::Instant::now();
    let err = client.developers().get_country_list().deadline(Duration::from_millis(120)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500), "{:?}", started.elapsed());
    assert!(err.is_timeout(), "{err:?}");
    match &err {
        Error::Timeout { operation_id, attempts, deadline, cause, .. } => {
            assert_eq!(*operation_id, "get_country_list");
            assert!(*attempts < 10, "{err}");
            assert_eq!(*deadline, Some(Duration::from_millis(120)));
            assert!(matches!(cause, TimeoutCause::Deadline | TimeoutCause::RetryWait), "{err}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("get_country_list: timed out after "), "{err}");
}

#[test]
fn an_empty_token_is_refused_when_the_client_is_built() {
    let err = Client::builder().partner_token("  ").build().unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(err.to_string().contains("the partner token is empty"), "{err}");
}

#[tokio::test]
async fn user_scoped_call_without_user_token_sends_nothing() {
    let server = MockServer::start().await;
    let client = client(&server).build().unwrap();
    let err = client.developers().get_event_notification_settings(1).await.unwrap_err();
    assert!(matches!(err, Error::MissingUserToken { .. }), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn debug_output_never_shows_tokens() {
    let server = MockServer::start().await;
    let client = client(&server).user_token("user-secret").build().unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains("partner-secret") && !shown.contains("user-secret"), "{shown}");
}

#[tokio::test]
async fn page_stream_walks_pages_until_a_short_one() {
    let server = MockServer::start().await;
    let page = |ids: &[i64]| {
        let data: Vec<_> =
            ids.iter().map(|id| serde_json::json!({"id": id, "title": format!("L{id}")})).collect();
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"success": true, "data": data, "meta": []}))
    };
    for (n, ids) in [("1", vec![1, 2]), ("2", vec![3, 4]), ("3", vec![5])] {
        Mock::given(method("GET"))
            .and(path("/marketplace/application/9/salons"))
            .and(query_param("page", n))
            .and(query_param("count", "2"))
            .respond_with(page(&ids))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server).build().unwrap();
    let stream = client
        .developers()
        .list_marketplace_app_locations_stream(9, ListMarketplaceAppLocationsParams::new(1, 2));
    let items: Vec<MarketplaceAppLocation> =
        Box::pin(stream).map(|item| item.expect("page decodes")).collect().await;
    let ids: Vec<i64> = items.iter().filter_map(|l| l.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
}
