//! An incremental update of a PDF (ISO 32000-1 §7.5.6): the file's bytes left exactly as they
//! are, new and replaced objects appended with their cross-reference section and a trailer that
//! points back to the previous one. Signatures depend on it: every earlier revision stays
//! byte-for-byte what its signer signed.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Writer};

use crate::DocumentError;

/// An update being written on top of a file.
pub(crate) struct Update<'a> {
    base: &'a [u8],
    pub(crate) doc: Document,
    next_id: u32,
    written: BTreeMap<ObjectId, Object>,
}

pub(crate) fn broken(what: &str) -> DocumentError {
    DocumentError::Pdf(format!("tệp PDF không đọc được: {what}"))
}

impl<'a> Update<'a> {
    /// Opens `base` for an update.
    pub(crate) fn open(base: &'a [u8]) -> Result<Self, DocumentError> {
        let doc = Document::load_mem(base).map_err(|e| broken(&e.to_string()))?;
        if doc.trailer.has(b"Encrypt") {
            return Err(broken("tệp được mã hóa"));
        }
        let next_id = doc.max_id + 1;
        Ok(Self {
            base,
            doc,
            next_id,
            written: BTreeMap::new(),
        })
    }

    /// Adds a new object: its id.
    pub(crate) fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        self.written.insert(id, object.into());
        id
    }

    /// Replaces an object of the file (its new version in this update).
    pub(crate) fn replace(&mut self, id: ObjectId, object: impl Into<Object>) {
        self.written.insert(id, object.into());
    }

    /// The object as it stands in this update (replaced or from the file).
    pub(crate) fn object(&self, id: ObjectId) -> Result<Object, DocumentError> {
        match self.written.get(&id) {
            Some(object) => Ok(object.clone()),
            None => self
                .doc
                .get_object(id)
                .cloned()
                .map_err(|e| broken(&e.to_string())),
        }
    }

    /// A dictionary as it stands in this update; a reference followed.
    pub(crate) fn dictionary(&self, id: ObjectId) -> Result<Dictionary, DocumentError> {
        match self.object(id)? {
            Object::Dictionary(dict) => Ok(dict),
            Object::Stream(stream) => Ok(stream.dict),
            _ => Err(broken("một đối tượng không phải từ điển")),
        }
    }

    /// The catalogue's id.
    pub(crate) fn root(&self) -> Result<ObjectId, DocumentError> {
        self.doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| broken("thiếu /Root"))
    }

    /// The id of page `index` (from 0).
    pub(crate) fn page(&self, index: usize) -> Result<ObjectId, DocumentError> {
        self.doc
            .get_pages()
            .values()
            .nth(index)
            .copied()
            .ok_or_else(|| broken("không có trang cần ký"))
    }

    /// The file with this update appended.
    pub(crate) fn finish(self) -> Result<Vec<u8>, DocumentError> {
        let mut out = self.base.to_vec();
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        let mut offsets = Vec::new();
        for (id, object) in &self.written {
            offsets.push((*id, out.len()));
            write_indirect(&mut out, *id, object)?;
        }
        let xref_at = out.len();
        out.extend_from_slice(b"xref\n");
        for run in runs(&offsets) {
            out.extend_from_slice(format!("{} {}\n", run[0].0.0, run.len()).as_bytes());
            for ((_, generation), offset) in run {
                out.extend_from_slice(format!("{offset:010} {generation:05} n\r\n").as_bytes());
            }
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", i64::from(self.next_id));
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Ok(value) = self.doc.trailer.get(key) {
                trailer.set(key, value.clone());
            }
        }
        trailer.set("Prev", self.doc.xref_start as i64);
        out.extend_from_slice(b"trailer\n");
        Writer::write_object(&mut out, &Object::Dictionary(trailer))
            .map_err(|e| DocumentError::Pdf(e.to_string()))?;
        out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        Ok(out)
    }
}

fn write_indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) -> Result<(), DocumentError> {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    Writer::write_object(out, object).map_err(|e| DocumentError::Pdf(e.to_string()))?;
    out.extend_from_slice(b"\nendobj\n");
    Ok(())
}

/// The written objects in runs of consecutive numbers (one xref subsection each).
fn runs(offsets: &[(ObjectId, usize)]) -> Vec<Vec<(ObjectId, usize)>> {
    let mut runs: Vec<Vec<(ObjectId, usize)>> = Vec::new();
    for entry in offsets {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|last| last.0.0 + 1 == entry.0.0) => {
                run.push(*entry);
            }
            _ => runs.push(vec![*entry]),
        }
    }
    runs
}
