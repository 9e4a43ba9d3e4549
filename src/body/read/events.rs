//! pulldown-cmark's events into the blocks being built: what each tag
//! opens and closes, text and formulas into the leaf they belong to.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};

use crate::diag::Severity;
use crate::math::MathMode;
use crate::model::Link;

use super::super::{
    attributes, math, Block, Inline, List, ListItem, ListKind, Math, MOST_TABLE_CELLS,
};
use super::code_block::code_block;
use super::leaves::{clean, inline_only, is_pause_leaf, push_text};
use super::raw_blocks::raw_format;
use super::table::table;
use super::{Builder, Leaf, Open, Picture, Reader};

impl Builder {
    pub(super) fn event(
        &mut self,
        event: Event<'_>,
        at: Range<usize>,
        reader: &mut Reader<'_, '_>,
    ) {
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
                    let text = self.without_attributes(&text, &at, reader.text);
                    self.text(text, false);
                }
            }
            Event::Code(text) => {
                let formula = self.bracketed.iter().find(|f| f.range.start == at.start);
                match formula.cloned() {
                    Some(formula) => {
                        let source = formula.source(reader.text);
                        self.math(source, formula.display, formula.range.start + 2, reader);
                    }
                    None => {
                        self.text(&text, true);
                        self.attributes_may_follow = true;
                    }
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

    pub(super) fn start(&mut self, tag: Tag<'_>, at: Range<usize>, reader: &mut Reader<'_, '_>) {
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
            } => self.open_link(link_type, &dest_url, at.start, reader),
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

    /// Opens a link to `dest_url`, which starts at `at`; one that cannot
    /// be read is reported, and its text stays unlinked.
    fn open_link(
        &mut self,
        link_type: LinkType,
        dest_url: &str,
        at: usize,
        reader: &mut Reader<'_, '_>,
    ) {
        let written = match link_type {
            LinkType::Email => format!("mailto:{dest_url}"),
            _ => dest_url.to_string(),
        };
        let span = reader.context.origin.span(reader.text, at);
        let link = match Link::read(&written, span) {
            Ok(link) => Some(link),
            // Marp and Pandoc keep such a link; its words are still worth showing.
            Err(message) if reader.context.markdown => {
                let message = format!("{message}; its text is shown unlinked");
                reader.report(Severity::Warning, at, message);
                None
            }
            Err(message) => {
                reader.report(Severity::Error, at, message);
                None
            }
        };
        self.style.links.push(link);
    }

    pub(super) fn end(&mut self, tag: TagEnd, reader: &mut Reader<'_, '_>) {
        match tag {
            TagEnd::Emphasis => self.style.emphasis = self.style.emphasis.saturating_sub(1),
            TagEnd::Strong => self.style.strong = self.style.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.style.strike = self.style.strike.saturating_sub(1),
            TagEnd::Link => {
                self.style.links.pop();
                self.attributes_may_follow = true;
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
                    self.attributes_may_follow = true;
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
                let Some(Open::Cell(mut leaf)) = self.open.pop() else {
                    return;
                };
                self.read_tex(&mut leaf, reader);
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
    pub(super) fn close_top_with(&mut self, reader: &mut Reader<'_, '_>) {
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
            Open::Heading { level, mut leaf } => {
                self.read_tex(&mut leaf, reader);
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
            } => match raw_format(&info) {
                Some(format) => self.raw_block(format, &text, range.start, reader),
                None => {
                    let block = code_block(&info, fenced, &text, range, reader);
                    self.block(Block::Code(block));
                }
            },
            Open::Html(html, at) => {
                // Its tags read for what they mean, its text kept, in
                // paragraphs as its `<p>`, `<div>`... tags cut it.
                self.inline_html(&html, at, reader);
                self.close_implicit(reader);
            }
        }
    }

    /// Closes a tight item's text before a block starts or its item ends.
    pub(super) fn close_implicit(&mut self, reader: &mut Reader<'_, '_>) {
        if let Some(Open::Paragraph { implicit: true, .. }) = self.open.last() {
            self.close_top_with(reader);
        }
    }

    /// The leaf inline events go into; a tight item's text opens one.
    pub(super) fn leaf(&mut self) -> &mut Leaf {
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

    /// Text `text`, at `at` in the body, without the attribute group of
    /// Pandoc's `![](chart.png){width=50%}`, `` `x`{.rust} ``,
    /// `[a](url){target=_blank}`: never shown. The group is found in the
    /// body, since pulldown-cmark may give it as several texts.
    fn without_attributes<'t>(&mut self, text: &'t str, at: &Range<usize>, body: &str) -> &'t str {
        if std::mem::take(&mut self.attributes_may_follow) {
            if let Some(length) = body.get(at.start..).and_then(attributes::leading) {
                self.attributes_end = at.start + length;
            }
        }
        if at.start >= self.attributes_end {
            return text;
        }
        text.get(self.attributes_end - at.start..).unwrap_or("")
    }

    pub(super) fn text(&mut self, text: &str, code: bool) {
        // Whatever follows a picture, code span or link, attributes or not.
        self.attributes_may_follow = false;
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
    pub(super) fn math(
        &mut self,
        source: &str,
        display: bool,
        at: usize,
        reader: &mut Reader<'_, '_>,
    ) {
        let math = reader.formula(source, display, at);
        let leaf = self.leaf();
        leaf.text_seen = true;
        leaf.inlines.push(Inline::Math(math));
    }
}

impl Reader<'_, '_> {
    /// The formula `source`, which starts at byte `at` of the text, typeset;
    /// its problems are warnings at their places in the deck file.
    pub(super) fn formula(&mut self, source: &str, display: bool, at: usize) -> Math {
        let span = self.context.origin.span(self.text, at);
        let mode = if display {
            MathMode::Display
        } else {
            MathMode::Inline
        };
        let formula = match crate::math::typeset(source, mode, self.context.macros) {
            Ok(formula) => {
                for problem in &formula.warnings {
                    self.math_problem(problem, at, "");
                }
                Some(formula)
            }
            Err(problem) => {
                let shown = "; the formula is shown as written";
                self.math_problem(&problem, at, shown);
                None
            }
        };
        Math {
            source: source.to_string(),
            display,
            span,
            formula,
        }
    }
}
