//! A slide's body: its Markdown blocks (`body:` in a YAML deck, a Markdown
//! slide's content), read into plain typed data that layout sets.
//!
//! Everything here is already checked: code is split into lines of
//! classified tokens, links are resolved, pictures are known files. Layout
//! trusts it and only measures and places.

pub(crate) mod attributes;
mod code;
mod divs;
mod highlight;
pub(crate) mod html;
mod math;
mod origin;
mod read;
mod steps;
pub(crate) mod tex;
mod warm_up;

use std::collections::BTreeSet;

use crate::diag::Span;
use crate::model::{Alt, FileRef, Link};

pub use highlight::{CodeToHighlight, HighlightedCode};
pub use origin::{DeckLines, Origin};
pub use read::{marp_fragments_as_divs, read, read_formulas, Context, ListSteps};
pub use steps::is_pause;
pub use warm_up::warm_up_highlighting;

/// The most characters a body may hold: pages of text, far more than a
/// slide shows, and little enough to read and lay out at once.
pub const LONGEST_BODY: usize = 50_000;
/// How deep lists, quotes and columns may nest in a body.
pub const MOST_DEPTH: usize = 8;
/// The most cells a table may have, its header row included.
pub const MOST_TABLE_CELLS: usize = 500;
/// The most lines a code block may have.
pub const MOST_CODE_LINES: usize = 500;

/// The blocks of one slide's body, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// Where the body starts in the deck file.
    pub span: Span,
}

/// One block of a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A heading inside a body, set as a bold lead line. `level` is as
    /// written (1 for `#`), from 1 to 6.
    Heading {
        level: u8,
        text: Vec<Inline>,
    },
    List(List),
    Code(CodeBlock),
    Table(Table),
    /// A block quote (`> ...`).
    Quote(Vec<Block>),
    /// A thematic break (`---` inside a body).
    Rule,
    /// A picture standing as a block (`![alt](path)` alone in a paragraph).
    Image {
        image: FileRef,
        alt: Option<Alt>,
    },
    /// Blocks side by side (Pandoc's `:::: columns` with `::: column` divs).
    Columns(Vec<Column>),
    /// A pause (a paragraph of three dots, `. . .`): what follows appears
    /// one step later when presenting. Nothing is drawn for it.
    Pause,
    /// A block not yet revealed at a step of its slide: it keeps its room
    /// on the page, and nothing of it is drawn. Only in the body of an
    /// early step ([`Body::at_step`]).
    Hidden(Box<Block>),
    /// A display formula (`$$...$$` or `\[...\]`), centred on its own line.
    Math(Math),
}

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        style: InlineStyle,
    },
    /// A hard line break (two spaces or `\` at a line's end).
    Break,
    /// A formula in the line (`$...$` or `\(...\)`); a display formula
    /// stands here only in a heading or a table cell, set inline there.
    Math(Math),
}

/// A formula, as written in TeX.
#[derive(Debug, Clone, PartialEq)]
pub struct Math {
    /// The TeX between its delimiters, untouched.
    pub source: String,
    /// Written as a display formula (`$$...$$`, `\[...\]`).
    pub display: bool,
    /// Where its source starts in the deck file.
    pub span: Span,
    /// The formula typeset; `None` when it could not be (a warning says
    /// why), and its source is shown as written, in the error colour.
    pub formula: Option<crate::math::Formula>,
}

/// How a piece of inline text is set. Styles nest, so any mix may hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InlineStyle {
    /// `**bold**`
    pub strong: bool,
    /// `*italic*`
    pub emphasis: bool,
    /// `` `code` ``: the monospace face.
    pub code: bool,
    /// `~~strike~~`
    pub strike: bool,
    /// `<u>`, Pandoc's `[text]{.underline}`
    pub underline: bool,
    /// `<small>`, `<sub>`, `<sup>`: smaller, maybe lowered or raised.
    pub size: TextSize,
    /// `[text](url)`: where the words lead; the URL is never printed.
    pub link: Option<Link>,
}

