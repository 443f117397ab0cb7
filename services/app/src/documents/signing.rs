//! The signed documents of a dossier and the ports that make them: the PDF operations
//! (prepare a revision with room for a signature, embed a verified CMS), the software signer
//! for the demo and tests, and the rows that keep each revision. A document revision is never
//! changed once written: a later stage is a new row over a new object.

use ansinh_core::DossierId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::model::TenantScope;

/// How far a document has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentStage {
    /// Ready for an officer's token to sign (the remote hand-off); not yet a document.
    Prepared,
    /// Signed by the leader.
    Signed,
    /// Numbered, dated and sealed by the clerk: the dossier's result.
    Issued,
}

impl DocumentStage {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prepared => "prepared",
            Self::Signed => "signed",
            Self::Issued => "issued",
        }
    }

    /// From storage.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "prepared" => Some(Self::Prepared),
            "signed" => Some(Self::Signed),
            "issued" => Some(Self::Issued),
            _ => None,
        }
    }
}

/// A signature a document holds, as verified when it was embedded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRecord {
    /// The signature field (`lanh_dao`, `con_dau`).
    pub field: String,
    /// The certificate's common name.
    pub signer: String,
    /// The certificate's organisation.
    pub organization: Option<String>,
    /// When it was made.
    pub signed_at: DateTime<Utc>,
    /// SHA-256 of the signer's certificate, hex.
    pub fingerprint: String,
    /// Whether it is the agency's seal.
    pub seal: bool,
}

/// One revision of a dossier's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    /// Id (UUIDv7).
    pub id: String,
    /// The dossier.
    pub dossier: DossierId,
    /// The template's kind (`decision`).
    pub kind: String,
    /// Its stage.
    pub stage: DocumentStage,
    /// The object holding the PDF.
    pub key: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the PDF, hex.
    pub sha256: String,
    /// For a prepared revision: the SHA-256 of its byte range, what the token signs (hex).
    pub digest: Option<String>,
    /// Its signatures, oldest first.
    pub signatures: Vec<SignatureRecord>,
    /// Why a re-issue was made.
    pub reason: Option<String>,
    /// Account that made it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// The document revisions of dossiers.
#[async_trait]
pub trait DocumentRepo: Send + Sync + std::fmt::Debug {
    /// A dossier's revisions, oldest first (prepared ones included).
    async fn documents(
        &self,
        scope: &TenantScope,
        dossier: &DossierId,
    ) -> Result<Vec<DocumentRecord>, AppError>;

    /// One revision by id, in the tenant.
    async fn document(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<DocumentRecord>, AppError>;

    /// Keeps a prepared revision (signed and issued ones are written with their transition).
    async fn insert_document(
        &self,
        scope: &TenantScope,
        record: &DocumentRecord,
    ) -> Result<(), AppError>;
}

/// A box on a page: page from 0; left, bottom, width, height in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Page, from 0.
    pub page: usize,
    /// Left, bottom, width, height.
    pub rect: [f32; 4],
}

/// A place a rendered document left empty.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotPlace {
    /// The slot's name (a field's, or `signature`).
    pub name: String,
    /// Where.
    pub place: Place,
    /// Font size of its line.
    pub size: f32,
    /// Whether its line is italic.
    pub italic: bool,
}

/// A revision to prepare for signing.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureRequest {
    /// The signature's field.
    pub field: String,
    /// Where its appearance goes.
    pub place: Place,
    /// What the appearance says.
    pub lines: Vec<String>,
    /// The agency's seal rather than a person's signature.
    pub seal: bool,
    /// The signer's name.
    pub signer_name: String,
    /// Why.
    pub reason: String,
    /// Where.
    pub location: String,
    /// When.
    pub signed_at: DateTime<Utc>,
    /// Empty text fields the revision adds (the number and date, for the clerk).
    pub new_fields: Vec<SlotPlace>,
    /// Text fields it fills: name and text.
    pub fills: Vec<(String, String)>,
}

/// A prepared file and what its signer signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedPdf {
    /// The file with room for the CMS.
    pub pdf: Vec<u8>,
    /// SHA-256 of its byte range.
    pub digest: [u8; 32],
}

/// Who a verified signature is by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedBy {
    /// The certificate's common name.
    pub common_name: String,
    /// Its organisation.
    pub organization: Option<String>,
    /// SHA-256 of the certificate, hex.
    pub fingerprint: String,
}

/// Signing operations on PDFs (pure functions of their inputs).
pub trait PdfSigning: Send + Sync + std::fmt::Debug {
    /// `pdf` with a revision that makes the request's field changes and leaves room for its
    /// signature.
    fn prepare(&self, pdf: &[u8], request: &SignatureRequest) -> Result<PreparedPdf, AppError>;

    /// The prepared file with `cms` written in, after checking that it signs the file's digest
    /// with a certificate of a trusted authority valid at `at` (`SIGNATURE_INVALID`,
    /// `SIGNER_UNTRUSTED`).
    fn embed(
        &self,
        prepared: &[u8],
        cms: &[u8],
        at: DateTime<Utc>,
    ) -> Result<(Vec<u8>, SignedBy), AppError>;

    /// Where the signature field `field` of `pdf` is drawn.
    fn field_place(&self, pdf: &[u8], field: &str) -> Option<Place>;

    /// The trusted authorities' certificates (PEM), for verifiers.
    fn trust_anchors(&self) -> Vec<String>;
}

/// Who a software signature is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningSubject {
    /// Account or unit id.
    pub id: String,
    /// The certificate's common name.
    pub common_name: String,
    /// Its organisation.
    pub organization: String,
}

/// Keys held by the server (the demo's and the tests'; production signs with tokens).
pub trait SoftwareSigner: Send + Sync + std::fmt::Debug {
    /// A CMS (PAdES B-B) of `digest` by `subject`.
    fn sign(&self, subject: &SigningSubject, digest: &[u8; 32]) -> Result<Vec<u8>, AppError>;
}
