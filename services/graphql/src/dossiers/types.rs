//! Dossier types of the API: the dossier with its SLA, next actions and timeline, queue
//! counts, who handles a step.

use ansinh_app::dossier::{ClockView, FolderCounts, StepStaffing, StoredEvent};
use async_graphql::{Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};

use crate::identity::RoleName;
use crate::reference::calendar_types::ExplanationDay;
use ansinh_core::dossier::SYSTEM_ACCOUNT;

/// How the timeline names the scheduled jobs when they act.
const SYSTEM_NAME: &str = "Hệ thống (tác vụ tự động)";

/// Where a dossier is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_core::dossier::Status")]
pub(crate) enum DossierStatus {
    /// Created on a citizen's behalf, not yet received.
    Draft,
    /// Being processed (đang xử lý).
    InProgress,
    /// Waiting for the citizen's supplement (chờ bổ sung; the clock is paused).
    AwaitingSupplement,
    /// Sent back by the upper level, to be accepted and reworked.
    ReworkRequested,
    /// The result is back at the commune (có kết quả chờ trả).
    ResultArrived,
    /// The result was returned to the citizen.
    Completed,
    /// Returned as ineligible (không đủ điều kiện).
    ReturnedIneligible,
    /// Rejected by the leader (lãnh đạo từ chối).
    Rejected,
    /// Returned by the system: the citizen's supplement did not come within the wait (quá hạn
    /// bổ sung).
    SupplementLapsed,
    /// Withdrawn by the citizen.
    Withdrawn,
    /// Deleted by its creator before reception.
    Deleted,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_core::calendar::sla::SlaStatus")]
pub(crate) enum SlaStatusName {
    /// In progress, more than the warning threshold left (chưa đến hạn).
    NotDue,
    /// In progress, within the warning threshold (sắp đến hạn).
    DueSoon,
    /// Past the due instant (trễ hạn).
    Late,
    /// Finished before the due day (trước hạn).
    Early,
    /// Finished on the due day, in time (đúng hạn).
    OnTime,
}

/// SLA state of an open dossier's current step, as queues filter on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_core::dossier::StepSla")]
pub(crate) enum StepSlaState {
    /// More than the warning threshold left (chưa đến hạn).
    NotDue,
    /// Within the warning threshold (sắp đến hạn).
    DueSoon,
    /// Past due (trễ hạn).
    Late,
    /// Paused, waiting for the citizen's supplement (tạm dừng).
    Paused,
}

/// One SLA clock: of a step visit, or of the whole dossier (the appointment).
#[derive(Debug, SimpleObject)]
pub(crate) struct SlaClock {
    /// Step code; null for the whole dossier.
    step: Option<String>,
    /// Working time allowed, e.g. `6d` (days) or `4h` (hours).
    budget: String,
    /// When counting began (after the receipt cut-off and office sessions).
    started_at: Option<DateTime<Utc>>,
    /// When the time runs out; null while paused.
    due_at: Option<DateTime<Utc>>,
    /// When it becomes due soon.
    warn_at: Option<DateTime<Utc>>,
    /// When the step (or dossier) ended.
    finished_at: Option<DateTime<Utc>>,
    /// Paused now, waiting for the citizen.
    paused: bool,
    /// Not due, due soon, late; early, on time, late once finished.
    status: SlaStatusName,
    /// Day by day, why the dossier's due instant is what it is: sessions counted, days off,
    /// pauses waiting for the citizen (the dossier's own clock, in the detail).
    explanation: Vec<ExplanationDay>,
}

impl From<&ClockView> for SlaClock {
    fn from(clock: &ClockView) -> Self {
        Self {
            step: clock.step.clone(),
            budget: clock.budget.clone(),
            started_at: clock.started_at,
            due_at: clock.due_at,
            warn_at: clock.warn_at,
            finished_at: clock.finished_at,
            paused: clock.paused,
            status: clock.status.into(),
            explanation: clock.explanation.iter().cloned().map(Into::into).collect(),
        }
    }
}

/// A dossier's SLA: overall and per step visit.
#[derive(Debug, SimpleObject)]
pub(crate) struct DossierSla {
    /// The whole dossier, from reception until the result is ready; null before reception.
    overall: Option<SlaClock>,
    /// Each step visit, oldest first; the last is the current step while the dossier is open.
    steps: Vec<SlaClock>,
}

impl DossierSla {
    pub(super) fn new(sla: &ansinh_app::dossier::DossierSla) -> Self {
        Self {
            overall: sla.overall.as_ref().map(SlaClock::from),
            steps: sla.steps.iter().map(SlaClock::from).collect(),
        }
    }
}

/// An action the caller may take now.
#[derive(Debug, SimpleObject)]
pub(crate) struct NextAction {
    /// Action name: `receive`, `forward`, `request_supplement`, `sign`, …
    action: String,
    /// Step it leads to, for actions that move the dossier.
    to_step: Option<String>,
}

impl NextAction {
    pub(super) fn new(action: &str, to_step: Option<String>) -> Self {
        Self {
            action: action.to_owned(),
            to_step,
        }
    }
}

/// One recorded field of an application.
#[derive(Debug, SimpleObject)]
pub(crate) struct DossierField {
    /// Field name, e.g. `dia_chi`, `ngay_sinh`.
    pub(super) name: String,
    /// Value (NFC).
    pub(super) value: String,
}

/// A field change recorded in the timeline.
#[derive(Debug, SimpleObject)]
pub(crate) struct FieldChange {
    /// Field name.
    name: String,
    /// Value before (null when it was not set or is withheld from the caller; ID numbers are
    /// not repeated here).
    from: Option<String>,
    /// Value after.
    to: Option<String>,
}

/// One entry of a dossier's progress timeline (tiến độ xử lý).
#[derive(Debug, SimpleObject)]
pub(crate) struct TimelineEntry {
    /// 0 for creation, then 1, 2, …
    version: u32,
    /// What was done (`create`, `receive`, `forward`, `request_supplement`, …).
    action: String,
    /// Account that acted (`system` for the scheduled jobs).
    actor_id: ID,
    /// Name of the officer who acted ("Hệ thống" for the scheduled jobs).
    actor_name: Option<String>,
    /// Account acted for, when a deputy acted.
    acting_for_id: Option<ID>,
    /// Name of the officer acted for.
    acting_for_name: Option<String>,
    /// When.
    at: DateTime<Utc>,
    /// Status afterwards.
    status: String,
    /// Step afterwards.
    step: Option<String>,
    /// The officer's note.
    note: String,
    /// Reason given (send back, ineligible, rejection, withdrawal).
    reason: Option<String>,
    /// What the citizen must supply (the one complete list).
    missing: Vec<String>,
    /// Handler the dossier went to.
    handler_id: Option<ID>,
    /// That handler's name.
    handler_name: Option<String>,
    /// Decision number issued.
    decision_number: Option<String>,
    /// How the result was handed over (`electronic`, `in_person`, `post`).
    handover: Option<String>,
    /// Fields changed.
    changes: Vec<FieldChange>,
    /// The new appointment an apology letter gave (Phiếu xin lỗi và hẹn lại).
    new_appointment: Option<chrono::NaiveDate>,
    /// The appointment it replaced.
    previous_appointment: Option<DateTime<Utc>>,
    /// Working days the supplement was waited for before the system returned the dossier.
    waited_days: Option<u32>,
    /// The concerned step's SLA at that moment.
    step_sla: Option<SlaClock>,
    /// Hash linking this entry to the previous one.
    hash: String,
}

/// A timeline entry; `officers` gives the names of the accounts it mentions.
pub(super) fn timeline_entry(
    event: StoredEvent,
    officers: &std::collections::BTreeMap<String, String>,
) -> TimelineEntry {
    let details = event.read_details();
    let step_sla = event
        .sla
        .as_deref()
        .and_then(ClockView::from_snapshot)
        .as_ref()
        .map(SlaClock::from);
    TimelineEntry {
        version: event.version,
        action: event.action,
        actor_name: if event.actor == SYSTEM_ACCOUNT {
            Some(SYSTEM_NAME.to_owned())
        } else {
            officers.get(&event.actor).cloned()
        },
        new_appointment: details.until,
        previous_appointment: details.previous_due,
        waited_days: details.waited_days,
        acting_for_name: event
            .acting_for
            .as_ref()
            .and_then(|a| officers.get(a).cloned()),
        actor_id: ID(event.actor),
        acting_for_id: event.acting_for.map(ID),
        at: event.at,
        status: event.to.0,
        step: event.to.1,
        note: event.note,
        reason: details.reason,
        missing: details.missing,
        handler_id: details.handler.map(ID),
        handler_name: details.handler_name,
        decision_number: details.decision_number,
        handover: details.handover,
        changes: details
            .changes
            .into_iter()
            .map(|(name, change)| FieldChange {
                name,
                from: change.from,
                to: change.to,
            })
            .collect(),
        step_sla,
        hash: event.hash,
    }
}

/// How many dossiers each folder of the caller's queue holds.
#[derive(Debug, SimpleObject)]
pub(crate) struct QueueCounts {
    /// Chờ tiếp nhận.
    to_receive: u64,
    /// Đang xử lý.
    in_progress: u64,
    /// Of those, late (trễ hạn).
    in_progress_late: u64,
    /// Of those, due soon (sắp đến hạn).
    in_progress_due_soon: u64,
    /// Yêu cầu bổ sung / đang bổ sung.
    supplement: u64,
    /// Có kết quả chờ trả.
    result_arrived: u64,
    /// Đã tiếp nhận chưa trả kết quả.
    not_returned: u64,
    /// Không đủ điều kiện / lãnh đạo từ chối.
    ineligible_or_rejected: u64,
}

impl From<FolderCounts> for QueueCounts {
    fn from(c: FolderCounts) -> Self {
        Self {
            to_receive: c.to_receive,
            in_progress: c.in_progress,
            in_progress_late: c.in_progress_late,
            in_progress_due_soon: c.in_progress_due_soon,
            supplement: c.supplement,
            result_arrived: c.result_arrived,
            not_returned: c.not_returned,
            ineligible_or_rejected: c.ineligible_or_rejected,
        }
    }
}

/// An officer who may take a step.
#[derive(Debug, SimpleObject)]
pub(crate) struct StepOfficer {
    /// Account id (pass it as `handlerId`).
    id: ID,
    /// Login name.
    username: String,
    /// Name shown.
    display_name: String,
}

/// Who handles a step of a dossier: the position, the unit, the officers assigned today and
/// their deputies.
#[derive(Debug, SimpleObject)]
pub(crate) struct StepHandlers {
    /// Step code.
    step: String,
    /// Step name.
    step_name: String,
    /// Position (vị trí) handling it.
    position: RoleName,
    /// Position title in Vietnamese.
    position_title: String,
    /// Unit where the step is handled.
    unit_id: ID,
    /// That unit's name.
    unit_name: String,
    /// Officers assigned today (choose one as handler).
    officers: Vec<StepOfficer>,
    /// Deputies who may act for them.
    deputies: Vec<StepOfficer>,
    /// Why nobody can be chosen, when the list is empty (names the position and the unit).
    problem: Option<String>,
}

impl From<StepStaffing> for StepHandlers {
    fn from(s: StepStaffing) -> Self {
        let officer = |o: ansinh_app::dossier::Officer| StepOfficer {
            id: ID(o.id.0),
            username: o.username,
            display_name: o.display_name,
        };
        let problem = s.officers.is_empty().then(|| s.no_handler().to_string());
        Self {
            step: s.step,
            step_name: s.step_name,
            position: s.role.into(),
            position_title: s.role.title_vi().to_owned(),
            unit_id: ID(s.unit.id.to_string()),
            unit_name: s.unit.full_name,
            officers: s.officers.into_iter().map(officer).collect(),
            deputies: s.deputies.into_iter().map(officer).collect(),
            problem,
        }
    }
}
