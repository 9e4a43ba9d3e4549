//! Vector figures: a PDF page or an SVG file, kept as drawing operators so
//! they stay sharp and their text stays text. A figure is read once into a
//! self-contained [`Figure`]: the page's content, its resources and every
//! object they reach, copied out of the source file within fixed bounds
//! into a table of the figure's own ([`objects`]). lopdf reads the source
//! (and decodes its streams), and the PDF writer alone turns the figure
//! into lopdf objects of the deck's file: one Form XObject for each
//! distinct figure. SVG
//! files are converted to a one-page PDF with svg2pdf first, and read back
//! the same way, so both kinds share one path.

mod copy;
mod gray;
pub mod objects;
mod pdf;
mod svg;
mod svg_losses;
mod tspans;
mod untag;

use std::collections::BTreeSet;

use objects::{Dictionary, Object, ObjectRef, ObjectTable};

pub use svg::FontFiles;
pub(super) use svg::MAX_REFERENCED;

/// The largest side of a figure, in points (in CSS pixels for an SVG):
/// the largest page a PDF reader must show (200 inches).
pub const MAX_SIDE: f64 = 14_400.0;

/// One page of a PDF, or an SVG made into one, ready to become a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The visible area in the content's own space: the crop box.
    pub bbox: [f64; 4],
    /// Quarter turns clockwise the page is shown with (`/Rotate`).
    pub quarter_turns: u8,
    /// The decoded content stream.
    pub content: Vec<u8>,
    /// The page's resources, their references into `objects`.
    pub resources: Dictionary,
    /// The page's transparency group, if it has one.
    pub group: Option<Dictionary>,
    /// Every object `resources` and `group` reach.
    pub objects: ObjectTable,
}

impl Figure {
    /// The upright size in points, as the figure is shown.
    pub fn size(&self) -> (f64, f64) {
        let [x0, y0, x1, y1] = self.bbox;
        let (width, height) = ((x1 - x0).abs(), (y1 - y0).abs());
        if self.quarter_turns % 2 == 1 {
            (height, width)
        } else {
            (width, height)
        }
    }

    /// The form matrix mapping the crop box, turned upright, onto the unit
    /// square, where the page draws every image.
    pub fn unit_matrix(&self) -> [f64; 6] {
        let [x0, y0, x1, y1] = self.bbox;
        let (w, h) = (x1 - x0, y1 - y0);
        // Where (u, v), measured from the crop box's corner, goes before scaling.
        let [a, b, c, d, e, f] = match self.quarter_turns % 4 {
            0 => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            1 => [0.0, -1.0, 1.0, 0.0, 0.0, w],
            2 => [-1.0, 0.0, 0.0, -1.0, w, h],
            _ => [0.0, 1.0, -1.0, 0.0, h, 0.0],
        };
        let (sw, sh) = self.size();
        let (sx, sy) = (1.0 / sw, 1.0 / sh);
        // First move the corner to the origin, then turn, then scale.
        let (a, b, c, d) = (a * sx, b * sy, c * sx, d * sy);
        let (e, f) = (e * sx, f * sy);
        [a, b, c, d, e - a * x0 - c * y0, f - b * x0 - d * y0]
    }

    /// The pixel sizes of the raster images the figure draws (soft
    /// masks, the alpha of another image, left out).
    pub fn rasters(&self) -> Vec<(u32, u32)> {
        let streams = || {
            self.objects
                .iter()
                .filter_map(|(reference, object)| Some((reference, object.as_stream()?)))
        };
        let masks: BTreeSet<ObjectRef> = streams()
            .filter_map(|(_, stream)| stream.dict.get(b"SMask")?.as_reference())
            .collect();
        let side = |dict: &Dictionary, key: &[u8]| {
            dict.get(key)
                .and_then(Object::as_i64)
                .and_then(|v| u32::try_from(v).ok())
        };
        streams()
            .filter(|(reference, stream)| !masks.contains(reference) && stream.is_subtype(b"Image"))
            .filter_map(|(_, stream)| {
                Some((
                    side(&stream.dict, b"Width")?,
                    side(&stream.dict, b"Height")?,
                ))
            })
            .collect()
    }
}

/// What kind of figure a file holds, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Svg,
}

impl Kind {
    /// The format's name, as messages and tables show it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Svg => "SVG",
        }
    }

    /// The figure kind of `bytes`, if it is one: a PDF header in the first
    /// kilobyte (where readers look for it), or an XML or SVG start tag.
    pub fn sniff(bytes: &[u8]) -> Option<Kind> {
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|window| window == b"%PDF-") {
            return Some(Kind::Pdf);
        }
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
        let text = &text[start..];
        let svg = text.starts_with(b"<svg")
            || (text.starts_with(b"<?xml") || text.starts_with(b"<!"))
                && bytes.windows(4).any(|window| window == b"<svg");
        svg.then_some(Kind::Svg)
    }
}

