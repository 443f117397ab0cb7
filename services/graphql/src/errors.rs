//! Errors as clients see them: a stable `extensions.code`, a Vietnamese message, and nothing
//! internal. Internal detail goes to the log under the request's trace id.

use std::sync::Arc;

use ansinh_app::AppError;
use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextRequest,
};
use async_graphql::{ErrorExtensionValues, Response, ServerError};

use crate::RequestContext;
use crate::messages;
use ansinh_core::ErrorCode;

/// Code of masked internal errors.
pub(crate) const INTERNAL: &str = ErrorCode::Internal.as_str();

/// Converts an app error into a GraphQL error with its code. Internal detail rides in `source`
/// (never serialised) for `ErrorMasking` to log.
pub(crate) fn to_gql(error: AppError) -> async_graphql::Error {
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", error.code());
    if let Some(field) = error.field() {
        extensions.set("field", field);
    }
    if let AppError::RateLimited { retry_after, .. } = &error {
        extensions.set("retryAfterSeconds", retry_after.as_secs());
    }
    let (message, source) = if error.is_internal() {
        let detail: Arc<dyn std::any::Any + Send + Sync> = Arc::new(format!("{error:?}"));
        (error.to_string(), Some(detail))
    } else {
        (error.to_string(), None)
    };
    async_graphql::Error {
        message,
        source,
        extensions: Some(extensions),
    }
}

/// An error raised before execution (by one of our request checks) with its stable code.
pub(crate) fn refusal(code: ErrorCode, message: impl Into<String>) -> ServerError {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    error
}

/// `?`-friendly conversion of app results.
pub(crate) trait GqlResult<T> {
    /// Maps the error with `to_gql`.
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResult<T> for Result<T, AppError> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(to_gql)
    }
}

/// Gives every error in a response a stable code and masks anything not meant for clients.
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorMasking;

impl ExtensionFactory for ErrorMasking {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorMasking)
    }
}

#[async_trait::async_trait]
impl Extension for ErrorMasking {
    /// Resolver errors: the request's data (and so its trace id) is attached by now.
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        let trace_id = ctx
            .data_opt::<RequestContext>()
            .map(|request| request.trace_id.clone())
            .unwrap_or_default();
        for error in &mut response.errors {
            normalise(error, &trace_id);
        }
        response
    }

    /// Errors raised before execution (parsing, validation, limits).
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        let uncoded = response.errors.iter_mut().filter(|e| code_of(e).is_none());
        for error in uncoded {
            normalise(error, "");
        }
        response
    }
}

fn code_of(error: &ServerError) -> Option<String> {
    match error.extensions.as_ref()?.get("code")? {
        async_graphql::Value::String(code) => Some(code.clone()),
        _ => None,
    }
}

/// Gives an engine error its code and Vietnamese message; the engine's English stays in
/// `extensions.detail`.
fn set(error: &mut ServerError, code: ErrorCode, message: String) {
    let detail = std::mem::replace(&mut error.message, message);
    let extensions = error.extensions.get_or_insert_with(Default::default);
    extensions.set("code", code.as_str());
    extensions.set("detail", detail);
}

fn normalise(error: &mut ServerError, trace_id: &str) {
    match code_of(error).as_deref() {
        Some(INTERNAL) => mask(error, trace_id),
        Some(_) => {}
        None if !error.path.is_empty() => {
            if is_input_error(&error.message) {
                let message = messages::input_error(&error.message);
                set(error, ErrorCode::BadUserInput, message);
            } else {
                mask(error, trace_id);
            }
        }
        None => {
            let (code, message) = messages::request_error(&error.message);
            set(error, code, message);
        }
    }
}

fn is_input_error(message: &str) -> bool {
    message.starts_with("Failed to parse")
        || message.starts_with("Invalid value for argument")
        || message.starts_with("Expected input type")
}

/// Logs what went wrong and leaves the client only the code and the trace id.
fn mask(error: &mut ServerError, trace_id: &str) {
    let detail = error
        .source
        .as_ref()
        .and_then(|source| source.downcast_ref::<String>())
        .cloned()
        .unwrap_or_else(|| error.message.clone());
    tracing::error!(trace_id, path = ?error.path, detail, "internal error in a resolver");
    error.source = None;
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", INTERNAL);
    extensions.set("traceId", trace_id);
    error.extensions = Some(extensions);
    error.message = format!("lỗi hệ thống; hãy báo cho quản trị kèm mã truy vết {trace_id}");
}
