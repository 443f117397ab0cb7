//! Why a due instant is what it is: the days from receipt to due, each with what was counted
//! and what was skipped, and why ("Tết", "ngày làm bù", "ngoài giờ làm việc", "tạm dừng chờ
//! bổ sung").

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::layers::{DayKind, Session};
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
    let mut explained = Vec::new();
    for day in calendar.days(received_at.date(), end.date())? {
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
        let counted_minutes = counted.iter().map(Session::minutes).sum();
        let mut notes = Vec::new();
        if day.date == received_at.date() {
            notes.push(format!("tiếp nhận lúc {}", hhmm(received_at.time())));
            if state
                .effective_start
                .is_some_and(|start| start > received_at)
            {
                if day.kind.is_working() && received_at.time() > receipt_cutoff {
                    notes.push(format!(
                        "sau giờ chốt tiếp nhận {}: tính từ ngày làm việc kế tiếp",
                        hhmm(receipt_cutoff)
                    ));
                } else {
                    notes.push("ngoài giờ làm việc: tính từ phiên làm việc kế tiếp".to_owned());
                }
            }
        }
        match day.kind {
            DayKind::Working => {}
            DayKind::MakeUp => notes.push(format!(
                "ngày làm bù{}",
                day.reason
                    .as_ref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default()
            )),
            DayKind::WeeklyRest => notes.push("không tính: nghỉ hằng tuần".to_owned()),
            DayKind::Holiday | DayKind::Observed | DayKind::DayOff => notes.push(format!(
                "không tính: {}",
                day.reason.as_deref().unwrap_or("ngày nghỉ")
            )),
        }
        for (pause, reason) in &state.pauses {
            let pause_end = pause.to.unwrap_or(until);
            if pause.from.date() <= day.date
                && day.date <= pause_end.date()
                && day.kind.is_working()
            {
                notes.push(format!("tạm dừng: {reason}"));
            }
        }
        if let Some(due) = state.due.filter(|due| due.date() == day.date) {
            notes.push(format!("hạn xử lý {}", hhmm(due.time())));
        }
        explained.push(ExplainedDay {
            date: day.date,
            kind: day.kind,
            reason: day.reason.clone(),
            counted,
            counted_minutes,
            notes,
        });
    }
    Ok(explained)
}
