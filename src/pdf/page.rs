//! Display-list items to each page's content stream; y is flipped here
//! for everything drawn (`pdf::annotations` flips its own rectangles).

use printpdf::PdfPage;

use crate::color::Color;
use crate::frame::{ImageItem, Item, Page, Role, StrokedLine, TextRun};
use crate::geom::{Point, Pt, Rect};
use crate::image::Orientation;

use super::actual_text;
use super::content::{thousandths, Area, Content, Paint, Shown};
use super::deflate::Deflater;
use super::marks::Marks;
use super::resources::{FontNumber, Fonts, Resources};
use super::structure::{Headings, Kid, Node, PageTags};
use super::Error;

/// What drawing a page needs besides its items.
struct Drawing<'a> {
    resources: &'a mut Resources,
    marks: Marks,
}

/// Draws `pages` one after another: each page's content stream and its
/// share of the structure tree (see [`page_content`]), its items let go
/// once it is drawn (see [`let_drawn_go`]). Each stream is compressed on
/// another core while the next page is drawn (on this one when the others
/// are behind).
pub(super) fn draw(
    pages: &mut [Page],
    resources: &mut Resources,
    tags: bool,
    headings: Headings,
) -> (Vec<lopdf::Stream>, Vec<PageTags>) {
    let (tags, contents) = crate::parallel::alongside(
        Deflater::best,
        |deflater, content: Content| content.finish(deflater),
        |compress| {
            pages
                .iter_mut()
                .map(|page| {
                    let (content, tags) = page_content(page, resources, tags, headings);
                    let_drawn_go(&mut page.items);
                    compress(content);
                    tags
                })
                .collect()
        },
    );
    (contents, tags)
}

/// The content stream that draws `page`, not yet compressed, and (when
/// `tags` is set) its share of the structure tree: its content marked,
/// each piece with an MCID or as an artifact.
fn page_content(
    page: &Page,
    resources: &mut Resources,
    tags: bool,
    headings: Headings,
) -> (Content, PageTags) {
    let height = page.size.height;
    let mut content = Content::new();
    let mut drawing = Drawing {
        resources,
        marks: Marks::new(tags, headings),
    };
    if page.background != Color::WHITE {
        drawing.marks.piece(None, &mut content);
        content.fill_color(page.background);
        content.rectangle(flip(&Rect::from_size(page.size), height), Paint::Fill);
    }
    let mut kids = Vec::new();
    items_ops(
        &page.items,
        height,
        &mut drawing,
        None,
        &mut kids,
        &mut content,
    );
    let tags = PageTags {
        kids,
        mcids: drawing.marks.mcids(),
    };
    (content, tags)
}

/// The page printpdf writes for `page`: its boxes, and no content of its
/// own (`pdf::write` puts the stream [`page_content`] wrote in its place).
pub(super) fn sheet(page: &Page) -> PdfPage {
    let area = flip(&Rect::from_size(page.size), page.size.height);
    let sheet = printpdf::Rect {
        x: printpdf::Pt(area.x),
        y: printpdf::Pt(area.y),
        width: printpdf::Pt(area.width),
        height: printpdf::Pt(area.height),
        mode: None,
        winding_order: None,
    };
    PdfPage {
        media_box: sheet.clone(),
        trim_box: sheet.clone(),
        crop_box: sheet,
        ops: Vec::new(),
    }
}

/// Removes what `items` draw once their page is drawn, keeping only the
/// links (and the groups and nodes around them), which the annotations
/// are made from: no page's glyphs are held while the others are drawn,
/// and each image is held only by the document's [`super::resources::Images`],
/// so its data can move into the file.
pub(super) fn let_drawn_go(items: &mut Vec<Item>) {
    items.retain_mut(|item| match item {
        Item::Link(_) => true,
        Item::Group(group) => {
            let_drawn_go(&mut group.items);
            !group.items.is_empty()
        }
        Item::Tagged(node) => {
            let_drawn_go(&mut node.items);
            !node.items.is_empty()
        }
        Item::Text(_) | Item::Image(_) | Item::Rect(_) | Item::Line(_) => false,
    });
}

