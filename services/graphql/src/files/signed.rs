//! Signed documents in the API: a dossier's decision revisions with their hashes and
//! signatures, the leader's signature (by the server's keys, or by the officer's token through
//! `prepareSignature` then `signDossier(signature:)`), the clerk's issue, and the trusted
//! authorities a verifier needs.

use ansinh_app::documents::{DocumentRecord, DocumentStage, SignatureRecord};
use ansinh_core::dossier::Command;
use ansinh_core::{DossierId, ErrorCode};
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use base64::Engine;
use chrono::{DateTime, Utc};

use super::types::FileLink;
use crate::context::{app, principal};
use crate::dossiers::Dossier;
use crate::errors::GqlResult;

/// The prefix of a signed document's ticket subject.
pub const DOCUMENT_TICKET: &str = "document:";

/// How far a decision has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "DocumentStage")]
pub(crate) enum DocumentStageKind {
    /// Prepared for a token's signature (never listed).
    Prepared,
    /// Signed by the leader (ký duyệt).
    Signed,
    /// Numbered, dated and sealed by the clerk (ký phát hành): the dossier's result.
    Issued,
}

/// A digital signature a document holds, verified when it was embedded.
#[derive(Debug, SimpleObject)]
pub(crate) struct DocumentSignature {
    /// The signature field: `lanh_dao` (the leader) or `con_dau` (the agency's seal).
    field: String,
    /// Who the certificate names.
    signer: String,
    /// The certificate's organisation.
    organization: Option<String>,
    /// When it was made.
    signed_at: DateTime<Utc>,
    /// Whether it is the agency's seal rather than a person's signature.
    seal: bool,
    /// SHA-256 of the signer's certificate, hex.
    certificate_fingerprint: String,
}

impl From<&SignatureRecord> for DocumentSignature {
    fn from(record: &SignatureRecord) -> Self {
        Self {
            field: record.field.clone(),
            signer: record.signer.clone(),
            organization: record.organization.clone(),
            signed_at: record.signed_at,
            seal: record.seal,
            certificate_fingerprint: record.fingerprint.clone(),
        }
    }
}

/// One revision of a dossier's decision (never changed: a later stage is a new revision).
#[derive(Debug, SimpleObject)]
pub(crate) struct DossierDocument {
    /// Id.
    id: ID,
    /// `decision`.
    kind: String,
    /// Its stage.
    stage: DocumentStageKind,
    /// 1 for the first revision listed, and so on.
    revision: u32,
    /// Size in bytes.
    size_bytes: u64,
    /// SHA-256 of the PDF, hex: what a copy is checked against.
    sha256: String,
    /// Its signatures, oldest first.
    signatures: Vec<DocumentSignature>,
    /// Why a re-issue was made.
    reason: Option<String>,
    /// When it was made.
    created_at: DateTime<Utc>,
    /// A link that opens the PDF for the caller's session, for a few minutes.
    download: FileLink,
}

/// A dossier's documents as the API shows them, each with a fresh link.
pub(crate) fn documents_of(
    ctx: &Context<'_>,
    records: Vec<DocumentRecord>,
) -> async_graphql::Result<Vec<DossierDocument>> {
    let principal = principal(ctx).gql()?;
    records
        .into_iter()
        .enumerate()
        .map(|(i, record)| {
            let (ticket, expires_at) = app(ctx)
                .identity
                .file_ticket(principal, &format!("{DOCUMENT_TICKET}{}", record.id))
                .gql()?;
            Ok(DossierDocument {
                download: FileLink::new(
                    format!("/files/documents/{}?ticket={ticket}", record.id),
                    expires_at,
                ),
                id: ID(record.id),
                kind: record.kind,
                stage: record.stage.into(),
                revision: u32::try_from(i + 1).unwrap_or(u32::MAX),
                size_bytes: record.size,
                sha256: record.sha256,
                signatures: record.signatures.iter().map(Into::into).collect(),
                reason: record.reason,
                created_at: record.created_at,
            })
        })
        .collect()
}

/// What an officer's signing tool signs.
#[derive(Debug, SimpleObject)]
pub(crate) struct SigningRequest {
    /// Give it back with the CMS in `signDossier(signature:)`.
    request: ID,
    /// SHA-256 of the prepared file's byte range, hex: sign it as a detached CMS (PAdES B-B,
    /// with the signing-certificate-v2 attribute).
    digest: String,
    /// The same digest in base64.
    digest_base64: String,
    /// Until when the signature is accepted.
    expires_at: DateTime<Utc>,
}

