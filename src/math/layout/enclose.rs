//! Bodies framed, filled, struck (across or diagonally), centred on the
//! axis or marked under, Steinmetz's phase angle, and the equilibrium
//! arrows.

use super::super::font::MathFont;
use super::super::parse::{CancelStrokes, Node};
use super::super::symbols::Class;
use super::{constants, Ctx, Layout, MBox};

/// `\fboxsep`: the space between a frame or background and its body.
const FRAME_SEP: f64 = 0.3;

/// KaTeX's padding of a cancelled body, in em: above and below a single
/// character, beside anything longer, so the stroke reaches past it.
const CANCEL_PAD: f64 = 0.2;

/// KaTeX's stroke of `\cancel`, in em.
const CANCEL_STROKE: f64 = 0.046;

/// The `steinmetz` package's `\phase`: its line weight (0.6 pt of a
/// 10 pt em) and the clearance under its body (0.35 ex, with KaTeX's
/// x-height of 0.431 em), in em.
const PHASE_WEIGHT: f64 = 0.06;
const PHASE_CLEARANCE: f64 = 0.35 * 0.431;

impl Layout {
    /// The nodes that enclose or mark a body; the rest are `node`'s.
    pub(super) fn enclose(&mut self, node: &Node, ctx: &Ctx) -> MBox {
        let s = ctx.scale();
        let t = constants().fraction_rule_thickness * s;
        match node {
            Node::Frame { frame, fill, body } => {
                let inner = self.list(body, ctx);
                let pad = FRAME_SEP * s;
                let border = if fill.is_some() && frame.is_none() {
                    0.0
                } else {
                    t
                };
                let mut b = MBox::blank(inner.width + 2.0 * (pad + border));
                let (top, bottom) = (inner.ascent + pad + border, -(inner.descent + pad + border));
                if let Some(fill) = fill {
                    let fill_ctx = Ctx {
                        color: Some(*fill),
                        ..*ctx
                    };
                    b.rule(0.0, bottom, b.width, top - bottom, &fill_ctx);
                    if let Some(rule) = b.rules.last_mut() {
                        rule.behind = true;
                    }
                }
                if border > 0.0 {
                    let frame_ctx = Ctx {
                        color: frame.or(ctx.color),
                        ..*ctx
                    };
                    let height = top - bottom;
                    b.rule(0.0, bottom, b.width, border, &frame_ctx);
                    b.rule(0.0, top - border, b.width, border, &frame_ctx);
                    b.rule(0.0, bottom, border, height, &frame_ctx);
                    b.rule(b.width - border, bottom, border, height, &frame_ctx);
                }
                b.place(inner, pad + border, 0.0);
                b
            }
            Node::Angl(body) => {
                // A rule above and one down the right side, a thin space
                // clear of the body.
                let inner = self.list(body, ctx);
                let gap = 3.0 * ctx.mu();
                let top = inner.ascent + gap;
                let bottom = -inner.descent;
                let mut b = MBox::blank(inner.width + gap + t);
                b.rule(0.0, top, inner.width + gap + t, t, ctx);
                b.rule(inner.width + gap, bottom, t, top - bottom, ctx);
                b.place(inner, 0.0, 0.0);
                b
            }
            Node::Strike(body) => {
                // Through the middle of lowercase letters, as `\sout` does.
                let mut b = self.list(body, ctx);
                let y = constants().axis_height * s - t / 2.0;
                b.rule(0.0, y, b.width, t, ctx);
                b.single = false;
                b
            }
            Node::Cancel { strokes, body } => self.cancel(*strokes, body, ctx),
            Node::Phase(body) => self.phase(body, ctx),
            Node::VCenter(body) => {
                let inner = self.list(body, ctx);
                let shift = constants().axis_height * s - (inner.ascent - inner.descent) / 2.0;
                let mut b = MBox::blank(inner.width);
                b.place(inner, 0.0, shift);
                b
            }
            Node::Segment { over, body } => self.segment(*over, body, ctx),
            Node::Equilibrium { right, over, under } => {
                self.equilibrium(*right, over, under.as_deref(), ctx)
            }
            // `node` sends only the nodes above here.
            _ => MBox::empty(),
        }
    }

    /// A body struck out by one diagonal of its box or both, as KaTeX
    /// does: a single character's box grows a little above and below,
    /// anything longer's a little either side, so the stroke clears it.
    fn cancel(&mut self, strokes: CancelStrokes, body: &[Node], ctx: &Ctx) -> MBox {
        let s = ctx.scale();
        let inner = self.list(body, ctx);
        let (beside, above) = if inner.single {
            (0.0, CANCEL_PAD * s)
        } else {
            (CANCEL_PAD * s, 0.0)
        };
        let mut b = MBox::blank(inner.width + 2.0 * beside);
        let (top, bottom) = (inner.ascent + above, -(inner.descent + above));
        b.place(inner, beside, 0.0);
        let (bottom_left, top_right) = ((0.0, bottom), (b.width, top));
        let (top_left, bottom_right) = ((0.0, top), (b.width, bottom));
        let thickness = CANCEL_STROKE * s;
        if strokes != CancelStrokes::Falling {
            b.line(bottom_left, top_right, thickness, ctx);
        }
        if strokes != CancelStrokes::Rising {
            b.line(top_left, bottom_right, thickness, ctx);
        }
        b
    }

