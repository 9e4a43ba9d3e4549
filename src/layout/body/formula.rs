//! A typeset formula drawn at a size (its glyphs as text runs, its rules
//! as rectangles: [`Formula::items`]) as one group in its own box, tagged
//! as a Formula whose alternative text is its TeX source.
//!
//! A group, because a formula's glyphs overlap by design (scripts on their
//! base, limits over operators, the pieces of a tall bracket): inside the
//! group they are one drawing, which stands beside the text of its line.

use crate::color::Color;
use crate::frame::{tagged, Group, Item, Role};
use crate::geom::{Point, Pt, Size, Transform};
use crate::math::Formula;
use crate::text::{Face, Glyph, Shaper};

/// Room around a formula's box, in em: a glyph's ink may stand a little
/// past the box the engine measures (an italic's overhang), and the group
/// shows only its box. Part of an inline formula's advance in its line.
pub(super) const MARGIN: (f64, f64) = (0.06, 0.12);

/// A formula's box with its margins, in em: width, and the height above
/// and depth below the baseline.
pub(super) fn extent(formula: &Formula) -> (f64, f64, f64) {
    (
        formula.width + 2.0 * MARGIN.0,
        formula.ascent + MARGIN.1,
        formula.descent + MARGIN.1,
    )
}

/// `formula` at `size`, its baseline's left end (margin included) at
/// `origin`, in `color` where it sets none; `source` is its TeX.
pub(super) fn draw(formula: &Formula, source: &str, origin: Point, size: Pt, color: Color) -> Item {
    let (width, above, below) = extent(formula);
    let baseline = Point::new(size * MARGIN.0, size * above);
    let role = Role::Formula {
        alt: source.trim().to_string(),
    };
    // Its rules are artifacts there, as every filled rectangle is.
    let items = tagged(role, formula.items(baseline, size, color));
    Item::Group(Group {
        transform: Transform {
            scale: 1.0,
            offset: Point::new(origin.x, origin.y - baseline.y),
        },
        size: Size::new(size * width, size * (above + below)),
        items: items.into_iter().collect(),
    })
}

/// The character that stands for an inline formula in its paragraph's
/// text: one of the private use area, which breaks a line as a letter
/// does, so a formula stays with the word it touches (`$n$-th`).
pub(super) const SLOT: char = '\u{E000}';

/// Shapes a formula's [`SLOT`]: one glyph as wide as the formula with its
/// margins, which a line never breaks.
pub(super) struct Slot {
    width: f64,
    /// Any face: the glyph is never drawn, only measured.
    face: Face,
}

impl Slot {
    pub fn new(formula: &Formula, face: Face) -> Slot {
        Slot {
            width: extent(formula).0,
            face,
        }
    }
}

impl Shaper for Slot {
    fn shape(&self, text: &str, _rtl: bool, _: bool) -> Vec<Glyph> {
        text.char_indices()
            .map(|(at, c)| Glyph {
                face: self.face.clone(),
                id: 0,
                advance: self.width,
                offset: (0.0, 0.0),
                font_advance: 0,
                range: at..at + c.len_utf8(),
            })
            .collect()
    }

    fn has_char(&self, _: char) -> bool {
        true
    }
}
