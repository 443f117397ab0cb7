//! The query root.

use ansinh_app::UnitQuery;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;

use crate::context::{app, scope_for, unit_reach};
use crate::errors::GqlResult;
use crate::paging::{TotalCount, connection, page_request, user_error};
use crate::reference::config::{ConfigVersion, Office, Procedure, Workflow};
use crate::reference::tenant::Tenant;
use crate::reference::units::{AdminUnit, UnitConnection, UnitLevel, parse_unit_id, unit_page};
use ansinh_core::Action;
use ansinh_core::ErrorCode;
use ansinh_core::Resource;

/// Entry points for reading. Tenant data is read within the caller's tenant (from the access
/// token); anything of another tenant answers `NOT_FOUND`.
#[derive(Debug, Default)]
pub struct QueryRoot;

/// Entry points for reading. Tenant data is read within the caller's tenant (from the access
/// token); anything of another tenant answers `NOT_FOUND`.
#[Object]
impl QueryRoot {
    /// The catalogue of tenants (codes and names only).
    async fn tenants(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Tenant>> {
        let tenants = app(ctx).reference.tenants().await.gql()?;
        Ok(tenants.into_iter().map(Tenant).collect())
    }

    /// The tenant of this request.
    async fn tenant(&self, ctx: &Context<'_>) -> async_graphql::Result<Tenant> {
        let scope = scope_for(ctx, Resource::Unit, Action::Read).await.gql()?;
        Ok(Tenant(app(ctx).reference.tenant(&scope).await.gql()?))
    }

    /// One administrative unit era by id (`<code>@<validFrom>`); `NOT_FOUND` outside the units
    /// the caller's roles reach (where they are held and below, merged predecessors included).
    async fn unit(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<AdminUnit> {
        let reach = unit_reach(ctx).await?;
        let id = parse_unit_id(&id)?;
        let unit = app(ctx).reference.reachable_unit(&reach, &id).await.gql()?;
        Ok(AdminUnit::new(reach, unit))
    }

    /// Administrative units the caller's roles reach, filtered and paged, ordered by level then
    /// code.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn units(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this level")] level: Option<UnitLevel>,
        #[graphql(desc = "Only direct children of this unit")] parent_id: Option<ID>,
        #[graphql(desc = "Only units anywhere below this unit")] within_id: Option<ID>,
        #[graphql(desc = "Only units valid on this day")] as_of: Option<NaiveDate>,
        #[graphql(
            desc = "Part of the name, with or without diacritics (\"hoa an\" finds \"Hòa An\")"
        )]
        search: Option<String>,
        #[graphql(desc = "Only eras with this official code")] code: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<UnitConnection> {
        let reach = unit_reach(ctx).await?;
        let query = UnitQuery {
            parent: parent_id.as_ref().map(parse_unit_id).transpose()?,
            within: within_id.as_ref().map(parse_unit_id).transpose()?,
            level: level.map(Into::into),
            as_of,
            name_contains: search.map(|text| ansinh_core::text::fold(&text)),
            code,
            reach: None,
        };
        unit_page(ctx, &reach, query, first, after).await
    }

    /// Every era of one official code, oldest first, with merges reachable from each.
    async fn unit_history(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<Vec<AdminUnit>> {
        let reach = unit_reach(ctx).await?;
        let query = UnitQuery {
            code: Some(code),
            ..UnitQuery::default()
        };
        let page = ansinh_app::PageRequest {
            offset: 0,
            limit: 100,
        };
        let found = app(ctx)
            .reference
            .find_reachable_units(&reach, &query, page)
            .await
            .gql()?;
        Ok(found
            .items
            .into_iter()
            .map(|unit| AdminUnit::new(reach.clone(), unit))
            .collect())
    }

    /// Reception offices of this province with their working sessions.
    async fn offices(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Office>> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        let config = app(ctx).reference.province_config(&scope).await.gql()?;
        Ok(config.offices.offices.iter().map(Office::from).collect())
    }

    /// Procedures this province runs, with their catalogue entries.
    async fn procedures(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Procedure>> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        let procedures = app(ctx).reference.procedures(&scope).await.gql()?;
        Ok(procedures
            .iter()
            .map(|(enabled, entry)| Procedure::new(enabled, entry.as_ref()))
            .collect())
    }

    /// Workflows of this province, optionally of one procedure.
    async fn workflows(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Catalogue code of the procedure")] procedure: Option<String>,
    ) -> async_graphql::Result<Vec<Workflow>> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        let config = app(ctx).reference.province_config(&scope).await.gql()?;
        Ok(config
            .workflows
            .workflows
            .iter()
            .filter(|w| procedure.as_ref().is_none_or(|code| &w.procedure == code))
            .map(Workflow::from)
            .collect())
    }

    /// Published configuration versions of this tenant, newest first.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn config_versions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, ConfigVersion, TotalCount, EmptyFields>> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        let page = page_request(first, after)?;
        let found = app(ctx)
            .reference
            .config_versions(&scope, page)
            .await
            .gql()?;
        let items = found.items.into_iter().map(ConfigVersion::from).collect();
        Ok(connection(items, page, found.total))
    }

    /// One configuration version of this tenant.
    async fn config_version(
        &self,
        ctx: &Context<'_>,
        version: i32,
    ) -> async_graphql::Result<ConfigVersion> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        if version < 1 {
            return Err(user_error(
                ErrorCode::InvalidVersion,
                "số phiên bản bắt đầu từ 1",
            ));
        }
        let stored = app(ctx)
            .reference
            .config_version(&scope, version)
            .await
            .gql()?;
        Ok(ConfigVersion::from(stored.info))
    }
}
