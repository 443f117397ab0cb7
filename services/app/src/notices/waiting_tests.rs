//! Waiting and lateness on in-memory fakes at Xã Bảo Lâm (01290, Cao Bằng, Monday to Friday):
//! a supplement asked on Monday 20 April 2026 is reminded after five working days and the
//! dossier returned by the system after thirty, across weekends, the Hùng Kings' observed day
//! off (27/4) and 30/4–1/5; a dossier past its appointment prompts its holder, whose apology
//! letter moves the appointment and reaches the citizen.

use ansinh_config::model::{JobName, NoticeKind};
use ansinh_config::schedule::JobSchedule;
use ansinh_core::ErrorCode;
use ansinh_core::dossier::{Command, SYSTEM_ACCOUNT, Status};
use chrono::{DateTime, NaiveDate, Utc};

use super::test_support::{forwarded, local, with_email};
use crate::AppError;
use crate::dossier::PersonalFields;
use crate::fakes::World;
use crate::model::TenantScope;

const APPLICANT: &str = "nong.thi.mai@example.vn";

/// Runs `job` at every tick of `cron` in `[from, until]`, the clock at each tick.
async fn run_ticks(
    world: &World,
    scope: &TenantScope,
    job: JobName,
    cron: &str,
    span: (&str, &str),
) {
    let schedule = JobSchedule::parse(cron).unwrap_or_else(|e| panic!("{e}"));
    for tick in schedule.between(local(span.0), local(span.1)) {
        world.at(tick);
        world
            .app
            .notices
            .run_job(scope, job, tick)
            .await
            .unwrap_or_else(|e| panic!("{tick}: {e:?}"));
        // The worker reads the outbox back as it goes.
        world
            .app
            .notices
            .expand_outbox(scope)
            .await
            .unwrap_or_else(|e| panic!("{tick}: {e:?}"));
    }
}

/// Expands the whole outbox; (kind, recipient, not before) of the stored messages of `kinds`.
async fn messages(
    world: &World,
    scope: &TenantScope,
    kinds: &[NoticeKind],
) -> Vec<(NoticeKind, String, DateTime<Utc>)> {
    while world
        .app
        .notices
        .expand_outbox(scope)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .events
        > 0
    {}
    let mut found: Vec<_> = world
        .notices
        .stored("04")
        .into_iter()
        .filter(|m| kinds.contains(&m.message.kind))
        .map(|m| {
            (
                m.message.kind,
                m.message.recipient.expose().clone(),
                m.message.not_before,
            )
        })
        .collect();
    found.sort_by_key(|(kind, _, at)| (*at, kind.as_str()));
    found
}

fn text_of(world: &World, kind: NoticeKind) -> (String, String) {
    let stored = world.notices.stored("04");
    let message = stored
        .iter()
        .find(|m| m.message.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} message"));
    (
        message.message.subject.clone(),
        message.message.text.clone(),
    )
}

#[tokio::test]
async fn a_supplement_not_brought_is_reminded_then_returned_by_the_system() {
    let world = World::shipped(local("2026-04-20T08:00")).await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    let social = world.officer("04", "vhxh.01290").await;
    with_email(&world, &social, "vhxh.01290@caobang.gov.vn").await;
    let id = forwarded(&world, &reception, "2026-04-20", Some(APPLICANT)).await;
    let scope = TenantScope::new(reception.tenant.clone());
    world.at(local("2026-04-20T10:00"));
    let ask = Command::RequestSupplement {
        missing: vec!["Giấy xác nhận khuyết tật".to_owned()],
    };
    let asked = world
        .app
        .dossiers
        .act(&social, &id, ask, "Thiếu giấy xác nhận")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    // Five working days: 21–24/4, then 27/4 off (Hùng Kings, observed): Tuesday 28/4.
    // Thirty: to Thursday 4 June, 30/4 and 1/5 skipped too.
    assert_eq!(
        (
            asked.record.deadlines.supplement_remind_at,
            asked.record.deadlines.supplement_lapse_at
        ),
        (
            Some(local("2026-04-28T10:00")),
            Some(local("2026-06-04T10:00"))
        )
    );
    run_ticks(
        &world,
        &scope,
        JobName::SupplementWait,
        "0 */15 * * * *",
        ("2026-04-20T09:59", "2026-06-05T17:00"),
    )
    .await;
    let kinds = [
        NoticeKind::SupplementRequested,
        NoticeKind::SupplementReminder,
        NoticeKind::SupplementLapsed,
        NoticeKind::AutoReturned,
    ];
    assert_eq!(
        messages(&world, &scope, &kinds).await,
        [
            (
                NoticeKind::SupplementRequested,
                APPLICANT.to_owned(),
                local("2026-04-20T10:00")
            ),
            (
                NoticeKind::SupplementReminder,
                APPLICANT.to_owned(),
                local("2026-04-28T10:00")
            ),
            (
                NoticeKind::SupplementLapsed,
                APPLICANT.to_owned(),
                local("2026-06-04T10:00")
            ),
            (
                NoticeKind::AutoReturned,
                "vhxh.01290@caobang.gov.vn".to_owned(),
                local("2026-06-04T10:00")
            ),
        ]
        .into_iter()
        .collect::<Vec<_>>()
        .tap_sorted()
    );
    let (subject, text) = text_of(&world, NoticeKind::SupplementReminder);
    assert!(
        subject.starts_with("Nhắc bổ sung hồ sơ 04.01290-260420-"),
        "{subject}"
    );
    assert!(text.contains("1. Giấy xác nhận khuyết tật"), "{text}");
    assert!(text.contains("từ ngày 20/04/2026"), "{text}");
    assert!(text.contains("04/06/2026 10:00"), "{text}");
    let (_, lapsed) = text_of(&world, NoticeKind::SupplementLapsed);
    assert!(
        lapsed.contains("đã chờ bổ sung 30 ngày làm việc kể từ ngày 20/04/2026"),
        "{lapsed}"
    );
    let view = world
        .app
        .dossiers
        .dossier(&social, &id, PersonalFields::default())
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(view.record.state.status, Status::SupplementLapsed);
    assert_eq!(view.record.state.holder, None);
    let last = view.events.last().unwrap_or_else(|| panic!("no events"));
    assert_eq!(
        (last.action.as_str(), last.actor.as_str(), last.at),
        (
            "close_unsupplemented",
            SYSTEM_ACCOUNT,
            local("2026-06-04T10:00")
        )
    );
    assert_eq!(last.read_details().waited_days, Some(30));
    // Nothing more on the ticks after: one reminder, one return.
    assert_eq!(world.notices.stored("04").len(), 5);
}

