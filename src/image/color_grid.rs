//! What a picture under text looks like, coarsely: a small grid of its
//! average colours, so layout can judge the contrast of the text set on
//! it without decoding the picture again. Made while an image loads, and
//! only for the pictures text stands on (a slide's `background_image`).

use super::{decode, ImageKey, ImageStore};

/// Cells along the picture's longer side: fine enough to tell a dark
/// corner from a light sky under a line of text, small enough to keep.
const LONG_SIDE: u32 = 64;

/// A picture's average colours in a grid of cells, upright.
#[derive(Debug, Clone, PartialEq)]
pub struct ColorGrid {
    pub columns: u32,
    pub rows: u32,
    /// Row by row, `columns * rows` colours as `[r, g, b]`.
    pub cells: Vec<[u8; 3]>,
}

impl ColorGrid {
    /// The grid of `pixels`, each cell the average of the pixels it covers.
    pub(super) fn of(pixels: &image::DynamicImage) -> ColorGrid {
        let (width, height) = (pixels.width().max(1), pixels.height().max(1));
        let scale = f64::from(LONG_SIDE) / f64::from(width.max(height));
        let columns = ((f64::from(width) * scale).round() as u32).clamp(1, LONG_SIDE);
        let rows = ((f64::from(height) * scale).round() as u32).clamp(1, LONG_SIDE);
        let small = pixels
            .resize_exact(columns, rows, image::imageops::FilterType::Triangle)
            .to_rgb8();
        ColorGrid {
            columns,
            rows,
            cells: small.pixels().map(|pixel| pixel.0).collect(),
        }
    }

    /// The colours of the cells that the part from `left` to `right` and
    /// `top` to `bottom` covers, each a share of the picture from 0 to 1.
    pub fn under(&self, left: f64, top: f64, right: f64, bottom: f64) -> Vec<[u8; 3]> {
        let span = |from: f64, to: f64, cells: u32| {
            let first = ((from.clamp(0.0, 1.0) * f64::from(cells)).floor() as u32).min(cells - 1);
            let last = (to.clamp(0.0, 1.0) * f64::from(cells)).ceil() as u32;
            first..last.clamp(first + 1, cells)
        };
        let columns = span(left, right, self.columns);
        span(top, bottom, self.rows)
            .flat_map(|row| columns.clone().map(move |column| (row, column)))
            .map(|(row, column)| self.cells[(row * self.columns + column) as usize])
            .collect()
    }
}

impl ColorGrid {
    /// The grid of average colours of the raster image in `bytes`, or none when it does
    /// not decode (the loader has already said why).
    pub(super) fn measure(bytes: &[u8], format: image::ImageFormat) -> Option<ColorGrid> {
        decode::decode(bytes, format)
            .ok()
            .map(|(pixels, _)| ColorGrid::of(&pixels))
    }
}

impl ImageStore {
    /// The [`ColorGrid`] of the image `key`, if it was measured.
    pub fn color_grid(&self, key: ImageKey) -> Option<&ColorGrid> {
        self.color_grids.get(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_color_grid_keeps_the_shape_and_the_colours_where_they_are() {
        // Left half black, right half white, 200 x 100.
        let pixels = image::RgbImage::from_fn(200, 100, |x, _| {
            if x < 100 {
                image::Rgb([0, 0, 0])
            } else {
                image::Rgb([255, 255, 255])
            }
        });
        let color_grid = ColorGrid::of(&image::DynamicImage::ImageRgb8(pixels));
        assert_eq!((color_grid.columns, color_grid.rows), (64, 32));
        assert!(color_grid
            .under(0.0, 0.0, 0.25, 1.0)
            .iter()
            .all(|c| *c == [0, 0, 0]));
        assert!(color_grid
            .under(0.75, 0.4, 1.0, 0.6)
            .iter()
            .all(|c| *c == [255, 255, 255]));
        // A box across the middle sees both, and one outside sees the edge.
        let both = color_grid.under(0.4, 0.4, 0.6, 0.6);
        assert!(both.contains(&[0, 0, 0]) && both.contains(&[255, 255, 255]));
        assert_eq!(color_grid.under(1.5, 0.0, 2.0, 0.01), vec![[255, 255, 255]]);
    }
}
