//! Dossiers in the API: the caller's queues, a dossier with its timeline, creation on a
//! citizen's behalf, and one mutation per action of the flow.

use ansinh_app::PageRequest;
use ansinh_app::dossier::{DossierRecord, StoredEvent};
use ansinh_core::dossier::{Command, Status};
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::context::{app, principal};
use crate::errors::GqlResult;
use crate::types::paging::{TotalCount, connection, page_request};
use crate::types::units::parse_unit_id;

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
    /// Withdrawn by the citizen.
    Withdrawn,
    /// Deleted by its creator before reception.
    Deleted,
}

/// The folders of an officer's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub(crate) enum DossierFolder {
    /// Chờ tiếp nhận: drafts the caller created.
    ToReceive,
    /// Đang xử lý, including rework requested by the upper level.
    InProgress,
    /// Yêu cầu bổ sung / đang bổ sung.
    Supplement,
    /// Có kết quả chờ trả.
    ResultArrived,
}

impl DossierFolder {
    fn statuses(self) -> &'static [Status] {
        match self {
            Self::ToReceive => &[Status::Draft],
            Self::InProgress => &[Status::InProgress, Status::ReworkRequested],
            Self::Supplement => &[Status::AwaitingSupplement],
            Self::ResultArrived => &[Status::ResultArrived],
        }
    }
}

/// One entry of a dossier's progress timeline (tiến độ xử lý).
#[derive(Debug, SimpleObject)]
pub(crate) struct TimelineEntry {
    /// 0 for creation, then 1, 2, …
    version: u32,
    /// What was done (`receive`, `forward`, `request_supplement`, …).
    action: String,
    /// Account that acted.
    actor_id: ID,
    /// Account acted for, when a deputy acted.
    acting_for_id: Option<ID>,
    /// When.
    at: DateTime<Utc>,
    /// Status afterwards.
    status: String,
    /// Step afterwards.
    step: Option<String>,
    /// The officer's note.
    note: String,
    /// Hash linking this entry to the previous one.
    hash: String,
}

/// A dossier (hồ sơ).
#[derive(Debug, SimpleObject)]
pub(crate) struct Dossier {
    /// Id.
    id: ID,
    /// Code given to the citizen.
    code: String,
    /// Catalogue code of the procedure.
    procedure: String,
    /// Workflow code (pinned to the configuration version it started under).
    workflow: String,
    /// Status.
    status: DossierStatus,
    /// Current step.
    step: Option<String>,
    /// Account holding it now (who must act).
    holder_id: Option<ID>,
    /// Receiving unit.
    unit_id: ID,
    /// Applicant's name.
    applicant_name: String,
    /// Created.
    created_at: DateTime<Utc>,
    /// Progress timeline, oldest first (empty in lists).
    timeline: Vec<TimelineEntry>,
}

fn dossier(record: DossierRecord, events: Vec<StoredEvent>) -> Dossier {
    Dossier {
        id: ID(record.id),
        code: record.code,
        procedure: record.procedure,
        workflow: record.workflow,
        status: record.state.status.into(),
        step: record.state.step,
        holder_id: record.state.holder.map(ID),
        unit_id: ID(record.unit.to_string()),
        applicant_name: record.applicant_name,
        created_at: record.created_at,
        timeline: events
            .into_iter()
            .map(|event| TimelineEntry {
                version: event.version,
                action: event.action,
                actor_id: ID(event.actor),
                acting_for_id: event.acting_for.map(ID),
                at: event.at,
                status: event.to.0,
                step: event.to.1,
                note: event.note,
                hash: event.hash,
            })
            .collect(),
    }
}

/// Dossier queries.
#[derive(Debug, Default)]
pub struct DossierQuery;

/// Dossier queries.
#[Object]
impl DossierQuery {
    /// One dossier with its timeline; `NOT_FOUND` outside the caller's units.
    async fn dossier(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let (record, events) = app(ctx).dossier(principal, &id).await.gql()?;
        Ok(dossier(record, events))
    }

    /// The caller's queue: one folder, newest first, with the total.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn my_dossiers(
        &self,
        ctx: &Context<'_>,
        folder: DossierFolder,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Dossier, TotalCount, EmptyFields>> {
        let principal = principal(ctx).gql()?;
        let page: PageRequest = page_request(first, after)?;
        let found = app(ctx)
            .my_dossiers(principal, folder.statuses(), page)
            .await
            .gql()?;
        let items = found
            .items
            .into_iter()
            .map(|r| dossier(r, Vec::new()))
            .collect();
        Ok(connection(items, page, found.total))
    }
}

/// Dossier mutations.
#[derive(Debug, Default)]
pub struct DossierMutation;

async fn act(
    ctx: &Context<'_>,
    id: ID,
    command: Command,
    note: Option<String>,
) -> async_graphql::Result<Dossier> {
    let principal = principal(ctx).gql()?;
    let note = note.unwrap_or_default();
    app(ctx).act(principal, &id, command, &note).await.gql()?;
    let (record, events) = app(ctx).dossier(principal, &id).await.gql()?;
    Ok(dossier(record, events))
}

/// Dossier mutations. Each action is one transaction; acting on a stale view answers
/// `CONFLICT` (reload and retry).
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
    ) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let unit = parse_unit_id(&unit_id)?;
        let record = app(ctx)
            .create_dossier(
                principal,
                &procedure,
                &unit,
                &applicant_name,
                applicant_id_number.as_deref(),
            )
            .await
            .gql()?;
        let (record, events) = app(ctx).dossier(principal, &record.id).await.gql()?;
        Ok(dossier(record, events))
    }

    /// Receives a draft (tiếp nhận): the caller holds the first step.
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
        handler_id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(
            ctx,
            id,
            Command::Forward {
                to: to_step,
                handler: handler_id.0,
            },
            note,
        )
        .await
    }

    /// Asks the citizen, once, for everything missing (the clock pauses).
    async fn request_supplement(
        &self,
        ctx: &Context<'_>,
        id: ID,
        missing: Vec<String>,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::RequestSupplement { missing }, note).await
    }

    /// Records the citizen's supplement (the clock resumes).
    async fn receive_supplement(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::ReceiveSupplement, note).await
    }

    /// Sends the dossier back down for rework.
    async fn send_back_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: ID,
        reason: String,
    ) -> async_graphql::Result<Dossier> {
        act(
            ctx,
            id,
            Command::SendBack {
                to: to_step,
                handler: handler_id.0,
                reason,
            },
            None,
        )
        .await
    }

    /// Accepts a rework request from the upper level.
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

    /// Leader rejection (final).
    async fn reject_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::Reject { reason }, None).await
    }

    /// The leader signs and passes the dossier on.
    async fn sign_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(
            ctx,
            id,
            Command::Sign {
                to: to_step,
                handler: handler_id.0,
            },
            note,
        )
        .await
    }

    /// The clerk issues the numbered decision; the result goes back to the return step.
    async fn issue_decision(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: ID,
        decision_number: String,
    ) -> async_graphql::Result<Dossier> {
        act(
            ctx,
            id,
            Command::Issue {
                to: to_step,
                handler: handler_id.0,
                decision_number,
            },
            None,
        )
        .await
    }

    /// Hands the result to the citizen (trả kết quả).
    async fn return_result(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        act(ctx, id, Command::ReturnResult, note).await
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
}
