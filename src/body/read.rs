//! A body's Markdown to its blocks: pulldown-cmark's events, with Pandoc's
//! fenced divs found first (see `divs`), every problem placed in the deck
//! file through the body's [`Origin`].

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Diagnostics, FileRef, Severity, Span};
use crate::math::{Macros, MathError, MathMode};
use crate::model::{Alt, Link, Text};

use super::divs::{self, Div, Part};
use super::math::{self, Bracketed};
use super::origin::Origin;
use super::{attributes, html, tex};
use super::{
    code, highlight, Align, Block, Body, CodeBlock, Column, Inline, InlineStyle, List, ListItem,
    ListKind, Math, Table, LONGEST_BODY, MOST_CODE_LINES, MOST_DEPTH, MOST_TABLE_CELLS,
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
/// How the note on HTML tags deckgen has no counterpart for starts.
const OTHER_HTML_NOTE: &str = "HTML tags deckgen has no counterpart for show only their text";

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

    /// Says once per deck that HTML tags deckgen has no counterpart for
    /// show only their text, naming the first, `<name>` at `at`.
    fn note_html_once(&mut self, name: &str, at: usize) {
        let said = self
            .diagnostics
            .sorted()
            .iter()
            .any(|d| d.message.starts_with(OTHER_HTML_NOTE));
        if !said {
            let message = format!("{OTHER_HTML_NOTE} (the first is `<{name}>`)");
            self.report(Severity::Note, at, message);
        }
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
            after_picture: false,
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
        for (event, at) in Parser::new_ext(&source, options).into_offset_iter() {
            let at = Range {
                start: at.start + range.start,
                end: at.end + range.start,
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
    /// Whether a picture just closed: attributes may follow it.
    after_picture: bool,
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

    fn event(&mut self, event: Event<'_>, at: Range<usize>, reader: &mut Reader<'_, '_>) {
        self.last_at = at.start;
        if let Some(Open::Picture(picture, _)) = self.open.last_mut() {
            // A picture's bracket text is plain words; pictures in it count
            // only so that the right end closes it.
            match event {
                Event::Code(_) => match self.bracketed.iter().find(|f| f.range.start == at.start) {
                    Some(formula) => picture.alt.push_str(formula.source(reader.text)),
                    None => picture.alt.push_str(&reader.text[at]),
                },
                Event::Text(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                    picture.alt.push_str(&text);
                }
                Event::Start(Tag::Image { .. }) => self.inner_pictures += 1,
                Event::End(TagEnd::Image) if self.inner_pictures > 0 => self.inner_pictures -= 1,
                Event::End(TagEnd::Image) => self.end(TagEnd::Image, reader),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, at, reader),
            Event::End(tag) => self.end(tag, reader),
            Event::Text(text) => {
                if let Some(Open::Code { text: code, .. }) = self.open.last_mut() {
                    code.push_str(&text);
                } else if let Some(Open::Html(html, _)) = self.open.last_mut() {
                    html.push_str(&text);
                } else {
                    self.text(&text, false);
                }
            }
            Event::Code(text) => {
                let formula = self.bracketed.iter().find(|f| f.range.start == at.start);
                match formula.cloned() {
                    Some(formula) => {
                        let source = formula.source(reader.text);
                        self.math(source, formula.display, formula.range.start + 2, reader);
                    }
                    None => self.text(&text, true),
                }
            }
            Event::InlineMath(source) => {
                if math::dollar_math_ends_before_digit(reader.text, at.end) {
                    // Pandoc's rule: not a formula, the dollars are dollars.
                    self.text(&reader.text[at], false);
                } else {
                    self.math(&source, false, at.start + 1, reader);
                }
            }
            Event::DisplayMath(source) => self.math(&source, true, at.start + 2, reader),
            Event::SoftBreak => self.text(" ", false),
            Event::HardBreak => self.leaf().inlines.push(Inline::Break),
            Event::Rule => self.block(Block::Rule),
            Event::Html(html) => match self.open.last_mut() {
                Some(Open::Html(block, _)) => block.push_str(&html),
                _ => self.inline_html(&html, at.start, reader),
            },
            Event::InlineHtml(html) => self.inline_html(&html, at.start, reader),
            Event::TaskListMarker(done) => {
                let item = self.open.iter_mut().rev().find_map(|open| match open {
                    Open::Item { task, .. } => Some(task),
                    _ => None,
                });
                if let Some(task) = item {
                    *task = Some(done);
                }
            }
            // Footnotes and the like are not enabled.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: Range<usize>, reader: &mut Reader<'_, '_>) {
        let inline = matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        );
        if !inline {
            self.close_implicit(reader);
        }
        match tag {
            Tag::Paragraph => {
                if let Some(Open::Item { loose, .. }) = self.open.last_mut() {
                    *loose = true;
                }
                self.open.push(Open::Paragraph {
                    leaf: Leaf::default(),
                    implicit: false,
                });
            }
            Tag::Heading { level, .. } => self.open.push(Open::Heading {
                level: level as u8,
                leaf: Leaf::default(),
            }),
            Tag::BlockQuote(_) => {
                let open = if reader.may_nest(self.depth() + 1, at.start) {
                    Open::Quote(Vec::new())
                } else {
                    Open::Flat
                };
                self.nest(open);
            }
            Tag::List(first) => {
                let open = if reader.may_nest(self.depth() + 1, at.start) {
                    Open::List {
                        kind: first.map_or(ListKind::Bullet, |start| ListKind::Numbered { start }),
                        loose: false,
                        incremental: reader.incremental(at.start, first.is_some()),
                        items: Vec::new(),
                    }
                } else {
                    Open::Flat
                };
                self.nest(open);
            }
            Tag::Item => match self.open.last() {
                Some(Open::List { .. }) => self.open.push(Open::Item {
                    task: None,
                    loose: false,
                    blocks: Vec::new(),
                }),
                _ => self.nest(Open::Flat),
            },
            Tag::CodeBlock(kind) => {
                let (info, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (info.to_string(), true),
                    CodeBlockKind::Indented => (String::new(), false),
                };
                self.open.push(Open::Code {
                    info,
                    fenced,
                    text: String::new(),
                    range: at,
                });
            }
            Tag::Table(align) => self.open.push(Open::Table {
                align,
                header: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                cells: 0,
                at: at.start,
            }),
            Tag::TableHead | Tag::TableRow => {
                if let Some(Open::Table { row, .. }) = self.open.last_mut() {
                    row.clear();
                }
            }
            Tag::TableCell => self.open.push(Open::Cell(Leaf::default())),
            Tag::HtmlBlock => self.open.push(Open::Html(String::new(), at.start)),
            Tag::Emphasis => self.style.emphasis += 1,
            Tag::Strong => self.style.strong += 1,
            Tag::Strikethrough => self.style.strike += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let written = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                let span = reader.context.origin.span(reader.text, at.start);
                let link = match Link::read(&written, span) {
                    Ok(link) => Some(link),
                    Err(message) => {
                        reader.report(Severity::Error, at.start, message);
                        None
                    }
                };
                self.style.links.push(link);
            }
            Tag::Image { dest_url, .. } => self.open.push(Open::Picture(
                Picture {
                    url: dest_url.to_string(),
                    alt: String::new(),
                },
                at.start,
            )),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, reader: &mut Reader<'_, '_>) {
        match tag {
            TagEnd::Emphasis => self.style.emphasis = self.style.emphasis.saturating_sub(1),
            TagEnd::Strong => self.style.strong = self.style.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.style.strike = self.style.strike.saturating_sub(1),
            TagEnd::Link => {
                self.style.links.pop();
            }
            TagEnd::Image => {
                if !matches!(self.open.last(), Some(Open::Picture(..))) {
                    return;
                }
                if let Some(Open::Picture(picture, at)) = self.open.pop() {
                    let style = self.style.inline(false);
                    let alt = clean(&picture.alt);
                    let leaf = self.leaf();
                    push_text(&mut leaf.inlines, &alt, style);
                    leaf.pictures.push((picture, at));
                    self.after_picture = true;
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Open::Table {
                    header, rows, row, ..
                }) = self.open.last_mut()
                {
                    let row = std::mem::take(row);
                    if tag == TagEnd::TableHead {
                        *header = row;
                    } else {
                        rows.push(row);
                    }
                }
            }
            TagEnd::TableCell => {
                let Some(Open::Cell(leaf)) = self.open.pop() else {
                    return;
                };
                let inlines = inline_only(leaf, reader);
                if let Some(Open::Table { row, cells, at, .. }) = self.open.last_mut() {
                    *cells += 1;
                    if *cells == MOST_TABLE_CELLS + 1 {
                        let message = format!(
                            "the table has more than {MOST_TABLE_CELLS} cells, the most a table may have (split it over slides)"
                        );
                        reader.report(Severity::Error, *at, message);
                    }
                    if *cells <= MOST_TABLE_CELLS {
                        row.push(inlines);
                    }
                }
            }
            TagEnd::Item | TagEnd::List(_) | TagEnd::BlockQuote(_) => {
                self.close_implicit(reader);
                self.close_top_with(reader);
            }
            _ => self.close_top_with(reader),
        }
    }

    /// Closes the innermost open thing, with problems reported.
    fn close_top_with(&mut self, reader: &mut Reader<'_, '_>) {
        let Some(open) = self.open.pop() else { return };
        if matches!(open, Open::List { .. } | Open::Quote(_) | Open::Flat) {
            self.nesting = self.nesting.saturating_sub(1);
        }
        match open {
            Open::Blocks(_) => self.open.push(open),
            Open::Quote(blocks) => self.block(Block::Quote(blocks)),
            Open::List {
                kind,
                loose,
                incremental,
                items,
            } => self.block(Block::List(List {
                kind,
                tight: !loose,
                incremental,
                items,
            })),
            Open::Item {
                task,
                loose,
                blocks,
            } => {
                if let Some(Open::List {
                    items, loose: list, ..
                }) = self.open.last_mut()
                {
                    *list |= loose;
                    items.push(ListItem {
                        task,
                        blocks,
                        hidden: false,
                    });
                }
            }
            Open::Flat => {}
            Open::Paragraph {
                leaf,
                implicit: false,
            } if is_pause_leaf(&leaf) => self.block(Block::Pause),
            Open::Paragraph { leaf, .. } => self.paragraph(leaf, reader),
            Open::Heading { level, leaf } => {
                let text = inline_only(leaf, reader);
                if !text.is_empty() {
                    self.block(Block::Heading { level, text });
                }
            }
            Open::Table {
                align,
                header,
                rows,
                ..
            } => self.block(Block::Table(table(&align, header, rows))),
            Open::Cell(_) | Open::Picture(..) => {}
            Open::Code {
                info,
                fenced,
                text,
                range,
            } => {
                let block = code_block(&info, fenced, &text, range, reader);
                self.block(Block::Code(block));
            }
            Open::Html(html, at) => {
                // Its tags read for what they mean, its text kept, in
                // paragraphs as its `<p>`, `<div>`... tags cut it.
                self.inline_html(&html, at, reader);
                self.close_implicit(reader);
            }
        }
    }

    /// Closes a tight item's text before a block starts or its item ends.
    fn close_implicit(&mut self, reader: &mut Reader<'_, '_>) {
        if let Some(Open::Paragraph { implicit: true, .. }) = self.open.last() {
            self.close_top_with(reader);
        }
    }

    /// The leaf inline events go into; a tight item's text opens one.
    fn leaf(&mut self) -> &mut Leaf {
        let has_leaf = matches!(
            self.open.last(),
            Some(Open::Paragraph { .. } | Open::Heading { .. } | Open::Cell(_))
        );
        if !has_leaf {
            self.open.push(Open::Paragraph {
                leaf: Leaf::default(),
                implicit: true,
            });
        }
        match self.open.last_mut() {
            Some(Open::Paragraph { leaf, .. } | Open::Heading { leaf, .. } | Open::Cell(leaf)) => {
                leaf
            }
            _ => unreachable!("a leaf was just opened"),
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        // Pandoc's `![](chart.png){width=50%}`: the attributes are not shown.
        let text = match std::mem::take(&mut self.after_picture) {
            true if !code => &text[attributes::leading(text).unwrap_or(0)..],
            _ => text,
        };
        let style = self.style.inline(code);
        let text = clean(text);
        let leaf = self.leaf();
        if code || !text.trim().is_empty() {
            leaf.text_seen = true;
        }
        push_text(&mut leaf.inlines, &text, style);
    }

    /// A formula whose source starts at byte `at` of the body, typeset;
    /// its problems are warnings at their places in the deck file.
    fn math(&mut self, source: &str, display: bool, at: usize, reader: &mut Reader<'_, '_>) {
        let span = reader.context.origin.span(reader.text, at);
        let mode = if display {
            MathMode::Display
        } else {
            MathMode::Inline
        };
        let formula = match crate::math::typeset(source, mode, reader.context.macros) {
            Ok(formula) => {
                for problem in &formula.warnings {
                    reader.math_problem(problem, at, "");
                }
                Some(formula)
            }
            Err(problem) => {
                let shown = "; the formula is shown as written";
                reader.math_problem(&problem, at, shown);
                None
            }
        };
        let leaf = self.leaf();
        leaf.text_seen = true;
        leaf.inlines.push(Inline::Math(Math {
            source: source.to_string(),
            display,
            span,
            formula,
        }));
    }

    /// HTML, which starts at `at`: comments say nothing, each tag does
    /// what it means (see [`html::Meaning`]) and is never printed, the text
    /// between tags is kept; what `<style>` and `<script>` hold is not.
    fn inline_html(&mut self, html: &str, at: usize, reader: &mut Reader<'_, '_>) {
        for (piece, offset) in html::pieces(html) {
            match piece {
                html::Piece::Comment(_) => {}
                html::Piece::Text(_) if self.hidden_html > 0 => {}
                html::Piece::Text(text) => {
                    let text = html::decode_entities(text);
                    if !text.trim().is_empty()
                        || matches!(self.open.last(), Some(Open::Paragraph { .. }))
                    {
                        self.text(&text, false);
                    }
                }
                html::Piece::Tag(tag) => self.html_tag(tag, at + offset, reader),
            }
        }
    }

    /// What one HTML tag, at `at`, does.
    fn html_tag(&mut self, tag: html::HtmlTag, at: usize, reader: &mut Reader<'_, '_>) {
        let count = |open: bool, counter: &mut usize| {
            if open {
                *counter += 1;
            } else {
                *counter = counter.saturating_sub(1);
            }
        };
        match tag.meaning() {
            html::Meaning::Break => self.leaf().inlines.push(Inline::Break),
            html::Meaning::Style(style, open) => {
                let counter = match style {
                    html::HtmlStyle::Strong => &mut self.style.strong,
                    html::HtmlStyle::Emphasis => &mut self.style.emphasis,
                    html::HtmlStyle::Code => &mut self.style.code,
                    html::HtmlStyle::Strike => &mut self.style.strike,
                };
                count(open, counter);
            }
            html::Meaning::Picture { src, alt } => {
                let picture = Picture { url: src, alt };
                self.leaf().pictures.push((picture, at));
            }
            html::Meaning::Paragraph => self.close_implicit(reader),
            html::Meaning::Hidden => count(!tag.closing, &mut self.hidden_html),
            html::Meaning::Text => {}
            html::Meaning::Other => {
                if !tag.closing {
                    reader.note_html_once(&tag.name, at);
                }
            }
        }
    }

    /// Reads the raw LaTeX in `leaf`'s text (see [`tex`]): styles, links
    /// and pictures; the commands deckgen has no counterpart for are
    /// dropped, and a note names them.
    fn read_tex(&mut self, leaf: &mut Leaf, reader: &mut Reader<'_, '_>) {
        let has_tex = leaf.inlines.iter().any(
            |inline| matches!(inline, Inline::Text { text, style } if !style.code && tex::has_command(text)),
        );
        if !has_tex {
            return;
        }
        let at = self.last_at;
        let mut inlines = Vec::new();
        let mut dropped: Vec<String> = Vec::new();
        for inline in std::mem::take(&mut leaf.inlines) {
            let (text, style) = match inline {
                Inline::Text { text, style } if !style.code && tex::has_command(&text) => {
                    (text, style)
                }
                other => {
                    inlines.push(other);
                    continue;
                }
            };
            for piece in tex::read(&text) {
                let styled = |styles: &[tex::TexStyle]| {
                    let mut style = style.clone();
                    for tex_style in styles {
                        match tex_style {
                            tex::TexStyle::Strong => style.strong = true,
                            tex::TexStyle::Emphasis => style.emphasis = true,
                            tex::TexStyle::Code => style.code = true,
                        }
                    }
                    style
                };
                match piece {
                    tex::TexPiece::Text(text, styles) => {
                        push_text(&mut inlines, &text, styled(&styles))
                    }
                    tex::TexPiece::Link { text, url, styles } => {
                        let mut style = styled(&styles);
                        let span = reader.context.origin.span(reader.text, at);
                        style.link = Link::read(&url, span).ok();
                        push_text(&mut inlines, &text, style);
                    }
                    tex::TexPiece::Picture(file) => leaf.pictures.push((
                        Picture {
                            url: file,
                            alt: String::new(),
                        },
                        at,
                    )),
                    tex::TexPiece::Dropped(name) => {
                        if !dropped.contains(&name) {
                            dropped.push(name);
                        }
                    }
                }
            }
        }
        if !dropped.is_empty() {
            let names: Vec<String> = dropped.iter().map(|name| format!("`\\{name}`")).collect();
            let message = format!(
                "raw LaTeX {} has no deckgen counterpart; it is dropped",
                names.join(", ")
            );
            reader.report(Severity::Note, at, message);
        }
        leaf.text_seen = inlines
            .iter()
            .any(|inline| matches!(inline, Inline::Text { text, .. } if !text.trim().is_empty()));
        leaf.inlines = inlines;
    }

    /// Adds `block` to the innermost container that holds blocks.
    fn block(&mut self, block: Block) {
        let target = self.open.iter_mut().rev().find_map(|open| match open {
            Open::Blocks(blocks) | Open::Quote(blocks) | Open::Item { blocks, .. } => Some(blocks),
            _ => None,
        });
        if let Some(blocks) = target {
            blocks.push(block);
        }
    }

    /// A paragraph: pictures alone in it stand as blocks; a picture among
    /// text shows its bracket text (and a warning says so).
    fn paragraph(&mut self, mut leaf: Leaf, reader: &mut Reader<'_, '_>) {
        self.read_tex(&mut leaf, reader);
        if leaf.text_seen {
            for (picture, at) in &leaf.pictures {
                let message = format!(
                    "the picture `{}` stands among text, so only its description shows (give it a paragraph of its own)",
                    picture.url
                );
                reader.report(Severity::Warning, *at, message);
            }
        } else {
            for (picture, at) in leaf.pictures {
                let span = reader.context.origin.span(reader.text, at);
                let block = picture_block(picture, span, reader.context);
                self.block(block);
            }
            return;
        }
        // A display formula stands on its own between the text before and after it.
        let mut text = Vec::new();
        for inline in leaf.inlines {
            match inline {
                Inline::Math(math) if math.display => {
                    self.text_block(std::mem::take(&mut text));
                    self.block(Block::Math(math));
                }
                inline => text.push(inline),
            }
        }
        self.text_block(text);
    }

    /// A paragraph of `inlines`, unless they are only spaces and breaks.
    fn text_block(&mut self, inlines: Vec<Inline>) {
        let inlines = trim(inlines);
        if !inlines.is_empty() {
            self.block(Block::Paragraph(inlines));
        }
    }
}

/// Whether the list whose first marker starts `source` is one Marp shows
/// item by item: Marpit makes a fragment of every item marked `*`, or
/// numbered with a `)` after the number (`numbered`).
fn is_marp_fragment(source: &str, numbered: bool) -> bool {
    let marker = source.trim_start();
    if numbered {
        let after = marker.trim_start_matches(|c: char| c.is_ascii_digit());
        after.starts_with(')')
    } else {
        marker.starts_with('*')
    }
}

/// `markdown`, a Marp deck's slide body, with each list Marp shows item
/// by item standing in a `::: incremental` div: the body that shows the
/// same steps in a YAML deck (`deckgen import`). Only lists at the top
/// level are wrapped, and only when every list inside them is such a list
/// too (a div would step through the others as well); the rest are left
/// as written.
pub fn marp_fragments_as_divs(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // The top-level list open, if any: where it starts, and whether it
    // and every list in it are fragments so far.
    let mut open: Option<(usize, bool)> = None;
    let mut depth = 0usize;
    let mut wrapped: Vec<Range<usize>> = Vec::new();
    for (event, at) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::List(first)) => {
                let fragment = is_marp_fragment(&markdown[at.start..], first.is_some());
                match &mut open {
                    None if depth == 0 => open = Some((at.start, fragment)),
                    Some((_, all)) => *all &= fragment,
                    None => {}
                }
                depth += 1;
            }
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some((start, true)) = open.take() {
                        wrapped.push(start..at.end);
                    }
                    open = None;
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(markdown.len() + wrapped.len() * 24);
    let mut from = 0;
    for list in wrapped {
        let line_start = markdown[..list.start].rfind('\n').map_or(0, |at| at + 1);
        out.push_str(&markdown[from..line_start]);
        out.push_str("::: incremental\n");
        let text = markdown[line_start..list.end].trim_end_matches('\n');
        out.push_str(text);
        out.push_str("\n:::\n");
        from = list.end;
    }
    out.push_str(&markdown[from..]);
    out
}

/// Whether a paragraph's `leaf` is a pause: plain dots, `. . .`.
fn is_pause_leaf(leaf: &Leaf) -> bool {
    match leaf.inlines.as_slice() {
        [Inline::Text { text, style }] => {
            *style == InlineStyle::default() && leaf.pictures.is_empty() && super::is_pause(text)
        }
        _ => false,
    }
}

/// A heading's or a table cell's inlines: a picture there shows its
/// bracket text, and a warning says so.
fn inline_only(leaf: Leaf, reader: &mut Reader<'_, '_>) -> Vec<Inline> {
    for (picture, at) in &leaf.pictures {
        let message = format!(
            "the picture `{}` stands in a heading or a table cell, so only its description shows",
            picture.url
        );
        reader.report(Severity::Warning, *at, message);
    }
    trim(leaf.inlines)
}

/// A picture alone in its paragraph, as a block: its file resolved as a
/// slide's `image` is, its bracket text its `alt`.
fn picture_block(picture: Picture, span: Span, context: Context<'_>) -> Block {
    let written = picture.url.trim().to_string();
    let alt = clean(picture.alt.trim());
    Block::Image {
        image: FileRef {
            path: context.deck_dir.join(&written),
            written,
            span,
            named_in: context.shown.to_path_buf(),
            page: None,
        },
        alt: (!alt.is_empty()).then_some(Alt::Text(Text { text: alt, span })),
    }
}

/// `text` without what has no glyph: control characters become spaces
/// (tabs, stray line feeds), a byte-order mark goes.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '\u{feff}')
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Adds `text` in `style` to `inlines`, joined to the last piece when that
/// is set the same way.
fn push_text(inlines: &mut Vec<Inline>, text: &str, style: InlineStyle) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text: last,
        style: last_style,
    }) = inlines.last_mut()
    {
        if *last_style == style {
            last.push_str(text);
            return;
        }
    }
    inlines.push(Inline::Text {
        text: text.to_string(),
        style,
    });
}