/// Why a figure cannot be used; the file's name is added by the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The file is not a PDF deckgen can read.
    UnreadablePdf(String),
    /// The PDF is encrypted.
    Encrypted,
    /// The PDF has fewer pages than asked for.
    NoSuchPage { page: u32, pages: u32 },
    /// The page's content or resources cannot be read.
    UnreadablePage { page: u32, cause: String },
    /// The SVG cannot be parsed or converted.
    UnreadableSvg(String),
    /// The figure is larger than a PDF page may be, or has no area;
    /// its sides in `unit` (points, or an SVG's CSS pixels).
    BadSize {
        width: f64,
        height: f64,
        unit: &'static str,
    },
}

/// Reads page `page` (1-based) of the PDF in `bytes`.
pub fn from_pdf(bytes: &[u8], page: u32) -> Result<Figure, Problem> {
    pdf::read_page(bytes, page)
}

/// Reads the SVG in `bytes`, resolving the files it names against `dir`,
/// refusing raster images of more than `max_pixels`, and setting its text
/// with `fonts` only. Also gives notes on what the SVG loses on the way
/// (text no font has, HTML, images left out), each for a warning.
pub fn from_svg(
    bytes: &[u8],
    dir: &std::path::Path,
    fonts: &FontFiles,
    max_pixels: u64,
) -> Result<(Figure, Vec<String>), Problem> {
    let (converted, notes) = svg::to_pdf(bytes, dir, fonts, max_pixels)?;
    // svg2pdf wrote it; a failure to read it back is a conversion failure.
    let figure = pdf::read_page(&converted, 1).map_err(|_| {
        Problem::UnreadableSvg("svg2pdf made a PDF deckgen cannot read back".into())
    })?;
    Ok((figure, notes))
}

/// Turns the figure's colours gray where its operators allow; names what
/// stays in colour.
pub fn to_gray(figure: &mut Figure) -> Vec<String> {
    gray::to_gray(figure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(bbox: [f64; 4], quarter_turns: u8) -> Figure {
        Figure {
            bbox,
            quarter_turns,
            content: Vec::new(),
            resources: Dictionary::default(),
            group: None,
            objects: ObjectTable::default(),
        }
    }

    fn apply(m: [f64; 6], (x, y): (f64, f64)) -> (f64, f64) {
        let round = |v: f64| (v * 1e9).round() / 1e9;
        (
            round(m[0] * x + m[2] * y + m[4]),
            round(m[1] * x + m[3] * y + m[5]),
        )
    }

    #[test]
    fn the_crop_box_maps_onto_the_unit_square_turned_upright() {
        let upright = figure([10.0, 20.0, 110.0, 70.0], 0);
        assert_eq!(upright.size(), (100.0, 50.0));
        let m = upright.unit_matrix();
        assert_eq!(apply(m, (10.0, 20.0)), (0.0, 0.0));
        assert_eq!(apply(m, (110.0, 70.0)), (1.0, 1.0));
        // Turned a quarter clockwise: the top-left corner goes top right.
        let turned = figure([10.0, 20.0, 110.0, 70.0], 1);
        assert_eq!(turned.size(), (50.0, 100.0));
        let m = turned.unit_matrix();
        assert_eq!(apply(m, (10.0, 70.0)), (1.0, 1.0));
        assert_eq!(apply(m, (10.0, 20.0)), (0.0, 1.0));
        assert_eq!(apply(m, (110.0, 20.0)), (0.0, 0.0));
        let half = figure([0.0, 0.0, 100.0, 50.0], 2).unit_matrix();
        assert_eq!(apply(half, (0.0, 0.0)), (1.0, 1.0));
        let three = figure([0.0, 0.0, 100.0, 50.0], 3).unit_matrix();
        assert_eq!(apply(three, (0.0, 0.0)), (1.0, 0.0));
        assert_eq!(apply(three, (0.0, 50.0)), (0.0, 0.0));
    }

    #[test]
    fn kinds_are_told_by_their_first_bytes() {
        assert_eq!(Kind::sniff(b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(Kind::sniff(b"junk\n%PDF-1.4"), Some(Kind::Pdf));
        assert_eq!(Kind::sniff(b"  <svg xmlns='x'/>"), Some(Kind::Svg));
        assert_eq!(
            Kind::sniff(b"<?xml version='1.0'?>\n<!DOCTYPE svg>\n<svg/>"),
            Some(Kind::Svg)
        );
        assert_eq!(Kind::sniff(b"<?xml version='1.0'?><html/>"), None);
        assert_eq!(Kind::sniff(b"\x89PNG"), None);
    }
}
