//! What the HTTP layer tells the schema about a request, and the caller it resolved.

use ansinh_app::identity::Principal;
use ansinh_app::{Ansinh, AppError, TenantScope};
use ansinh_core::Action;
use ansinh_core::Resource;
use async_graphql::Context;

/// Who is calling, as established by the gateway from the `Authorization` header.
#[derive(Debug, Clone, Default)]
pub enum Caller {
    /// No token was sent.
    #[default]
    Anonymous,
    /// A valid token: the principal with the roles it holds now.
    Authenticated(Box<Principal>),
    /// A token was sent but refused (forged, expired, revoked).
    Refused,
}

/// Per-request facts set by the gateway.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    /// The caller.
    pub caller: Caller,
    /// The client's address (rate limits).
    pub client_address: String,
    /// Correlation id shown with masked errors and written to the log.
    pub trace_id: String,
}

/// The app facade.
pub(crate) fn app<'a>(ctx: &Context<'a>) -> &'a Ansinh {
    ctx.data_unchecked::<Ansinh>()
}

/// The request's facts.
pub(crate) fn request<'a>(ctx: &Context<'a>) -> Option<&'a RequestContext> {
    ctx.data_opt::<RequestContext>()
}

/// The authenticated caller, or `UNAUTHENTICATED`.
pub(crate) fn principal<'a>(ctx: &Context<'a>) -> Result<&'a Principal, AppError> {
    match request(ctx).map(|r| &r.caller) {
        Some(Caller::Authenticated(principal)) => Ok(principal),
        _ => Err(AppError::Unauthenticated(
            "cần đăng nhập: gửi tiêu đề Authorization: Bearer <accessToken>".to_owned(),
        )),
    }
}

/// The caller's tenant, after checking that some role of theirs may do `action` on `resource`
/// somewhere in it (used for tenant-wide reference data: units, configuration, calendars).
pub(crate) async fn scope_for(
    ctx: &Context<'_>,
    resource: Resource,
    action: Action,
) -> Result<TenantScope, AppError> {
    let principal = principal(ctx)?;
    app(ctx)
        .access
        .tenant_scope(principal, resource, action)
        .await
}

/// The units the caller may read (where their roles are held and below).
pub(crate) async fn unit_reach(
    ctx: &Context<'_>,
) -> async_graphql::Result<std::sync::Arc<ansinh_app::UnitReach>> {
    let principal = principal(ctx).map_err(crate::errors::to_gql)?;
    let reach = app(ctx)
        .reference
        .unit_reach(principal)
        .await
        .map_err(crate::errors::to_gql)?;
    Ok(std::sync::Arc::new(reach))
}
