//! Display-list items to printpdf operations; y is flipped here for
//! everything drawn (`pdf::annotations` flips its own rectangles).

use printpdf::{
    Codepoint, CurTransMat, FontId, Greyscale, LinePoint, Op, PaintMode, PdfFontHandle, PdfPage,
    Rgb, TextItem, TextMatrix, XObjectId, XObjectTransform,
};

use crate::color::Color;
use crate::frame::{ImageItem, Item, Page, Role, StrokedLine, TextRun};
use crate::geom::{Point, Pt, Rect};
use crate::image::Orientation;

use super::actual_text;
use super::marks::Marks;
use super::resources::{Fonts, Resources};
use super::structure::{Headings, Kid, Node, PageTags};

/// What drawing a page needs besides its items.
struct Drawing<'a> {
    resources: &'a mut Resources,
    marks: Marks,
}

/// The operations that draw `page`, and (when `tags` is set) its share of
/// the structure tree: its content marked, each piece with an MCID or as
/// an artifact.
pub(super) fn page_ops(
    page: &Page,
    resources: &mut Resources,
    tags: bool,
    headings: Headings,
) -> (PdfPage, PageTags) {
    let height = page.size.height;
    let mut ops = Vec::new();
    let mut drawing = Drawing {
        resources,
        marks: Marks::new(tags, headings),
    };
    if page.background != Color::WHITE {
        drawing.marks.piece(None, &mut ops);
        fill_ops(
            &Rect::from_size(page.size),
            page.background,
            height,
            &mut ops,
        );
    }
    let mut kids = Vec::new();
    items_ops(&page.items, height, &mut drawing, None, &mut kids, &mut ops);
    let sheet = flip(&Rect::from_size(page.size), height);
    let page = PdfPage {
        media_box: sheet.clone(),
        trim_box: sheet.clone(),
        crop_box: sheet,
        ops,
    };
    let tags = PageTags {
        kids,
        mcids: drawing.marks.mcids(),
    };
    (page, tags)
}

/// Draws `items`, the content of the element `owner` (artifacts when
/// `None`); the elements and content found go into `kids`.
fn items_ops(
    items: &[Item],
    height: Pt,
    drawing: &mut Drawing,
    owner: Option<&Role>,
    kids: &mut Vec<Kid>,
    ops: &mut Vec<Op>,
) {
    for item in items {
        match item {
            Item::Tagged(node) => {
                drawing.marks.close(ops);
                let mut own = Vec::new();
                items_ops(
                    &node.items,
                    height,
                    drawing,
                    Some(&node.role),
                    &mut own,
                    ops,
                );
                kids.push(Kid::Node(Node {
                    role: node.role.clone(),
                    kids: own,
                }));
            }
            Item::Link(_) => {
                drawing.marks.close(ops);
                let index = drawing.marks.link();
                if owner.is_some() {
                    kids.push(Kid::Link(index));
                }
            }
            // Rules, bands, backgrounds and stroked lines: never content.
            Item::Rect(_) | Item::Line(_) => {
                drawing.marks.piece(None, ops);
                item_ops(item, height, drawing, kids, ops);
            }
            Item::Text(_) | Item::Image(_) => {
                if let Some(mcid) = drawing.marks.piece(owner, ops) {
                    kids.push(Kid::Content(mcid));
                }
                item_ops(item, height, drawing, kids, ops);
            }
            Item::Group(_) => {
                drawing.marks.close(ops);
                item_ops(item, height, drawing, kids, ops);
            }
        }
    }
    drawing.marks.close(ops);
}

/// `rect` (top-left origin, y down) in PDF coordinates (y up) on a page `height` tall.
fn flip(rect: &Rect, height: Pt) -> printpdf::Rect {
    printpdf::Rect {
        x: pt(rect.x),
        y: pt(height - rect.bottom()),
        width: pt(rect.width),
        height: pt(rect.height),
        mode: None,
        winding_order: None,
    }
}

