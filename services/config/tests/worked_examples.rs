//! Worked examples of the SLA clock on the shipped configuration (national schedules 2024–2026,
//! the provinces' offices and receipt cut-offs).

use std::path::PathBuf;

use ansinh_config::ConfigSet;
use ansinh_config::calendar::calendar_layers;
use ansinh_core::calendar::{
    Budget, ClockEvent, DayKind, SlaClock, SlaStatus, WorkingCalendar, explain, receipt_start,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|day| day.and_hms_opt(h, mi, 0))
        .unwrap_or_default()
}

fn shipped() -> ConfigSet {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config-tenants");
    let (set, problems) = ansinh_config::load_dir(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    set.unwrap_or_else(|| panic!("config-tenants does not load"))
}

/// The commune reception office of a province, its calendar for 2025–2027 and its cut-off.
fn commune_office(folder: &str) -> (WorkingCalendar, NaiveTime) {
    let set = shipped();
    let province = &set.provinces[folder];
    let office = province
        .offices
        .offices
        .iter()
        .find(|office| office.code == "mot-cua-xa")
        .unwrap_or_else(|| panic!("no commune office in {folder}"));
    let layers = calendar_layers(&set.national, province, office);
    (
        WorkingCalendar::build(&layers, 2025..=2027),
        province.calendar.receipt_cutoff,
    )
}

#[test]
fn burial_support_received_friday_1630_before_tet_2026() {
    // Cao Bằng, cut-off 16:30: received on Friday 13 Feb 2026 at 16:30, the last working day
    // before the Tết break (14–22 Feb). Commune 2 working days, then 3 more.
    let (calendar, cutoff) = commune_office("04-cao-bang");
    let received = at(2026, 2, 13, 16, 30);
    let commune = SlaClock {
        budget: Budget::Days(2),
        warn_minutes: 240,
        receipt_cutoff: cutoff,
        events: vec![ClockEvent::Start { at: received }],
    };
    let state = commune
        .evaluate(&calendar, received)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state.effective_start, Some(received));
    assert_eq!(state.due, Some(at(2026, 2, 24, 16, 30)));
    let next = SlaClock {
        budget: Budget::Days(3),
        events: vec![ClockEvent::Start {
            at: at(2026, 2, 24, 16, 30),
        }],
        ..commune.clone()
    };
    let next_state = next
        .evaluate(&calendar, received)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(next_state.due, Some(at(2026, 2, 27, 16, 30)));
    // The whole five days from reception end at the same instant.
    let whole = SlaClock {
        budget: Budget::Days(5),
        ..commune.clone()
    };
    assert_eq!(
        whole.evaluate(&calendar, received).map(|s| s.due),
        Ok(Some(at(2026, 2, 27, 16, 30)))
    );

    let days =
        explain(&calendar, &state, received, cutoff, received).unwrap_or_else(|e| panic!("{e}"));
    let first = &days[0];
    assert_eq!(
        first
            .counted
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["16:30-17:00"]
    );
    assert_eq!(first.notes, vec!["tiếp nhận lúc 16:30"]);
    let tet = days
        .iter()
        .find(|d| d.date == NaiveDate::from_ymd_opt(2026, 2, 17).unwrap_or_default());
    assert_eq!(
        tet.map(|d| (d.kind, d.counted_minutes, d.notes.clone())),
        Some((
            DayKind::Holiday,
            0,
            vec!["không tính: Tết Nguyên đán".to_owned()]
        ))
    );
    let skipped = days.iter().filter(|d| d.counted_minutes == 0).count();
    assert_eq!(skipped, 9, "14–22 Feb are not counted");
    assert_eq!(
        days.last().map(|d| d.notes.clone()),
        Some(vec!["hạn xử lý 16:30".to_owned()])
    );
}

