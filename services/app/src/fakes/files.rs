//! In-memory attachments and object store; the store can be switched off to play an
//! unreachable S3.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ansinh_core::DossierId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::AppError;
use crate::dossier::{AttachmentRecord, AttachmentRepo};
use crate::model::TenantScope;
use crate::ports::BlobStore;

/// Attachments by (tenant, id), with their removal.
#[derive(Debug, Default)]
pub(crate) struct FakeAttachments {
    rows: Mutex<BTreeMap<(String, String), (AttachmentRecord, bool)>>,
    /// Applicant ID numbers by dossier id, as the dossier store would join them.
    pub(crate) people: Mutex<BTreeMap<String, String>>,
}

impl FakeAttachments {
    fn live(&self, scope: &TenantScope) -> Vec<AttachmentRecord> {
        let rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        rows.iter()
            .filter(|((tenant, _), (_, removed))| tenant == scope.tenant().as_str() && !removed)
            .map(|(_, (record, _))| record.clone())
            .collect()
    }
}

#[async_trait]
impl AttachmentRepo for FakeAttachments {
    async fn add_attachments(
        &self,
        scope: &TenantScope,
        attachments: &[AttachmentRecord],
    ) -> Result<(), AppError> {
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        for attachment in attachments {
            let key = (scope.tenant().as_str().to_owned(), attachment.id.clone());
            rows.insert(key, (attachment.clone(), false));
        }
        Ok(())
    }

    async fn attachments(
        &self,
        scope: &TenantScope,
        dossier: &DossierId,
    ) -> Result<Vec<AttachmentRecord>, AppError> {
        Ok(self
            .live(scope)
            .into_iter()
            .filter(|a| &a.dossier == dossier)
            .collect())
    }

    async fn attachment(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<AttachmentRecord>, AppError> {
        Ok(self.live(scope).into_iter().find(|a| a.id == id))
    }

    async fn remove_attachment(
        &self,
        scope: &TenantScope,
        id: &str,
        _by: &str,
        _at: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        let key = (scope.tenant().as_str().to_owned(), id.to_owned());
        Ok(match rows.get_mut(&key) {
            Some((_, removed)) if !*removed => {
                *removed = true;
                true
            }
            _ => false,
        })
    }

    async fn files_of_person(
        &self,
        scope: &TenantScope,
        id_number: &str,
        except: &DossierId,
        limit: u64,
    ) -> Result<Vec<AttachmentRecord>, AppError> {
        let people = self
            .people
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let mut found: Vec<AttachmentRecord> = self
            .live(scope)
            .into_iter()
            .filter(|a| {
                &a.dossier != except
                    && a.file.is_some()
                    && people.get(a.dossier.as_str()).map(String::as_str) == Some(id_number)
            })
            .collect();
        found.reverse();
        found.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok(found)
    }
}

/// Objects by key; `down` makes every call fail as an unreachable store would.
#[derive(Debug, Default)]
pub(crate) struct FakeBlobs {
    objects: Mutex<BTreeMap<String, Vec<u8>>>,
    pub(crate) down: AtomicBool,
}

impl FakeBlobs {
    fn check(&self) -> Result<(), AppError> {
        if self.down.load(Ordering::Acquire) {
            return Err(AppError::StorageUnavailable("fake store down".to_owned()));
        }
        Ok(())
    }