/// Draws `item` on a drawing `height` tall: the page, or a group's own page.
/// A group's own items are artifacts; its nodes go into `kids`.
fn item_ops(
    item: &Item,
    height: Pt,
    drawing: &mut Drawing,
    kids: &mut Vec<Kid>,
    ops: &mut Vec<Op>,
) {
    let resources = &mut *drawing.resources;
    match item {
        Item::Text(run) => text_ops(run, height, &mut resources.fonts, ops),
        Item::Image(image) => {
            let id = resources.images.name(&image.image);
            image_ops(image, id, height, ops);
        }
        Item::Rect(fill) => match resources.opacities.get(&fill.opacity) {
            // See-through fills draw in their own graphics state.
            Some(state) => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::LoadGraphicsState { gs: state.clone() });
                fill_ops(&fill.rect, fill.color, height, ops);
                ops.push(Op::RestoreGraphicsState);
            }
            None => fill_ops(&fill.rect, fill.color, height, ops),
        },
        Item::Line(line) => line_ops(line, height, ops),
        // Written with the page's other annotations, in `annotations`;
        // tagged nodes are drawn by `items_ops`.
        Item::Link(_) | Item::Tagged(_) => {}
        Item::Group(group) => {
            // Map the group's PDF space (y up from its own bottom edge) onto
            // its place on this page, and show only its own area.
            let placed = flip(&group.bounds(), height);
            let scale = group.transform.scale as f32;
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([scale, 0.0, 0.0, scale, placed.x.0, placed.y.0]),
            });
            let own_height = group.size.height;
            ops.push(Op::DrawRectangle {
                rectangle: printpdf::Rect {
                    mode: Some(PaintMode::Clip),
                    ..flip(&Rect::from_size(group.size), own_height)
                },
            });
            items_ops(&group.items, own_height, drawing, None, kids, ops);
            ops.push(Op::RestoreGraphicsState);
        }
    }
}

/// Draws `image` as XObject `id`: upright and unclipped in printpdf's own
/// placement, else clipped and turned in a graphics state of its own.
fn image_ops(image: &ImageItem, id: XObjectId, height: Pt, ops: &mut Vec<Op>) {
    let orientation = image.image.orientation();
    let placed = flip(&image.placed, height);
    let use_image = |transform| Op::UseXobject {
        id: id.clone(),
        transform,
    };
    // printpdf draws an image inside its own q ... Q with its own
    // matrix: an upright, unclipped image (most) needs nothing else.
    if image.clip.is_none() && orientation == Orientation::NoTransforms {
        ops.push(use_image(XObjectTransform {
            scale_x: Some(placed.width.0),
            scale_y: Some(placed.height.0),
            translate_x: Some(placed.x),
            translate_y: Some(placed.y),
            no_auto_scale: true,
            ..XObjectTransform::default()
        }));
        return;
    }
    ops.push(Op::SaveGraphicsState);
    if let Some(clip) = &image.clip {
        ops.push(Op::DrawRectangle {
            rectangle: printpdf::Rect {
                mode: Some(PaintMode::Clip),
                ..flip(clip, height)
            },
        });
    }
    ops.push(Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw(placement(&placed, orientation)),
    });
    ops.push(use_image(XObjectTransform {
        no_auto_scale: true,
        ..XObjectTransform::default()
    }));
    ops.push(Op::RestoreGraphicsState);
}

/// Strokes `line`, a straight segment (a formula's cancel stroke).
fn line_ops(line: &StrokedLine, height: Pt, ops: &mut Vec<Op>) {
    ops.push(Op::SetOutlineColor {
        col: color(line.color),
    });
    ops.push(Op::SetOutlineThickness {
        pt: pt(line.thickness),
    });
    let point = |at: Point| LinePoint {
        p: printpdf::Point {
            x: pt(at.x),
            y: pt(height - at.y),
        },
        bezier: false,
    };
    ops.push(Op::DrawLine {
        line: printpdf::Line {
            points: vec![point(line.from), point(line.to)],
            is_closed: false,
        },
    });
}

fn fill_ops(rect: &Rect, fill: Color, height: Pt, ops: &mut Vec<Op>) {
    ops.push(Op::SetFillColor { col: color(fill) });
    ops.push(Op::DrawRectangle {
        rectangle: printpdf::Rect {
            mode: Some(PaintMode::Fill),
            ..flip(rect, height)
        },
    });
}

