//! Notices on in-memory fakes, at Xã Bảo Lâm (01290, Cao Bằng): a forward tells the next
//! holder; the step warnings of a fixed clock reach exactly whom they should, once, at the
//! minute their deadline passes (across the weekend of 7–8 March 2026, and across 30/4–1/5
//! and the weekend after); opt-outs, mandatory
//! late warnings, and a message that ends dead after its last attempt.

use ansinh_config::model::{JobName, NoticeKind};
use ansinh_config::schedule::JobSchedule;
use ansinh_core::ErrorCode;
use chrono::{DateTime, Utc};

use super::test_support::{forwarded, local, with_email};
use crate::AppError;
use crate::fakes::World;
use crate::model::TenantScope;

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
    forwarded(&world, &reception, "2026-03-02", None).await;
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

/// The step warnings of a dossier forwarded at 09:00 on `day`, every minute until `until`
/// run once: (kind, recipient, when) of each.
async fn step_warnings(day: &str, until: &str) -> Vec<(NoticeKind, String, DateTime<Utc>)> {
    let world = World::shipped(local(&format!("{day}T08:00"))).await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    let social = world.officer("04", "vhxh.01290").await;
    let leader = world.officer("04", "lanhdao.01290").await;
    with_email(&world, &social, "vhxh.01290@caobang.gov.vn").await;
    with_email(&world, &leader, "lanhdao.01290@caobang.gov.vn").await;
    forwarded(&world, &reception, day, None).await;
    let scope = TenantScope::new(reception.tenant.clone());
    let minutely = JobSchedule::parse("0 * * * * *").unwrap_or_else(|e| panic!("{e}"));
    for tick in minutely.between(local(&format!("{day}T09:00")), local(until)) {
        world.at(tick);
        world
            .app
            .notices
            .run_job(&scope, JobName::SlaWarnings, tick)
            .await
            .unwrap_or_else(|e| panic!("{tick}: {e:?}"));
    }
    summary(&world)
}

/// Due soon to the social officer, then late to them and the leader.
fn warned(soon: &str, late: &str) -> Vec<(NoticeKind, String, DateTime<Utc>)> {
    let social = "vhxh.01290@caobang.gov.vn".to_owned();
    vec![
        (NoticeKind::StepDueSoon, social.clone(), local(soon)),
        (NoticeKind::StepLate, social, local(late)),
        (
            NoticeKind::StepLate,
            "lanhdao.01290@caobang.gov.vn".to_owned(),
            local(late),
        ),
    ]
}

#[tokio::test]
async fn step_warnings_on_a_fixed_clock_reach_exactly_whom_they_should_once() {
    // Six working days from Monday 2 March 09:00, the weekend skipped: due Tuesday 10 March
    // 09:00; due soon one working day (eight working hours) before: Monday 9 March 08:30.
    assert_eq!(
        step_warnings("2026-03-02", "2026-03-10T10:00").await,
        warned("2026-03-09T08:30", "2026-03-10T09:00")
    );
}

#[tokio::test]
async fn step_warnings_skip_a_holiday_and_a_weekend() {
    // From Tuesday 28 April 09:00: 29/4, then 30/4 and 1/5 (holidays) and the weekend skipped,
    // 4–8 May: due Friday 8 May 09:00, due soon Thursday 7 May 08:30.
    assert_eq!(
        step_warnings("2026-04-28", "2026-05-08T10:00").await,
        warned("2026-05-07T08:30", "2026-05-08T09:00")
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
    forwarded(&world, &reception, "2026-03-02", None).await;
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
    forwarded(&world, &reception, "2026-03-02", None).await;
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
