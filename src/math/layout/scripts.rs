//! Sub- and superscripts beside a base, and limits above and below it.

use super::super::parse::Node;
use super::super::symbols::Class;
use super::super::Limits;
use super::{constants, Ctx, Layout, MBox};

impl Layout {
    pub(super) fn scripts(
        &mut self,
        base: &Node,
        sub: Option<&[Node]>,
        sup: Option<&[Node]>,
        ctx: &Ctx,
    ) -> MBox {
        let c = constants();
        let s = ctx.scale();
        let base = self.node(base, ctx);
        let sup_box = sup.map(|n| self.list(n, &ctx.sup()));
        let sub_box = sub.map(|n| self.list(n, &ctx.sub()));
        if base.limits {
            return self.limits(base, sup_box, sub_box, ctx);
        }
        let class = base.class;
        let is_op = class == Class::Op;
        let mut sup_shift = 0.0;
        let mut sub_shift = 0.0;
        if let Some(sup) = &sup_box {
            let up = if ctx.cramped {
                c.superscript_shift_up_cramped
            } else {
                c.superscript_shift_up
            } * s;
            let drop = if base.single {
                0.0
            } else {
                base.ascent - c.superscript_baseline_drop_max * s
            };
            sup_shift = up.max(drop).max(c.superscript_bottom_min * s + sup.descent);
        }
        if let Some(sub) = &sub_box {
            let drop = if base.single {
                0.0
            } else {
                base.descent + c.subscript_baseline_drop_min * s
            };
            sub_shift = (c.subscript_shift_down * s)
                .max(drop)
                .max(sub.ascent - c.subscript_top_max * s);
        }
        if let (Some(sup), Some(sub)) = (&sup_box, &sub_box) {
            let gap = (sup_shift - sup.descent) - (sub.ascent - sub_shift);
            let min = c.sub_superscript_gap_min * s;
            if gap < min {
                sub_shift += min - gap;
                let sup_bottom = sup_shift - sup.descent;
                let room = c.superscript_bottom_max_with_subscript * s - sup_bottom;
                if room > 0.0 {
                    sup_shift += room;
                    sub_shift -= room;
                }
                // Keep at least the gap after moving both.
                let gap = (sup_shift - sup.descent) - (sub.ascent - sub_shift);
                if gap < min {
                    sub_shift += min - gap;
                }
            }
        }
        let italic = base.italic;
        let mut b = base;
        b.class = class;
        b.single = false;
        b.accent_x = None;
        let x = b.width;
        let mut end = x;
        if let Some(sup) = sup_box {
            let sx = x + if is_op { 0.0 } else { italic };
            end = end.max(sx + sup.width);
            b.place(sup, sx, sup_shift);
        }
        if let Some(sub) = sub_box {
            // An integral's subscript tucks under its slant.
            let sx = x - if is_op { italic } else { 0.0 };
            end = end.max(sx + sub.width);
            b.place(sub, sx, -sub_shift);
        }
        b.width = end + c.space_after_script * s;
        b.italic = 0.0;
        b
    }

    /// An operator with limits centred above and below it.
    pub(super) fn limits(
        &mut self,
        base: MBox,
        over: Option<MBox>,
        under: Option<MBox>,
        ctx: &Ctx,
    ) -> MBox {
        let c = constants();
        let s = ctx.scale();
        let width = [
            base.width,
            over.as_ref().map_or(0.0, |o| o.width),
            under.as_ref().map_or(0.0, |u| u.width),
        ]
        .into_iter()
        .fold(0.0, f64::max);
        let italic = base.italic;
        let mut b = MBox::blank(width);
        b.class = base.class;
        let (base_ascent, base_descent) = (base.ascent, base.descent);
        b.place(base.clone(), (width - base.width) / 2.0, 0.0);
        if let Some(over) = over {
            let shift = (c.upper_limit_baseline_rise_min * s)
                .max(c.upper_limit_gap_min * s + over.descent)
                + base_ascent;
            b.place(over.clone(), (width - over.width + italic) / 2.0, shift);
        }
        if let Some(under) = under {
            let shift = (c.lower_limit_baseline_drop_min * s)
                .max(c.lower_limit_gap_min * s + under.ascent)
                + base_descent;
            b.place(under.clone(), (width - under.width - italic) / 2.0, -shift);
        }
        b
    }
}

/// Whether an operator's limits go above and below here.
pub(super) fn takes_limits(limits: Limits, ctx: &Ctx) -> bool {
    match limits {
        Limits::Always => true,
        Limits::Never => false,
        Limits::Display => ctx.display(),
    }
}