/// `inlines` without spaces at either end, nor breaks there.
fn trim(mut inlines: Vec<Inline>) -> Vec<Inline> {
    while matches!(inlines.last(), Some(Inline::Break)) {
        inlines.pop();
    }
    while matches!(inlines.first(), Some(Inline::Break)) {
        inlines.remove(0);
    }
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text, .. }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|inline| !matches!(inline, Inline::Text { text, .. } if text.is_empty()));
    inlines
}

/// A table, every row as wide as the alignment row says; a column with no
/// alignment whose body cells are all numbers stands right-aligned.
fn table(alignments: &[Alignment], header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>>) -> Table {
    let width = alignments.len();
    let fit = |mut row: Vec<Vec<Inline>>| {
        row.resize_with(width, Vec::new);
        row
    };
    let header = fit(header);
    let rows: Vec<Vec<Vec<Inline>>> = rows.into_iter().map(fit).collect();
    let align = alignments
        .iter()
        .enumerate()
        .map(|(column, alignment)| match alignment {
            Alignment::Left => Align::Left,
            Alignment::Center => Align::Center,
            Alignment::Right => Align::Right,
            Alignment::None if numeric_column(&rows, column) => Align::Right,
            Alignment::None => Align::Left,
        })
        .collect();
    Table {
        align,
        header,
        rows,
    }
}

