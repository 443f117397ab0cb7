//! Console sessions: `/auth/login`, `/auth/refresh` and `/auth/logout` keep the refresh token
//! in an `HttpOnly`, `SameSite=Strict` cookie scoped to `/auth`, so that script in the page never
//! sees it; the page holds only the short-lived access token, in memory. API clients keep
//! using the `login` and `refresh` mutations, which return both tokens in the body.
//!
//! Each endpoint takes `POST` with `Content-Type: application/json` only, so a cross-site form
//! cannot reach it without a CORS preflight (which the gateway never grants), and the cookie
//! is not sent cross-site at all. Errors have the GraphQL shape: `errors[0].extensions.code`
//! from the catalogue and a Vietnamese message.

use ansinh_app::identity::TokenPair;
use ansinh_app::{Ansinh, AppError, UnitMode};
use ansinh_core::ErrorCode;
use chrono::Utc;
use poem::http::{HeaderValue, StatusCode, header};
use poem::web::Data;
use poem::{Request, Response, handler};
use serde::Deserialize;
use serde_json::json;

use crate::gateway::{Gateway, TRACE_HEADER, bearer_token, client_address, is_json};

/// Name of the refresh-token cookie.
pub(crate) const REFRESH_COOKIE: &str = "ansinh_refresh";

/// The sign-in form.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Credentials {
    tenant: String,
    username: String,
    password: String,
}

/// Signs in; the answer carries the access token, the cookie the refresh token.
#[handler]
pub(crate) async fn sign_in(req: &Request, body: poem::Body, gateway: Data<&Gateway>) -> Response {
    let credentials = match read_credentials(req, body).await {
        Ok(credentials) => credentials,
        Err(response) => return response,
    };
    let address = client_address(req);
    let app = gateway.app.clone();
    let pair = within_unit(&gateway.app, async move {
        app.identity
            .login(
                &credentials.tenant,
                &credentials.username,
                &credentials.password,
                &address,
            )
            .await
    })
    .await;
    answer(req, pair)
}

/// Trades the cookie's refresh token for a new access token and a rotated cookie.
#[handler]
pub(crate) async fn renew(req: &Request, gateway: Data<&Gateway>) -> Response {
    if !is_json(req) {
        return not_json();
    }
    let Some(token) = refresh_cookie(req) else {
        return failure(&AppError::Unauthenticated(
            "chưa đăng nhập hoặc phiên đã hết hạn; hãy đăng nhập".to_owned(),
        ));
    };
    let app = gateway.app.clone();
    let pair = within_unit(
        &gateway.app,
        async move { app.identity.refresh(&token).await },
    )
    .await;
    answer(req, pair)
}

/// Ends the session (of the bearer token, else of the cookie) and clears the cookie.
#[handler]
pub(crate) async fn sign_out(req: &Request, gateway: Data<&Gateway>) -> Response {
    if !is_json(req) {
        return not_json();
    }
    let bearer = req
        .header(header::AUTHORIZATION)
        .and_then(bearer_token)
        .map(str::to_owned);
    let cookie = refresh_cookie(req);
    let app = gateway.app.clone();
    let ended = within_unit(&gateway.app, async move {
        let access = match (bearer, cookie) {
            (Some(access), _) => access,
            (None, Some(refresh)) => app.identity.refresh(&refresh).await?.access_token,
            (None, None) => return Ok(()),
        };
        let principal = app.identity.authenticate(&access).await?;
        app.identity.logout(&principal).await
    })
    .await;
    let mut response = match ended.and_then(|inner| inner) {
        Ok(()) | Err(AppError::Unauthenticated(_)) => json_response(StatusCode::OK, &json!({})),
        Err(error) => failure(&error),
    };
    set_cookie(&mut response, &cookie_value(req, "", 0));
    response
}

async fn read_credentials(req: &Request, body: poem::Body) -> Result<Credentials, Response> {
    if !is_json(req) {
        return Err(not_json());
    }
    const MAX_FORM_BYTES: usize = 4 * 1024;
    let bytes = body.into_bytes_limit(MAX_FORM_BYTES).await.map_err(|_| {
        refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            "biểu mẫu đăng nhập quá lớn",
        )
    })?;
    serde_json::from_slice(&bytes).map_err(|_| {
        refusal(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequestBody,
            "cần JSON {\"tenant\", \"username\", \"password\"}",
        )
    })
}

/// Runs an identity call in its own writing unit of work, as a mutation would.
async fn within_unit<F>(app: &Ansinh, call: F) -> Result<F::Output, AppError>
where
    F: std::future::Future + Send,
    F::Output: Send,
{
    let mut outcome = None;
    let slot = &mut outcome;
    app.within_request(
        UnitMode::Write,
        Box::pin(async move {
            *slot = Some(call.await);
        }),
    )
    .await?;
    outcome.ok_or_else(|| AppError::Internal("the session call produced nothing".to_owned()))
}

fn answer(req: &Request, pair: Result<Result<TokenPair, AppError>, AppError>) -> Response {
    match pair.and_then(|inner| inner) {
        Ok(pair) => {
            let max_age = (pair.refresh_expires_at - Utc::now()).num_seconds().max(0);
            let mut response = json_response(
                StatusCode::OK,
                &json!({
                    "accessToken": pair.access_token,
                    "accessExpiresAt": pair.access_expires_at,
                    "sessionExpiresAt": pair.refresh_expires_at,
                }),
            );
            set_cookie(
                &mut response,
                &cookie_value(req, &pair.refresh_token, max_age),
            );
            response
        }
        Err(error) => failure(&error),
    }
}

/// `Secure` unless the page was reached on a loopback address (the demo on `127.0.0.1`,
/// where browsers do not require TLS): anywhere else the console is served over HTTPS.
fn cookie_value(req: &Request, token: &str, max_age: i64) -> String {
    let secure = if is_loopback(req) { "" } else { "; Secure" };
    format!(
        "{REFRESH_COOKIE}={token}; Path=/auth; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    )
}

fn is_loopback(req: &Request) -> bool {
    let host = req
        .header(header::HOST)
        .map(|host| host.rsplit_once(':').map_or(host, |(name, _)| name))
        .unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

fn set_cookie(response: &mut Response, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

fn refresh_cookie(req: &Request) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == REFRESH_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

fn failure(error: &AppError) -> Response {
    let trace_id = uuid::Uuid::now_v7().simple().to_string();
    let status = match error {
        _ if matches!(
            error.error_code(),
            ErrorCode::InvalidCredentials | ErrorCode::AccountLocked
        ) =>
        {
            StatusCode::UNAUTHORIZED
        }
        AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::InvalidInput { .. } | AppError::Domain(_) => StatusCode::BAD_REQUEST,
        AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::FORBIDDEN,
    };
    if error.is_internal() {
        tracing::error!(trace_id, ?error, "a console session call failed");
    }
    let mut extensions = json!({ "code": error.code(), "traceId": trace_id });
    if let AppError::RateLimited { retry_after, .. } = error {
        extensions["retryAfterSeconds"] = json!(retry_after.as_secs());
    }
    let mut response = json_response(
        status,
        &json!({ "errors": [{ "message": error.to_string(), "extensions": extensions }] }),
    );
    if let Ok(value) = HeaderValue::from_str(&trace_id) {
        response.headers_mut().insert(TRACE_HEADER, value);
    }
    response
}

fn not_json() -> Response {
    refusal(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::UnsupportedMediaType,
        "Content-Type phải là application/json",
    )
}

fn refusal(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    json_response(
        status,
        &json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] }),
    )
}

fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(body.to_string())
}
