//! A caption that holds formulas, set as a body's paragraph is (each
//! formula in its line, see [`Rich`]) but as a caption: in the caption's
//! one style and alignment, a display formula on a line of its own,
//! centred, and the whole shrunk to fit its box as any caption is.

use crate::body::{Inline, InlineStyle};
use crate::color::Color;
use crate::frame::Item;
use crate::geom::{Point, Pt};
use crate::model::Link;
use crate::text::{FaceStyle, FontSet};

use super::super::block::TextStyle;
use super::super::links::urls;
use super::inline::{InlineColors, LineLayout, Rich, Set};
use super::{first_fitting, keep_within};

/// How many sizes a caption is tried at, from its size down to its floor.
const SIZE_STEPS: u32 = 41;

/// The smallest share of the text's size a formula too wide for its line
/// shrinks to, on its own, in a caption that does not fit at its floor.
const FORMULA_FLOOR: f64 = 0.5;

/// A caption with formulas, shaped and fitted to its box.
pub(in crate::layout) struct FormulaCaption {
    rich: Rich,
    style: TextStyle,
    /// The size it is set at.
    size: Pt,
    /// The share of `size` a formula too wide for its line shrinks to.
    formula_floor: f64,
    height: Pt,
    /// The box: what leaves it is left out.
    box_size: (Pt, Pt),
    fits: bool,
}

impl FormulaCaption {
    /// `pieces` (words and formulas) in `style`, formulas that could not be
    /// typeset in `error`, as large as they fit `width` x `max_height`,
    /// down to `floor`.
    pub fn fit(
        fonts: &FontSet,
        pieces: &[Inline],
        (style, error): (TextStyle, Color),
        floor: Pt,
        width: Pt,
        max_height: Pt,
    ) -> FormulaCaption {
        let colors = InlineColors {
            text: style.color,
            link: style.color,
            chip: style.color,
            error,
        };
        let face = FaceStyle::from(style.weight);
        let rich = Rich::new(fonts, &arranged(pieces), face, colors).without_link_marks();
        let floor = floor.min(style.size);
        let size_at = |step: u32| {
            let share = f64::from(step) / f64::from(SIZE_STEPS - 1);
            style.size - (style.size - floor) * share
        };
        let mut caption = FormulaCaption {
            rich,
            style,
            size: style.size,
            formula_floor: 1.0,
            height: Pt(0.0),
            box_size: (width, max_height),
            fits: true,
        };
        let origin = Point::new(Pt(0.0), Pt(0.0));
        let (step, set) = first_fitting(
            SIZE_STEPS,
            |step| caption.set_at(size_at(step), 1.0, origin, width),
            |set| caption.holds(set),
        );
        caption.size = size_at(step);
        caption.height = set.height;
        if !caption.holds(&set) {
            // Formulas too wide shrink on their own; what still does not
            // fit is left out.
            caption.formula_floor = FORMULA_FLOOR;
            let set = caption.set_at(caption.size, FORMULA_FLOOR, origin, width);
            caption.fits = caption.holds(&set);
            caption.height = set.height.min(max_height);
        }
        caption
    }

    pub fn height(&self) -> Pt {
        self.height
    }

    /// The size the text is set at.
    pub fn size(&self) -> Pt {
        self.size
    }

    /// Whether all of it fits its box; if not, what does not is left out.
    pub fn fits(&self) -> bool {
        self.fits
    }

    /// Its items, its top-left corner at `x`, `y`, aligned within `width`.
    pub fn place(&self, x: Pt, y: Pt, width: Pt) -> Vec<Item> {
        let set = self.set_at(self.size, self.formula_floor, Point::new(x, y), width);
        let items = set.into_items();
        if self.fits {
            return items;
        }
        keep_within(items, y + self.box_size.1, x + width).0
    }

    /// Its text at `size` from `at` in `width`, lines aligned as its
    /// style says but for one holding only a display formula, centred; a
    /// formula too wide for its line shrinks on its own to `formula_floor`
    /// of the text's size at the least.
    fn set_at(&self, size: Pt, formula_floor: f64, at: Point, width: Pt) -> Set {
        let lines = self.rich.lines(size, width);
        let layout = LineLayout {
            align: self.style.align,
            hang: Pt(0.0),
            formula_floor,
            centre_display: true,
        };
        let line_height = self.style.line_height;
        self.rich
            .set_lines(&lines, at, width, size, line_height, layout)
    }

