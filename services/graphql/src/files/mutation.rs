//! Handing components in: uploads, paper-only notes, reuse, removal; and the documents held
//! for a dossier's applicant.

use ansinh_app::dossier::{Upload as FileUpload, UploadOrigin};
use ansinh_core::DossierId;
use async_graphql::{Context, Enum, ID, Object, Upload};

use super::types::{Attachment, attachment};
use crate::context::{app, principal};
use crate::errors::GqlResult;

/// How uploaded files reached the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub(crate) enum UploadKind {
    /// Scanned from paper at reception.
    Scanned,
    /// Sent as files by the citizen.
    Electronic,
    /// Sent as digitally signed files by the citizen.
    ElectronicSigned,
}

impl From<UploadKind> for UploadOrigin {
    fn from(kind: UploadKind) -> Self {
        match kind {
            UploadKind::Scanned => Self::Scanned,
            UploadKind::Electronic => Self::Electronic { signed: false },
            UploadKind::ElectronicSigned => Self::Electronic { signed: true },
        }
    }
}

fn dossier_of(id: &ID) -> DossierId {
    DossierId::new(id.as_str())
}

/// Mutations on a dossier's components.
#[derive(Debug, Default)]
pub struct FileMutation;

/// Mutations on a dossier's components. Uploads follow the GraphQL multipart request spec
/// (`operations`, `map`, then the files) and need the `x-ansinh-csrf` header; only the
/// officer holding the dossier (or a deputy) may add or remove.
#[Object]
impl FileMutation {
    /// Attaches files to one component: each must be a PDF, JPEG or PNG by its bytes (the
    /// declared type must agree), within the size cap, and the component's accepted types.
    async fn attach_files(
        &self,
        ctx: &Context<'_>,
        dossier_id: ID,
        component: String,
        files: Vec<Upload>,
        #[graphql(desc = "How the files reached the desk (SCANNED when not given).")]
        origin: Option<UploadKind>,
    ) -> async_graphql::Result<Vec<Attachment>> {
        let principal = principal(ctx).gql()?;
        let mut uploads = Vec::with_capacity(files.len());
        for file in files {
            let value = file.value(ctx)?;
            uploads.push(FileUpload {
                name: value.filename,
                declared_type: value.content_type,
                bytes: value.content.to_vec(),
            });
        }
        let added = app(ctx)
            .dossiers
            .attach_files(
                principal,
                &dossier_of(&dossier_id),
                &component,
                uploads,
                origin.unwrap_or(UploadKind::Scanned).into(),
            )
            .await
            .gql()?;
        Ok(added.into_iter().map(attachment).collect())
    }

    /// Records that a component is kept on paper only, and why.
    async fn keep_component_on_paper(
        &self,
        ctx: &Context<'_>,
        dossier_id: ID,
        component: String,
        reason: String,
    ) -> async_graphql::Result<Attachment> {
        let principal = principal(ctx).gql()?;
        let kept = app(ctx)
            .dossiers
            .keep_on_paper(principal, &dossier_of(&dossier_id), &component, &reason)
            .await
            .gql()?;
        Ok(attachment(kept))
    }

    /// Reuses for a component a document already held for the same applicant (see
    /// `reusableDocuments`).
    async fn reuse_document(
        &self,
        ctx: &Context<'_>,
        dossier_id: ID,
        component: String,
        source_id: ID,
    ) -> async_graphql::Result<Attachment> {
        let principal = principal(ctx).gql()?;
        let reused = app(ctx)
            .dossiers
            .reuse_file(principal, &dossier_of(&dossier_id), &component, &source_id)
            .await
            .gql()?;
        Ok(attachment(reused))
    }

    /// Removes an attachment added by mistake (kept on record, no longer listed).
    async fn remove_attachment(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Attachment> {
        let principal = principal(ctx).gql()?;
        let removed = app(ctx)
            .dossiers
            .remove_attachment(principal, &id)
            .await
            .gql()?;
        Ok(attachment(removed))
    }
}

/// Queries on documents held.
#[derive(Debug, Default)]
pub struct FileQuery;

/// Queries on documents held.
#[Object]
impl FileQuery {
    /// One attachment (`NOT_FOUND` outside the caller's units, or when the caller may not
    /// read the applicant's personal data).
    async fn attachment(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Attachment> {
        let principal = principal(ctx).gql()?;
        let found = app(ctx).dossiers.attachment(principal, &id).await.gql()?;
        Ok(attachment(found))
    }

    /// Documents held for the dossier's applicant (same ID number) in their other dossiers of
    /// the province, newest first: the citizen's document store (kho dữ liệu), to reuse.
    async fn reusable_documents(
        &self,
        ctx: &Context<'_>,
        dossier_id: ID,
    ) -> async_graphql::Result<Vec<Attachment>> {
        let principal = principal(ctx).gql()?;
        let found = app(ctx)
            .dossiers
            .reusable_files(principal, &dossier_of(&dossier_id))
            .await
            .gql()?;
        Ok(found.into_iter().map(attachment).collect())
    }
}
