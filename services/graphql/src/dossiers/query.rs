//! Dossier queries.

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, Object};

use super::dossier::{Dossier, detail, holder_and_unit_ids, list_row};
use super::inputs::{DossierFilterInput, DossierFolder, DossierOrder};
use super::types::{QueueCounts, StepHandlers};
use crate::context::{app, principal};
use crate::errors::GqlResult;
use crate::loaders::loaders;
use crate::paging::{DossierTotal, connection_with, page_request};
use ansinh_app::dossier::PersonalFields;
use ansinh_core::DossierId;

/// List rows, with the holders and units the selection asks for read in one query each.
async fn list_rows(
    ctx: &Context<'_>,
    records: Vec<ansinh_app::dossier::DossierRecord>,
) -> async_graphql::Result<Vec<Dossier>> {
    let principal = principal(ctx).gql()?;
    let app = app(ctx);
    let selection = ctx.look_ahead();
    let rows = [
        selection.field("nodes"),
        selection.field("edges").field("node"),
    ];
    let wants = |fields: [&str; 2]| {
        rows.iter()
            .any(|row| fields.iter().any(|field| row.field(field).exists()))
    };
    prime(
        ctx,
        &records,
        wants(["holder", "holderName"]),
        wants(["unit", "unitName"]),
    )
    .await?;
    let scope = ansinh_app::TenantScope::new(principal.tenant.clone());
    let labels = app.dossiers.dossier_labels(&scope, &records).await.gql()?;
    let labels = std::sync::Arc::new(labels);
    let now = app.now();
    Ok(records
        .into_iter()
        .map(|r| list_row(r, now, labels.clone()))
        .collect())
}

/// Reads the holders and units of `records` into the request's loaders, when asked for.
async fn prime(
    ctx: &Context<'_>,
    records: &[ansinh_app::dossier::DossierRecord],
    holders: bool,
    units: bool,
) -> async_graphql::Result<()> {
    let loaders = loaders(ctx)?;
    let (holder_ids, unit_ids) = holder_and_unit_ids(records);
    if holders {
        loaders.prime_officers(holder_ids).await?;
    }
    if units {
        loaders.prime_units(unit_ids).await?;
    }
    Ok(())
}

/// One dossier as its detail shows it (also the answer of every mutation).
pub(crate) async fn dossier_detail(
    ctx: &Context<'_>,
    id: &DossierId,
) -> async_graphql::Result<Dossier> {
    let principal = principal(ctx).gql()?;
    let view = app(ctx)
        .dossiers
        .dossier(principal, id, asked_fields(ctx))
        .await
        .gql()?;
    labelled(ctx, view).await
}

/// The answer to an action: the dossier built from what the action wrote.
pub(crate) async fn acted_detail(
    ctx: &Context<'_>,
    acted: ansinh_app::dossier::Acted,
) -> async_graphql::Result<Dossier> {
    let principal = principal(ctx).gql()?;
    let view = app(ctx)
        .dossiers
        .view(principal, acted, asked_fields(ctx))
        .await
        .gql()?;
    labelled(ctx, view).await
}

/// The applicant's personal fields the query selects (only those are read out and logged).
fn asked_fields(ctx: &Context<'_>) -> PersonalFields {
    let selection = ctx.look_ahead();
    PersonalFields {
        id_number: selection.field("applicantIdNumber").exists(),
        fields: selection.field("fields").exists(),
    }
}

/// The detail with its procedure and step, and its holder and unit when selected.
async fn labelled(
    ctx: &Context<'_>,
    view: ansinh_app::dossier::DossierView,
) -> async_graphql::Result<Dossier> {
    let principal = principal(ctx).gql()?;
    let app = app(ctx);
    let scope = ansinh_app::TenantScope::new(principal.tenant.clone());
    let record = std::slice::from_ref(&view.record);
    let labels = app.dossiers.dossier_labels(&scope, record).await.gql()?;
    let selection = ctx.look_ahead();
    let wants = |fields: [&str; 2]| fields.iter().any(|field| selection.field(field).exists());
    prime(
        ctx,
        record,
        wants(["holder", "holderName"]),
        wants(["unit", "unitName"]),
    )
    .await?;
    Ok(detail(view, labels, app.now()))
}

/// Dossier queries.
#[derive(Debug, Default)]
pub struct DossierQuery;

/// Dossier queries.
#[Object]
impl DossierQuery {
    /// One dossier with its SLA, the caller's next actions and the timeline; `NOT_FOUND`
    /// outside the caller's units. Reading the applicant's ID number or fields is logged (only
    /// when selected).
    async fn dossier(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Dossier> {
        dossier_detail(ctx, &DossierId::new(id.as_str())).await
    }

    /// The caller's queue: one folder, most recently changed first, with the total; filters
    /// and search narrow it.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn my_dossiers(
        &self,
        ctx: &Context<'_>,
        folder: DossierFolder,
        filter: Option<DossierFilterInput>,
        #[graphql(desc = "Most recently changed first unless asked otherwise")] order_by: Option<
            DossierOrder,
        >,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Dossier, DossierTotal, EmptyFields>> {
        let principal = principal(ctx).gql()?;
        let page = page_request(first, after)?;
        let filter = filter.unwrap_or_default().into_filter(order_by)?;
        let app = app(ctx);
        let found = app
            .dossiers
            .my_dossiers(principal, folder.into(), &filter, page)
            .await
            .gql()?;
        let items = list_rows(ctx, found.items).await?;
        Ok(connection_with(
            items,
            page,
            found.total,
            DossierTotal::counted(found.total),
        ))
    }

    /// How many dossiers each folder of the caller's queue holds, with the late and due-soon
    /// share of those in progress.
    async fn my_queue_counts(&self, ctx: &Context<'_>) -> async_graphql::Result<QueueCounts> {
        let principal = principal(ctx).gql()?;
        Ok(app(ctx)
            .dossiers
            .my_folder_counts(principal)
            .await
            .gql()?
            .into())
    }

    /// Dossiers at the units where the caller may list them (leaders, province viewers),
    /// filtered and searched, most recently changed first.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn dossiers(
        &self,
        ctx: &Context<'_>,
        filter: Option<DossierFilterInput>,
        #[graphql(desc = "Most recently changed first unless asked otherwise")] order_by: Option<
            DossierOrder,
        >,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Dossier, DossierTotal, EmptyFields>> {
        let principal = principal(ctx).gql()?;
        let page = page_request(first, after)?;
        let filter = filter.unwrap_or_default().into_filter(order_by)?;
        let app = app(ctx);
        let found = app
            .dossiers
            .dossiers_in_units(principal, &filter, page)
            .await
            .gql()?;
        let items = list_rows(ctx, found.items).await?;
        Ok(connection_with(
            items,
            page,
            found.total,
            DossierTotal::counted(found.total),
        ))
    }

    /// Who can act next: the officers (and deputies) assigned today to a step of the dossier,
    /// at the unit that handles it; the current step when `step` is omitted. An empty list
    /// comes with the problem, naming the position and the unit.
    async fn step_handlers(
        &self,
        ctx: &Context<'_>,
        dossier_id: ID,
        step: Option<String>,
    ) -> async_graphql::Result<StepHandlers> {
        let principal = principal(ctx).gql()?;
        let staffing = app(ctx)
            .dossiers
            .step_handlers(
                principal,
                &DossierId::new(dossier_id.as_str()),
                step.as_deref(),
            )
            .await
            .gql()?;
        Ok(staffing.into())
    }
}