    /// How many objects are stored.
    pub(crate) fn count(&self) -> usize {
        self.objects.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

#[async_trait]
impl BlobStore for FakeBlobs {
    async fn put(&self, key: &str, bytes: Vec<u8>, _media_type: &str) -> Result<(), AppError> {
        self.check()?;
        let mut objects = self.objects.lock().unwrap_or_else(|e| e.into_inner());
        objects.insert(key.to_owned(), bytes);
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AppError> {
        self.check()?;
        let objects = self.objects.lock().unwrap_or_else(|e| e.into_inner());
        Ok(objects.get(key).cloned())
    }
}

/// A renderer that writes the filled fields as text lines instead of a PDF, so tests read
/// what a decision was filled with.
#[derive(Debug)]
pub(crate) struct FieldsAsText;

impl crate::documents::DocumentRenderer for FieldsAsText {
    fn render(
        &self,
        template: &str,
        fields: &BTreeMap<String, String>,
        _title: &str,
        slots: &[(&str, usize)],
    ) -> Result<crate::documents::RenderedDocument, AppError> {
        let text: String = fields.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        let missing = template
            .split("{{")
            .skip(1)
            .filter_map(|rest| rest.split("}}").next())
            .map(|name| name.split('|').next().unwrap_or_default().trim().to_owned())
            .filter(|name| !fields.contains_key(name))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let place = |i: usize| crate::documents::Place {
            page: 0,
            rect: [100.0 + 40.0 * i as f32, 700.0, 30.0, 16.0],
        };
        let mut placed: Vec<_> = slots
            .iter()
            .enumerate()
            .map(|(i, (name, _))| crate::documents::SlotPlace {
                name: (*name).to_owned(),
                place: place(i),
                size: 13.0,
                italic: false,
            })
            .collect();
        placed.push(crate::documents::SlotPlace {
            name: "signature".to_owned(),
            place: crate::documents::Place {
                page: 0,
                rect: [300.0, 100.0, 200.0, 56.0],
            },
            size: 13.0,
            italic: false,
        });
        Ok(crate::documents::RenderedDocument {
            pdf: text.into_bytes(),
            missing,
            pages: 1,
            slots: placed,
        })
    }
}

use crate::dossier::hex;

fn digest_of(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// Revisions as text lines appended to the file; a "CMS" is `cms:<signer>:<digest hex>`.
#[derive(Debug, Default)]
pub(crate) struct TextSigning;

impl crate::documents::PdfSigning for TextSigning {
    fn prepare(
        &self,
        pdf: &[u8],
        request: &crate::documents::SignatureRequest,
    ) -> Result<crate::documents::PreparedPdf, AppError> {
        let mut pdf = pdf.to_vec();
        let fills: Vec<String> = request
            .fills
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        pdf.extend(format!("\n%revision {} {}\n", request.field, fills.join(",")).into_bytes());
        Ok(crate::documents::PreparedPdf {
            digest: digest_of(&pdf),
            pdf,
        })
    }

    fn embed(
        &self,
        prepared: &[u8],
        cms: &[u8],
        _at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(Vec<u8>, crate::documents::SignedBy), AppError> {
        let text = String::from_utf8_lossy(cms);
        let mut parts = text.splitn(3, ':');
        let (Some("cms"), Some(signer), Some(digest)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(AppError::invalid(
                ansinh_core::ErrorCode::SignatureInvalid,
                "not a CMS",
            ));
        };
        if digest != hex(&digest_of(prepared)) {
            return Err(AppError::invalid(
                ansinh_core::ErrorCode::SignatureInvalid,
                "other digest",
            ));
        }
        let mut pdf = prepared.to_vec();
        pdf.extend(format!("%signed by {signer}\n").into_bytes());
        Ok((
            pdf,
            crate::documents::SignedBy {
                common_name: signer.to_owned(),
                organization: None,
                fingerprint: hex(&digest_of(signer.as_bytes())),
            },
        ))
    }

    fn field_place(&self, pdf: &[u8], field: &str) -> Option<crate::documents::Place> {
        let marker = format!("%revision {field} ");
        String::from_utf8_lossy(pdf)
            .contains(&marker)
            .then_some(crate::documents::Place {
                page: 0,
                rect: [300.0, 100.0, 170.0, 52.0],
            })
    }

    fn trust_anchors(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Signs as `cms:<common name>:<digest hex>`.
#[derive(Debug, Default)]
pub(crate) struct TextSigner;

impl crate::documents::SoftwareSigner for TextSigner {
    fn sign(
        &self,
        subject: &crate::documents::SigningSubject,
        digest: &[u8; 32],
    ) -> Result<Vec<u8>, AppError> {
        Ok(format!("cms:{}:{}", subject.common_name, hex(digest)).into_bytes())
    }
}
