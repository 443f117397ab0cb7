//! Dossier mutations: creation, copy, field updates, one mutation per action of the flow, and
//! staff reassignment.

use ansinh_app::dossier::{Application, FieldChanges};
use ansinh_app::identity::AccountId;
use ansinh_core::dossier::Command;
use async_graphql::{Context, ID, Object, SimpleObject};

use super::dossier::Dossier;
use super::inputs::{DossierFieldInput, DossierUpdateInput, field_map};
use crate::context::{app, principal};
use crate::errors::GqlResult;
use crate::reference::units::parse_unit_id;
use ansinh_core::DossierId;

/// How a result reached the citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(remote = "ansinh_app::documents::Handover")]
pub(crate) enum ResultHandover {
    /// The signed decision, electronically (downloaded with the receipt's codes, or sent).
    Electronic,
    /// At the desk.
    InPerson,
    /// By post.
    Post,
}

/// Dossier mutations.
#[derive(Debug, Default)]
pub struct DossierMutation;

/// The dossier id of an API id.
fn dossier_id(id: &ID) -> DossierId {
    DossierId::new(id.as_str())
}

async fn reread(ctx: &Context<'_>, id: &DossierId) -> async_graphql::Result<Dossier> {
    super::query::dossier_detail(ctx, id).await
}

async fn act(
    ctx: &Context<'_>,
    id: ID,
    command: Command,
    note: Option<String>,
) -> async_graphql::Result<Dossier> {
    let principal = principal(ctx).gql()?;
    let note = note.unwrap_or_default();
    let id = dossier_id(&id);
    let acted = app(ctx)
        .dossiers
        .act(principal, &id, command, &note)
        .await
        .gql()?;
    super::query::acted_detail(ctx, acted).await
}

fn handler(handler_id: Option<ID>) -> String {
    handler_id.map(|id| id.0).unwrap_or_default()
}

/// Dossiers moved and left by a reassignment.
#[derive(Debug, SimpleObject)]
pub(crate) struct ReassignResult {
    /// Codes of the dossiers now held by the new officer.
    moved: Vec<String>,
    /// Dossiers left with the old holder, and why.
    skipped: Vec<SkippedDossier>,
}

/// A dossier a reassignment left alone.
#[derive(Debug, SimpleObject)]
pub(crate) struct SkippedDossier {
    /// Its code.
    code: String,
    /// Why.
    reason: String,
}

