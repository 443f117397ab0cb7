//! The SLA clock: a budget of working time, a ledger of start / pause / resume / extend /
//! transfer / finish events, and what follows from them: the effective start (receipt cut-off,
//! sessions), the due instant, the state (not due, due soon, late; or early, on time, late once
//! finished). Pauses are ledger entries, never a recomputed date.

use chrono::{NaiveDateTime, NaiveTime};

use super::working::WorkingCalendar;
use crate::DomainError;

/// How much working time a clock allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budget {
    /// Working minutes of the office's sessions.
    Minutes(i64),
    /// Whole working days: due at the same time of day N working days on, whatever the
    /// length of the office's sessions on the days between (`WorkingCalendar::add_working_days`).
    Days(u32),
}

impl Budget {
    /// A budget given in working hours (8 per day); whole days count as days when `whole_days`.
    pub fn from_hours(hours: u32, whole_days: bool) -> Self {
        if whole_days {
            Self::Days(hours / 8)
        } else {
            Self::Minutes(i64::from(hours) * 60)
        }
    }

    /// The working minutes this budget allows from `start`: whole days are as long as the
    /// office's sessions make them from there.
    pub fn minutes_from(
        self,
        calendar: &WorkingCalendar,
        start: NaiveDateTime,
    ) -> Result<i64, DomainError> {
        match self {
            Self::Minutes(minutes) => Ok(minutes),
            Self::Days(days) => {
                let due = calendar.add_working_days(start, days)?;
                calendar.working_minutes_between(start, due)
            }
        }
    }
}

/// One entry of a clock's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockEvent {
    /// The clock starts (reception, or a step receiving the dossier).
    Start {
        /// When.
        at: NaiveDateTime,
    },
    /// The clock stops, e.g. while waiting for the citizen's supplement.
    Pause {
        /// When.
        at: NaiveDateTime,
        /// Why, in Vietnamese.
        reason: String,
    },
    /// The clock runs again.
    Resume {
        /// When.
        at: NaiveDateTime,
    },
    /// The budget grows (an approved extension).
    Extend {
        /// When.
        at: NaiveDateTime,
        /// Working minutes added.
        minutes: i64,
        /// Why, in Vietnamese.
        reason: String,
    },
    /// The step hands the dossier on; this clock ends.
    Transfer {
        /// When.
        at: NaiveDateTime,
        /// Where the dossier went.
        to: String,
    },
    /// The work is done; this clock ends.
    Finish {
        /// When.
        at: NaiveDateTime,
    },
}

/// A clock: its budget, warning threshold and ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaClock {
    /// Working time allowed.
    pub budget: Budget,
    /// Warn when this many working minutes (8 h to a day) or fewer remain.
    pub warn_minutes: i64,
    /// Receipts after this time of day count from the next working day.
    pub receipt_cutoff: NaiveTime,
    /// Events in order.
    pub events: Vec<ClockEvent>,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlaStatus {
    /// In progress, more than the warning threshold left (chưa đến hạn).
    NotDue,
    /// In progress, within the warning threshold (sắp đến hạn).
    DueSoon,
    /// Past the due instant, finished or not (trễ hạn).
    Late,
    /// Finished on a day before the due day (trước hạn).
    Early,
    /// Finished on the due day, by the due instant (đúng hạn).
    OnTime,
}

/// A running or paused stretch of the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    /// First counted instant.
    pub from: NaiveDateTime,
    /// End, or `None` while running.
    pub to: Option<NaiveDateTime>,
}

/// The evaluated clock.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockState {
    /// When counting began (after cut-off and session rules).
    pub effective_start: Option<NaiveDateTime>,
    /// When the budget runs out; `None` while paused before running out.
    pub due: Option<NaiveDateTime>,
    /// When to warn; `None` when `due` is.
    pub warn_at: Option<NaiveDateTime>,
    /// Working minutes used up to `now` (or the finish).
    pub consumed: i64,
    /// Working minutes allowed, extensions included (whole days as long as they are from the
    /// effective start).
    pub budget: i64,
    /// Whether the clock is paused now.
    pub paused: bool,
    /// When it finished, if it did.
    pub finished_at: Option<NaiveDateTime>,
    /// Running stretches, in order.
    pub running: Vec<Stretch>,
    /// Paused stretches with their reasons.
    pub pauses: Vec<(Stretch, String)>,
    /// Not due, due soon, late; or early, on time, late.
    pub status: SlaStatus,
}

/// The instant a receipt starts counting: at once when inside a session before the cut-off,
/// otherwise the next session ("ngoài giờ làm việc") or the next working day (after cut-off).
pub fn receipt_start(
    calendar: &WorkingCalendar,
    at: NaiveDateTime,
    cutoff: NaiveTime,
) -> Result<NaiveDateTime, DomainError> {
    let day = calendar.day(at.date())?;
    if day.kind.is_working() && at.time() > cutoff {
        return calendar.next_day_start(at.date());
    }
    calendar.next_working_instant(at)
}

/// The ledger replayed on the calendar: what ran, what paused, when it started and finished.
#[derive(Default)]
struct Replayed {
    running: Vec<Stretch>,
    pauses: Vec<(Stretch, String)>,
    effective_start: Option<NaiveDateTime>,
    finished_at: Option<NaiveDateTime>,
    extended: i64,
}

impl Replayed {
    fn paused(&self) -> bool {
        self.pauses.last().is_some_and(|(p, _)| p.to.is_none()) && self.finished_at.is_none()
    }
}

