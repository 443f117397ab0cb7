//! A dossier's SLA clocks read off its timeline: one clock for the dossier as a whole (the
//! appointment on the receipt) and one per step visit. Pauses and resumes come from the
//! supplement events themselves, so the ledger is the timeline and never a recomputed date.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::model::Status;
use crate::calendar::WorkingCalendar;
use crate::calendar::sla::{Budget, ClockEvent, SlaClock, SlaStatus};
use crate::{DomainError, ErrorCode};

/// The dossier's status and step right after one timeline event (creation included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelinePoint {
    /// When the event happened (Vietnam local time).
    pub at: NaiveDateTime,
    /// Status afterwards.
    pub status: Status,
    /// Step afterwards.
    pub step: Option<String>,
    /// The appointment extended by this event (an apology letter).
    pub extension: Option<Extension>,
}

/// Working time added to the dossier's clock, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// Working minutes added.
    pub minutes: i64,
    /// The reason given to the citizen.
    pub reason: String,
}

/// The time a step (or the whole dossier) is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepBudget {
    /// Working time allowed.
    pub budget: Budget,
    /// Warn when this many working minutes or fewer remain.
    pub warn_minutes: i64,
}

/// The clock of one visit of a step (a step sent back to is visited again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepClock {
    /// Step code.
    pub step: String,
    /// Its clock.
    pub clock: SlaClock,
}

/// All clocks of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierClocks {
    /// The whole dossier, from reception until the result is ready (or it ends otherwise);
    /// `None` before reception.
    pub overall: Option<SlaClock>,
    /// Step visits, oldest first; the last one is the current step while the dossier is open.
    pub steps: Vec<StepClock>,
}

const SUPPLEMENT_PAUSE: &str = "chờ công dân bổ sung hồ sơ";

/// Steps are handed on at any time of a session: only the receipt has a cut-off.
fn no_cutoff() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
}

/// Reads the clocks off the timeline. `budget_of` gives each step's budget (steps without one
/// get no clock), `overall` the dossier's, and `receipt_cutoff` the province's receipt cut-off.
pub fn dossier_clocks(
    points: &[TimelinePoint],
    budget_of: impl Fn(&str) -> Option<StepBudget>,
    overall: StepBudget,
    receipt_cutoff: NaiveTime,
) -> DossierClocks {
    let mut clocks = DossierClocks::default();
    let mut status = Status::Draft;
    let mut step: Option<String> = None;
    // Whether the last visit in `clocks.steps` is still open.
    let mut visit_open = false;
    for point in points {
        let at = point.at;
        if status == Status::Draft && point.status != Status::Draft && !point.status.is_terminal() {
            clocks.overall = Some(SlaClock {
                budget: overall.budget,
                warn_minutes: overall.warn_minutes,
                receipt_cutoff,
                events: vec![ClockEvent::Start { at }],
            });
        }
        if point.step.is_some() && point.step != step {
            let to = point.step.clone().unwrap_or_default();
            if visit_open && let Some(last) = clocks.steps.last_mut() {
                last.clock
                    .events
                    .push(ClockEvent::Transfer { at, to: to.clone() });
            }
            visit_open = false;
            if let Some(budget) = budget_of(&to) {
                clocks.steps.push(StepClock {
                    step: to,
                    clock: SlaClock {
                        budget: budget.budget,
                        warn_minutes: budget.warn_minutes,
                        receipt_cutoff: no_cutoff(),
                        events: vec![ClockEvent::Start { at }],
                    },
                });
                visit_open = true;
            }
        }
        if let (Some(extension), Some(clock)) = (&point.extension, clocks.overall.as_mut()) {
            // The appointment with the citizen moves; the step's own clock does not.
            clock.events.push(ClockEvent::Extend {
                at,
                minutes: extension.minutes,
                reason: extension.reason.clone(),
            });
        }
        let mut record = |event: ClockEvent, overall_too: bool| {
            if visit_open && let Some(last) = clocks.steps.last_mut() {
                last.clock.events.push(event.clone());
            }
            if overall_too && let Some(clock) = clocks.overall.as_mut() {
                clock.events.push(event);
            }
        };
        if point.status == Status::AwaitingSupplement && status != Status::AwaitingSupplement {
            record(
                ClockEvent::Pause {
                    at,
                    reason: SUPPLEMENT_PAUSE.to_owned(),
                },
                true,
            );
        } else if status == Status::AwaitingSupplement
            && point.status != Status::AwaitingSupplement
            && !point.status.is_terminal()
        {
            record(ClockEvent::Resume { at }, true);
        }
        if point.status.is_terminal() {
            record(ClockEvent::Finish { at }, status != Status::ResultArrived);
            visit_open = false;
        } else if point.status == Status::ResultArrived && status != Status::ResultArrived {
            // The result is ready: the dossier's own clock stops; returning it is the last step's.
            if let Some(clock) = clocks.overall.as_mut() {
                clock.events.push(ClockEvent::Finish { at });
            }
        }
        status = point.status;
        step = point.step.clone();
    }
    clocks
}

fn refuse(code: ErrorCode, message: impl Into<String>) -> DomainError {
    DomainError::Flow {
        code,
        message: message.into(),
    }
}

/// Whether the dossier's clock (its status and due instant, `None` once finished or while
/// paused) calls for the apology letter: Decree 61/2018 Art. 19 asks for it at the latest a
/// day before the appointment, so from the clock's last working day (due soon) or once late.
pub fn apology_due(status: SlaStatus, due: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
    due.filter(|_| matches!(status, SlaStatus::DueSoon | SlaStatus::Late))
}

