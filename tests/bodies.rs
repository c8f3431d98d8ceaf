//! Bodies that are not JSON, read back as the server received them: Altegio's
//! multipart image uploads through the generated methods, and a form body
//! through the runtime. (`media_types.rs` does the same for the methods of
//! other media types, in a crate generated for the purpose.)

use std::time::Duration;

use altegio_api::business_v1::{DeleteImageRequest, UploadImageRequest};
use altegio_api::runtime::{FormStyle, Method, Request};
use altegio_api::{Client, File, RetryPolicy};
use openapi_rs_runtime::mock::requests::{form_pairs, parts, ReceivedPart};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> altegio_api::ClientBuilder {
    Client::builder()
        .base_url(format!("{}/api/v1", server.uri()))
        .partner_token("partner-secret")
        .user_token("user-secret")
}

fn text(name: &str, value: &str) -> ReceivedPart {
    ReceivedPart { name: name.into(), file_name: None, content_type: None, data: value.as_bytes().to_vec() }
}

#[tokio::test]
async fn upload_image_sends_every_field_and_the_file_as_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/images/service"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"success": true, "data": {}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();
    // Not UTF-8, and with a CR LF inside: the bytes go as they are.
    let png = b"\x89PNG\r\n\x1a\n\x00\xff".to_vec();
    let body =
        UploadImageRequest::new(File::new(png.clone()).file_name("logo.png").content_type("image/png"))
            .company_id(4564)
            .service_id(77);
    client.business_v1().upload_image("service", &body).await.unwrap();

    let received = server.received_requests().await.unwrap();
    let request = &received[0];
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    assert_eq!(request.headers.get_all("content-type").iter().count(), 1);
    let got = parts(request).expect("a multipart body");
    let file = ReceivedPart {
        name: "image".into(),
        file_name: Some("logo.png".into()),
        content_type: Some("image/png".into()),
        data: png,
    };
    // `master_id` was not set: no part.
    assert_eq!(got, vec![text("company_id", "4564"), text("service_id", "77"), file]);
}

#[tokio::test]
async fn a_file_without_a_name_or_type_goes_as_octet_stream() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"success": true, "data": {}})),
        )
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();
    client
        .business_v1()
        .upload_image("team_member", &UploadImageRequest::new(File::new(&b"x"[..])))
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    let got = parts(&received[0]).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].name.as_str(), got[0].file_name.as_deref()), ("image", None));
    assert_eq!(got[0].content_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(got[0].data, b"x");
}

#[tokio::test]
async fn delete_image_sends_its_field_again_on_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/images/service"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/images/service"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"success": true, "data": null})),
        )
        .mount(&server)
        .await;
    let retry = RetryPolicy::new().max_retries(1).backoff(Duration::from_millis(1), Duration::from_millis(1));
    let client = client(&server).retry(retry).build().unwrap();
    client.business_v1().delete_image("service", &DeleteImageRequest::new(12)).await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for request in &received {
        assert_eq!(parts(request).unwrap(), vec![text("image_group_id", "12")]);
    }
}

#[tokio::test]
async fn form_body_is_sent_url_encoded_in_the_styles_asked_for() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = client(&server).build().unwrap();
    let mut request = Request::new(Method::POST, "form_op", "/charges".into());
    let body = serde_json::json!({
        "amount": 2000,
        "description": "Zoë & co",
        "expand": ["customer", "invoice"],
        "metadata": {"order": "6735", "nested": {"a": true}},
        "absent": null,
        "ids": [1, 2],
        "words": ["a", "b c"],
        "codes": ["x", "y"]
    });
    let styles = [
        ("metadata", FormStyle::DeepObject),
        ("ids", FormStyle::FormFlat),
        ("words", FormStyle::SpaceDelimited),
        ("codes", FormStyle::PipeDelimited),
    ];
    request.form(&body, &styles);
    client.send(request).await.unwrap();

    let received = server.received_requests().await.unwrap();
    let request = &received[0];
    assert_eq!(request.headers.get("content-type").unwrap(), "application/x-www-form-urlencoded");
    let pairs = form_pairs(request);
    let got: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        got,
        [
            ("amount", "2000"),
            ("description", "Zoë & co"),
            ("expand", "customer"),
            ("expand", "invoice"),
            ("metadata[order]", "6735"),
            ("metadata[nested][a]", "true"),
            ("ids", "1,2"),
            ("words", "a b c"),
            ("codes", "x|y"),
        ]
    );
}
