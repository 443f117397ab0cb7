//! Notices on in-memory fakes, at Xã Bảo Lâm (01290, Cao Bằng): a forward tells the next
//! holder; the step warnings of a fixed clock reach exactly whom they should, once, at the
//! minute their deadline passes (across the weekend of 7–8 March 2026); opt-outs, mandatory
//! late warnings, and a message that ends dead after its last attempt.

use ansinh_config::model::{JobName, NoticeKind};
use ansinh_config::schedule::JobSchedule;
use ansinh_core::calendar::local::from_local;
use ansinh_core::dossier::Command;
use ansinh_core::{DossierId, ErrorCode, Pii, UnitId};
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::AppError;
use crate::dossier::Application;
use crate::fakes::World;
use crate::identity::Principal;
use crate::model::TenantScope;

fn local(text: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    from_local(naive).with_timezone(&Utc)
}

async fn with_email(world: &World, officer: &Principal, email: &str) {
    world
        .app
        .identity
        .update_profile(officer, &officer.display_name, (None, None, Some(email)))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
}

/// Received at 08:00 Monday 2 March and forwarded to the social officer at 09:00.
async fn forwarded(world: &World, reception: &Principal, email: Option<&str>) -> DossierId {
    let unit = UnitId::parse("01290@2025-07-01").unwrap_or_else(|e| panic!("{e}"));
    let mut fields =
        std::collections::BTreeMap::from([("dia_chi".to_owned(), "Thôn Nà Pồng".to_owned())]);
    if let Some(email) = email {
        fields.insert("thu_dien_tu".to_owned(), email.to_owned());
    }
    let application = Application {
        applicant_name: Pii::new("Nông Thị Mai".to_owned()),
        applicant_id_number: None,
        fields: Pii::new(fields),
    };
    let dossiers = &world.app.dossiers;
    let created = dossiers
        .create_dossier(reception, "2.000286", &unit, &application)
        .await
        .unwrap_or_else(|e| panic!("create: {e:?}"));
    dossiers
        .act(reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("receive: {e:?}"));
    world.at(local("2026-03-02T09:00"));
    let forward = Command::Forward {
        to: "tham-dinh".to_owned(),
        handler: String::new(),
    };
    dossiers
        .act(reception, &created.id, forward, "Đủ thành phần")
        .await
        .unwrap_or_else(|e| panic!("forward: {e:?}"));
    created.id
}

/// (kind, recipient, not before) of every stored message.
fn summary(world: &World) -> Vec<(NoticeKind, String, DateTime<Utc>)> {
    world
        .notices
        .stored("04")
        .into_iter()
        .map(|m| {
            (
                m.message.kind,
                m.message.recipient.expose().clone(),
                m.message.not_before,
            )
        })
        .collect()
}

#[tokio::test]
async fn a_forward_tells_the_next_holder_and_the_mail_goes_out_once() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    let social = world.officer("04", "vhxh.01290").await;
    with_email(&world, &social, "vhxh.01290@caobang.gov.vn").await;
    forwarded(&world, &reception, None).await;
    let scope = TenantScope::new(reception.tenant.clone());
    let expanded = world
        .app
        .notices
        .expand_outbox(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    // The receipt (held by reception itself: no one told) and the forward.
    assert_eq!(
        (expanded.events, expanded.messages, expanded.failed),
        (2, 1, 0)
    );
    assert_eq!(
        summary(&world),
        [(
            NoticeKind::HandedOver,
            "vhxh.01290@caobang.gov.vn".to_owned(),
            local("2026-03-02T09:00")
        )]
    );
    let delivered = world
        .app
        .notices
        .deliver_due(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (delivered.sent, delivered.retried, delivered.dead),
        (1, 0, 0)
    );
    let mails = world.notices.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "[04.01290-260302-0001] Hồ sơ chuyển đến đồng chí: Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng"
    );
    assert_eq!(mails[0].to.expose(), "vhxh.01290@caobang.gov.vn");
    assert!(
        mails[0].text.contains("Kính gửi đồng chí"),
        "{}",
        mails[0].text
    );
    // Nothing left: a second round sends nothing more.
    let again = world
        .app
        .notices
        .deliver_due(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again.attempted(), 0);
    assert_eq!(
        world
            .app
            .notices
            .expand_outbox(&scope)
            .await
            .map(|e| e.events)
            .ok(),
        Some(0)
    );
}