/// Dossier mutations. Each action is one transaction; acting on a stale view answers
/// `CONFLICT` (reload and retry). Where a handler is to be chosen, `handlerId` may be omitted
/// when exactly one officer is assigned to the next step (see `stepHandlers`).
#[Object]
impl DossierMutation {
    /// Creates a dossier on a citizen's behalf at a unit (status DRAFT, code allocated).
    async fn create_dossier(
        &self,
        ctx: &Context<'_>,
        procedure: String,
        unit_id: ID,
        applicant_name: String,
        #[graphql(desc = "12 digits (CCCD) or 9 digits (CMND)")] applicant_id_number: Option<
            String,
        >,
        fields: Option<Vec<DossierFieldInput>>,
    ) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let unit = parse_unit_id(&unit_id)?;
        let application = Application {
            applicant_name: applicant_name.into(),
            applicant_id_number: applicant_id_number.map(Into::into),
            fields: field_map(fields).into(),
        };
        let record = app(ctx)
            .dossiers
            .create_dossier(principal, &procedure, &unit, &application)
            .await
            .gql()?;
        reread(ctx, &record.id).await
    }

    /// "New dossier from this one": copies a rejected, ineligible or withdrawn dossier's
    /// application into a new draft linked to it.
    async fn copy_dossier(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let record = app(ctx)
            .dossiers
            .copy_dossier(principal, &dossier_id(&id))
            .await
            .gql()?;
        reread(ctx, &record.id).await
    }

    /// Changes the applicant's data; the timeline records each change.
    async fn update_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: DossierUpdateInput,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        let id = dossier_id(&id);
        let principal = principal(ctx).gql()?;
        let changes = FieldChanges {
            applicant_name: input.applicant_name,
            applicant_id_number: input.applicant_id_number,
            fields: field_map(input.fields),
        };
        let acted = app(ctx)
            .dossiers
            .update_dossier(principal, &id, &changes, &note.unwrap_or_default())
            .await
            .gql()?;
        super::query::acted_detail(ctx, acted).await
    }

    /// Receives a draft (tiếp nhận): the caller holds the first step; the clocks start.
    async fn receive_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::Receive, note).await
    }

    /// Deletes a draft (its creator only).
    async fn delete_dossier(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::Delete, None).await
    }

    /// Forwards to the next step's handler (chuyển tiếp).
    async fn forward_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: Option<ID>,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        let command = Command::Forward {
            to: to_step,
            handler: handler(handler_id),
        };
        act(ctx, id, command, note).await
    }

    /// Asks the citizen, once, for everything missing (the clocks pause).
    async fn request_supplement(
        &self,
        ctx: &Context<'_>,
        id: ID,
        missing: Vec<String>,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::RequestSupplement { missing }, note).await
    }

    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả: the holder of a dossier due back today or
    /// late moves its appointment to the end of a later working day `until`, with the reason the
    /// letter gives the citizen (`APPOINTMENT_NOT_DUE` before the appointment's last working
    /// day, `APPOINTMENT_NOT_LATER`, `NOT_A_WORKING_DAY`, `REASON_REQUIRED`). The dossier's
    /// clock gains the working time in between; the letter is drafted with
    /// `decisionDraft(kind: APOLOGY)` and sent to the citizen's address.
    async fn extend_appointment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        until: chrono::NaiveDate,
        reason: String,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::ExtendAppointment { until, reason }, note).await
    }

    /// Records the citizen's supplement (the clocks resume).
    async fn receive_supplement(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::ReceiveSupplement, note).await
    }

    /// The upper level sends the dossier back down for more (the lower level must accept).
    async fn send_back_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: Option<ID>,
        reason: String,
    ) -> async_graphql::Result<Dossier> {
        let command = Command::SendBack {
            to: to_step,
            handler: handler(handler_id),
            reason,
        };
        act(ctx, id, command, None).await
    }

    /// The lower level accepts a request for more from the upper level.
    async fn accept_rework(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::AcceptRework, note).await
    }

    /// Returns the dossier as ineligible, with the reason the citizen will read.
    async fn return_ineligible(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::ReturnIneligible { reason }, None).await
    }

    /// Leader rejection (final; continue with `copyDossier`).
    async fn reject_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::Reject { reason }, None).await
    }

    /// Hands the result to the citizen (trả kết quả) and records how: electronically (the
    /// issued, signed decision; `RESULT_NOT_ELECTRONIC` without one), in person or by post.
    async fn return_result(
        &self,
        ctx: &Context<'_>,
        id: ID,
        handover: ResultHandover,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let acted = app(ctx)
            .documents
            .return_result(
                principal,
                &dossier_id(&id),
                handover.into(),
                &note.unwrap_or_default(),
            )
            .await
            .gql()?;
        super::query::acted_detail(ctx, acted).await
    }

    /// Records the citizen's withdrawal.
    async fn withdraw_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::Withdraw { reason }, None).await
    }

    /// Staff change: moves the open dossiers held by one officer (at a unit and below, when
    /// given) to another officer assigned to the same positions. Each move is recorded.
    async fn reassign_dossiers(
        &self,
        ctx: &Context<'_>,
        from_officer_id: ID,
        to_officer_id: ID,
        unit_id: Option<ID>,
        note: Option<String>,
    ) -> async_graphql::Result<ReassignResult> {
        let principal = principal(ctx).gql()?;
        let unit = unit_id.as_ref().map(parse_unit_id).transpose()?;
        let outcome = app(ctx)
            .dossiers
            .reassign_dossiers(
                principal,
                &AccountId(from_officer_id.0),
                &AccountId(to_officer_id.0),
                unit.as_ref(),
                &note.unwrap_or_default(),
            )
            .await
            .gql()?;
        Ok(ReassignResult {
            moved: outcome.moved,
            skipped: outcome
                .skipped
                .into_iter()
                .map(|(code, reason)| SkippedDossier { code, reason })
                .collect(),
        })
    }
}
