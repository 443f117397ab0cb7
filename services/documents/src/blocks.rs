//! The Markdown of a filled-in template as the blocks a Decree 30 document is made of:
//! headings (the document's kind and its subject), paragraphs (bases, articles), list items,
//! and two-column tables (the letterhead and the signature block with "Nơi nhận").

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};

use crate::fonts::Style;

/// Text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) text: String,
    pub(crate) style: Style,
}

/// A table cell: its runs, one line break kept as a new line.
pub(crate) type Cell = Vec<Run>;

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// `#` (level 1) or `##` (level 2).
    Heading(u8, Vec<Run>),
    /// A paragraph.
    Paragraph(Vec<Run>),
    /// A list item (`- …`).
    Item(Vec<Run>),
    /// A table: alignment per column, rows of cells.
    Table(Vec<Alignment>, Vec<Vec<Cell>>),
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    runs: Vec<Run>,
    bold: u32,
    italic: u32,
    alignments: Vec<Alignment>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    /// Open list items (an item's text is one block, even in a loose list).
    items: u32,
}

impl Builder {
    fn text(&mut self, text: &str) {
        let style = Style {
            bold: self.bold > 0,
            italic: self.italic > 0,
        };
        match self.runs.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => self.runs.push(Run {
                text: text.to_owned(),
                style,
            }),
        }
    }

    fn take(&mut self) -> Vec<Run> {
        std::mem::take(&mut self.runs)
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                let runs = self.take();
                self.blocks.push(Block::Heading(level as u8, runs));
            }
            TagEnd::Paragraph => {
                let runs = self.take();
                if !runs.iter().all(|r| r.text.trim().is_empty()) {
                    self.blocks.push(Block::Paragraph(runs));
                }
            }
            TagEnd::Item => {
                self.items = self.items.saturating_sub(1);
                let runs = self.take();
                self.blocks.push(Block::Item(runs));
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::TableCell => {
                let runs = self.take();
                self.row.push(runs);
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                self.rows.push(row);
            }
            TagEnd::Table => {
                let alignments = std::mem::take(&mut self.alignments);
                let rows = std::mem::take(&mut self.rows);
                self.blocks.push(Block::Table(alignments, rows));
            }
            _ => {}
        }
    }
}

/// The blocks of `markdown` (CommonMark with tables).
pub(crate) fn blocks(markdown: &str) -> Vec<Block> {
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Strong) => builder.bold += 1,
            Event::Start(Tag::Emphasis) => builder.italic += 1,
            Event::Start(Tag::Table(alignments)) => builder.alignments = alignments,
            Event::Start(Tag::Item) => {
                builder.items += 1;
                builder.runs.clear();
            }
            Event::Start(_) => {}
            Event::End(TagEnd::Paragraph) if builder.items > 0 => {}
            Event::End(tag) => builder.end(tag),
            Event::Text(text) | Event::Code(text) => builder.text(&text),
            Event::SoftBreak => builder.text(" "),
            Event::HardBreak => builder.text("\n"),
            _ => {}
        }
    }
    builder.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_items_and_tables() {
        let blocks = blocks(
            "| A | B |\n| :---: | :---: |\n| Số: 1 | *Hà Nội* |\n\n# QUYẾT ĐỊNH\n\n**Điều 1.** Hỗ trợ\n\n- Ông/Bà: **Mai**\n",
        );
        assert_eq!(blocks.len(), 4);
        let Block::Table(alignments, rows) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(alignments, &vec![Alignment::Center, Alignment::Center]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][1][0].text, "Hà Nội");
        assert!(rows[1][1][0].style.italic);
        assert_eq!(
            blocks[1],
            Block::Heading(
                1,
                vec![Run {
                    text: "QUYẾT ĐỊNH".into(),
                    style: Style::default()
                }]
            )
        );
        let Block::Paragraph(runs) = &blocks[2] else {
            panic!()
        };
        assert!(runs[0].style.bold && runs[0].text == "Điều 1.");
        let Block::Item(runs) = &blocks[3] else {
            panic!()
        };
        assert_eq!(runs[1].text, "Mai");
    }
}
