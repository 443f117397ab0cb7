//! Mail through a real SMTP server (aiosmtpd, one per test): a notice waits while the server
//! is down and goes out once it is back, under the Message-ID its key gives; an address the
//! server refuses ends dead after the last attempt, is listed to the platform administrator
//! and, once retried, is delivered.

use ansinh_app::TenantScope;
use ansinh_app::notices::{Delivered, message_id};
use ansinh_core::TenantId;
use ansinh_testkit::{Desk, Options, SmtpSink};
use serde_json::{Value, json};

use crate::support::{forward_to_social, received};

const SOCIAL: &str = "vhxh.01290";
const ADDRESS: &str = "vhxh.01290@caobang.gov.vn";

fn scope() -> TenantScope {
    TenantScope::new(TenantId::parse("04").unwrap_or_else(|e| panic!("{e:?}")))
}

/// Creates a dossier at reception and forwards it to the social officer at `local` time.
async fn forwarded(desk: &Desk, applicant: &str, local: &str) -> Value {
    let dossier = received(desk, applicant, json!([])).await;
    forward_to_social(desk, &dossier["id"], local).await;
    dossier
}

async fn deliver(desk: &Desk) -> (u32, u32, u32) {
    let notices = &desk.server.app.notices;
    notices
        .expand_outbox(&scope())
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let Delivered {
        sent,
        retried,
        dead,
        ..
    } = notices
        .deliver_due(&scope())
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    (sent, retried, dead)
}

fn key_of(dossier: &Value, officer: &Value) -> String {
    let id = dossier["id"].as_str().unwrap_or_default();
    let officer = officer.as_str().unwrap_or_default();
    message_id(
        "04",
        &format!("handed_over/{id}/2/email/{officer}"),
        "ansinh.local",
    )
}

async fn admin(desk: &Desk, query: &str) -> Value {
    desk.server
        .data_as("VN", "quantri.nentang", query, json!({}))
        .await
}

#[tokio::test]
async fn a_notice_waits_for_the_mail_server_and_a_refused_address_dies_until_retried() {
    let mut sink = SmtpSink::start();
    let options = Options {
        smtp_port: Some(sink.port),
        max_attempts: Some(3),
        ..Options::default()
    };
    let desk = Desk::open_with("04", "2026-03-02T08:00:00", options).await;
    desk.ok(
        SOCIAL,
        "mutation($e: String!) { updateProfile(displayName: \"Lò Thị Hoa\", email: $e) { id } }",
        json!({"e": ADDRESS}),
    )
    .await;
    let social = desk.id_of(SOCIAL).await;

    // Down: the attempt fails and the message waits 30 s for the next one.
    sink.stop();
    let first = forwarded(&desk, "Nông Thị Mai", "2026-03-02T09:00:00").await;
    assert_eq!(deliver(&desk).await, (0, 1, 0));
    desk.at("2026-03-02T09:00:20").await;
    assert_eq!(deliver(&desk).await, (0, 0, 0));
    sink.resume();
    desk.at("2026-03-02T09:00:30").await;
    assert_eq!(deliver(&desk).await, (1, 0, 0));
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].envelope_to, [ADDRESS]);
    assert_eq!(mails[0].message_id, key_of(&first, &social));
    let subject = format!(
        "[{}] Hồ sơ chuyển đến đồng chí: {}",
        first["code"].as_str().unwrap_or_default(),
        first["procedure"]["name"].as_str().unwrap_or_default()
    );
    assert_eq!(mails[0].subject, subject);
    assert!(
        mails[0]
            .text
            .starts_with("Kính gửi đồng chí Lò Thị Hoa,\n\nHồ sơ **"),
        "{}",
        mails[0].text
    );
    assert!(mails[0].text.contains("của ông/bà Nông Thị Mai"));
    assert!(
        mails[0]
            .html
            .contains("<p>Kính gửi đồng chí Lò Thị Hoa,</p>"),
        "{}",
        mails[0].html
    );

    // Refused (550) at every attempt: dead after the third.
    sink.refuse(&[ADDRESS]);
    let second = forwarded(&desk, "Hoàng Văn Nam", "2026-03-02T10:00:00").await;
    assert_eq!(deliver(&desk).await, (0, 1, 0));
    desk.at("2026-03-02T10:00:30").await;
    assert_eq!(deliver(&desk).await, (0, 1, 0));
    desk.at("2026-03-02T10:01:30").await;
    assert_eq!(deliver(&desk).await, (0, 0, 1));
    let dead = admin(
        &desk,
        "{ outgoingMessages(tenant: \"04\", status: DEAD) { id kind channel recipientHint status attempts lastError dossierId sentAt } }",
    )
    .await;
    let row = &dead["outgoingMessages"][0];
    assert_eq!(dead["outgoingMessages"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        (
            &row["kind"],
            &row["channel"],
            &row["recipientHint"],
            &row["status"],
            &row["attempts"],
            &row["dossierId"],
            &row["sentAt"],
        ),
        (
            &json!("HANDED_OVER"),
            &json!("EMAIL"),
            &json!("v•••@caobang.gov.vn"),
            &json!("DEAD"),
            &json!(3),
            &second["id"],
            &Value::Null,
        )
    );
    let error = row["lastError"].as_str().unwrap_or_default();
    assert!(error.contains("550"), "{error}");
    let status = admin(
        &desk,
        "{ backgroundStatus(tenant: \"04\") { outboxDepth pendingMessages deadMessages sentMessages jobs { job schedule } } }",
    )
    .await;
    assert_eq!(
        status["backgroundStatus"],
        json!({
            "outboxDepth": 0, "pendingMessages": 0, "deadMessages": 1, "sentMessages": 1,
            "jobs": [
                {"job": "SLA_WARNINGS", "schedule": "0 * * * * *"},
                {"job": "LATE_DIGEST", "schedule": "0 30 7 * * *"},
                {"job": "SUPPLEMENT_WAIT", "schedule": "0 */15 * * * *"},
            ],
        })
    );
    let forbidden = desk
        .server
        .body_as(
            "04",
            "quantri.04",
            "{ backgroundStatus(tenant: \"04\") { outboxDepth } }",
            json!({}),
        )
        .await;
    assert_eq!(forbidden["errors"][0]["extensions"]["code"], "FORBIDDEN");

    // The address is fixed at the server: retried, it goes out under the same Message-ID.
    sink.refuse(&[]);
    let retry = "mutation($id: ID!) { retryMessage(tenant: \"04\", id: $id) }";
    let variables = json!({"id": row["id"]});
    let retried = desk
        .server
        .data_as("VN", "quantri.nentang", retry, variables.clone())
        .await;
    assert_eq!(retried["retryMessage"], true);
    let again = desk
        .server
        .body_as("VN", "quantri.nentang", retry, variables)
        .await;
    assert_eq!(again["errors"][0]["extensions"]["code"], "MESSAGE_NOT_DEAD");
    assert_eq!(deliver(&desk).await, (1, 0, 0));
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].message_id, key_of(&second, &social));
    assert!(mails[1].text.contains("của ông/bà Hoàng Văn Nam"));
}
