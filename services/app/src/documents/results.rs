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

/// How a result reached the citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handover {
    /// The signed decision sent or downloaded electronically.
    Electronic,
    /// Handed over at the desk.
    InPerson,
    /// Sent by post (dịch vụ bưu chính công ích).
    Post,
}

impl Handover {
    /// As the timeline keeps it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Electronic => "electronic",
            Self::InPerson => "in_person",
            Self::Post => "post",
        }
    }
}

impl Documents {
    /// Hands the result to the citizen and records how; an electronic handover needs the
    /// issued decision (`RESULT_NOT_ELECTRONIC`).
    pub async fn return_result(
        &self,
        principal: &Principal,
        id: &DossierId,
        handover: Handover,
        note: &str,
    ) -> Result<crate::dossier::Acted, AppError> {
        let command = ansinh_core::dossier::Command::ReturnResult;
        let (scope, record) = self.actionable(principal, id, &command).await?;
        if handover == Handover::Electronic {
            let documents = self.repo.documents(&scope, &record.id).await?;
            if !documents.iter().any(|d| d.stage == DocumentStage::Issued) {
                return Err(AppError::invalid(
                    ansinh_core::ErrorCode::ResultNotElectronic,
                    "hồ sơ không có quyết định đã ký số và phát hành: hãy trả kết quả trực tiếp hoặc qua bưu chính",
                ));
            }
        }
        let mut details = serde_json::Map::new();
        details.insert("handover".to_owned(), handover.as_str().into());
        let extras = crate::dossier::ActExtras {
            details,
            ..Default::default()
        };
        self.dossiers
            .act_with(principal, record, command, note, extras)
            .await
    }

    /// The lookup code printed on the receipt, for an officer who may read the applicant's
    /// personal data at the dossier's unit (`None` otherwise).
    pub async fn lookup_code(
        &self,
        principal: &Principal,
        id: &DossierId,
    ) -> Result<Option<String>, AppError> {
        let (scope, record) = self.dossiers.readable(principal, id).await?;
        if !self
            .dossiers
            .may_read_persons(principal, &record.unit)
            .await
        {
            return Ok(None);
        }
        Ok(Some(self.lookup_code_of(&scope, &record.id)))
    }
}
