//! Working calendars, working time between instants, and due-date previews with explanations.

use ansinh_core::calendar::{self, DayInfo, ExplainedDay};
use async_graphql::{Enum, SimpleObject};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// An instant as local civil time in Vietnam.
pub(crate) fn local(instant: DateTime<FixedOffset>) -> NaiveDateTime {
    ansinh_core::calendar::local::to_local(&instant)
}

/// A local civil time in Vietnam as an instant with its offset.
pub(crate) fn instant(local: NaiveDateTime) -> DateTime<FixedOffset> {
    ansinh_core::calendar::local::from_local(local)
}

/// What a day is in a working calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "calendar::DayKind")]
pub(crate) enum DayKind {
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
    /// Another day off of the official schedule or of the province.
    DayOff,
}

/// Which layer of the calendar decided a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "calendar::Layer")]
pub(crate) enum CalendarLayer {
    /// Labour Code rules (no official schedule configured for that year).
    Rules,
    /// The year's official schedule (national configuration).
    Official,
    /// The province's additions.
    Province,
    /// The office's weekly sessions.
    Office,
}

/// One day of an office's calendar.
#[derive(Debug, SimpleObject)]
pub(crate) struct CalendarDay {
    /// The day.
    date: NaiveDate,
    /// What it is.
    kind: DayKind,
    /// Which layer decided it.
    layer: CalendarLayer,
    /// Why, in Vietnamese ("Tết Nguyên đán", "Làm bù cho ngày …").
    reason: Option<String>,
    /// Sessions worked, e.g. `07:30-11:30`.
    sessions: Vec<String>,
    /// Working minutes.
    working_minutes: i64,
}

impl From<&DayInfo> for CalendarDay {
    fn from(day: &DayInfo) -> Self {
        Self {
            date: day.date,
            kind: day.kind.into(),
            layer: day.layer.into(),
            reason: day.reason.clone(),
            sessions: day.sessions.iter().map(ToString::to_string).collect(),
            working_minutes: day.sessions.iter().map(|s| s.minutes()).sum(),
        }
    }
}

/// A year of an office's working calendar.
#[derive(Debug, SimpleObject)]
pub(crate) struct CalendarYear {
    /// Office code.
    pub(crate) office: String,
    /// Office name.
    pub(crate) office_name: String,
    /// The year.
    pub(crate) year: i32,
    /// Instruments fixing the year's official schedule; empty when the rules were used.
    pub(crate) legal_basis: Vec<String>,
    /// Receipts after this time (HH:MM) count from the next working day.
    pub(crate) receipt_cutoff: String,
    /// Number of working days.
    pub(crate) working_days: i32,
    /// Every day of the year.
    pub(crate) days: Vec<CalendarDay>,
}

impl CalendarYear {
    pub(crate) fn days_of(days: &[DayInfo]) -> (i32, Vec<CalendarDay>) {
        let working = days.iter().filter(|d| d.kind.is_working()).count();
        (
            i32::try_from(working).unwrap_or(i32::MAX),
            days.iter().map(CalendarDay::from).collect(),
        )
    }
}

/// Working time between two instants.
#[derive(Debug, SimpleObject)]
pub(crate) struct WorkingTime {
    /// Working minutes of the office's sessions (negative when `to` is before `from`).
    pub(crate) minutes: i64,
    /// The same in working days, each day counting as one whatever its length.
    pub(crate) working_days: f64,
}

/// One day of a due-date explanation.
#[derive(Debug, SimpleObject)]
pub(crate) struct ExplanationDay {
    /// The day.
    date: NaiveDate,
    /// What the day is.
    kind: DayKind,
    /// The calendar's reason for it.
    reason: Option<String>,
    /// Parts of sessions counted, e.g. `16:30-17:00`.
    counted: Vec<String>,
    /// Working minutes counted.
    counted_minutes: i64,
    /// What happened that day, in Vietnamese ("không tính: Tết Nguyên đán", "hạn xử lý 16:30").
    notes: Vec<String>,
}

impl From<ExplainedDay> for ExplanationDay {
    fn from(day: ExplainedDay) -> Self {
        Self {
            date: day.date,
            kind: day.kind.into(),
            reason: day.reason,
            counted: day.counted.iter().map(ToString::to_string).collect(),
            counted_minutes: day.counted_minutes,
            notes: day.notes,
        }
    }
}

/// When work received at an instant is due, and why.
#[derive(Debug, SimpleObject)]
pub(crate) struct DuePreview {
    /// When the dossier was received.
    pub(crate) received_at: DateTime<FixedOffset>,
    /// When counting starts (after the receipt cut-off and outside sessions).
    pub(crate) effective_start: Option<DateTime<FixedOffset>>,
    /// When the budget runs out.
    pub(crate) due: Option<DateTime<FixedOffset>>,
    /// When the warning threshold is reached.
    pub(crate) warn_at: Option<DateTime<FixedOffset>>,
    /// The budget as given (`2d`, `4h`, `1d4h`).
    pub(crate) budget: String,
    /// Whether the budget counts whole working days (else working hours).
    pub(crate) counts_whole_days: bool,
    /// Day by day: what counted and what was skipped.
    pub(crate) explanation: Vec<ExplanationDay>,
}
