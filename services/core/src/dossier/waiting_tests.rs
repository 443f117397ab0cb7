//! The system's return of an unsupplemented dossier and the apology letter's extension: who
//! may do them, and the instants and working minutes they come to on a calendar with a
//! weekend and a province day off.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::tests::{actor, monthly_allowance, now};
use super::*;
use crate::calendar::sla::{Budget, ClockEvent, ClockState, SlaClock, SlaStatus};
use crate::calendar::{CalendarLayers, WorkingCalendar};
use crate::{DomainError, ErrorCode};

fn at(month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .unwrap_or_default()
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap_or_default()
}

/// Monday to Friday, 07:30–11:30 and 13:30–17:00; Friday 13 March 2026 a province day off.
fn calendar() -> WorkingCalendar {
    let layers = CalendarLayers {
        week: crate::calendar::tests::commune_week(false),
        province_days_off: [(day(3, 13), "Nghỉ bù".to_owned())].into(),
        ..CalendarLayers::default()
    };
    WorkingCalendar::build(&layers, 2025..=2027)
}

fn code_of(result: Result<impl std::fmt::Debug, DomainError>) -> ErrorCode {
    match result {
        Err(DomainError::Flow { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A dossier at the social officer's step, asked for a supplement.
fn awaiting() -> DossierState {
    DossierState {
        status: Status::AwaitingSupplement,
        step: Some("tham-dinh".to_owned()),
        holder: Some("xh".to_owned()),
        created_by: "tn".to_owned(),
        forwarded_by: Some("tn".to_owned()),
        version: 3,
    }
}

#[test]
fn only_the_system_returns_a_dossier_whose_supplement_did_not_come() {
    let workflow = monthly_allowance();
    let close = Command::CloseUnsupplemented { waited_days: 30 };
    for officer in ["xh", "tn", "ld"] {
        let refused = decide(
            &workflow,
            &awaiting(),
            close.clone(),
            &actor(officer),
            now(),
        );
        assert_eq!(code_of(refused), ErrorCode::ActionNotAllowed, "{officer}");
    }
    let (next, event) = decide(
        &workflow,
        &awaiting(),
        close.clone(),
        &Actor::system(),
        now(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (next.status, next.holder, next.step.as_deref()),
        (Status::SupplementLapsed, None, Some("tham-dinh"))
    );
    assert_eq!(event.actor, SYSTEM_ACCOUNT);
    assert!(next.status.is_terminal());
    // Once the supplement is in, the system has nothing to return; nor can it act otherwise.
    let in_progress = DossierState {
        status: Status::InProgress,
        ..awaiting()
    };
    let late = decide(&workflow, &in_progress, close, &Actor::system(), now());
    assert_eq!(code_of(late), ErrorCode::ActionNotAllowed);
    let forward = Command::Forward {
        to: "lanh-dao".to_owned(),
        handler: "ld".to_owned(),
    };
    let refused = decide(&workflow, &in_progress, forward, &Actor::system(), now());
    assert_eq!(code_of(refused), ErrorCode::NotHolder);
}

#[test]
fn the_holder_extends_with_a_reason_while_the_dossier_is_processed() {
    let workflow = monthly_allowance();
    let in_progress = DossierState {
        status: Status::InProgress,
        ..awaiting()
    };
    let extend = |reason: &str| Command::ExtendAppointment {
        until: day(3, 20),
        reason: reason.to_owned(),
    };
    let (next, event) = decide(
        &workflow,
        &in_progress,
        extend("Chờ xác minh"),
        &actor("xh"),
        now(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (next.status, next.holder.as_deref()),
        (Status::InProgress, Some("xh"))
    );
    assert_eq!(event.command.name(), "extend_appointment");
    let no_reason = decide(&workflow, &in_progress, extend("  "), &actor("xh"), now());
    assert_eq!(code_of(no_reason), ErrorCode::ReasonRequired);
    let other = decide(&workflow, &in_progress, extend("Chờ"), &actor("xh2"), now());
    assert_eq!(code_of(other), ErrorCode::NotHolder);
    // While the citizen is supplementing, the clock is stopped: nothing to apologise for.
    let paused = decide(&workflow, &awaiting(), extend("Chờ"), &actor("xh"), now());
    assert_eq!(code_of(paused), ErrorCode::ActionNotAllowed);
}

/// The dossier's clock, five working days from Monday 2 March 08:00, evaluated at `now`.
fn overall_at(now: NaiveDateTime, extension: Option<(NaiveDateTime, i64)>) -> ClockState {
    let mut events = vec![ClockEvent::Start { at: at(3, 2, 8, 0) }];
    if let Some((at, minutes)) = extension {
        events.push(ClockEvent::Extend {
            at,
            minutes,
            reason: "Chờ xác minh".to_owned(),
        });
    }
    let clock = SlaClock {
        budget: Budget::Days(5),
        warn_minutes: 8 * 60,
        receipt_cutoff: NaiveTime::from_hms_opt(15, 0, 0).unwrap_or_default(),
        events,
    };
    clock
        .evaluate(&calendar(), now)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_apology_moves_the_appointment_to_the_end_of_a_later_working_day() {
    let calendar = calendar();
    // Due Monday 9 March 08:00 (the weekend skipped).
    let early = overall_at(at(3, 4, 9, 0), None);
    assert_eq!(early.due, Some(at(3, 9, 8, 0)));
    assert_eq!(
        code_of(appointment_extension(
            &calendar,
            early.status,
            early.due,
            day(3, 16)
        )),
        ErrorCode::AppointmentNotDue
    );
    let late = overall_at(at(3, 9, 10, 0), None);
    assert_eq!(late.status, SlaStatus::Late);
    for (until, code) in [
        (day(3, 9), ErrorCode::AppointmentNotLater),
        (day(3, 14), ErrorCode::NotAWorkingDay),
        (day(3, 13), ErrorCode::NotAWorkingDay),
    ] {
        assert_eq!(
            code_of(appointment_extension(
                &calendar,
                late.status,
                late.due,
                until
            )),
            code,
            "{until}"
        );
    }
    // To Monday 16 March: the rest of 9 March from 08:00 (7 h), 10–12 March (3 × 7 h 30),
    // Friday 13 off, Monday 16 whole (7 h 30): 37 h.
    let minutes = appointment_extension(&calendar, late.status, late.due, day(3, 16))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(minutes, 420 + 4 * 450);
    let extended = overall_at(at(3, 9, 10, 0), Some((at(3, 9, 9, 30), minutes)));
    assert_eq!(extended.due, Some(at(3, 16, 17, 0)));
    assert_eq!(extended.status, SlaStatus::NotDue);
    // Due soon (its last working day) is early enough for the letter.
    let due_soon = overall_at(at(3, 6, 9, 0), None);
    assert_eq!(due_soon.status, SlaStatus::DueSoon);
    assert!(appointment_extension(&calendar, due_soon.status, due_soon.due, day(3, 10)).is_ok());
}

#[test]
fn the_supplement_wait_counts_working_days_past_weekends_and_days_off() {
    // Asked Wednesday 4 March 10:00; reminded after 5 working days, returned after 10: the
    // weekends and Friday 13 March skipped.
    let (remind, lapse) =
        supplement_wait(&calendar(), at(3, 4, 10, 0), 5, 10).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(remind, at(3, 11, 10, 0));
    assert_eq!(lapse, at(3, 19, 10, 0));
}

#[test]
fn an_extension_on_the_timeline_extends_the_dossier_clock_only() {
    let point = |at, status, extension| TimelinePoint {
        at,
        status,
        step: Some("tham-dinh".to_owned()),
        extension,
    };
    let points = [
        TimelinePoint {
            at: at(3, 2, 8, 0),
            status: Status::Draft,
            step: None,
            extension: None,
        },
        point(at(3, 2, 8, 0), Status::InProgress, None),
        point(
            at(3, 9, 9, 0),
            Status::InProgress,
            Some(Extension {
                minutes: 450,
                reason: "Chờ xác minh".to_owned(),
            }),
        ),
    ];
    let budget = StepBudget {
        budget: Budget::Days(5),
        warn_minutes: 480,
    };
    let clocks = dossier_clocks(&points, |_| Some(budget), budget, NaiveTime::MIN);
    let overall = clocks.overall.unwrap_or_else(|| panic!("no clock"));
    assert_eq!(
        overall.events.last(),
        Some(&ClockEvent::Extend {
            at: at(3, 9, 9, 0),
            minutes: 450,
            reason: "Chờ xác minh".to_owned()
        })
    );
    assert_eq!(clocks.steps[0].clock.events.len(), 1);
}
