//! A shaped body set top-down at one scale.

use crate::diag::Span;
use crate::frame::{tagged, FillRect, Item, Layer, Level, Role};
use crate::geom::{Point, Pt, Rect};
use crate::image::ImageHandle;
use crate::math::Formula;
use crate::model::{Alt, Fit, Focus};

use super::super::block::Align;
use super::super::fit::fit_image;
use super::super::tags::figure;
use super::formula;
use super::inline::Rich;
use super::prepare::{Prepared, PreparedItem};
use super::BodyStyle;

/// Sets blocks at one scale.
pub(super) struct Setter<'a> {
    pub(super) body_style: &'a BodyStyle,
    /// The body's text size at this scale.
    pub(super) size: Pt,
    /// The box's height, for pictures.
    pub(super) box_height: Pt,
    pub(super) wrapped_code: bool,
    pub(super) shrunk_formulas: Vec<(Span, f64)>,
    /// The tick of a done task, shaped when the body has one.
    pub(super) tick: Option<&'a Rich>,
}

impl Setter<'_> {
    /// Sets `blocks` one under another from `(x, y)` in `width`, at list
    /// depth `depth`; their items go to `out`. Returns their height.
    pub(super) fn blocks(
        &mut self,
        blocks: &[Prepared],
        x: Pt,
        y: Pt,
        width: Pt,
        depth: usize,
        out: &mut Vec<Item>,
    ) -> Pt {
        let size = self.text_size(depth);
        let gap = size * self.body_style.block_gap;
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
            self.size * self.body_style.nested
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
        let body_style = self.body_style;
        let size = self.text_size(depth);
        let at = Point::new(x, y);
        match block {
            Prepared::Text(rich, heading) => self.text(rich, *heading, at, width, size, out),
            Prepared::List {
                numbered,
                tight,
                items,
            } => self.list(items, *numbered, *tight, at, width, depth, out),
            Prepared::Code(code) => {
                let set = code.place(at, width, self.size, &body_style.code, &body_style.palette);
                self.wrapped_code |= set.wrapped;
                out.extend(tagged(Role::Code, set.items));
                set.height
            }
            Prepared::Table(table) => {
                let (items, height) = table.place(
                    at,
                    width,
                    self.size * body_style.table.scale,
                    &body_style.table,
                    &body_style.palette,
                );
                out.extend(items);
                height
            }
            Prepared::Quote(blocks) => {
                let (bar, gap) = body_style.quote_bar;
                let inset = bar + size * gap;
                let mut inner = Vec::new();
                let height = self.blocks(blocks, x + inset, y, width - inset, depth, &mut inner);
                out.push(Item::Rect(FillRect {
                    rect: Rect::new(x, y, bar, height.max(Pt(1.0))),
                    color: body_style.palette.accent,
                    layer: Layer::Mark,
                    opacity: 100,
                }));
                out.extend(tagged(Role::Quote, inner));
                height
            }
            Prepared::Rule => {
                let height = size * body_style.line_height;
                let thickness = (size * 0.04).max(Pt(0.75));
                out.push(Item::Rect(FillRect {
                    rect: Rect::new(x, y + (height - thickness) / 2.0, width, thickness),
                    color: body_style.palette.rule,
                    layer: Layer::Mark,
                    opacity: 100,
                }));
                height
            }
            Prepared::Picture {
                image,
                size: (w, h),
                alt,
            } => self.picture(image, (*w, *h), alt.as_ref(), at, width, out),
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
            } => self.display_formula(formula, source, *span, at, width, size, out),
        }
    }

    /// A paragraph, or a heading at `heading`'s level, at text size `size`.
    fn text(
        &mut self,
        rich: &Rich,
        heading: Option<u8>,
        at: Point,
        width: Pt,
        size: Pt,
        out: &mut Vec<Item>,
    ) -> Pt {
        let body_style = self.body_style;
        let (size, role) = match heading {
            None => (size, Role::Paragraph),
            Some(level) => {
                let scale = if level <= 2 {
                    body_style.heading.0
                } else {
                    body_style.heading.1
                };
                (size * scale, Role::Heading(Level::Body(level)))
            }
        };
        let mut set = rich.place_shrinking_formulas(
            at,
            width,
            size,
            body_style.line_height,
            body_style.floor,
        );
        self.shrunk_formulas.append(&mut set.shrunk_formulas);
        let height = set.height;
        out.extend(tagged(role, set.into_items()));
        height
    }

    /// A picture `w` by `h` at the left edge of the text, under what
    /// precedes it, at most its share of the box's height.
    fn picture(
        &mut self,
        image: &ImageHandle,
        (w, h): (u32, u32),
        alt: Option<&Alt>,
        at: Point,
        width: Pt,
        out: &mut Vec<Item>,
    ) -> Pt {
        let body_style = self.body_style;
        let most = self.box_height * body_style.picture_share * (self.size.0 / body_style.size.0);
        let frame = Rect::new(at.x, at.y, width, most);
        let placement = fit_image(frame, w, h, Fit::Contain, Focus::CENTRE);
        let placed = Rect::new(at.x, at.y, placement.placed.width, placement.placed.height);
        let image = Item::Image(crate::frame::ImageItem {
            image: image.clone(),
            placed,
            clip: None,
            layer: Layer::Content,
        });
        out.extend(figure(alt, vec![image]));
        placed.height
    }

    /// A display formula centred in `width` at text size `size`, shrunk
    /// on its own (and noted) when it is wider.
    #[allow(clippy::too_many_arguments)]
    fn display_formula(
        &mut self,
        formula: &Formula,
        source: &str,
        span: Span,
        at: Point,
        width: Pt,
        size: Pt,
        out: &mut Vec<Item>,
    ) -> Pt {
        let (natural, above, below) = formula::extent(formula);
        let share = (width.0 / (size.0 * natural)).min(1.0);
        if share < 1.0 {
            self.shrunk_formulas.push((span, share));
        }
        let size = size * share;
        let left = at.x + (width - size * natural) / 2.0;
        let origin = Point::new(left, at.y + size * above);
        out.push(formula::draw(
            formula,
            source,
            origin,
            size,
            self.body_style.palette.text,
        ));
        size * (above + below)
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
        let body_style = self.body_style;
        // The list's items are set at the next depth's size.
        let size = self.text_size(depth + 1);
        let gap = size
            * if tight {
                body_style.item_gap.0
            } else {
                body_style.item_gap.1
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
        let indent = (size * body_style.indent).max(label_width);
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
                    body_style.line_height,
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
            top = top + height.max(size * body_style.line_height);
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
        let body_style = self.body_style;
        let side = size * 0.62;
        let top = at.y + (size * body_style.line_height - side) / 2.0;
        let stroke = (size * 0.06).max(Pt(1.0));
        let color = if done {
            body_style.palette.accent
        } else {
            body_style.palette.muted
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
                Point::new(
                    at.x,
                    top + (side - size * body_style.line_height * 0.8) / 2.0,
                ),
                side,
                size * 0.8,
                body_style.line_height,
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
        let gap = self.size * self.body_style.column_gap;
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
