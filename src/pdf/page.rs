//! Display-list items to printpdf operations; the one place y is flipped.

use printpdf::{
    Actions, BorderArray, Codepoint, LinkAnnotation, Op, PaintMode, PdfFontHandle, PdfPage, Rgb,
    TextItem, TextMatrix, XObjectTransform,
};

use crate::color::Color;
use crate::frame::{Item, Page, TextRun};
use crate::geom::{Pt, Rect};
use crate::text::FontSet;

use super::resources::Resources;

/// The operations that draw `page`.
pub(super) fn page_ops(page: &Page, resources: &Resources, fonts: &FontSet) -> PdfPage {
    let height = page.size.height;
    let flip = |rect: &Rect| printpdf::Rect {
        x: pt(rect.x),
        y: pt(height - rect.bottom()),
        width: pt(rect.width),
        height: pt(rect.height),
        mode: None,
        winding_order: None,
    };
    let mut ops = Vec::new();
    if page.background != Color::WHITE {
        ops.push(Op::SetFillColor {
            col: color(page.background),
        });
        ops.push(Op::DrawRectangle {
            rectangle: printpdf::Rect {
                mode: Some(PaintMode::Fill),
                ..flip(&Rect::from_size(page.size))
            },
        });
    }
    for item in &page.items {
        match item {
            Item::Text(run) => text_ops(run, height, resources, fonts, &mut ops),
            Item::Image(image) => {
                let Some(id) = resources.images.get(&image.image) else {
                    continue;
                };
                ops.push(Op::SaveGraphicsState);
                if let Some(clip) = &image.clip {
                    ops.push(Op::DrawRectangle {
                        rectangle: printpdf::Rect {
                            mode: Some(PaintMode::Clip),
                            ..flip(clip)
                        },
                    });
                }
                let placed = flip(&image.placed);
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    // An image occupies the unit square; scale it to its box.
                    transform: XObjectTransform {
                        translate_x: Some(placed.x),
                        translate_y: Some(placed.y),
                        scale_x: Some(placed.width.0),
                        scale_y: Some(placed.height.0),
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Rect(fill) => {
                ops.push(Op::SetFillColor {
                    col: color(fill.color),
                });
                ops.push(Op::DrawRectangle {
                    rectangle: printpdf::Rect {
                        mode: Some(PaintMode::Fill),
                        ..flip(&fill.rect)
                    },
                });
            }
            Item::Link(link) => ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    flip(&link.rect),
                    Actions::Uri(link.url.clone()),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                ),
            }),
        }
    }
    let sheet = flip(&Rect::from_size(page.size));
    PdfPage {
        media_box: sheet.clone(),
        trim_box: sheet.clone(),
        crop_box: sheet,
        ops,
    }
}

/// One line of text: the glyphs as measured, each followed by the
/// adjustment that turns the font's own advance (the PDF's `/W` width) into
/// the shaped one. A glyph that mark positioning moves (an accent stacked on
/// a letter) is drawn on its own at its place.
fn text_ops(
    run: &TextRun,
    page_height: Pt,
    resources: &Resources,
    fonts: &FontSet,
    ops: &mut Vec<Op>,
) {
    let (Some(id), Some(face)) = (resources.fonts.get(&run.font), fonts.by_key(run.font)) else {
        return;
    };
    let units_per_em = face.units_per_em() as f32;
    // Pieces of the line, each drawn from its own start: (x, y) in em from the origin.
    let mut pieces: Vec<((f64, f64), Vec<Codepoint>)> = Vec::new();
    let mut pen = 0.0;
    let mut joins_previous = false;
    for (index, glyph) in run.glyphs.iter().enumerate() {
        // printpdf writes each glyph's /W width as trunc(advance * 1000 / upm), in f32.
        let width = (f32::from(glyph.font_advance) * 1000.0 / units_per_em).trunc();
        let adjustment = width - (glyph.advance * 1000.0) as f32;
        let codepoint = Codepoint {
            gid: glyph.id,
            offset: if adjustment.abs() < 1e-3 {
                0.0
            } else {
                adjustment
            },
            cid: cluster_text(run, index),
        };
        let placed = glyph.offset != (0.0, 0.0);
        match pieces.last_mut() {
            Some((_, codepoints)) if joins_previous && !placed => codepoints.push(codepoint),
            _ => pieces.push(((pen + glyph.offset.0, glyph.offset.1), vec![codepoint])),
        }
        joins_previous = !placed;
        pen += glyph.advance;
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(id.clone()),
        size: pt(run.size),
    });
    ops.push(Op::SetFillColor {
        col: color(run.color),
    });
    for ((x, y), codepoints) in pieces {
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(
                pt(run.origin.x + run.size * x),
                pt(page_height - run.origin.y + run.size * y),
            ),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(codepoints)],
        });
    }
    ops.push(Op::EndTextSection);
}