/// The working minutes an apology letter adds to the dossier's clock (status and due instant
/// as `apology_due` takes them) to move its appointment to the end of the working day `until`,
/// a later working day.
pub fn appointment_extension(
    calendar: &WorkingCalendar,
    status: SlaStatus,
    due: Option<NaiveDateTime>,
    until: NaiveDate,
) -> Result<i64, DomainError> {
    let Some(due) = apology_due(status, due) else {
        return Err(refuse(
            ErrorCode::AppointmentNotDue,
            "hồ sơ còn trong hạn trả kết quả: chỉ lập phiếu xin lỗi và hẹn lại từ một ngày làm việc trước ngày hẹn",
        ));
    };
    if until <= due.date() {
        return Err(refuse(
            ErrorCode::AppointmentNotLater,
            format!(
                "ngày hẹn mới phải sau ngày hẹn hiện tại {}",
                due.format("%d/%m/%Y")
            ),
        ));
    }
    let day = calendar.day(until)?;
    let Some(last) = day.sessions.last().filter(|_| day.kind.is_working()) else {
        return Err(refuse(
            ErrorCode::NotAWorkingDay,
            format!(
                "ngày {} là ngày nghỉ; hãy hẹn vào một ngày làm việc",
                until.format("%d/%m/%Y")
            ),
        ));
    };
    calendar.working_minutes_between(due, until.and_time(last.end))
}

/// When to remind the citizen of a requested supplement and when to return the dossier
/// unsupplemented: `remind_after` and `return_after` working days after `requested_at`.
pub fn supplement_wait(
    calendar: &WorkingCalendar,
    requested_at: NaiveDateTime,
    remind_after: u32,
    return_after: u32,
) -> Result<(NaiveDateTime, NaiveDateTime), DomainError> {
    Ok((
        calendar.add_working_days(requested_at, remind_after)?,
        calendar.add_working_days(requested_at, return_after)?,
    ))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap_or_default()
    }

    fn point(at: NaiveDateTime, status: Status, step: Option<&str>) -> TimelinePoint {
        TimelinePoint {
            at,
            status,
            step: step.map(str::to_owned),
            extension: None,
        }
    }

    fn budget(hours: i64) -> StepBudget {
        StepBudget {
            budget: Budget::Minutes(hours * 60),
            warn_minutes: 60,
        }
    }

    #[test]
    fn supplement_pauses_the_step_and_the_dossier_and_the_result_stops_the_dossier_clock() {
        let points = [
            point(at(2, 8, 0), Status::Draft, None),
            point(at(2, 9, 0), Status::InProgress, Some("a")),
            point(at(2, 10, 0), Status::InProgress, Some("b")),
            point(at(3, 8, 0), Status::AwaitingSupplement, Some("b")),
            point(at(5, 8, 0), Status::InProgress, Some("b")),
            point(at(5, 9, 0), Status::ResultArrived, Some("c")),
            point(at(5, 10, 0), Status::Completed, Some("c")),
        ];
        let clocks = dossier_clocks(
            &points,
            |_| Some(budget(4)),
            budget(16),
            NaiveTime::from_hms_opt(15, 0, 0).unwrap_or_default(),
        );
        let steps: Vec<&str> = clocks.steps.iter().map(|s| s.step.as_str()).collect();
        assert_eq!(steps, ["a", "b", "c"]);
        assert_eq!(
            clocks.steps[1].clock.events,
            vec![
                ClockEvent::Start { at: at(2, 10, 0) },
                ClockEvent::Pause {
                    at: at(3, 8, 0),
                    reason: SUPPLEMENT_PAUSE.to_owned()
                },
                ClockEvent::Resume { at: at(5, 8, 0) },
                ClockEvent::Transfer {
                    at: at(5, 9, 0),
                    to: "c".to_owned()
                },
            ]
        );
        assert_eq!(
            clocks.steps[2].clock.events,
            vec![
                ClockEvent::Start { at: at(5, 9, 0) },
                ClockEvent::Finish { at: at(5, 10, 0) }
            ]
        );
        let overall = clocks.overall.unwrap_or_else(|| panic!("no overall clock"));
        assert_eq!(overall.events.len(), 4);
        assert_eq!(overall.events[3], ClockEvent::Finish { at: at(5, 9, 0) });
    }

    #[test]
    fn a_draft_deleted_before_reception_has_no_clock() {
        let points = [
            point(at(2, 8, 0), Status::Draft, None),
            point(at(2, 9, 0), Status::Deleted, None),
        ];
        let clocks = dossier_clocks(&points, |_| Some(budget(4)), budget(16), no_cutoff());
        assert_eq!(clocks, DossierClocks::default());
    }

    #[test]
    fn a_step_sent_back_to_gets_a_second_visit() {
        let points = [
            point(at(2, 8, 0), Status::Draft, None),
            point(at(2, 9, 0), Status::InProgress, Some("a")),
            point(at(2, 10, 0), Status::InProgress, Some("b")),
            point(at(2, 11, 0), Status::ReworkRequested, Some("a")),
            point(at(2, 14, 0), Status::InProgress, Some("a")),
            point(at(2, 15, 0), Status::Rejected, Some("a")),
        ];
        let clocks = dossier_clocks(&points, |_| Some(budget(4)), budget(16), no_cutoff());
        let steps: Vec<&str> = clocks.steps.iter().map(|s| s.step.as_str()).collect();
        assert_eq!(steps, ["a", "b", "a"]);
        assert_eq!(
            clocks.steps[2].clock.events.last(),
            Some(&ClockEvent::Finish { at: at(2, 15, 0) })
        );
        assert_eq!(
            clocks.overall.and_then(|c| c.events.last().cloned()),
            Some(ClockEvent::Finish { at: at(2, 15, 0) })
        );
    }
}
