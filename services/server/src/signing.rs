//! Signing: the app's PDF-signing port on `ansinh-documents` (PAdES B-B revisions, CMS checked
//! against the trusted authorities), the software signer when the server holds keys (the demo
//! and the tests), and `[signing]` settings.

use std::path::PathBuf;
use std::sync::Arc;

use ansinh_app::AppError;
use ansinh_app::documents::{
    PdfSigning, Place, PreparedPdf, SignatureRequest, SignedBy, SigningSubject, SoftwareSigner,
};
use ansinh_app::dossier::{Certifier, NoCertifier, ScanCertifier};
use ansinh_core::ErrorCode;
use ansinh_documents::{self as documents, SignError};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::settings::SettingsError;

/// The signing port, the software signer when the server holds keys, and the certifier of
/// scans (which needs those keys).
type Signers = (
    Arc<dyn PdfSigning>,
    Option<Arc<dyn SoftwareSigner>>,
    Arc<dyn ScanCertifier>,
);

/// `[signing]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigningSettings {
    /// Whether the server signs with keys of its own (a certification authority made at start
    /// and a certificate per officer and agency): the demo's and the tests' way. Production
    /// leaves it off and officers sign with their tokens.
    pub software_keys: bool,
    /// PEM files of the authorities whose certificates are trusted (e.g. the national root
    /// of Vietnam's government CA), besides the software authority.
    #[serde(default)]
    pub trust_anchors: Vec<PathBuf>,
}

impl SigningSettings {
    /// The port and, when enabled, the software signer.
    pub(crate) fn build(&self) -> Result<Signers, SettingsError> {
        let mut anchors = Vec::new();
        for path in &self.trust_anchors {
            let data = std::fs::read(path).map_err(|e| {
                SettingsError::at("signing.trust_anchors", format!("{}: {e}", path.display()))
            })?;
            let parsed = documents::certificates(&data).map_err(|e| {
                SettingsError::at("signing.trust_anchors", format!("{}: {e}", path.display()))
            })?;
            anchors.extend(parsed);
        }
        let keys = if self.software_keys {
            let signer = documents::SoftwareSigner::new("Ansinh - CA ký số thử nghiệm")
                .map_err(|e| SettingsError::at("signing.software_keys", e.to_string()))?;
            anchors.push(
                signer
                    .authority_der()
                    .map_err(|e| SettingsError::at("signing.software_keys", e.to_string()))?,
            );
            Some(Arc::new(Keys(signer)))
        } else {
            None
        };
        let pades = Arc::new(Pades { anchors });
        let certifier: Arc<dyn ScanCertifier> = match &keys {
            Some(keys) => Arc::new(Scans {
                pades: pades.clone(),
                keys: keys.clone(),
            }),
            None => Arc::new(NoCertifier),
        };
        let software = keys.map(|k| k as Arc<dyn SoftwareSigner>);
        Ok((pades, software, certifier))
    }
}

/// PAdES revisions with `ansinh-documents`, trusting `anchors` (DER).
#[derive(Debug)]
struct Pades {
    anchors: Vec<Vec<u8>>,
}

fn refused(error: SignError) -> AppError {
    match error {
        SignError::Untrusted(message) => AppError::invalid(ErrorCode::SignerUntrusted, message),
        SignError::Invalid(_) | SignError::DigestMismatch | SignError::BadSignature => {
            AppError::invalid(ErrorCode::SignatureInvalid, error.to_string())
        }
        SignError::Signer(detail) => AppError::Internal(detail),
        SignError::Document(inner) => AppError::Internal(inner.to_string()),
    }
}

fn pdf_date(at: DateTime<Utc>) -> String {
    let local = ansinh_core::calendar::local::to_local(&at);
    format!("D:{}+07'00'", local.format("%Y%m%d%H%M%S"))
}

fn place(place: Place) -> documents::Place {
    documents::Place {
        page: place.page,
        rect: place.rect,
    }
}