/// The characters glyph `index` stands for, for copy and search. A cluster
/// drawn by several glyphs (a letter and its accents) gives each glyph one
/// character in order, the last glyph the rest; a ligature's one glyph
/// stands for all of its characters. `None` when nothing is left for it.
fn cluster_text(run: &TextRun, index: usize) -> Option<String> {
    let cluster = run.glyphs[index].cluster;
    let same = |g: &&crate::text::Glyph| g.cluster == cluster;
    let position = run.glyphs[..index].iter().rev().take_while(same).count();
    let count = position + run.glyphs[index..].iter().take_while(same).count();
    let end = run.glyphs[index..]
        .iter()
        .map(|g| g.cluster)
        .find(|&c| c != cluster)
        .unwrap_or(run.text.len());
    let (from, to) = (cluster.min(end), cluster.max(end));
    let chars: Vec<char> = run.text.get(from..to).unwrap_or_default().chars().collect();
    let mine = if position + 1 == count {
        chars.get(position..).unwrap_or_default()
    } else {
        chars.get(position..=position).unwrap_or_default()
    };
    (!mine.is_empty()).then(|| mine.iter().collect())
}

fn pt(length: Pt) -> printpdf::Pt {
    printpdf::Pt(length.0 as f32)
}

fn color(color: Color) -> printpdf::Color {
    printpdf::Color::Rgb(Rgb {
        r: f32::from(color.r) / 255.0,
        g: f32::from(color.g) / 255.0,
        b: f32::from(color.b) / 255.0,
        icc_profile: None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use printpdf::FontId;

    use super::*;
    use crate::geom::Point;
    use crate::text::{Shaper, Weight};

    /// The text matrices (x, y) a line of `text` is drawn with.
    fn origins(text: &str) -> Vec<(f32, f32)> {
        let fonts = FontSet::builtin();
        let face = fonts.face(Weight::Regular);
        let run = TextRun {
            font: face.key(),
            size: Pt(100.0),
            color: Color::WHITE,
            origin: Point::new(Pt(10.0), Pt(200.0)),
            glyphs: face.shape(text),
            text: text.to_string(),
            bounds: Rect::default(),
        };
        let resources = Resources {
            fonts: BTreeMap::from([(face.key(), FontId("ABCDEF".into()))]),
            images: BTreeMap::new(),
        };
        let mut ops = Vec::new();
        text_ops(&run, Pt(300.0), &resources, &fonts, &mut ops);
        ops.iter()
            .filter_map(|op| match op {
                Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(x, y),
                } => Some((x.0, y.0)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn plain_text_is_one_piece_on_the_baseline() {
        assert_eq!(origins("AVAWAY office"), [(10.0, 100.0)]);
    }

    #[test]
    fn stacked_accents_are_drawn_where_mark_positioning_puts_them() {
        // A with a diaeresis and an acute above it: the acute sits higher.
        let pieces = origins("A\u{308}\u{301}");
        assert!(pieces.len() >= 2, "{pieces:?}");
        assert_eq!(pieces[0], (10.0, 100.0));
        assert!(pieces.iter().skip(1).any(|(_, y)| *y > 100.0), "{pieces:?}");
    }
}
