//! Lays a parsed formula out in boxes, TeX's way, measured with the math
//! font's MATH table (the rules of MathML Core's layout, which follow
//! TeX's appendix G with the table's constants).

mod accents;
mod array;
mod boxes;
mod delimiters;
mod enclose;
mod fraction;
mod glyphs;
mod scripts;

use super::font::{Constants, MathFont};
use super::parse::{Alphabet, Node, StyleSwitch};
use super::symbols::Class;
use super::{Formula, MathError, MathGlyph, MathLine, MathMode, MathRule};
use crate::color::Color;

use scripts::takes_limits;

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
    lines: Vec<MathLine>,
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
            lines: Vec::new(),
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
    fn place(&mut self, mut other: MBox, dx: f64, dy: f64) {
        self.ascent = self.ascent.max(other.ascent + dy);
        self.descent = self.descent.max(other.descent - dy);
        other.shift_drawing(dx, dy);
        self.glyphs.append(&mut other.glyphs);
        self.rules.append(&mut other.rules);
        self.lines.append(&mut other.lines);
    }

    /// Moves what the box draws by (`dx`, `dy`), leaving its extent as it is.
    fn shift_drawing(&mut self, dx: f64, dy: f64) {
        for g in &mut self.glyphs {
            g.x += dx;
            g.y += dy;
        }
        for r in &mut self.rules {
            r.x += dx;
            r.y += dy;
        }
        for line in &mut self.lines {
            line.from = (line.from.0 + dx, line.from.1 + dy);
            line.to = (line.to.0 + dx, line.to.1 + dy);
        }
    }

    fn rule(&mut self, x: f64, y: f64, width: f64, height: f64, ctx: &Ctx) {
        self.rules.push(MathRule {
            x,
            y,
            width,
            height,
            color: ctx.color,
            behind: false,
        });
        self.ascent = self.ascent.max(y + height);
        self.descent = self.descent.max(-y);
    }

    /// A straight stroke from `from` to `to`, its ends inside the box's
    /// height and depth, which grow to hold them.
    fn line(&mut self, from: (f64, f64), to: (f64, f64), thickness: f64, ctx: &Ctx) {
        self.lines.push(MathLine {
            from,
            to,
            thickness,
            color: ctx.color,
        });
        self.ascent = self.ascent.max(from.1).max(to.1);
        self.descent = self.descent.max(-from.1).max(-to.1);
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
        lines: b.lines,
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
            } => self.fraction_node(num, den, *style, *bar, *delims, ctx),
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
                self.stack(base, over.as_deref(), under.as_deref(), ctx)
            }
            Node::Space(mu) => MBox {
                space: true,
                ..MBox::blank(mu * ctx.mu())
            },
            Node::Style { style, body } => self.list(body, &ctx.switched(*style)),
            Node::Color { color, body } => self.colored(*color, body, ctx),
            Node::Array { array, left, right } => {
                let b = self.array(array, ctx);
                self.delimited(*left, b, *right, ctx, Class::Inner)
            }
            Node::Not(_)
            | Node::Phantom { .. }
            | Node::Size { .. }
            | Node::Rule { .. }
            | Node::Raise { .. }
            | Node::Smash { .. }
            | Node::Lap { .. }
            | Node::Choice(_)
            | Node::HLine
            | Node::XArrow { .. }
            | Node::Boxed(_) => self.boxes(node, ctx),
            Node::Frame { .. }
            | Node::Angl(_)
            | Node::Strike(_)
            | Node::Cancel { .. }
            | Node::Phase(_)
            | Node::VCenter(_)
            | Node::Segment { .. }
            | Node::Equilibrium { .. } => self.enclose(node, ctx),
            Node::UnderAccent { c, body } => self.under_accent(*c, body, ctx),
        }
    }

    /// A fraction (`\frac`, `\binom`, `\over` ..) in `style` if it sets
    /// one, with a bar or not, between `delims` if it has them.
    fn fraction_node(
        &mut self,
        num: &[Node],
        den: &[Node],
        style: Option<StyleSwitch>,
        bar: bool,
        delims: Option<(char, char)>,
        ctx: &Ctx,
    ) -> MBox {
        let ctx = style.map_or(*ctx, |s| ctx.switched(s));
        let b = self.fraction(num, den, bar, delims.is_some(), &ctx);
        match delims {
            Some((open, close)) => self.delimited(open, b, close, &ctx, Class::Inner),
            None => MBox {
                class: Class::Inner,
                ..b
            },
        }
    }

    /// `base` with `over` set above it and `under` below, in script
    /// style (`\overset`, `\underset`, `\stackrel`), keeping its class.
    fn stack(
        &mut self,
        base: &[Node],
        over: Option<&[Node]>,
        under: Option<&[Node]>,
        ctx: &Ctx,
    ) -> MBox {
        let mut base = self.list(base, ctx);
        let class = base.class;
        base.limits = false;
        let over = over.map(|o| self.list(o, &ctx.sup()));
        let under = under.map(|u| self.list(u, &ctx.sub()));
        let mut b = self.limits(base, over, under, ctx);
        b.class = class;
        b
    }

    /// `body` in `color`: one atom keeps its class, more are ordinary.
    fn colored(&mut self, color: Color, body: &[Node], ctx: &Ctx) -> MBox {
        let colored = Ctx {
            color: Some(color),
            ..*ctx
        };
        let mut b = self.list(body, &colored);
        if body.len() != 1 {
            b.class = Class::Ord;
        }
        b
    }
}
