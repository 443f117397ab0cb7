//! Dossier queries.

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, Object};

use super::inputs::{DossierFilterInput, DossierFolder, DossierOrder};
use super::types::{Dossier, Names, QueueCounts, StepHandlers, detail, list_row};
use crate::context::{app, principal};
use crate::errors::GqlResult;
use crate::paging::{DossierTotal, connection_with, page_request};
use ansinh_app::dossier::PersonalFields;
use ansinh_core::DossierId;

/// List rows with their holders' and units' names.
async fn list_rows(
    app: &ansinh_app::Ansinh,
    principal: &ansinh_app::identity::Principal,
    records: Vec<ansinh_app::dossier::DossierRecord>,
) -> async_graphql::Result<Vec<Dossier>> {
    let holders: Vec<String> = records
        .iter()
        .filter_map(|r| r.state.holder.clone())
        .collect();
    let scope = ansinh_app::TenantScope::new(principal.tenant.clone());
    let mut units: Vec<ansinh_core::UnitId> = Vec::new();
    for record in &records {
        if !units.contains(&record.unit) {
            units.push(record.unit.clone());
        }
    }
    let names = Names {
        officers: app.dossiers.officer_names(&scope, &holders).await.gql()?,
        labels: app.dossiers.dossier_labels(&scope, &records).await.gql()?,
        units: app
            .reference
            .units_by_id(&scope, &units)
            .await
            .gql()?
            .into_iter()
            .map(|unit| (unit.id.to_string(), unit.full_name))
            .collect(),
    };
    let now = app.now();
    Ok(records
        .into_iter()
        .map(|r| list_row(r, now, &names))
        .collect())
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

/// The detail with its procedure's and unit's labels.
async fn labelled(
    ctx: &Context<'_>,
    view: ansinh_app::dossier::DossierView,
) -> async_graphql::Result<Dossier> {
    let principal = principal(ctx).gql()?;
    let app = app(ctx);
    let scope = ansinh_app::TenantScope::new(principal.tenant.clone());
    let labels = app
        .dossiers
        .dossier_labels(&scope, std::slice::from_ref(&view.record))
        .await
        .gql()?;
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
        let items = list_rows(app, principal, found.items).await?;
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
        let items = list_rows(app, principal, found.items).await?;
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
