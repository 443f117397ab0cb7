//! Acting on a dossier: the handler chosen from the assignments, the deputy acting for the
//! holder, the state machine's decision, the SLA instants and snapshot, the decision number,
//! all stored in one guarded transaction.

use ansinh_config::model::Workflow;
use ansinh_core::calendar::local::{local_day, to_local};
use ansinh_core::dossier::{
    Actor, Command, Decision, DossierEvent, DossierState, Extension, TimelinePoint, plan,
};
use ansinh_core::text::TextRule;
use ansinh_core::{Action, DossierId, ErrorCode, Resource};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::{Map, Value, json};

use super::Dossiers;
use super::detail::Acted;
use super::ports::{
    Deadlines, DecisionRequest, DossierRecord, FieldValues, StoredEvent, Transition,
};
use super::sla::{snapshot, timeline_points};
use crate::config_index::ConfigIndex;
use crate::identity::Principal;
use crate::outbox::{DossierChange, OutboxEvent};
use crate::{AppError, TenantScope, input};

/// Default document symbol when the procedure has no decision template.
const DEFAULT_SYMBOL: &str = "QĐ-UBND";

const MAX_MISSING_ITEMS: usize = 30;
/// A missing item is one line of the list handed to the citizen.
const MISSING_ITEM: TextRule = TextRule::line(500);

/// The command's and the note's texts as stored (trimmed, NFC, checked): refuses texts no
/// officer writes by hand (and that would bloat the timeline or break a printed list).
fn clean_texts(command: &mut Command, note: &str) -> Result<String, AppError> {
    let note = input::text("note", "ghi chú", note, TextRule::PARAGRAPH)?;
    match command {
        Command::SendBack { reason, .. }
        | Command::ExtendAppointment { reason, .. }
        | Command::ReturnIneligible { reason }
        | Command::Reject { reason }
        | Command::Withdraw { reason } => {
            *reason = input::text("reason", "lý do", reason, TextRule::PARAGRAPH)?;
        }
        Command::RequestSupplement { missing } => {
            if missing.len() > MAX_MISSING_ITEMS {
                return Err(AppError::invalid_field(
                    ErrorCode::TooManyItems,
                    "missing",
                    format!("danh sách cần bổ sung có tối đa {MAX_MISSING_ITEMS} mục"),
                ));
            }
            for (i, item) in missing.iter_mut().enumerate() {
                let label = format!("mục cần bổ sung thứ {}", i + 1);
                *item = input::text(&format!("missing[{i}]"), &label, item, MISSING_ITEM)?;
            }
            missing.retain(|item| !item.is_empty());
        }
        _ => {}
    }
    Ok(note)
}

/// What an action may carry besides its command and note.
#[derive(Debug, Default)]
pub(crate) struct ActExtras {
    /// More for the timeline.
    pub(crate) details: Map<String, Value>,
    /// New values of the applicant's data.
    pub(crate) values: Option<FieldValues>,
    /// The document revision the action makes (a signed or issued decision).
    pub(crate) document: Option<crate::documents::DocumentRecord>,
    /// The decision number the issued document carries: the action fails with `Conflict`
    /// when another issue took it first.
    pub(crate) expected_number: Option<u32>,
}

