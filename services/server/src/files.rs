//! Files over HTTP: GraphQL multipart uploads (the GraphQL multipart request spec), accepted
//! only with the `x-ansinh-csrf` header that no cross-site form can send and within the size
//! and count caps; and `GET /files/<id>?ticket=…`, which opens one attachment for the session
//! its short-lived ticket was given to, after the use case checks the dossier may be read.

use ansinh_app::{AppError, UnitMode};
use ansinh_core::ErrorCode;
use async_graphql::http::MultipartOptions;
use async_graphql::{BatchRequest, ParseRequestError};
use poem::error::ReadBodyError;
use poem::http::{StatusCode, header};
use poem::web::{Data, Path, Query};
use poem::{Request, Response, handler};
use serde::Deserialize;

use crate::gateway::{Gateway, Refusal, TRACE_HEADER, error_response};

/// The header a multipart upload must carry (any non-empty value): browsers send custom
/// headers only after a CORS preflight, which this server never grants to other origins.
pub(crate) const CSRF_HEADER: &str = "x-ansinh-csrf";

/// Whether the request is `multipart/form-data`.
pub(crate) fn is_multipart(req: &Request) -> bool {
    req.header(header::CONTENT_TYPE)
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// The batch of a multipart upload, within the caps.
pub(crate) async fn read_multipart(
    req: &Request,
    body: poem::Body,
    gateway: &Gateway,
) -> Result<BatchRequest, Refusal> {
    if req.header(CSRF_HEADER).is_none_or(|v| v.trim().is_empty()) {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::CsrfHeaderRequired,
            format!("yêu cầu tải tệp phải có tiêu đề {CSRF_HEADER}"),
        ));
    }
    let limits = gateway.files;
    let max_file = usize::try_from(limits.max_file_bytes).unwrap_or(usize::MAX);
    let too_large = || {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::FileTooLarge,
            format!(
                "mỗi tệp tối đa {} MB và mỗi lần tối đa {} tệp",
                limits.max_file_bytes / (1024 * 1024),
                limits.max_files
            ),
        )
    };
    let whole = max_file
        .saturating_mul(limits.max_files)
        .saturating_add(gateway.max_body_bytes);
    let bytes = body
        .into_bytes_limit(whole)
        .await
        .map_err(|error| match error {
            ReadBodyError::PayloadTooLarge => too_large(),
            _ => unreadable(),
        })?;
    let content_type = req.header(header::CONTENT_TYPE).map(str::to_owned);
    let options = MultipartOptions::default()
        .max_file_size(max_file)
        .max_num_files(limits.max_files);
    let batch = async_graphql::http::receive_batch_body(content_type, bytes.as_ref(), options)
        .await
        .map_err(|error| match error {
            ParseRequestError::PayloadTooLarge => too_large(),
            _ => unreadable(),
        })?;
    let files: usize = match &batch {
        BatchRequest::Single(request) => request.uploads.len(),
        BatchRequest::Batch(requests) => requests.iter().map(|r| r.uploads.len()).sum(),
    };
    if files > limits.max_files {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::TooManyFiles,
            format!("mỗi lần tải tối đa {} tệp (nhận {files})", limits.max_files),
        ));
    }
    crate::gateway::check_batch(batch, gateway)
}

fn unreadable() -> Refusal {
    Refusal::new(
        StatusCode::BAD_REQUEST,
        ErrorCode::BadRequestBody,
        "nội dung tải tệp không theo chuẩn GraphQL multipart (operations, map, rồi các tệp)",
    )
}

/// `?ticket=`.
#[derive(Debug, Deserialize)]
pub(crate) struct Ticket {
    ticket: Option<String>,
}

/// One attachment's bytes for the holder of a valid ticket who may read its dossier.
#[handler]
pub(crate) async fn download(
    Path(id): Path<String>,
    Query(Ticket { ticket }): Query<Ticket>,
    gateway: Data<&Gateway>,
) -> Response {
    let app = gateway.app.clone();
    serve(&gateway, ticket, id.clone(), move |principal| async move {
        let (record, bytes) = app.dossiers.attachment_file(&principal, &id).await?;
        let file = record
            .file
            .ok_or_else(|| AppError::not_found("tệp đính kèm", &id))?;
        Ok(Served {
            media_type: file.kind.media_type(),
            name: file.name,
            etag: Some(file.sha256),
            bytes,
        })
    })
    .await
}

/// One signed or issued revision of a dossier's decision, for the holder of a valid ticket
/// who may read its dossier.
#[handler]
pub(crate) async fn document(
    Path(id): Path<String>,
    Query(Ticket { ticket }): Query<Ticket>,
    gateway: Data<&Gateway>,
) -> Response {
    let app = gateway.app.clone();
    let subject = format!("{}{id}", ansinh_graphql::DOCUMENT_TICKET);
    serve(&gateway, ticket, subject, move |principal| async move {
        let (record, bytes) = app.documents.document_file(&principal, &id).await?;
        Ok(Served {
            media_type: "application/pdf",
            name: format!(
                "quyet-dinh-{}-{}.pdf",
                record.stage.as_str(),
                &record.sha256[..8]
            ),
            etag: Some(record.sha256),
            bytes,
        })
    })
    .await
}

