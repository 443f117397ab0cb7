//! The dossier object: its own fields, and the objects it points to (holder, unit, procedure,
//! current step) resolved through the request's loaders and the pinned configuration.

use std::collections::BTreeMap;
use std::sync::Arc;

use ansinh_app::dossier::{DossierRecord, DossierView, Labels};
use ansinh_app::identity::AccountId;
use ansinh_core::{DossierId, UnitId};
use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, Utc};

use super::types::{
    DossierField, DossierSla, DossierStatus, NextAction, StepSlaState, TimelineEntry,
    timeline_entry,
};
use crate::context::{app, principal};
use crate::errors::GqlResult;
use crate::files::{Attachment, attachment};
use crate::identity::{Officer, officer};
use crate::loaders::loaders;
use crate::reference::config::{Procedure, WorkflowStep, workflow_step};
use crate::reference::units::AdminUnit;

/// What a dossier points to, kept for its relation fields.
#[derive(Debug, Clone)]
struct Refs {
    holder: Option<AccountId>,
    unit: UnitId,
    procedure: String,
    step: Option<String>,
    config_version: i32,
    labels: Arc<Labels>,
}

/// A dossier (hồ sơ). Fields marked "detail only" are null (or empty) in lists.
#[derive(Debug, SimpleObject)]
#[graphql(complex)]
pub(crate) struct Dossier {
    /// Id.
    id: ID,
    /// Code given to the citizen.
    code: String,
    /// Workflow code (pinned to the configuration version it started under).
    workflow: String,
    /// Status.
    status: DossierStatus,
    /// Id of the account holding it now (who must act); null once it has ended.
    holder_id: Option<ID>,
    /// Id of the receiving unit.
    unit_id: ID,
    /// Applicant's name (initials only when the caller may not read personal data).
    applicant_name: String,
    /// Whether the applicant's personal data (full name, ID number, the application's
    /// fields) was withheld because the caller's role may not read persons at this unit.
    personal_data_withheld: bool,
    /// Created.
    created_at: DateTime<Utc>,
    /// Last changed.
    updated_at: DateTime<Utc>,
    /// Account that received it.
    received_by_id: Option<ID>,
    /// When it was received.
    received_at: Option<DateTime<Utc>>,
    /// When the current step is due (null while paused or ended).
    step_due_at: Option<DateTime<Utc>>,
    /// When the dossier is due: the appointment (null while paused or once the result is ready).
    due_at: Option<DateTime<Utc>>,
    /// While waiting for the citizen's supplement: when the citizen is reminded.
    supplement_remind_at: Option<DateTime<Utc>>,
    /// While waiting for the citizen's supplement: when the dossier is returned without it.
    supplement_lapse_at: Option<DateTime<Utc>>,
    /// SLA state of the current step now (null when the dossier is not being processed).
    step_sla_state: Option<StepSlaState>,
    /// Number of the issued decision, e.g. `12/QĐ-UBND`.
    decision_number: Option<String>,
    /// The dossier this one was created from ("new dossier from this one").
    source_dossier_id: Option<ID>,
    /// Applicant's ID number (detail only; reading it is logged; null when withheld).
    applicant_id_number: Option<String>,
    /// Other recorded fields of the application (detail only; empty when withheld).
    fields: Vec<DossierField>,
    /// What the caller may do next (detail only).
    next_actions: Vec<NextAction>,
    /// SLA per step visit and overall (detail only).
    sla: Option<DossierSla>,
    /// Progress timeline, oldest first (detail only).
    timeline: Vec<TimelineEntry>,
    #[graphql(skip)]
    refs: Refs,
}

/// The dossier's relations.
#[ComplexObject]
impl Dossier {
    /// The procedure (thủ tục) it was filed under, as its pinned configuration version enables it.
    async fn procedure(&self) -> Procedure {
        let refs = &self.refs;
        let catalogue = refs.labels.catalogue.get(&refs.procedure);
        match refs
            .labels
            .enabled
            .get(&(refs.config_version, refs.procedure.clone()))
        {
            Some(enabled) => Procedure::new(enabled, catalogue),
            None => Procedure::code_only(&refs.procedure, catalogue),
        }
    }

    /// The current step of its pinned workflow (null once it has ended).
    async fn step(&self) -> Option<WorkflowStep> {
        self.current_step().map(workflow_step)
    }

    /// The officer holding it now, who must act (null once it has ended). Phone and ID number
    /// are never given here: read them with `officer(id:)`.
    async fn holder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Officer>> {
        let Some(id) = &self.refs.holder else {
            return Ok(None);
        };
        let view = loaders(ctx)?.officer(id).await?;
        Ok(view.map(|view| officer(view, Vec::new())))
    }

    /// Components handed in: files, paper-only notes and reused documents, oldest first
    /// (empty when the caller may not read the applicant's personal data).
    async fn attachments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Attachment>> {
        let principal = principal(ctx).gql()?;
        let found = app(ctx)
            .dossiers
            .attachments(principal, &DossierId::new(self.id.as_str()))
            .await
            .gql()?;
        Ok(found.into_iter().map(attachment).collect())
    }

