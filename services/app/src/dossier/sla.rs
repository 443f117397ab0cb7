//! A dossier's SLA: its clocks read off the timeline (core), evaluated on the working calendar
//! of the office serving its unit, with budgets from the workflow it is pinned to.

use ansinh_config::ProvinceConfig;
use ansinh_config::model::{Workflow, WorkingDuration};
use ansinh_core::calendar::local::{from_local, to_local};
use ansinh_core::calendar::sla::{Budget, ClockEvent, ClockState, SlaClock, SlaStatus};
use ansinh_core::calendar::{ExplainedDay, explain};
use ansinh_core::dossier::{
    DossierClocks, Extension, Status, StepBudget, TimelinePoint, dossier_clocks,
};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

use super::Dossiers;
use super::ports::{Deadlines, StoredEvent};
use crate::AppError;
use crate::model::{TenantScope, Unit};
use ansinh_core::ErrorCode;

/// One evaluated clock.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockView {
    /// Step code; `None` for the dossier as a whole.
    pub step: Option<String>,
    /// Working time allowed, e.g. `6d` or `4h`.
    pub budget: String,
    /// When counting began.
    pub started_at: Option<DateTime<Utc>>,
    /// When the time runs out (`None` while paused).
    pub due_at: Option<DateTime<Utc>>,
    /// When it becomes due soon.
    pub warn_at: Option<DateTime<Utc>>,
    /// When it ended.
    pub finished_at: Option<DateTime<Utc>>,
    /// Paused now (waiting for the citizen).
    pub paused: bool,
    /// Not due, due soon, late; early, on time, late once finished.
    pub status: SlaStatus,
    /// Day by day, why the due instant is what it is (the dossier's clock, when asked for).
    pub explanation: Vec<ExplainedDay>,
}

/// All of a dossier's SLA.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DossierSla {
    /// The dossier as a whole (the appointment); `None` before reception.
    pub overall: Option<ClockView>,
    /// Each step visit, oldest first.
    pub steps: Vec<ClockView>,
}

impl DossierSla {
    /// The instants kept on the dossier row: those of the open step and of the dossier.
    pub fn deadlines(&self, status: Status) -> Deadlines {
        let open = self
            .steps
            .last()
            .filter(|step| step.finished_at.is_none() && !status.is_terminal());
        Deadlines {
            step_started_at: open.and_then(|s| s.started_at),
            step_warn_at: open.and_then(|s| s.warn_at),
            step_due_at: open.and_then(|s| s.due_at),
            due_at: self
                .overall
                .as_ref()
                .filter(|o| o.finished_at.is_none())
                .and_then(|o| o.due_at),
            supplement_remind_at: None,
            supplement_lapse_at: None,
        }
    }
}

fn budget_of(duration: WorkingDuration) -> Budget {
    Budget::from_hours(duration.hours, duration.whole_days)
}

fn utc(local: Option<chrono::NaiveDateTime>) -> Option<DateTime<Utc>> {
    local.map(|at| from_local(at).with_timezone(&Utc))
}

fn view(step: Option<String>, budget: String, state: &ClockState) -> ClockView {
    ClockView {
        step,
        budget,
        started_at: utc(state.effective_start),
        due_at: utc(state.due),
        warn_at: utc(state.warn_at),
        finished_at: utc(state.finished_at),
        paused: state.paused,
        status: state.status,
        explanation: Vec::new(),
    }
}

/// The timeline as the core's clocks read it; unknown statuses (none are written) are skipped.
pub(crate) fn timeline_points(events: &[StoredEvent]) -> Vec<TimelinePoint> {
    events
        .iter()
        .filter_map(|event| {
            Some(TimelinePoint {
                at: to_local(&event.at),
                status: Status::parse(&event.to.0)?,
                step: event.to.1.clone(),
                extension: extension_of(event),
            })
        })
        .collect()
}

/// The working time an apology letter added, as its event recorded it.
fn extension_of(event: &StoredEvent) -> Option<Extension> {
    if event.action != "extend_appointment" {
        return None;
    }
    let details = event.read_details();
    Some(Extension {
        minutes: details.minutes?,
        reason: details.reason.unwrap_or_default(),
    })
}

/// The clocks of a timeline under a workflow.
pub(crate) fn clocks_of(
    workflow: &Workflow,
    province: &ProvinceConfig,
    points: &[TimelinePoint],
) -> DossierClocks {
    let total: u32 = workflow.steps.iter().map(|s| s.budget.hours).sum();
    let overall = StepBudget {
        budget: Budget::from_hours(total, total.is_multiple_of(WorkingDuration::HOURS_PER_DAY)),
        // A day's warning, or a quarter of a short budget.
        warn_minutes: i64::from((total * 60 / 4).min(8 * 60)),
    };
    dossier_clocks(
        points,
        |code| {
            // A step without time of its own (handing the result over) has no clock.
            let step = workflow
                .steps
                .iter()
                .find(|s| s.code == code && s.budget.hours > 0)?;
            Some(StepBudget {
                budget: budget_of(step.budget),
                warn_minutes: i64::from(step.warn_before.map_or(0, |w| w.hours)) * 60,
            })
        },
        overall,
        province.calendar.receipt_cutoff,
    )
}

