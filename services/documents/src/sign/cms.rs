//! CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1 §6.3; RFC 5652): detached, over
//! the SHA-256 of the signed byte ranges, with the content-type, message-digest and
//! signing-certificate-v2 (RFC 5035) signed attributes and no signing-time (the time is the
//! signature dictionary's /M). Built for the software signer; verified for every signature,
//! a remote signing tool's included, before it is embedded.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier as Oid, OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence, SliceReader};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;

use super::SignError;

pub(crate) const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
const RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const RSA_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
const RSA_SHA384: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
const EC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const P384: Oid = Oid::new_unwrap("1.3.132.0.34");

/// ESSCertIDv2 with the default hash (SHA-256), so without its algorithm.
#[derive(Debug, Clone, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
}

/// SigningCertificateV2 without policies.
#[derive(Debug, Clone, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn bad(what: impl std::fmt::Display) -> SignError {
    SignError::Invalid(format!("chữ ký không hợp lệ: {what}"))
}

fn attribute(oid: Oid, value: impl Encode) -> Result<Attribute, SignError> {
    let value = Any::from_der(&value.to_der().map_err(bad)?).map_err(bad)?;
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(bad)?,
    })
}

fn algorithm(oid: Oid) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

/// The signed attributes over `digest` for the signer's `certificate`.
pub(crate) fn signed_attributes(
    certificate: &Certificate,
    digest: &[u8; 32],
) -> Result<SetOfVec<Attribute>, SignError> {
    let cert_der = certificate.to_der().map_err(bad)?;
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&cert_der).to_vec()).map_err(bad)?,
        }],
    };
    SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, ID_DATA)?,
        attribute(
            MESSAGE_DIGEST,
            OctetString::new(digest.to_vec()).map_err(bad)?,
        )?,
        attribute(SIGNING_CERTIFICATE_V2, ess)?,
    ])
    .map_err(bad)
}

/// A detached SignedData: `signature` (by `signature_algorithm`) over the DER of `attributes`,
/// the signer's certificate first, then the chain.
pub(crate) fn signed_data(
    certificate: &Certificate,
    chain: &[Certificate],
    attributes: SetOfVec<Attribute>,
    signature_algorithm: Oid,
    signature: Vec<u8>,
) -> Result<Vec<u8>, SignError> {
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: certificate.tbs_certificate.issuer.clone(),
        serial_number: certificate.tbs_certificate.serial_number.clone(),
    });
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid,
        digest_alg: algorithm(SHA256),
        signed_attrs: Some(attributes),
        signature_algorithm: algorithm(signature_algorithm),
        signature: OctetString::new(signature).map_err(bad)?,
        unsigned_attrs: None,
    };
    let certificates = std::iter::once(certificate)
        .chain(chain)
        .map(|c| CertificateChoices::Certificate(c.clone()))
        .collect::<Vec<_>>();
    let data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![algorithm(SHA256)]).map_err(bad)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(bad)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).map_err(bad)?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&data).map_err(bad)?,
    }
    .to_der()
    .map_err(bad)
}

/// Who signed, as their certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerCertificate {
    /// The subject's common name.
    pub common_name: String,
    /// The subject's organisation, when named.
    pub organization: Option<String>,
    /// The certificate's serial number in hexadecimal.
    pub serial: String,
    /// SHA-256 of the certificate, in hexadecimal.
    pub fingerprint: String,
}

/// Checks a CMS signature over `digest`: the signed attributes name it and the signer's
/// certificate, the signature verifies with that certificate's key, and the certificate
/// chains (through the certificates the CMS carries) to one of `anchors`, every link valid at
/// `at` (seconds since the epoch).
pub(crate) fn verify(
    cms_der: &[u8],
    digest: &[u8; 32],
    anchors: &[Certificate],
    at: i64,
) -> Result<SignerCertificate, SignError> {
    let mut reader = SliceReader::new(cms_der).map_err(bad)?;
    let info = ContentInfo::decode(&mut reader).map_err(bad)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(bad("không phải SignedData"));
    }
    let data: SignedData = info.content.decode_as().map_err(bad)?;
    let [signer] = data.signer_infos.0.as_slice() else {
        return Err(bad("cần đúng một người ký"));
    };
    let carried: Vec<Certificate> = data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let certificate = signer_certificate(&signer.sid, &carried)?;
    check_attributes(signer, &certificate, digest)?;
    let attributes = signer
        .signed_attrs
        .as_ref()
        .ok_or_else(|| bad("thiếu thuộc tính ký"))?
        .to_der()
        .map_err(bad)?;
    verify_with(
        &certificate,
        &signer.signature_algorithm.oid,
        &attributes,
        signer.signature.as_bytes(),
    )?;
    chain_to_anchor(&certificate, &carried, anchors, at)?;
    describe(&certificate)
}

fn signer_certificate(
    sid: &SignerIdentifier,
    carried: &[Certificate],
) -> Result<Certificate, SignError> {
    let SignerIdentifier::IssuerAndSerialNumber(id) = sid else {
        return Err(bad("người ký phải được xác định bằng nơi cấp và số sê-ri"));
    };
    carried
        .iter()
        .find(|c| {
            c.tbs_certificate.issuer == id.issuer
                && c.tbs_certificate.serial_number == id.serial_number
        })
        .cloned()
        .ok_or_else(|| bad("thiếu chứng thư của người ký"))
}

fn single_value<'a>(attributes: &'a SetOfVec<Attribute>, oid: &Oid) -> Result<&'a Any, SignError> {
    let found: Vec<&Attribute> = attributes.iter().filter(|a| &a.oid == oid).collect();
    match found.as_slice() {
        [one] if one.values.len() == 1 => one.values.get(0).ok_or_else(|| bad("thuộc tính rỗng")),
        _ => Err(bad(format!("thuộc tính {oid} phải có đúng một giá trị"))),
    }
}

