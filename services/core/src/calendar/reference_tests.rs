//! Property tests of the working calendar and the SLA clock against a slow reference that steps
//! minute by minute, on calendars generated with every layer: official years (days off of each
//! kind, make-up days), province days off and working days, weekly sessions of any shape
//! (Saturday mornings, lunch breaks, short days), and clocks with pauses.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use proptest::prelude::*;

use super::layers::{BreakDay, CalendarLayers, OfficialYear, Session, WeekPattern};
use super::rules::rule_days;
use super::sla::{Budget, ClockEvent, SlaClock, SlaStatus};
use super::working::WorkingCalendar;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const FIRST_YEAR: i32 = 2025;
const LAST_YEAR: i32 = 2026;

fn date(ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(FIRST_YEAR, 1).unwrap_or_default() + Duration::days(i64::from(ordinal))
}

fn minute_of_day(minutes: u32) -> NaiveTime {
    NaiveTime::MIN + Duration::minutes(i64::from(minutes))
}

/// Up to three sessions between 06:00 and 19:00 on 5-minute boundaries.
fn sessions() -> impl Strategy<Value = Vec<Session>> {
    (0usize..=3)
        .prop_flat_map(|count| prop::collection::btree_set(72u32..228, count * 2))
        .prop_map(|bounds| {
            let bounds: Vec<u32> = bounds.into_iter().collect();
            bounds
                .chunks(2)
                .map(|pair| Session {
                    start: minute_of_day(pair[0] * 5),
                    end: minute_of_day(pair[1] * 5),
                })
                .collect()
        })
}

fn days_in_span() -> impl Strategy<Value = BTreeSet<NaiveDate>> {
    prop::collection::btree_set((0u32..730).prop_map(date), 0..25)
}

fn break_day() -> impl Strategy<Value = BreakDay> {
    prop_oneof![
        Just(BreakDay::Holiday),
        Just(BreakDay::WeeklyRest),
        Just(BreakDay::Observed),
        Just(BreakDay::Swapped),
    ]
}

fn official_year(year: i32) -> impl Strategy<Value = OfficialYear> {
    let in_year = move |days: BTreeSet<NaiveDate>| -> Vec<NaiveDate> {
        days.into_iter().filter(|d| d.year() == year).collect()
    };
    (
        days_in_span(),
        prop::collection::vec(break_day(), 25),
        days_in_span(),
    )
        .prop_map(move |(off, kinds, make_up)| OfficialYear {
            legal_basis: vec![format!("Lịch {year}")],
            days_off: in_year(off)
                .into_iter()
                .zip(kinds)
                .map(|(day, kind)| (day, (kind, "nghỉ".to_owned())))
                .collect(),
            make_up: in_year(make_up)
                .into_iter()
                .map(|day| (day, "làm bù".to_owned()))
                .collect(),
        })
}

fn layers() -> impl Strategy<Value = CalendarLayers> {
    (
        prop::collection::vec(sessions(), 7),
        sessions().prop_filter("Monday works", |s| !s.is_empty()),
        prop::option::of(official_year(FIRST_YEAR)),
        prop::option::of(official_year(LAST_YEAR)),
        days_in_span(),
        days_in_span(),
    )
        .prop_map(|(mut week, monday, first, last, off, working)| {
            week[0] = monday;
            let mut official = BTreeMap::new();
            official.extend(first.map(|year| (FIRST_YEAR, year)));
            official.extend(last.map(|year| (LAST_YEAR, year)));
            let reasons = |days: BTreeSet<NaiveDate>| {
                days.into_iter().map(|d| (d, "tỉnh".to_owned())).collect()
            };
            CalendarLayers {
                official,
                province_days_off: reasons(off),
                province_working_days: reasons(working),
                week: WeekPattern::new(WEEKDAYS.into_iter().zip(week)),
            }
        })
}

/// The reference: each day's sessions decided by the layers' precedence, then minute steps.
struct Reference {
    /// Sessions worked on each day of the span, from its first day.
    sessions: Vec<Vec<Session>>,
    last: NaiveDate,
}

