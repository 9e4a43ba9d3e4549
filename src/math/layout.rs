//! Lays a parsed formula out in boxes, TeX's way, measured with the math
//! font's MATH table (the rules of MathML Core's layout, which follow
//! TeX's appendix G with the table's constants).

use super::font::{Constants, MathFont};
use super::parse::{Align, Alphabet, Array, Node, StyleSwitch};
use super::symbols::{self, Class};
use super::{Formula, Limits, MathError, MathGlyph, MathMode, MathRule};
use crate::color::Color;
use crate::text::{FaceStyle, FontSet, Shaper, Weight};

/// TeX's four styles; `cramped` styles raise superscripts less.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Display,
    Text,
    Script,
    ScriptScript,
}

#[derive(Debug, Clone, Copy)]
struct Ctx {
    level: Level,
    cramped: bool,
    color: Option<Color>,
    /// `\tiny` .. `\Huge`: a factor on every length.
    size: f64,
}

impl Ctx {
    fn scale(&self) -> f64 {
        let c = constants();
        self.size
            * match self.level {
                Level::Display | Level::Text => 1.0,
                Level::Script => c.script_scale,
                Level::ScriptScript => c.script_script_scale,
            }
    }

    fn display(&self) -> bool {
        self.level == Level::Display
    }

    /// The style of a superscript.
    fn sup(&self) -> Ctx {
        let level = match self.level {
            Level::Display | Level::Text => Level::Script,
            _ => Level::ScriptScript,
        };
        Ctx { level, ..*self }
    }

    /// The style of a subscript: like a superscript's, cramped.
    fn sub(&self) -> Ctx {
        Ctx {
            cramped: true,
            ..self.sup()
        }
    }

    /// The style of a fraction's numerator.
    fn num(&self) -> Ctx {
        let level = match self.level {
            Level::Display => Level::Text,
            Level::Text => Level::Script,
            _ => Level::ScriptScript,
        };
        Ctx { level, ..*self }
    }

    fn den(&self) -> Ctx {
        Ctx {
            cramped: true,
            ..self.num()
        }
    }

    fn switched(&self, style: StyleSwitch) -> Ctx {
        let level = match style {
            StyleSwitch::Display => Level::Display,
            StyleSwitch::Text => Level::Text,
            StyleSwitch::Script => Level::Script,
            StyleSwitch::ScriptScript => Level::ScriptScript,
        };
        Ctx { level, ..*self }
    }

    /// One mu: an eighteenth of an em at this style's size.
    fn mu(&self) -> f64 {
        self.scale() / 18.0
    }
}

fn constants() -> &'static Constants {
    MathFont::get().constants()
}

/// A laid-out piece: its extent, and what it draws relative to its origin
/// (the left end of its baseline).
#[derive(Debug, Clone)]
struct MBox {
    width: f64,
    ascent: f64,
    descent: f64,
    glyphs: Vec<MathGlyph>,
    rules: Vec<MathRule>,
    /// How far its last glyph leans out (italic correction).
    italic: f64,
    /// Where an accent over it is centred, if it is one glyph.
    accent_x: Option<f64>,
    class: Class,
    /// A single glyph (scripts then follow the constants alone).
    single: bool,
    /// An operator that takes its scripts as limits above and below.
    limits: bool,
    /// Explicit space (`\,`, `\quad`): no atom, so no class spacing.
    space: bool,
}

impl MBox {
    fn empty() -> MBox {
        MBox {
            width: 0.0,
            ascent: 0.0,
            descent: 0.0,
            glyphs: Vec::new(),
            rules: Vec::new(),
            italic: 0.0,
            accent_x: None,
            class: Class::Ord,
            single: false,
            limits: false,
            space: false,
        }
    }

    /// A box of this width with nothing in it, taking part in spacing
    /// as an ordinary atom.
    fn blank(width: f64) -> MBox {
        MBox {
            width,
            ..MBox::empty()
        }
    }

