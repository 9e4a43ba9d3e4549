//! Accents, over- and underlines, and horizontal braces.

use super::super::font::MathFont;
use super::super::parse::Node;
use super::super::symbols::{self, Class};
use super::enclose::accent_centre;
use super::{constants, Ctx, Layout, MBox};

impl Layout {
    pub(super) fn accent(&mut self, c: char, stretchy: bool, body: &[Node], ctx: &Ctx) -> MBox {
        let font = MathFont::get();
        let s = ctx.scale();
        let mut base = self.list(
            body,
            &Ctx {
                cramped: true,
                ..*ctx
            },
        );
        let Some(id) = font.glyph(c) else {
            return base;
        };
        let accent = if stretchy {
            self.stretched_raw(c, base.width, true, ctx)
        } else {
            self.glyph(id, c.to_string(), ctx)
        };
        let attach = accent_centre(&accent);
        let center = base.accent_x.unwrap_or(base.width / 2.0);
        let dy = if symbols::is_combining(c) {
            (base.ascent - constants().accent_base_height * s).max(0.0)
        } else {
            // A glyph of its own (`⇒`, `⏠`): stacked a gap over the body.
            base.ascent + constants().overbar_vertical_gap * s + accent.descent
        };
        let (class, width, italic) = (base.class, base.width, base.italic);
        base.place(accent, center - attach, dy);
        base.class = class;
        base.width = width;
        base.italic = italic;
        base.single = false;
        base
    }

    pub(super) fn line(&mut self, over: bool, body: &[Node], ctx: &Ctx) -> MBox {
        let c = constants();
        let s = ctx.scale();
        let mut b = self.list(body, ctx);
        b.single = false;
        if over {
            let t = c.overbar_rule_thickness * s;
            let y = b.ascent + c.overbar_vertical_gap * s;
            b.rule(0.0, y, b.width, t, ctx);
            b.ascent += c.overbar_extra_ascender * s;
        } else {
            let t = c.underbar_rule_thickness * s;
            let y = -(b.descent + c.underbar_vertical_gap * s) - t;
            b.rule(0.0, y, b.width, t, ctx);
        }
        b
    }

    /// `\overbrace`/`\underbrace`: a horizontal brace as wide as its body;
    /// scripts on it become labels above or below.
    pub(super) fn brace(&mut self, over: bool, glyph: char, body: &[Node], ctx: &Ctx) -> MBox {
        let c = constants();
        let s = ctx.scale();
        let body = self.list(body, ctx);
        let brace = self.stretched_raw(glyph, body.width, true, ctx);
        let width = body.width.max(brace.width);
        let mut b = MBox::blank(width);
        let (body_ascent, body_descent, body_width) = (body.ascent, body.descent, body.width);
        b.place(body, (width - body_width) / 2.0, 0.0);
        let x = (width - brace.width) / 2.0;
        if over {
            let dy = body_ascent + c.stretch_stack_gap_below_min * s + brace.descent;
            b.place(brace, x, dy);
        } else {
            let dy = body_descent + c.stretch_stack_gap_above_min * s + brace.ascent;
            b.place(brace, x, -dy);
        }
        b.class = Class::Op;
        b.limits = true;
        b
    }
}