impl Reference {
    fn new(layers: &CalendarLayers) -> Self {
        // Make-up days work the longest weekday's sessions, the first such from Monday.
        let mut full_day: Vec<Session> = Vec::new();
        let minutes = |day: &[Session]| day.iter().map(Session::minutes).sum::<i64>();
        for weekday in WEEKDAYS {
            if minutes(layers.week.on(weekday)) > minutes(&full_day) {
                full_day = layers.week.on(weekday).to_vec();
            }
        }
        let mut rules = BTreeSet::new();
        for year in FIRST_YEAR..=LAST_YEAR {
            rules.extend(rule_days(year).into_iter().map(|day| day.date));
        }
        let mut sessions = Vec::new();
        let mut day = date(0);
        while day.year() <= LAST_YEAR {
            let official = layers.official.get(&day.year());
            let worked = match official {
                Some(year) if year.days_off.contains_key(&day) => Vec::new(),
                Some(year) if year.make_up.contains_key(&day) => full_day.clone(),
                None if rules.contains(&day) => Vec::new(),
                _ if layers.province_days_off.contains_key(&day) => Vec::new(),
                _ if layers.province_working_days.contains_key(&day) => full_day.clone(),
                _ => layers.week.on(day.weekday()).to_vec(),
            };
            sessions.push(worked);
            day = day.succ_opt().unwrap_or(day);
        }
        Self {
            sessions,
            last: NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or_default(),
        }
    }