    /// Draws `other` with its origin at (`dx`, `dy`) of this box, growing
    /// this box's height and depth (not its width) to hold it.
    fn place(&mut self, other: MBox, dx: f64, dy: f64) {
        self.ascent = self.ascent.max(other.ascent + dy);
        self.descent = self.descent.max(other.descent - dy);
        self.glyphs.extend(other.glyphs.into_iter().map(|mut g| {
            g.x += dx;
            g.y += dy;
            g
        }));
        self.rules.extend(other.rules.into_iter().map(|mut r| {
            r.x += dx;
            r.y += dy;
            r
        }));
    }

    fn rule(&mut self, x: f64, y: f64, width: f64, height: f64, ctx: &Ctx) {
        self.rules.push(MathRule {
            x,
            y,
            width,
            height,
            color: ctx.color,
        });
        self.ascent = self.ascent.max(y + height);
        self.descent = self.descent.max(-y);
    }
}

struct Layout {
    warnings: Vec<MathError>,
}

/// Lays out a parsed formula.
pub fn layout(nodes: &[Node], mode: MathMode) -> Formula {
    let ctx = Ctx {
        level: match mode {
            MathMode::Display => Level::Display,
            MathMode::Inline => Level::Text,
        },
        cramped: false,
        color: None,
        size: 1.0,
    };
    let mut layout = Layout {
        warnings: Vec::new(),
    };
    let b = layout.list(nodes, &ctx);
    Formula {
        width: b.width,
        ascent: b.ascent,
        descent: b.descent,
        glyphs: b.glyphs,
        rules: b.rules,
        warnings: layout.warnings,
    }
}

/// The space TeX puts between two atoms, in mu; `None` where only display
/// and text styles space (the table of The TeXbook, chapter 18).
fn spacing(left: Class, right: Class, ctx: &Ctx) -> f64 {
    use Class::*;
    let tight = matches!(ctx.level, Level::Script | Level::ScriptScript);
    let (mu, always) = match (left, right) {
        (Ord, Op) | (Op, Ord) | (Op, Op) | (Close, Op) | (Inner, Op) => (3.0, true),
        (Ord, Bin) | (Bin, _) | (Close, Bin) | (Inner, Bin) => (4.0, false),
        (_, Bin) => (0.0, true),
        (Ord | Op | Close | Inner, Rel) | (Rel, Ord | Op | Open | Inner) => (5.0, false),
        (Ord | Close, Inner) | (Inner, Ord | Open | Punct | Inner) => (3.0, false),
        (Punct, _) => (3.0, false),
        _ => (0.0, true),
    };
    if tight && !always {
        0.0
    } else {
        mu * ctx.mu()
    }
}

impl Layout {
    /// A list of atoms, spaced by their classes.
    fn list(&mut self, nodes: &[Node], ctx: &Ctx) -> MBox {
        let mut boxes: Vec<MBox> = Vec::with_capacity(nodes.len());
        for node in nodes {
            let b = self.node(node, ctx);
            boxes.push(b);
        }
        // A binary operator with nothing to bind is ordinary (`-1`, `(+`).
        for i in 0..boxes.len() {
            if boxes[i].class != Class::Bin {
                continue;
            }
            let atom = |b: &&MBox| !b.space;
            let before = boxes[..i].iter().rev().find(atom).map(|b| b.class);
            let after = boxes[i + 1..].iter().find(atom).map(|b| b.class);
            let lone = matches!(
                before,
                None | Some(Class::Bin | Class::Op | Class::Rel | Class::Open | Class::Punct)
            ) || matches!(after, None | Some(Class::Rel | Class::Close | Class::Punct));
            if lone {
                boxes[i].class = Class::Ord;
            }
        }
        let mut out = MBox::empty();
        let mut previous: Option<Class> = None;
        let count = boxes.len();
        for b in boxes {
            // Explicit spaces are no atoms: they take no part in spacing.
            if let (Some(left), false) = (previous, b.space) {
                out.width += spacing(left, b.class, ctx);
            }
            if !b.space {
                previous = Some(b.class);
            }
            let x = out.width;
            out.width += b.width;
            out.italic = b.italic;
            if count == 1 {
                out.accent_x = b.accent_x.map(|a| a + x);
                out.single = b.single;
                out.class = b.class;
                out.limits = b.limits;
            }
            out.place(b, x, 0.0);
        }
        out
    }