    /// The decision's signed and issued revisions, oldest first, each with its hash,
    /// signatures and a download link (empty when the caller may not read the applicant's
    /// personal data).
    async fn documents(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::files::DossierDocument>> {
        let principal = principal(ctx).gql()?;
        let found = app(ctx)
            .documents
            .documents(principal, &DossierId::new(self.id.as_str()))
            .await
            .gql()?;
        crate::files::documents_of(ctx, found)
    }

    /// The code printed on the reception receipt with which the applicant downloads the
    /// electronic result without an account (for officers who may read personal data).
    async fn result_lookup_code(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let principal = principal(ctx).gql()?;
        app(ctx)
            .documents
            .lookup_code(principal, &DossierId::new(self.id.as_str()))
            .await
            .gql()
    }

    /// The receiving unit.
    async fn unit(&self, ctx: &Context<'_>) -> async_graphql::Result<AdminUnit> {
        let loaders = loaders(ctx)?;
        let unit = loaders
            .unit(&self.refs.unit)
            .await?
            .ok_or_else(|| async_graphql::Error::new("dossier unit missing"))?;
        Ok(AdminUnit::new(loaders.reach(ctx).await?, unit))
    }

    /// Procedure name, e.g. "Trợ cấp xã hội hàng tháng".
    #[graphql(deprecation = "Use `procedure { name }`.")]
    async fn procedure_name(&self) -> Option<String> {
        let refs = &self.refs;
        refs.labels
            .catalogue
            .get(&refs.procedure)
            .map(|p| p.name.clone())
    }

    /// Current step's name, e.g. "Thẩm định hồ sơ".
    #[graphql(deprecation = "Use `step { name }`.")]
    async fn step_name(&self) -> Option<String> {
        self.current_step().map(|step| step.name.clone())
    }

    /// Name of the officer holding it now.
    #[graphql(deprecation = "Use `holder { displayName }`.")]
    async fn holder_name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let Some(id) = &self.refs.holder else {
            return Ok(None);
        };
        let view = loaders(ctx)?.officer(id).await?;
        Ok(view.map(|view| view.record.display_name))
    }

    /// The receiving unit's full name, e.g. "Xã Bảo Lâm".
    #[graphql(deprecation = "Use `unit { fullName }`.")]
    async fn unit_name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let unit = loaders(ctx)?.unit(&self.refs.unit).await?;
        Ok(unit.map(|unit| unit.full_name))
    }
}

impl Dossier {
    fn current_step(&self) -> Option<&ansinh_config::model::Step> {
        let refs = &self.refs;
        let step = refs.step.clone()?;
        refs.labels
            .steps
            .get(&(refs.config_version, self.workflow.clone(), step))
    }
}

fn step_sla_state(record: &DossierRecord, now: DateTime<Utc>) -> Option<StepSlaState> {
    let deadlines = &record.deadlines;
    ansinh_core::dossier::step_sla(
        record.state.status,
        deadlines.step_due_at,
        deadlines.step_warn_at,
        now,
    )
    .map(Into::into)
}

/// A dossier as a list row; `labels` resolves its procedure and step.
pub(crate) fn list_row(record: DossierRecord, now: DateTime<Utc>, labels: Arc<Labels>) -> Dossier {
    let step_sla_state = step_sla_state(&record, now);
    let refs = Refs {
        holder: record.state.holder.clone().map(AccountId),
        unit: record.unit.clone(),
        procedure: record.procedure.clone(),
        step: record.state.step.clone(),
        config_version: record.config_version,
        labels,
    };
    Dossier {
        id: ID(record.id.to_string()),
        code: record.code,
        workflow: record.workflow,
        status: record.state.status.into(),
        holder_id: record.state.holder.map(ID),
        unit_id: ID(record.unit.to_string()),
        applicant_name: record.applicant_name.into_inner(),
        personal_data_withheld: record.personal_data_withheld,
        created_at: record.created_at,
        updated_at: record.updated_at,
        received_by_id: record.received.as_ref().map(|(by, _)| ID(by.clone())),
        received_at: record.received.map(|(_, at)| at),
        step_due_at: record.deadlines.step_due_at,
        due_at: record.deadlines.due_at,
        supplement_remind_at: record.deadlines.supplement_remind_at,
        supplement_lapse_at: record.deadlines.supplement_lapse_at,
        step_sla_state,
        decision_number: record.decision_number,
        source_dossier_id: record.source_dossier_id.map(|id| ID(id.to_string())),
        applicant_id_number: None,
        fields: Vec::new(),
        next_actions: Vec::new(),
        sla: None,
        timeline: Vec::new(),
        refs,
    }
}

/// A dossier with everything its reader needs.
pub(crate) fn detail(view: DossierView, labels: Labels, now: DateTime<Utc>) -> Dossier {
    let id_number = view
        .record
        .applicant_id_number
        .as_ref()
        .map(|n| n.expose().clone());
    let fields = view
        .record
        .fields
        .expose()
        .iter()
        .map(|(name, value)| DossierField {
            name: name.clone(),
            value: value.clone(),
        })
        .collect();
    let officers: BTreeMap<String, String> = view.names;
    let mut dossier = list_row(view.record, now, Arc::new(labels));
    dossier.applicant_id_number = id_number;
    dossier.fields = fields;
    dossier.next_actions = view
        .next_actions
        .into_iter()
        .map(|next| NextAction::new(next.action, next.to))
        .collect();
    dossier.sla = Some(DossierSla::new(&view.sla));
    dossier.timeline = view
        .events
        .into_iter()
        .map(|event| timeline_entry(event, &officers))
        .collect();
    dossier
}

/// The ids a page of rows points to, for priming the loaders.
pub(crate) fn holder_and_unit_ids(records: &[DossierRecord]) -> (Vec<AccountId>, Vec<UnitId>) {
    let holders = records
        .iter()
        .filter_map(|r| r.state.holder.clone().map(AccountId))
        .collect();
    let units = records.iter().map(|r| r.unit.clone()).collect();
    (holders, units)
}
