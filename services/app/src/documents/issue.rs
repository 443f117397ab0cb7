//! The clerk's issue (ký phát hành): the leader's signed decision given the issuing body's
//! next number of the year and the date in its fields, and the agency's seal as a second
//! revision; the number is the one the issue transaction takes (when another issue took it
//! first, the revision is made again with the next), so the PDF and the register agree. A
//! re-issue adds a revision with the seal signed again and its reason; none is overwritten.

use ansinh_config::model::TemplateKind;
use ansinh_core::dossier::Command;
use ansinh_core::text::TextRule;
use ansinh_core::{DossierId, ErrorCode, Role, UnitId};

use super::Documents;
use super::sign::{LEADER_FIELD, shown_time, signature_record};
use super::signing::{DocumentRecord, DocumentStage, Place, SignatureRequest, SigningSubject};
use crate::AppError;
use crate::dossier::{ActExtras, Acted, DossierRecord};
use crate::identity::Principal;
use crate::model::TenantScope;

/// The seal's signature field.
const SEAL_FIELD: &str = "con_dau";
/// The seal's box, in points; it covers about a third of the leader's signature on the left
/// (Decree 30/2020, Appendix I, on placing the seal).
const SEAL_WIDTH: f32 = 120.0;
/// Tries at a number another issue may take first.
const ATTEMPTS: usize = 3;

impl Documents {
    /// The clerk issues the decision: numbered, dated, sealed, kept with the dossier's issue
    /// action. `DECISION_NOT_SIGNED` when the procedure has a decision template but no
    /// signed decision; a procedure without one is issued with its number only.
    pub async fn issue(
        &self,
        principal: &Principal,
        id: &DossierId,
        command: Command,
        note: &str,
    ) -> Result<Acted, AppError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (scope, record) = self.actionable(principal, id, &command).await?;
            let Some((document, number)) = self.issued_revision(&scope, principal, &record).await?
            else {
                return self
                    .dossiers
                    .act_with(principal, record, command, note, ActExtras::default())
                    .await;
            };
            let extras = ActExtras {
                document: Some(document),
                expected_number: Some(number),
                ..ActExtras::default()
            };
            match self
                .dossiers
                .act_with(principal, record, command.clone(), note, extras)
                .await
            {
                Err(AppError::Conflict) if attempt < ATTEMPTS => continue,
                other => return other,
            }
        }
    }

    /// The issued revision with the number it carries; `None` for a procedure without a
    /// decision template.
    async fn issued_revision(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
    ) -> Result<Option<(DocumentRecord, u32)>, AppError> {
        let (pinned, workflow, _) = self.dossiers.pinned_workflow(scope, record).await?;
        let documents = self.repo.documents(scope, &record.id).await?;
        let signed = documents
            .iter()
            .rev()
            .find(|d| d.stage == DocumentStage::Signed);
        let signed = match signed {
            Some(signed) => signed,
            None if pinned
                .config
                .template_for(TemplateKind::Decision, &record.procedure)
                .is_none() =>
            {
                return Ok(None);
            }
            None => {
                return Err(AppError::invalid(
                    ErrorCode::DecisionNotSigned,
                    "quyết định chưa có chữ ký số của lãnh đạo: hồ sơ cần được lãnh đạo ký trước khi phát hành",
                ));
            }
        };
        let today = ansinh_core::calendar::local::local_day(&self.clock.now());
        let request = self
            .dossiers
            .decision_request(scope, &pinned, record, &workflow, today)
            .await?;
        let number = self
            .dossiers
            .repo
            .peek_decision_number(scope, &request.issuer, request.year)
            .await?;
        let pdf =
            self.dossiers.blobs.get(&signed.key).await?.ok_or_else(|| {
                AppError::Internal(format!("signed decision {} missing", signed.id))
            })?;
        let issuer = self
            .reference
            .unit(
                scope,
                &UnitId::parse(&request.issuer).map_err(|e| AppError::Internal(e.to_string()))?,
            )
            .await?;
        let agency = issuer.people_committee();
        let now = self.clock.now();
        let [day, month, year] = ansinh_core::letter::date_parts(today);
        let leader = self
            .signing
            .field_place(&pdf, LEADER_FIELD)
            .ok_or_else(|| {
                AppError::Internal(format!("decision {} has no leader field", signed.id))
            })?;
        let seal = SignatureRequest {
            field: SEAL_FIELD.to_owned(),
            place: seal_box(leader),
            lines: vec![
                agency.to_uppercase(),
                format!("Phát hành {}", shown_time(now)),
            ],
            seal: true,
            signer_name: agency.clone(),
            reason: format!("Phát hành văn bản số {number}/{}", request.symbol),
            location: issuer.full_name.clone(),
            signed_at: now,
            new_fields: Vec::new(),
            fills: vec![
                ("so_quyet_dinh".to_owned(), number.to_string()),
                ("ngay".to_owned(), day),
                ("thang".to_owned(), month),
                ("nam".to_owned(), year),
            ],
        };
        let prepared = self.signing.prepare(&pdf, &seal)?;
        let subject = SigningSubject {
            id: issuer.id.to_string(),
            common_name: agency.clone(),
            organization: agency,
        };
        let (issued, by) = self.software_signed(&subject, &prepared)?;
        let kept = self
            .kept(scope, principal, record, DocumentStage::Issued, issued)
            .await?;
        let mut signatures = signed.signatures.clone();
        signatures.push(signature_record(SEAL_FIELD, &by, now, true));
        Ok(Some((DocumentRecord { signatures, ..kept }, number)))
    }
}

