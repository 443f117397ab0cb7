//! What the HTTP layer tells the schema about a request.

use ansinh_app::{Ansinh, AppError, TenantScope};
use async_graphql::Context;

/// Per-request facts set by the gateway.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    /// The tenant code the client asked for (header `Ansinh-Tenant`), unchecked.
    pub tenant: Option<String>,
    /// Correlation id shown with masked errors and written to the log.
    pub trace_id: String,
}

/// The app facade.
pub(crate) fn app<'a>(ctx: &Context<'a>) -> &'a Ansinh {
    ctx.data_unchecked::<Ansinh>()
}

/// The request's tenant scope: `TENANT_REQUIRED` without one, `NOT_FOUND` for an unknown one.
pub(crate) async fn scope(ctx: &Context<'_>) -> Result<TenantScope, AppError> {
    let code = ctx
        .data_opt::<RequestContext>()
        .and_then(|request| request.tenant.as_deref())
        .ok_or(AppError::TenantRequired)?;
    app(ctx).scope(code).await
}
