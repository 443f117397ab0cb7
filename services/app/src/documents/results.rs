//! Reading a dossier's signed and issued documents: the list with their hashes and
//! signatures, and one revision's bytes (the read logged).

use ansinh_core::DossierId;

use super::Documents;
use super::signing::{DocumentRecord, DocumentStage};
use crate::AppError;
use crate::identity::{AccessEntry, Principal};
use crate::model::TenantScope;

impl Documents {
    /// The dossier's signed and issued revisions, oldest first, for a reader who may read the
    /// applicant's personal data (an empty list otherwise).
    pub async fn documents(
        &self,
        principal: &Principal,
        id: &DossierId,
    ) -> Result<Vec<DocumentRecord>, AppError> {
        let (scope, record) = self.dossiers.readable(principal, id).await?;
        if !self
            .dossiers
            .may_read_persons(principal, &record.unit)
            .await
        {
            return Ok(Vec::new());
        }
        let all = self.repo.documents(&scope, &record.id).await?;
        Ok(all
            .into_iter()
            .filter(|d| d.stage != DocumentStage::Prepared)
            .collect())
    }

    /// One revision's PDF (`NOT_FOUND` outside what the principal may read).
    pub async fn document_file(
        &self,
        principal: &Principal,
        id: &str,
    ) -> Result<(DocumentRecord, Vec<u8>), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let not_found = || AppError::not_found("văn bản", id);
        let found = self
            .repo
            .document(&scope, id)
            .await?
            .filter(|d| d.stage != DocumentStage::Prepared)
            .ok_or_else(not_found)?;
        // The dossier's own rules decide: NOT_FOUND for another commune's officer.
        let listed = self.documents(principal, &found.dossier).await?;
        if !listed.iter().any(|d| d.id == found.id) {
            return Err(not_found());
        }
        let bytes = self
            .dossiers
            .blobs
            .get(&found.key)
            .await?
            .ok_or_else(not_found)?;
        let entry = AccessEntry {
            account: principal.account.clone(),
            subject_type: "dossier".to_owned(),
            subject_id: found.dossier.to_string(),
            fields: vec![format!("documents.{}", found.id)],
            purpose: "document".to_owned(),
            at: self.clock.now(),
        };
        self.dossiers.access_log.log_access(&scope, &entry).await?;
        Ok((found, bytes))
    }

    /// The trusted authorities' certificates (PEM): what a verifier needs.
    pub fn trust_anchors(&self) -> Vec<String> {
        self.signing.trust_anchors()
    }
}
