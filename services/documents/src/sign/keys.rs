//! The software signer: keys held by the server, for the demo and the tests (real officers
//! sign with their tokens through the remote hand-off). A certification authority made at
//! start, and a certificate per signer (an officer, or an agency for its seal) issued by it on
//! first use, each an ECDSA P-256 key.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use der::{Decode, Encode};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SigningKey, date_time_ymd,
};
use x509_cert::Certificate;

use super::SignError;
use super::cms::{ECDSA_SHA256, signed_attributes, signed_data};

/// Who a software signature is made for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject {
    /// A stable id: the officer's account, or the agency's unit.
    pub id: String,
    /// The name the certificate gives.
    pub common_name: String,
    /// The organisation it names (the unit).
    pub organization: String,
}

struct Identity {
    key: KeyPair,
    certificate: Certificate,
}

/// A certification authority and the signers it issued.
pub struct SoftwareSigner {
    issuer: Issuer<'static, KeyPair>,
    authority: Certificate,
    issued: Mutex<HashMap<Subject, Arc<Identity>>>,
}

impl std::fmt::Debug for SoftwareSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftwareSigner").finish_non_exhaustive()
    }
}

fn failed(e: impl std::fmt::Display) -> SignError {
    SignError::Signer(e.to_string())
}

fn params(common_name: &str, organization: &str) -> Result<CertificateParams, SignError> {
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(failed)?;
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name.push(DnType::OrganizationName, organization);
    name.push(DnType::CountryName, "VN");
    params.distinguished_name = name;
    params.not_before = date_time_ymd(2000, 1, 1);
    params.not_after = date_time_ymd(2099, 12, 31);
    Ok(params)
}

fn parsed(der: &[u8]) -> Result<Certificate, SignError> {
    Certificate::from_der(der).map_err(failed)
}

impl SoftwareSigner {
    /// A new authority named `name`.
    pub fn new(name: &str) -> Result<Self, SignError> {
        let key = KeyPair::generate().map_err(failed)?;
        let mut params = params(name, "Ansinh")?;
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let certificate = params.self_signed(&key).map_err(failed)?;
        Ok(Self {
            authority: parsed(certificate.der())?,
            issuer: Issuer::new(params, key),
            issued: Mutex::new(HashMap::new()),
        })
    }

    /// The authority's certificate (DER): the trust anchor verifiers need.
    pub fn authority_der(&self) -> Result<Vec<u8>, SignError> {
        self.authority.to_der().map_err(failed)
    }

    /// The authority's certificate.
    pub(crate) fn authority(&self) -> &Certificate {
        &self.authority
    }

    fn identity(&self, subject: &Subject) -> Result<Arc<Identity>, SignError> {
        let mut issued = self
            .issued
            .lock()
            .map_err(|_| failed("signer lock poisoned"))?;
        if let Some(identity) = issued.get(subject) {
            return Ok(identity.clone());
        }
        let key = KeyPair::generate().map_err(failed)?;
        let mut params = params(&subject.common_name, &subject.organization)?;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.use_authority_key_identifier_extension = true;
        let certificate = params.signed_by(&key, &self.issuer).map_err(failed)?;
        let identity = Arc::new(Identity {
            key,
            certificate: parsed(certificate.der())?,
        });
        issued.insert(subject.clone(), identity.clone());
        Ok(identity)
    }

    /// A CMS signature (PAdES B-B) of `digest` by `subject`.
    pub fn sign(&self, subject: &Subject, digest: &[u8; 32]) -> Result<Vec<u8>, SignError> {
        let identity = self.identity(subject)?;
        let attributes = signed_attributes(&identity.certificate, digest)?;
        let message = attributes.to_der().map_err(failed)?;
        let signature = identity.key.sign(&message).map_err(failed)?;
        signed_data(
            &identity.certificate,
            std::slice::from_ref(&self.authority),
            attributes,
            ECDSA_SHA256,
            signature,
        )
    }
}