    fn day(&self, day: NaiveDate) -> &[Session] {
        usize::try_from((day - date(0)).num_days())
            .ok()
            .and_then(|i| self.sessions.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the minute starting at `t` is worked.
    fn works(&self, t: NaiveDateTime) -> bool {
        self.day(t.date())
            .iter()
            .any(|s| s.start <= t.time() && t.time() < s.end)
    }

    fn in_span(&self, t: NaiveDateTime) -> bool {
        t.date() <= self.last
    }

    fn next_working(&self, mut t: NaiveDateTime) -> Option<NaiveDateTime> {
        while !self.works(t) {
            t += Duration::minutes(1);
            if !self.in_span(t) {
                return None;
            }
        }
        Some(t)
    }

    fn between(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        let (a, b, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut t = a;
        let mut count = 0;
        while t < b {
            count += i64::from(self.works(t));
            t += Duration::minutes(1);
        }
        sign * count
    }

    /// The earliest instant by which `minutes` working minutes have passed since `from`.
    fn add_minutes(&self, from: NaiveDateTime, minutes: i64) -> Option<NaiveDateTime> {
        if minutes <= 0 {
            return self.next_working(from);
        }
        let mut t = from;
        let mut count = 0;
        while self.in_span(t) {
            if self.works(t) {
                count += 1;
                if count == minutes {
                    return Some(t + Duration::minutes(1));
                }
            }
            t += Duration::minutes(1);
        }
        None
    }

    /// Same time of day `days` working days later, moved into that day's sessions.
    fn add_days(&self, from: NaiveDateTime, days: u32) -> Option<NaiveDateTime> {
        let from = self.next_working(from)?;
        if days == 0 {
            return Some(from);
        }
        let mut target = from.date();
        let mut left = days;
        while left > 0 {
            target = target.succ_opt()?;
            if target > self.last {
                return None;
            }
            left -= u32::from(!self.day(target).is_empty());
        }
        let sessions = self.day(target);
        let time = from.time();
        let inside = sessions
            .iter()
            .filter(|s| s.start <= time)
            .map(|s| time.min(s.end))
            .max();
        let same_time = target.and_time(inside.unwrap_or(sessions[0].start));
        self.add_minutes(from, self.between(from, same_time))
    }
}

fn instant() -> impl Strategy<Value = NaiveDateTime> {
    (0u32..600, 0u32..(24 * 12)).prop_map(|(day, five)| date(day).and_time(minute_of_day(five * 5)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn working_time_matches_the_minute_by_minute_reference(
        layers in layers(),
        from in instant(),
        minutes in 0i64..4_000,
        days in 0u32..12,
        other in instant(),
    ) {
        let calendar = WorkingCalendar::build(&layers, FIRST_YEAR..=LAST_YEAR);
        let reference = Reference::new(&layers);
        for day in calendar.days(date(0), reference.last).unwrap_or_default() {
            prop_assert_eq!(&day.sessions[..], reference.day(day.date), "{}", day.date);
        }
        prop_assert_eq!(calendar.next_working_instant(from).ok(), reference.next_working(from));
        prop_assert_eq!(calendar.add_working_minutes(from, minutes).ok(), reference.add_minutes(from, minutes));
        prop_assert_eq!(calendar.add_working_days(from, days).ok(), reference.add_days(from, days));
        prop_assert_eq!(calendar.working_minutes_between(from, other).ok(), Some(reference.between(from, other)));
    }
}

type ClockAnswer = (Option<NaiveDateTime>, Option<NaiveDateTime>, i64, SlaStatus);

/// Where the reference's clock stands: due, warning, minutes used and status.
fn reference_clock(
    reference: &Reference,
    clock: &SlaClock,
    now: NaiveDateTime,
) -> Option<ClockAnswer> {
    let ClockEvent::Start { at } = clock.events[0] else {
        return None;
    };
    let start = if !reference.day(at.date()).is_empty() && at.time() > clock.receipt_cutoff {
        let mut next = at.date().succ_opt()?;
        while reference.day(next).is_empty() {
            next = next.succ_opt().filter(|d| *d <= reference.last)?;
        }
        next.and_time(reference.day(next)[0].start)
    } else {
        reference.next_working(at)?
    };
    let budget = match clock.budget {
        Budget::Minutes(minutes) => minutes,
        Budget::Days(days) => reference.between(start, reference.add_days(start, days)?),
    };
    let mut pauses: Vec<(NaiveDateTime, Option<NaiveDateTime>)> = Vec::new();
    let mut finished = None;
    for event in &clock.events[1..] {
        match event {
            ClockEvent::Pause { at, .. } => pauses.push((*at, None)),
            ClockEvent::Resume { at } => {
                if let Some(last) = pauses.last_mut() {
                    last.1 = Some(*at);
                }
            }
            ClockEvent::Finish { at } => finished = Some(*at),
            _ => {}
        }
    }
    // A finish during a pause ends the pause, as far as the due instant goes.
    if let (Some(finish), Some(last)) = (finished, pauses.last_mut())
        && last.1.is_none()
    {
        last.1 = Some(finish);
    }
    let runs = |t: NaiveDateTime| {
        t >= start
            && reference.works(t)
            && !pauses
                .iter()
                .any(|(p, r)| *p <= t && r.is_none_or(|r| t < r))
    };
    let stopped_for_good =
        |t: NaiveDateTime| pauses.last().is_some_and(|(p, r)| r.is_none() && t >= *p);
    let horizon = finished.unwrap_or(now);
    let warn_target = (budget - clock.warn_minutes).max(0);
    let (mut used, mut used_by_horizon) = (0, 0);
    let (mut due, mut warned) = (None, (warn_target == 0).then_some(start));
    let mut t = start;
    while reference.in_span(t) && (due.is_none() || t < horizon) && !stopped_for_good(t) {
        if runs(t) {
            used += 1;
            used_by_horizon += i64::from(t < horizon);
            let after = t + Duration::minutes(1);
            if used == warn_target && warned.is_none() {
                warned = Some(after);
            }
            if used == budget && due.is_none() {
                due = Some(after);
            }
        }
        t += Duration::minutes(1);
    }
    let warn_at = due.and(warned).filter(|_| clock.warn_minutes > 0);
    let remaining = budget - used_by_horizon;
    let status = match (finished, due) {
        (Some(done), Some(due)) if done > due => SlaStatus::Late,
        (Some(done), Some(due)) if done.date() == due.date() => SlaStatus::OnTime,
        (Some(_), _) => SlaStatus::Early,
        (None, Some(due)) if now > due => SlaStatus::Late,
        (None, None) if remaining <= 0 => SlaStatus::Late,
        (None, _) if remaining <= clock.warn_minutes => SlaStatus::DueSoon,
        (None, _) => SlaStatus::NotDue,
    };
    Some((due, warn_at, used_by_horizon, status))
}

fn clock_events() -> impl Strategy<Value = (Vec<ClockEvent>, NaiveDateTime)> {
    (
        instant(),
        prop::collection::vec((1i64..(6 * 24 * 60), 1i64..(8 * 24 * 60)), 0..3),
        any::<bool>(),
        0i64..(30 * 24 * 60),
    )
        .prop_map(|(start, pauses, finish, after)| {
            let mut events = vec![ClockEvent::Start { at: start }];
            let mut t = start;
            for (run, pause) in pauses {
                t += Duration::minutes(run);
                events.push(ClockEvent::Pause {
                    at: t,
                    reason: "chờ bổ sung".to_owned(),
                });
                t += Duration::minutes(pause);
                events.push(ClockEvent::Resume { at: t });
            }
            let end = t + Duration::minutes(after);
            if finish {
                events.push(ClockEvent::Finish { at: end });
            }
            (events, end)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sla_clocks_match_the_minute_by_minute_reference(
        layers in layers(),
        (events, now) in clock_events(),
        days in 1u32..8,
        in_minutes in any::<bool>(),
        warn in 0i64..600,
        cutoff in 0u32..(24 * 12),
    ) {
        let calendar = WorkingCalendar::build(&layers, FIRST_YEAR..=LAST_YEAR);
        let reference = Reference::new(&layers);
        let budget = if in_minutes { Budget::Minutes(i64::from(days) * 240) } else { Budget::Days(days) };
        let clock = SlaClock {
            budget,
            warn_minutes: warn,
            receipt_cutoff: minute_of_day(cutoff * 5),
            events,
        };
        let expected = reference_clock(&reference, &clock, now);
        let actual = clock
            .evaluate(&calendar, now)
            .ok()
            .map(|state| (state.due, state.warn_at, state.consumed, state.status));
        prop_assert_eq!(actual, expected);
    }
}
