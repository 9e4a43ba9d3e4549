//! A typeset formula as display-list items: text runs the PDF writer
//! embeds, subsets and maps back to text (`/ToUnicode`) like any other
//! text, filled rectangles for its rules and stroked lines for its
//! slanted strokes.

use crate::color::Color;
use crate::frame::{FillRect, Item, Layer, StrokedLine, TextRun};
use crate::geom::{Point, Pt, Rect};
use crate::text::{Face, Glyph};

use super::{Formula, MathGlyph, MathLine, MathRule};

impl Formula {
    /// The formula drawn at text size `size`, the left end of its baseline
    /// at `origin`, in `color` where `\color` does not say otherwise: one
    /// text run for each baseline, size and colour, then its rules and
    /// lines.
    pub fn items(&self, origin: Point, size: Pt, color: Color) -> Vec<Item> {
        let mut groups: Vec<(f64, f64, Option<Color>, Vec<&MathGlyph>)> = Vec::new();
        for g in &self.glyphs {
            match groups.iter_mut().find(|(scale, y, c, _)| {
                *scale == g.scale && (*y - g.y).abs() < 1e-9 && *c == g.color
            }) {
                Some((_, _, _, members)) => members.push(g),
                None => groups.push((g.scale, g.y, g.color, vec![g])),
            }
        }
        let mut items = Vec::with_capacity(groups.len() + self.rules.len() + self.lines.len());
        // Backgrounds first, so the glyphs and rules stand on them.
        let (behind, over): (Vec<&MathRule>, Vec<&MathRule>) =
            self.rules.iter().partition(|rule| rule.behind);
        items.extend(
            behind
                .into_iter()
                .map(|rule| rule_item(rule, origin, size, color)),
        );
        for (scale, y, own_color, mut members) in groups {
            members.sort_by(|a, b| a.x.total_cmp(&b.x));
            let run_size = size * scale;
            let mut text = String::new();
            let mut glyphs = Vec::with_capacity(members.len());
            for (i, g) in members.iter().enumerate() {
                let font_advance = font_advance(&g.face, g.id);
                let advance = match members.get(i + 1) {
                    Some(next) => (next.x - g.x) / scale,
                    None => f64::from(font_advance) / g.face.units_per_em(),
                };
                let start = text.len();
                text.push_str(&g.text);
                glyphs.push(Glyph {
                    face: g.face.clone(),
                    id: g.id,
                    advance,
                    offset: (0.0, 0.0),
                    font_advance,
                    range: start..text.len(),
                });
            }
            let width: f64 = glyphs.iter().map(|g| g.advance).sum();
            let x = origin.x + size * members[0].x;
            let baseline = origin.y - size * y;
            items.push(Item::Text(TextRun {
                size: run_size,
                color: own_color.unwrap_or(color),
                origin: Point::new(x, baseline),
                glyphs,
                text,
                bounds: Rect::new(x, baseline - run_size * 0.8, run_size * width, run_size),
            }));
        }
        items.extend(
            over.into_iter()
                .map(|rule| rule_item(rule, origin, size, color)),
        );
        items.extend(
            self.lines
                .iter()
                .map(|line| line_item(line, origin, size, color)),
        );
        items
    }
}

/// A line drawn at text size `size`, the formula's origin at `origin`.
fn line_item(line: &MathLine, origin: Point, size: Pt, color: Color) -> Item {
    let at = |(x, y): (f64, f64)| Point::new(origin.x + size * x, origin.y - size * y);
    Item::Line(StrokedLine {
        from: at(line.from),
        to: at(line.to),
        thickness: size * line.thickness,
        color: line.color.unwrap_or(color),
    })
}

/// A rule drawn at text size `size`, the formula's origin at `origin`.
fn rule_item(rule: &MathRule, origin: Point, size: Pt, color: Color) -> Item {
    Item::Rect(FillRect {
        rect: Rect::new(
            origin.x + size * rule.x,
            origin.y - size * (rule.y + rule.height),
            size * rule.width,
            size * rule.height,
        ),
        color: rule.color.unwrap_or(color),
        layer: Layer::Content,
        opacity: 100,
    })
}

/// A glyph's advance in the font's `hmtx`, in font units.
fn font_advance(face: &Face, id: u16) -> u16 {
    use skrifa::instance::{LocationRef, Size};
    use skrifa::MetadataProvider;
    skrifa::FontRef::from_index(face.bytes(), face.index())
        .ok()
        .and_then(|font| {
            font.glyph_metrics(Size::unscaled(), LocationRef::default())
                .advance_width(skrifa::GlyphId::new(u32::from(id)))
        })
        .map_or(0, |advance| advance as u16)
}