/// The matrix that draws an image (the unit square, its stored first row
/// at the top) into `placed`, in PDF coordinates, turned upright as
/// `orientation` says: no pixel is touched, the page turns the picture.
fn placement(placed: &printpdf::Rect, orientation: Orientation) -> [f32; 6] {
    // Where stored (u, v) goes in the upright unit square:
    // s = a u + c v + e, t = b u + d v + f.
    let [a, b, c, d, e, f] = match orientation {
        Orientation::NoTransforms => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        Orientation::FlipHorizontal => [-1.0, 0.0, 0.0, 1.0, 1.0, 0.0],
        Orientation::Rotate180 => [-1.0, 0.0, 0.0, -1.0, 1.0, 1.0],
        Orientation::FlipVertical => [1.0, 0.0, 0.0, -1.0, 0.0, 1.0],
        Orientation::Rotate90 => [0.0, -1.0, 1.0, 0.0, 0.0, 1.0],
        Orientation::Rotate270 => [0.0, 1.0, -1.0, 0.0, 1.0, 0.0],
        Orientation::Rotate90FlipH => [0.0, -1.0, -1.0, 0.0, 1.0, 1.0],
        Orientation::Rotate270FlipH => [0.0, 1.0, 1.0, 0.0, 0.0, 0.0],
    };
    let (width, height) = (placed.width.0, placed.height.0);
    [
        width * a,
        height * b,
        width * c,
        height * d,
        placed.x.0 + width * e,
        placed.y.0 + height * f,
    ]
    .map(|value| thousandths(f64::from(value)))
}

/// One line of text: the glyphs as measured, each followed by the
/// adjustment that turns the font's own advance (the PDF's `/W` width) into
/// the shaped one. A glyph that mark positioning moves (an accent stacked on
/// a letter) is drawn on its own at its place, and a change of face (a
/// fallback symbol) starts a new piece in that face.
fn text_ops(run: &TextRun, page_height: Pt, fonts: &mut Fonts, ops: &mut Vec<Op>) {
    // Pieces of the line, each in one face (by its resource name) and
    // drawn from its own start: (x, y) in em from the origin; and the
    // cluster (a byte range of the text) whose actual text its glyphs
    // take, if any.
    type Piece = (FontId, (f64, f64), Vec<Codepoint>, Option<(usize, usize)>);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut pen = 0.0;
    let mut joins_previous = false;
    let encoded = actual_text::encode(run, fonts);
    for (glyph, (drawn, mark)) in run.glyphs.iter().zip(encoded) {
        let units_per_em = glyph.face.units_per_em() as f32;
        // printpdf writes each glyph's /W width as trunc(advance * 1000 / upm), in f32.
        let width = (f32::from(glyph.font_advance) * 1000.0 / units_per_em).trunc();
        let adjustment = width - (glyph.advance * 1000.0) as f32;
        // printpdf keeps the text of a glyph's last occurrence for its
        // /ToUnicode: the entry, which never changes once set.
        let codepoint = Codepoint {
            gid: drawn.id,
            offset: if adjustment.abs() < 1e-3 {
                0.0
            } else {
                adjustment
            },
            cid: Some(drawn.text),
        };
        let placed = glyph.offset != (0.0, 0.0);
        let font = drawn.font;
        match pieces.last_mut() {
            Some((piece_font, _, codepoints, marked))
                if joins_previous && !placed && *piece_font == font && *marked == mark =>
            {
                codepoints.push(codepoint)
            }
            _ => pieces.push((
                font,
                (pen + glyph.offset.0, glyph.offset.1),
                vec![codepoint],
                mark,
            )),
        }
        joins_previous = !placed;
        pen += glyph.advance;
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor {
        col: color(run.color),
    });
    let mut current_font = None;
    let mut open_span = None;
    for (font, (x, y), codepoints, mark) in pieces {
        if mark != open_span {
            if open_span.is_some() {
                ops.push(actual_text::end());
            }
            if let Some((start, end)) = mark {
                ops.push(actual_text::begin(&run.text[start..end]));
            }
            open_span = mark;
        }
        if current_font.as_ref() != Some(&font) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: pt(run.size),
            });
            current_font = Some(font);
        }
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
    if open_span.is_some() {
        ops.push(actual_text::end());
    }
    ops.push(Op::EndTextSection);
}

/// A length in the content stream: to a thousandth of a point (a
/// 25,000th of a millimetre), which keeps the numbers short.
fn pt(length: Pt) -> printpdf::Pt {
    printpdf::Pt(thousandths(length.0))
}

