//! Slide bodies: lists, paragraphs, code, tables, quotes and columns set
//! top-down in a box, and shrunk as a whole (one factor for all their
//! text) to fit it.
//!
//! The body is shaped once ([`Prepared`]), then set at the largest scale
//! that fits, of the scales from 1 down to the floor (bisected, see
//! [`first_fitting`]); a body that does not fit at the floor shrinks
//! further, to a fifth of its size, and the slide gets a warning. What does
//! not fit even then is left out, with a warning, so nothing leaves the
//! slide.

mod code;
mod formula;
mod inline;
mod palette;
mod table;

pub(super) use code::CodeLook;
pub(super) use palette::Palette;
pub(super) use table::TableLook;

use crate::body::{Block, Body, ListKind};
use crate::diag::{Diagnostic, Severity, Span};
use crate::frame::{tagged, FillRect, Item, Layer, Level, Role};
use crate::geom::{Point, Pt, Rect};
use crate::image::ImageKey;
use crate::model::{Alt, Fit, Focus};
use crate::text::{FaceStyle, Weight};

use super::block::Align;
use super::fit::fit_image;
use super::tags::figure;
use super::Context;
use code::Code;
use inline::{InlineColors, Look, Rich};
use table::Table;

/// The numbers of a body's look, as shares of its text size (em) unless
/// they say otherwise.
#[derive(Debug, Clone, Copy)]
pub(in crate::layout) struct BodyLook {
    /// Paragraphs and first-level list items, in points: an upper bound.
    pub size: Pt,
    /// Nested list items, of `size`.
    pub nested: f64,
    pub line_height: f64,
    /// Between blocks.
    pub block_gap: f64,
    /// Between the items of a tight list, and of a loose one.
    pub item_gap: (f64, f64),
    /// From a list's edge to its items' text; a child list's markers
    /// stand under its parent's text.
    pub indent: f64,
    /// Headings inside a body, of `size`, for `#`/`##` and deeper.
    pub heading: (f64, f64),
    pub code: CodeLook,
    pub table: TableLook,
    /// The quote bar's width, in points, and the gap after it.
    pub quote_bar: (Pt, f64),
    /// Between columns.
    pub column_gap: f64,
    /// A picture in a body is at most this share of the box's height.
    pub picture_share: f64,
    /// The smallest scale the body shrinks to before warning.
    pub floor: f64,
    /// Bullets by depth: the first three levels, then the third again.
    pub bullets: [&'static str; 3],
    pub palette: Palette,
}

/// How many scales a body is tried at: 1, 0.98, ... 0.2.
const SCALE_STEPS: u32 = 41;

/// The first of `steps` settings that `fits`, the last one if none does.
///
/// A body set at a smaller scale is never taller, so once a step fits every
/// later one does: the first step is tried alone (most bodies fit at once),
/// then the rest are bisected, about six settings instead of up to 41, with
/// the step a linear search would find.
fn first_fitting<T>(steps: u32, set: impl Fn(u32) -> T, fits: impl Fn(&T) -> bool) -> (u32, T) {
    let first = set(0);
    if steps <= 1 || fits(&first) {
        return (0, first);
    }
    // `high` is the answer if nothing before it fits: the last step is
    // taken whatever it gives.
    let (mut low, mut high) = (1, steps - 1);
    let mut at_high = None;
    while low < high {
        let middle = low + (high - low) / 2;
        let setting = set(middle);
        if fits(&setting) {
            high = middle;
            at_high = Some(setting);
        } else {
            low = middle + 1;
        }
    }
    let setting = at_high.unwrap_or_else(|| set(high));
    (high, setting)
}

/// The items of `items` that end above `bottom`, looking inside tagged
/// nodes (a node left with nothing goes too), and how many drawn items
/// were left out.
fn keep_above(items: Vec<Item>, bottom: Pt) -> (Vec<Item>, usize) {
    let mut kept = Vec::with_capacity(items.len());
    let mut left_out = 0;
    for item in items {
        match item {
            Item::Tagged(mut node) => {
                let (inner, lost) = keep_above(std::mem::take(&mut node.items), bottom);
                left_out += lost;
                if !inner.is_empty() {
                    node.items = inner;
                    kept.push(Item::Tagged(node));
                }
            }
            item if item.bounds().bottom().fits(bottom) => kept.push(item),
            _ => left_out += 1,
        }
    }
    (kept, left_out)
}

/// A body shaped, ready to be set at any scale.
#[derive(Debug, Clone)]
enum Prepared {
    Text(Rich, Option<u8>),
    List {
        numbered: bool,
        tight: bool,
        items: Vec<PreparedItem>,
    },
    Code(Code),
    Table(Table),
    Quote(Vec<Prepared>),
    Rule,
    Picture {
        key: ImageKey,
        size: (u32, u32),
        alt: Option<Alt>,
    },
    Columns(Vec<(Option<f64>, Vec<Prepared>)>),
    /// Not yet revealed at this step: set for its room, not drawn.
    Hidden(Box<Prepared>),
    /// A display formula, centred on its own line.
    Formula {
        formula: crate::math::Formula,
        source: String,
        span: Span,
    },
}

#[derive(Debug, Clone)]
struct PreparedItem {
    /// The bullet or number; `None` for a task, which gets a box.
    marker: Option<Rich>,
    task: Option<bool>,
    blocks: Vec<Prepared>,
    /// Not yet revealed at this step: set for its room, not drawn.
    hidden: bool,
}

/// What setting a body at one scale gave.
struct Setting {
    items: Vec<Item>,
    height: Pt,
    /// Whether a code block had to wrap lines.
    wrapped_code: bool,
    /// The display formulas shrunk to fit the width: where each is
    /// written, and its share of the text's size.
    shrunk_formulas: Vec<(Span, f64)>,
}

/// Sets blocks at one scale.
struct Setter<'a> {
    look: &'a BodyLook,
    /// The body's text size at this scale.
    size: Pt,
    /// The box's height, for pictures.
    box_height: Pt,
    wrapped_code: bool,
    shrunk_formulas: Vec<(Span, f64)>,
    /// The tick of a done task, shaped when the body has one.
    tick: Option<&'a Rich>,
}

