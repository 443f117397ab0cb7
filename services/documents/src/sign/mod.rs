//! Signing a document (PAdES baseline B-B, ETSI EN 319 142-1): each signature is an incremental
//! update holding its field, its appearance and a placeholder the CMS is written into, the
//! byte range covering the whole file but the placeholder. The leader's revision also adds the
//! empty number and date fields; the clerk's fills them and adds the seal, so that the leader's
//! signature stays valid (filling fields and adding a signature are the changes a later
//! revision may make).
//!
//! `prepare` answers the file to be signed and the digest a signer signs (the software signer
//! here, or an officer's token through the remote hand-off); `embed` checks the CMS and writes
//! it in; `signatures` reads them all back, verified.

mod appearance;
mod cms;
mod keys;
mod place;
mod revision;
mod signatures;
#[cfg(test)]
mod tests;

pub use cms::SignerCertificate;
pub use keys::{SoftwareSigner, Subject};
pub use place::{field_place, pem, top_left};
pub use signatures::{EmbeddedSignature, signatures};

use lopdf::{Dictionary, Object, ObjectId, StringFormat, text_string};
use sha2::{Digest, Sha256};
use thiserror::Error;
use x509_cert::Certificate;

use appearance::{Line, Look, form};
use revision::{Update, broken};

use crate::DocumentError;
use crate::fonts::Style;

/// Bytes kept for the CMS (a certificate chain of RSA-4096 tokens fits).
const CMS_ROOM: usize = 12 * 1024;
/// What the byte range holds until the file's length is known (replaced, same width).
const RANGE_PLACEHOLDER: [i64; 4] = [0, 1_111_111_111, 2_222_222_222, 3_333_333_333];

/// Why a signature is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignError {
    /// The CMS does not parse or lacks what PAdES B-B requires.
    #[error("{0}")]
    Invalid(String),
    /// The CMS signs another digest than the prepared file's.
    #[error("chữ ký không khớp với văn bản đã chuẩn bị để ký")]
    DigestMismatch,
    /// The signature does not verify with the certificate's key.
    #[error("chữ ký không đúng với khóa của chứng thư")]
    BadSignature,
    /// The certificate does not chain to a trusted authority, or is out of its validity.
    #[error("{0}")]
    Untrusted(String),
    /// The software signer failed (a bug).
    #[error("không ký được: {0}")]
    Signer(String),
    /// The PDF cannot be updated.
    #[error(transparent)]
    Document(#[from] DocumentError),
}

/// A box on a page: left, bottom, width, height in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Page, from 0.
    pub page: usize,
    /// Left, bottom, width, height.
    pub rect: [f32; 4],
}

/// A text field a revision adds, left empty for a later one (the decision's number and date).
#[derive(Debug, Clone, PartialEq)]
pub struct TextField {
    /// The field's name.
    pub name: String,
    /// Where it is.
    pub place: Place,
    /// Font size of the line it sits in.
    pub size: f32,
    /// Whether that line is italic.
    pub italic: bool,
}

/// The signature a revision adds.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureSpec {
    /// The field's name, e.g. `lanh_dao`, `con_dau`.
    pub field: String,
    /// Where its appearance is drawn.
    pub place: Place,
    /// The appearance's lines (who signed, when).
    pub lines: Vec<String>,
    /// Whether it is the agency's seal (drawn in seal red) rather than a person's signature.
    pub seal: bool,
    /// The signer's name (/Name).
    pub signer_name: String,
    /// Why (/Reason), e.g. "Phê duyệt".
    pub reason: String,
    /// Where (/Location).
    pub location: String,
    /// When, as a PDF date (`D:20261202101500+07'00'`).
    pub signed_at: String,
}

/// What one revision does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Revision {
    /// Empty text fields added.
    pub new_fields: Vec<TextField>,
    /// Existing text fields filled: name and text.
    pub fills: Vec<(String, String)>,
}

/// A file ready to be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The file with the placeholder.
    pub pdf: Vec<u8>,
    /// SHA-256 of the byte range: what the signer signs.
    pub digest: [u8; 32],
}

