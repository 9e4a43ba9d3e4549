//! Characters and text: glyphs of the math font, or of the text font
//! where it lacks one.

use super::super::font::MathFont;
use super::super::parse::Alphabet;
use super::super::symbols::{self, Class};
use super::super::{MathError, MathGlyph};
use super::{constants, Ctx, Layout, MBox};
use crate::text::{FaceStyle, FontSet, Shaper, Weight};

impl Layout {
    /// One character in its alphabet, from the math font, or the text font
    /// when the math font lacks it.
    pub(super) fn char(&mut self, c: char, class: Class, alphabet: Alphabet, ctx: &Ctx) -> MBox {
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
    pub(super) fn glyph(&mut self, id: u16, text: String, ctx: &Ctx) -> MBox {
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
            lines: Vec::new(),
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
    pub(super) fn text(&mut self, text: &str, alphabet: Alphabet, ctx: &Ctx) -> MBox {
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
            // TeX's interword space in Computer Modern; in monospace, a
            // letter's width (`\verb`, `\texttt`).
            let space = match font.glyph(styled_char('x', alphabet)) {
                Some(x) if alphabet == Alphabet::Monospace => font.metrics(x).advance,
                _ => 0.333,
            };
            let mut b = MBox::empty();
            for (c, id) in text.chars().zip(ids) {
                let Some(id) = id else {
                    b.width += space * ctx.scale();
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
}

/// A glyph's height and depth in em, read from its outline's bounds.
pub(super) fn glyph_extent(face: &crate::text::Face, id: u16) -> (f64, f64) {
    use skrifa::instance::{LocationRef, Size};
    use skrifa::MetadataProvider;
    let Ok(font) = skrifa::FontRef::from_index(face.bytes(), face.index()) else {
        return (0.0, 0.0);
    };
    let upem = face.units_per_em();
    font.glyph_metrics(Size::unscaled(), LocationRef::default())
        .bounds(skrifa::GlyphId::new(u32::from(id)))
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
