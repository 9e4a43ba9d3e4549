//! A body's Markdown to its blocks: pulldown-cmark's events, with Pandoc's
//! fenced divs found first (see `divs`), every problem placed in the deck
//! file through the body's [`Origin`].

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Alignment, Options, Parser};

use crate::diag::{Diagnostic, Diagnostics, Severity, Span};
use crate::math::{Macros, MathError};
use crate::model::Link;

mod code_block;
mod events;
mod html_tags;
mod leaves;
mod marp;
mod plain;
mod raw_blocks;
mod raw_tex;
mod spans;
mod table;

use marp::is_marp_fragment;
pub use marp::marp_fragments_as_divs;
pub use plain::read_formulas;

use super::divs::{self, Div, Part};
use super::math::{self, Bracketed};
use super::origin::Origin;
use super::{
    Block, Body, Column, Inline, InlineStyle, ListItem, ListKind, TextSize, LONGEST_BODY,
    MOST_DEPTH,
};

/// What reading a body needs from the deck around it.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The deck file as the user named it: where problems are reported.
    pub shown: &'a Path,
    /// Pictures' paths resolve against it.
    pub deck_dir: &'a Path,
    /// Where the body's text stands in the deck file.
    pub origin: &'a Origin,
    /// Where the body starts in the deck file (its key's value).
    pub span: Span,
    /// Which lists show their items one at a time.
    pub lists: ListSteps,
    /// The deck's math macros (`theme.math_macros`).
    pub macros: &'a Macros,
    /// Whether the body is a Markdown deck's, read as Marp and Pandoc read
    /// it: a link that cannot be followed, and a picture that is not
    /// there, are warnings and left out, not errors.
    pub markdown: bool,
}

/// Which lists of a body show their items one step after another when
/// presenting. A list in a `::: incremental` div always does, one in a
/// `::: nonincremental` div never does (the innermost div wins).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSteps {
    /// Every other list: the slide's `incremental`, else its section's,
    /// else the deck's.
    pub incremental: bool,
    /// Marp's fragmented lists too: those bulleted with `*` or numbered
    /// `1)` (a Marp deck's bodies).
    pub marp_fragments: bool,
}

/// Reads `markdown`, a slide's body. Every problem goes into `diagnostics`
/// at its place in the deck file; `None` only when the body is too long to
/// read at all.
pub fn read(markdown: &str, context: Context<'_>, diagnostics: &mut Diagnostics) -> Option<Body> {
    let length = markdown.chars().count();
    if length > LONGEST_BODY {
        let message =
            format!("`body` is {length} characters long; the most it may hold is {LONGEST_BODY}");
        diagnostics.error(context.shown, Some(context.span), message);
        return None;
    }
    let mut reader = Reader {
        text: markdown,
        context,
        diagnostics,
        too_deep: false,
        incremental_div: None,
    };
    let (parts, problems) = divs::parts(markdown);
    for problem in problems {
        reader.report(Severity::Error, problem.at, problem.message);
    }
    let blocks = reader.parts(&parts, 0);
    Some(Body {
        blocks,
        span: context.span,
    })
}

/// Reads one body, reporting as it goes.
struct Reader<'t, 'd> {
    text: &'t str,
    context: Context<'t>,
    diagnostics: &'d mut Diagnostics,
    /// Whether the body was found nesting too deeply (reported once).
    too_deep: bool,
    /// What the innermost `::: incremental` (`true`) or `:::
    /// nonincremental` (`false`) div around the Markdown read asks.
    incremental_div: Option<bool>,
}

impl Reader<'_, '_> {
    fn report(&mut self, severity: Severity, at: usize, message: impl Into<String>) {
        let span = self.context.origin.span(self.text, at);
        let diagnostic =
            crate::diag::Diagnostic::new(severity, self.context.shown, Some(span), message);
        self.diagnostics.push(diagnostic);
    }

    /// A warning about the formula whose source starts at byte `at`, at the
    /// place in it the problem points to; `then` says what became of it.
    fn math_problem(&mut self, problem: &MathError, at: usize, then: &str) {
        let span = self
            .context
            .origin
            .span(self.text, at + problem.range.start);
        let message = format!("{}{then}", problem.message);
        let warning = Diagnostic::new(Severity::Warning, self.context.shown, Some(span), message);
        let warning = match &problem.command {
            Some(command) if problem.message.starts_with("unknown command") => warning.with_hint(
                format!("if `{command}` is your own, define it under `theme:` in `math_macros:`"),
            ),
            _ => warning,
        };
        self.diagnostics.push(warning);
    }

    /// Whether a container may open at `depth` (from 1); past the limit,
    /// reported once, and the caller flattens what it holds.
    fn may_nest(&mut self, depth: usize, at: usize) -> bool {
        if depth <= MOST_DEPTH {
            return true;
        }
        if !self.too_deep {
            self.too_deep = true;
            let message = format!(
                "the body nests lists, quotes and columns more than {MOST_DEPTH} deep (the most is {MOST_DEPTH})"
            );
            self.report(Severity::Error, at, message);
        }
        false
    }