/// Puts each page's content stream in place of the empty one printpdf
/// wrote for it (and, on the first page, showed the fonts' glyphs with).
pub(super) fn put_contents(
    doc: &mut lopdf::Document,
    pages: &[lopdf::ObjectId],
    contents: Vec<lopdf::Stream>,
) -> Result<(), Error> {
    let missing = || Error::Internal("a page has no content stream of its own");
    if pages.len() != contents.len() {
        return Err(missing());
    }
    for (&page, stream) in pages.iter().zip(contents) {
        let id = doc
            .get_dictionary(page)
            .and_then(|dict| dict.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|_| missing())?;
        doc.objects.insert(id, lopdf::Object::Stream(stream));
    }
    Ok(())
}

/// Draws `items`, the content of the element `owner` (artifacts when
/// `None`); the elements and content found go into `kids`.
fn items_ops(
    items: &[Item],
    height: Pt,
    drawing: &mut Drawing,
    owner: Option<&Role>,
    kids: &mut Vec<Kid>,
    content: &mut Content,
) {
    for item in items {
        match item {
            Item::Tagged(node) => {
                drawing.marks.close(content);
                let mut own = Vec::new();
                items_ops(
                    &node.items,
                    height,
                    drawing,
                    Some(&node.role),
                    &mut own,
                    content,
                );
                kids.push(Kid::Node(Node {
                    role: node.role.clone(),
                    kids: own,
                }));
            }
            Item::Link(_) => {
                drawing.marks.close(content);
                let index = drawing.marks.link();
                if owner.is_some() {
                    kids.push(Kid::Link(index));
                }
            }
            // Rules, bands, backgrounds and stroked lines: never content.
            Item::Rect(_) | Item::Line(_) => {
                drawing.marks.piece(None, content);
                item_ops(item, height, drawing, kids, content);
            }
            Item::Text(_) | Item::Image(_) => {
                if let Some(mcid) = drawing.marks.piece(owner, content) {
                    kids.push(Kid::Content(mcid));
                }
                item_ops(item, height, drawing, kids, content);
            }
            Item::Group(_) => {
                drawing.marks.close(content);
                item_ops(item, height, drawing, kids, content);
            }
        }
    }
    drawing.marks.close(content);
}

/// `rect` (top-left origin, y down) in PDF coordinates (y up) on a page `height` tall.
fn flip(rect: &Rect, height: Pt) -> Area {
    Area {
        x: pt(rect.x),
        y: pt(height - rect.bottom()),
        width: pt(rect.width),
        height: pt(rect.height),
    }
}

/// Draws `item` on a drawing `height` tall: the page, or a group's own page.
/// A group's own items are artifacts; its nodes go into `kids`.
fn item_ops(
    item: &Item,
    height: Pt,
    drawing: &mut Drawing,
    kids: &mut Vec<Kid>,
    content: &mut Content,
) {
    let resources = &mut *drawing.resources;
    match item {
        Item::Text(run) => text_ops(run, height, &mut resources.fonts, content),
        Item::Image(image) => {
            let id = resources.images.name(&image.image);
            image_ops(image, &id.0, height, content);
        }
        Item::Rect(fill) => match resources.opacities.get(&fill.opacity) {
            // See-through fills draw in their own graphics state.
            Some(state) => {
                content.save();
                content.graphics_state(&state.0);
                content.fill_color(fill.color);
                content.rectangle(flip(&fill.rect, height), Paint::Fill);
                content.restore();
            }
            None => {
                content.fill_color(fill.color);
                content.rectangle(flip(&fill.rect, height), Paint::Fill);
            }
        },
        Item::Line(line) => line_ops(line, height, content),
        // Written with the page's other annotations, in `annotations`;
        // tagged nodes are drawn by `items_ops`.
        Item::Link(_) | Item::Tagged(_) => {}
        Item::Group(group) => {
            // Map the group's PDF space (y up from its own bottom edge) onto
            // its place on this page, and show only its own area.
            let placed = flip(&group.bounds(), height);
            let scale = group.transform.scale as f32;
            content.save();
            content.transform([scale, 0.0, 0.0, scale, placed.x, placed.y]);
            let own_height = group.size.height;
            content.rectangle(flip(&Rect::from_size(group.size), own_height), Paint::Clip);
            items_ops(&group.items, own_height, drawing, None, kids, content);
            content.restore();
        }
    }
}