/// The size and place of inline text against the text around it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextSize {
    #[default]
    Normal,
    /// `<small>`
    Small,
    /// `<sub>`: smaller, below the baseline.
    Subscript,
    /// `<sup>`: smaller, above the baseline.
    Superscript,
}

/// A bulleted or numbered list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub kind: ListKind,
    /// Tight lists (no blank lines between items) are set closer.
    pub tight: bool,
    /// Whether its items appear one step after another when presenting
    /// (`incremental: true`, `::: incremental`, Marp's `*` and `1)` lists).
    pub incremental: bool,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Bullet,
    /// Numbered from `start`, as written.
    Numbered {
        start: u64,
    },
}

/// One item of a list: its blocks, nested lists among them.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `- [ ]` is `Some(false)`, `- [x]` is `Some(true)`.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
    /// Not yet revealed at this step of its slide: the item keeps its
    /// room, and neither its marker nor its blocks are drawn. Only in the
    /// body of an early step ([`Body::at_step`]).
    pub hidden: bool,
}

/// A fenced or indented code block, highlighted.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    /// The language as written after the fence, if any and if known.
    pub language: Option<String>,
    /// Every line, blank ones included, tabs expanded to spaces.
    pub lines: Vec<CodeLine>,
    /// The number of the first line when lines are numbered.
    pub first_line_number: Option<u32>,
    /// The lines to stand out, counted from 1.
    pub highlighted: BTreeSet<u32>,
}

/// One line of code: its tokens in order (none for a blank line).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeLine {
    pub tokens: Vec<Token>,
}

/// A piece of code and what it is, which picks its colour and style.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    pub kind: TokenKind,
}

/// What a piece of code is, as far as its colour goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    Plain,
    /// Drawn bold, so it survives grayscale.
    Keyword,
    String,
    /// Drawn italic, so it survives grayscale.
    Comment,
    Number,
    /// Functions and macros.
    Function,
    /// Types and built-ins.
    Type,
}

/// A GFM table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// One per column.
    pub align: Vec<Align>,
    /// The header row: one cell per column.
    pub header: Vec<Vec<Inline>>,
    /// The body rows: one cell per column each.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// One column of a [`Block::Columns`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its share of the width, from 0 to 1 (`width="40%"`); the columns
    /// without one share what is left evenly.
    pub width: Option<f64>,
    pub blocks: Vec<Block>,
}

impl Body {
    /// Every block, nested ones included, in reading order.
    pub fn all_blocks(&self) -> Vec<&Block> {
        let mut all = Vec::new();
        let mut pending: Vec<&Block> = self.blocks.iter().rev().collect();
        while let Some(block) = pending.pop() {
            all.push(block);
            let inner: Vec<&Block> = match block {
                Block::Quote(blocks) => blocks.iter().collect(),
                Block::List(list) => list.items.iter().flat_map(|item| &item.blocks).collect(),
                Block::Columns(columns) => columns.iter().flat_map(|c| &c.blocks).collect(),
                Block::Hidden(block) => vec![&**block],
                _ => Vec::new(),
            };
            pending.extend(inner.into_iter().rev());
        }
        all
    }

    /// Calls `visit` on every block, those inside others too, each
    /// before the blocks it holds.
    pub fn for_each_block_mut(&mut self, visit: &mut dyn FnMut(&mut Block)) {
        fn walk(blocks: &mut [Block], visit: &mut dyn FnMut(&mut Block)) {
            for block in blocks {
                visit(block);
                match block {
                    Block::Quote(blocks) => walk(blocks, visit),
                    Block::List(list) => {
                        for item in &mut list.items {
                            walk(&mut item.blocks, visit);
                        }
                    }
                    Block::Columns(columns) => {
                        for column in columns {
                            walk(&mut column.blocks, visit);
                        }
                    }
                    Block::Hidden(block) => walk(std::slice::from_mut(&mut **block), visit),
                    _ => {}
                }
            }
        }
        walk(&mut self.blocks, visit);
    }

