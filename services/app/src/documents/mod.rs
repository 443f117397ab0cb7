//! Documents: decisions drafted from the province's templates for the dossier they decide,
//! through the document port (the layout libraries live in `ansinh-documents`, outside this
//! crate's build). Reads dossiers through the dossier area.

mod draft;
mod fields;
mod issue;
mod letters;
mod public;
mod results;
mod sign;
mod signing;
pub(crate) use sign::shown_time;
#[cfg(test)]
mod tests;

pub use draft::DecisionDraft;
pub use results::Handover;
pub use sign::SigningHandOff;
pub use signing::{
    DocumentRecord, DocumentRepo, DocumentStage, PdfSigning, Place, PreparedPdf, SignatureRecord,
    SignatureRequest, SignedBy, SigningSubject, SlotPlace, SoftwareSigner,
};

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::AppError;

/// A document made from a template.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedDocument {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Fields the template names that had no value (drawn as dotted blanks).
    pub missing: Vec<String>,
    /// Pages.
    pub pages: usize,
    /// The places left empty that the caller asked for, and the signer's room.
    pub slots: Vec<SlotPlace>,
}

/// Fills a template and lays it out (a pure function of its inputs: the same inputs give the
/// same bytes).
pub trait DocumentRenderer: Send + Sync + std::fmt::Debug {
    /// The PDF of `template` filled with `fields`, titled `title`, each of `slots` (a field's
    /// name and its room in digits) left empty for a later revision; `TEMPLATE_INVALID` when
    /// the template does not parse.
    fn render(
        &self,
        template: &str,
        fields: &BTreeMap<String, String>,
        title: &str,
        slots: &[(&str, usize)],
    ) -> Result<RenderedDocument, AppError>;
}

/// Decision drafts, and decisions signed by the leader and issued by the clerk.
#[derive(Debug, Clone)]
pub struct Documents {
    pub(crate) dossiers: crate::dossier::Dossiers,
    pub(crate) renderer: Arc<dyn DocumentRenderer>,
    pub(crate) signing: Arc<dyn PdfSigning>,
    /// The server's own keys (demo and tests); `None` where officers sign with tokens.
    pub(crate) software: Option<Arc<dyn SoftwareSigner>>,
    pub(crate) repo: Arc<dyn DocumentRepo>,
    /// Counts the citizens' tries at a result.
    pub(crate) limiter: Arc<dyn crate::identity::RateLimiter>,
    /// The key of the lookup codes printed on receipts.
    pub(crate) result_secret: Arc<Vec<u8>>,
    pub(crate) reference: crate::reference::Reference,
    pub(crate) clock: Arc<dyn crate::Clock>,
}
