//! Documents: decisions drafted from the province's templates for the dossier they decide,
//! through the document port (the layout libraries live in `ansinh-documents`, outside this
//! crate's build). Reads dossiers through the dossier area.

mod draft;
mod fields;
mod letters;
#[cfg(test)]
mod tests;

pub use draft::DecisionDraft;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::AppError;

/// A document made from a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedDocument {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Fields the template names that had no value (drawn as dotted blanks).
    pub missing: Vec<String>,
    /// Pages.
    pub pages: usize,
}

/// Fills a template and lays it out (a pure function of its inputs: the same inputs give the
/// same bytes).
pub trait DocumentRenderer: Send + Sync + std::fmt::Debug {
    /// The PDF of `template` filled with `fields`, titled `title`; `TEMPLATE_INVALID` when the
    /// template does not parse.
    fn render(
        &self,
        template: &str,
        fields: &BTreeMap<String, String>,
        title: &str,
    ) -> Result<RenderedDocument, AppError>;
}

/// Decision drafts and, later, signed and issued documents.
#[derive(Debug, Clone)]
pub struct Documents {
    pub(crate) dossiers: crate::dossier::Dossiers,
    pub(crate) renderer: Arc<dyn DocumentRenderer>,
    pub(crate) reference: crate::reference::Reference,
    pub(crate) clock: Arc<dyn crate::Clock>,
}