fn name(text: &str) -> Object {
    Object::Name(text.as_bytes().to_vec())
}

fn rect([x, y, w, h]: [f32; 4]) -> Object {
    Object::Array(vec![x.into(), y.into(), (x + w).into(), (y + h).into()])
}

/// Appends to `pdf` a revision that makes `revision`'s field changes and adds `signature`
/// with room for its CMS.
pub fn prepare(
    pdf: &[u8],
    revision: &Revision,
    signature: &SignatureSpec,
) -> Result<Prepared, SignError> {
    let mut update = Update::open(pdf)?;
    let (form_id, mut form_dict) = acro_form(&update)?;
    let mut fields = match form_dict.get(b"Fields") {
        Ok(Object::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    for (field, text) in &revision.fills {
        fill(&mut update, &fields, field, text)?;
    }
    let mut annotations: Vec<(usize, ObjectId)> = Vec::new();
    for field in &revision.new_fields {
        let id = text_field(&mut update, field)?;
        fields.push(Object::Reference(id));
        annotations.push((field.place.page, id));
    }
    let widget = signature_field(&mut update, signature)?;
    fields.push(Object::Reference(widget));
    annotations.push((signature.place.page, widget));
    for (page, id) in annotations {
        annotate(&mut update, page, id)?;
    }
    form_dict.set("Fields", Object::Array(fields));
    form_dict.set("SigFlags", 3);
    match form_id {
        Some(id) => update.replace(id, Object::Dictionary(form_dict)),
        None => {
            let id = update.add(Object::Dictionary(form_dict));
            let root_id = update.root()?;
            let mut root = update.dictionary(root_id)?;
            root.set("AcroForm", Object::Reference(id));
            update.replace(root_id, Object::Dictionary(root));
        }
    }
    let mut pdf = update.finish()?;
    let digest = fix_range(&mut pdf)?;
    Ok(Prepared { pdf, digest })
}

/// The interactive form: its object id when it is one, and its dictionary.
fn acro_form(update: &Update<'_>) -> Result<(Option<ObjectId>, Dictionary), SignError> {
    let root = update.dictionary(update.root()?)?;
    Ok(match root.get(b"AcroForm") {
        Ok(Object::Reference(id)) => (Some(*id), update.dictionary(*id)?),
        Ok(Object::Dictionary(dict)) => (None, dict.clone()),
        _ => (None, Dictionary::new()),
    })
}

fn field_name(dict: &Dictionary) -> Option<String> {
    dict.get(b"T")
        .ok()
        .and_then(|t| lopdf::decode_text_string(t).ok())
}

/// Fills the text field `field` with `text` (its value and what it shows).
fn fill(
    update: &mut Update<'_>,
    fields: &[Object],
    field: &str,
    text: &str,
) -> Result<(), SignError> {
    for id in fields.iter().filter_map(|f| f.as_reference().ok()) {
        let mut dict = update.dictionary(id)?;
        if field_name(&dict).as_deref() != Some(field) {
            continue;
        }
        let corners: Vec<f32> = match dict.get(b"Rect") {
            Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_float().ok()).collect(),
            _ => Vec::new(),
        };
        let [x1, y1, x2, y2] = corners[..] else {
            return Err(broken("ô điền thiếu /Rect").into());
        };
        let size = dict
            .get(b"AnsinhSize")
            .and_then(Object::as_float)
            .unwrap_or(13.0);
        let italic = matches!(dict.get(b"AnsinhItalic"), Ok(Object::Boolean(true)));
        let line = Line {
            text: text.to_owned(),
            size,
            style: Style {
                bold: false,
                italic,
            },
        };
        let shown = form(update, (x2 - x1, y2 - y1), &[line], Look::Text)?;
        dict.set("V", text_string(text));
        let mut ap = Dictionary::new();
        ap.set("N", Object::Reference(shown));
        dict.set("AP", Object::Dictionary(ap));
        update.replace(id, Object::Dictionary(dict));
        return Ok(());
    }
    Err(broken(&format!("không có ô {field} để điền")).into())
}

fn text_field(update: &mut Update<'_>, field: &TextField) -> Result<ObjectId, SignError> {
    let page = update.page(field.place.page)?;
    let mut dict = Dictionary::new();
    dict.set("Type", name("Annot"));
    dict.set("Subtype", name("Widget"));
    dict.set("FT", name("Tx"));
    dict.set("T", text_string(&field.name));
    dict.set("Rect", rect(field.place.rect));
    dict.set("F", 4);
    dict.set("P", Object::Reference(page));
    dict.set(
        "DA",
        Object::String(
            format!("/Helv {} Tf 0 g", field.size).into_bytes(),
            StringFormat::Literal,
        ),
    );
    dict.set("AnsinhSize", field.size);
    dict.set("AnsinhItalic", field.italic);
    Ok(update.add(Object::Dictionary(dict)))
}

fn signature_field(update: &mut Update<'_>, spec: &SignatureSpec) -> Result<ObjectId, SignError> {
    let page = update.page(spec.place.page)?;
    let mut value = Dictionary::new();
    value.set("Type", name("Sig"));
    value.set("Filter", name("Adobe.PPKLite"));
    value.set("SubFilter", name("ETSI.CAdES.detached"));
    value.set(
        "ByteRange",
        Object::Array(
            RANGE_PLACEHOLDER
                .iter()
                .map(|n| Object::Integer(*n))
                .collect(),
        ),
    );
    value.set(
        "Contents",
        Object::String(vec![0; CMS_ROOM], StringFormat::Hexadecimal),
    );
    value.set(
        "M",
        Object::String(spec.signed_at.clone().into_bytes(), StringFormat::Literal),
    );
    value.set("Name", text_string(&spec.signer_name));
    value.set("Reason", text_string(&spec.reason));
    value.set("Location", text_string(&spec.location));
    let value_id = update.add(Object::Dictionary(value));
    let [_, _, width, height] = spec.place.rect;
    let lines: Vec<Line> = spec
        .lines
        .iter()
        .enumerate()
        .map(|(i, text)| Line {
            text: text.clone(),
            size: if i == 0 { 9.0 } else { 8.0 },
            style: Style {
                bold: i == 0,
                italic: false,
            },
        })
        .collect();
    let look = if spec.seal {
        Look::Seal
    } else {
        Look::Signature
    };
    let shown = form(update, (width, height), &lines, look)?;
    let mut widget = Dictionary::new();
    widget.set("Type", name("Annot"));
    widget.set("Subtype", name("Widget"));
    widget.set("FT", name("Sig"));
    widget.set("T", text_string(&spec.field));
    widget.set("V", Object::Reference(value_id));
    widget.set("Rect", rect(spec.place.rect));
    // Print and Locked.
    widget.set("F", 132);
    widget.set("P", Object::Reference(page));
    let mut ap = Dictionary::new();
    ap.set("N", Object::Reference(shown));
    widget.set("AP", Object::Dictionary(ap));
    Ok(update.add(Object::Dictionary(widget)))
}

/// Adds the widget `id` to page `index`'s annotations.
fn annotate(update: &mut Update<'_>, index: usize, id: ObjectId) -> Result<(), SignError> {
    let page_id = update.page(index)?;
    let mut page = update.dictionary(page_id)?;
    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(Object::Reference(list)) => match update.object(*list)? {
            Object::Array(items) => items,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    annots.push(Object::Reference(id));
    page.set("Annots", Object::Array(annots));
    update.replace(page_id, Object::Dictionary(page));
    Ok(())
}

/// Where the last signature's placeholder is: the byte range's text and the contents' span.
fn locate(pdf: &[u8]) -> Result<(std::ops::Range<usize>, std::ops::Range<usize>), SignError> {
    let key = b"/ByteRange";
    let at = pdf
        .windows(key.len())
        .rposition(|w| w == key)
        .ok_or_else(|| broken("không thấy /ByteRange"))?;
    let open = at
        + key.len()
        + pdf[at + key.len()..]
            .iter()
            .position(|b| *b == b'[')
            .ok_or_else(|| broken("/ByteRange"))?;
    let close = open
        + pdf[open..]
            .iter()
            .position(|b| *b == b']')
            .ok_or_else(|| broken("/ByteRange"))?;
    let key = b"/Contents";
    let contents = at
        + pdf[at..]
            .windows(key.len())
            .position(|w| w == key)
            .ok_or_else(|| broken("không thấy /Contents"))?;
    let start = contents
        + pdf[contents..]
            .iter()
            .position(|b| *b == b'<')
            .ok_or_else(|| broken("/Contents"))?;
    let end = start
        + pdf[start..]
            .iter()
            .position(|b| *b == b'>')
            .ok_or_else(|| broken("/Contents"))?
        + 1;
    Ok((open + 1..close, start..end))
}

/// Writes the real byte range over the placeholder: the digest of the ranges.
fn fix_range(pdf: &mut [u8]) -> Result<[u8; 32], SignError> {
    let (range, contents) = locate(pdf)?;
    let text = format!(
        "0 {} {} {}",
        contents.start,
        contents.end,
        pdf.len() - contents.end
    );
    if text.len() > range.len() {
        return Err(broken("byte range").into());
    }
    let padded = format!("{text:<width$}", width = range.len());
    pdf[range].copy_from_slice(padded.as_bytes());
    Ok(range_digest(pdf, &contents))
}

fn range_digest(pdf: &[u8], contents: &std::ops::Range<usize>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..contents.start]);
    hasher.update(&pdf[contents.end..]);
    hasher.finalize().into()
}