    /// The body with its links to the slides `dead` says have no such id
    /// taken off their text, which stays as it is.
    pub fn unlink_slides(&mut self, dead: &dyn Fn(&str) -> bool) {
        self.for_each_block_mut(&mut |block| {
            let inlines: Vec<&mut Vec<Inline>> = match block {
                Block::Paragraph(inlines) | Block::Heading { text: inlines, .. } => {
                    vec![inlines]
                }
                Block::Table(table) => std::iter::once(&mut table.header)
                    .chain(&mut table.rows)
                    .flatten()
                    .collect(),
                _ => Vec::new(),
            };
            for inline in inlines.into_iter().flatten() {
                if let Inline::Text { style, .. } = inline {
                    if matches!(&style.link, Some(Link::Slide(id)) if dead(&id.text)) {
                        style.link = None;
                    }
                }
            }
        });
    }

    /// Every piece of text the body draws in the deck's fonts, in reading
    /// order: the words of its paragraphs, headings and cells, and its
    /// code (formulas have a font of their own).
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = Vec::new();
        for block in self.all_blocks() {
            match block {
                Block::Paragraph(inlines) | Block::Heading { text: inlines, .. } => {
                    texts.extend(inline_texts(inlines));
                }
                Block::Table(table) => {
                    let rows = std::iter::once(&table.header).chain(&table.rows);
                    for cell in rows.flatten() {
                        texts.extend(inline_texts(cell));
                    }
                }
                Block::Code(code) => {
                    let tokens = code.lines.iter().flat_map(|line| &line.tokens);
                    texts.extend(tokens.map(|token| token.text.as_str()));
                }
                Block::List(_)
                | Block::Quote(_)
                | Block::Rule
                | Block::Image { .. }
                | Block::Columns(_)
                | Block::Pause
                | Block::Hidden(_)
                | Block::Math(_) => {}
            }
        }
        texts
    }

    /// Every link in the body's text, in reading order (a link over
    /// several pieces of text once for each).
    pub fn links(&self) -> Vec<&Link> {
        let mut links = Vec::new();
        for block in self.all_blocks() {
            let inlines: Vec<&Inline> = match block {
                Block::Paragraph(inlines) | Block::Heading { text: inlines, .. } => {
                    inlines.iter().collect()
                }
                Block::Table(table) => std::iter::once(&table.header)
                    .chain(&table.rows)
                    .flatten()
                    .flatten()
                    .collect(),
                _ => Vec::new(),
            };
            for inline in inlines {
                if let Inline::Text {
                    style:
                        InlineStyle {
                            link: Some(link), ..
                        },
                    ..
                } = inline
                {
                    links.push(link);
                }
            }
        }
        links
    }

    /// Every picture the body shows, with what it shows, in reading order.
    pub fn images(&self) -> Vec<(&FileRef, Option<&Alt>)> {
        self.all_blocks()
            .into_iter()
            .filter_map(|block| match block {
                Block::Image { image, alt } => Some((image, alt.as_ref())),
                _ => None,
            })
            .collect()
    }
}

/// The text of each piece of `inlines`.
fn inline_texts(inlines: &[Inline]) -> impl Iterator<Item = &str> {
    inlines.iter().filter_map(|inline| match inline {
        Inline::Text { text, .. } => Some(text.as_str()),
        // Set in the math font, not the deck's.
        Inline::Break | Inline::Math(_) => None,
    })
}

#[cfg(test)]
impl Body {
    /// A body of `blocks`, written at the deck's first line: for tests.
    pub(crate) fn of(blocks: Vec<Block>) -> Body {
        Body {
            blocks,
            span: Span::new(1, 1),
        }
    }
}

#[cfg(test)]
impl Block {
    /// A tight bullet list, each item its blocks: for tests.
    pub(crate) fn bullets(incremental: bool, items: Vec<Vec<Block>>) -> Block {
        Block::List(List {
            kind: ListKind::Bullet,
            tight: true,
            incremental,
            items: items
                .into_iter()
                .map(|blocks| ListItem {
                    task: None,
                    blocks,
                    hidden: false,
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
