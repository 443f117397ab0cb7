//! The calendar files: the ministry's official schedules (`national/calendar.yaml`) and a
//! province's additions (`<province>/calendar.yaml`).

use ansinh_core::calendar::BreakDay;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// `national/calendar.yaml`: each year's official civil-service schedule. A year listed here
/// replaces the Labour Code rules for that year; other years follow the rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalCalendarFile {
    /// Schedules, one per year.
    pub years: Vec<OfficialYearEntry>,
}

/// One year's official schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialYearEntry {
    /// The year.
    pub year: i32,
    /// The decisions and notices that fix it.
    pub legal_basis: Vec<String>,
    /// Every day of the official breaks.
    pub days_off: Vec<OfficialDayOff>,
    /// Make-up working days (ngày làm bù).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_days: Vec<CalendarDay>,
}

/// A day of an official break: its date, what it is, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialDayOff {
    /// The day.
    pub date: NaiveDate,
    /// `holiday` (statutory), `weekly_rest` (a weekend inside the break), `observed`
    /// (compensatory, Art. 111(3)) or `swapped` (worked on a make-up day instead).
    pub kind: BreakDay,
    /// Why, in Vietnamese.
    pub reason: String,
}

/// `calendar.yaml`: the province's additions to the national calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    /// Dossiers received after this time count from the next session.
    pub receipt_cutoff: NaiveTime,
    /// Extra days off decided by the province.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days_off: Vec<CalendarDay>,
    /// Extra working days (make-up days) decided by the province.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_days: Vec<CalendarDay>,
}

/// A dated calendar exception with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDay {
    /// The day.
    pub date: NaiveDate,
    /// Why, in Vietnamese, with the decision reference.
    pub reason: String,
}