impl SlaClock {
    /// Evaluates the ledger as of `now`.
    pub fn evaluate(
        &self,
        calendar: &WorkingCalendar,
        now: NaiveDateTime,
    ) -> Result<ClockState, DomainError> {
        let replayed = self.replay(calendar)?;
        let budget = match replayed.effective_start {
            Some(start) => self.budget.minutes_from(calendar, start)?,
            None => 0,
        } + replayed.extended;
        let paused = replayed.paused();
        let Replayed {
            running,
            pauses,
            effective_start,
            finished_at,
            ..
        } = replayed;
        let horizon = finished_at.unwrap_or(now);
        let (consumed, mut due) = consumed_until(calendar, &running, horizon, budget)?;
        // Where the budget left counts on from, while it has not run out: the finish (never
        // before the clock started), or where the running clock stands now.
        let counts_on = match (finished_at, running.last()) {
            _ if paused => None,
            (Some(finish), _) => Some(finish.max(effective_start.unwrap_or(finish))),
            (None, Some(last)) => Some(last.from.max(now)),
            (None, None) => None,
        };
        if let (None, Some(from)) = (due, counts_on) {
            due = Some(calendar.add_working_minutes(from, budget - consumed)?);
        }
        let warn = self.warn_minutes;
        let status = status(due, finished_at, now, budget - consumed, warn);
        let warn_at = match due {
            Some(due) if warn > 0 => Some(warn_instant(
                calendar,
                (&running, counts_on),
                budget - warn,
                due,
            )?),
            _ => None,
        };
        Ok(ClockState {
            effective_start,
            due,
            warn_at,
            consumed,
            budget,
            paused,
            finished_at,
            running,
            pauses,
            status,
        })
    }

    /// Replays the events in order; an event that does not apply in the state reached changes
    /// nothing (a second start, a resume while running, anything after the finish but
    /// extensions).
    fn replay(&self, calendar: &WorkingCalendar) -> Result<Replayed, DomainError> {
        let mut r = Replayed::default();
        for event in &self.events {
            let open = r.running.last().is_some_and(|s| s.to.is_none());
            let pause_open = r.pauses.last().is_some_and(|(p, _)| p.to.is_none());
            match event {
                ClockEvent::Start { at } if r.effective_start.is_none() => {
                    let from = receipt_start(calendar, *at, self.receipt_cutoff)?;
                    r.effective_start = Some(from);
                    r.running.push(Stretch { from, to: None });
                }
                ClockEvent::Pause { at, reason } if open => {
                    close(&mut r.running, *at);
                    let pause = Stretch {
                        from: *at,
                        to: None,
                    };
                    r.pauses.push((pause, reason.clone()));
                }
                ClockEvent::Resume { at } if pause_open => {
                    if let Some((pause, _)) = r.pauses.last_mut() {
                        pause.to = Some(*at);
                    }
                    // Never before the receipt started counting.
                    let from = calendar
                        .next_working_instant(*at)?
                        .max(r.effective_start.unwrap_or(*at));
                    r.running.push(Stretch { from, to: None });
                }
                ClockEvent::Extend { minutes, .. } => r.extended += minutes,
                ClockEvent::Transfer { at, .. } | ClockEvent::Finish { at }
                    if r.finished_at.is_none() =>
                {
                    close(&mut r.running, *at);
                    r.finished_at = Some(*at);
                }
                _ => {}
            }
        }
        Ok(r)
    }
}

/// Working minutes run up to `horizon` on the stretches, and the instant the budget ran out
/// on them, if it did.
fn consumed_until(
    calendar: &WorkingCalendar,
    running: &[Stretch],
    horizon: NaiveDateTime,
    budget: i64,
) -> Result<(i64, Option<NaiveDateTime>), DomainError> {
    let mut consumed = 0;
    let mut due = None;
    for stretch in running {
        let end = stretch.to.unwrap_or(horizon).max(stretch.from);
        let worked = calendar.working_minutes_between(stretch.from, end)?;
        if due.is_none() && consumed + worked >= budget {
            due = Some(calendar.add_working_minutes(stretch.from, budget - consumed)?);
        }
        consumed += worked;
    }
    Ok((consumed, due))
}

fn close(running: &mut [Stretch], at: NaiveDateTime) {
    if let Some(last) = running.last_mut()
        && last.to.is_none()
    {
        last.to = Some(at.max(last.from));
    }
}

/// The instant at which `target` working minutes (budget less the warning) have been used
/// (never before the clock started), on the stretches run and then, as for the due instant,
/// from where the clock counts on.
fn warn_instant(
    calendar: &WorkingCalendar,
    (running, counts_on): (&[Stretch], Option<NaiveDateTime>),
    target: i64,
    due: NaiveDateTime,
) -> Result<NaiveDateTime, DomainError> {
    let target = target.max(0);
    let mut consumed = 0;
    for stretch in running {
        let end = stretch.to.unwrap_or(due).min(due).max(stretch.from);
        let worked = calendar.working_minutes_between(stretch.from, end)?;
        if consumed + worked >= target {
            return calendar.add_working_minutes(stretch.from, target - consumed);
        }
        consumed += worked;
    }
    match counts_on {
        Some(from) => calendar.add_working_minutes(from, target - consumed),
        None => Ok(due),
    }
}

fn status(
    due: Option<NaiveDateTime>,
    finished_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
    remaining: i64,
    warn: i64,
) -> SlaStatus {
    match (finished_at, due) {
        (Some(done), Some(due)) if done > due => SlaStatus::Late,
        (Some(done), Some(due)) if done.date() == due.date() => SlaStatus::OnTime,
        (Some(_), _) => SlaStatus::Early,
        (None, Some(due)) if now > due => SlaStatus::Late,
        (None, None) if remaining <= 0 => SlaStatus::Late,
        (None, _) if remaining <= warn => SlaStatus::DueSoon,
        (None, _) => SlaStatus::NotDue,
    }
}