/// What the timeline keeps of a command besides its name.
fn details_of(command: &Command) -> Map<String, Value> {
    let value = match command {
        Command::Forward { to, handler }
        | Command::Sign { to, handler }
        | Command::Issue { to, handler } => json!({"to": to, "handler": handler}),
        Command::SendBack {
            to,
            handler,
            reason,
        } => json!({"to": to, "handler": handler, "reason": reason}),
        Command::RequestSupplement { missing } => json!({"missing": missing}),
        Command::ReturnIneligible { reason }
        | Command::Reject { reason }
        | Command::Withdraw { reason } => json!({"reason": reason}),
        Command::Reassign { handler } => json!({"handler": handler}),
        Command::ExtendAppointment { until, reason } => json!({"until": until, "reason": reason}),
        Command::CloseUnsupplemented { waited_days } => json!({"waited_days": waited_days}),
        _ => json!({}),
    };
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The record as stored by `transition` (the row now holds exactly the decided state: no need to
/// read it back).
fn applied(
    record: DossierRecord,
    transition: Transition,
    decision_number: Option<String>,
    now: DateTime<Utc>,
) -> DossierRecord {
    let mut updated = DossierRecord {
        state: transition.state,
        deadlines: transition.deadlines,
        decision_number: decision_number.or(record.decision_number.clone()),
        received: transition.received.or(record.received.clone()),
        updated_at: now,
        ..record
    };
    if let Some(values) = transition.values {
        updated.applicant_name = values.applicant_name;
        updated.applicant_id_number = values.applicant_id_number;
        updated.fields = values.fields;
    }
    updated
}

impl Dossiers {
    /// Applies an action to a dossier as the principal, in one guarded transaction. A forward,
    /// sign, issue or send-back with no handler chosen goes to the only officer assigned.
    /// Answers the dossier after it, as the principal may see it, with its timeline.
    pub async fn act(
        &self,
        principal: &Principal,
        dossier_id: &DossierId,
        command: Command,
        note: &str,
    ) -> Result<Acted, AppError> {
        let (_, record) = self.readable(principal, dossier_id).await?;
        // Deleting a draft is its own permission; every other action is a transition.
        let permission = match command {
            Command::Delete => Action::Delete,
            _ => Action::Transition,
        };
        self.access
            .require(principal, Resource::Dossier, permission, &record.unit)
            .await?;
        self.act_with(principal, record, command, note, ActExtras::default())
            .await
    }

    /// Whether the state machine lets the principal apply `command` to the dossier now (the
    /// same refusal `act` would give), before work is done for it.
    pub(crate) async fn permits(
        &self,
        principal: &Principal,
        record: &DossierRecord,
        command: &Command,
    ) -> Result<(), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let (_, workflow, def) = self.pinned_workflow(&scope, record).await?;
        let actor = self.actor_for(&scope, principal, record, &workflow).await?;
        match plan(
            &def,
            &record.state,
            command.clone(),
            &actor,
            to_local(&self.clock.now()),
        ) {
            Ok(_) => Ok(()),
            Err(refused) => Err(self.refusal(&scope, record, &workflow, refused).await),
        }
    }

    /// The common path of every action once the caller may act at the dossier's unit.
    pub(crate) async fn act_with(
        &self,
        principal: &Principal,
        record: DossierRecord,
        command: Command,
        note: &str,
        extras: ActExtras,
    ) -> Result<Acted, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let (_, workflow, _) = self.pinned_workflow(&scope, &record).await?;
        let actor = self
            .actor_for(&scope, principal, &record, &workflow)
            .await?;
        let (updated, events) = self
            .commit_action(&scope, record, &actor, command, note, extras)
            .await?;
        Ok(Acted {
            record: self.disclosed(principal, updated).await,
            events,
        })
    }

    /// Decides and stores an action by `actor` (an officer, or the system): the record after
    /// it and the timeline with its event last.
    pub(crate) async fn commit_action(
        &self,
        scope: &TenantScope,
        record: DossierRecord,
        actor: &Actor,
        mut command: Command,
        note: &str,
        extras: ActExtras,
    ) -> Result<(DossierRecord, Vec<StoredEvent>), AppError> {
        let ActExtras {
            details: extra_details,
            values,
            document,
            expected_number,
        } = extras;
        let scope = scope.clone();
        let (pinned, workflow, def) = self.pinned_workflow(&scope, &record).await?;
        let now = self.clock.now();
        let today = local_day(&now);
        let note = clean_texts(&mut command, note)?;
        // Whether the action is allowed comes before choosing its handler.
        let decision = match plan(&def, &record.state, command, actor, to_local(&now)) {
            Ok(decision) => decision,
            Err(refused) => return Err(self.refusal(&scope, &record, &workflow, refused).await),
        };
        if let Command::RequestSupplement { missing } = decision.command() {
            self.refuse_signed_on_paper(&scope, &record, missing)
                .await?;
        }
        let (decision, handed_to) = self
            .hand_over(&scope, &record, &workflow, decision, today)
            .await?;
        let mut details = details_of(decision.command());
        details.extend(handed_to);
        details.extend(extra_details);
        let extension = match decision.command() {
            Command::ExtendAppointment { until, reason } => {
                let (extension, recorded) = self
                    .extension(&scope, &record, &workflow, *until, reason, now)
                    .await?;
                details.extend(recorded);
                Some(extension)
            }
            _ => None,
        };
        let decision_request = match decision.command() {
            Command::Issue { .. } => Some(DecisionRequest {
                expected: expected_number,
                ..self
                    .decision_request(&scope, &pinned, &record, &workflow, today)
                    .await?
            }),
            _ => None,
        };
        let receives = matches!(decision.command(), Command::Receive);
        let (state, event) = decision.finish()?;
        let (mut deadlines, sla, mut events) = self
            .clocks_after(&scope, &record, &workflow, (&state, &event, extension), now)
            .await?;
        self.keep_supplement_wait(&scope, &record, (&state, &event), &mut deadlines)
            .await?;
        let transition = Transition {
            expected_version: record.state.version,
            outbox: Some(OutboxEvent::dossier_changed(
                &record.id,
                DossierChange {
                    version: state.version,
                    status: state.status,
                    holder: state.holder.as_deref(),
                    previous_holder: record.state.holder.as_deref(),
                    action: event.command.name(),
                },
            )),
            deadlines,
            state,
            event,
            note,
            details,
            sla,
            received: receives.then(|| (actor.account.clone(), now)),
            decision: decision_request,
            values,
            document,
        };
        let stored = self.repo.apply(&scope, &record.id, &transition).await?;
        let live = crate::live::LiveChange {
            tenant: scope.tenant().as_str().to_owned(),
            dossier: record.id.as_str().to_owned(),
            version: transition.state.version,
            status: transition.state.status.as_str().to_owned(),
            action: transition.event.command.name().to_owned(),
            holder: transition.state.holder.clone(),
            previous_holder: record.state.holder.clone(),
        };
        crate::live::announce(self.live.as_ref(), live).await;
        // The instant as stored (to the microsecond), as a read would show it.
        let at = stored.event.at;
        events.push(stored.event);
        let updated = applied(record, transition, stored.decision_number, at);
        Ok((updated, events))
    }

    /// Chooses the officer for the step the decision moves the dossier to (the one asked for,
    /// or the only one assigned): the decision handed over and what the timeline says of them.
    async fn hand_over(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        workflow: &Workflow,
        decision: Decision,
        today: NaiveDate,
    ) -> Result<(Decision, Map<String, Value>), AppError> {
        let Some((to, asked)) = decision.target() else {
            return Ok((decision, Map::new()));
        };
        let step = workflow
            .steps
            .iter()
            .find(|s| s.code == to)
            .ok_or_else(|| AppError::Internal(format!("step {to} vanished")))?;
        let province = self.reference.province_config(scope).await?;
        let staffing = self
            .step_officers(scope, &province, record, step, today)
            .await?;
        let officer = staffing.choose(asked)?;
        let mut handed_to = Map::new();
        handed_to.insert(
            "handler_name".to_owned(),
            officer.display_name.clone().into(),
        );
        handed_to.insert(
            "handler_unit".to_owned(),
            staffing.unit.id.to_string().into(),
        );
        Ok((decision.hand_to(&officer.id.0), handed_to))
    }

    /// The decision number to draw when the dossier's current step issues its decision: the
    /// issuing unit at the step's level, this year, the procedure's document symbol.
    pub(crate) async fn decision_request(
        &self,
        scope: &TenantScope,
        pinned: &ConfigIndex,
        record: &DossierRecord,
        workflow: &Workflow,
        today: NaiveDate,
    ) -> Result<DecisionRequest, AppError> {
        let step = record
            .state
            .step
            .as_deref()
            .and_then(|code| workflow.steps.iter().find(|s| s.code == code))
            .ok_or_else(|| AppError::Internal("issuing outside a step".to_owned()))?;
        let issuer = self.unit_at_level(scope, &record.unit, step.level).await?;
        let symbol = pinned.symbol(&record.procedure).unwrap_or(DEFAULT_SYMBOL);
        Ok(DecisionRequest {
            issuer: issuer.id.to_string(),
            year: today.year(),
            symbol: symbol.to_owned(),
            expected: None,
        })
    }

    /// The SLA instants after the change, the snapshot of the clock of the step concerned
    /// (the one left, or the one entered), and the timeline before the change.
    async fn clocks_after(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        workflow: &Workflow,
        (state, event, extension): (&DossierState, &DossierEvent, Option<Extension>),
        now: DateTime<Utc>,
    ) -> Result<(Deadlines, Option<String>, Vec<StoredEvent>), AppError> {
        let events = self.repo.events(scope, &record.id).await?;
        let mut points = timeline_points(&events);
        points.push(TimelinePoint {
            at: event.at,
            status: state.status,
            step: state.step.clone(),
            extension,
        });
        let unit = self.reference.unit(scope, &record.unit).await?;
        let sla = self
            .evaluate_sla(scope, &unit, workflow, &points, now, false)
            .await?;
        let concerned = event.from.1.clone().or_else(|| state.step.clone());
        let snapshot = sla
            .steps
            .iter()
            .rev()
            .find(|clock| clock.step == concerned)
            .map(snapshot);
        Ok((sla.deadlines(state.status), snapshot, events))
    }

    /// The state machine's refusal, saying who holds the dossier when only the holder may act
    /// (by name and position: officers do not know each other's account ids).
    async fn refusal(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        workflow: &Workflow,
        refused: ansinh_core::DomainError,
    ) -> AppError {
        let holder = record.state.holder.clone();
        let (
            ansinh_core::DomainError::Flow {
                code: ErrorCode::NotHolder,
                message,
            },
            Some(holder),
        ) = (&refused, holder)
        else {
            return refused.into();
        };
        let names = match self
            .officer_names(scope, std::slice::from_ref(&holder))
            .await
        {
            Ok(names) => names,
            Err(error) => return error,
        };
        let name = names
            .get(&holder)
            .cloned()
            .unwrap_or_else(|| "cán bộ khác".to_owned());
        let position = record
            .state
            .step
            .as_deref()
            .and_then(|code| workflow.steps.iter().find(|s| s.code == code))
            .map(|step| {
                let role = step.role.map(|r| r.title_vi()).unwrap_or("người thụ lý");
                format!(" ({role}, bước «{}»)", step.name)
            })
            .unwrap_or_default();
        AppError::invalid(
            ErrorCode::NotHolder,
            format!("hồ sơ đang do {name}{position} giữ; {message}"),
        )
    }
}
