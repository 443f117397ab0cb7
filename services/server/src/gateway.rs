//! The HTTP gateway: a hardened GraphQL endpoint, console sessions, health probes, the web
//! console and offline GraphiQL.
//!
//! `/graphql` accepts only `POST` with `Content-Type: application/json` (405 and 415 otherwise,
//! so browsers cannot send a mutation cross-site without a preflight), or a multipart upload
//! carrying the `x-ansinh-csrf` header (see `files`), bodies up to the configured size (413),
//! and batches up to the configured count (400). Subscriptions are on `/graphql/ws` (see
//! `live`).

use std::time::Duration;

use ansinh_app::{Ansinh, AppError, UnitMode};
use ansinh_graphql::{AnsinhSchema, Caller, RequestContext};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, BatchResponse};
use poem::error::ReadBodyError;
use poem::http::{HeaderValue, Method, StatusCode, header};
use poem::middleware::CatchPanic;
use poem::web::Data;
use poem::{EndpointExt, IntoEndpoint, Request, Response, Route, get, handler, post};
use serde_json::json;

use crate::documents::ParsedDocuments;
use crate::metrics;
use crate::{console, files, graphiql, session};
use ansinh_core::ErrorCode;

/// Header carrying the request's trace id in responses.
pub const TRACE_HEADER: &str = "x-trace-id";

/// What every request handler shares.
#[derive(Clone)]
#[allow(missing_debug_implementations)] // async-graphql's Schema has no Debug.
pub struct Gateway {
    /// The executable schema.
    pub schema: AnsinhSchema,
    /// The app facade.
    pub app: Ansinh,
    /// Largest body accepted.
    pub max_body_bytes: usize,
    /// Most operations per batch.
    pub max_batch: usize,
    /// Longest a request may run.
    pub timeout: Duration,
    /// Documents parsed before, by their text.
    pub documents: ParsedDocuments,
    /// Caps on uploaded files.
    pub files: ansinh_app::dossier::FileLimits,
}

/// The routes.
pub fn routes(gateway: Gateway, with_graphiql: bool) -> impl IntoEndpoint {
    let mut route = Route::new()
        .at("/graphql", graphql)
        .at("/graphql/ws", get(crate::live::subscriptions))
        .at("/files/:id", get(files::download))
        .at("/files/drafts/:id", get(files::draft))
        .at("/files/documents/:id", get(files::document))
        .at("/public/result", poem::post(crate::public::result))
        .at("/auth/login", post(session::sign_in))
        .at("/auth/refresh", post(session::renew))
        .at("/auth/logout", post(session::sign_out))
        .at("/health", get(health))
        .at("/ready", get(ready))
        .at("/", get(console::console_index))
        .at("/*path", get(console::console_file));
    if with_graphiql {
        route = route
            .at("/graphiql", get(graphiql::page))
            .at("/graphiql/", get(graphiql::page))
            .at("/graphiql/:file", get(graphiql::asset));
    }
    route.data(gateway).with(CatchPanic::new())
}

pub(crate) fn error_response(
    status: StatusCode,
    code: ErrorCode,
    message: &str,
    trace_id: &str,
) -> Response {
    let body = json!({
        "errors": [{ "message": message, "extensions": { "code": code.as_str(), "traceId": trace_id } }]
    });
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .header(TRACE_HEADER, trace_id)
        .body(body.to_string())
}

