//! The leader's signature on a decision: the province's template for the dossier laid out with
//! room for the number and date (stamped at issue) and for the signature, a revision prepared
//! on it, signed by the server's software keys or by the officer's token (the remote hand-off:
//! the digest goes out with `prepare_signature`, the CMS comes back with `sign`), verified,
//! kept as a new document revision in the same transaction as the dossier's sign action.

use ansinh_config::model::TemplateKind;
use ansinh_core::dossier::Command;
use ansinh_core::{Action, DossierId, ErrorCode, Resource, text};
use chrono::{DateTime, Duration, Utc};

use super::Documents;
use super::draft::no_template;
use super::signing::{
    DocumentRecord, DocumentStage, Place, PreparedPdf, SignatureRecord, SignatureRequest, SignedBy,
    SigningSubject, SlotPlace,
};
use crate::AppError;
use crate::dossier::{ActExtras, Acted, DossierRecord, hex};
use crate::identity::Principal;
use crate::model::TenantScope;

/// The template kind of decisions, as document rows name it.
pub(crate) const DECISION: &str = "decision";
/// The leader's signature field.
pub(crate) const LEADER_FIELD: &str = "lanh_dao";
/// The fields the clerk stamps at issue, with their room in digits.
pub(crate) const STAMPED: [(&str, usize); 4] =
    [("so_quyet_dinh", 4), ("ngay", 2), ("thang", 2), ("nam", 4)];
/// How long a prepared signature waits for the officer's token.
const HAND_OFF_TTL: Duration = Duration::minutes(15);
/// Widest signature box, in points.
const SIGNATURE_WIDTH: f32 = 170.0;

/// What an officer's signing tool is given: sign `digest` (SHA-256, PAdES B-B detached CMS)
/// and send the CMS back with `request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningHandOff {
    /// The prepared revision's id.
    pub request: String,
    /// What the token signs.
    pub digest: [u8; 32],
    /// Until when the CMS is accepted.
    pub expires_at: DateTime<Utc>,
}

