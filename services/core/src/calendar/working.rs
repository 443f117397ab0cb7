//! Working-time arithmetic over a precomputed span of days: the working minutes before each
//! day are summed once, so "due after N working minutes" is a binary search plus a walk over one
//! day's sessions, not a scan of the year.
//!
//! Instants are local civil times in Vietnam (UTC+7, no daylight saving). A working instant is
//! one inside a session, ends included: a budget that runs out at 17:00 is due at 17:00.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::layers::{CalendarLayers, DayInfo, Session};
use crate::DomainError;

/// Minutes since midnight.
fn minute_of(time: NaiveTime) -> i64 {
    (time - NaiveTime::MIN).num_minutes()
}

/// `time` moved into a working day's sessions: kept inside a session, moved back to the end of
/// the session before it in a break or after closing, forward to the first session's start
/// before opening.
fn clamp_into(sessions: &[Session], time: NaiveTime) -> NaiveTime {
    let mut clamped = sessions.first().map_or(time, |first| first.start);
    for session in sessions {
        if time < session.start {
            break;
        }
        clamped = time.min(session.end);
    }
    clamped
}

/// A working calendar for a span of whole years.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    first: NaiveDate,
    days: Vec<DayInfo>,
    /// Working minutes strictly before each day; one extra entry for the end of the span.
    before: Vec<i64>,
    /// Working days strictly before each day; one extra entry for the end of the span.
    workdays_before: Vec<usize>,
    /// Index (in `days`) of each working day, in order.
    workdays: Vec<usize>,
}

impl WorkingCalendar {
    /// Resolves and indexes every day of `years`.
    pub fn build(layers: &CalendarLayers, years: RangeInclusive<i32>) -> Self {
        let first = NaiveDate::from_ymd_opt(*years.start(), 1, 1).unwrap_or_default();
        let days: Vec<DayInfo> = years.flat_map(|year| layers.resolve_year(year)).collect();
        let mut before = Vec::with_capacity(days.len() + 1);
        let mut workdays_before = Vec::with_capacity(days.len() + 1);
        let mut workdays = Vec::new();
        let mut total = 0;
        for (i, day) in days.iter().enumerate() {
            before.push(total);
            workdays_before.push(workdays.len());
            let minutes: i64 = day.sessions.iter().map(|s| s.minutes()).sum();
            if minutes > 0 {
                workdays.push(i);
            }
            total += minutes;
        }
        before.push(total);
        workdays_before.push(workdays.len());
        Self {
            first,
            days,
            before,
            workdays_before,
            workdays,
        }
    }

    /// The years covered.
    pub fn years(&self) -> RangeInclusive<i32> {
        let last = self
            .days
            .last()
            .map_or(self.first.year(), |d| d.date.year());
        self.first.year()..=last
    }

    fn index(&self, date: NaiveDate) -> Result<usize, DomainError> {
        usize::try_from((date - self.first).num_days())
            .ok()
            .filter(|&i| i < self.days.len())
            .ok_or(DomainError::OutsideCalendar(date))
    }

    /// The first day after the span: where a computation that runs past its end stops.
    fn beyond(&self) -> DomainError {
        let last = self.days.last().map_or(self.first, |day| day.date);
        DomainError::OutsideCalendar(last.succ_opt().unwrap_or(last))
    }

    /// The resolved day.
    pub fn day(&self, date: NaiveDate) -> Result<&DayInfo, DomainError> {
        Ok(&self.days[self.index(date)?])
    }

    /// Days from `from` to `to`, both included.
    pub fn days(&self, from: NaiveDate, to: NaiveDate) -> Result<&[DayInfo], DomainError> {
        let (a, b) = (self.index(from)?, self.index(to)?);
        Ok(&self.days[a.min(b)..=b.max(a)])
    }

    /// Working minutes from the start of the span to `at`.
    fn position(&self, at: NaiveDateTime) -> Result<i64, DomainError> {
        let i = self.index(at.date())?;
        let minute = minute_of(at.time());
        let within: i64 = self.days[i]
            .sessions
            .iter()
            .map(|s| (minute.min(minute_of(s.end)) - minute_of(s.start)).max(0))
            .sum();
        Ok(self.before[i] + within)
    }

    /// Working minutes between two instants (negative when `to` is before `from`).
    pub fn working_minutes_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<i64, DomainError> {
        Ok(self.position(to)? - self.position(from)?)
    }

