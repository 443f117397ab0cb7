//! The signatures a PDF holds, read back and verified: for the dossier's result list and for
//! checking a file before it is signed again.

use lopdf::{Document, Object};
use sha2::{Digest, Sha256};

use super::cms::{self, SignerCertificate};
use super::revision::broken;
use super::{SignError, anchors};

/// A signature found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedSignature {
    /// Its field's name.
    pub field: String,
    /// The signer's name as the signature dictionary gives it.
    pub name: String,
    /// When, as the dictionary says (`D:…`).
    pub signed_at: String,
    /// Who signed, when the signature verifies and chains to a trusted authority.
    pub signer: Option<SignerCertificate>,
    /// Why it does not verify.
    pub problem: Option<String>,
    /// Whether it covers the whole file (the last revision's signature).
    pub whole_file: bool,
    /// Length of the revision it signs.
    pub signed_length: usize,
}

fn ranges(value: &lopdf::Dictionary) -> Option<[usize; 4]> {
    let Ok(Object::Array(items)) = value.get(b"ByteRange") else {
        return None;
    };
    let numbers: Vec<usize> = items
        .iter()
        .filter_map(|o| o.as_i64().ok())
        .filter_map(|n| usize::try_from(n).ok())
        .collect();
    numbers.try_into().ok()
}

fn text(dict: &lopdf::Dictionary, key: &[u8]) -> String {
    dict.get(key)
        .ok()
        .and_then(|o| lopdf::decode_text_string(o).ok())
        .unwrap_or_default()
}

/// Every signature of `pdf`, in the order they were made, verified against `trust` (DER) at
/// `at` (Unix seconds).
pub fn signatures(
    pdf: &[u8],
    trust: &[Vec<u8>],
    at: i64,
) -> Result<Vec<EmbeddedSignature>, SignError> {
    let doc = Document::load_mem(pdf).map_err(|e| broken(&e.to_string()))?;
    let anchors = anchors(trust);
    let mut found = Vec::new();
    for (_, object) in doc.objects.iter() {
        let Object::Dictionary(field) = object else {
            continue;
        };
        if !matches!(field.get(b"FT"), Ok(Object::Name(n)) if n == b"Sig") {
            continue;
        }
        let Ok(value) = field
            .get(b"V")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
        else {
            continue;
        };
        let Some([a, b, c, d]) = ranges(value) else {
            continue;
        };
        let contents = value
            .get(b"Contents")
            .and_then(Object::as_str)
            .unwrap_or_default();
        let (signer, problem) = match check(pdf, [a, b, c, d], contents, &anchors, at) {
            Ok(signer) => (Some(signer), None),
            Err(error) => (None, Some(error.to_string())),
        };
        found.push(EmbeddedSignature {
            field: text(field, b"T"),
            name: text(value, b"Name"),
            signed_at: text(value, b"M"),
            signer,
            problem,
            whole_file: c + d == pdf.len(),
            signed_length: c + d,
        });
    }
    found.sort_by_key(|s| s.signed_length);
    Ok(found)
}

fn check(
    pdf: &[u8],
    [a, b, c, d]: [usize; 4],
    contents: &[u8],
    anchors: &[x509_cert::Certificate],
    at: i64,
) -> Result<SignerCertificate, SignError> {
    if a != 0 || b > c || c + d > pdf.len() {
        return Err(SignError::Invalid("phạm vi ký không hợp lệ".to_owned()));
    }
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..b]);
    hasher.update(&pdf[c..c + d]);
    let digest: [u8; 32] = hasher.finalize().into();
    cms::verify(contents, &digest, anchors, at)
}
