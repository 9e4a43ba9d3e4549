//! Delimiters as tall as what they enclose, and glyphs stretched from the
//! font's larger variants and assemblies.

use super::super::font::MathFont;
use super::super::parse::{Alphabet, Node};
use super::super::symbols::{self, Class};
use super::super::MathGlyph;
use super::{constants, Ctx, Layout, MBox};

impl Layout {
    /// `\left`..`\right`, with `\middle`s: delimiters as tall as what they
    /// enclose.
    pub(super) fn left_right(&mut self, left: char, body: &[Node], right: char, ctx: &Ctx) -> MBox {
        // Each stretch between `\middle`s is laid out once; the middles
        // then take the height of all of them.
        let mut parts: Vec<MBox> = Vec::new();
        let mut middles: Vec<char> = Vec::new();
        for part in body.split(|n| matches!(n, Node::Middle(_))) {
            parts.push(self.list(part, ctx));
        }
        for node in body {
            if let Node::Middle(c) = node {
                middles.push(*c);
            }
        }
        let ascent = parts.iter().map(|p| p.ascent).fold(0.0, f64::max);
        let descent = parts.iter().map(|p| p.descent).fold(0.0, f64::max);
        let height = delimiter_height(ascent, descent, ctx);
        let mut b = MBox::empty();
        b.class = Class::Inner;
        let push = |b: &mut MBox, piece: MBox| {
            let x = b.width;
            b.width += piece.width;
            b.place(piece, x, 0.0);
        };
        if left != '\0' {
            let d = self.stretched(left, height, ctx);
            push(&mut b, d);
        } else {
            push(&mut b, MBox::blank(0.12 * ctx.scale()));
        }
        let mut parts = parts.into_iter();
        if let Some(first) = parts.next() {
            push(&mut b, first);
        }
        for (middle, part) in middles.into_iter().zip(parts) {
            let d = self.stretched(middle, height, ctx);
            push(&mut b, d);
            push(&mut b, part);
        }
        if right != '\0' {
            let d = self.stretched(right, height, ctx);
            push(&mut b, d);
        } else {
            push(&mut b, MBox::blank(0.12 * ctx.scale()));
        }
        b
    }

    /// `inner` between delimiters as tall as it is (either may be `'\0'`).
    pub(super) fn delimited(
        &mut self,
        left: char,
        inner: MBox,
        right: char,
        ctx: &Ctx,
        class: Class,
    ) -> MBox {
        let height = delimiter_height(inner.ascent, inner.descent, ctx);
        let mut b = MBox::empty();
        if left != '\0' {
            let d = self.stretched(left, height, ctx);
            b.width = d.width;
            b.place(d, 0.0, 0.0);
        }
        let x = b.width;
        b.width += inner.width;
        b.place(inner, x, 0.0);
        if right != '\0' {
            let d = self.stretched(right, height, ctx);
            let x = b.width;
            b.width += d.width;
            b.place(d, x, 0.0);
        }
        b.class = class;
        b
    }

    /// A delimiter at least `height` tall, centred on the math axis.
    pub(super) fn stretched(&mut self, c: char, height: f64, ctx: &Ctx) -> MBox {
        let mut b = self.stretched_raw(c, height, false, ctx);
        let axis = constants().axis_height * ctx.scale();
        let shift = axis - (b.ascent - b.descent) / 2.0;
        b.shift_drawing(0.0, shift);
        b.ascent += shift;
        b.descent -= shift;
        b.class = symbols::char_class(c);
        b.single = false;
        b
    }

