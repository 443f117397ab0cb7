//! The embedded Liberation Serif faces: krilla fonts to draw with, and rustybuzz faces to
//! measure words the way they will be drawn (shaped, with kerning).

use std::sync::OnceLock;

use krilla::text::Font;

const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// A run's face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Style {
    /// Bold.
    pub(crate) bold: bool,
    /// Italic.
    pub(crate) italic: bool,
}

impl Style {
    fn data(self) -> &'static [u8] {
        match (self.bold, self.italic) {
            (false, false) => REGULAR,
            (true, false) => BOLD,
            (false, true) => ITALIC,
            (true, true) => BOLD_ITALIC,
        }
    }

    fn index(self) -> usize {
        usize::from(self.bold) * 2 + usize::from(self.italic)
    }
}

/// The four faces, parsed once per process.
pub(crate) struct Faces {
    fonts: Vec<Font>,
    shapers: Vec<rustybuzz::Face<'static>>,
}

impl std::fmt::Debug for Faces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Faces(Liberation Serif)")
    }
}

impl Faces {
    /// The faces (parsed on first use).
    pub(crate) fn get() -> &'static Faces {
        static FACES: OnceLock<Faces> = OnceLock::new();
        FACES.get_or_init(|| {
            let styles = [
                Style::default(),
                Style {
                    bold: false,
                    italic: true,
                },
                Style {
                    bold: true,
                    italic: false,
                },
                Style {
                    bold: true,
                    italic: true,
                },
            ];
            let mut ordered = styles;
            ordered.sort_by_key(|s| s.index());
            let fonts = ordered
                .iter()
                .map(|s| {
                    Font::new(s.data().into(), 0)
                        .unwrap_or_else(|| unreachable!("embedded font parses"))
                })
                .collect();
            let shapers = ordered
                .iter()
                .map(|s| {
                    rustybuzz::Face::from_slice(s.data(), 0)
                        .unwrap_or_else(|| unreachable!("embedded font parses"))
                })
                .collect();
            Faces { fonts, shapers }
        })
    }

    /// The font to draw a style with.
    pub(crate) fn font(&self, style: Style) -> Font {
        self.fonts[style.index()].clone()
    }

    /// Width of `text` in `style` at `size` points.
    pub(crate) fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let face = &self.shapers[style.index()];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em() as f32
    }

    /// Height of the ascender at `size` points (baseline below the top of a line).
    pub(crate) fn ascent(&self, size: f32) -> f32 {
        let face = &self.shapers[0];
        f32::from(face.ascender()) * size / face.units_per_em() as f32
    }
}
