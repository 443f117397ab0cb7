//! The decision draft of a dossier: which template, what is still missing, and a short-lived
//! link to the PDF.

use ansinh_core::DossierId;
use async_graphql::{Context, ID, Object, SimpleObject};

use super::types::FileLink;
use crate::context::{app, principal};
use crate::errors::GqlResult;

/// A decision drafted from the province's template for a dossier.
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
        let principal = principal(ctx).gql()?;
        let app = app(ctx);
        let id = DossierId::new(dossier_id.as_str());
        let draft = app.documents.decision_draft(principal, &id).await.gql()?;
        let (ticket, expires_at) = app
            .identity
            .file_ticket(principal, &format!("{DRAFT_TICKET}{}", id.as_str()))
            .gql()?;
        Ok(DecisionDraft {
            template_code: draft.template_code,
            template_name: draft.template_name,
            pages: u32::try_from(draft.document.pages).unwrap_or(u32::MAX),
            size_bytes: draft.document.pdf.len() as u64,
            missing_fields: draft.document.missing,
            download: FileLink::new(
                format!("/files/drafts/{}?ticket={ticket}", id.as_str()),
                expires_at,
            ),
        })
    }
}