impl Context<'_> {
    /// `body` set in `area`, top-aligned: its items and height. `what`
    /// names the slide in warnings, written at `span`.
    pub(super) fn set_body(
        &mut self,
        body: &Body,
        area: Rect,
        look: &BodyLook,
        what: &str,
        span: Span,
    ) -> (Vec<Item>, Pt) {
        let colors = InlineColors {
            text: look.palette.text,
            link: look.palette.accent,
            chip: look.palette.chip,
            error: look.palette.error,
        };
        let prepared = self.prepare_all(&body.blocks, look, colors, 0);
        self.warn_missing_glyphs(body, what, span);
        // A done task's tick, in black or white, whichever reads on the accent.
        let on_accent = look.palette.accent.most_legible(&[
            crate::color::Color::WHITE,
            crate::color::Color::rgb(0, 0, 0),
        ]);
        let done_task = body.all_blocks().into_iter().any(|block| {
            matches!(block, Block::List(list) if list.items.iter().any(|item| item.task == Some(true)))
        });
        let tick = done_task.then(|| {
            let look = Look::plain(FaceStyle::from(Weight::Bold), on_accent);
            Rich::plain(self.fonts, "✓", look)
        });
        let set_at = |scale: f64| {
            let mut setter = Setter {
                look,
                size: look.size * scale,
                box_height: area.height,
                wrapped_code: false,
                shrunk_formulas: Vec::new(),
                tick: tick.as_ref(),
            };
            let mut items = Vec::new();
            let height = setter.blocks(&prepared, area.x, area.y, area.width, 0, &mut items);
            Setting {
                items,
                height,
                wrapped_code: setter.wrapped_code,
                shrunk_formulas: setter.shrunk_formulas,
            }
        };
        // From full size down to the floor in fiftieths, then below it, to a
        // fifth of the size, which is taken whether it fits or not.
        let scale_at = |step: u32| 1.0 - f64::from(step) * 0.02;
        let (step, setting) = first_fitting(
            SCALE_STEPS,
            |step| set_at(scale_at(step)),
            |setting| setting.height.fits(area.height),
        );
        let scale = scale_at(step);
        let file = self.deck.file().to_path_buf();
        // Even at the smallest scale the body may not fit: what would leave
        // the slide is left out, and the warning says so.
        let (items, left_out) = if setting.height.fits(area.height) {
            (setting.items, 0)
        } else {
            keep_above(setting.items, area.bottom())
        };
        if left_out > 0 {
            let message = format!(
                "the body of {what} does not fit even at {:.1} pt; what does not fit is left out",
                (look.size * scale).0
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(span), message);
            self.diagnostics
                .push(warning.with_hint("split the slide in two, or shorten its body"));
        } else if scale < look.floor - 1e-9 {
            let message = format!(
                "the body of {what} does not fit at {:.0} pt; shrunk to {:.1} pt",
                (look.size * look.floor).0,
                (look.size * scale).0
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(span), message);
            self.diagnostics
                .push(warning.with_hint("split the slide in two, or shorten its body"));
        } else if scale < 1.0 {
            let message = format!(
                "the body of {what} is shrunk from {} pt to {:.1} pt to fit",
                look.size.0,
                (look.size * scale).0
            );
            self.diagnostics.note(&file, Some(span), message);
        }
        if setting.wrapped_code {
            let message = format!(
                "a line of code on {what} is too long for the slide; wrapped, marked with `↪`"
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(span), message);
            self.diagnostics
                .push(warning.with_hint("shorten the line, or break it yourself"));
        }
        for (at, share) in &setting.shrunk_formulas {
            let message = format!(
                "a formula on {what} is too wide for the slide; shrunk to {:.0}% of the text's size",
                share * 100.0
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(*at), message);
            self.diagnostics.push(
                warning.with_hint("break it over lines (`aligned`), or give it a slide of its own"),
            );
        }
        (items, setting.height.min(area.height))
    }

    fn prepare_all(
        &self,
        blocks: &[Block],
        look: &BodyLook,
        colors: InlineColors,
        depth: usize,
    ) -> Vec<Prepared> {
        blocks
            .iter()
            .filter_map(|block| self.prepare(block, look, colors, depth))
            .collect()
    }

    /// `block` shaped; `None` for a picture that did not load (reported
    /// where its file is named).
    fn prepare(
        &self,
        block: &Block,
        look: &BodyLook,
        colors: InlineColors,
        depth: usize,
    ) -> Option<Prepared> {
        let fonts = self.fonts;
        Some(match block {
            Block::Paragraph(inlines) => Prepared::Text(
                Rich::new(fonts, inlines, FaceStyle::default(), colors),
                None,
            ),
            Block::Heading { level, text } => Prepared::Text(
                Rich::new(fonts, text, FaceStyle::from(Weight::Bold), colors),
                Some(*level),
            ),
            Block::List(list) => {
                let numbered = matches!(list.kind, ListKind::Numbered { .. });
                let items = list
                    .items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| {
                        let marker = match (item.task, list.kind) {
                            (Some(_), _) => None,
                            (None, ListKind::Bullet) => {
                                let bullet = look.bullets[depth.min(look.bullets.len() - 1)];
                                let color = match depth {
                                    0 => look.palette.accent,
                                    1 => look.palette.text,
                                    _ => look.palette.muted,
                                };
                                Some(Rich::plain(
                                    fonts,
                                    bullet,
                                    Look::plain(FaceStyle::default(), color),
                                ))
                            }
                            (None, ListKind::Numbered { start }) => {
                                let number = start.saturating_add(index as u64);
                                Some(Rich::plain(
                                    fonts,
                                    &format!("{number}."),
                                    Look::plain(FaceStyle::default(), look.palette.text),
                                ))
                            }
                        };
                        PreparedItem {
                            marker,
                            task: item.task,
                            blocks: self.prepare_all(&item.blocks, look, colors, depth + 1),
                            hidden: item.hidden,
                        }
                    })
                    .collect();
                Prepared::List {
                    numbered,
                    tight: list.tight,
                    items,
                }
            }
            Block::Code(code) => Prepared::Code(Code::new(fonts, code, &look.palette)),
            Block::Table(table) => Prepared::Table(Table::new(fonts, table, colors)),
            Block::Quote(blocks) => Prepared::Quote(self.prepare_all(blocks, look, colors, depth)),
            Block::Rule => Prepared::Rule,
            Block::Math(math) => match &math.formula {
                Some(formula) => Prepared::Formula {
                    formula: formula.clone(),
                    source: math.source.clone(),
                    span: math.span,
                },
                // As written, delimiters aside, in the error colour.
                None => Prepared::Text(
                    Rich::plain(
                        fonts,
                        math.source.trim(),
                        Look::plain(FaceStyle::default(), colors.error),
                    ),
                    None,
                ),
            },
            Block::Image { image, alt } => {
                let key = self.images.key_for(image)?;
                let loaded = self.images.get(key)?;
                Prepared::Picture {
                    key: loaded.key,
                    size: (loaded.width, loaded.height),
                    alt: alt.clone(),
                }
            }
            Block::Columns(columns) => Prepared::Columns(
                columns
                    .iter()
                    .map(|column| {
                        let blocks = self.prepare_all(&column.blocks, look, colors, depth);
                        (column.width, blocks)
                    })
                    .collect(),
            ),
            Block::Pause => return None,
            Block::Hidden(block) => {
                Prepared::Hidden(Box::new(self.prepare(block, look, colors, depth)?))
            }
        })
    }

    /// Warns once per character the fonts cannot draw in `body`.
    fn warn_missing_glyphs(&mut self, body: &Body, what: &str, span: Span) {
        let mut texts = String::new();
        collect_text(&body.blocks, &mut texts);
        let stacks = [
            self.fonts.stack(FaceStyle::default()),
            self.fonts.stack(FaceStyle {
                mono: true,
                ..FaceStyle::default()
            }),
        ];
        for c in stacks[0].missing_chars(&texts) {
            if !stacks[1].missing_chars(&c.to_string()).is_empty()
                && self.missing_glyphs.insert((Some(span), c))
            {
                let message = format!(
                    "the font has no glyph for `{c}` (U+{:04X}), used in the body of {what}",
                    u32::from(c)
                );
                let warning =
                    Diagnostic::new(Severity::Warning, self.deck.file(), Some(span), message);
                self.diagnostics
                    .push(warning.with_hint("set `theme.font` to a font that has it"));
            }
        }
    }
}

