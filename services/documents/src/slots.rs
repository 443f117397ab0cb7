//! Slots: places a document leaves empty for what is added after it is drafted (the decision's
//! number and date, stamped by the clerk at issue; the room for the leader's signature and the
//! seal). A merge field given `slot(name, chars)` as its value reserves room for `chars` digits
//! in the line's font; the layout answers where each slot landed.

use crate::fonts::{Faces, Style};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The slot the signer's block leaves below "(Ký, đóng dấu)".
pub const SIGNATURE: &str = "signature";

/// A place left empty on a page, in PDF points from the page's bottom left.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Its name: a merge field's name, or [`SIGNATURE`].
    pub name: String,
    /// Page, from 0.
    pub page: usize,
    /// Left, bottom, width, height.
    pub rect: [f32; 4],
    /// The font size of the line it sits in.
    pub size: f32,
    /// Whether that line is italic (the place and date line).
    pub italic: bool,
    /// Whether that line is bold.
    pub bold: bool,
}

/// The value of a merge field that leaves room for `chars` digits, named `name`.
pub fn slot(name: &str, chars: usize) -> String {
    format!("{OPEN}{name}#{chars}{CLOSE}")
}

/// A piece of a word: text, or a slot with its name and its room in digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    Text(&'a str),
    Slot(&'a str, usize),
}

/// `piece` cut into text and slots.
pub(crate) fn segments(piece: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = piece;
    while let Some(start) = rest.find(OPEN) {
        let Some(len) = rest[start..].find(CLOSE) else {
            break;
        };
        if start > 0 {
            out.push(Segment::Text(&rest[..start]));
        }
        let inner = &rest[start + OPEN.len_utf8()..start + len];
        let (name, chars) = inner.rsplit_once('#').unwrap_or((inner, "2"));
        out.push(Segment::Slot(name, chars.parse().unwrap_or(2)));
        rest = &rest[start + len + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// The room a slot of `chars` digits takes.
pub(crate) fn slot_width(style: Style, size: f32, chars: usize) -> f32 {
    Faces::get().width(style, size, "0") * chars as f32
}

/// Width of a piece, its slots counted at their room.
pub(crate) fn measure(style: Style, size: f32, piece: &str) -> f32 {
    let faces = Faces::get();
    segments(piece)
        .iter()
        .map(|segment| match segment {
            Segment::Text(text) => faces.width(style, size, text),
            Segment::Slot(_, chars) => slot_width(style, size, *chars),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_in_a_word_is_cut_out_with_its_room() {
        let word = format!("{}/QĐ-UBND", slot("so_quyet_dinh", 4));
        assert_eq!(
            segments(&word),
            vec![Segment::Slot("so_quyet_dinh", 4), Segment::Text("/QĐ-UBND")]
        );
        assert_eq!(segments("Số:"), vec![Segment::Text("Số:")]);
        let style = Style::default();
        let four = measure(style, 13.0, &slot("x", 4));
        assert!((four - 4.0 * Faces::get().width(style, 13.0, "0")).abs() < 0.01);
    }
}
