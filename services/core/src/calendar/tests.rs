//! Tests of the working calendar and the SLA clock on rule-based calendars.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use proptest::prelude::*;

use super::*;

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap_or_default()
        .and_time(time(h, mi))
}

/// 07:30–11:30 and 13:30–17:00 Monday to Friday; Saturday morning when `saturday`.
pub(crate) fn commune_week(saturday: bool) -> WeekPattern {
    let day = vec![
        Session {
            start: time(7, 30),
            end: time(11, 30),
        },
        Session {
            start: time(13, 30),
            end: time(17, 0),
        },
    ];
    let mut days: Vec<(Weekday, Vec<Session>)> = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
    .into_iter()
    .map(|weekday| (weekday, day.clone()))
    .collect();
    if saturday {
        days.push((
            Weekday::Sat,
            vec![Session {
                start: time(7, 30),
                end: time(11, 30),
            }],
        ));
    }
    WeekPattern::new(days)
}

fn calendar(saturday: bool) -> WorkingCalendar {
    let layers = CalendarLayers {
        week: commune_week(saturday),
        ..CalendarLayers::default()
    };
    WorkingCalendar::build(&layers, 2023..=2027)
}

fn clock(budget: Budget, events: Vec<ClockEvent>) -> SlaClock {
    SlaClock {
        budget,
        warn_minutes: 240,
        receipt_cutoff: time(16, 0),
        events,
    }
}

#[test]
fn minutes_skip_lunch_nights_and_weekends() {
    let cal = calendar(false);
    // Friday 10:30 + 4 h: 1 h before lunch, 3 h after → 16:30.
    assert_eq!(
        cal.add_working_minutes(at(2025, 3, 7, 10, 30), 240),
        Ok(at(2025, 3, 7, 16, 30))
    );
    // Friday 16:30 + 1 h → Monday 08:00.
    assert_eq!(
        cal.add_working_minutes(at(2025, 3, 7, 16, 30), 60),
        Ok(at(2025, 3, 10, 8, 0))
    );
    // A budget running out at the end of a session is due then, not next morning.
    assert_eq!(
        cal.add_working_minutes(at(2025, 3, 7, 13, 30), 210),
        Ok(at(2025, 3, 7, 17, 0))
    );
    assert_eq!(
        cal.working_minutes_between(at(2025, 3, 7, 16, 30), at(2025, 3, 10, 8, 0)),
        Ok(60)
    );
}

#[test]
fn rule_holidays_are_skipped() {
    let cal = calendar(false);
    // Tuesday 29 Apr 2025 17:00 + 1 h: 30 Apr and 1 May are holidays → Friday 2 May 08:30.
    assert_eq!(
        cal.add_working_minutes(at(2025, 4, 29, 16, 0), 90),
        Ok(at(2025, 5, 2, 8, 0))
    );
    let day = cal.day(NaiveDate::from_ymd_opt(2025, 4, 30).unwrap_or_default());
    assert_eq!(
        day.map(|d| (d.kind, d.layer)),
        Ok((DayKind::Holiday, Layer::Rules))
    );
}

#[test]
fn whole_days_keep_the_time_of_day() {
    let cal = calendar(false);
    let received = at(2025, 3, 6, 16, 30); // Thursday
    assert_eq!(
        cal.add_working_days(received, 2),
        Ok(at(2025, 3, 10, 16, 30))
    );
    // Received at the first minute: due at the end of the last day, not the next morning.
    assert_eq!(
        cal.add_working_days(at(2025, 3, 10, 7, 30), 1),
        Ok(at(2025, 3, 10, 17, 0))
    );
}

#[test]
fn whole_days_keep_the_time_of_day_across_a_short_saturday() {
    let cal = calendar(true);
    // Saturday 07:30-11:30 only.
    assert_eq!(
        cal.add_working_days(at(2025, 3, 8, 10, 0), 1),
        Ok(at(2025, 3, 10, 10, 0))
    );
    assert_eq!(
        cal.add_working_days(at(2025, 3, 7, 10, 0), 1),
        Ok(at(2025, 3, 8, 10, 0))
    );
    // After Saturday's session: the end of it.
    assert_eq!(
        cal.add_working_days(at(2025, 3, 7, 15, 0), 1),
        Ok(at(2025, 3, 8, 11, 30))
    );
    assert_eq!(
        cal.working_days_between(at(2025, 3, 8, 10, 0), at(2025, 3, 10, 10, 0)),
        Ok(1.0)
    );
    let state = clock(
        Budget::Days(1),
        vec![ClockEvent::Start {
            at: at(2025, 3, 8, 10, 0),
        }],
    )
    .evaluate(&cal, at(2025, 3, 8, 10, 0))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state.due, Some(at(2025, 3, 10, 10, 0)));
}

#[test]
fn receipt_after_cutoff_or_outside_sessions_counts_from_the_next_session() {
    let cal = calendar(false);
    let cutoff = time(15, 0);
    assert_eq!(
        receipt_start(&cal, at(2025, 3, 7, 15, 10), cutoff),
        Ok(at(2025, 3, 10, 7, 30))
    );
    assert_eq!(
        receipt_start(&cal, at(2025, 3, 7, 14, 50), cutoff),
        Ok(at(2025, 3, 7, 14, 50))
    );
    assert_eq!(
        receipt_start(&cal, at(2025, 3, 7, 12, 0), cutoff),
        Ok(at(2025, 3, 7, 13, 30))
    );
    assert_eq!(
        receipt_start(&cal, at(2025, 3, 8, 9, 0), cutoff),
        Ok(at(2025, 3, 10, 7, 30))
    );
}

