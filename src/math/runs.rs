//! A typeset formula as display-list items: text runs the PDF writer
//! embeds, subsets and maps back to text (`/ToUnicode`) like any other
//! text, and filled rectangles for its rules.

use crate::color::Color;
use crate::frame::{FillRect, Item, Layer, TextRun};
use crate::geom::{Point, Pt, Rect};
use crate::text::{Face, Glyph};

use super::{Formula, MathGlyph};

impl Formula {
    /// The formula drawn at text size `size`, the left end of its baseline
    /// at `origin`, in `color` where `\color` does not say otherwise: one
    /// text run for each baseline, size and colour, then its rules.
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
        let mut items = Vec::with_capacity(groups.len() + self.rules.len());
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
        for rule in &self.rules {
            items.push(Item::Rect(FillRect {
                rect: Rect::new(
                    origin.x + size * rule.x,
                    origin.y - size * (rule.y + rule.height),
                    size * rule.width,
                    size * rule.height,
                ),
                color: rule.color.unwrap_or(color),
                layer: Layer::Content,
                opacity: 100,
            }));
        }
        items
    }
}

/// A glyph's advance in the font's `hmtx`, in font units.
fn font_advance(face: &Face, id: u16) -> u16 {
    ttf_parser::Face::parse(face.bytes(), face.index())
        .ok()
        .and_then(|f| f.glyph_hor_advance(ttf_parser::GlyphId(id)))
        .unwrap_or(0)
}
