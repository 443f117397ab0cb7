//! The app's document port on `ansinh-documents`.

use std::collections::BTreeMap;

use ansinh_app::AppError;
use ansinh_app::documents::{DocumentRenderer, Place, RenderedDocument, SlotPlace};
use ansinh_core::ErrorCode;
use ansinh_documents::DocumentError;

/// Templates laid out as Decree 30 documents.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Decree30Renderer;

impl DocumentRenderer for Decree30Renderer {
    fn render(
        &self,
        template: &str,
        fields: &BTreeMap<String, String>,
        title: &str,
        slots: &[(&str, usize)],
    ) -> Result<RenderedDocument, AppError> {
        let mut fields = fields.clone();
        for (name, room) in slots {
            fields.insert((*name).to_owned(), ansinh_documents::slot(name, *room));
        }
        let rendered = ansinh_documents::render(template, &fields, title).map_err(|e| match e {
            DocumentError::Template(_) => {
                AppError::invalid(ErrorCode::TemplateInvalid, e.to_string())
            }
            DocumentError::Pdf(detail) => AppError::Internal(detail),
        })?;
        Ok(RenderedDocument {
            pdf: rendered.pdf,
            missing: rendered.missing,
            pages: rendered.pages,
            slots: rendered
                .slots
                .into_iter()
                .map(|slot| SlotPlace {
                    name: slot.name,
                    place: Place {
                        page: slot.page,
                        rect: slot.rect,
                    },
                    size: slot.size,
                    italic: slot.italic,
                })
                .collect(),
        })
    }
}
