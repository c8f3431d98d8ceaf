//! A new user's first day with `altegio-api`, as the README shows it and
//! through its public API only: sign in, page through the appointments,
//! create a client and book them, handle an API error and a timeout, and
//! read a webhook. The server is the crate's own mock (`mock` feature).

use std::time::Duration;

use altegio_api::business_v1::{
    AppointmentListData as Appointment, AppointmentListParams, AppointmentRequest as NewAppointment,
    AppointmentRequestClient as Visitor, AppointmentRequestService as BookedService, AuthRequest,
    AuthorizeUser, CreateClientRequest as NewClient,
};
use altegio_api::developers::{parse_webhook, WebhookEvent};
use altegio_api::mock::{error, ok, MockServer};
use altegio_api::{Client, Error, TimeoutCause};
use futures_util::StreamExt;

const LOCATION: i64 = 4564;

fn appointment(id: i64) -> Appointment {
    let mut a = Appointment::default();
    a.id = Some(id);
    a
}

#[tokio::test]
async fn sign_in_page_create_book_fail_time_out_and_read_a_webhook() {
    let mock = MockServer::start().await;

    // Sign in: a partner-only client trades a login for the user's token.
    let mut user = AuthorizeUser::default();
    user.user_token = Some("token-of-j-smith".into());
    let auth = mock.business_v1().authorize_user().respond(ok(user)).await;
    let partner = Client::builder().partner_token("partner-token").base_url(mock.uri()).build().unwrap();
    let client = partner.sign_in("j.smith@example.com", "secret").await.unwrap();
    let sent = auth.received().await;
    assert_eq!(sent.len(), 1);
    let login: AuthRequest = sent[0].json().unwrap();
    assert_eq!(login.login, "j.smith@example.com");
    assert_eq!(sent[0].header("authorization"), Some("Bearer partner-token"));

    // Page through the day's appointments: two full pages of 2, one short.
    for (page, ids) in [("1", &[1, 2][..]), ("2", &[3, 4][..]), ("3", &[5][..])] {
        mock.business_v1()
            .get_appointment_list()
            .with_query("page", page)
            .respond(ok(ids.iter().map(|id| appointment(*id)).collect::<Vec<_>>()))
            .await;
    }
    let day = AppointmentListParams::default().start_date("2026-04-20").end_date("2026-04-20").count(2);
    let mut ids = Vec::new();
    let mut pages = std::pin::pin!(client.business_v1().get_appointment_list_stream(LOCATION, day));
    while let Some(appointment) = pages.next().await {
        ids.extend(appointment.unwrap().id);
    }
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    let listed = mock.business_v1().get_appointment_list().received().await;
    assert_eq!(listed.len(), 3);
    for request in &listed {
        // The user's calls carry both tokens.
        assert_eq!(request.header("authorization"), Some("Bearer partner-token, User token-of-j-smith"));
    }

    // Create a client, then book them: required fields in `new`, the
    // rest by setters, borrowed `&str` where the type keeps a `String`.
    let created = mock.business_v1().create_client().respond(ok(Default::default())).await;
    let new_client = NewClient::new("James", "+13155550175").email("james@example.com");
    client.business_v1().create_client(LOCATION, &new_client).await.unwrap();
    let sent: NewClient = created.received().await[0].json().unwrap();
    assert_eq!((sent.name.as_str(), sent.phone.as_str()), ("James", "+13155550175"));
    assert_eq!(sent.email.as_deref(), Some("james@example.com"));

    let booked = mock.business_v1().create_appointment().respond(ok(vec![appointment(501)])).await;
    let booking = NewAppointment::default()
        .staff_id(7)
        .services(vec![BookedService::default().id(12)])
        .client(Visitor::default().name("James").phone("+13155550175"))
        .datetime("2026-04-20 18:30:00")
        .seance_length(3600.0);
    let answer = client.business_v1().create_appointment(LOCATION, &booking).await.unwrap();
    // The method returns the envelope's data, typed.
    assert_eq!(answer.body.iter().filter_map(|a| a.id).collect::<Vec<_>>(), [501]);
    assert_eq!(booked.received().await[0].path, format!("/records/{LOCATION}"));

    // An API error: the status and Altegio's message, typed.
    mock.business_v1().get_appointment().respond(error(404, "Appointment not found")).await;
    let err = client.business_v1().get_appointment(LOCATION, 9, &Default::default()).await.unwrap_err();
    match &err {
        Error::Api { status, message, .. } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(message.as_deref(), Some("Appointment not found"));
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }

    // A timeout: the error says so, with the attempts and the limit.
    let impatient = mock.builder().timeout(Duration::from_millis(100)).build().unwrap();
    mock.developers().get_country_list().respond(ok(Vec::new()).delay(Duration::from_secs(2))).await;
    let err = impatient.developers().get_country_list().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    match &err {
        Error::Timeout { attempts, attempt_timeout, cause, .. } => {
            assert_eq!((*attempts, *attempt_timeout), (1, Duration::from_millis(100)));
            assert_eq!(*cause, TimeoutCause::Attempt);
        }
        other => panic!("expected Error::Timeout, got {other:?}"),
    }
    assert!(err.to_string().contains("after 1 attempt (100 ms"), "{err}");

    // A webhook: Altegio may send several events in one body; one this
    // version does not know stays readable.
    let body = br#"[
        {"company_id": 4564, "resource": "record", "resource_id": 501, "status": "create", "data": {}},
        {"company_id": 4564, "resource": "holiday", "resource_id": 1, "status": "create", "data": {}}
    ]"#;
    let events = parse_webhook(body).unwrap();
    assert_eq!(events.len(), 2);
    match &events[0] {
        WebhookEvent::Record(record) => assert_eq!((record.company_id, record.resource_id), (4564, 501)),
        other => panic!("expected a record event, got {other:?}"),
    }
    assert!(matches!(&events[1], WebhookEvent::Unknown(v) if v["resource"] == "holiday"), "{:?}", events[1]);
}
