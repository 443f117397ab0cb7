//! The decision draft of a dossier: which template, what is still missing, and a short-lived
//! link to the PDF.

use ansinh_config::model::TemplateKind;
use ansinh_core::DossierId;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};

use super::types::FileLink;
use crate::context::{app, principal};
use crate::errors::GqlResult;

/// Which document of a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "TemplateKind")]
pub(crate) enum DocumentKind {
    /// The decision (quyết định).
    Decision,
    /// Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
    Receipt,
    /// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
    SupplementRequest,
    /// Phiếu từ chối giải quyết hồ sơ.
    Refusal,
    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả.
    Apology,
}

/// The ticket subject and path segment of a kind.
pub fn kind_slug(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Decision => "decision",
        TemplateKind::Receipt => "receipt",
        TemplateKind::SupplementRequest => "supplement_request",
        TemplateKind::Refusal => "refusal",
        TemplateKind::Apology => "apology",
    }
}

/// The kind a path segment names.
pub fn kind_of_slug(slug: &str) -> Option<TemplateKind> {
    [
        TemplateKind::Decision,
        TemplateKind::Receipt,
        TemplateKind::SupplementRequest,
        TemplateKind::Refusal,
        TemplateKind::Apology,
    ]
    .into_iter()
    .find(|k| kind_slug(*k) == slug)
}

/// A document drafted from the province's template for a dossier.
#[derive(Debug, SimpleObject)]
pub(crate) struct DecisionDraft {
    /// The template's code in the province's configuration.
    template_code: String,
    /// The template's name.
    template_name: String,
    /// Pages of the PDF.
    pages: u32,
    /// Size of the PDF in bytes.
    size_bytes: u64,
    /// Merge fields the template names that the dossier does not fill yet (shown as dotted
    /// blanks in the draft), e.g. `he_so`, `so_quyet_dinh` before the decision is issued.
    missing_fields: Vec<String>,
    /// A link that opens the PDF for a few minutes.
    download: FileLink,
}

/// The prefix of a draft's ticket subject (a ticket opens one attachment or one draft).
pub const DRAFT_TICKET: &str = "draft:";

/// Queries on documents.
#[derive(Debug, Default)]
pub struct DocumentQuery;

/// Queries on documents.
#[Object]
impl DocumentQuery {
    /// The decision draft of a dossier (`NOT_FOUND` outside the caller's units or when the
    /// caller may not read the applicant's personal data; `NO_TEMPLATE` when the province has
    /// no template for the procedure). Each call renders it anew from the dossier as it is.
    async fn decision_draft(
        &self,
        ctx: &Context<'_>,
        dossier_id: ID,
    ) -> async_graphql::Result<DecisionDraft> {
        draft(ctx, dossier_id, TemplateKind::Decision).await
    }

    /// A document of the dossier from the province's template: the decision, or the desk's
    /// receipt with the appointment, supplement request with its list, or refusal with its
    /// reasons (same rules as `decisionDraft`).
    async fn document_draft(
        &self,
        ctx: &Context<'_>,
        dossier_id: ID,
        kind: DocumentKind,
    ) -> async_graphql::Result<DecisionDraft> {
        draft(ctx, dossier_id, kind.into()).await
    }
}

async fn draft(
    ctx: &Context<'_>,
    dossier_id: ID,
    kind: TemplateKind,
) -> async_graphql::Result<DecisionDraft> {
    let principal = principal(ctx).gql()?;
    let app = app(ctx);
    let id = DossierId::new(dossier_id.as_str());
    let draft = app
        .documents
        .document_draft(principal, &id, kind)
        .await
        .gql()?;
    let slug = kind_slug(kind);
    let (ticket, expires_at) = app
        .identity
        .file_ticket(principal, &format!("{DRAFT_TICKET}{slug}:{}", id.as_str()))
        .gql()?;
    Ok(DecisionDraft {
        template_code: draft.template_code,
        template_name: draft.template_name,
        pages: u32::try_from(draft.document.pages).unwrap_or(u32::MAX),
        size_bytes: draft.document.pdf.len() as u64,
        missing_fields: draft.document.missing,
        download: FileLink::new(
            format!("/files/drafts/{}?kind={slug}&ticket={ticket}", id.as_str()),
            expires_at,
        ),
    })
}