/// `?kind=…&ticket=…` of a draft.
#[derive(Debug, Deserialize)]
pub(crate) struct DraftTicket {
    kind: Option<String>,
    ticket: Option<String>,
}

/// A dossier's document draft (decision or letter), rendered anew, for the holder of a valid
/// ticket.
#[handler]
pub(crate) async fn draft(
    Path(id): Path<String>,
    Query(DraftTicket { kind, ticket }): Query<DraftTicket>,
    gateway: Data<&Gateway>,
) -> Response {
    let app = gateway.app.clone();
    let slug = kind.unwrap_or_else(|| "decision".to_owned());
    let subject = format!("{}{slug}:{id}", ansinh_graphql::DRAFT_TICKET);
    let kind = ansinh_graphql::kind_of_slug(&slug);
    serve(&gateway, ticket, subject, move |principal| async move {
        let kind = kind.ok_or_else(|| AppError::not_found("văn bản", &slug))?;
        let dossier = ansinh_core::DossierId::new(id.as_str());
        let draft = app
            .documents
            .document_draft(&principal, &dossier, kind)
            .await?;
        Ok(Served {
            media_type: "application/pdf",
            name: format!("du-thao-{}.pdf", draft.template_code),
            etag: None,
            bytes: draft.document.pdf,
        })
    })
    .await
}

/// What a file route answers.
pub(crate) struct Served {
    pub(crate) media_type: &'static str,
    pub(crate) name: String,
    pub(crate) etag: Option<String>,
    pub(crate) bytes: Vec<u8>,
}

/// Checks the ticket for `subject`, runs `read` as its principal in one reading unit of work,
/// and answers the file (or the error as JSON with its code).
async fn serve<F, Fut>(
    gateway: &Gateway,
    ticket: Option<String>,
    subject: String,
    read: F,
) -> Response
where
    F: FnOnce(ansinh_app::identity::Principal) -> Fut + Send,
    Fut: std::future::Future<Output = Result<Served, AppError>> + Send,
{
    let trace_id = uuid::Uuid::now_v7().simple().to_string();
    let app = &gateway.app;
    let principal = match app
        .identity
        .authenticate_file_ticket(ticket.as_deref().unwrap_or_default(), &subject)
        .await
    {
        Ok(principal) => principal,
        Err(error) => return refused(&error, &trace_id),
    };
    let outcome = within_read(app, read(principal)).await;
    respond(outcome, &trace_id)
}

/// Runs `read` in one reading unit of work.
pub(crate) async fn within_read<Fut>(
    app: &ansinh_app::Ansinh,
    read: Fut,
) -> Result<Served, AppError>
where
    Fut: std::future::Future<Output = Result<Served, AppError>> + Send,
{
    let mut outcome = None;
    let work = async {
        outcome = Some(read.await);
    };
    match app.within_request(UnitMode::Read, Box::pin(work)).await {
        Ok(()) => outcome.unwrap_or_else(|| Err(AppError::Internal("no outcome".to_owned()))),
        Err(error) => Err(error),
    }
}

/// The file, or the error as JSON with its code.
pub(crate) fn respond(outcome: Result<Served, AppError>, trace_id: &str) -> Response {
    let served = match outcome {
        Ok(served) => served,
        Err(error) => return refused(&error, trace_id),
    };
    let mut response = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, served.media_type)
        .header(header::CONTENT_DISPOSITION, disposition(&served.name))
        .header(header::CACHE_CONTROL, "private, no-store")
        .header("x-content-type-options", "nosniff")
        .header(TRACE_HEADER, trace_id);
    if let Some(etag) = served.etag {
        response = response.header(header::ETAG, format!("\"{etag}\""));
    }
    response.body(served.bytes)
}

fn refused(error: &AppError, trace_id: &str) -> Response {
    if error.is_internal() {
        tracing::error!(trace_id, ?error, "a file could not be served");
    }
    let status = match error.error_code() {
        ErrorCode::LinkExpired => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::ResultNotReady => StatusCode::CONFLICT,
        ErrorCode::StorageUnavailable | ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ if error.is_internal() => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    let message = if matches!(error, AppError::Internal(_)) {
        format!("lỗi hệ thống; hãy báo cho quản trị kèm mã truy vết {trace_id}")
    } else {
        error.to_string()
    };
    error_response(status, error.error_code(), &message, trace_id)
}

/// `inline` with the name as RFC 6266 writes it: an ASCII fallback and the UTF-8 name.
fn disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._- ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("inline; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn names_are_given_as_ascii_and_utf8() {
        assert_eq!(
            disposition("Giấy báo tử.pdf"),
            "inline; filename=\"Gi_y b_o t_.pdf\"; filename*=UTF-8''Gi%E1%BA%A5y%20b%C3%A1o%20t%E1%BB%AD.pdf"
        );
    }
}
