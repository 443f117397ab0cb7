//! Components handed in: files uploaded for a component (scanned at reception or received
//! electronically), a component kept on paper with its reason, a document reused from the
//! citizen's earlier dossiers, removal of a wrong file, and reading a file back. The bytes go
//! to the object store first and the rows after, so a store that is down leaves nothing in the
//! database.

use ansinh_config::model::Component;
use ansinh_core::file::{self, HeldComponent, Provenance};
use ansinh_core::{DossierId, ErrorCode};
use sha2::{Digest, Sha256};

use super::Dossiers;
use super::files::{AttachmentRecord, Certifier, StoredFile, Upload};
use super::ports::DossierRecord;
use crate::AppError;
use crate::identity::{AccessEntry, Principal};
use crate::model::TenantScope;

/// How a set of uploaded files reached the reception desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadOrigin {
    /// Scanned from the citizen's paper.
    Scanned,
    /// Sent as files by the citizen; `signed` when digitally signed.
    Electronic {
        /// Arrived digitally signed.
        signed: bool,
    },
}

/// Most documents listed from a person's earlier dossiers.
const REUSABLE_LIMIT: u64 = 50;

impl Dossiers {
    /// The components of a dossier's procedure, national then the province's, in the version
    /// the dossier is pinned to.
    pub async fn components_of(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<Vec<Component>, AppError> {
        let labels = self
            .dossier_labels(scope, std::slice::from_ref(record))
            .await?;
        let national = labels
            .catalogue
            .get(&record.procedure)
            .map(|p| p.components.clone())
            .unwrap_or_default();
        let province = labels
            .enabled_of(record)
            .map(|p| p.extra_components.clone())
            .unwrap_or_default();
        Ok(national.into_iter().chain(province).collect())
    }

    /// A dossier's attachments, as its reader may see them (`NOT_FOUND` outside their units;
    /// none for a reader who may not read the applicant's personal data).
    pub async fn attachments(
        &self,
        principal: &Principal,
        id: &DossierId,
    ) -> Result<Vec<AttachmentRecord>, AppError> {
        let (scope, record) = self.readable(principal, id).await?;
        if !self.may_read_persons(principal, &record.unit).await {
            return Ok(Vec::new());
        }
        self.files.attachments(&scope, id).await
    }

    /// One attachment, for a reader of its dossier who may read the applicant's personal
    /// data; `NOT_FOUND` otherwise.
    pub async fn attachment(
        &self,
        principal: &Principal,
        attachment: &str,
    ) -> Result<AttachmentRecord, AppError> {
        let (_, found) = self.stored_attachment(principal, attachment).await?;
        let not_found = || AppError::not_found("tệp đính kèm", attachment);
        let (_, record) = self
            .readable(principal, &found.dossier)
            .await
            .map_err(|_| not_found())?;
        if !self.may_read_persons(principal, &record.unit).await {
            return Err(not_found());
        }
        Ok(found)
    }

    /// Attaches uploaded files to a component of a dossier the principal holds.
    pub async fn attach_files(
        &self,
        principal: &Principal,
        id: &DossierId,
        component: &str,
        uploads: Vec<Upload>,
        origin: UploadOrigin,
    ) -> Result<Vec<AttachmentRecord>, AppError> {
        let (scope, record, component) = self.held_component(principal, id, component).await?;
        let limits = self.file_limits;
        let present = self
            .files
            .attachments(&scope, id)
            .await?
            .iter()
            .filter(|a| a.component == component.code && a.file.is_some())
            .count();
        if uploads.is_empty() || present + uploads.len() > limits.max_files {
            return Err(AppError::invalid(
                ErrorCode::TooManyFiles,
                format!(
                    "mỗi thành phần có từ 1 đến {} tệp (đã có {present}, gửi thêm {})",
                    limits.max_files,
                    uploads.len()
                ),
            ));
        }
        let provenance = match origin {
            UploadOrigin::Scanned => Provenance::Scanned,
            UploadOrigin::Electronic { signed } => Provenance::Electronic { signed },
        };
        let mut checked = Vec::with_capacity(uploads.len());
        for upload in uploads {
            let kind = file::check_upload(
                &upload.bytes,
                upload.declared_type.as_deref(),
                &component.accepts,
                limits.max_file_bytes,
            )?;
            checked.push((upload, kind));
        }
        let now = self.clock.now();
        let certifier = match provenance {
            Provenance::Scanned => Some(self.certifier_of(&scope, principal, &record).await?),
            _ => None,
        };
        let mut records = Vec::with_capacity(checked.len());
        for (mut upload, kind) in checked {
            if let (Some(officer), file::FileKind::Pdf) = (&certifier, kind)
                && let Some(certified) = self.certifier.certify(&upload.bytes, officer, now)?
            {
                upload.bytes = certified;
            }
            let stored = StoredFile {
                name: file_name(&upload.name, kind),
                kind,
                size: upload.bytes.len() as u64,
                sha256: hex(&Sha256::digest(&upload.bytes)),
                key: object_key(&scope),
            };
            self.blobs
                .put(&stored.key, upload.bytes, kind.media_type())
                .await?;
            records.push(self.new_attachment(
                principal,
                &record,
                &component,
                provenance.clone(),
                Some(stored),
                now,
            ));
        }
        self.files.add_attachments(&scope, &records).await?;
        Ok(records)
    }

    /// The reception officer as their signature on a scan names them.
    async fn certifier_of(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
    ) -> Result<Certifier, AppError> {
        let unit = self.reference.unit(scope, &record.unit).await?;
        Ok(Certifier {
            account: principal.account.0.clone(),
            name: principal.display_name.clone(),
            organization: unit.people_committee(),
        })
    }

    /// Records that a component is kept on paper only, with the reason.
    pub async fn keep_on_paper(
        &self,
        principal: &Principal,
        id: &DossierId,
        component: &str,
        reason: &str,
    ) -> Result<AttachmentRecord, AppError> {
        let reason = file::check_paper_reason(reason)?;
        let (scope, record, component) = self.held_component(principal, id, component).await?;
        let now = self.clock.now();
        let attachment = self.new_attachment(
            principal,
            &record,
            &component,
            Provenance::Paper { reason },
            None,
            now,
        );
        self.files
            .add_attachments(&scope, std::slice::from_ref(&attachment))
            .await?;
        Ok(attachment)
    }

    /// Files held for the dossier's applicant in their other dossiers of the province, which
    /// a component may reuse instead of a new copy.
    pub async fn reusable_files(
        &self,
        principal: &Principal,
        id: &DossierId,
    ) -> Result<Vec<AttachmentRecord>, AppError> {
        let (scope, record) = self.readable(principal, id).await?;
        let Some(id_number) = &record.applicant_id_number else {
            return Ok(Vec::new());
        };
        self.files
            .files_of_person(&scope, id_number.expose(), id, REUSABLE_LIMIT)
            .await
    }

    /// Reuses, for a component, a file already held for the same applicant.
    pub async fn reuse_file(
        &self,
        principal: &Principal,
        id: &DossierId,
        component: &str,
        source: &str,
    ) -> Result<AttachmentRecord, AppError> {
        let (scope, record, component) = self.held_component(principal, id, component).await?;
        let reusable = match &record.applicant_id_number {
            Some(id_number) => {
                self.files
                    .files_of_person(&scope, id_number.expose(), id, REUSABLE_LIMIT)
                    .await?
            }
            None => Vec::new(),
        };
        let original = reusable.into_iter().find(|a| a.id == source).ok_or_else(|| {
            AppError::invalid(
                ErrorCode::ReuseOtherPerson,
                "chỉ tái sử dụng được giấy tờ đã lưu của chính người nộp (cùng số định danh) trong tỉnh",
            )
        })?;
        let stored = original.file.clone();
        if let Some(stored) = &stored
            && !component.accepts.contains(&stored.kind)
        {
            return Err(AppError::invalid(
                ErrorCode::FileKindNotAccepted,
                format!("thành phần này không nhận tệp {}", stored.kind.label()),
            ));
        }
        let provenance = Provenance::Reused {
            source: original.id,
        };
        let attachment = self.new_attachment(
            principal,
            &record,
            &component,
            provenance,
            stored,
            self.clock.now(),
        );
        self.files
            .add_attachments(&scope, std::slice::from_ref(&attachment))
            .await?;
        Ok(attachment)
    }

    /// Removes an attachment added by mistake (the holder only, while the dossier is open).
    pub async fn remove_attachment(
        &self,
        principal: &Principal,
        attachment: &str,
    ) -> Result<AttachmentRecord, AppError> {
        let (scope, found) = self.stored_attachment(principal, attachment).await?;
        let not_found = || AppError::not_found("tệp đính kèm", attachment);
        self.held_component(principal, &found.dossier, &found.component)
            .await
            .map_err(|e| match e {
                AppError::NotFound { .. } => not_found(),
                other => other,
            })?;
        let now = self.clock.now();
        if !self
            .files
            .remove_attachment(&scope, attachment, &principal.account.0, now)
            .await?
        {
            return Err(not_found());
        }
        Ok(found)
    }

    /// An attachment and its bytes, for a reader of its dossier; `NOT_FOUND` otherwise (and
    /// for a component kept on paper).
    pub async fn attachment_file(
        &self,
        principal: &Principal,
        attachment: &str,
    ) -> Result<(AttachmentRecord, Vec<u8>), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let not_found = || AppError::not_found("tệp đính kèm", attachment);
        let found = self.attachment(principal, attachment).await?;
        let key = found
            .file
            .as_ref()
            .map(|f| f.key.clone())
            .ok_or_else(not_found)?;
        let bytes = self.blobs.get(&key).await?.ok_or_else(not_found)?;
        let entry = AccessEntry {
            account: principal.account.clone(),
            subject_type: "dossier".to_owned(),
            subject_id: found.dossier.to_string(),
            fields: vec![format!("attachments.{}", found.id)],
            purpose: "attachment".to_owned(),
            at: self.clock.now(),
        };
        self.access_log.log_access(&scope, &entry).await?;
        Ok((found, bytes))
    }