/// Whether the body cells of `column` are all numbers (empty cells aside,
/// and at least one).
fn numeric_column(rows: &[Vec<Vec<Inline>>], column: usize) -> bool {
    let mut numbers = 0;
    for row in rows {
        let text = plain_text(&row[column]);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !is_number(text) {
            return false;
        }
        numbers += 1;
    }
    numbers > 0
}

/// The words of `inlines`, styles aside.
fn plain_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, .. } => text.as_str(),
            Inline::Math(math) => math.source.as_str(),
            Inline::Break => " ",
        })
        .collect()
}

/// `1`, `-2.5`, `1,234`, `+3 %`, `$12`, `€ 4.50`: a number, maybe signed,
/// with a currency sign before or a percent sign after.
fn is_number(text: &str) -> bool {
    let text = text.trim_start_matches(['+', '-', '−', '±']);
    let text = text.trim_start_matches(['$', '€', '£', '¥']).trim_start();
    let text = text.trim_end_matches('%').trim_end();
    let mut digits = false;
    for c in text.chars() {
        match c {
            '0'..='9' => digits = true,
            '.' | ',' | '_' | '\'' | '\u{202f}' | '\u{2009}' | ' ' => {}
            _ => return false,
        }
    }
    digits && text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// A code block from its fence's info string and its text, which stands at
/// `range` of the body (fences included); problems with the fence reported.
fn code_block(
    info: &str,
    fenced: bool,
    text: &str,
    range: Range<usize>,
    reader: &mut Reader<'_, '_>,
) -> CodeBlock {
    if fenced && !closed_fence(&reader.text[range.clone()]) {
        let fence: String = reader.text[range.start..]
            .trim_start()
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        let message = format!(
            "the code block opened with {fence} is never closed (end it with a line of {fence})"
        );
        reader.report(Severity::Error, range.start, message);
    }
    let info = code::info(info);
    for unread in &info.unread {
        let message = format!(
            "cannot read `{unread}` after the code's language (lines to stand out are written `{{2,4-6}}`, line numbers `{{lines:true}}` or `{{.rust .numberLines}}`)"
        );
        reader.report(Severity::Warning, range.start, message);
    }
    let mut lines = code::lines(text);
    if lines.len() > MOST_CODE_LINES {
        let message = format!(
            "the code block has {} lines; the most a code block may have is {MOST_CODE_LINES}",
            lines.len()
        );
        reader.report(Severity::Error, range.start, message);
        lines.truncate(MOST_CODE_LINES);
    }
    if let Some(past) = info
        .highlighted
        .iter()
        .find(|line| **line as usize > lines.len())
    {
        let message = format!(
            "line {past} of the code is marked to stand out, but the code has {} lines",
            lines.len()
        );
        reader.report(Severity::Warning, range.start, message);
    }
    let language = info.language.as_deref().map(highlight::language);
    let lines = match language {
        Some(highlight::Language::Grammar(syntax)) => highlight::highlight(&lines, syntax),
        _ => lines.iter().map(|line| highlight::plain(line)).collect(),
    };
    let language = match (language, info.language) {
        (Some(highlight::Language::Unknown), Some(written)) => {
            let message = format!("unknown code language `{written}`; the code is shown plain");
            reader.report(Severity::Warning, range.start, message);
            None
        }
        (_, language) => language,
    };
    CodeBlock {
        language,
        lines,
        first_line_number: info.first_line_number,
        highlighted: info.highlighted,
    }
}

/// Whether the fenced code block written as `source` ends with a closing
/// fence (in a quote or a list, after its markers).
fn closed_fence(source: &str) -> bool {
    let opening = source.trim_start();
    let mark = opening.chars().next().unwrap_or('`');
    let length = opening.chars().take_while(|c| *c == mark).count();
    let mut lines = source.trim_end().lines();
    lines.next();
    lines.last().is_some_and(|last| {
        let last = last.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        let run = last.chars().take_while(|c| *c == mark).count();
        run >= length && last[run..].trim().is_empty()
    })
}
