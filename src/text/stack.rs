//! A face with fallbacks: each character is set in the deck's face when it
//! has a glyph for it, otherwise in the first fallback that does.

use super::face::Face;
use super::wrap::{Glyph, Shaper};

/// The face a piece of text asks for, and the faces that fill its gaps.
#[derive(Debug, Clone, Copy)]
pub struct FontStack<'a> {
    pub primary: &'a Face,
    pub fallbacks: &'a [Face],
}

impl FontStack<'_> {
    /// Which face sets `c`: 0 for the primary, then the fallbacks in order.
    /// Spaces and characters no face has stay with the primary.
    fn pick(&self, c: char) -> usize {
        if c.is_whitespace() || self.primary.has_char(c) {
            return 0;
        }
        self.fallbacks
            .iter()
            .position(|face| face.has_char(c))
            .map_or(0, |index| index + 1)
    }

    fn face(&self, index: usize) -> &Face {
        match index {
            0 => self.primary,
            n => &self.fallbacks[n - 1],
        }
    }

    /// The characters of `text` no face in the stack has a glyph for, in
    /// order, once each.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            let drawable =
                c.is_whitespace() || c.is_control() || self.face(self.pick(c)).has_char(c);
            if !drawable && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }
}

impl Shaper for FontStack<'_> {
    fn shape(&self, text: &str, rtl: bool, at_start: bool) -> Vec<Glyph> {
        // Stretches of text set in one face; a combining mark or joiner stays
        // with the character before it, whatever face that is.
        let mut stretches: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            let joins = is_mark_or_joiner(c) && !stretches.is_empty();
            let face = if joins {
                stretches.last().map_or(0, |s| s.0)
            } else {
                self.pick(c)
            };
            match stretches.last_mut() {
                Some((last, range)) if *last == face => range.end = end,
                _ => stretches.push((face, at..end)),
            }
        }
        // In right-to-left text the stretch read first is drawn rightmost.
        if rtl {
            stretches.reverse();
        }
        let mut glyphs = Vec::new();
        for (face, range) in stretches {
            let starts = at_start && range.start == 0;
            let shaped = self.face(face).shape_run(&text[range.clone()], rtl, starts);
            glyphs.extend(shaped.into_iter().map(|glyph| glyph.shifted(range.start)));
        }
        glyphs
    }

    fn has_char(&self, c: char) -> bool {
        self.face(self.pick(c)).has_char(c)
    }
}

/// Combining marks, variation selectors and zero-width joiners belong with
/// the character before them.
fn is_mark_or_joiner(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}'
        | '\u{200c}' | '\u{200d}')
}

#[cfg(test)]
mod tests {
    use crate::text::{FontSet, Weight};

    #[test]
    fn symbols_come_from_the_fallbacks() {
        let fonts = FontSet::builtin();
        let stack = fonts.stack(Weight::Regular);
        let glyphs = crate::text::Shaper::shape(&stack, "a → b ✓ ≤", false, true);
        let regular = fonts.stack(Weight::Regular).primary;
        let from_fallbacks = glyphs.iter().filter(|g| &g.face != regular).count();
        assert_eq!(from_fallbacks, 3, "{glyphs:?}");
        assert!(glyphs.iter().all(|g| g.id != 0), "no .notdef boxes");
        assert!(stack.missing_chars("a → b ✓ ≤").is_empty());
        assert_eq!(stack.missing_chars("漢 → x"), ['漢']);
    }

    #[test]
    fn a_mark_that_opens_a_paragraph_stands_on_a_dotted_circle() {
        let fonts = FontSet::builtin();
        let stack = fonts.stack(Weight::Regular);
        let circle = stack.primary.glyph_id('\u{25cc}');
        assert!(circle.is_some(), "Noto Sans has the dotted circle");
        let lone = crate::text::Line::shaped(&stack, "\u{301}");
        let ids: Vec<u16> = lone.glyphs.iter().map(|g| g.id).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert_eq!(Some(ids[0]), circle);
        assert!(lone.width > 0.3, "{}", lone.width);
        // One cluster: both glyphs draw the mark's two bytes.
        assert!(lone.glyphs.iter().all(|g| g.range == (0..2)));
        // A mark after a letter, or after a space, stands on it.
        for text in ["e\u{301}", "a \u{301}"] {
            let line = crate::text::Line::shaped(&stack, text);
            assert!(line.glyphs.iter().all(|g| Some(g.id) != circle), "{text}");
        }
    }
}
