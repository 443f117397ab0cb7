//! Cost of the calendar operations the workflow engine calls on every transition and queue
//! page: a due instant 10 working days out (in working days and in working hours), working time
//! between two instants, and building one office's calendar (done once per configuration
//! version, then cached).

use std::hint::black_box;

use ansinh_core::calendar::{
    Budget, CalendarLayers, ClockEvent, Session, SlaClock, WeekPattern, WorkingCalendar,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap_or_default()
        .and_time(time(h, mi))
}

fn layers() -> CalendarLayers {
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
    let week = WeekPattern::new(
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|weekday| (weekday, day.clone())),
    );
    CalendarLayers {
        week,
        ..CalendarLayers::default()
    }
}

fn bench(c: &mut Criterion) {
    let layers = layers();
    let calendar = WorkingCalendar::build(&layers, 2025..=2028);
    let received = at(2026, 2, 13, 16, 30);
    c.bench_function("due: 10 working days", |b| {
        b.iter(|| calendar.add_working_days(black_box(received), black_box(10)))
    });
    c.bench_function("due: 80 working hours", |b| {
        b.iter(|| calendar.add_working_minutes(black_box(received), black_box(80 * 60)))
    });
    c.bench_function("working time between two instants", |b| {
        b.iter(|| {
            calendar.working_minutes_between(black_box(received), black_box(at(2026, 6, 1, 9, 0)))
        })
    });
    let clock = SlaClock {
        budget: Budget::Days(10),
        warn_minutes: 480,
        receipt_cutoff: time(16, 30),
        events: vec![
            ClockEvent::Start { at: received },
            ClockEvent::Pause {
                at: at(2026, 2, 25, 9, 0),
                reason: "chờ bổ sung".into(),
            },
            ClockEvent::Resume {
                at: at(2026, 3, 2, 14, 0),
            },
        ],
    };
    c.bench_function("SLA clock with a pause: 10 working days", |b| {
        b.iter(|| clock.evaluate(&calendar, black_box(at(2026, 3, 3, 9, 0))))
    });
    c.bench_function("build one office calendar (4 years, lunar holidays)", |b| {
        b.iter(|| WorkingCalendar::build(black_box(&layers), 2025..=2028))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
