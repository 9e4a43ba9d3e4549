//! Slide bodies: lists, paragraphs, code, tables, quotes and columns set
//! top-down in a box, and shrunk as a whole (one factor for all their
//! text) to fit it. A formula too wide for its column shrinks on its own
//! first (an inline one down to the body's floor), so the text around it
//! keeps its size.
//!
//! The body is shaped once ([`Prepared`]), then set at the largest scale
//! that fits, of the scales from 1 down to the floor (bisected, see
//! [`first_fitting`]); a body that does not fit at the floor shrinks
//! further, to a fifth of its size, and the slide gets a warning. What does
//! not fit even then is left out, with a warning, so nothing leaves the
//! slide.

mod caption;
mod code;
mod formula;
mod inline;
mod palette;
mod prepare;
mod setter;
mod table;

pub(super) use caption::FormulaCaption;
pub(super) use code::CodeStyle;
pub(super) use palette::Palette;
pub(super) use table::TableStyle;

use crate::body::Body;
use crate::diag::{Diagnostic, Severity, Span};
use crate::frame::Item;
use crate::geom::{Pt, Rect};
use crate::text::{FaceStyle, Weight};

use super::Context;
use crate::body::Block;
use inline::{InlineColors, Rich, StretchStyle};
use setter::Setter;

/// How a body is set: its sizes, gaps and indents, as shares of its
/// text size (em) unless they say otherwise, its bullets and colours.
#[derive(Debug, Clone, Copy)]
pub(in crate::layout) struct BodyStyle {
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
    pub code: CodeStyle,
    pub table: TableStyle,
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

/// The items of `items` that end above `bottom` and left of `right`,
/// looking inside tagged nodes (a node left with nothing goes too), and
/// how many drawn items were left out.
fn keep_within(items: Vec<Item>, bottom: Pt, right: Pt) -> (Vec<Item>, usize) {
    let mut kept = Vec::with_capacity(items.len());
    let mut left_out = 0;
    for item in items {
        match item {
            Item::Tagged(mut node) => {
                let (inner, lost) = keep_within(std::mem::take(&mut node.items), bottom, right);
                left_out += lost;
                if !inner.is_empty() {
                    node.items = inner;
                    kept.push(Item::Tagged(node));
                }
            }
            item if item.bounds().bottom().fits(bottom) && item.bounds().right().fits(right) => {
                kept.push(item)
            }
            _ => left_out += 1,
        }
    }
    (kept, left_out)
}
/// What setting a body at one scale gave.
struct Setting {
    items: Vec<Item>,
    height: Pt,
    /// The right edge of its rightmost item: an inline formula is a box
    /// no line break splits, so a line can be wider than the column.
    right: Pt,
    /// Whether a code block had to wrap lines.
    wrapped_code: bool,
    /// The formulas shrunk to fit the width, each on its own (a display
    /// formula to its column, an inline one to its line): where each is
    /// written, and its share of the text's size.
    shrunk_formulas: Vec<(Span, f64)>,
}

/// How a body was fitted into its box, for the warnings that say so.
struct Fitted<'a> {
    /// The scale it was set at.
    scale: f64,
    /// How many drawn items were left out, not fitting even at the smallest scale.
    left_out: usize,
    wrapped_code: bool,
    shrunk_formulas: &'a [(Span, f64)],
}

