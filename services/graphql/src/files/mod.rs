//! Components handed in, in the API: a dossier's attachments with short-lived download links,
//! uploads through the GraphQL multipart request spec, paper-only notes, reuse of a person's
//! earlier documents, removal of a wrong file, and the decision draft.

mod draft;
mod mutation;
mod signed;
mod types;

pub use draft::{DRAFT_TICKET, DocumentQuery, kind_of_slug, kind_slug};
pub use mutation::{FileMutation, FileQuery};
pub use signed::{DOCUMENT_TICKET, SigningMutation, SigningQuery};
pub(crate) use signed::{DossierDocument, documents_of};
pub(crate) use types::{Attachment, attachment};