/// "02/12/2026 10:15" in Vietnam's time.
pub(crate) fn shown_time(at: DateTime<Utc>) -> String {
    ansinh_core::calendar::local::to_local(&at)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

impl Documents {
    /// The dossier as the principal may apply `command` to it now (read, act at its unit, and
    /// the state machine agrees).
    pub(crate) async fn actionable(
        &self,
        principal: &Principal,
        id: &DossierId,
        command: &Command,
    ) -> Result<(TenantScope, DossierRecord), AppError> {
        let (scope, record) = self.at_its_unit(principal, id).await?;
        self.dossiers.permits(principal, &record, command).await?;
        Ok((scope, record))
    }

    /// The dossier as the principal may read it and act at its unit.
    pub(crate) async fn at_its_unit(
        &self,
        principal: &Principal,
        id: &DossierId,
    ) -> Result<(TenantScope, DossierRecord), AppError> {
        let (scope, record) = self.dossiers.readable(principal, id).await?;
        self.dossiers
            .access
            .require(
                principal,
                Resource::Dossier,
                Action::Transition,
                &record.unit,
            )
            .await?;
        Ok((scope, record))
    }

    /// Prepares the decision for the officer's token: the digest to sign, valid 15 minutes.
    /// `NO_TEMPLATE` when the procedure has no decision template.
    pub async fn prepare_signature(
        &self,
        principal: &Principal,
        id: &DossierId,
        command: &Command,
    ) -> Result<SigningHandOff, AppError> {
        let (scope, record) = self.actionable(principal, id, command).await?;
        let prepared = self
            .leader_revision(&scope, principal, &record)
            .await?
            .ok_or_else(|| no_template(TemplateKind::Decision, &record.procedure))?;
        let now = self.clock.now();
        let kept = self
            .kept(
                &scope,
                principal,
                &record,
                DocumentStage::Prepared,
                prepared.pdf,
            )
            .await?;
        let kept = DocumentRecord {
            digest: Some(hex(&prepared.digest)),
            ..kept
        };
        self.repo.insert_document(&scope, &kept).await?;
        Ok(SigningHandOff {
            request: kept.id,
            digest: prepared.digest,
            expires_at: now + HAND_OFF_TTL,
        })
    }

    /// The leader signs: the decision signed (by the token's CMS for `remote`'s request, else
    /// by the server's keys) and kept with the dossier's sign action. A procedure without a
    /// decision template is signed without a document, as before documents existed.
    pub async fn sign(
        &self,
        principal: &Principal,
        id: &DossierId,
        command: Command,
        note: &str,
        remote: Option<(String, Vec<u8>)>,
    ) -> Result<Acted, AppError> {
        let (scope, record) = self.actionable(principal, id, &command).await?;
        let now = self.clock.now();
        let signed = match remote {
            Some((request, cms)) => Some(
                self.remote_signed(&scope, principal, &record, &request, &cms)
                    .await?,
            ),
            None => match self.leader_revision(&scope, principal, &record).await? {
                Some(prepared) => {
                    let subject = self.officer_subject(&scope, principal, &record).await?;
                    Some(self.software_signed(&subject, &prepared)?)
                }
                None => None,
            },
        };
        let document = match signed {
            Some((pdf, by)) => {
                let kept = self
                    .kept(&scope, principal, &record, DocumentStage::Signed, pdf)
                    .await?;
                Some(DocumentRecord {
                    signatures: vec![signature_record(LEADER_FIELD, &by, now, false)],
                    ..kept
                })
            }
            None => None,
        };
        let extras = ActExtras {
            document,
            ..ActExtras::default()
        };
        self.dossiers
            .act_with(principal, record, command, note, extras)
            .await
    }

    /// The decision laid out with its slots and a revision prepared for the leader's signature;
    /// `None` without a decision template.
    async fn leader_revision(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
    ) -> Result<Option<PreparedPdf>, AppError> {
        let Some(mut filled) = self
            .filled(scope, principal, record, TemplateKind::Decision)
            .await?
        else {
            return Ok(None);
        };
        let name = self.officer_name(scope, principal).await?;
        filled.fields.insert("nguoi_ky".to_owned(), name.clone());
        let rendered = self.renderer.render(
            &filled.text,
            &filled.fields,
            &filled.template_name,
            &STAMPED,
        )?;
        let slot = |wanted: &str| rendered.slots.iter().find(|s| s.name == wanted);
        let room = slot("signature").ok_or_else(|| {
            AppError::invalid(
                ErrorCode::TemplateInvalid,
                "mẫu quyết định thiếu chỗ ký: thêm ô «(Ký, ghi rõ họ tên)» hoặc «(Ký, đóng dấu)» \
                 vào khối chữ ký",
            )
        })?;
        let now = self.clock.now();
        let unit = self.reference.unit(scope, &record.unit).await?;
        let request = SignatureRequest {
            field: LEADER_FIELD.to_owned(),
            place: signature_box(room.place),
            lines: vec![name.clone(), format!("Đã ký số {}", shown_time(now))],
            seal: false,
            signer_name: name,
            reason: "Ký duyệt quyết định".to_owned(),
            location: unit.full_name.clone(),
            signed_at: now,
            new_fields: STAMPED
                .iter()
                .filter_map(|(field, _)| slot(field).cloned())
                .collect::<Vec<SlotPlace>>(),
            fills: Vec::new(),
        };
        self.signing.prepare(&rendered.pdf, &request).map(Some)
    }

    /// The prepared file signed by the server's keys.
    pub(crate) fn software_signed(
        &self,
        subject: &SigningSubject,
        prepared: &PreparedPdf,
    ) -> Result<(Vec<u8>, SignedBy), AppError> {
        let signer = self.software.as_ref().ok_or_else(|| {
            AppError::invalid(
                ErrorCode::SoftwareSigningDisabled,
                "máy chủ không giữ khóa ký: hãy ký bằng thiết bị ký số (chuẩn bị ký rồi gửi chữ ký)",
            )
        })?;
        let cms = signer.sign(subject, &prepared.digest)?;
        self.signing.embed(&prepared.pdf, &cms, self.clock.now())
    }

    /// The CMS the officer's token made for a prepared request, checked and embedded.
    async fn remote_signed(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
        request: &str,
        cms: &[u8],
    ) -> Result<(Vec<u8>, SignedBy), AppError> {
        let unknown = || {
            AppError::invalid(
                ErrorCode::SigningRequestUnknown,
                "yêu cầu ký không tồn tại, đã dùng, đã quá 15 phút hoặc của người khác: hãy chuẩn bị ký lại",
            )
        };
        let prepared = self
            .repo
            .document(scope, request)
            .await?
            .filter(|d| d.dossier == record.id && d.stage == DocumentStage::Prepared)
            .filter(|d| d.created_by == principal.account.0)
            .filter(|d| d.created_at + HAND_OFF_TTL > self.clock.now())
            .ok_or_else(unknown)?;
        let later = self.repo.documents(scope, &record.id).await?;
        if later.iter().any(|d| d.created_at > prepared.created_at) {
            return Err(unknown());
        }
        let pdf = self
            .dossiers
            .blobs
            .get(&prepared.key)
            .await?
            .ok_or_else(unknown)?;
        let (signed, by) = self.signing.embed(&pdf, cms, self.clock.now())?;
        let name = self.officer_name(scope, principal).await?;
        if text::fold(&by.common_name) != text::fold(&name) {
            return Err(AppError::invalid(
                ErrorCode::SignerMismatch,
                format!(
                    "chứng thư số cấp cho «{}», không phải cho {name}: hãy ký bằng thiết bị của chính mình",
                    by.common_name
                ),
            ));
        }
        Ok((signed, by))
    }

    /// The officer's display name.
    pub(crate) async fn officer_name(
        &self,
        scope: &TenantScope,
        principal: &Principal,
    ) -> Result<String, AppError> {
        let account = principal.account.0.clone();
        let names = self
            .dossiers
            .officer_names(scope, std::slice::from_ref(&account))
            .await?;
        Ok(names.get(&account).cloned().unwrap_or(account))
    }

    /// The officer as the server's keys sign for them.
    async fn officer_subject(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
    ) -> Result<SigningSubject, AppError> {
        let unit = self.reference.unit(scope, &record.unit).await?;
        Ok(SigningSubject {
            id: principal.account.0.clone(),
            common_name: self.officer_name(scope, principal).await?,
            organization: unit.people_committee(),
        })
    }

    /// A new revision's row, its bytes written to the object store first.
    pub(crate) async fn kept(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
        stage: DocumentStage,
        pdf: Vec<u8>,
    ) -> Result<DocumentRecord, AppError> {
        use sha2::Digest;
        let key = crate::dossier::object_key(scope);
        let size = pdf.len() as u64;
        let sha256 = hex(&sha2::Sha256::digest(&pdf));
        self.dossiers
            .blobs
            .put(&key, pdf, "application/pdf")
            .await?;
        Ok(DocumentRecord {
            id: uuid::Uuid::now_v7().to_string(),
            dossier: record.id.clone(),
            kind: DECISION.to_owned(),
            stage,
            key,
            size,
            sha256,
            digest: None,
            signatures: Vec::new(),
            reason: None,
            created_by: principal.account.0.clone(),
            created_at: self.clock.now(),
        })
    }
}

/// The record of a verified signature.
pub(crate) fn signature_record(
    field: &str,
    by: &SignedBy,
    at: DateTime<Utc>,
    seal: bool,
) -> SignatureRecord {
    SignatureRecord {
        field: field.to_owned(),
        signer: by.common_name.clone(),
        organization: by.organization.clone(),
        signed_at: at,
        fingerprint: by.fingerprint.clone(),
        seal,
    }
}

/// The leader's box: centred in the room below "(Ký, …)", no wider than `SIGNATURE_WIDTH`.
fn signature_box(room: Place) -> Place {
    let [x, y, width, height] = room.rect;
    let boxed = width.min(SIGNATURE_WIDTH);
    Place {
        page: room.page,
        rect: [x + (width - boxed) / 2.0, y + 2.0, boxed, height - 4.0],
    }
}
