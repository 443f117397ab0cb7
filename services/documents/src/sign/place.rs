//! Where things are in a PDF: a field's box, the top left of page 1 (for a scan's
//! signature), and certificates written as PEM.

use lopdf::{Object, ObjectId};

use super::{Place, field_name};

/// Where the field named `field` of `pdf` is drawn (its widget's page and box).
pub fn field_place(pdf: &[u8], field: &str) -> Option<Place> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    doc.objects.values().find_map(|object| {
        let Object::Dictionary(dict) = object else {
            return None;
        };
        if field_name(dict).as_deref() != Some(field) {
            return None;
        }
        let corners: Vec<f32> = match dict.get(b"Rect") {
            Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_float().ok()).collect(),
            _ => return None,
        };
        let [x1, y1, x2, y2] = corners[..] else {
            return None;
        };
        let page = dict
            .get(b"P")
            .and_then(Object::as_reference)
            .ok()
            .and_then(|p| pages.iter().position(|id| *id == p))
            .unwrap_or(0);
        Some(Place {
            page,
            rect: [x1, y1, x2 - x1, y2 - y1],
        })
    })
}

/// A certificate (DER) as PEM.
pub fn pem(der: &[u8]) -> String {
    use base64::Engine;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .filter_map(|chunk| std::str::from_utf8(chunk).ok())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

/// A box of `width` × `height` points at the top left of page 1, `margin` points in from its
/// corner (where the reception officer's signature goes on a scan).
pub fn top_left(pdf: &[u8], (width, height): (f32, f32), margin: f32) -> Option<Place> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let mut id = doc.get_pages().values().next().copied()?;
    // The media box may be inherited from the page tree.
    let media = loop {
        let dict = doc.get_dictionary(id).ok()?;
        match dict.get(b"MediaBox") {
            Ok(Object::Array(items)) => break items.clone(),
            _ => id = dict.get(b"Parent").and_then(Object::as_reference).ok()?,
        }
    };
    let corners: Vec<f32> = media.iter().filter_map(|o| o.as_float().ok()).collect();
    let [x1, _, _, y2] = corners[..] else {
        return None;
    };
    Some(Place {
        page: 0,
        rect: [x1 + margin, y2 - margin - height, width, height],
    })
}