fn thousandths(value: f64) -> f32 {
    ((value * 1000.0).round() / 1000.0) as f32
}

/// Grays are written as DeviceGray, so a gray page prints with black ink
/// only. Three decimals tell all 256 levels of a channel apart.
fn color(color: Color) -> printpdf::Color {
    let level = |channel: u8| thousandths(f64::from(channel) / 255.0);
    if color.is_gray() {
        return printpdf::Color::Greyscale(Greyscale {
            percent: level(color.r),
            icc_profile: None,
        });
    }
    printpdf::Color::Rgb(Rgb {
        r: level(color.r),
        g: level(color.g),
        b: level(color.b),
        icc_profile: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Point;
    use crate::text::{FontSet, Weight};

    /// A line of `text` in the regular face of `fonts`.
    fn line(fonts: &FontSet, text: &str, size: f64) -> TextRun {
        TextRun {
            size: Pt(size),
            color: Color::WHITE,
            origin: Point::new(Pt(10.0), Pt(200.0)),
            glyphs: crate::text::Line::shaped(&fonts.stack(Weight::Regular), text).glyphs,
            text: text.to_string(),
            bounds: Rect::default(),
        }
    }

    /// The text matrices (x, y) a line of `text` is drawn with.
    fn origins(text: &str) -> Vec<(f32, f32)> {
        let fonts = FontSet::builtin();
        let run = line(&fonts, text, 100.0);
        let mut ops = Vec::new();
        text_ops(&run, Pt(300.0), &mut Fonts::default(), &mut ops);
        ops.iter()
            .filter_map(|op| match op {
                Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(x, y),
                } => Some((x.0, y.0)),
                _ => None,
            })
            .collect()
    }

    /// How many times a line of `text` switches faces.
    fn font_switches(text: &str) -> usize {
        let fonts = FontSet::builtin();
        let run = line(&fonts, text, 10.0);
        let mut ops = Vec::new();
        text_ops(&run, Pt(300.0), &mut Fonts::default(), &mut ops);
        ops.iter()
            .filter(|op| matches!(op, Op::SetFont { .. }))
            .count()
    }

    #[test]
    fn fallback_symbols_switch_faces_and_back() {
        assert_eq!(font_switches("plain"), 1);
        assert_eq!(font_switches("research → production ✓"), 4);
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

    #[test]
    fn orientation_turns_the_stored_corners_upright() {
        // A 30 x 20 pt box at (100, 200); PDF coordinates, y up.
        let placed = printpdf::Rect {
            x: printpdf::Pt(100.0),
            y: printpdf::Pt(200.0),
            width: printpdf::Pt(30.0),
            height: printpdf::Pt(20.0),
            mode: None,
            winding_order: None,
        };
        // Where the stored picture's top-left corner (0, 1) and top-right
        // corner (1, 1) land: named by the box's corners.
        let corners = |orientation| {
            let [a, b, c, d, e, f] = placement(&placed, orientation);
            let at = |u: f32, v: f32| match (a * u + c * v + e, b * u + d * v + f) {
                (100.0, 200.0) => "bottom-left",
                (130.0, 200.0) => "bottom-right",
                (100.0, 220.0) => "top-left",
                (130.0, 220.0) => "top-right",
                other => panic!("{other:?} is not a corner"),
            };
            (at(0.0, 1.0), at(1.0, 1.0))
        };
        use Orientation::*;
        assert_eq!(corners(NoTransforms), ("top-left", "top-right"));
        assert_eq!(corners(FlipHorizontal), ("top-right", "top-left"));
        assert_eq!(corners(Rotate180), ("bottom-right", "bottom-left"));
        assert_eq!(corners(FlipVertical), ("bottom-left", "bottom-right"));
        // EXIF 6: the stored top row becomes the right-hand column.
        assert_eq!(corners(Rotate90), ("top-right", "bottom-right"));
        // EXIF 8: it becomes the left-hand column, read upwards.
        assert_eq!(corners(Rotate270), ("bottom-left", "top-left"));
        // EXIF 5 (transpose) and 7 (transverse).
        assert_eq!(corners(Rotate90FlipH), ("top-left", "bottom-left"));
        assert_eq!(corners(Rotate270FlipH), ("bottom-right", "top-right"));
    }
}