    /// Refuses a supplement request that names a component received digitally signed.
    pub(crate) async fn refuse_signed_on_paper(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        missing: &[String],
    ) -> Result<(), AppError> {
        let attachments = self.files.attachments(scope, &record.id).await?;
        if !attachments.iter().any(|a| a.provenance.arrived_signed()) {
            return Ok(());
        }
        let components = self.components_of(scope, record).await?;
        let held: Vec<HeldComponent<'_>> = components
            .iter()
            .map(|c| HeldComponent {
                code: &c.code,
                name: &c.name,
                arrived_signed: attachments
                    .iter()
                    .any(|a| a.component == c.code && a.provenance.arrived_signed()),
            })
            .collect();
        file::check_supplement(missing, &held)?;
        Ok(())
    }

    /// The dossier and the named component of its procedure, when the principal holds the
    /// dossier (or deputises for its holder) and it is still open.
    async fn held_component(
        &self,
        principal: &Principal,
        id: &DossierId,
        component: &str,
    ) -> Result<(TenantScope, DossierRecord, Component), AppError> {
        let (scope, record) = self.readable(principal, id).await?;
        if record.state.status.is_terminal() {
            return Err(flow(
                ErrorCode::DossierClosed,
                "hồ sơ đã kết thúc; không thêm hay bớt thành phần được nữa",
            ));
        }
        let (_, workflow, _) = self.pinned_workflow(&scope, &record).await?;
        let actor = self
            .actor_for(&scope, principal, &record, &workflow)
            .await?;
        let holds = record.state.holder.as_deref() == Some(actor.account.as_str())
            || actor.acting_for.is_some();
        if !holds {
            return Err(flow(
                ErrorCode::NotHolder,
                "chỉ cán bộ đang giữ hồ sơ được thêm hay bớt thành phần hồ sơ",
            ));
        }
        let components = self.components_of(&scope, &record).await?;
        let found = components
            .into_iter()
            .find(|c| c.code == component)
            .ok_or_else(|| {
                AppError::invalid_field(
                    ErrorCode::UnknownComponent,
                    "component",
                    format!(
                        "thủ tục {} không có thành phần \"{component}\"",
                        record.procedure
                    ),
                )
            })?;
        Ok((scope, record, found))
    }

