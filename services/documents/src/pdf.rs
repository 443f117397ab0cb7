//! Paints laid-out pages into a PDF with krilla: fonts embedded as subsets with their Unicode
//! maps (the text layer reads back with diacritics), no creation date and a document id from
//! the content, so the same inputs give the same bytes.

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::TextDirection;

use crate::DocumentError;
use crate::fonts::Faces;
use crate::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH};

/// The PDF of `pages`, titled `title`.
pub(crate) fn paint(pages: &[Vec<Op>], title: &str) -> Result<Vec<u8>, DocumentError> {
    let faces = Faces::get();
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("vi".to_owned())
            .creator("Ansinh".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| DocumentError::Pdf("A4 page size".to_owned()))?;
    for ops in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    style,
                    text,
                } => surface.draw_text(
                    Point::from_xy(*x, *y),
                    faces.font(*style),
                    *size,
                    text,
                    false,
                    TextDirection::Auto,
                ),
                // Left empty: filled in by a later revision.
                Op::Slot { .. } => {}
                Op::Rule { x1, x2, y } => {
                    let mut path = PathBuilder::new();
                    path.move_to(*x1, *y);
                    path.line_to(*x2, *y);
                    if let Some(path) = path.finish() {
                        surface.set_stroke(Some(Stroke {
                            width: 0.6,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| DocumentError::Pdf(format!("{e:?}")))
}
