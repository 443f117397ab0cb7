//! Blocks laid out on A4 pages as Decree 30/2020 (Appendix I) sets administrative documents:
//! margins 20 mm top and bottom, 30 mm left, 15 mm right; text in 14 pt, justified, first lines
//! indented 1.27 cm, at least 6 pt between paragraphs; the document's kind and subject centred
//! and bold with a short rule under the subject; the letterhead's two columns (agency and its
//! number on the left, the national motto with its rule, place and date on the right) and the
//! signature block ("Nơi nhận" in 12/11 pt on the left, the signer on the right). The result is
//! a list of drawing operations per page, painted into a PDF elsewhere.

use pulldown_cmark::Alignment;

use crate::blocks::{Block, Cell, Run};
use crate::fonts::{Faces, Style};
use crate::slots::{self, Segment};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// A4.
pub(crate) const PAGE_WIDTH: f32 = 210.0 * MM;
pub(crate) const PAGE_HEIGHT: f32 = 297.0 * MM;
const LEFT: f32 = 30.0 * MM;
const RIGHT: f32 = 15.0 * MM;
const TOP: f32 = 20.0 * MM;
const BOTTOM: f32 = 20.0 * MM;
const WIDTH: f32 = PAGE_WIDTH - LEFT - RIGHT;
const BODY: f32 = 14.0;
const LEADING: f32 = 1.2;
const INDENT: f32 = 12.7 * MM;
const PARAGRAPH_GAP: f32 = 6.0;

/// One drawing operation, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// Text whose baseline starts at (x, y).
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        text: String,
    },
    /// A rule from (x1, y) to (x2, y).
    Rule { x1: f32, x2: f32, y: f32 },
    /// Room left empty, from (x, top): a slot for what is added after drafting.
    Slot {
        name: String,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        size: f32,
        style: Style,
    },
}

/// A word: pieces in their styles, measured.
#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<(String, Style, f32)>,
    width: f32,
    /// A line break follows (a hard break in a table cell).
    breaks: bool,
}

fn words(runs: &[Run], size: f32) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = Word {
        pieces: Vec::new(),
        width: 0.0,
        breaks: false,
    };
    let flush = |current: &mut Word, breaks: bool, words: &mut Vec<Word>| {
        if current.pieces.is_empty() {
            if breaks && let Some(last) = words.last_mut() {
                last.breaks = true;
            }
            return;
        }
        current.breaks = breaks;
        words.push(std::mem::replace(
            current,
            Word {
                pieces: Vec::new(),
                width: 0.0,
                breaks: false,
            },
        ));
    };
    for run in runs {
        let mut piece = String::new();
        for c in run.text.chars() {
            if c == '\n' || c.is_whitespace() {
                if !piece.is_empty() {
                    let width = slots::measure(run.style, size, &piece);
                    current.width += width;
                    current
                        .pieces
                        .push((std::mem::take(&mut piece), run.style, width));
                }
                flush(&mut current, c == '\n', &mut words);
            } else {
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            let width = slots::measure(run.style, size, &piece);
            current.width += width;
            current.pieces.push((piece, run.style, width));
        }
    }
    flush(&mut current, false, &mut words);
    words
}