    /// `c` at least `size` long (tall, or wide if `horizontal`): the
    /// glyph, a larger variant, or an assembly of its pieces; sitting where
    /// the font draws it (not centred).
    pub(super) fn stretched_raw(
        &mut self,
        c: char,
        size: f64,
        horizontal: bool,
        ctx: &Ctx,
    ) -> MBox {
        let font = MathFont::get();
        let s = ctx.scale();
        let Some(id) = font.glyph(c) else {
            return self.char(c, Class::Ord, Alphabet::Roman, ctx);
        };
        let variants = font.variants(id, horizontal);
        if let Some(&(variant, _)) = variants.iter().find(|&&(_, length)| length * s >= size) {
            return self.glyph(variant, c.to_string(), ctx);
        }
        let Some((parts, _italic)) = font.assembly(id, horizontal) else {
            // The largest variant there is.
            let largest = variants.last().map_or(id, |&(v, _)| v);
            return self.glyph(largest, c.to_string(), ctx);
        };
        self.assembly(c, &parts, size, horizontal, ctx)
    }

    /// Glued pieces (MathML Core's algorithm): extenders repeated as few
    /// times as reach `size`, overlaps spread evenly.
    pub(super) fn assembly(
        &mut self,
        c: char,
        parts: &[super::super::font::Part],
        size: f64,
        horizontal: bool,
        ctx: &Ctx,
    ) -> MBox {
        let s = ctx.scale();
        let overlap_min = constants().min_connector_overlap * s;
        let size = size.min(100.0);
        let full = |p: &super::super::font::Part| p.full * s;
        let fixed: f64 = parts.iter().filter(|p| !p.extender).map(full).sum();
        let extenders: f64 = parts.iter().filter(|p| p.extender).map(full).sum();
        let fixed_count = parts.iter().filter(|p| !p.extender).count();
        let extender_count = parts.len() - fixed_count;
        // Repeat extenders until the pieces, overlapped as little as
        // allowed, reach the size (bounded: a formula is at most 100 em).
        let mut repeats = 0usize;
        if extender_count > 0 {
            while repeats < 500 {
                let n = fixed_count + repeats * extender_count;
                let longest =
                    fixed + repeats as f64 * extenders - (n.saturating_sub(1)) as f64 * overlap_min;
                if longest >= size {
                    break;
                }
                repeats += 1;
            }
        }
        let mut pieces: Vec<&super::super::font::Part> = Vec::new();
        for p in parts {
            if p.extender {
                pieces.extend(std::iter::repeat_n(p, repeats));
            } else {
                pieces.push(p);
            }
        }
        let total: f64 = pieces.iter().map(|p| full(p)).sum();
        let joints = pieces.len().saturating_sub(1).max(1) as f64;
        let max_overlap = pieces
            .windows(2)
            .map(|w| (w[0].end_connector * s).min(w[1].start_connector * s))
            .fold(f64::INFINITY, f64::min);
        let overlap = ((total - size) / joints)
            .clamp(overlap_min.min(max_overlap), max_overlap.max(overlap_min));
        let font = MathFont::get();
        let mut b = MBox::empty();
        let mut pos = 0.0;
        for (i, p) in pieces.iter().enumerate() {
            let m = font.metrics(p.id);
            let glyph = MathGlyph {
                face: font.face.clone(),
                id: p.id,
                x: if horizontal { pos } else { 0.0 },
                y: if horizontal { 0.0 } else { pos },
                scale: s,
                text: if i == 0 { c.to_string() } else { String::new() },
                color: ctx.color,
            };
            if horizontal {
                b.ascent = b.ascent.max(m.ascent * s);
                b.descent = b.descent.max(m.descent * s);
            } else {
                b.width = b.width.max(m.advance * s);
                b.ascent = b.ascent.max(pos + m.ascent * s);
                b.descent = b.descent.max(-(pos - m.descent * s));
            }
            b.glyphs.push(glyph);
            pos += full(p) - overlap;
        }
        if horizontal {
            b.width = pos + overlap;
        }
        b
    }
}

/// How tall `\left`/`\right` delimiters around a box are: TeX's rule, at
/// least 90% of twice the box's reach from the axis, and no more than
/// 0.5 em short of it.
pub(super) fn delimiter_height(ascent: f64, descent: f64, ctx: &Ctx) -> f64 {
    let axis = constants().axis_height * ctx.scale();
    let reach = 2.0 * (ascent - axis).max(descent + axis);
    (reach * 0.901).max(reach - 0.5 * ctx.scale())
}