/// Every piece of text in `blocks`, one after another.
fn collect_text(blocks: &[Block], out: &mut String) {
    use crate::body::Inline;
    let inlines = |inlines: &[Inline], out: &mut String| {
        for inline in inlines {
            if let Inline::Text { text, .. } = inline {
                out.push_str(text);
            }
        }
    };
    for block in blocks {
        match block {
            Block::Paragraph(text) | Block::Heading { text, .. } => inlines(text, out),
            Block::List(list) => {
                for item in &list.items {
                    collect_text(&item.blocks, out);
                }
            }
            Block::Code(code) => {
                for token in code.lines.iter().flat_map(|line| &line.tokens) {
                    out.push_str(&token.text);
                }
            }
            Block::Table(table) => {
                for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                    inlines(cell, out);
                }
            }
            Block::Quote(blocks) => collect_text(blocks, out),
            Block::Columns(columns) => {
                for column in columns {
                    collect_text(&column.blocks, out);
                }
            }
            Block::Hidden(block) => collect_text(std::slice::from_ref(block), out),
            Block::Rule | Block::Image { .. } | Block::Pause | Block::Math(_) => {}
        }
    }
}

impl Setter<'_> {
    /// Sets `blocks` one under another from `(x, y)` in `width`, at list
    /// depth `depth`; their items go to `out`. Returns their height.
    fn blocks(
        &mut self,
        blocks: &[Prepared],
        x: Pt,
        y: Pt,
        width: Pt,
        depth: usize,
        out: &mut Vec<Item>,
    ) -> Pt {
        let size = self.text_size(depth);
        let gap = size * self.look.block_gap;
        let mut top = y;
        for (index, block) in blocks.iter().enumerate() {
            if index > 0 {
                top = top + gap;
            }
            top = top + self.block(block, x, top, width, depth, out);
        }
        top - y
    }

    /// The size of text at list depth `depth`: outside lists (0) and in
    /// a first-level list (1) the body's size, deeper the nested size.
    fn text_size(&self, depth: usize) -> Pt {
        if depth <= 1 {
            self.size
        } else {
            self.size * self.look.nested
        }
    }

    fn block(
        &mut self,
        block: &Prepared,
        x: Pt,
        y: Pt,
        width: Pt,
        depth: usize,
        out: &mut Vec<Item>,
    ) -> Pt {
        let look = self.look;
        let size = self.text_size(depth);
        let at = Point::new(x, y);
        match block {
            Prepared::Text(rich, heading) => {
                let (size, role) = match heading {
                    None => (size, Role::Paragraph),
                    Some(level) => {
                        let scale = if *level <= 2 {
                            look.heading.0
                        } else {
                            look.heading.1
                        };
                        (size * scale, Role::Heading(Level::Body(*level)))
                    }
                };
                let set = rich.place(at, width, size, look.line_height, Align::Left);
                let height = set.height;
                out.extend(tagged(role, set.into_items()));
                height
            }
            Prepared::List {
                numbered,
                tight,
                items,
            } => self.list(items, *numbered, *tight, at, width, depth, out),
            Prepared::Code(code) => {
                let set = code.place(at, width, self.size, &look.code, &look.palette);
                self.wrapped_code |= set.wrapped;
                out.extend(tagged(Role::Code, set.items));
                set.height
            }
            Prepared::Table(table) => {
                let (items, height) = table.place(
                    at,
                    width,
                    self.size * look.table.scale,
                    &look.table,
                    &look.palette,
                );
                out.extend(items);
                height
            }
            Prepared::Quote(blocks) => {
                let (bar, gap) = look.quote_bar;
                let inset = bar + size * gap;
                let mut inner = Vec::new();
                let height = self.blocks(blocks, x + inset, y, width - inset, depth, &mut inner);
                out.push(Item::Rect(FillRect {
                    rect: Rect::new(x, y, bar, height.max(Pt(1.0))),
                    color: look.palette.accent,
                    layer: Layer::Mark,
                    opacity: 100,
                }));
                out.extend(tagged(Role::Quote, inner));
                height
            }
            Prepared::Rule => {
                let height = size * look.line_height;
                let thickness = (size * 0.04).max(Pt(0.75));
                out.push(Item::Rect(FillRect {
                    rect: Rect::new(x, y + (height - thickness) / 2.0, width, thickness),
                    color: look.palette.rule,
                    layer: Layer::Mark,
                    opacity: 100,
                }));
                height
            }
            Prepared::Picture {
                key,
                size: (w, h),
                alt,
            } => {
                let most = self.box_height * look.picture_share * (self.size.0 / look.size.0);
                let frame = Rect::new(x, y, width, most);
                let placement = fit_image(frame, *w, *h, Fit::Contain, Focus::CENTRE);
                // Standing at the left edge of the text, under what precedes it.
                let placed = Rect::new(x, y, placement.placed.width, placement.placed.height);
                let image = Item::Image(crate::frame::ImageItem {
                    image: *key,
                    placed,
                    clip: None,
                    layer: Layer::Content,
                });
                out.extend(figure(alt.as_ref(), vec![image]));
                placed.height
            }
            Prepared::Columns(columns) => self.columns(columns, x, y, width, depth, out),
            Prepared::Hidden(block) => {
                // Set as if shown, so that nothing moves when it is.
                let mut unseen = Vec::new();
                self.block(block, x, y, width, depth, &mut unseen)
            }
            Prepared::Formula {
                formula,
                source,
                span,
            } => {
                let (natural, above, below) = formula::extent(formula);
                let share = (width.0 / (size.0 * natural)).min(1.0);
                if share < 1.0 {
                    self.shrunk_formulas.push((*span, share));
                }
                let size = size * share;
                let left = x + (width - size * natural) / 2.0;
                let origin = Point::new(left, y + size * above);
                out.push(formula::draw(
                    formula,
                    source,
                    origin,
                    size,
                    look.palette.text,
                ));
                size * (above + below)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn list(
        &mut self,
        items: &[PreparedItem],
        numbered: bool,
        tight: bool,
        at: Point,
        width: Pt,
        depth: usize,
        out: &mut Vec<Item>,
    ) -> Pt {
        let look = self.look;
        // The list's items are set at the next depth's size.
        let size = self.text_size(depth + 1);
        let gap = size
            * if tight {
                look.item_gap.0
            } else {
                look.item_gap.1
            };
        // Numbers stand right-aligned in a column as wide as the widest.
        let label_width = if numbered {
            let widest = items
                .iter()
                .filter_map(|item| item.marker.as_ref())
                .map(Rich::natural_width)
                .fold(0.0, f64::max);
            size * (widest + 0.3)
        } else {
            Pt(0.0)
        };
        let indent = (size * look.indent).max(label_width);
        let mut top = at.y;
        let mut list_items = Vec::new();
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                top = top + gap;
            }
            let mut label = Vec::new();
            if let Some(marker) = &item.marker {
                let (marker_width, align) = if numbered {
                    (label_width - size * 0.3, Align::Right)
                } else {
                    (indent, Align::Left)
                };
                let set = marker.place(
                    Point::new(at.x, top),
                    marker_width,
                    size,
                    look.line_height,
                    align,
                );
                label.extend(set.into_items());
            }
            if let Some(done) = item.task {
                label.extend(self.task_box(done, Point::new(at.x, top), size));
            }
            let mut body = Vec::new();
            let height = self.blocks(
                &item.blocks,
                at.x + indent,
                top,
                width - indent,
                depth + 1,
                &mut body,
            );
            top = top + height.max(size * look.line_height);
            if item.hidden {
                // Its room kept, nothing of it drawn.
                continue;
            }
            let label = tagged(Role::Label, label);
            let body = tagged(Role::ListBody, body);
            list_items.extend(tagged(
                Role::ListItem,
                label.into_iter().chain(body).collect(),
            ));
        }
        out.extend(tagged(Role::List, list_items));
        top - at.y
    }

    /// A task's box, its top at the line's top: drawn, and ticked when done.
    fn task_box(&self, done: bool, at: Point, size: Pt) -> Vec<Item> {
        let look = self.look;
        let side = size * 0.62;
        let top = at.y + (size * look.line_height - side) / 2.0;
        let stroke = (size * 0.06).max(Pt(1.0));
        let color = if done {
            look.palette.accent
        } else {
            look.palette.muted
        };
        let rect = |x: Pt, y: Pt, w: Pt, h: Pt| {
            Item::Rect(FillRect {
                rect: Rect::new(x, y, w, h),
                color,
                layer: Layer::Mark,
                opacity: 100,
            })
        };
        if let (true, Some(tick)) = (done, self.tick) {
            let mut items = vec![rect(at.x, top, side, side)];
            let tick = tick.place(
                Point::new(at.x, top + (side - size * look.line_height * 0.8) / 2.0),
                side,
                size * 0.8,
                look.line_height,
                Align::Center,
            );
            let box_rect = Rect::new(at.x, top, side, side);
            for mut item in tick.into_items() {
                // The tick stands on the box: its box is the box, so the
                // contrast check reads it against the box's colour.
                if let Item::Text(run) = &mut item {
                    run.bounds = box_rect;
                }
                items.push(item);
            }
            return items;
        }
        vec![
            rect(at.x, top, side, stroke),
            rect(at.x, top + side - stroke, side, stroke),
            rect(at.x, top + stroke, stroke, side - stroke * 2.0),
            rect(
                at.x + side - stroke,
                top + stroke,
                stroke,
                side - stroke * 2.0,
            ),
        ]
    }

    fn columns(
        &mut self,
        columns: &[(Option<f64>, Vec<Prepared>)],
        x: Pt,
        y: Pt,
        width: Pt,
        depth: usize,
        out: &mut Vec<Item>,
    ) -> Pt {
        if columns.is_empty() {
            return Pt(0.0);
        }
        let gap = self.size * self.look.column_gap;
        let room = width - gap * (columns.len() - 1) as f64;
        let given: f64 = columns.iter().filter_map(|(share, _)| *share).sum();
        let open = columns.iter().filter(|(share, _)| share.is_none()).count();
        // Shares past the whole are scaled down; the rest is shared evenly.
        let scale = if given > 1.0 { 1.0 / given } else { 1.0 };
        let rest = if open > 0 {
            (1.0 - given * scale).max(0.0) / open as f64
        } else {
            0.0
        };
        let mut left = x;
        let mut height = Pt(0.0);
        for (share, blocks) in columns {
            let column_width = room * share.map_or(rest, |share| share * scale);
            let column_height = self.blocks(blocks, left, y, column_width, depth, out);
            height = height.max(column_height);
            left = left + column_width + gap;
        }
        height
    }
}

#[cfg(test)]
mod tests;
