//! Components handed in, in the API: a dossier's attachments with short-lived download links,
//! uploads through the GraphQL multipart request spec, paper-only notes, reuse of a person's
//! earlier documents, and removal of a wrong file.

mod mutation;
mod types;

pub use mutation::{FileMutation, FileQuery};
pub(crate) use types::{Attachment, attachment};