#[test]
fn a_pause_stops_the_clock_and_the_resume_restarts_it() {
    let cal = calendar(false);
    let events = vec![
        ClockEvent::Start {
            at: at(2025, 3, 3, 8, 0),
        },
        ClockEvent::Pause {
            at: at(2025, 3, 4, 8, 0),
            reason: "chờ bổ sung".into(),
        },
        ClockEvent::Resume {
            at: at(2025, 3, 6, 8, 0),
        },
    ];
    let state = clock(Budget::Days(3), events.clone())
        .evaluate(&cal, at(2025, 3, 6, 9, 0))
        .unwrap_or_else(|e| panic!("{e}"));
    // One day used (Mon 08:00 → Tue 08:00), two days left from Thursday 08:00 → Monday 08:00.
    assert_eq!(state.due, Some(at(2025, 3, 10, 8, 0)));
    assert!(!state.paused);
    assert_eq!(state.pauses.len(), 1);
    // While paused there is no due instant, and the state is not due.
    let paused = clock(Budget::Days(3), events[..2].to_vec())
        .evaluate(&cal, at(2025, 3, 5, 9, 0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (paused.due, paused.paused, paused.status),
        (None, true, SlaStatus::NotDue)
    );
}

#[test]
fn finished_work_is_early_on_time_or_late() {
    let cal = calendar(false);
    let run = |finish: NaiveDateTime| {
        clock(
            Budget::Minutes(480),
            vec![
                ClockEvent::Start {
                    at: at(2025, 3, 3, 13, 30),
                },
                ClockEvent::Finish { at: finish },
            ],
        )
        .evaluate(&cal, finish)
        .map(|state| (state.due, state.status))
    };
    let due = Some(at(2025, 3, 4, 14, 0));
    assert_eq!(run(at(2025, 3, 3, 16, 0)), Ok((due, SlaStatus::Early)));
    assert_eq!(run(at(2025, 3, 4, 10, 0)), Ok((due, SlaStatus::OnTime)));
    assert_eq!(run(at(2025, 3, 4, 14, 1)), Ok((due, SlaStatus::Late)));
}

#[test]
fn work_in_progress_is_not_due_due_soon_or_late() {
    let cal = calendar(false);
    let started = clock(
        Budget::Days(2),
        vec![ClockEvent::Start {
            at: at(2025, 3, 3, 7, 30),
        }],
    );
    let status = |now| started.evaluate(&cal, now).map(|s| s.status);
    assert_eq!(status(at(2025, 3, 3, 9, 0)), Ok(SlaStatus::NotDue));
    assert_eq!(status(at(2025, 3, 4, 14, 0)), Ok(SlaStatus::DueSoon));
    assert_eq!(status(at(2025, 3, 5, 8, 0)), Ok(SlaStatus::Late));
}

fn instant_in_range() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..(3 * 365), 0u32..(24 * 60)).prop_map(|(day, minute)| {
        at(2024, 1, 1, 0, 0)
            + chrono::Duration::days(day)
            + chrono::Duration::minutes(i64::from(minute))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn adding_minutes_is_additive_and_monotonic(
        start in instant_in_range(),
        a in 0i64..6_000,
        b in 0i64..6_000,
        saturday in any::<bool>(),
    ) {
        let cal = calendar(saturday);
        let via_a = cal.add_working_minutes(start, a).and_then(|mid| cal.add_working_minutes(mid, b));
        prop_assert_eq!(cal.add_working_minutes(start, a + b), via_a);
        let (low, high) = (a.min(b), a.max(b));
        prop_assert!(cal.add_working_minutes(start, low).ok() <= cal.add_working_minutes(start, high).ok());
    }

    #[test]
    fn results_land_on_working_instants(
        start in instant_in_range(),
        minutes in 0i64..6_000,
        days in 0u32..15,
    ) {
        let cal = calendar(true);
        let due = cal.add_working_minutes(start, minutes).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(cal.is_working_instant(due), Ok(true));
        let due = cal.add_working_days(start, days).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(cal.is_working_instant(due), Ok(true));
    }

    #[test]
    fn whole_days_are_monotonic(start in instant_in_range(), a in 0u32..20, b in 0u32..20) {
        let cal = calendar(false);
        let (low, high) = (a.min(b), a.max(b));
        prop_assert!(cal.add_working_days(start, low).ok() <= cal.add_working_days(start, high).ok());
    }

    #[test]
    fn a_pause_never_shortens_the_due_time(
        start in instant_in_range(),
        pause_after in 0i64..4_000,
        pause_for in 0i64..(20 * 24 * 60),
        budget_days in 1u32..12,
        in_minutes in any::<bool>(),
    ) {
        let cal = calendar(false);
        let budget = if in_minutes { Budget::Minutes(i64::from(budget_days) * 480) } else { Budget::Days(budget_days) };
        let paused_at = start + chrono::Duration::minutes(pause_after);
        let resumed_at = paused_at + chrono::Duration::minutes(pause_for);
        let now = resumed_at + chrono::Duration::minutes(1);
        let plain = clock(budget, vec![ClockEvent::Start { at: start }]).evaluate(&cal, now);
        let paused = clock(budget, vec![
            ClockEvent::Start { at: start },
            ClockEvent::Pause { at: paused_at, reason: "chờ bổ sung".into() },
            ClockEvent::Resume { at: resumed_at },
        ]).evaluate(&cal, now);
        let (plain, paused) = (plain.unwrap_or_else(|e| panic!("{e}")), paused.unwrap_or_else(|e| panic!("{e}")));
        prop_assert!(paused.due >= plain.due, "{:?} < {:?}", paused.due, plain.due);
    }
}
