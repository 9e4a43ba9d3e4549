//! A slide's body: its Markdown blocks (`body:` in a YAML deck, a Markdown
//! slide's content), read into plain typed data that layout sets.
//!
//! Everything here is already checked: code is split into lines of
//! classified tokens, links are resolved, pictures are known files. Layout
//! trusts it and only measures and places.

use std::collections::BTreeSet;

use crate::diag::Span;
use crate::model::{Alt, FileRef, Link};

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
    /// `[text](url)`: where the words lead; the URL is never printed.
    pub link: Option<Link>,
}

/// A bulleted or numbered list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub kind: ListKind,
    /// Tight lists (no blank lines between items) are set closer.
    pub tight: bool,
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