/// Sorting a literal list the same way `messages` sorts.
trait TapSorted {
    fn tap_sorted(self) -> Self;
}

impl TapSorted for Vec<(NoticeKind, String, DateTime<Utc>)> {
    fn tap_sorted(mut self) -> Self {
        self.sort_by_key(|(kind, _, at)| (*at, kind.as_str()));
        self
    }
}

fn code_of(result: Result<impl std::fmt::Debug, AppError>) -> ErrorCode {
    match result {
        Err(error) => ErrorCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == error.code())
            .unwrap_or(ErrorCode::Internal),
        Ok(value) => panic!("expected a refusal, got {value:?}"),
    }
}

#[tokio::test]
async fn a_dossier_past_its_appointment_prompts_the_apology_letter_that_moves_it() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    let social = world.officer("04", "vhxh.01290").await;
    with_email(&world, &social, "vhxh.01290@caobang.gov.vn").await;
    let id = forwarded(&world, &reception, "2026-03-02", Some(APPLICANT)).await;
    let scope = TenantScope::new(reception.tenant.clone());
    let extend = |until: (i32, u32, u32), reason: &str| Command::ExtendAppointment {
        until: NaiveDate::from_ymd_opt(until.0, until.1, until.2).unwrap_or_default(),
        reason: reason.to_owned(),
    };
    let dossiers = &world.app.dossiers;
    // Ten working days from Monday 2 March 08:00: due Monday 16 March 08:00.
    world.at(local("2026-03-12T10:00"));
    let early = dossiers
        .act(&social, &id, extend((2026, 3, 20), "Chờ xác minh"), "")
        .await;
    assert_eq!(code_of(early), ErrorCode::AppointmentNotDue);
    run_ticks(
        &world,
        &scope,
        JobName::SlaWarnings,
        "0 * * * * *",
        ("2026-03-16T07:00", "2026-03-16T09:00"),
    )
    .await;
    let view = dossiers
        .dossier(&social, &id, PersonalFields::default())
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        view.next_actions
            .iter()
            .any(|a| a.action == "extend_appointment"),
        "{:?}",
        view.next_actions
    );
    for (until, code) in [
        ((2026, 3, 16), ErrorCode::AppointmentNotLater),
        ((2026, 3, 21), ErrorCode::NotAWorkingDay),
    ] {
        let refused = dossiers
            .act(&social, &id, extend(until, "Chờ xác minh"), "")
            .await;
        assert_eq!(code_of(refused), code, "{until:?}");
    }
    let blank = dossiers
        .act(&social, &id, extend((2026, 3, 20), " "), "")
        .await;
    assert_eq!(code_of(blank), ErrorCode::ReasonRequired);
    let reason = "Cần xác minh thêm tại thôn Nà Pồng";
    let extended = dossiers
        .act(&social, &id, extend((2026, 3, 20), reason), "")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        extended.record.deadlines.due_at,
        Some(local("2026-03-20T17:00"))
    );
    let event = extended.events.last().unwrap_or_else(|| panic!("no event"));
    let details = event.read_details();
    // Monday 16 from 08:00 (7 h) and four whole days (7 h 30 each): 37 h.
    assert_eq!(
        (details.minutes, details.previous_due),
        (Some(420 + 4 * 450), Some(local("2026-03-16T08:00")))
    );
    let kinds = [NoticeKind::AppointmentPassed, NoticeKind::ApologyLetter];
    assert_eq!(
        messages(&world, &scope, &kinds).await,
        [
            (
                NoticeKind::AppointmentPassed,
                "vhxh.01290@caobang.gov.vn".to_owned(),
                local("2026-03-16T08:00")
            ),
            (
                NoticeKind::ApologyLetter,
                APPLICANT.to_owned(),
                local("2026-03-16T09:00")
            ),
        ]
    );
    let (subject, text) = text_of(&world, NoticeKind::ApologyLetter);
    assert!(
        subject.starts_with("Xin lỗi và hẹn lại ngày trả kết quả hồ sơ 04.01290-260302-"),
        "{subject}"
    );
    for part in [
        "ngày 16/03/2026",
        "Lý do: Cần xác minh thêm tại thôn Nà Pồng",
        "vào ngày **20/03/2026**",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}