    /// The blocks of `parts`, `depth` containers deep.
    fn parts(&mut self, parts: &[Part], depth: usize) -> Vec<Block> {
        let mut blocks = Vec::new();
        for part in parts {
            match part {
                Part::Markdown(range) => blocks.extend(self.markdown(range.clone(), depth)),
                Part::Div(div) if div.has_class("columns") => {
                    if self.may_nest(depth + 1, div.at) {
                        blocks.extend(self.columns(div, depth + 1));
                    } else {
                        blocks.extend(self.parts(&div.parts, depth));
                    }
                }
                Part::Div(div) => {
                    if div.has_class("column") {
                        let message = "a `column` div stands only inside a `columns` div (open one with `:::: columns` around the columns)";
                        self.report(Severity::Error, div.at, message);
                    }
                    let asked = if div.has_class("incremental") {
                        Some(true)
                    } else if div.has_class("nonincremental") {
                        Some(false)
                    } else {
                        None
                    };
                    let outer = self.incremental_div;
                    self.incremental_div = asked.or(outer);
                    // Other divs only group their blocks.
                    blocks.extend(self.parts(&div.parts, depth));
                    self.incremental_div = outer;
                }
            }
        }
        blocks
    }

    /// A `columns` div as blocks side by side.
    fn columns(&mut self, div: &Div, depth: usize) -> Option<Block> {
        let mut columns = Vec::new();
        for part in &div.parts {
            match part {
                Part::Div(column) if column.has_class("column") => {
                    let width = self.width(column);
                    let blocks = self.parts(&column.parts, depth);
                    columns.push(Column { width, blocks });
                }
                Part::Markdown(range) if self.text[range.clone()].trim().is_empty() => {}
                other => {
                    let at = match other {
                        Part::Markdown(range) => {
                            let text = &self.text[range.clone()];
                            range.start + (text.len() - text.trim_start().len())
                        }
                        Part::Div(inner) => inner.at,
                    };
                    let message = "inside `columns`, every block stands in a `::: column` div";
                    self.report(Severity::Error, at, message);
                    let blocks = self.parts(std::slice::from_ref(other), depth);
                    columns.push(Column {
                        width: None,
                        blocks,
                    });
                }
            }
        }
        if columns.is_empty() {
            let message = "the `columns` div holds no columns (put each in a `::: column` div)";
            self.report(Severity::Error, div.at, message);
            return None;
        }
        let total: f64 = columns.iter().filter_map(|column| column.width).sum();
        if total > 1.0 + 1e-9 {
            let message = format!(
                "the columns' widths add up to {}%; together they may take at most 100%",
                (total * 100.0).round()
            );
            self.report(Severity::Error, div.at, message);
        }
        Some(Block::Columns(columns))
    }

    /// A column's `width`: `40%`, or a share such as `0.4`.
    fn width(&mut self, column: &Div) -> Option<f64> {
        let (_, written, at) = column.attributes.iter().find(|(key, ..)| key == "width")?;
        let share = match written.strip_suffix('%') {
            Some(percent) => percent.trim().parse::<f64>().ok().map(|p| p / 100.0),
            None => written.trim().parse::<f64>().ok(),
        };
        match share {
            Some(share) if share > 0.0 && share <= 1.0 => Some(share),
            _ => {
                let message = format!(
                    "invalid column width `{written}` (expected a share of the width such as `40%`)"
                );
                self.report(Severity::Error, *at, message);
                None
            }
        }
    }

    /// Whether the list whose first item's marker stands at `at` shows its
    /// items one at a time (see [`ListSteps`]); `numbered` for `1.`/`1)`.
    fn incremental(&self, at: usize, numbered: bool) -> bool {
        if let Some(asked) = self.incremental_div {
            return asked;
        }
        let lists = self.context.lists;
        (lists.marp_fragments && is_marp_fragment(&self.text[at..], numbered)) || lists.incremental
    }

    /// The blocks of the Markdown in `range`, `depth` containers deep.
    fn markdown(&mut self, range: Range<usize>, depth: usize) -> Vec<Block> {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_MATH;
        let (source, bracketed) = math::mask_bracketed(&self.text[range.clone()], options);
        let mut builder = Builder {
            open: vec![Open::Blocks(Vec::new())],
            style: Style::default(),
            depth,
            inner_pictures: 0,
            hidden_html: 0,
            attributes_may_follow: false,
            attributes_end: 0,
            last_at: 0,
            nesting: 0,
            bracketed: bracketed
                .into_iter()
                .map(|formula| Bracketed {
                    range: formula.range.start + range.start..formula.range.end + range.start,
                    ..formula
                })
                .collect(),
        };
        // Pandoc takes a pipe table whose header row has fewer cells than
        // its delimiter row; CommonMark's tables (and Marp) do not.
        let padded = match self.context.lists.marp_fragments {
            false => table::PaddedHeaders::of(&source),
            true => table::PaddedHeaders::none(&source),
        };
        for (event, at) in Parser::new_ext(padded.text(), options).into_offset_iter() {
            let at = Range {
                start: padded.written(at.start) + range.start,
                end: padded.written(at.end) + range.start,
            };
            builder.event(event, at, self);
        }
        builder.finish(self)
    }
}