    fn node(&mut self, node: &Node, ctx: &Ctx) -> MBox {
        match node {
            Node::Char { c, class, alphabet } => self.char(*c, *class, *alphabet, ctx),
            Node::Text {
                text,
                class,
                limits,
                alphabet,
            } => {
                let mut b = self.text(text, *alphabet, ctx);
                b.class = *class;
                b.limits = *class == Class::Op && takes_limits(*limits, ctx);
                b
            }
            Node::Group(body) | Node::Tag(body) => {
                let mut b = self.list(body, ctx);
                b.class = Class::Ord;
                b.limits = false;
                b
            }
            Node::Classed { class, body } => {
                let mut b = self.list(body, ctx);
                b.class = *class;
                b.limits = *class == Class::Op && ctx.display();
                b
            }
            Node::Limits { op, limits } => {
                let mut b = self.node(op, ctx);
                b.limits = takes_limits(*limits, ctx);
                b
            }
            Node::Scripts { base, sub, sup } => {
                self.scripts(base, sub.as_deref(), sup.as_deref(), ctx)
            }
            Node::Frac {
                num,
                den,
                style,
                bar,
                delims,
            } => {
                let ctx = style.map_or(*ctx, |s| ctx.switched(s));
                let b = self.fraction(num, den, *bar, &ctx);
                match delims {
                    Some((open, close)) => self.delimited(*open, b, *close, &ctx, Class::Inner),
                    None => MBox {
                        class: Class::Inner,
                        ..b
                    },
                }
            }
            Node::Sqrt { index, body } => self.radical(index.as_deref(), body, ctx),
            Node::Delimited { left, right, body } => self.left_right(*left, body, *right, ctx),
            Node::Middle(c) => {
                // A `\middle` outside `\left`..`\right` is its glyph.
                self.char(*c, Class::Rel, Alphabet::Roman, ctx)
            }
            Node::BigDelim { c, size, class } => {
                // \big is 1.2 em tall, \Big 1.8, \bigg 2.4, \Bigg 3.0.
                let height = 0.6 * (1.0 + f64::from(*size)) * ctx.scale();
                let mut b = self.stretched(*c, height, ctx);
                b.class = *class;
                b
            }
            Node::Accent { c, stretchy, body } => self.accent(*c, *stretchy, body, ctx),
            Node::Line { over, body } => self.line(*over, body, ctx),
            Node::Brace { over, glyph, body } => self.brace(*over, *glyph, body, ctx),
            Node::Stack { base, over, under } => {
                let mut base = self.list(base, ctx);
                let class = base.class;
                base.limits = false;
                let over = over.as_ref().map(|o| self.list(o, &ctx.sup()));
                let under = under.as_ref().map(|u| self.list(u, &ctx.sub()));
                let mut b = self.limits(base, over, under, ctx);
                b.class = class;
                b
            }
            Node::Space(mu) => MBox {
                space: true,
                ..MBox::blank(mu * ctx.mu())
            },
            Node::Style { style, body } => self.list(body, &ctx.switched(*style)),
            Node::Color { color, body } => {
                let colored = Ctx {
                    color: Some(*color),
                    ..*ctx
                };
                let mut b = self.list(body, &colored);
                if body.len() != 1 {
                    b.class = Class::Ord;
                }
                b
            }
            Node::Array { array, left, right } => {
                let b = self.array(array, ctx);
                self.delimited(*left, b, *right, ctx, Class::Inner)
            }
            Node::Not(inner) => {
                let mut b = self.node(inner, ctx);
                let slash = self.char('/', Class::Ord, Alphabet::Roman, ctx);
                let x = (b.width - slash.width) / 2.0;
                let center = (b.ascent - b.descent) / 2.0;
                let dy = center - (slash.ascent - slash.descent) / 2.0;
                b.place(slash, x, dy);
                b
            }
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
            Node::XArrow { glyph, over, under } => {
                let over = self.list(over, &ctx.sup());
                let under = under.as_ref().map(|u| self.list(u, &ctx.sub()));
                // Half an em beyond the longer label, one em at least.
                let label = over.width.max(under.as_ref().map_or(0.0, |u| u.width));
                let width = (label + 0.5 * ctx.scale()).max(ctx.scale());
                let mut arrow = self.stretched_raw(*glyph, width, true, ctx);
                arrow.single = false;
                let over = (over.width > 0.0).then_some(over);
                let mut b = self.limits(arrow, over, under, ctx);
                b.class = Class::Rel;
                b
            }
            Node::Boxed(body) => {
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
        }
    }

    /// One character in its alphabet, from the math font, or the text font
    /// when the math font lacks it.
    fn char(&mut self, c: char, class: Class, alphabet: Alphabet, ctx: &Ctx) -> MBox {
        let font = MathFont::get();
        let styled = styled_char(c, alphabet);
        let Some(id) = font.glyph(styled).or_else(|| font.glyph(c)) else {
            let mut b = self.text(&c.to_string(), Alphabet::Roman, ctx);
            b.class = class;
            return b;
        };
        let mut b = self.glyph(id, c.to_string(), ctx);
        b.class = class;
        if class == Class::Op {
            b.limits = ctx.display() && !symbols::is_integral(c);
            if ctx.display() {
                // Display style: the operator's larger variant, centred
                // on the axis.
                let min = constants().display_operator_min_height;
                let larger = font
                    .variants(id, false)
                    .into_iter()
                    .find(|&(_, height)| height >= min)
                    .map(|(variant, _)| variant);
                if let Some(variant) = larger {
                    let mut big = self.glyph(variant, c.to_string(), ctx);
                    big.class = class;
                    big.limits = b.limits;
                    b = big;
                }
            }
            let shift = constants().axis_height * ctx.scale() - (b.ascent - b.descent) / 2.0;
            let mut centred = MBox {
                glyphs: Vec::new(),
                ..b.clone()
            };
            centred.ascent = b.ascent + shift;
            centred.descent = b.descent - shift;
            // Scripts on a big operator follow its box, as in TeX.
            centred.single = false;
            for mut g in b.glyphs {
                g.y += shift;
                centred.glyphs.push(g);
            }
            return centred;
        }
        b
    }

    /// A glyph of the math font, drawing `text`.
    fn glyph(&mut self, id: u16, text: String, ctx: &Ctx) -> MBox {
        let font = MathFont::get();
        let m = font.metrics(id);
        let s = ctx.scale();
        MBox {
            width: m.advance * s,
            ascent: m.ascent * s,
            descent: m.descent * s,
            glyphs: vec![MathGlyph {
                face: font.face.clone(),
                id,
                x: 0.0,
                y: 0.0,
                scale: s,
                text,
                color: ctx.color,
            }],
            rules: Vec::new(),
            italic: m.italic * s,
            accent_x: Some(m.top_accent * s),
            class: Class::Ord,
            single: true,
            limits: false,
            space: false,
        }
    }

    /// Upright text: in the math font's roman (or bold) when it has every
    /// character, as TeX sets `\text` and `\sin`; otherwise in the
    /// built-in text face with its fallbacks (Cyrillic, CJK ..).
    fn text(&mut self, text: &str, alphabet: Alphabet, ctx: &Ctx) -> MBox {
        let font = MathFont::get();
        let bold = matches!(alphabet, Alphabet::Bold | Alphabet::BoldItalic);
        let ids: Option<Vec<Option<u16>>> = text
            .chars()
            .map(|c| match c {
                ' ' => Some(None),
                c => font.glyph(styled_char(c, alphabet)).map(Some),
            })
            .collect();
        if let Some(ids) = ids {
            let mut b = MBox::empty();
            for (c, id) in text.chars().zip(ids) {
                let Some(id) = id else {
                    // TeX's interword space in Computer Modern.
                    b.width += 0.333 * ctx.scale();
                    continue;
                };
                let g = self.glyph(id, c.to_string(), ctx);
                let x = b.width;
                b.width += g.width;
                b.italic = g.italic;
                b.place(g, x, 0.0);
            }
            return b;
        }
        let fonts = FontSet::builtin();
        let style = FaceStyle {
            weight: if bold { Weight::Bold } else { Weight::Regular },
            ..FaceStyle::default()
        };
        let stack = fonts.stack(style);
        for c in stack.missing_chars(text) {
            self.warnings.push(MathError {
                message: format!("no built-in font has `{c}`: it is drawn as an empty box"),
                // The caller knows the formula; the character is named.
                range: 0..0,
                command: None,
            });
        }
        let s = ctx.scale();
        let mut b = MBox::empty();
        let mut last_cluster = usize::MAX;
        for g in stack.shape(text, false, true) {
            let (ascent, descent) = glyph_extent(&g.face, g.id);
            b.ascent = b.ascent.max((ascent + g.offset.1) * s);
            b.descent = b.descent.max((descent - g.offset.1) * s);
            let chars = if g.range.start == last_cluster {
                String::new()
            } else {
                text.get(g.range.clone()).unwrap_or_default().to_string()
            };
            last_cluster = g.range.start;
            b.glyphs.push(MathGlyph {
                face: g.face.clone(),
                id: g.id,
                x: b.width + g.offset.0 * s,
                y: g.offset.1 * s,
                scale: s,
                text: chars,
                color: ctx.color,
            });
            b.width += g.advance * s;
        }
        b
    }

    fn scripts(
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
    fn limits(&mut self, base: MBox, over: Option<MBox>, under: Option<MBox>, ctx: &Ctx) -> MBox {
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

    fn fraction(&mut self, num: &[Node], den: &[Node], bar: bool, ctx: &Ctx) -> MBox {
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
        // TeX's null delimiter space on either side.
        let pad = 0.12 * s;
        let width = num.width.max(den.width) + 2.0 * pad;
        let mut b = MBox::blank(width);
        b.place(num.clone(), (width - num.width) / 2.0, up);
        b.place(den.clone(), (width - den.width) / 2.0, -down);
        if bar {
            b.rule(
                pad,
                axis - thickness / 2.0,
                width - 2.0 * pad,
                thickness,
                ctx,
            );
        }
        b
    }

    fn radical(&mut self, index: Option<&[Node]>, body: &[Node], ctx: &Ctx) -> MBox {
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
        for g in &mut sign.glyphs {
            g.y += shift;
        }
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

    /// `\left`..`\right`, with `\middle`s: delimiters as tall as what they
    /// enclose.
    fn left_right(&mut self, left: char, body: &[Node], right: char, ctx: &Ctx) -> MBox {
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
    fn delimited(&mut self, left: char, inner: MBox, right: char, ctx: &Ctx, class: Class) -> MBox {
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
    fn stretched(&mut self, c: char, height: f64, ctx: &Ctx) -> MBox {
        let mut b = self.stretched_raw(c, height, false, ctx);
        let axis = constants().axis_height * ctx.scale();
        let shift = axis - (b.ascent - b.descent) / 2.0;
        for g in &mut b.glyphs {
            g.y += shift;
        }
        for r in &mut b.rules {
            r.y += shift;
        }
        b.ascent += shift;
        b.descent -= shift;
        b.class = symbols::char_class(c);
        b.single = false;
        b
    }

    /// `c` at least `size` long (tall, or wide if `horizontal`): the
    /// glyph, a larger variant, or an assembly of its pieces; sitting where
    /// the font draws it (not centred).
    fn stretched_raw(&mut self, c: char, size: f64, horizontal: bool, ctx: &Ctx) -> MBox {
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
    fn assembly(
        &mut self,
        c: char,
        parts: &[super::font::Part],
        size: f64,
        horizontal: bool,
        ctx: &Ctx,
    ) -> MBox {
        let s = ctx.scale();
        let overlap_min = constants().min_connector_overlap * s;
        let size = size.min(100.0);
        let full = |p: &super::font::Part| p.full * s;
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
        let mut pieces: Vec<&super::font::Part> = Vec::new();
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

    fn accent(&mut self, c: char, stretchy: bool, body: &[Node], ctx: &Ctx) -> MBox {
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
        let attach = accent
            .glyphs
            .first()
            .filter(|_| accent.glyphs.len() == 1)
            .map_or(accent.width / 2.0, |g| font.metrics(g.id).top_accent * s);
        let center = base.accent_x.unwrap_or(base.width / 2.0);
        let dy = (base.ascent - constants().accent_base_height * s).max(0.0);
        let (class, width, italic) = (base.class, base.width, base.italic);
        base.place(accent, center - attach, dy);
        base.class = class;
        base.width = width;
        base.italic = italic;
        base.single = false;
        base
    }

    fn line(&mut self, over: bool, body: &[Node], ctx: &Ctx) -> MBox {
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
    fn brace(&mut self, over: bool, glyph: char, body: &[Node], ctx: &Ctx) -> MBox {
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

    fn array(&mut self, array: &Array, ctx: &Ctx) -> MBox {
        let s = ctx.scale();
        let cell_ctx = if array.display {
            ctx.switched(StyleSwitch::Display)
        } else {
            ctx.switched(StyleSwitch::Text)
        };
        let cell_ctx = Ctx {
            level: if matches!(ctx.level, Level::Script | Level::ScriptScript) {
                ctx.level
            } else {
                cell_ctx.level
            },
            ..cell_ctx
        };
        let columns = array.rows.iter().map(Vec::len).max().unwrap_or(0);
        let cells: Vec<Vec<MBox>> = array
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        // `aligned`'s left halves start with the relation:
                        // space it as if something stood before it.
                        if array.pairs && i % 2 == 1 {
                            let mut with_lead = vec![Node::Group(Vec::new())];
                            with_lead.extend(cell.iter().cloned());
                            self.list(&with_lead, &cell_ctx)
                        } else {
                            self.list(cell, &cell_ctx)
                        }
                    })
                    .collect()
            })
            .collect();
        let mut widths = vec![0.0f64; columns];
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width);
            }
        }
        let align = |i: usize| -> Align {
            if array.pairs {
                if i.is_multiple_of(2) {
                    Align::Right
                } else {
                    Align::Left
                }
            } else {
                array.columns.get(i).copied().unwrap_or(Align::Center)
            }
        };
        let gap = |i: usize| -> f64 {
            if array.pairs {
                if i % 2 == 1 {
                    2.0 * s
                } else {
                    0.0
                }
            } else {
                array.column_gap * s
            }
        };
        // Rows at least a strut apart: 1.2 em baselines (0.85 above, 0.35
        // below), plus a jot between display rows.
        let strut_ascent = 0.85 * s;
        let strut_descent = 0.35 * s;
        let jot = if array.display { 0.25 * s } else { 0.0 };
        let mut b = MBox::empty();
        let mut y = 0.0;
        let mut xs = Vec::with_capacity(columns);
        let mut x = 0.0;
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                x += gap(i - 1);
            }
            xs.push(x);
            x += w;
        }
        b.width = x;
        let mut row_boxes = Vec::new();
        // Where each row starts, and the last ends, from the top.
        let mut edges = vec![0.0];
        for row in cells {
            let ascent = row.iter().map(|c| c.ascent).fold(strut_ascent, f64::max);
            let descent = row.iter().map(|c| c.descent).fold(strut_descent, f64::max);
            y -= ascent;
            row_boxes.push((row, y));
            y -= descent + jot;
            edges.push(y + jot / 2.0);
        }
        let height = -(y + jot);
        if let Some(last) = edges.last_mut() {
            *last = -height;
        }
        // Centre the whole on the math axis.
        let shift = height / 2.0 + constants().axis_height * s;
        for (row, baseline) in row_boxes {
            for (i, cell) in row.into_iter().enumerate() {
                let free = widths[i] - cell.width;
                let dx = match align(i) {
                    Align::Left => 0.0,
                    Align::Center => free / 2.0,
                    Align::Right => free,
                };
                b.place(cell, xs[i] + dx, baseline + shift);
            }
        }
        b.ascent = b.ascent.max(shift);
        b.descent = b.descent.max(height - shift);
        let t = constants().fraction_rule_thickness * s;
        for &line in &array.hlines {
            if let Some(edge) = edges.get(line) {
                b.rule(0.0, edge + shift - t / 2.0, b.width, t, ctx);
            }
        }
        for &line in &array.vlines {
            let lx = if line == 0 {
                -gap(0) / 2.0
            } else if line >= columns {
                b.width + gap(0) / 2.0
            } else {
                xs[line] - gap(line - 1) / 2.0
            };
            b.rule(lx, shift - height, t, height, ctx);
        }
        if !array.vlines.is_empty() {
            // Room for the outer rules.
            let pad = gap(0) / 2.0 + t;
            for g in &mut b.glyphs {
                g.x += pad;
            }
            for r in &mut b.rules {
                r.x += pad;
            }
            b.width += 2.0 * pad;
        }
        b.class = Class::Inner;
        b
    }
}

/// Whether an operator's limits go above and below here.
fn takes_limits(limits: Limits, ctx: &Ctx) -> bool {
    match limits {
        Limits::Always => true,
        Limits::Never => false,
        Limits::Display => ctx.display(),
    }
}

/// How tall `\left`/`\right` delimiters around a box are: TeX's rule, at
/// least 90% of twice the box's reach from the axis, and no more than
/// 0.5 em short of it.
fn delimiter_height(ascent: f64, descent: f64, ctx: &Ctx) -> f64 {
    let axis = constants().axis_height * ctx.scale();
    let reach = 2.0 * (ascent - axis).max(descent + axis);
    (reach * 0.901).max(reach - 0.5 * ctx.scale())
}

/// A glyph's height and depth in em, read from its outline's bounds.
fn glyph_extent(face: &crate::text::Face, id: u16) -> (f64, f64) {
    let Ok(parsed) = ttf_parser::Face::parse(face.bytes(), face.index()) else {
        return (0.0, 0.0);
    };
    let upem = f64::from(parsed.units_per_em());
    parsed
        .glyph_bounding_box(ttf_parser::GlyphId(id))
        .map_or((0.0, 0.0), |b| {
            (f64::from(b.y_max) / upem, -f64::from(b.y_min) / upem)
        })
}

/// The character of the Mathematical Alphanumeric Symbols block that sets
/// `c` in `alphabet` (`x` in italic is U+1D465), or `c` itself.
pub fn styled_char(c: char, alphabet: Alphabet) -> char {
    let alphabet = match alphabet {
        Alphabet::Normal => {
            // Latin letters and lowercase Greek italic; the rest upright.
            if c.is_ascii_alphabetic() || ('α'..='ω').contains(&c) || "ϵϑϰϕϱϖ".contains(c) {
                Alphabet::Italic
            } else {
                return c;
            }
        }
        other => other,
    };
    // Exceptions: letters encoded before the block (the holes in it).
    let hole = match (alphabet, c) {
        (Alphabet::Italic, 'h') => Some('ℎ'),
        (Alphabet::Script, 'B') => Some('ℬ'),
        (Alphabet::Script, 'E') => Some('ℰ'),
        (Alphabet::Script, 'F') => Some('ℱ'),
        (Alphabet::Script, 'H') => Some('ℋ'),
        (Alphabet::Script, 'I') => Some('ℐ'),
        (Alphabet::Script, 'L') => Some('ℒ'),
        (Alphabet::Script, 'M') => Some('ℳ'),
        (Alphabet::Script, 'R') => Some('ℛ'),
        (Alphabet::Script, 'e') => Some('ℯ'),
        (Alphabet::Script, 'g') => Some('ℊ'),
        (Alphabet::Script, 'o') => Some('ℴ'),
        (Alphabet::Fraktur, 'C') => Some('ℭ'),
        (Alphabet::Fraktur, 'H') => Some('ℌ'),
        (Alphabet::Fraktur, 'I') => Some('ℑ'),
        (Alphabet::Fraktur, 'R') => Some('ℜ'),
        (Alphabet::Fraktur, 'Z') => Some('ℨ'),
        (Alphabet::DoubleStruck, 'C') => Some('ℂ'),
        (Alphabet::DoubleStruck, 'H') => Some('ℍ'),
        (Alphabet::DoubleStruck, 'N') => Some('ℕ'),
        (Alphabet::DoubleStruck, 'P') => Some('ℙ'),
        (Alphabet::DoubleStruck, 'Q') => Some('ℚ'),
        (Alphabet::DoubleStruck, 'R') => Some('ℝ'),
        (Alphabet::DoubleStruck, 'Z') => Some('ℤ'),
        _ => None,
    };
    if let Some(hole) = hole {
        return hole;
    }
    // Where each alphabet's capital A, and its digit zero, start.
    let (latin, digits): (Option<u32>, Option<u32>) = match alphabet {
        Alphabet::Normal | Alphabet::Roman => return c,
        Alphabet::Bold => (Some(0x1D400), Some(0x1D7CE)),
        Alphabet::Italic => (Some(0x1D434), None),
        Alphabet::BoldItalic => (Some(0x1D468), Some(0x1D7CE)),
        Alphabet::Script => (Some(0x1D49C), None),
        Alphabet::Fraktur => (Some(0x1D504), None),
        Alphabet::DoubleStruck => (Some(0x1D538), Some(0x1D7D8)),
        Alphabet::SansSerif => (Some(0x1D5A0), Some(0x1D7E2)),
        Alphabet::SansSerifBold => (Some(0x1D5D4), Some(0x1D7EC)),
        Alphabet::SansSerifItalic => (Some(0x1D608), None),
        Alphabet::Monospace => (Some(0x1D670), Some(0x1D7F6)),
    };
    let shifted = |start: Option<u32>, offset: u32| start.and_then(|s| char::from_u32(s + offset));
    let greek = |start: u32, c: char| -> Option<char> {
        // Greek: capitals from Α, lowercase from α, in the bold and italic
        // alphabets only.
        let code = c as u32;
        let offset = if ('Α'..='Ω').contains(&c) {
            code - 'Α' as u32
        } else if ('α'..='ω').contains(&c) {
            code - 'α' as u32 + 26
        } else {
            return None;
        };
        char::from_u32(start + offset)
    };
    let result = match c {
        'A'..='Z' => shifted(latin, c as u32 - 'A' as u32),
        'a'..='z' => shifted(latin, c as u32 - 'a' as u32 + 26),
        '0'..='9' => shifted(digits, c as u32 - '0' as u32),
        _ => match alphabet {
            Alphabet::Bold => greek(0x1D6A8, c),
            Alphabet::Italic => greek(0x1D6E2, c),
            Alphabet::BoldItalic => greek(0x1D71C, c),
            _ => None,
        },
    };
    result.unwrap_or(c)
}