/// The seal's box: level with the leader's, its right third over the signature's left third.
fn seal_box(leader: Place) -> Place {
    let [x, y, _, height] = leader.rect;
    Place {
        page: leader.page,
        rect: [
            (x - SEAL_WIDTH * 2.0 / 3.0).max(20.0),
            y,
            SEAL_WIDTH,
            height,
        ],
    }
}

impl Documents {
    /// Re-issues the dossier's decision (e.g. after the agency's certificate was replaced): a
    /// new revision over the issued one with the agency's seal signed again and `reason` in
    /// the signature, kept beside the earlier revisions, which never change. For a clerk who
    /// may act at the dossier's unit; `DECISION_NOT_ISSUED` before the first issue.
    pub async fn reissue(
        &self,
        principal: &Principal,
        id: &DossierId,
        reason: &str,
    ) -> Result<DocumentRecord, AppError> {
        let reason =
            crate::input::text("reason", "lý do phát hành lại", reason, TextRule::PARAGRAPH)?;
        if reason.is_empty() {
            return Err(AppError::invalid_field(
                ErrorCode::ReasonRequired,
                "reason",
                "hãy ghi lý do phát hành lại",
            ));
        }
        let (scope, record) = self.at_its_unit(principal, id).await?;
        if !principal
            .grants
            .iter()
            .any(|g| matches!(g.role, Role::CommuneClerk | Role::DistrictClerk))
        {
            return Err(AppError::Forbidden(
                "chỉ văn thư phát hành lại quyết định".to_owned(),
            ));
        }
        let documents = self.repo.documents(&scope, &record.id).await?;
        let issued = documents
            .iter()
            .rev()
            .find(|d| d.stage == DocumentStage::Issued)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::DecisionNotIssued,
                    "quyết định chưa được phát hành lần nào: hãy ký phát hành trước",
                )
            })?;
        let pdf =
            self.dossiers.blobs.get(&issued.key).await?.ok_or_else(|| {
                AppError::Internal(format!("issued decision {} missing", issued.id))
            })?;
        let seals = issued.signatures.iter().filter(|s| s.seal).count();
        let place = self
            .signing
            .field_place(&pdf, SEAL_FIELD)
            .ok_or_else(|| AppError::Internal(format!("decision {} has no seal", issued.id)))?;
        let unit = self.reference.unit(&scope, &record.unit).await?;
        let agency = issued
            .signatures
            .iter()
            .rev()
            .find(|s| s.seal)
            .map(|s| s.signer.clone())
            .unwrap_or_else(|| unit.people_committee());
        let now = self.clock.now();
        let field = format!("{SEAL_FIELD}_{}", seals + 1);
        let request = SignatureRequest {
            field: field.clone(),
            place,
            lines: vec![
                agency.to_uppercase(),
                format!("Phát hành lại {}", shown_time(now)),
            ],
            seal: true,
            signer_name: agency.clone(),
            reason: format!("Phát hành lại: {reason}"),
            location: unit.full_name.clone(),
            signed_at: now,
            new_fields: Vec::new(),
            fills: Vec::new(),
        };
        let prepared = self.signing.prepare(&pdf, &request)?;
        let subject = SigningSubject {
            id: unit.id.to_string(),
            common_name: agency.clone(),
            organization: agency,
        };
        let (reissued, by) = self.software_signed(&subject, &prepared)?;
        let kept = self
            .kept(&scope, principal, &record, DocumentStage::Issued, reissued)
            .await?;
        let mut signatures = issued.signatures.clone();
        signatures.push(signature_record(&field, &by, now, true));
        let kept = DocumentRecord {
            signatures,
            reason: Some(reason),
            ..kept
        };
        self.repo.insert_document(&scope, &kept).await?;
        Ok(kept)
    }
}
