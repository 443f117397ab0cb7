//! The attachment aggregate's port and records: each file (or paper-only note) kept for a
//! component of a dossier, with where its copy came from and the object holding its bytes.

use ansinh_core::DossierId;
use ansinh_core::file::{FileKind, Provenance};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::AppError;
use crate::model::TenantScope;

/// The bytes of an attachment as the object store keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The name the file was handed in under (shown, never used as a path).
    pub name: String,
    /// Its kind, read from its bytes.
    pub kind: FileKind,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// The object's key: the tenant's prefix and 128 random bits.
    pub key: String,
}

/// One attachment of a dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRecord {
    /// Id (UUIDv7).
    pub id: String,
    /// The dossier.
    pub dossier: DossierId,
    /// The component's code in the dossier's procedure.
    pub component: String,
    /// Where the copy came from.
    pub provenance: Provenance,
    /// The file; `None` for a component kept on paper only.
    pub file: Option<StoredFile>,
    /// Account that added it.
    pub added_by: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// An upload as the gateway received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// File name as sent.
    pub name: String,
    /// Media type the sender declared, if any.
    pub declared_type: Option<String>,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Caps on what is handed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    /// Largest file, in bytes.
    pub max_file_bytes: u64,
    /// Most files per request and per component of a dossier.
    pub max_files: usize,
}

impl Default for FileLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: 20 * 1024 * 1024,
            max_files: 10,
        }
    }
}

/// Attachments of dossiers.
#[async_trait]
pub trait AttachmentRepo: Send + Sync + std::fmt::Debug {
    /// Stores new attachments (all or none).
    async fn add_attachments(
        &self,
        scope: &TenantScope,
        attachments: &[AttachmentRecord],
    ) -> Result<(), AppError>;

    /// A dossier's attachments that were not removed, oldest first.
    async fn attachments(
        &self,
        scope: &TenantScope,
        dossier: &DossierId,
    ) -> Result<Vec<AttachmentRecord>, AppError>;

    /// One attachment that was not removed.
    async fn attachment(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<AttachmentRecord>, AppError>;

    /// Marks an attachment removed (its bytes stay, for the record); `false` when it was not
    /// there.
    async fn remove_attachment(
        &self,
        scope: &TenantScope,
        id: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError>;

    /// Files held for a person (by ID number) in other dossiers of the tenant, newest first:
    /// the citizen's document store (kho dữ liệu) a component may be reused from.
    async fn files_of_person(
        &self,
        scope: &TenantScope,
        id_number: &str,
        except: &DossierId,
        limit: u64,
    ) -> Result<Vec<AttachmentRecord>, AppError>;
}

/// Who certifies a scanned copy: the reception officer and their unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certifier {
    /// Account id.
    pub account: String,
    /// Display name.
    pub name: String,
    /// The unit's People's Committee.
    pub organization: String,
}

/// Signs a PDF scanned at reception as its officer (Decision 1333/QĐ-BHXH): a visible
/// signature at the top left of page 1. `None` where the server holds no signing keys (the
/// scan is kept as it came).
pub trait ScanCertifier: Send + Sync + std::fmt::Debug {
    /// The certified copy of `pdf`, or `FILE_NOT_SIGNABLE` for a PDF that cannot take a
    /// signature (encrypted or broken).
    fn certify(
        &self,
        pdf: &[u8],
        officer: &Certifier,
        at: DateTime<Utc>,
    ) -> Result<Option<Vec<u8>>, AppError>;
}

/// Keeps scans as they came (no keys).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoCertifier;

impl ScanCertifier for NoCertifier {
    fn certify(
        &self,
        _pdf: &[u8],
        _officer: &Certifier,
        _at: DateTime<Utc>,
    ) -> Result<Option<Vec<u8>>, AppError> {
        Ok(None)
    }
}