pub(crate) fn is_json(req: &Request) -> bool {
    req.header(header::CONTENT_TYPE)
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// Why a request is refused before it reaches the schema.
pub(crate) struct Refusal {
    status: StatusCode,
    code: ErrorCode,
    message: String,
}

impl Refusal {
    pub(crate) fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    fn respond(&self, trace_id: &str) -> Response {
        let mut response = error_response(self.status, self.code, &self.message, trace_id);
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        response
    }
}

/// The GraphQL request or batch in a POST of JSON within the size and batch limits.
async fn read_batch(
    req: &Request,
    body: poem::Body,
    gateway: &Gateway,
) -> Result<BatchRequest, Refusal> {
    if req.method() != Method::POST {
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::MethodNotAllowed,
            "chỉ nhận yêu cầu POST với Content-Type: application/json",
        ));
    }
    if files::is_multipart(req) {
        return files::read_multipart(req, body, gateway).await;
    }
    if !is_json(req) {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Content-Type phải là application/json (hoặc multipart/form-data kèm tiêu đề x-ansinh-csrf khi tải tệp)",
        ));
    }
    let bytes = body
        .into_bytes_limit(gateway.max_body_bytes)
        .await
        .map_err(|error| match error {
            ReadBodyError::PayloadTooLarge => Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                format!("yêu cầu vượt quá {} byte", gateway.max_body_bytes),
            ),
            _ => Refusal::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequestBody,
                "không đọc được nội dung yêu cầu",
            ),
        })?;
    let batch: BatchRequest = serde_json::from_slice(&bytes).map_err(|_| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequestBody,
            "nội dung phải là JSON của một yêu cầu GraphQL {\"query\": …} hoặc một mảng các yêu cầu",
        )
    })?;
    check_batch(batch, gateway)
}

/// A batch within the configured count.
pub(crate) fn check_batch(batch: BatchRequest, gateway: &Gateway) -> Result<BatchRequest, Refusal> {
    let count = match &batch {
        BatchRequest::Single(_) => 1,
        BatchRequest::Batch(requests) => requests.len(),
    };
    if count == 0 || count > gateway.max_batch {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::BatchTooLarge,
            format!(
                "mỗi yêu cầu gộp được từ 1 đến {} thao tác (nhận {count})",
                gateway.max_batch
            ),
        ));
    }
    Ok(batch)
}

#[handler]
async fn graphql(req: &Request, body: poem::Body, gateway: Data<&Gateway>) -> Response {
    let trace_id = uuid::Uuid::now_v7().simple().to_string();
    let started = std::time::Instant::now();
    let mut batch = match read_batch(req, body, &gateway).await {
        Ok(batch) => batch,
        Err(refusal) => {
            metrics::record_request(&[], started.elapsed(), &[refusal.code.as_str()]);
            return refusal.respond(&trace_id);
        }
    };
    let operations = operations_of(&mut batch, &gateway.documents);
    let refused = |code: ErrorCode| {
        metrics::record_request(&operations, started.elapsed(), &[code.as_str()]);
    };
    let execution = execute(req, batch, &gateway, trace_id.clone());
    let Ok(outcome) = tokio::time::timeout(gateway.timeout, execution).await else {
        refused(ErrorCode::Timeout);
        return error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Timeout,
            "yêu cầu chạy quá lâu; hãy thu hẹp truy vấn",
            &trace_id,
        );
    };
    let response = match outcome {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(trace_id, ?error, "the request's unit of work failed");
            refused(ErrorCode::Unavailable);
            return error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
                "hệ thống tạm thời không xử lý được yêu cầu; không có thay đổi nào được lưu, hãy thử lại",
                &trace_id,
            );
        }
    };
    metrics::record_request(
        &operations,
        started.elapsed(),
        &metrics::error_codes(&response),
    );
    let body = match serde_json::to_vec(&response) {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(trace_id, %error, "response serialisation failed");
            return error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "lỗi hệ thống",
                &trace_id,
            );
        }
    };
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .header(TRACE_HEADER, trace_id.as_str())
        .body(body)
}

/// Authenticates the caller and executes the batch in one unit of work: a reading one unless
/// an operation of the batch is a mutation.
async fn execute(
    req: &Request,
    mut batch: BatchRequest,
    gateway: &Gateway,
    trace_id: String,
) -> Result<BatchResponse, AppError> {
    let mode = unit_mode(&mut batch, &gateway.documents);
    let mut response = None;
    let work = async {
        let context = RequestContext {
            caller: caller(req, &gateway.app).await,
            client_address: client_address(req),
            trace_id,
        };
        let batch = match batch {
            BatchRequest::Single(request) => BatchRequest::Single(request.data(context)),
            BatchRequest::Batch(requests) => BatchRequest::Batch(
                requests
                    .into_iter()
                    .map(|request| request.data(context.clone()))
                    .collect(),
            ),
        };
        response = Some(gateway.schema.execute_batch(batch).await);
    };
    gateway.app.within_request(mode, Box::pin(work)).await?;
    response.ok_or_else(|| AppError::Internal("the request produced no response".to_owned()))
}

