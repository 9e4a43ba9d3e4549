//! Fractions and radicals.

use super::super::parse::Node;
use super::{constants, Ctx, Layout, Level, MBox};

impl Layout {
    /// A fraction, or with no `bar` a stack (`\binom`'s insides). TeX's
    /// null delimiter space stands either side, unless real delimiters
    /// (`delimited`, as `\binom`'s) take its place.
    pub(super) fn fraction(
        &mut self,
        num: &[Node],
        den: &[Node],
        bar: bool,
        delimited: bool,
        ctx: &Ctx,
    ) -> MBox {
        let c = constants();
        let s = ctx.scale();
        let display = ctx.display();
        let num = self.list(num, &ctx.num());
        let den = self.list(den, &ctx.den());
        let axis = c.axis_height * s;
        let (mut up, mut down);
        let thickness = if bar {
            c.fraction_rule_thickness * s
        } else {
            0.0
        };
        if bar {
            let (shift_up, shift_down, gap_num, gap_den) = if display {
                (
                    c.fraction_numerator_display_shift_up,
                    c.fraction_denominator_display_shift_down,
                    c.fraction_numerator_display_gap_min,
                    c.fraction_denominator_display_gap_min,
                )
            } else {
                (
                    c.fraction_numerator_shift_up,
                    c.fraction_denominator_shift_down,
                    c.fraction_numerator_gap_min,
                    c.fraction_denominator_gap_min,
                )
            };
            up = (shift_up * s).max(axis + thickness / 2.0 + gap_num * s + num.descent);
            down = (shift_down * s).max(gap_den * s + thickness / 2.0 - axis + den.ascent);
        } else {
            let (shift_up, shift_down, gap_min) = if display {
                (
                    c.stack_top_display_shift_up,
                    c.stack_bottom_display_shift_down,
                    c.stack_display_gap_min,
                )
            } else {
                (
                    c.stack_top_shift_up,
                    c.stack_bottom_shift_down,
                    c.stack_gap_min,
                )
            };
            up = shift_up * s;
            down = shift_down * s;
            let gap = (up - num.descent) - (den.ascent - down);
            if gap < gap_min * s {
                let more = (gap_min * s - gap) / 2.0;
                up += more;
                down += more;
            }
        }
        // TeX's null delimiter space on either side (1.2 pt at 10 pt).
        let pad = if delimited { 0.0 } else { 0.12 * s };
        let width = num.width.max(den.width) + 2.0 * pad;
        let mut b = MBox::blank(width);
        b.place(num.clone(), (width - num.width) / 2.0, up);
        b.place(den.clone(), (width - den.width) / 2.0, -down);
        if bar {
            // The bar runs through the null delimiter space too, as
            // MathJax draws it (its line reaches 0.1 em past the wider
            // part on each side), so a fraction stands apart from what
            // is beside it; TeX stops the bar at the wider part.
            b.rule(0.0, axis - thickness / 2.0, width, thickness, ctx);
        }
        b
    }

    pub(super) fn radical(&mut self, index: Option<&[Node]>, body: &[Node], ctx: &Ctx) -> MBox {
        let c = constants();
        let s = ctx.scale();
        let body = self.list(
            body,
            &Ctx {
                cramped: true,
                ..*ctx
            },
        );
        let gap = if ctx.display() {
            c.radical_display_vertical_gap
        } else {
            c.radical_vertical_gap
        } * s;
        let t = c.radical_rule_thickness * s;
        let needed = body.ascent + body.descent + gap + t;
        let mut sign = self.stretched_raw('√', needed, false, ctx);
        // The sign's top meets the rule's top; spare height widens the gap.
        let sign_height = sign.ascent + sign.descent;
        let extra = (sign_height - needed).max(0.0) / 2.0;
        let top = body.ascent + gap + extra + t;
        let shift = top - sign.ascent;
        sign.ascent += shift;
        sign.descent -= shift;
        sign.shift_drawing(0.0, shift);
        let mut b = MBox::empty();
        let mut x = 0.0;
        if let Some(index) = index {
            let degree = self.list(
                index,
                &Ctx {
                    level: Level::ScriptScript,
                    ..*ctx
                },
            );
            let raise = c.radical_degree_bottom_raise * (sign.ascent + sign.descent) - sign.descent;
            let before = c.radical_kern_before_degree * s;
            let after = c.radical_kern_after_degree * s;
            let degree_width = degree.width;
            b.place(degree, before, raise);
            x = (before + degree_width + after).max(0.0);
        }
        let sign_width = sign.width;
        b.place(sign, x, 0.0);
        x += sign_width;
        b.rule(x, top - t, body.width, t, ctx);
        b.ascent = b.ascent.max(top + c.radical_extra_ascender * s);
        let body_width = body.width;
        b.place(body, x, 0.0);
        b.width = x + body_width;
        b
    }
}