#[test]
fn received_at_1510_with_a_1500_cutoff_counts_from_the_next_morning() {
    // Lai Châu's cut-off is 15:00.
    let (calendar, cutoff) = commune_office("12-lai-chau");
    let received = at(2026, 3, 11, 15, 10); // Wednesday
    assert_eq!(
        receipt_start(&calendar, received, cutoff),
        Ok(at(2026, 3, 12, 7, 30))
    );
    let clock = SlaClock {
        budget: Budget::Minutes(4 * 60),
        warn_minutes: 60,
        receipt_cutoff: cutoff,
        events: vec![ClockEvent::Start { at: received }],
    };
    let state = clock
        .evaluate(&calendar, received)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state.due, Some(at(2026, 3, 12, 11, 30)));
    assert_eq!(state.warn_at, Some(at(2026, 3, 12, 10, 30)));
    let days =
        explain(&calendar, &state, received, cutoff, received).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        days[0].notes,
        vec![
            "tiếp nhận lúc 15:10".to_owned(),
            "sau giờ chốt tiếp nhận 15:00: tính từ ngày làm việc kế tiếp".to_owned()
        ]
    );
    assert_eq!(days[0].counted_minutes, 0);
}

#[test]
fn a_supplement_pause_across_a_weekend() {
    let (calendar, cutoff) = commune_office("04-cao-bang");
    let events = vec![
        ClockEvent::Start {
            at: at(2026, 3, 5, 8, 0),
        }, // Thursday
        ClockEvent::Pause {
            at: at(2026, 3, 6, 10, 0),
            reason: "chờ bổ sung giấy chứng tử".into(),
        },
        ClockEvent::Resume {
            at: at(2026, 3, 9, 14, 0),
        }, // Monday
    ];
    let clock = SlaClock {
        budget: Budget::Days(3),
        warn_minutes: 0,
        receipt_cutoff: cutoff,
        events,
    };
    let now = at(2026, 3, 9, 15, 0);
    let state = clock
        .evaluate(&calendar, now)
        .unwrap_or_else(|e| panic!("{e}"));
    // Thu 08:00 → Fri 10:00 uses 1 day and 120 minutes of a 450-minute day (1.27 days); the
    // remaining 1.73 days count from Monday 14:00 and end on Wednesday at 10:00.
    assert_eq!(state.due, Some(at(2026, 3, 11, 10, 0)));
    assert_eq!(state.status, SlaStatus::NotDue);
    let plain = SlaClock {
        events: clock.events[..1].to_vec(),
        ..clock.clone()
    };
    assert_eq!(
        plain.evaluate(&calendar, now).map(|s| s.due),
        Ok(Some(at(2026, 3, 10, 8, 0)))
    );
    let days = explain(&calendar, &state, at(2026, 3, 5, 8, 0), cutoff, now)
        .unwrap_or_else(|e| panic!("{e}"));
    let notes = |day: u32| {
        days.iter()
            .find(|d| d.date == NaiveDate::from_ymd_opt(2026, 3, day).unwrap_or_default())
            .map(|d| (d.counted_minutes, d.notes.clone()))
    };
    assert_eq!(
        notes(6),
        Some((150, vec!["tạm dừng: chờ bổ sung giấy chứng tử".to_owned()]))
    );
    assert_eq!(
        notes(7),
        Some((0, vec!["không tính: nghỉ hằng tuần".to_owned()]))
    );
    assert_eq!(
        notes(9),
        Some((180, vec!["tạm dừng: chờ bổ sung giấy chứng tử".to_owned()]))
    );
}

#[test]
fn a_make_up_saturday_counts_as_a_working_day() {
    // Saturday 10 Jan 2026 was worked to take Friday 2 Jan off.
    let (calendar, cutoff) = commune_office("04-cao-bang");
    let saturday = calendar
        .day(NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saturday.kind, DayKind::MakeUp);
    assert_eq!(saturday.sessions.len(), 2);
    let clock = SlaClock {
        budget: Budget::Days(1),
        warn_minutes: 0,
        receipt_cutoff: cutoff,
        events: vec![ClockEvent::Start {
            at: at(2026, 1, 9, 16, 0),
        }],
    };
    let state = clock
        .evaluate(&calendar, at(2026, 1, 9, 16, 0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state.due, Some(at(2026, 1, 10, 16, 0)));
    let days = explain(
        &calendar,
        &state,
        at(2026, 1, 9, 16, 0),
        cutoff,
        at(2026, 1, 9, 16, 0),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        days[1].notes,
        vec![
            "ngày làm bù: Làm bù cho ngày nghỉ 02/01/2026 (dịp Tết Dương lịch)".to_owned(),
            "hạn xử lý 16:00".to_owned()
        ]
    );
    // And the swapped Friday 2 Jan is a day off.
    let friday = calendar
        .day(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap_or_default())
        .map(|d| d.kind);
    assert_eq!(friday, Ok(DayKind::DayOff));
}