/// The label of each operation of the batch: the name asked for, or the document's only
/// operation's name.
fn operations_of(batch: &mut BatchRequest, documents: &ParsedDocuments) -> Vec<String> {
    let requests = match batch {
        BatchRequest::Single(request) => std::slice::from_mut(request),
        BatchRequest::Batch(requests) => requests.as_mut_slice(),
    };
    requests
        .iter_mut()
        .map(|request| {
            let asked = request.operation_name.clone();
            let only = documents
                .parsed(request)
                .and_then(|document| match &document.operations {
                    DocumentOperations::Multiple(operations) if operations.len() == 1 => {
                        operations.keys().next().map(|name| name.to_string())
                    }
                    _ => None,
                });
            metrics::operation_label(asked.or(only).as_deref())
        })
        .collect()
}

/// `Write` when an operation of the batch that will run is a mutation. The documents are parsed
/// here once and kept for execution; one that does not parse is left to fail there.
fn unit_mode(batch: &mut BatchRequest, documents: &ParsedDocuments) -> UnitMode {
    let requests = match batch {
        BatchRequest::Single(request) => std::slice::from_mut(request),
        BatchRequest::Batch(requests) => requests.as_mut_slice(),
    };
    let writes = requests.iter_mut().any(|request| {
        let name = request.operation_name.clone();
        let Some(document) = documents.parsed(request) else {
            return false;
        };
        match &document.operations {
            DocumentOperations::Single(operation) => operation.node.ty == OperationType::Mutation,
            DocumentOperations::Multiple(operations) => name
                .and_then(|name| operations.get(name.as_str()))
                .is_some_and(|operation| operation.node.ty == OperationType::Mutation),
        }
    });
    if writes {
        UnitMode::Write
    } else {
        UnitMode::Read
    }
}

/// The caller behind the `Authorization: Bearer` header, resolved once per request.
async fn caller(req: &Request, app: &Ansinh) -> Caller {
    let Some(value) = req.header(header::AUTHORIZATION) else {
        return Caller::Anonymous;
    };
    let Some(token) = bearer_token(value) else {
        return Caller::Refused;
    };
    match app.identity.authenticate(token).await {
        Ok(principal) => Caller::Authenticated(Box::new(principal)),
        Err(error) => {
            if error.is_internal() {
                tracing::error!(?error, "authentication failed inside");
            }
            Caller::Refused
        }
    }
}

/// The token of an `Authorization: Bearer <token>` value; the scheme is case-insensitive
/// (RFC 9110 §11.1).
pub(crate) fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim_start().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The client's address as seen by this server (behind a proxy, the proxy's).
pub(crate) fn client_address(req: &Request) -> String {
    match req.remote_addr().as_socket_addr() {
        Some(address) => address.ip().to_string(),
        None => "unknown".to_owned(),
    }
}

#[handler]
fn health() -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(r#"{"status":"ok"}"#)
}

#[handler]
async fn ready(gateway: Data<&Gateway>) -> Response {
    match gateway.app.ready().await {
        Ok(()) => Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(r#"{"status":"ready"}"#),
        Err(error) => {
            tracing::warn!(%error, detail = ?error, "readiness check failed");
            Response::builder()
                .status(StatusCode::SERVICE_UNAVAILABLE)
                .header(header::CONTENT_TYPE, "application/json")
                .body(r#"{"status":"unavailable"}"#)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer abc"), Some("abc"));
        assert_eq!(bearer_token("BEARER  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Bearerabc"), None);
    }
}
