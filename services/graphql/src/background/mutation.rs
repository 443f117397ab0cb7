//! Background mutations.

use async_graphql::{Context, ID, Object};

use super::query::province_scope;
use super::types::{NoticeKind, NoticeSetting};
use crate::context::{app, principal};
use crate::errors::GqlResult;

/// Background mutations.
#[derive(Debug, Default)]
pub struct BackgroundMutation;

/// Background mutations.
#[Object]
impl BackgroundMutation {
    /// Puts a dead message back in line with its attempts reset (platform administrators);
    /// MESSAGE_NOT_DEAD for a message that is waiting or was delivered.
    async fn retry_message(
        &self,
        ctx: &Context<'_>,
        tenant: String,
        id: ID,
    ) -> async_graphql::Result<bool> {
        let principal = principal(ctx).gql()?;
        let scope = province_scope(&tenant)?;
        app(ctx)
            .notices
            .retry_message(principal, &scope, &id)
            .await
            .gql()?;
        Ok(true)
    }

    /// Turns a kind of notice on or off for the caller; NOTICE_MANDATORY for late warnings,
    /// NOTICE_NOT_FOR_OFFICERS for the applicant's notices.
    async fn set_notice_setting(
        &self,
        ctx: &Context<'_>,
        kind: NoticeKind,
        enabled: bool,
    ) -> async_graphql::Result<Vec<NoticeSetting>> {
        let principal = principal(ctx).gql()?;
        let settings = app(ctx)
            .notices
            .set_my_setting(principal, kind.into(), enabled)
            .await
            .gql()?;
        Ok(settings.into_iter().map(Into::into).collect())
    }
}
