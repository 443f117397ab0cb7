//! Background queries.

use ansinh_app::TenantScope;
use ansinh_app::notices::MessageStatus as StatusName;
use ansinh_core::TenantId;
use async_graphql::{Context, Object};

use super::types::{BackgroundStatus, MessageStatus, NoticeSetting, OutgoingMessage};
use crate::context::{app, principal};
use crate::errors::GqlResult;

/// Background queries.
#[derive(Debug, Default)]
pub struct BackgroundQuery;

pub(super) fn province_scope(tenant: &str) -> async_graphql::Result<TenantScope> {
    let tenant = TenantId::parse(tenant)
        .map_err(ansinh_app::AppError::from)
        .gql()?;
    Ok(TenantScope::new(tenant))
}

/// Background queries.
#[Object]
impl BackgroundQuery {
    /// A province's jobs (last and next run, failures), outbox and messages (platform
    /// administrators).
    async fn background_status(
        &self,
        ctx: &Context<'_>,
        tenant: String,
    ) -> async_graphql::Result<BackgroundStatus> {
        let principal = principal(ctx).gql()?;
        let scope = province_scope(&tenant)?;
        let status = app(ctx)
            .notices
            .background_status(principal, &scope)
            .await
            .gql()?;
        Ok(BackgroundStatus::new(
            scope.tenant().as_str().to_owned(),
            status,
        ))
    }

    /// A province's messages with `status`, newest first, at most 200 (platform
    /// administrators).
    async fn outgoing_messages(
        &self,
        ctx: &Context<'_>,
        tenant: String,
        status: MessageStatus,
        #[graphql(default = 50, validator(minimum = 1, maximum = 200))] first: u32,
    ) -> async_graphql::Result<Vec<OutgoingMessage>> {
        let principal = principal(ctx).gql()?;
        let scope = province_scope(&tenant)?;
        let messages = app(ctx)
            .notices
            .messages_with_status(principal, &scope, StatusName::from(status), first)
            .await
            .gql()?;
        Ok(messages.into_iter().map(Into::into).collect())
    }

    /// The notices the caller receives as an officer, and which may be turned off.
    async fn notice_settings(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<NoticeSetting>> {
        let principal = principal(ctx).gql()?;
        let settings = app(ctx).notices.my_settings(principal).await.gql()?;
        Ok(settings.into_iter().map(Into::into).collect())
    }
}