impl Dossiers {
    /// Evaluates the clocks of a dossier received at `unit` as of `now` on the calendar of the
    /// office serving it; with `explained`, the dossier's own clock explains its due instant day
    /// by day.
    pub(crate) async fn evaluate_sla(
        &self,
        scope: &TenantScope,
        unit: &Unit,
        workflow: &Workflow,
        points: &[TimelinePoint],
        now: DateTime<Utc>,
        explained: bool,
    ) -> Result<DossierSla, AppError> {
        let province = self.reference.province_config(scope).await?;
        let clocks = clocks_of(workflow, &province, points);
        if clocks.overall.is_none() && clocks.steps.is_empty() {
            return Ok(DossierSla::default());
        }
        let calendar = self.unit_calendar(scope, unit, now).await?;
        let local_now = to_local(&now);
        let evaluate = |clock: &SlaClock| clock.evaluate(&calendar.calendar, local_now);
        let duration = |budget: Budget| match budget {
            Budget::Days(days) => format!("{days}d"),
            Budget::Minutes(minutes) if minutes % 60 == 0 => format!("{}h", minutes / 60),
            Budget::Minutes(minutes) => format!("{minutes}m"),
        };
        let overall = clocks
            .overall
            .as_ref()
            .map(|clock| {
                let state = evaluate(clock)?;
                let mut overall = view(None, duration(clock.budget), &state);
                let started = clock.events.iter().find_map(|event| match event {
                    ClockEvent::Start { at } => Some(*at),
                    _ => None,
                });
                if let (true, Some(received)) = (explained, started) {
                    let until = state.finished_at.unwrap_or(local_now);
                    overall.explanation = explain(
                        &calendar.calendar,
                        &state,
                        received,
                        clock.receipt_cutoff,
                        until,
                    )?;
                }
                Ok::<_, ansinh_core::DomainError>(overall)
            })
            .transpose()?;
        let steps = clocks
            .steps
            .iter()
            .map(|visit| {
                evaluate(&visit.clock).map(|state| {
                    view(
                        Some(visit.step.clone()),
                        duration(visit.clock.budget),
                        &state,
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DossierSla { overall, steps })
    }
}

impl Dossiers {
    /// The working calendar of the office serving `unit`, around `now`'s year.
    pub(crate) async fn unit_calendar(
        &self,
        scope: &TenantScope,
        unit: &Unit,
        now: DateTime<Utc>,
    ) -> Result<std::sync::Arc<crate::calendar::OfficeCalendar>, AppError> {
        let province = self.reference.province_config(scope).await?;
        let office = province
            .offices
            .serving(unit.id.code(), unit.level)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::NoOffice,
                    format!(
                        "chưa có bộ phận tiếp nhận phục vụ {} (mã {}) trong offices.yaml",
                        unit.full_name,
                        unit.id.code()
                    ),
                )
            })?;
        self.reference
            .office_calendar(scope, &office.code, to_local(&now).year())
            .await
    }
}

/// A step's clock as stored with an event (its explanation is not kept).
#[derive(Debug, Serialize, Deserialize)]
struct Snapshot {
    step: Option<String>,
    budget: String,
    started_at: Option<DateTime<Utc>>,
    due_at: Option<DateTime<Utc>>,
    warn_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
    paused: bool,
    status: String,
}

/// The snapshot stored with an event: the clock of the step the event concerns.
pub(crate) fn snapshot(clock: &ClockView) -> String {
    let stored = Snapshot {
        step: clock.step.clone(),
        budget: clock.budget.clone(),
        started_at: clock.started_at,
        due_at: clock.due_at,
        warn_at: clock.warn_at,
        finished_at: clock.finished_at,
        paused: clock.paused,
        status: status_name(clock.status).to_owned(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

impl ClockView {
    /// The clock stored with an event, read back; `None` when there is none or it is unreadable.
    pub fn from_snapshot(text: &str) -> Option<Self> {
        let stored: Snapshot = serde_json::from_str(text).ok()?;
        Some(Self {
            step: stored.step,
            budget: stored.budget,
            started_at: stored.started_at,
            due_at: stored.due_at,
            warn_at: stored.warn_at,
            finished_at: stored.finished_at,
            paused: stored.paused,
            status: status_named(&stored.status)?,
            explanation: Vec::new(),
        })
    }
}

const STATUS_NAMES: [(SlaStatus, &str); 5] = [
    (SlaStatus::NotDue, "not_due"),
    (SlaStatus::DueSoon, "due_soon"),
    (SlaStatus::Late, "late"),
    (SlaStatus::Early, "early"),
    (SlaStatus::OnTime, "on_time"),
];

/// Stable name of an SLA status.
pub fn status_name(status: SlaStatus) -> &'static str {
    STATUS_NAMES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("unknown", |(_, name)| name)
}

fn status_named(name: &str) -> Option<SlaStatus> {
    STATUS_NAMES
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(status, _)| *status)
}
