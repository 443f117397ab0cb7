//! Ansinh's documents: a province's templates (Markdown with merge fields and conditional
//! passages, edited by province staff in `config-tenants/<province>/templates/`) filled in and
//! laid out as Decree 30/2020 administrative documents in PDF, with Liberation Serif (Times New
//! Roman's metrics, the full Vietnamese range, SIL OFL) embedded.
//!
//! Also signs them (PAdES baseline B-B: incremental revisions, detached CMS verified before it
//! is embedded, a software certification authority for the demo and the tests).
//!
//! Owns the heavy format libraries (krilla for PDF, rustybuzz for shaping, pulldown-cmark,
//! minijinja; lopdf to read PDFs, RustCrypto's cms/x509-cert/der, ring, rcgen) so that no other
//! crate builds them; the app reaches this crate only through its document and signing ports.
//! Must not depend on tokio, sea-orm, async-graphql or poem: rendering and signing are pure
//! functions of their inputs.

mod blocks;
mod fonts;
mod layout;
pub mod mail;
mod merge;
mod pdf;
mod sign;
mod slots;

pub use merge::{BLANK, Merged, check, merge};
pub use sign::{
    EmbeddedSignature, Place, Prepared, Revision, SignError, SignatureSpec, SignerCertificate,
    SoftwareSigner, Subject, TextField, certificates, embed, field_place, pem, prepare,
    prepared_digest, signatures, top_left,
};
pub use slots::{SIGNATURE, Slot, slot};

use std::collections::BTreeMap;

use thiserror::Error;

/// What went wrong making a document.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    /// The template does not parse or render; the message says where.
    #[error("mẫu văn bản có lỗi: {0}")]
    Template(String),
    /// The PDF could not be written (a bug).
    #[error("không tạo được tệp PDF: {0}")]
    Pdf(String),
}

/// A document made from a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Fields the template names that had no value (drawn as blanks).
    pub missing: Vec<String>,
    /// Pages.
    pub pages: usize,
    /// Where the slots the fields asked for, and the signer's room, landed.
    pub slots: Vec<Slot>,
}

/// Fills `template` with `fields` and lays it out as a PDF titled `title`.
pub fn render(
    template: &str,
    fields: &BTreeMap<String, String>,
    title: &str,
) -> Result<Rendered, DocumentError> {
    let merged = merge(template, fields)?;
    let pages = layout::lay_out(&blocks::blocks(&merged.markdown));
    let pdf = pdf::paint(&pages, title)?;
    Ok(Rendered {
        pdf,
        missing: merged.missing,
        pages: pages.len(),
        slots: layout::slots_of(&pages),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str =
        include_str!("../../../config-tenants/04-cao-bang/templates/qd-ho-tro-mai-tang.md");

    fn fields() -> BTreeMap<String, String> {
        [
            ("ho_ten_nguoi_nhan", "Nông Văn Dũng"),
            ("so_tien", "9000000"),
            ("so_quyet_dinh", "12"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
    }

    #[test]
    fn the_same_inputs_give_the_same_bytes() {
        let first = render(TEMPLATE, &fields(), "Quyết định").unwrap_or_else(|e| panic!("{e}"));
        let again = render(TEMPLATE, &fields(), "Quyết định").unwrap_or_else(|e| panic!("{e}"));
        assert!(first.pdf.starts_with(b"%PDF-"));
        assert_eq!(first.pdf, again.pdf);
        assert_eq!(first.pages, 1);
        assert!(
            first.missing.contains(&"nguoi_ky".to_owned()),
            "{:?}",
            first.missing
        );
        let other =
            render(TEMPLATE, &BTreeMap::new(), "Quyết định").unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(first.pdf, other.pdf);
    }
}