/// Draws `image` as XObject `name`, clipped and turned upright in a
/// graphics state of its own.
fn image_ops(image: &ImageItem, name: &str, height: Pt, content: &mut Content) {
    let orientation = image.image.orientation();
    let placed = flip(&image.placed, height);
    content.save();
    if let Some(clip) = &image.clip {
        content.rectangle(flip(clip, height), Paint::Clip);
    }
    content.transform(placement(&placed, orientation));
    content.xobject(name);
    content.restore();
}

/// Strokes `line`, a straight segment (a formula's cancel stroke).
fn line_ops(line: &StrokedLine, height: Pt, content: &mut Content) {
    content.stroke_color(line.color);
    content.line_width(pt(line.thickness));
    let point = |at: Point| (pt(at.x), pt(height - at.y));
    content.line(point(line.from), point(line.to));
}
/// The matrix that draws an image (the unit square, its stored first row
/// at the top) into `placed`, in PDF coordinates, turned upright as
/// `orientation` says: no pixel is touched, the page turns the picture.
fn placement(placed: &Area, orientation: Orientation) -> [f32; 6] {
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
    let (width, height) = (placed.width, placed.height);
    [
        width * a,
        height * b,
        width * c,
        height * d,
        placed.x + width * e,
        placed.y + height * f,
    ]
    .map(|value| thousandths(f64::from(value)))
}

/// One piece of a line: glyphs in one face drawn from one start.
struct Piece {
    font: FontNumber,
    /// Where it starts, in em from the line's origin.
    at: (f64, f64),
    /// Each glyph's id in the font's subset, its `/W` width and the
    /// adjustment after it, in thousandths of an em.
    glyphs: Vec<(u16, f32, f32)>,
    /// The cluster (a byte range of the text) whose actual text its
    /// glyphs take, if any.
    span: Option<(usize, usize)>,
}

/// One line of text: the glyphs as measured, each followed by the
/// adjustment that turns the font's own advance (the PDF's `/W` width) into
/// the shaped one. A glyph that mark positioning moves (an accent stacked on
/// a letter) is drawn on its own at its place, and a change of face (a
/// fallback symbol) starts a new piece in that face.
fn text_ops(run: &TextRun, page_height: Pt, fonts: &mut Fonts, content: &mut Content) {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut pen = 0.0;
    let mut joins_previous = false;
    let encoded = actual_text::encode(run, fonts);
    for (glyph, (drawn, span)) in run.glyphs.iter().zip(encoded) {
        let units_per_em = glyph.face.units_per_em() as f32;
        // printpdf writes each glyph's /W width as trunc(advance * 1000 / upm), in f32.
        let width = (f32::from(glyph.font_advance) * 1000.0 / units_per_em).trunc();
        let adjustment = width - (glyph.advance * 1000.0) as f32;
        let adjustment = if adjustment.abs() < 1e-3 {
            0.0
        } else {
            adjustment
        };
        let shown = (drawn.id, width, adjustment);
        let placed = glyph.offset != (0.0, 0.0);
        match pieces.last_mut() {
            Some(piece)
                if joins_previous && !placed && piece.font == drawn.font && piece.span == span =>
            {
                piece.glyphs.push(shown)
            }
            _ => pieces.push(Piece {
                font: drawn.font,
                at: (pen + glyph.offset.0, glyph.offset.1),
                glyphs: vec![shown],
                span,
            }),
        }
        joins_previous = !placed;
        pen += glyph.advance;
    }
    content.begin_text();
    content.fill_color(run.color);
    let mut line = Line::default();
    let mut current_font = None;
    let mut open_span = None;
    let size = pt(run.size);
    for piece in pieces {
        if piece.span != open_span {
            line.flush(content);
            if open_span.is_some() {
                content.end_marked();
            }
            if let Some((start, end)) = piece.span {
                content.begin_span(&run.text[start..end]);
            }
            open_span = piece.span;
        }
        if current_font != Some(piece.font) {
            line.flush(content);
            content.font(piece.font, size);
            current_font = Some(piece.font);
        }
        let x = pt(run.origin.x + run.size * piece.at.0);
        let y = pt(page_height - run.origin.y + run.size * piece.at.1);
        line.move_to(x, y, size, content);
        for (id, width, adjustment) in piece.glyphs {
            line.glyph(id, width, adjustment);
        }
    }
    line.flush(content);
    if open_span.is_some() {
        content.end_marked();
    }
    content.end_text();
}