/// Parses PEM or DER certificates: the trust anchors.
pub fn certificates(data: &[u8]) -> Result<Vec<Vec<u8>>, SignError> {
    use der::{Decode, Encode};
    let parsed = if data.starts_with(b"-----") {
        Certificate::load_pem_chain(data).map_err(|e| SignError::Invalid(e.to_string()))?
    } else {
        vec![Certificate::from_der(data).map_err(|e| SignError::Invalid(e.to_string()))?]
    };
    parsed
        .iter()
        .map(|c| c.to_der().map_err(|e| SignError::Invalid(e.to_string())))
        .collect()
}

fn anchors(ders: &[Vec<u8>]) -> Vec<Certificate> {
    use der::Decode;
    ders.iter()
        .filter_map(|d| Certificate::from_der(d).ok())
        .collect()
}

/// Writes `cms` into the prepared file after checking it signs the file's digest with a
/// certificate that chains to one of `trust` (DER) and is valid at `at` (Unix seconds):
/// the signed file and who signed.
pub fn embed(
    prepared: &[u8],
    cms_der: &[u8],
    trust: &[Vec<u8>],
    at: i64,
) -> Result<(Vec<u8>, SignerCertificate), SignError> {
    let (_, contents) = locate(prepared)?;
    let digest = range_digest(prepared, &contents);
    let signer = cms::verify(cms_der, &digest, &anchors(trust), at)?;
    let room = contents.len() - 2;
    let hex = cms::hex(cms_der);
    if hex.len() > room {
        return Err(SignError::Invalid(format!(
            "chữ ký dài {} byte, vượt chỗ dành sẵn {} byte",
            cms_der.len(),
            room / 2
        )));
    }
    let mut pdf = prepared.to_vec();
    let padded = format!("{hex:0<room$}");
    pdf[contents.start + 1..contents.end - 1].copy_from_slice(padded.as_bytes());
    Ok((pdf, signer))
}

/// The SHA-256 of a prepared file's byte range (what its signer signs).
pub fn prepared_digest(prepared: &[u8]) -> Result<[u8; 32], SignError> {
    let (_, contents) = locate(prepared)?;
    Ok(range_digest(prepared, &contents))
}

impl SoftwareSigner {
    /// Signs a prepared file as `subject`.
    pub fn sign_prepared(
        &self,
        prepared: &Prepared,
        subject: &Subject,
        at: i64,
    ) -> Result<(Vec<u8>, SignerCertificate), SignError> {
        use der::Encode;
        let cms = self.sign(subject, &prepared.digest)?;
        let trust = vec![
            self.authority()
                .to_der()
                .map_err(|e| SignError::Signer(e.to_string()))?,
        ];
        embed(&prepared.pdf, &cms, &trust, at)
    }
}
