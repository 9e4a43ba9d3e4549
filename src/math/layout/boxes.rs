//! Boxes around, beside or instead of a body: phantoms, sizes, rules,
//! raised, smashed and lapped bodies, framed bodies, slashed atoms and
//! extensible arrows.

use super::super::parse::{Align, Alphabet, Node};
use super::super::symbols::Class;
use super::{constants, Ctx, Layout, Level, MBox};

impl Layout {
    /// The nodes that box a body; the rest are [`Layout::node`]'s.
    pub(super) fn boxes(&mut self, node: &Node, ctx: &Ctx) -> MBox {
        match node {
            Node::Not(inner) => self.slashed(inner, ctx),
            Node::Phantom {
                width,
                height,
                body,
            } => {
                let b = self.list(body, ctx);
                MBox {
                    width: if *width { b.width } else { 0.0 },
                    ascent: if *height { b.ascent } else { 0.0 },
                    descent: if *height { b.descent } else { 0.0 },
                    ..MBox::empty()
                }
            }
            Node::Size { factor, body } => self.list(
                body,
                &Ctx {
                    // Nested sizes stop at a tenth and ten times the text.
                    size: (ctx.size * factor).clamp(0.1, 10.0),
                    ..*ctx
                },
            ),
            Node::Rule {
                width,
                height,
                raise,
            } => {
                let s = ctx.size;
                let mut b = MBox::blank(width * s);
                if *width > 0.0 && *height > 0.0 {
                    b.rule(0.0, raise * s, width * s, height * s, ctx);
                }
                b
            }
            Node::Raise { by, body } => {
                let inner = self.list(body, ctx);
                let mut b = MBox::blank(inner.width);
                b.place(inner, 0.0, by * ctx.size);
                b
            }
            Node::Smash { top, bottom, body } => {
                let mut b = self.list(body, ctx);
                if *top {
                    b.ascent = 0.0;
                }
                if *bottom {
                    b.descent = 0.0;
                }
                b
            }
            Node::Lap { align, body } => {
                let inner = self.list(body, ctx);
                let dx = match align {
                    Align::Left => 0.0,
                    Align::Center => -inner.width / 2.0,
                    Align::Right => -inner.width,
                };
                let mut b = MBox::blank(0.0);
                b.place(inner, dx, 0.0);
                b
            }
            Node::Choice(bodies) => {
                let index = match ctx.level {
                    Level::Display => 0,
                    Level::Text => 1,
                    Level::Script => 2,
                    Level::ScriptScript => 3,
                };
                self.list(&bodies[index], ctx)
            }
            // Only where an array row starts, which takes it out.
            Node::HLine => MBox::blank(0.0),
            Node::XArrow { glyph, over, under } => self.xarrow(*glyph, over, under.as_deref(), ctx),
            Node::Boxed(body) => self.boxed(body, ctx),
            // `node` sends only the nodes above here.
            _ => MBox::empty(),
        }
    }

    /// `\not`: a slash through the middle of its atom.
    fn slashed(&mut self, inner: &Node, ctx: &Ctx) -> MBox {
        let mut b = self.node(inner, ctx);
        let slash = self.char('/', Class::Ord, Alphabet::Roman, ctx);
        let x = (b.width - slash.width) / 2.0;
        let center = (b.ascent - b.descent) / 2.0;
        let dy = center - (slash.ascent - slash.descent) / 2.0;
        b.place(slash, x, dy);
        b
    }

    /// `\boxed`: its body in a frame of rules, a little clear of it.
    fn boxed(&mut self, body: &[Node], ctx: &Ctx) -> MBox {
        let inner = self.list(body, ctx);
        let pad = 0.3 * ctx.scale();
        let t = constants().fraction_rule_thickness * ctx.scale();
        let mut b = MBox::blank(inner.width + 2.0 * pad + 2.0 * t);
        let (top, bottom) = (inner.ascent + pad + t, -(inner.descent + pad + t));
        let height = top - bottom;
        b.rule(0.0, bottom, b.width, t, ctx);
        b.rule(0.0, top - t, b.width, t, ctx);
        b.rule(0.0, bottom, t, height, ctx);
        b.rule(b.width - t, bottom, t, height, ctx);
        b.place(inner, pad + t, 0.0);
        b
    }

    /// `\xrightarrow[under]{over}`: an arrow as wide as its labels.
    fn xarrow(&mut self, glyph: char, over: &[Node], under: Option<&[Node]>, ctx: &Ctx) -> MBox {
        let over = self.list(over, &ctx.sup());
        let under = under.map(|u| self.list(u, &ctx.sub()));
        // Half an em beyond the longer label, one em at least.
        let label = over.width.max(under.as_ref().map_or(0.0, |u| u.width));
        let width = (label + 0.5 * ctx.scale()).max(ctx.scale());
        let mut arrow = self.stretched_raw(glyph, width, true, ctx);
        arrow.single = false;
        let over = (over.width > 0.0).then_some(over);
        let mut b = self.limits(arrow, over, under, ctx);
        b.class = Class::Rel;
        b
    }
}
