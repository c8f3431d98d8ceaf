//! The `mock` feature as a downstream crate uses it: public API only, typed
//! answers per operation, against the in-process server it starts.

use std::time::Duration;

use altegio_api::business_v1::{
    AppointmentListData as Appointment, AppointmentListParams, AppointmentRequest as NewAppointment,
    AppointmentRequestClient as NewClient, AppointmentRequestService as NewService, DeprecatedMeta,
};
use altegio_api::mock::{error, ok, MockServer, USER_TOKEN};
use altegio_api::{Client, Error};
use futures_util::StreamExt;

/// The code under test, as a user would write it: book, then list the day.
async fn book_then_list(client: &Client, location_id: i64) -> Result<Vec<i64>, Error> {
    let booking = NewAppointment::default()
        .staff_id(7)
        .services(vec![NewService::default().id(12)])
        .client(NewClient::default().name("Mia").phone("+13155550123"))
        .datetime("2026-04-20 18:30:00")
        .seance_length(3600.0);
    let api = client.business_v1();
    api.create_appointment(location_id, &booking).header("Idempotency-Key", "booking-1").await?;
    let day = AppointmentListParams::default().start_date("2026-04-20").end_date("2026-04-20");
    let listed = api.get_appointment_list(location_id, &day).await?;
    Ok(listed.body.iter().filter_map(|a| a.id).collect())
}

/// The data of a list answer; the mock sends it in the envelope.
fn appointments(ids: &[i64]) -> Vec<Appointment> {
    ids.iter()
        .map(|id| {
            let mut appointment = Appointment::default();
            appointment.id = Some(*id);
            appointment
        })
        .collect()
}

#[tokio::test]
async fn book_an_appointment_then_list_it() {
    let mock = MockServer::start().await;
    let created = mock.business_v1().create_appointment().respond(ok(appointments(&[501]))).await;
    let listed = mock.business_v1().get_appointment_list().respond(ok(appointments(&[501]))).await;

    let ids = book_then_list(mock.client(), 4564).await.unwrap();
    assert_eq!(ids, [501]);

    // What the code sent, decoded: the typed body, the query, the headers.
    let sent = created.received().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, "/records/4564");
    assert_eq!(sent[0].header("idempotency-key"), Some("booking-1"));
    assert!(sent[0].header("authorization").is_some_and(|a| a.ends_with(USER_TOKEN)));
    let booking: NewAppointment = sent[0].json().unwrap();
    assert_eq!(booking.staff_id, Some(7));
    assert_eq!(booking.client.and_then(|c| c.name).as_deref(), Some("Mia"));
    let asked = listed.received().await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].query("start_date"), Some("2026-04-20"));
}

#[tokio::test]
async fn an_error_envelope_is_an_api_error() {
    let mock = MockServer::start().await;
    mock.business_v1().get_appointment().respond(error(404, "Appointment not found")).await;
    let err = mock.client().business_v1().get_appointment(4564, 9, &Default::default()).await.unwrap_err();
    match &err {
        Error::Api { status, message, .. } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(message.as_deref(), Some("Appointment not found"));
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
    // Another operation on the same path shape is not answered by it.
    let other =
        mock.client().business_v1().get_appointment_list(4564, &Default::default()).await.unwrap_err();
    assert_eq!(other.status().map(|s| s.as_u16()), Some(404));
    assert!(!other.to_string().contains("Appointment not found"), "{other}");
    assert_eq!(mock.business_v1().get_appointment().received().await.len(), 1);
}

#[tokio::test]
async fn a_paging_sequence() {
    let mock = MockServer::start().await;
    let list = mock.business_v1();
    // Two full pages of 2, then a short one.
    for (page, ids) in [("1", &[1, 2][..]), ("2", &[3, 4][..]), ("3", &[5][..])] {
        list.get_appointment_list().with_query("page", page).respond(ok(appointments(ids))).await;
    }
    let params = AppointmentListParams::default().count(2);
    let ids: Vec<i64> = mock
        .client()
        .business_v1()
        .get_appointment_list_stream(4564, params)
        .map(|a| a.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    let pages: Vec<String> = list
        .get_appointment_list()
        .received()
        .await
        .iter()
        .map(|r| r.query("page").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(pages, ["1", "2", "3"]);
}

#[tokio::test]
async fn the_mock_sends_the_data_in_the_envelope_with_its_meta() {
    let mock = MockServer::start().await;
    let list = mock.business_v1();
    // Pages shorter than asked for: only the total in the meta keeps the
    // stream going, and ends it without asking for a fourth page.
    let mut meta = DeprecatedMeta::default();
    meta.total_count = Some(3);
    for (page, id) in [("1", 1), ("2", 2), ("3", 3)] {
        list.get_appointment_list()
            .with_query("page", page)
            .respond(ok(appointments(&[id])).meta(meta.clone()))
            .await;
    }
    let params = AppointmentListParams::default().count(2);
    let api = mock.client().business_v1();
    let ids: Vec<i64> =
        api.get_appointment_list_stream(4564, params).map(|a| a.unwrap().id.unwrap()).collect().await;
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(list.get_appointment_list().received().await.len(), 3);

    let page = api.get_appointment_list(4564, &AppointmentListParams::default().page(2)).await.unwrap();
    assert_eq!(page.meta.total_count, Some(3));
    let sent = page.raw_json().unwrap();
    assert_eq!(sent, serde_json::json!({"success": true, "data": [{"id": 2}], "meta": {"total_count": 3}}));
    // Without a meta, the envelope carries an empty one.
    mock.business_v1().get_appointment().respond(ok(Default::default())).await;
    let one = api.get_appointment(4564, 9, &Default::default()).await.unwrap();
    assert_eq!(one.raw_json().unwrap(), serde_json::json!({"success": true, "data": {}, "meta": []}));
    assert!(one.meta.is_empty());
}

#[tokio::test]
async fn answers_in_sequence_with_times() {
    let mock = MockServer::start().await;
    let countries = mock.developers().get_country_list();
    mock.developers().get_country_list().times(1).respond(error(503, "busy")).await;
    countries
        .respond(altegio_api::mock::Reply::json(200, serde_json::json!({"success": true, "data": []})))
        .await;
    let api = mock.client().developers();
    assert_eq!(api.get_country_list().await.unwrap_err().status().map(|s| s.as_u16()), Some(503));
    assert_eq!(api.get_country_list().await.unwrap().status, 200);
}

#[tokio::test]
async fn a_timeout() {
    let mock = MockServer::start().await;
    mock.business_v1()
        .get_appointment_list()
        .respond(ok(appointments(&[1])).delay(Duration::from_secs(5)))
        .await;
    let started = std::time::Instant::now();
    let err = mock
        .client()
        .business_v1()
        .get_appointment_list(4564, &Default::default())
        .timeout(Duration::from_millis(100))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        matches!(err, Error::Timeout { operation_id: "get_appointment_list", attempts: 1, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("after 1 attempt (100 ms limit"), "{err}");
    // The mock's client does not retry: one attempt, well before the delay.
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(mock.received().await.len(), 1);
}
