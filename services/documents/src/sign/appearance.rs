//! Appearances: what a signature box or a stamped field shows, drawn with the document's own
//! fonts by krilla on a page the size of the box, then carried into the update as a form
//! XObject (its content stream and the fonts it uses, renumbered).

use std::collections::BTreeMap;

use krilla::Document as Krilla;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::TextDirection;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::revision::{Update, broken};
use crate::DocumentError;
use crate::fonts::{Faces, Style};

/// A line of an appearance.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) text: String,
    pub(crate) size: f32,
    pub(crate) style: Style,
}

/// How an appearance looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Look {
    /// Plain black text, flush right against what follows it (a stamped number or date).
    Text,
    /// A signature box: lines centred in the signer's blue, framed.
    Signature,
    /// The agency's seal: lines centred in seal red, framed twice.
    Seal,
}

fn colour(look: Look) -> rgb::Color {
    match look {
        Look::Text => rgb::Color::black(),
        Look::Signature => rgb::Color::new(0x1a, 0x3d, 0x8f),
        Look::Seal => rgb::Color::new(0xc6, 0x28, 0x28),
    }
}

/// A form XObject of `width` × `height` points showing `lines`, written into `update`.
pub(crate) fn form(
    update: &mut Update<'_>,
    (width, height): (f32, f32),
    lines: &[Line],
    look: Look,
) -> Result<ObjectId, DocumentError> {
    let drawn = draw((width, height), lines, look)?;
    let page_doc = Document::load_mem(&drawn).map_err(|e| broken(&e.to_string()))?;
    let page_id = page_doc
        .get_pages()
        .values()
        .next()
        .copied()
        .ok_or_else(|| broken("trang hình chữ ký"))?;
    let page = page_doc
        .get_dictionary(page_id)
        .map_err(|e| broken(&e.to_string()))?;
    let content = page_content(&page_doc, page)?;
    let mut imported = BTreeMap::new();
    let resources = match page.get(b"Resources") {
        Ok(object) => import(update, &page_doc, object, &mut imported)?,
        Err(_) => Object::Dictionary(Dictionary::new()),
    };
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), width.into(), height.into()]),
    );
    dict.set("Resources", resources);
    let mut stream = Stream::new(dict, content);
    stream
        .compress()
        .map_err(|e| DocumentError::Pdf(e.to_string()))?;
    Ok(update.add(stream))
}

/// The page's content, decoded and joined when it is split in parts.
fn page_content(doc: &Document, page: &Dictionary) -> Result<Vec<u8>, DocumentError> {
    let refs = match page.get(b"Contents") {
        Ok(Object::Reference(id)) => vec![*id],
        Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    };
    let mut content = Vec::new();
    for id in refs {
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        let plain = stream
            .get_plain_content()
            .map_err(|e| broken(&e.to_string()))?;
        content.extend_from_slice(&plain);
        content.push(b'\n');
    }
    Ok(content)
}

/// `object` of `source` copied into `update`, the objects it refers to with it.
fn import(
    update: &mut Update<'_>,
    source: &Document,
    object: &Object,
    imported: &mut BTreeMap<ObjectId, ObjectId>,
) -> Result<Object, DocumentError> {
    Ok(match object {
        Object::Reference(id) => {
            if let Some(new) = imported.get(id) {
                return Ok(Object::Reference(*new));
            }
            let target = source.get_object(*id).map_err(|e| broken(&e.to_string()))?;
            // Reserve the number first: fonts refer to their descriptors and back.
            let new = update.add(Object::Null);
            imported.insert(*id, new);
            let copied = import(update, source, target, imported)?;
            update.replace(new, copied);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(
            items
                .iter()
                .map(|item| import(update, source, item, imported))
                .collect::<Result<_, _>>()?,
        ),
        Object::Dictionary(dict) => {
            Object::Dictionary(import_dict(update, source, dict, imported)?)
        }
        Object::Stream(stream) => {
            let dict = import_dict(update, source, &stream.dict, imported)?;
            Object::Stream(Stream::new(dict, stream.content.clone()))
        }
        other => other.clone(),
    })
}

fn import_dict(
    update: &mut Update<'_>,
    source: &Document,
    dict: &Dictionary,
    imported: &mut BTreeMap<ObjectId, ObjectId>,
) -> Result<Dictionary, DocumentError> {
    let mut copy = Dictionary::new();
    for (key, value) in dict.iter() {
        copy.set(key.clone(), import(update, source, value, imported)?);
    }
    Ok(copy)
}

/// A one-page PDF of the box with its lines.
fn draw((width, height): (f32, f32), lines: &[Line], look: Look) -> Result<Vec<u8>, DocumentError> {
    let faces = Faces::get();
    let mut document = Krilla::new();
    let settings = PageSettings::from_wh(width, height)
        .ok_or_else(|| DocumentError::Pdf(format!("appearance of {width}×{height}")))?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    let paint = colour(look);
    if look != Look::Text {
        frame(&mut surface, (width, height), paint, look == Look::Seal);
    }
    let total: f32 = lines.iter().map(|l| l.size * 1.25).sum();
    let mut y = if look == Look::Text {
        0.0
    } else {
        ((height - total) / 2.0).max(0.0)
    };
    surface.set_fill(Some(Fill {
        paint: paint.into(),
        ..Fill::default()
    }));
    for line in lines {
        let text_width = faces.width(line.style, line.size, &line.text);
        let x = match look {
            Look::Text => (width - text_width).max(0.0),
            _ => ((width - text_width) / 2.0).max(2.0),
        };
        let baseline = y + faces.ascent(line.size);
        surface.draw_text(
            Point::from_xy(x, baseline),
            faces.font(line.style),
            line.size,
            &line.text,
            false,
            TextDirection::Auto,
        );
        y += line.size * 1.25;
    }
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|e| DocumentError::Pdf(format!("{e:?}")))
}

fn frame(
    surface: &mut krilla::surface::Surface<'_>,
    (width, height): (f32, f32),
    paint: rgb::Color,
    double: bool,
) {
    let insets: &[f32] = if double { &[1.0, 3.5] } else { &[1.0] };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: paint.into(),
        width: 0.8,
        ..Stroke::default()
    }));
    for inset in insets {
        let mut path = PathBuilder::new();
        if let Some(rect) =
            Rect::from_xywh(*inset, *inset, width - 2.0 * inset, height - 2.0 * inset)
        {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            surface.draw_path(&path);
        }
    }
    surface.set_stroke(None);
}