/// The glyphs shown on one baseline in one face, as one `TJ`: pieces that
/// continue it are moved to their place with an adjustment, as printpdf
/// joined them (the pen moves by each glyph's `/W` width less its
/// adjustment), so that readers select the line as one.
#[derive(Default)]
struct Line {
    /// Where it starts on the page, while one is open.
    start: Option<(f32, f32)>,
    size: f32,
    /// How far the pen has gone, in thousandths of an em.
    pen: f64,
    shown: Vec<Shown>,
}

impl Line {
    /// Goes on at (`x`, `y`) on the page: in the open line when that is on
    /// the same baseline, else in a new one.
    fn move_to(&mut self, x: f32, y: f32, size: f32, content: &mut Content) {
        match self.start {
            Some((start_x, start_y)) if start_y == y && self.size == size => {
                let moved = (f64::from(x) - f64::from(start_x)) * 1000.0 / f64::from(size);
                let kern = (self.pen - moved) as f32;
                if kern != 0.0 {
                    self.adjust(kern);
                }
            }
            _ => {
                self.flush(content);
                content.line_at(x, y);
                *self = Line {
                    start: Some((x, y)),
                    size,
                    ..Line::default()
                };
            }
        }
    }

    /// Shows glyph `id` (two bytes, as a subset's encoding reads it).
    fn glyph(&mut self, id: u16, width: f32, adjustment: f32) {
        let code = id.to_be_bytes();
        match self.shown.last_mut() {
            Some(Shown::Codes(codes)) => codes.extend(code),
            _ => self.shown.push(Shown::Codes(code.to_vec())),
        }
        self.pen += f64::from(width);
        if adjustment != 0.0 {
            self.adjust(adjustment);
        }
    }

    fn adjust(&mut self, amount: f32) {
        self.shown.push(Shown::Adjust(amount));
        self.pen -= f64::from(amount);
    }

    /// Shows the open line, if any, and closes it.
    fn flush(&mut self, content: &mut Content) {
        if !self.shown.is_empty() {
            content.show(&self.shown);
        }
        *self = Line::default();
    }
}

/// A length in the content stream: to a thousandth of a point.
fn pt(length: Pt) -> f32 {
    thousandths(length.0)
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

    /// The operations that draw a line of `text` at `size`.
    fn operations(text: &str, size: f64) -> Vec<lopdf::content::Operation> {
        let fonts = FontSet::builtin();
        let run = line(&fonts, text, size);
        let mut content = Content::new();
        text_ops(&run, Pt(300.0), &mut Fonts::default(), &mut content);
        lopdf::content::Content::decode(content.as_bytes())
            .unwrap()
            .operations
    }

    /// Where each text line of `text` starts (x, y): its `Td` added to
    /// the one before.
    fn origins(text: &str) -> Vec<(f32, f32)> {
        let mut at = (0.0, 0.0);
        operations(text, 100.0)
            .iter()
            .filter(|op| op.operator == "Td")
            .map(|op| {
                at.0 += op.operands[0].as_float().unwrap();
                at.1 += op.operands[1].as_float().unwrap();
                at
            })
            .collect()
    }

    /// How many times a line of `text` switches faces.
    fn font_switches(text: &str) -> usize {
        operations(text, 10.0)
            .iter()
            .filter(|op| op.operator == "Tf")
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
        let placed = Area {
            x: 100.0,
            y: 200.0,
            width: 30.0,
            height: 20.0,
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