    /// Whether `set`, set from the origin, stays in the box.
    fn holds(&self, set: &Set) -> bool {
        let (width, height) = self.box_size;
        let inside = set.items.iter().all(|item| {
            let bounds = item.bounds();
            Pt(0.0).fits(bounds.x) && bounds.right().fits(width)
        });
        inside && set.height.fits(height)
    }
}

/// `pieces` as a caption's text: a display formula on a line of its own
/// (the spaces around it dropped), and each URL in its words a link.
fn arranged(pieces: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut after_display = false;
    for piece in pieces {
        match piece {
            Inline::Math(math) if math.display => {
                if let Some(Inline::Text { text, .. }) = out.last_mut() {
                    let kept = text.trim_end().len();
                    text.truncate(kept);
                }
                if out.iter().any(has_words) {
                    out.push(Inline::Break);
                }
                out.push(piece.clone());
                after_display = true;
            }
            Inline::Text { text, .. } => {
                let text = if after_display {
                    text.trim_start()
                } else {
                    text
                };
                if !text.is_empty() {
                    if std::mem::take(&mut after_display) {
                        out.push(Inline::Break);
                    }
                    out.extend(linked(text));
                }
            }
            other => {
                if std::mem::take(&mut after_display) {
                    out.push(Inline::Break);
                }
                out.push(other.clone());
            }
        }
    }
    out.retain(has_words_or_breaks);
    out
}

/// Whether `piece` is anything but empty words.
fn has_words_or_breaks(piece: &Inline) -> bool {
    !matches!(piece, Inline::Text { text, .. } if text.is_empty())
}

/// Whether `piece` shows anything.
fn has_words(piece: &Inline) -> bool {
    match piece {
        Inline::Text { text, .. } => !text.is_empty(),
        Inline::Math(_) => true,
        Inline::Break => false,
    }
}

/// `text` as words, each URL in it a link, each line break kept (as a
/// caption without formulas keeps it).
fn linked(text: &str) -> Vec<Inline> {
    let plain = |text: &str| Inline::Text {
        text: text.to_string(),
        style: InlineStyle::default(),
    };
    let mut pieces = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            pieces.push(Inline::Break);
        }
        let mut end = 0;
        for (range, url) in urls(line) {
            pieces.push(plain(&line[end..range.start]));
            pieces.push(Inline::Text {
                text: line[range.clone()].to_string(),
                style: InlineStyle {
                    link: Some(Link::Url(url)),
                    ..InlineStyle::default()
                },
            });
            end = range.end;
        }
        pieces.push(plain(&line[end..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Math;
    use crate::diag::Span;

    fn words(text: &str) -> Inline {
        Inline::Text {
            text: text.to_string(),
            style: InlineStyle::default(),
        }
    }

    fn math(source: &str, display: bool) -> Inline {
        Inline::Math(Math {
            source: source.to_string(),
            display,
            span: Span::new(1, 1),
            formula: None,
        })
    }

    /// `pieces` arranged, each shown as its text, `$..$` or `$$..$$`, a
    /// break as `|`, a link as `<..>`.
    fn shown(pieces: &[Inline]) -> String {
        arranged(pieces)
            .iter()
            .map(|piece| match piece {
                Inline::Text { text, style } if style.link.is_some() => format!("<{text}>"),
                Inline::Text { text, .. } => text.clone(),
                Inline::Math(math) if math.display => format!("$${}$$", math.source),
                Inline::Math(math) => format!("${}$", math.source),
                Inline::Break => "|".to_string(),
            })
            .collect()
    }

    #[test]
    fn a_display_formula_stands_on_a_line_of_its_own() {
        let pieces = [words("The sum "), math("s", true), words(" is Gauss's")];
        assert_eq!(shown(&pieces), "The sum|$$s$$|is Gauss's");
        assert_eq!(shown(&[math("s", true)]), "$$s$$");
        let two = [
            math("a", true),
            words(" "),
            math("b", true),
            math("c", false),
        ];
        assert_eq!(shown(&two), "$$a$$|$$b$$|$c$");
    }

    #[test]
    fn inline_formulas_stay_in_the_line_with_its_breaks_and_links() {
        let pieces = [
            words("Area "),
            math("A", false),
            words(", see https://example.org/a\nnext"),
        ];
        assert_eq!(shown(&pieces), "Area $A$, see <https://example.org/a>|next");
    }
}
