//! Background work on the real stores (SQLite, and PostgreSQL when configured): a forward's
//! notice read back from the outbox, delivered once into the file mailbox under the
//! Message-ID its key gives, and a job's tick claimed by exactly one caller.

use ansinh_app::TenantScope;
use ansinh_config::model::JobName;
use ansinh_core::TenantId;
use ansinh_testkit::Desk;
use serde_json::json;

use crate::support::{forward_to_social, received};

fn eml_files(dir: &std::path::Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".eml"))
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn a_forward_reaches_the_next_holder_once_in_the_mailbox() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    desk.ok(
        "vhxh.01290",
        "mutation { updateProfile(displayName: \"Lò Thị Hoa\", email: \"VHXH.01290@CaoBang.gov.vn\") { id } }",
        json!({}),
    )
    .await;
    let id = received(&desk, "Nông Thị Mai", json!([])).await["id"].clone();
    forward_to_social(&desk, &id, "2026-03-02T09:00:00").await;
    let notices = &desk.server.app.notices;
    let scope = TenantScope::new(TenantId::parse("04").unwrap_or_else(|e| panic!("{e:?}")));
    let expanded = notices
        .expand_outbox(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (expanded.events, expanded.messages, expanded.failed),
        (2, 1, 0)
    );
    assert_eq!(
        notices.expand_outbox(&scope).await.map(|e| e.events).ok(),
        Some(0)
    );
    let delivered = notices
        .deliver_due(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (delivered.sent, delivered.retried, delivered.dead),
        (1, 0, 0)
    );
    assert_eq!(
        notices
            .deliver_due(&scope)
            .await
            .map(|d| d.attempted())
            .ok(),
        Some(0)
    );
    let social = desk.id_of("vhxh.01290").await;
    let key = format!(
        "handed_over/{}/2/email/{}",
        id.as_str().unwrap_or_default(),
        social.as_str().unwrap_or_default()
    );
    let message_id = ansinh_app::notices::message_id("04", &key, "ansinh.local");
    let files = eml_files(desk.server.mailbox.path());
    assert_eq!(files, [format!("{}.eml", message_id.replace('@', "_"))]);
    let text = std::fs::read_to_string(desk.server.mailbox.path().join(&files[0]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.contains(&format!("Message-ID: <{message_id}>")),
        "{text}"
    );
    assert!(text.contains("To: VHXH.01290@caobang.gov.vn"), "{text}");
}

#[tokio::test]
async fn a_tick_is_claimed_by_exactly_one_caller() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let notices = &desk.server.app.notices;
    let scope = TenantScope::new(TenantId::parse("04").unwrap_or_else(|e| panic!("{e:?}")));
    let tick = chrono::DateTime::parse_from_rfc3339("2026-03-02T00:30:00Z")
        .unwrap_or_else(|e| panic!("{e}"))
        .to_utc();
    let first = notices
        .claim_tick(&scope, JobName::LateDigest, tick, "a")
        .await;
    let second = notices
        .claim_tick(&scope, JobName::LateDigest, tick, "b")
        .await;
    assert_eq!((first.ok(), second.ok()), (Some(true), Some(false)));
    // A tick cut short by shutdown may be claimed again, once.
    notices
        .finish_tick(&scope, JobName::LateDigest, tick, "cancelled", "SIGTERM")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let third = notices
        .claim_tick(&scope, JobName::LateDigest, tick, "b")
        .await;
    let fourth = notices
        .claim_tick(&scope, JobName::LateDigest, tick, "a")
        .await;
    assert_eq!((third.ok(), fourth.ok()), (Some(true), Some(false)));
    let run = notices
        .run_job(&scope, JobName::LateDigest, tick)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(run.detail, "không có hồ sơ quá hạn");
}