/// The inline style in force: nested tags count.
#[derive(Debug, Default)]
struct Style {
    strong: usize,
    emphasis: usize,
    strike: usize,
    /// `<code>` tags open.
    code: usize,
    underline: usize,
    small: usize,
    subscript: usize,
    superscript: usize,
    /// Open links; `None` for a link that could not be read (reported).
    links: Vec<Option<Link>>,
}

impl Style {
    fn inline(&self, code: bool) -> InlineStyle {
        InlineStyle {
            strong: self.strong > 0,
            emphasis: self.emphasis > 0,
            code: code || self.code > 0,
            strike: self.strike > 0,
            underline: self.underline > 0,
            // The innermost can not be told: a raise or a drop wins.
            size: if self.superscript > 0 {
                TextSize::Superscript
            } else if self.subscript > 0 {
                TextSize::Subscript
            } else if self.small > 0 {
                TextSize::Small
            } else {
                TextSize::Normal
            },
            link: self.links.iter().rev().flatten().next().cloned(),
        }
    }
}

/// Text being read into inlines: a paragraph, a heading, a table cell.
#[derive(Debug, Default)]
struct Leaf {
    inlines: Vec<Inline>,
    /// Pictures met, each with where it starts.
    pictures: Vec<(Picture, usize)>,
    /// Whether anything but pictures and breaks was met.
    text_seen: bool,
}

#[derive(Debug)]
struct Picture {
    url: String,
    alt: String,
}

/// A container or leaf being read.
#[derive(Debug)]
enum Open {
    /// The top level of a part.
    Blocks(Vec<Block>),
    Quote(Vec<Block>),
    List {
        kind: ListKind,
        loose: bool,
        incremental: bool,
        items: Vec<ListItem>,
    },
    Item {
        task: Option<bool>,
        loose: bool,
        blocks: Vec<Block>,
    },
    /// A container past the depth limit: what it holds goes to its parent.
    Flat,
    /// A paragraph; `implicit` for a tight list item's text.
    Paragraph {
        leaf: Leaf,
        implicit: bool,
    },
    Heading {
        level: u8,
        leaf: Leaf,
    },
    Table {
        align: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        cells: usize,
        at: usize,
    },
    Cell(Leaf),
    Code {
        info: String,
        fenced: bool,
        text: String,
        range: Range<usize>,
    },
    /// A picture's bracket text being read.
    Picture(Picture, usize),
    /// An HTML block's text, and where it starts.
    Html(String, usize),
}

/// Builds the blocks of one Markdown part from its events.
struct Builder {
    /// Innermost last; the first is always `Open::Blocks`.
    open: Vec<Open>,
    style: Style,
    /// Containers open outside this part (columns).
    depth: usize,
    /// Pictures inside a picture's bracket text, still open.
    inner_pictures: usize,
    /// `<style>` and `<script>` tags open: their text is not shown.
    hidden_html: usize,
    /// Whether a picture, a code span or a link just closed: Pandoc's
    /// attributes may follow it, never printed.
    attributes_may_follow: bool,
    /// Where in the body the last such attribute group found ends: text
    /// before it is not shown (pulldown-cmark may give one group as
    /// several texts, `{target=` and `_blank}`).
    attributes_end: usize,
    /// Where the last event read starts: where a paragraph's raw LaTeX
    /// problems are reported.
    last_at: usize,
    /// Lists and quotes open in this part (kept, not counted: a body
    /// may open thousands).
    nesting: usize,
    /// The part's `\(...\)` and `\[...\]` formulas, which come as code
    /// spans at the same bytes, in the body's offsets.
    bracketed: Vec<Bracketed>,
}

impl Builder {
    /// The part's blocks, once its events are read: pulldown-cmark closes
    /// all it opens, so whatever else is left is only the top.
    fn finish(mut self, reader: &mut Reader<'_, '_>) -> Vec<Block> {
        while self.open.len() > 1 {
            self.close_top_with(reader);
        }
        match self.open.pop() {
            Some(Open::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        }
    }

    /// The containers open, for the depth limit.
    fn depth(&self) -> usize {
        self.depth + self.nesting
    }

    /// Opens a list, a quote, or in their place past the depth limit a
    /// flat container.
    fn nest(&mut self, open: Open) {
        self.nesting += 1;
        self.open.push(open);
    }
}