    /// The first working instant at or after `at`.
    pub fn next_working_instant(&self, at: NaiveDateTime) -> Result<NaiveDateTime, DomainError> {
        let start = self.index(at.date())?;
        for day in &self.days[start..] {
            for session in &day.sessions {
                let session_start = day.date.and_time(session.start);
                let session_end = day.date.and_time(session.end);
                if at < session_end {
                    return Ok(at.max(session_start));
                }
            }
        }
        Err(self.beyond())
    }

    /// The first working instant of the next working day after `date`.
    pub fn next_day_start(&self, date: NaiveDate) -> Result<NaiveDateTime, DomainError> {
        let start = self.index(date)? + 1;
        self.days
            .get(start..)
            .into_iter()
            .flatten()
            .find_map(|day| day.sessions.first().map(|s| day.date.and_time(s.start)))
            .ok_or_else(|| self.beyond())
    }

    /// The earliest instant at which `minutes` working minutes have passed since `from`.
    /// With `minutes == 0` it is the first working instant at or after `from`.
    pub fn add_working_minutes(
        &self,
        from: NaiveDateTime,
        minutes: i64,
    ) -> Result<NaiveDateTime, DomainError> {
        if minutes <= 0 {
            return self.next_working_instant(from);
        }
        let target = self.position(from)? + minutes;
        // The first day whose working minutes reach the target.
        let i = self.before[1..].partition_point(|&after| after < target);
        let day = self.days.get(i).ok_or_else(|| self.beyond())?;
        let mut remaining = target - self.before[i];
        for session in &day.sessions {
            if remaining <= session.minutes() {
                let minute = minute_of(session.start) + remaining;
                let time = NaiveTime::MIN + chrono::Duration::minutes(minute);
                return Ok(day.date.and_time(time));
            }
            remaining -= session.minutes();
        }
        Err(DomainError::OutsideCalendar(day.date))
    }

    /// Working days (with the fraction of the day in progress) between two instants, counted
    /// as `add_working_days` counts them: Saturday 10:00 to Monday 10:00 is one day at an
    /// office open on Saturday mornings, whatever the length of its Saturday.
    pub fn working_days_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<f64, DomainError> {
        if to < from {
            return Ok(-self.working_days_between(to, from)?);
        }
        let mut whole = 0;
        let mut reached = self.next_working_instant(from)?;
        loop {
            let next = self.add_working_days(from, whole + 1)?;
            if next > to {
                let span = self.working_minutes_between(reached, next)?;
                let part = self.working_minutes_between(reached, to)?.max(0);
                let fraction = if span > 0 {
                    part as f64 / span as f64
                } else {
                    0.0
                };
                return Ok(f64::from(whole) + fraction);
            }
            whole += 1;
            reached = next;
        }
    }

    /// The instant `days` working days after `from`, at the same time of day: received at
    /// 16:30 with two days allowed, due at 16:30 two working days later; Saturday 10:00 plus
    /// one day is Monday 10:00 even where Saturday has only a morning.
    ///
    /// When that time of day is not inside a session of the target day, the day's nearest
    /// working instant before it counts (the end of the morning session, or of the day), or its
    /// first session's start when the time is earlier than that. As every answer, the due
    /// instant is the earliest of equal working time: a budget that runs out at the start of a
    /// day is due at the end of the working day before (received at the first minute of Monday
    /// with one day allowed: due Monday at closing time).
    pub fn add_working_days(
        &self,
        from: NaiveDateTime,
        days: u32,
    ) -> Result<NaiveDateTime, DomainError> {
        let from = self.next_working_instant(from)?;
        if days == 0 {
            return Ok(from);
        }
        let ordinal = self.workdays_before[self.index(from.date())?];
        let target = usize::try_from(days)
            .ok()
            .and_then(|days| self.workdays.get(ordinal + days))
            .map(|&i| &self.days[i])
            .ok_or_else(|| self.beyond())?;
        let same_time = target
            .date
            .and_time(clamp_into(&target.sessions, from.time()));
        let minutes = self.working_minutes_between(from, same_time)?;
        self.add_working_minutes(from, minutes)
    }

    /// Whether `at` lies inside a session (ends included).
    pub fn is_working_instant(&self, at: NaiveDateTime) -> Result<bool, DomainError> {
        let day = self.day(at.date())?;
        Ok(day
            .sessions
            .iter()
            .any(|s| s.start <= at.time() && at.time() <= s.end))
    }
}