impl PdfSigning for Pades {
    fn prepare(&self, pdf: &[u8], request: &SignatureRequest) -> Result<PreparedPdf, AppError> {
        let revision = documents::Revision {
            new_fields: request
                .new_fields
                .iter()
                .map(|slot| documents::TextField {
                    name: slot.name.clone(),
                    place: place(slot.place),
                    size: slot.size,
                    italic: slot.italic,
                })
                .collect(),
            fills: request.fills.clone(),
        };
        let spec = documents::SignatureSpec {
            field: request.field.clone(),
            place: place(request.place),
            lines: request.lines.clone(),
            seal: request.seal,
            signer_name: request.signer_name.clone(),
            reason: request.reason.clone(),
            location: request.location.clone(),
            signed_at: pdf_date(request.signed_at),
        };
        let prepared = documents::prepare(pdf, &revision, &spec).map_err(refused)?;
        Ok(PreparedPdf {
            pdf: prepared.pdf,
            digest: prepared.digest,
        })
    }

    fn embed(
        &self,
        prepared: &[u8],
        cms: &[u8],
        at: DateTime<Utc>,
    ) -> Result<(Vec<u8>, SignedBy), AppError> {
        let (pdf, signer) =
            documents::embed(prepared, cms, &self.anchors, at.timestamp()).map_err(refused)?;
        Ok((
            pdf,
            SignedBy {
                common_name: signer.common_name,
                organization: signer.organization,
                fingerprint: signer.fingerprint,
            },
        ))
    }

    fn field_place(&self, pdf: &[u8], field: &str) -> Option<Place> {
        documents::field_place(pdf, field).map(|p| Place {
            page: p.page,
            rect: p.rect,
        })
    }

    fn trust_anchors(&self) -> Vec<String> {
        self.anchors.iter().map(|der| documents::pem(der)).collect()
    }
}

/// The software signer.
#[derive(Debug)]
struct Keys(documents::SoftwareSigner);

impl SoftwareSigner for Keys {
    fn sign(&self, subject: &SigningSubject, digest: &[u8; 32]) -> Result<Vec<u8>, AppError> {
        let subject = documents::Subject {
            id: subject.id.clone(),
            common_name: subject.common_name.clone(),
            organization: subject.organization.clone(),
        };
        self.0
            .sign(&subject, digest)
            .map_err(|e| AppError::Internal(e.to_string()))
    }
}

/// The reception officer's signature on scans, by the software keys.
#[derive(Debug)]
struct Scans {
    pades: Arc<Pades>,
    keys: Arc<Keys>,
}

/// The box of the reception officer's signature, in points.
const SCAN_STAMP: (f32, f32) = (190.0, 44.0);

impl ScanCertifier for Scans {
    fn certify(
        &self,
        pdf: &[u8],
        officer: &Certifier,
        at: DateTime<Utc>,
    ) -> Result<Option<Vec<u8>>, AppError> {
        let unsignable = || {
            AppError::invalid(
                ErrorCode::FileNotSignable,
                "tệp PDF quét không ký số được (tệp hỏng, không có trang hoặc đặt mật khẩu): hãy quét lại và lưu PDF thường",
            )
        };
        let place = documents::top_left(pdf, SCAN_STAMP, 18.0).ok_or_else(unsignable)?;
        let local = ansinh_core::calendar::local::to_local(&at);
        let request = SignatureRequest {
            field: "tiep_nhan".to_owned(),
            place: Place {
                page: place.page,
                rect: place.rect,
            },
            lines: vec![
                "Bản quét đã tiếp nhận".to_owned(),
                officer.name.clone(),
                local.format("%d/%m/%Y %H:%M").to_string(),
            ],
            seal: false,
            signer_name: officer.name.clone(),
            reason: "Số hóa hồ sơ tại Bộ phận một cửa".to_owned(),
            location: officer.organization.clone(),
            signed_at: at,
            new_fields: Vec::new(),
            fills: Vec::new(),
        };
        let prepared = self
            .pades
            .prepare(pdf, &request)
            .map_err(|_| unsignable())?;
        let subject = SigningSubject {
            id: officer.account.clone(),
            common_name: officer.name.clone(),
            organization: officer.organization.clone(),
        };
        let cms = self.keys.sign(&subject, &prepared.digest)?;
        let (signed, _) = self.pades.embed(&prepared.pdf, &cms, at)?;
        Ok(Some(signed))
    }
}