/// Words broken into lines no wider than `first` (the first line) and `rest`.
fn lines(words: Vec<Word>, first: f32, rest: f32, space: f32) -> Vec<Vec<Word>> {
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut width = 0.0;
    for word in words {
        let limit = if lines.is_empty() { first } else { rest };
        let needed = if line.is_empty() {
            word.width
        } else {
            width + space + word.width
        };
        if !line.is_empty() && needed > limit {
            lines.push(std::mem::take(&mut line));
            width = word.width;
        } else {
            width = needed;
        }
        let breaks = word.breaks;
        line.push(word);
        if breaks {
            lines.push(std::mem::take(&mut line));
            width = 0.0;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How a paragraph's lines sit in their box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Justify,
    Left,
    Center,
}

/// The pages being filled.
struct Pages {
    pages: Vec<Vec<Op>>,
    y: f32,
    tables: usize,
}

impl Pages {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: TOP,
            tables: 0,
        }
    }

    /// Makes room for `height`, starting a page when it does not fit.
    fn room(&mut self, height: f32) {
        if self.y + height > PAGE_HEIGHT - BOTTOM && self.y > TOP {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    fn op(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }
}

/// Draws `lines` (justified ones stretched to the width) in a box from `x` of `width`, the
/// first line indented by `indent`, from `top`; answers the ops and the widest line's width.
fn draw_lines(
    lines: &[Vec<Word>],
    (x, width, indent): (f32, f32, f32),
    top: f32,
    size: f32,
    align: Align,
) -> (Vec<Op>, f32) {
    let faces = Faces::get();
    let space = faces.width(Style::default(), size, " ");
    let line_height = size * LEADING;
    let mut ops = Vec::new();
    let mut widest: f32 = 0.0;
    for (i, line) in lines.iter().enumerate() {
        let start = if i == 0 { x + indent } else { x };
        let available = if i == 0 { width - indent } else { width };
        let natural: f32 = line.iter().map(|w| w.width).sum::<f32>()
            + space * (line.len().saturating_sub(1)) as f32;
        widest = widest.max(natural);
        // The caller gives a paragraph's last line `Left`; a hard break ends a line as well.
        let ends = line.last().is_some_and(|w| w.breaks);
        let (mut pen, gap) = match align {
            Align::Justify if !ends && line.len() > 1 => (
                start,
                space + (available - natural) / (line.len() - 1) as f32,
            ),
            Align::Center => (start + (available - natural).max(0.0) / 2.0, space),
            _ => (start, space),
        };
        let baseline = top + i as f32 * line_height + faces.ascent(size);
        for word in line {
            let mut at = pen;
            for (text, style, piece_width) in &word.pieces {
                piece_ops(&mut ops, (at, baseline), size, *style, text);
                at += piece_width;
            }
            pen += word.width + gap;
        }
    }
    (ops, widest)
}

/// A piece's text and slots from (x, baseline).
fn piece_ops(ops: &mut Vec<Op>, (x, baseline): (f32, f32), size: f32, style: Style, text: &str) {
    let faces = Faces::get();
    let mut at = x;
    for segment in slots::segments(text) {
        match segment {
            Segment::Text(text) => {
                ops.push(Op::Text {
                    x: at,
                    y: baseline,
                    size,
                    style,
                    text: text.to_owned(),
                });
                at += faces.width(style, size, text);
            }
            Segment::Slot(name, chars) => {
                let width = slots::slot_width(style, size, chars);
                ops.push(Op::Slot {
                    name: name.to_owned(),
                    x: at,
                    top: baseline - faces.ascent(size),
                    width,
                    height: size * LEADING,
                    size,
                    style,
                });
                at += width;
            }
        }
    }
}

fn paragraph(pages: &mut Pages, runs: &[Run], align: Align, indent: f32, gap_after: f32) {
    let faces = Faces::get();
    let space = faces.width(Style::default(), BODY, " ");
    let broken = lines(words(runs, BODY), WIDTH - indent, WIDTH, space);
    let line_height = BODY * LEADING;
    for (i, line) in broken.iter().enumerate() {
        pages.room(line_height);
        let first = if i == 0 { indent } else { 0.0 };
        let last_of_all = i + 1 == broken.len();
        // One line at a time, so a paragraph may continue on the next page.
        let align = if last_of_all && align == Align::Justify {
            Align::Left
        } else {
            align
        };
        let (ops, _) = draw_lines(
            std::slice::from_ref(line),
            (LEFT, WIDTH, first),
            pages.y,
            BODY,
            align,
        );
        ops.into_iter().for_each(|op| pages.op(op));
        pages.y += line_height;
    }
    pages.y += gap_after;
}

/// Whether every run is bold (the issuing authority's line, "QUYẾT ĐỊNH:"): centred.
fn all_bold(runs: &[Run]) -> bool {
    runs.iter()
        .all(|r| r.style.bold || r.text.trim().is_empty())
}

fn heading(pages: &mut Pages, level: u8, runs: &[Run]) {
    let bold: Vec<Run> = runs
        .iter()
        .map(|r| Run {
            text: r.text.clone(),
            style: Style {
                bold: true,
                italic: r.style.italic,
            },
        })
        .collect();
    if level == 1 {
        pages.y += PARAGRAPH_GAP * 2.0;
    }
    let top = pages.y;
    paragraph(pages, &bold, Align::Center, 0.0, 0.0);
    if level >= 2 {
        // Decree 30: a short rule under the subject line, a third to a half of it.
        let width = lines(words(&bold, BODY), WIDTH, WIDTH, 0.0)
            .iter()
            .map(|l| l.iter().map(|w| w.width).sum::<f32>())
            .fold(0.0, f32::max)
            .min(WIDTH)
            * 0.4;
        let y = top.max(pages.y - 2.0) + 6.0;
        let centre = LEFT + WIDTH / 2.0;
        pages.op(Op::Rule {
            x1: centre - width / 2.0,
            x2: centre + width / 2.0,
            y,
        });
        pages.y = y + PARAGRAPH_GAP;
    } else {
        pages.y += 2.0;
    }
}

/// Column widths: a two-column letterhead or signature block is split 40/60, like the
/// Decree's samples; otherwise columns are equal.
fn column_widths(columns: usize) -> Vec<f32> {
    match columns {
        2 => vec![WIDTH * 0.4, WIDTH * 0.6],
        n => vec![WIDTH / n.max(1) as f32; n.max(1)],
    }
}

/// How a cell is set: its size, and whether it is bold whatever the template says. In the
/// letterhead the agency's name and the national name are 12 pt bold, the motto 13 pt bold;
/// in a left-aligned column (the recipients) 12 pt for its title and 11 pt for the list;
/// elsewhere 13 pt (Decree 30, Appendix I).
fn cell_look(letterhead: bool, alignment: Alignment, row: usize, column: usize) -> (f32, bool) {
    match (letterhead, alignment, row, column) {
        (true, _, 0, _) => (12.0, true),
        (true, _, 1, 1) => (13.0, true),
        (_, Alignment::Left, 0, _) => (12.0, false),
        (_, Alignment::Left, _, _) => (11.0, false),
        _ => (13.0, false),
    }
}

/// Room left for the signature and seal below "(Ký, đóng dấu)" (or "(Ký số)").
const SIGNATURE_SPACE: f32 = 56.0;

fn is_signature_note(cell: &Cell) -> bool {
    let text: String = cell.iter().map(|r| r.text.as_str()).collect();
    text.trim_start().starts_with("(Ký")
}

/// A cell broken into lines, with how it is set.
struct LaidCell {
    lines: Vec<Vec<Word>>,
    size: f32,
    align: Align,
    width: f32,
}

fn lay_cell(cell: &Cell, width: f32, (size, bold): (f32, bool), alignment: Alignment) -> LaidCell {
    let runs: Cell = cell
        .iter()
        .map(|run| Run {
            text: run.text.clone(),
            style: Style {
                bold: bold || run.style.bold,
                ..run.style
            },
        })
        .collect();
    let space = Faces::get().width(Style::default(), size, " ");
    let inner = width - 6.0;
    LaidCell {
        lines: lines(words(&runs, size), inner, inner, space),
        size,
        align: if alignment == Alignment::Center {
            Align::Center
        } else {
            Align::Left
        },
        width,
    }
}

/// A table laid out column by column: each column stacks its non-empty cells, so the
/// recipients' list runs on while the signer's column leaves room to sign, and the agency's
/// number comes level with the place and date as in the Decree's samples.
fn table(pages: &mut Pages, alignments: &[Alignment], rows: &[Vec<Cell>]) {
    pages.tables += 1;
    let letterhead = pages.tables == 1;
    let widths = column_widths(alignments.len().max(rows.first().map_or(1, Vec::len)));
    let columns: Vec<Vec<(usize, LaidCell, bool)>> = (0..widths.len())
        .map(|c| {
            let alignment = alignments.get(c).copied().unwrap_or(Alignment::None);
            rows.iter()
                .enumerate()
                .filter_map(|(r, row)| row.get(c).map(|cell| (r, cell)))
                .filter(|(_, cell)| cell.iter().any(|run| !run.text.trim().is_empty()))
                .map(|(r, cell)| {
                    let look = cell_look(letterhead, alignment, r, c);
                    (
                        r,
                        lay_cell(cell, widths[c], look, alignment),
                        is_signature_note(cell),
                    )
                })
                .collect()
        })
        .collect();
    let rule_after = |r: usize, c: usize| letterhead && ((r, c) == (0, 0) || (r, c) == (1, 1));
    let cell_height = |r: usize, c: usize, cell: &LaidCell, signs: bool| {
        cell.lines.len() as f32 * cell.size * LEADING
            + if rule_after(r, c) { 5.0 } else { 0.0 }
            + if signs && !letterhead {
                SIGNATURE_SPACE
            } else {
                0.0
            }
    };
    let total = columns
        .iter()
        .enumerate()
        .map(|(c, cells)| {
            cells
                .iter()
                .map(|(r, cell, signs)| cell_height(*r, c, cell, *signs))
                .sum::<f32>()
        })
        .fold(0.0, f32::max);
    pages.room(total);
    let top = pages.y;
    let mut x = LEFT;
    for (c, cells) in columns.iter().enumerate() {
        let mut y = top;
        for (r, cell, signs) in cells {
            let (ops, widest) = draw_lines(
                &cell.lines,
                (x + 3.0, cell.width - 6.0, 0.0),
                y,
                cell.size,
                cell.align,
            );
            ops.into_iter().for_each(|op| pages.op(op));
            if *signs && !letterhead {
                pages.op(Op::Slot {
                    name: slots::SIGNATURE.to_owned(),
                    x: x + 3.0,
                    top: y + cell.lines.len() as f32 * cell.size * LEADING,
                    width: cell.width - 6.0,
                    height: SIGNATURE_SPACE,
                    size: cell.size,
                    style: Style::default(),
                });
            }
            if rule_after(*r, c) && !cell.lines.is_empty() {
                // Under the agency's name a third of it; under the motto as long as the motto.
                let length = if c == 0 { widest / 3.0 } else { widest };
                let rule_y = y + cell.lines.len() as f32 * cell.size * LEADING + 1.5;
                let centre = x + cell.width / 2.0;
                pages.op(Op::Rule {
                    x1: centre - length / 2.0,
                    x2: centre + length / 2.0,
                    y: rule_y,
                });
            }
            y += cell_height(*r, c, cell, *signs);
        }
        x += widths[c];
    }
    pages.y = top + total + PARAGRAPH_GAP * 2.0;
}

/// Lays the blocks out: the drawing operations of each page.
pub(crate) fn lay_out(blocks: &[Block]) -> Vec<Vec<Op>> {
    let mut pages = Pages::new();
    for block in blocks {
        match block {
            Block::Heading(level, runs) => heading(&mut pages, *level, runs),
            Block::Paragraph(runs) if all_bold(runs) => {
                paragraph(&mut pages, runs, Align::Center, 0.0, PARAGRAPH_GAP)
            }
            Block::Paragraph(runs) => {
                paragraph(&mut pages, runs, Align::Justify, INDENT, PARAGRAPH_GAP)
            }
            Block::Item(runs) => {
                let mut dashed = vec![Run {
                    text: "- ".to_owned(),
                    style: Style::default(),
                }];
                dashed.extend(runs.iter().cloned());
                paragraph(&mut pages, &dashed, Align::Justify, INDENT, 2.0);
            }
            Block::Table(alignments, rows) => table(&mut pages, alignments, rows),
        }
    }
    pages.pages
}

/// The slots of laid-out pages, in PDF coordinates (from the bottom left).
pub(crate) fn slots_of(pages: &[Vec<Op>]) -> Vec<crate::Slot> {
    let mut found = Vec::new();
    for (page, ops) in pages.iter().enumerate() {
        for op in ops {
            if let Op::Slot {
                name,
                x,
                top,
                width,
                height,
                size,
                style,
            } = op
            {
                found.push(crate::Slot {
                    name: name.clone(),
                    page,
                    rect: [*x, PAGE_HEIGHT - top - height, *width, *height],
                    size: *size,
                    italic: style.italic,
                    bold: style.bold,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::blocks;

    fn texts(page: &[Op]) -> Vec<(f32, f32, String)> {
        page.iter()
            .filter_map(|op| match op {
                Op::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                Op::Rule { .. } | Op::Slot { .. } => None,
            })
            .collect()
    }

    #[test]
    fn a_long_paragraph_is_justified_within_the_margins_and_indented() {
        let text = "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội và các văn bản sửa đổi, bổ sung;";
        let pages = lay_out(&blocks(text));
        let words = texts(&pages[0]);
        assert_eq!(words[0].2, "Căn");
        assert!((words[0].0 - (LEFT + INDENT)).abs() < 0.01);
        let first_line: Vec<_> = words
            .iter()
            .filter(|w| (w.1 - words[0].1).abs() < 0.01)
            .collect();
        let last = first_line
            .last()
            .map(|w| w.0 + Faces::get().width(Style::default(), BODY, &w.2));
        // Justified: the first line ends at the right margin.
        assert!(
            last.is_some_and(|end| (end - (LEFT + WIDTH)).abs() < 0.05),
            "{last:?}"
        );
        assert!(
            words
                .iter()
                .all(|w| w.0 >= LEFT - 0.01 && w.0 < LEFT + WIDTH)
        );
        assert!(words.iter().map(|w| w.1).fold(0.0, f32::max) > words[0].1);
    }

    #[test]
    fn the_letterhead_has_its_two_rules_and_a_long_document_breaks_pages() {
        let letterhead = "| UBND XÃ BẢO LÂM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| :---: | :---: |\n| Số: 12/QĐ-UBND | Độc lập - Tự do - Hạnh phúc |\n";
        let long = format!("{letterhead}\n{}", "Điều khoản dài. ".repeat(800));
        let pages = lay_out(&blocks(&long));
        let rules = pages[0]
            .iter()
            .filter(|op| matches!(op, Op::Rule { .. }))
            .count();
        assert_eq!(rules, 2);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for page in &pages {
            assert!(
                texts(page)
                    .iter()
                    .all(|w| w.1 < PAGE_HEIGHT - BOTTOM + 1.0 && w.1 > TOP)
            );
        }
    }
}
