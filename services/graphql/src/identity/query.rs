//! Identity queries: the caller's own account and the officers an administrator manages.

use ansinh_app::identity::AccountId;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, Object};

use super::types::{Officer, Permission, officer, own};
use crate::context::{app, principal};
use crate::errors::GqlResult;
use crate::paging::{TotalCount, connection, page_request};

/// Identity queries.
#[derive(Debug, Default)]
pub struct IdentityQuery;

/// Identity queries.
#[Object]
impl IdentityQuery {
    /// The caller's own account, roles and permissions.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Officer> {
        let principal = principal(ctx).gql()?;
        let record = app(ctx).identity.me(principal).await.gql()?;
        let permissions = app(ctx)
            .access
            .permissions(principal)
            .await
            .into_iter()
            .map(|(resource, action)| Permission {
                resource: resource.as_str().to_owned(),
                action: action.as_str().to_owned(),
            })
            .collect();
        Ok(own(record, &principal.grants, permissions))
    }

    /// Officers holding a role inside the units the caller administers.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn officers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Part of the login name")] search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Officer, TotalCount, EmptyFields>> {
        let principal = principal(ctx).gql()?;
        let page = page_request(first, after)?;
        let found = app(ctx)
            .identity
            .officers(principal, search.as_deref(), page)
            .await
            .gql()?;
        let mut items = Vec::with_capacity(found.items.len());
        for record in found.items {
            let view = app(ctx)
                .identity
                .officer(principal, &record.id)
                .await
                .gql()?;
            items.push(officer(view, Vec::new()));
        }
        Ok(connection(items, page, found.total))
    }

    /// One officer; `NOT_FOUND` outside the caller's units.
    async fn officer(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Officer> {
        let principal = principal(ctx).gql()?;
        let view = app(ctx)
            .identity
            .officer(principal, &AccountId(id.0))
            .await
            .gql()?;
        Ok(officer(view, Vec::new()))
    }
}
