//! The attachment object and how it came to the desk.

use ansinh_app::dossier::AttachmentRecord;
use ansinh_app::identity::AccountId;
use ansinh_core::file::Provenance;
use async_graphql::{ComplexObject, Context, Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};

use crate::context::{app, principal};
use crate::errors::GqlResult;
use crate::identity::{Officer, officer};
use crate::loaders::loaders;

/// Where a component's copy came from (Decision 1333/QĐ-BHXH, Decree 107/2021).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub(crate) enum AttachmentProvenance {
    /// Scanned from the citizen's paper at reception (số hóa).
    Scanned,
    /// Received as a file from the citizen, without a digital signature.
    Electronic,
    /// Received as a file carrying a digital signature: never asked again on paper.
    ElectronicSigned,
    /// Reused from a document already held for the same person (kho dữ liệu).
    Reused,
    /// Kept on paper only, with the reason.
    Paper,
}

impl From<&Provenance> for AttachmentProvenance {
    fn from(provenance: &Provenance) -> Self {
        match provenance {
            Provenance::Scanned => Self::Scanned,
            Provenance::Electronic { signed: false } => Self::Electronic,
            Provenance::Electronic { signed: true } => Self::ElectronicSigned,
            Provenance::Reused { .. } => Self::Reused,
            Provenance::Paper { .. } => Self::Paper,
        }
    }
}

/// A short-lived link that opens a file for the caller's session.
#[derive(Debug, SimpleObject)]
pub(crate) struct FileLink {
    /// Path on this server, e.g. `/files/<id>?ticket=…`; open it in the browser.
    url: String,
    /// When it stops working (ask the attachment again for a new one).
    expires_at: DateTime<Utc>,
}

impl FileLink {
    pub(crate) fn new(url: String, expires_at: DateTime<Utc>) -> Self {
        Self { url, expires_at }
    }
}

/// A file (or a paper-only note) kept for one component of a dossier (thành phần hồ sơ).
#[derive(Debug, SimpleObject)]
#[graphql(complex)]
pub(crate) struct Attachment {
    /// Id.
    id: ID,
    /// The dossier.
    dossier_id: ID,
    /// Code of the component in the procedure, e.g. `giay-bao-tu`.
    component: String,
    /// Where the copy came from.
    provenance: AttachmentProvenance,
    /// The attachment reused (for `REUSED`).
    reused_from_id: Option<ID>,
    /// Why only paper is kept (for `PAPER`).
    paper_reason: Option<String>,
    /// File name as handed in (null for `PAPER`).
    file_name: Option<String>,
    /// Media type read from the bytes: `application/pdf`, `image/jpeg` or `image/png`.
    media_type: Option<String>,
    /// Size in bytes.
    size_bytes: Option<u64>,
    /// SHA-256 of the bytes, lowercase hex.
    sha256: Option<String>,
    /// When it was added.
    added_at: DateTime<Utc>,
    #[graphql(skip)]
    added_by: AccountId,
}

/// The attachment's relations and its link.
#[ComplexObject]
impl Attachment {
    /// The officer who added it (no phone or ID number).
    async fn added_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Officer>> {
        let view = loaders(ctx)?.officer(&self.added_by).await?;
        Ok(view.map(|view| officer(view, Vec::new())))
    }

    /// A link that opens the file for a few minutes (null for a component kept on paper).
    /// The server checks again, when it is opened, that the caller may read the dossier.
    async fn download(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<FileLink>> {
        if self.file_name.is_none() {
            return Ok(None);
        }
        let principal = principal(ctx).gql()?;
        let (ticket, expires_at) = app(ctx).identity.file_ticket(principal, &self.id).gql()?;
        Ok(Some(FileLink {
            url: format!("/files/{}?ticket={ticket}", self.id.as_str()),
            expires_at,
        }))
    }
}

/// The API object of an attachment.
pub(crate) fn attachment(record: AttachmentRecord) -> Attachment {
    let provenance = AttachmentProvenance::from(&record.provenance);
    let (reused_from_id, paper_reason) = match record.provenance {
        Provenance::Reused { source } => (Some(ID(source)), None),
        Provenance::Paper { reason } => (None, Some(reason)),
        _ => (None, None),
    };
    let file = record.file;
    Attachment {
        id: ID(record.id),
        dossier_id: ID(record.dossier.to_string()),
        component: record.component,
        provenance,
        reused_from_id,
        paper_reason,
        file_name: file.as_ref().map(|f| f.name.clone()),
        media_type: file.as_ref().map(|f| f.kind.media_type().to_owned()),
        size_bytes: file.as_ref().map(|f| f.size),
        sha256: file.map(|f| f.sha256),
        added_at: record.added_at,
        added_by: AccountId(record.added_by),
    }
}