/// A signature made by the officer's token.
#[derive(Debug, InputObject)]
pub(crate) struct SignatureInput {
    /// The `request` that `prepareSignature` answered.
    request: ID,
    /// The CMS SignedData (DER) in base64.
    cms: String,
}

fn command(to_step: String, handler_id: Option<ID>) -> Command {
    Command::Sign {
        to: to_step,
        handler: handler_id.map(|id| id.0).unwrap_or_default(),
    }
}

/// Signing and issuing mutations.
#[derive(Debug, Default)]
pub struct SigningMutation;

#[Object]
impl SigningMutation {
    /// Prepares the decision for the leader's token: sign the digest and send the CMS back
    /// with `signDossier` within 15 minutes.
    async fn prepare_signature(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: Option<ID>,
    ) -> async_graphql::Result<SigningRequest> {
        let principal = principal(ctx).gql()?;
        let hand_off = app(ctx)
            .documents
            .prepare_signature(
                principal,
                &DossierId::new(id.as_str()),
                &command(to_step, handler_id),
            )
            .await
            .gql()?;
        Ok(SigningRequest {
            request: ID(hand_off.request),
            digest: hand_off.digest.iter().map(|b| format!("{b:02x}")).collect(),
            digest_base64: base64::engine::general_purpose::STANDARD.encode(hand_off.digest),
            expires_at: hand_off.expires_at,
        })
    }

    /// The leader signs the decision and passes the dossier on: with `signature` from their
    /// token (after `prepareSignature`), or by the server's keys where it holds them.
    async fn sign_dossier(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: Option<ID>,
        note: Option<String>,
        signature: Option<SignatureInput>,
    ) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let remote = match signature {
            Some(input) => {
                let cms = base64::engine::general_purpose::STANDARD
                    .decode(input.cms.trim())
                    .map_err(|_| {
                        ansinh_app::AppError::invalid_field(
                            ErrorCode::SignatureInvalid,
                            "signature.cms",
                            "chữ ký phải là CMS (DER) mã hóa base64",
                        )
                    })
                    .gql()?;
                Some((input.request.0, cms))
            }
            None => None,
        };
        let acted = app(ctx)
            .documents
            .sign(
                principal,
                &DossierId::new(id.as_str()),
                command(to_step, handler_id),
                &note.unwrap_or_default(),
                remote,
            )
            .await
            .gql()?;
        crate::dossiers::acted_detail(ctx, acted).await
    }

    /// The clerk issues the decision (ký phát hành): the issuing body's next number of the
    /// year (gapless) and the date stamped in, the agency's seal signed as a second revision,
    /// and the result goes back to the return step.
    async fn issue_decision(
        &self,
        ctx: &Context<'_>,
        id: ID,
        to_step: String,
        handler_id: Option<ID>,
        note: Option<String>,
    ) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let command = Command::Issue {
            to: to_step,
            handler: handler_id.map(|id| id.0).unwrap_or_default(),
        };
        let acted = app(ctx)
            .documents
            .issue(
                principal,
                &DossierId::new(id.as_str()),
                command,
                &note.unwrap_or_default(),
            )
            .await
            .gql()?;
        crate::dossiers::acted_detail(ctx, acted).await
    }
    /// The clerk re-issues the decision with a reason (e.g. the agency's certificate was
    /// replaced): a new revision with the seal signed again; earlier revisions stay as they
    /// were. Answers the dossier with all its revisions.
    async fn reissue_decision(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Dossier> {
        let principal = principal(ctx).gql()?;
        let id = DossierId::new(id.as_str());
        app(ctx)
            .documents
            .reissue(principal, &id, &reason)
            .await
            .gql()?;
        crate::dossiers::dossier_detail(ctx, &id).await
    }
}

/// Signing queries.
#[derive(Debug, Default)]
pub struct SigningQuery;

#[Object]
impl SigningQuery {
    /// The certification authorities this server trusts (PEM): give them to a verifier
    /// (e.g. pyHanko, Adobe Reader) to check a decision's signatures.
    async fn signing_authorities(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        principal(ctx).gql()?;
        Ok(app(ctx).documents.trust_anchors())
    }
}
