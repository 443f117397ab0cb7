//! The layers of the working calendar and how a day is resolved through them:
//! national (the year's official schedule, or the rules when none is configured) → province
//! additions → the office's weekly sessions.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::rules::{RuleKind, rule_days};

/// A working session of an office, e.g. 07:30–11:30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Session {
    /// First working minute.
    pub start: NaiveTime,
    /// End of work (exclusive).
    pub end: NaiveTime,
}

impl Session {
    /// Working minutes in the session.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

/// An office's sessions for each weekday (Monday first); a weekday without sessions is a
/// weekly rest day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekPattern {
    sessions: [Vec<Session>; 7],
}

impl WeekPattern {
    /// Builds the pattern, sorting each day's sessions.
    pub fn new(by_weekday: impl IntoIterator<Item = (Weekday, Vec<Session>)>) -> Self {
        let mut pattern = Self::default();
        for (weekday, mut sessions) in by_weekday {
            sessions.sort();
            pattern.sessions[weekday.num_days_from_monday() as usize] = sessions;
        }
        pattern
    }

    /// Sessions on a weekday.
    pub fn on(&self, weekday: Weekday) -> &[Session] {
        &self.sessions[weekday.num_days_from_monday() as usize]
    }

    /// Sessions of a full working day, used on make-up days: the first weekday, from Monday,
    /// that has the most working minutes.
    pub fn full_day(&self) -> &[Session] {
        let minutes = |day: &[Session]| day.iter().map(Session::minutes).sum::<i64>();
        // `max_by_key` would keep the last of equals; the first from Monday is meant.
        self.sessions
            .iter()
            .rev()
            .max_by_key(|day| minutes(day))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// What a day of an official break is, as the year's schedule says (the government fixes
/// the split of Tết and the swaps each year, so it is data, not derived from the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakDay {
    /// A statutory holiday (Labour Code Art. 112), e.g. a day of Tết.
    Holiday,
    /// A weekly rest day inside the break (Saturday or Sunday).
    WeeklyRest,
    /// A compensatory day off for a holiday on a weekly rest day (Art. 111(3)).
    Observed,
    /// A working day swapped for a make-up day (nghỉ hoán đổi).
    Swapped,
}

/// A year's official civil-service schedule (days off and make-up working days).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficialYear {
    /// Decisions and notices that fix it.
    pub legal_basis: Vec<String>,
    /// Every day of the official breaks, what it is and why.
    pub days_off: BTreeMap<NaiveDate, (BreakDay, String)>,
    /// Make-up working days (ngày làm bù) with their reasons.
    pub make_up: BTreeMap<NaiveDate, String>,
}

/// Everything that decides whether a day is worked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarLayers {
    /// Official schedules by year; they replace the rules for their year.
    pub official: BTreeMap<i32, OfficialYear>,
    /// Extra days off decided by the province.
    pub province_days_off: BTreeMap<NaiveDate, String>,
    /// Extra working days decided by the province.
    pub province_working_days: BTreeMap<NaiveDate, String>,
    /// The office's weekly sessions.
    pub week: WeekPattern,
}

/// What a day is, once every layer has spoken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// An ordinary working day.
    Working,
    /// A make-up working day (ngày làm bù).
    MakeUp,
    /// A weekly rest day of the office.
    WeeklyRest,
    /// A statutory public holiday.
    Holiday,
    /// A compensatory day off for a holiday on a weekly rest day.
    Observed,
    /// Another day off of the official schedule or of the province (e.g. a swapped bridge day).
    DayOff,
}

impl DayKind {
    /// Whether sessions are worked.
    pub fn is_working(self) -> bool {
        matches!(self, Self::Working | Self::MakeUp)
    }
}

/// Which layer decided a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Labour Code rules (no official schedule configured for the year).
    Rules,
    /// The year's official schedule in the national configuration.
    Official,
    /// The province's additions.
    Province,
    /// The office's weekly pattern.
    Office,
}

/// One resolved day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInfo {
    /// The day.
    pub date: NaiveDate,
    /// What it is.
    pub kind: DayKind,
    /// Which layer said so.
    pub layer: Layer,
    /// Why, in Vietnamese ("Tết Nguyên đán", "ngày làm bù", …); `None` for ordinary days.
    pub reason: Option<String>,
    /// Sessions worked (empty on days off).
    pub sessions: Vec<Session>,
}

impl CalendarLayers {
    /// Resolves every day of `year`.
    pub fn resolve_year(&self, year: i32) -> Vec<DayInfo> {
        let statutory: BTreeMap<NaiveDate, (RuleKind, String)> = rule_days(year)
            .into_iter()
            .map(|day| (day.date, (day.kind, day.name)))
            .collect();
        let official = self.official.get(&year);
        let mut days = Vec::with_capacity(366);
        let mut date = NaiveDate::from_ymd_opt(year, 1, 1);
        while let Some(day) = date.filter(|d| d.year() == year) {
            days.push(self.resolve(day, &statutory, official));
            date = day.succ_opt();
        }
        days
    }

    fn resolve(
        &self,
        date: NaiveDate,
        statutory: &BTreeMap<NaiveDate, (RuleKind, String)>,
        official: Option<&OfficialYear>,
    ) -> DayInfo {
        let info = |kind, layer, reason: Option<&String>, sessions: &[Session]| DayInfo {
            date,
            kind,
            layer,
            reason: reason.cloned(),
            sessions: sessions.to_vec(),
        };
        match official {
            Some(year) => {
                if let Some((kind, reason)) = year.days_off.get(&date) {
                    let kind = match kind {
                        BreakDay::Holiday => DayKind::Holiday,
                        BreakDay::Observed => DayKind::Observed,
                        BreakDay::Swapped => DayKind::DayOff,
                        // A Saturday in the break is a day off where the office works
                        // Saturdays, its weekly rest elsewhere.
                        BreakDay::WeeklyRest if self.week.on(date.weekday()).is_empty() => {
                            DayKind::WeeklyRest
                        }
                        BreakDay::WeeklyRest => DayKind::DayOff,
                    };
                    return info(kind, Layer::Official, Some(reason), &[]);
                }
                if let Some(reason) = year.make_up.get(&date) {
                    return info(
                        DayKind::MakeUp,
                        Layer::Official,
                        Some(reason),
                        self.week.full_day(),
                    );
                }
            }
            None => {
                if let Some((kind, name)) = statutory.get(&date) {
                    let kind = match kind {
                        RuleKind::Holiday => DayKind::Holiday,
                        RuleKind::Observed => DayKind::Observed,
                    };
                    return info(kind, Layer::Rules, Some(name), &[]);
                }
            }
        }
        if let Some(reason) = self.province_days_off.get(&date) {
            return info(DayKind::DayOff, Layer::Province, Some(reason), &[]);
        }
        if let Some(reason) = self.province_working_days.get(&date) {
            return info(
                DayKind::MakeUp,
                Layer::Province,
                Some(reason),
                self.week.full_day(),
            );
        }
        let sessions = self.week.on(date.weekday());
        if sessions.is_empty() {
            info(DayKind::WeeklyRest, Layer::Office, None, &[])
        } else {
            info(DayKind::Working, Layer::Office, None, sessions)
        }
    }
}