#[tokio::test]
async fn step_warnings_on_a_fixed_clock_reach_exactly_whom_they_should_once() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    let social = world.officer("04", "vhxh.01290").await;
    let leader = world.officer("04", "lanhdao.01290").await;
    with_email(&world, &social, "vhxh.01290@caobang.gov.vn").await;
    with_email(&world, &leader, "lanhdao.01290@caobang.gov.vn").await;
    forwarded(&world, &reception, None).await;
    let scope = TenantScope::new(reception.tenant.clone());
    let minutely = JobSchedule::parse("0 * * * * *").unwrap_or_else(|e| panic!("{e}"));
    // Every minute from Monday 09:00 to Tuesday 10 March 10:00, each tick run once.
    for tick in minutely.between(local("2026-03-02T09:00"), local("2026-03-10T10:00")) {
        world.at(tick);
        world
            .app
            .notices
            .run_job(&scope, JobName::SlaWarnings, tick)
            .await
            .unwrap_or_else(|e| panic!("{tick}: {e:?}"));
    }
    // Due Tuesday 10 March 09:00 (six working days, the weekend skipped); due soon one working
    // day (eight working hours) before: Monday 9 March 08:30, not on the weekend.
    assert_eq!(
        summary(&world),
        [
            (
                NoticeKind::StepDueSoon,
                "vhxh.01290@caobang.gov.vn".to_owned(),
                local("2026-03-09T08:30")
            ),
            (
                NoticeKind::StepLate,
                "vhxh.01290@caobang.gov.vn".to_owned(),
                local("2026-03-10T09:00")
            ),
            (
                NoticeKind::StepLate,
                "lanhdao.01290@caobang.gov.vn".to_owned(),
                local("2026-03-10T09:00")
            ),
        ]
    );
}

#[tokio::test]
async fn officers_turn_off_what_they_want_except_late_warnings() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let social = world.officer("04", "vhxh.01290").await;
    let notices = &world.app.notices;
    let settings = notices
        .set_my_setting(&social, NoticeKind::HandedOver, false)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let shown: Vec<(NoticeKind, bool, bool)> = settings
        .iter()
        .map(|s| (s.kind, s.enabled, s.optional))
        .collect();
    assert_eq!(
        shown,
        [
            (NoticeKind::HandedOver, false, true),
            (NoticeKind::StepDueSoon, true, true),
            (NoticeKind::StepLate, true, false),
            (NoticeKind::LateDigest, true, true),
            (NoticeKind::AutoReturned, true, true),
            (NoticeKind::AppointmentPassed, true, false),
        ]
    );
    let refused = notices
        .set_my_setting(&social, NoticeKind::StepLate, false)
        .await;
    assert!(matches!(
        refused,
        Err(AppError::InvalidInput {
            code: ErrorCode::NoticeMandatory,
            ..
        })
    ));
    let refused = notices
        .set_my_setting(&social, NoticeKind::ResultReady, false)
        .await;
    assert!(matches!(
        refused,
        Err(AppError::InvalidInput {
            code: ErrorCode::NoticeNotForOfficers,
            ..
        })
    ));
    // Turned off, the forward tells nobody.
    with_email(&world, &social, "vhxh.01290@caobang.gov.vn").await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    forwarded(&world, &reception, None).await;
    let scope = TenantScope::new(reception.tenant.clone());
    let expanded = notices
        .expand_outbox(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(expanded.messages, 0);
}

#[tokio::test]
async fn a_refused_address_ends_dead_after_the_last_attempt_and_can_be_put_back() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    let social = world.officer("04", "vhxh.01290").await;
    with_email(&world, &social, "vhxh@khong-nhan.test").await;
    forwarded(&world, &reception, None).await;
    let scope = TenantScope::new(reception.tenant.clone());
    let notices = &world.app.notices;
    notices
        .expand_outbox(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let mut at = local("2026-03-02T09:00");
    let mut outcomes = Vec::new();
    for _ in 0..12 {
        world.at(at);
        let done = notices
            .deliver_due(&scope)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        outcomes.push((done.sent, done.retried, done.dead));
        at += chrono::Duration::hours(2);
    }
    // Eight attempts two hours apart (the backoff never exceeds an hour), the last one dead.
    assert_eq!(
        outcomes,
        [
            (0, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 1, 0),
            (0, 0, 1),
            (0, 0, 0),
            (0, 0, 0),
            (0, 0, 0),
            (0, 0, 0)
        ]
    );
    let admin = world.officer("VN", "quantri.nentang").await;
    let dead = notices
        .messages_with_status(&admin, &scope, crate::notices::MessageStatus::Dead, 10)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(dead.len(), 1);
    assert_eq!(
        dead[0].last_error.as_deref(),
        Some("550 mailbox unavailable")
    );
    let forbidden = notices.retry_message(&social, &scope, &dead[0].id).await;
    assert!(matches!(forbidden, Err(AppError::Forbidden(_))));
    notices
        .retry_message(&admin, &scope, &dead[0].id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let again = notices.retry_message(&admin, &scope, &dead[0].id).await;
    assert!(matches!(
        again,
        Err(AppError::InvalidInput {
            code: ErrorCode::MessageNotDead,
            ..
        })
    ));
    let done = notices
        .deliver_due(&scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((done.retried, done.dead), (1, 0));
}