fn check_attributes(
    signer: &SignerInfo,
    certificate: &Certificate,
    digest: &[u8; 32],
) -> Result<(), SignError> {
    if signer.digest_alg.oid != SHA256 {
        return Err(bad("thuật toán băm phải là SHA-256"));
    }
    let attributes = signer
        .signed_attrs
        .as_ref()
        .ok_or_else(|| bad("thiếu thuộc tính ký"))?;
    let content_type: Oid = single_value(attributes, &CONTENT_TYPE)?
        .decode_as()
        .map_err(bad)?;
    if content_type != ID_DATA {
        return Err(bad("loại nội dung phải là id-data"));
    }
    let signed_digest: OctetString = single_value(attributes, &MESSAGE_DIGEST)?
        .decode_as()
        .map_err(bad)?;
    if signed_digest.as_bytes() != digest {
        return Err(SignError::DigestMismatch);
    }
    let ess: SigningCertificateV2 = single_value(attributes, &SIGNING_CERTIFICATE_V2)?
        .decode_as()
        .map_err(bad)?;
    let cert_hash = Sha256::digest(certificate.to_der().map_err(bad)?);
    if ess.certs.first().map(|c| c.cert_hash.as_bytes()) != Some(&cert_hash[..]) {
        return Err(bad(
            "thuộc tính signing-certificate-v2 không khớp chứng thư",
        ));
    }
    Ok(())
}

/// Verifies `signature` over `message` with `certificate`'s key.
fn verify_with(
    certificate: &Certificate,
    algorithm: &Oid,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignError> {
    use ring::signature as rs;
    let spki = &certificate.tbs_certificate.subject_public_key_info;
    let curve: Option<Oid> = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as().ok());
    let scheme: &dyn rs::VerificationAlgorithm = match (&spki.algorithm.oid, curve, algorithm) {
        (k, Some(c), a) if *k == EC_KEY && c == P256 && *a == ECDSA_SHA256 => {
            &rs::ECDSA_P256_SHA256_ASN1
        }
        (k, Some(c), a) if *k == EC_KEY && c == P384 && *a == ECDSA_SHA384 => {
            &rs::ECDSA_P384_SHA384_ASN1
        }
        (k, Some(c), a) if *k == EC_KEY && c == P256 && *a == ECDSA_SHA384 => {
            &rs::ECDSA_P256_SHA384_ASN1
        }
        (k, _, a) if *k == RSA && (*a == RSA_SHA256 || *a == RSA) => {
            &rs::RSA_PKCS1_2048_8192_SHA256
        }
        (k, _, a) if *k == RSA && *a == RSA_SHA384 => &rs::RSA_PKCS1_2048_8192_SHA384,
        _ => return Err(bad(format!("thuật toán ký {algorithm} không được hỗ trợ"))),
    };
    let key = spki.subject_public_key.raw_bytes();
    rs::UnparsedPublicKey::new(scheme, key)
        .verify(message, signature)
        .map_err(|_| SignError::BadSignature)
}

fn valid_at(certificate: &Certificate, at: i64) -> bool {
    let validity = &certificate.tbs_certificate.validity;
    let from = validity.not_before.to_unix_duration().as_secs() as i64;
    let to = validity.not_after.to_unix_duration().as_secs() as i64;
    (from..=to).contains(&at)
}

fn chain_to_anchor(
    certificate: &Certificate,
    carried: &[Certificate],
    anchors: &[Certificate],
    at: i64,
) -> Result<(), SignError> {
    let mut current = certificate.clone();
    for _ in 0..5 {
        if !valid_at(&current, at) {
            return Err(SignError::Untrusted(
                "chứng thư hết hạn hoặc chưa có hiệu lực".to_owned(),
            ));
        }
        let tbs = current.tbs_certificate.to_der().map_err(bad)?;
        let signature = current.signature.raw_bytes();
        let issued_by = |issuer: &Certificate| {
            issuer.tbs_certificate.subject == current.tbs_certificate.issuer
                && verify_with(issuer, &current.signature_algorithm.oid, &tbs, signature).is_ok()
        };
        if let Some(anchor) = anchors.iter().find(|a| issued_by(a)) {
            return if valid_at(anchor, at) {
                Ok(())
            } else {
                Err(SignError::Untrusted("chứng thư gốc hết hạn".to_owned()))
            };
        }
        match carried.iter().find(|c| *c != &current && issued_by(c)) {
            Some(next) => current = next.clone(),
            None => break,
        }
    }
    Err(SignError::Untrusted(
        "chứng thư của người ký không do tổ chức cung cấp dịch vụ chứng thực được tin cậy cấp"
            .to_owned(),
    ))
}

fn name_part(name: &x509_cert::name::Name, oid: Oid) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| {
            atv.value
                .decode_as::<der::asn1::Utf8StringRef<'_>>()
                .map(|s| s.to_string())
                .or_else(|_| {
                    atv.value
                        .decode_as::<der::asn1::PrintableStringRef<'_>>()
                        .map(|s| s.to_string())
                })
                .ok()
        })
}

pub(crate) fn describe(certificate: &Certificate) -> Result<SignerCertificate, SignError> {
    let subject = &certificate.tbs_certificate.subject;
    let der = certificate.to_der().map_err(bad)?;
    Ok(SignerCertificate {
        common_name: name_part(subject, Oid::new_unwrap("2.5.4.3")).unwrap_or_default(),
        organization: name_part(subject, Oid::new_unwrap("2.5.4.10")),
        serial: hex(certificate.tbs_certificate.serial_number.as_bytes()),
        fingerprint: hex(&Sha256::digest(der)),
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
