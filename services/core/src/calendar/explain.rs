//! Why a due instant is what it is: the days from receipt to due, each with what was counted
//! and what was skipped, and why ("Tết", "ngày làm bù", "ngoài giờ làm việc", "tạm dừng chờ
//! bổ sung").

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::layers::{DayInfo, DayKind, Session};
use super::sla::ClockState;
use super::working::WorkingCalendar;
use crate::DomainError;

/// One day of an explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedDay {
    /// The day.
    pub date: NaiveDate,
    /// What the day is.
    pub kind: DayKind,
    /// The calendar's reason for it, if any.
    pub reason: Option<String>,
    /// Parts of sessions that counted towards the budget.
    pub counted: Vec<Session>,
    /// Working minutes counted.
    pub counted_minutes: i64,
    /// What happened that day, in Vietnamese.
    pub notes: Vec<String>,
}

fn hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Explains `state` day by day, from the receipt at `received_at` to the due instant (or to
/// `until` when there is no due instant, e.g. while paused).
pub fn explain(
    calendar: &WorkingCalendar,
    state: &ClockState,
    received_at: NaiveDateTime,
    receipt_cutoff: NaiveTime,
    until: NaiveDateTime,
) -> Result<Vec<ExplainedDay>, DomainError> {
    let end = state.due.unwrap_or(until).max(received_at);
    let days = calendar.days(received_at.date(), end.date())?;
    Ok(days
        .iter()
        .map(|day| {
            let counted = counted_sessions(day, state, end);
            let mut notes = Vec::new();
            if day.date == received_at.date() {
                notes.extend(receipt_notes(day, state, received_at, receipt_cutoff));
            }
            notes.extend(kind_note(day));
            notes.extend(pause_notes(day, state, until));
            if let Some(due) = state.due.filter(|due| due.date() == day.date) {
                notes.push(format!("hạn xử lý {}", hhmm(due.time())));
            }
            ExplainedDay {
                date: day.date,
                kind: day.kind,
                reason: day.reason.clone(),
                counted_minutes: counted.iter().map(Session::minutes).sum(),
                counted,
                notes,
            }
        })
        .collect())
}

/// The parts of the day's sessions the clock ran in, up to `end`.
fn counted_sessions(day: &DayInfo, state: &ClockState, end: NaiveDateTime) -> Vec<Session> {
    let mut counted = Vec::new();
    for session in &day.sessions {
        for stretch in &state.running {
            let from = stretch.from.max(day.date.and_time(session.start));
            let to = stretch
                .to
                .unwrap_or(end)
                .min(end)
                .min(day.date.and_time(session.end));
            if from < to {
                counted.push(Session {
                    start: from.time(),
                    end: to.time(),
                });
            }
        }
    }
    counted
}

/// The receipt, and why counting began later when it did.
fn receipt_notes(
    day: &DayInfo,
    state: &ClockState,
    received_at: NaiveDateTime,
    receipt_cutoff: NaiveTime,
) -> Vec<String> {
    let mut notes = vec![format!("tiếp nhận lúc {}", hhmm(received_at.time()))];
    let started_later = state
        .effective_start
        .is_some_and(|start| start > received_at);
    if started_later && day.kind.is_working() && received_at.time() > receipt_cutoff {
        notes.push(format!(
            "sau giờ chốt tiếp nhận {}: tính từ ngày làm việc kế tiếp",
            hhmm(receipt_cutoff)
        ));
    } else if started_later {
        notes.push("ngoài giờ làm việc: tính từ phiên làm việc kế tiếp".to_owned());
    }
    notes
}

/// What kind of day it is, unless an ordinary working day.
fn kind_note(day: &DayInfo) -> Option<String> {
    match day.kind {
        DayKind::Working => None,
        DayKind::MakeUp => Some(format!(
            "ngày làm bù{}",
            day.reason
                .as_ref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        )),
        DayKind::WeeklyRest => Some("không tính: nghỉ hằng tuần".to_owned()),
        DayKind::Holiday | DayKind::Observed | DayKind::DayOff => Some(format!(
            "không tính: {}",
            day.reason.as_deref().unwrap_or("ngày nghỉ")
        )),
    }
}

/// The pauses covering a working day (one still paused runs to `until`).
fn pause_notes<'a>(
    day: &'a DayInfo,
    state: &'a ClockState,
    until: NaiveDateTime,
) -> impl Iterator<Item = String> + 'a {
    state
        .pauses
        .iter()
        .filter(move |(pause, _)| {
            let pause_end = pause.to.unwrap_or(until);
            pause.from.date() <= day.date && day.date <= pause_end.date() && day.kind.is_working()
        })
        .map(|(_, reason)| format!("tạm dừng: {reason}"))
}