impl Context<'_> {
    /// `body` set in `area`, top-aligned: its items and height. `what`
    /// names the slide in warnings, written at `span`.
    pub(super) fn set_body(
        &mut self,
        body: &Body,
        area: Rect,
        body_style: &BodyStyle,
        what: &str,
        span: Span,
    ) -> (Vec<Item>, Pt) {
        let colors = InlineColors {
            text: body_style.palette.text,
            link: body_style.palette.accent,
            chip: body_style.palette.chip,
            error: body_style.palette.error,
        };
        let prepared = self.prepare_all(&body.blocks, body_style, colors, 0);
        self.warn_missing_glyphs(body, what, span);
        let tick = self.done_task_tick(body, body_style);
        let set_at = |scale: f64| {
            let mut setter = Setter {
                body_style,
                size: body_style.size * scale,
                box_height: area.height,
                wrapped_code: false,
                shrunk_formulas: Vec::new(),
                tick: tick.as_ref(),
            };
            let mut items = Vec::new();
            let height = setter.blocks(&prepared, area.x, area.y, area.width, 0, &mut items);
            let right = items
                .iter()
                .map(|item| item.bounds().right())
                .fold(area.x, Pt::max);
            Setting {
                items,
                height,
                right,
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
            |setting| setting.height.fits(area.height) && setting.right.fits(area.right()),
        );
        let scale = scale_at(step);
        // Even at the smallest scale the body may not fit: what would leave
        // the slide is left out, and the warning says so.
        let (items, left_out) =
            if setting.height.fits(area.height) && setting.right.fits(area.right()) {
                (setting.items, 0)
            } else {
                keep_within(setting.items, area.bottom(), area.right())
            };
        let fit = Fitted {
            scale,
            left_out,
            wrapped_code: setting.wrapped_code,
            shrunk_formulas: &setting.shrunk_formulas,
        };
        self.report_fit(&fit, body_style, what, span);
        (items, setting.height.min(area.height))
    }

    /// A done task's tick, in black or white, whichever reads on the
    /// accent; `None` when no task of `body` is done.
    fn done_task_tick(&self, body: &Body, body_style: &BodyStyle) -> Option<Rich> {
        let on_accent = body_style.palette.accent.most_legible(&[
            crate::color::Color::WHITE,
            crate::color::Color::rgb(0, 0, 0),
        ]);
        let done_task = body.all_blocks().into_iter().any(|block| {
            matches!(block, Block::List(list) if list.items.iter().any(|item| item.task == Some(true)))
        });
        done_task.then(|| {
            let tick_style = StretchStyle::plain(FaceStyle::from(Weight::Bold), on_accent);
            Rich::plain(self.fonts, "✓", tick_style)
        })
    }

    /// The warnings and notes of how a body was fitted: shrunk as a whole
    /// (past its floor, or even left out in part), code wrapped, formulas
    /// shrunk on their own. `what` names the slide, its body at `span`.
    fn report_fit(&mut self, fit: &Fitted, body_style: &BodyStyle, what: &str, span: Span) {
        let file = self.deck.file().to_path_buf();
        let scale = fit.scale;
        if fit.left_out > 0 {
            let message = format!(
                "the body of {what} does not fit even at {:.1} pt; what does not fit is left out",
                (body_style.size * scale).0
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(span), message);
            self.found
                .push(warning.with_hint("split the slide in two, or shorten its body"));
        } else if scale < body_style.floor - 1e-9 {
            let message = format!(
                "the body of {what} does not fit at {:.0} pt; shrunk to {:.1} pt",
                (body_style.size * body_style.floor).0,
                (body_style.size * scale).0
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(span), message);
            self.found
                .push(warning.with_hint("split the slide in two, or shorten its body"));
        } else if scale < 1.0 {
            let message = format!(
                "the body of {what} is shrunk from {} pt to {:.1} pt to fit",
                body_style.size.0,
                (body_style.size * scale).0
            );
            self.found.note(&file, Some(span), message);
        }
        if fit.wrapped_code {
            let message = format!(
                "a line of code on {what} is too long for the slide; wrapped, marked with `↪`"
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(span), message);
            self.found
                .push(warning.with_hint("shorten the line, or break it yourself"));
        }
        for (at, share) in fit.shrunk_formulas {
            let message = format!(
                "a formula on {what} is too wide for the slide; shrunk to {:.0}% of the text's size",
                share * 100.0
            );
            let warning = Diagnostic::new(Severity::Warning, &file, Some(*at), message);
            self.found.push(
                warning.with_hint("break it over lines (`aligned`), or give it a slide of its own"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