    /// `\phase`: a rule under the body, clear of its depth, rising on the
    /// left in a slant to the body's height; the body stands right of the
    /// slant.
    fn phase(&mut self, body: &[Node], ctx: &Ctx) -> MBox {
        let s = ctx.scale();
        let inner = self.list(body, ctx);
        let weight = PHASE_WEIGHT * s;
        let bottom = -(inner.descent + PHASE_CLEARANCE * s + weight);
        let top = inner.ascent;
        let run = (top - bottom) / 2.0;
        let mut b = MBox::blank(inner.width + run + weight);
        b.place(inner, run + weight, 0.0);
        b.rule(0.0, bottom, b.width, weight, ctx);
        b.line(
            (weight / 2.0, bottom + weight / 2.0),
            (run, top),
            weight,
            ctx,
        );
        b
    }

    /// A line segment over or under a body: a rule as wide as the body
    /// with a short upright tick at each end.
    fn segment(&mut self, over: bool, body: &[Node], ctx: &Ctx) -> MBox {
        let c = constants();
        let s = ctx.scale();
        let t = c.overbar_rule_thickness * s;
        let tick = 0.25 * s;
        let mut b = self.list(body, ctx);
        b.single = false;
        let y = if over {
            b.ascent + c.overbar_vertical_gap * s + tick / 2.0
        } else {
            -(b.descent + c.underbar_vertical_gap * s + tick / 2.0)
        };
        let width = b.width;
        b.rule(0.0, y - t / 2.0, width, t, ctx);
        b.rule(0.0, y - tick / 2.0, t, tick, ctx);
        b.rule(width - t, y - tick / 2.0, t, tick, ctx);
        b
    }

    /// A glyph stretched under a body (`\underrightarrow`, `\utilde`),
    /// a gap below it, centred on it.
    pub(super) fn under_accent(&mut self, c: char, body: &[Node], ctx: &Ctx) -> MBox {
        let s = ctx.scale();
        let mut base = self.list(body, ctx);
        if MathFont::get().glyph(c).is_none() {
            return base;
        }
        let accent = self.stretched_raw(c, base.width, true, ctx);
        let x = base.width / 2.0 - accent_centre(&accent);
        let dy = -(base.descent + constants().underbar_vertical_gap * s) - accent.ascent;
        let (class, width, italic) = (base.class, base.width, base.italic);
        base.place(accent, x, dy);
        base.class = class;
        base.width = width;
        base.italic = italic;
        base.single = false;
        base
    }

    /// `\xrightequilibrium`: a harpoon pointing right over a shorter one
    /// pointing left (`right`), or the reverse, a little apart about the
    /// axis as in `⇌`, with labels above and below as `\xrightarrow`'s.
    fn equilibrium(
        &mut self,
        right: bool,
        over: &[Node],
        under: Option<&[Node]>,
        ctx: &Ctx,
    ) -> MBox {
        let s = ctx.scale();
        let over = self.list(over, &ctx.sup());
        let under = under.map(|u| self.list(u, &ctx.sub()));
        let label = over.width.max(under.as_ref().map_or(0.0, |u| u.width));
        let width = (label + 0.5 * s).max(s);
        let short = 0.6 * width;
        let (top_width, bottom_width) = if right {
            (width, short)
        } else {
            (short, width)
        };
        let top = self.stretched_raw('⇀', top_width, true, ctx);
        let bottom = self.stretched_raw('↽', bottom_width, true, ctx);
        // The two strokes of `⇌` stand 0.119 em either side of the axis,
        // where each harpoon's stroke is drawn.
        let apart = 0.119 * s;
        let mut arrows = MBox::blank(width);
        let (top_x, bottom_x) = ((width - top.width) / 2.0, (width - bottom.width) / 2.0);
        arrows.place(top, top_x, apart);
        arrows.place(bottom, bottom_x, -apart);
        let over = (over.width > 0.0).then_some(over);
        let mut b = self.limits(arrows, over, under, ctx);
        b.class = Class::Rel;
        b
    }
}

/// Where a stretched glyph's ink is centred from its origin: the
/// attachment point of a single glyph (a combining mark's ink lies left
/// of its origin), the middle of an assembly.
pub(super) fn accent_centre(accent: &MBox) -> f64 {
    match accent.glyphs.as_slice() {
        [one] => MathFont::get().metrics(one.id).top_accent * one.scale,
        _ => accent.width / 2.0,
    }
}