    /// An attachment of the principal's tenant that was not removed; `NOT_FOUND` otherwise.
    async fn stored_attachment(
        &self,
        principal: &Principal,
        attachment: &str,
    ) -> Result<(TenantScope, AttachmentRecord), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let found = self.files.attachment(&scope, attachment).await?;
        let found = found.ok_or_else(|| AppError::not_found("tệp đính kèm", attachment))?;
        Ok((scope, found))
    }

    fn new_attachment(
        &self,
        principal: &Principal,
        record: &DossierRecord,
        component: &Component,
        provenance: Provenance,
        file: Option<StoredFile>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> AttachmentRecord {
        AttachmentRecord {
            id: uuid::Uuid::now_v7().to_string(),
            dossier: record.id.clone(),
            component: component.code.clone(),
            provenance,
            file,
            added_by: principal.account.0.clone(),
            added_at: at,
        }
    }
}

/// A fresh object key: the tenant's prefix and 128 random bits, so that a key says nothing
/// about the dossier and cannot be guessed.
pub(crate) fn object_key(scope: &TenantScope) -> String {
    format!(
        "tenants/{}/files/{}",
        scope.tenant().as_str(),
        uuid::Uuid::new_v4().simple()
    )
}

/// The name shown for a file: what it was sent as, without any folder, control character or
/// overlong tail; a name-less file gets one from its kind.
fn file_name(sent: &str, kind: file::FileKind) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control() && ansinh_core::text::first_forbidden(&c.to_string(), false).is_none()
        })
        .take(200)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        format!("tep.{}", kind.label().to_lowercase())
    } else {
        cleaned.to_owned()
    }
}

fn flow(code: ErrorCode, message: &str) -> AppError {
    AppError::Domain(ansinh_core::DomainError::Flow {
        code,
        message: message.to_owned(),
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::file_name;
    use ansinh_core::file::FileKind;

    #[test]
    fn file_names_lose_folders_and_control_characters() {
        assert_eq!(
            file_name("C:\\scan\\to-khai.pdf", FileKind::Pdf),
            "to-khai.pdf"
        );
        assert_eq!(file_name("../../etc/passwd", FileKind::Pdf), "passwd");
        assert_eq!(file_name("a\u{202e}fdp.exe", FileKind::Pdf), "afdp.exe");
        assert_eq!(file_name("", FileKind::Png), "tep.png");
    }
}
