//! A picture's description, the canvas its drawing function gets, and how the
//! rendered pixels are finished (opaque, transparent or gray) and encoded.

use std::error::Error;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, RgbImage, RgbaImage};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What drawing functions return.
pub type DrawResult = Result<(), Box<dyn Error>>;

/// A point given as fractions of the canvas: (0, 0) top left, (1, 1) bottom right.
pub type Spot = (f64, f64);

/// The width and height, in points, of the image box on a slide of the sample
/// deck (16:9, one line of caption). Text sizes are given in slide points, so
/// a label set at 16 pt shows at about 16 pt whatever the picture's pixel size.
const IMAGE_BOX: (f64, f64) = (864.0, 340.0);

/// JPEG quality: charts stay crisp, files stay small.
const JPEG_QUALITY: u8 = 85;

/// How the rendered pixels are stored.
#[derive(Clone, Copy)]
pub enum Finish {
    /// RGB on a white background.
    Colour,
    /// RGBA: the white background becomes transparent, edges keep their partial alpha.
    Transparent,
    /// 8-bit gray.
    Gray,
}

/// One picture of the deck: its file in `images/`, its size in pixels, how it is
/// finished, and the function that draws it.
#[derive(Clone)]
pub struct Picture {
    pub file: &'static str,
    pub size: (u32, u32),
    pub finish: Finish,
    pub draw: fn(&Canvas) -> DrawResult,
}

/// The drawing area of one picture, with its size and its pixels per slide point.
pub struct Canvas<'a> {
    pub area: DrawingArea<BitMapBackend<'a>, Shift>,
    width: f64,
    height: f64,
    scale: f64,
}

impl Canvas<'_> {
    /// Pixels for a length given in slide points.
    pub fn pt(&self, points: f64) -> f64 {
        points * self.scale
    }

    /// Whole pixels for a length given in slide points, at least one.
    pub fn pt_px(&self, points: f64) -> u32 {
        self.pt(points).round().max(1.0) as u32
    }

    /// The pixel at a spot.
    pub fn at(&self, (x, y): Spot) -> (i32, i32) {
        (
            (x * self.width).round() as i32,
            (y * self.height).round() as i32,
        )
    }

    /// The canvas's width divided by its height.
    pub fn aspect(&self) -> f64 {
        self.width / self.height
    }
}

impl Picture {
    /// Renders the picture and encodes it in the format its file name asks for.
    pub fn encode(&self) -> Result<Vec<u8>, Box<dyn Error>> {
        let image = match self.finish {
            Finish::Colour => DynamicImage::ImageRgb8(self.render(WHITE)?),
            Finish::Gray => DynamicImage::ImageRgb8(self.render(WHITE)?)
                .into_luma8()
                .into(),
            Finish::Transparent => {
                DynamicImage::ImageRgba8(unblend(&self.render(BLACK)?, &self.render(WHITE)?))
            }
        };
        let mut bytes = Vec::new();
        match Path::new(self.file).extension().and_then(|e| e.to_str()) {
            Some("png") => image.write_with_encoder(PngEncoder::new_with_quality(
                &mut bytes,
                CompressionType::Best,
                FilterType::Adaptive,
            ))?,
            Some("jpg") => {
                image.write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY))?
            }
            _ => return Err(format!("{}: name a .png or .jpg file", self.file).into()),
        }
        Ok(bytes)
    }

    /// Draws the picture on a canvas filled with `background`.
    fn render(&self, background: RGBColor) -> Result<RgbImage, Box<dyn Error>> {
        let (width, height) = self.size;
        let mut pixels = vec![0; width as usize * height as usize * 3];
        {
            let area = BitMapBackend::with_buffer(&mut pixels, self.size).into_drawing_area();
            area.fill(&background)?;
            let scale = (f64::from(width) / IMAGE_BOX.0).max(f64::from(height) / IMAGE_BOX.1);
            let canvas = Canvas {
                area,
                width: f64::from(width),
                height: f64::from(height),
                scale,
            };
            (self.draw)(&canvas)?;
            canvas.area.present()?;
        }
        Ok(RgbImage::from_raw(width, height, pixels).expect("the buffer holds every pixel"))
    }
}

/// Recovers colour and alpha from the same drawing on black and on white: where
/// a pixel is `alpha * colour` on black, it is `alpha * colour + (1 - alpha) * 255`
/// on white, so the difference is what the background shows through.
fn unblend(on_black: &RgbImage, on_white: &RgbImage) -> RgbaImage {
    RgbaImage::from_fn(on_black.width(), on_black.height(), |x, y| {
        let black = on_black.get_pixel(x, y).0;
        let white = on_white.get_pixel(x, y).0;
        let see_through: u32 = (0..3)
            .map(|i| u32::from(white[i].saturating_sub(black[i])))
            .sum();
        let alpha = 255 - (see_through / 3).min(255);
        let colour = |c: u8| match alpha {
            0 => 0,
            _ => ((u32::from(c) * 255 + alpha / 2) / alpha).min(255) as u8,
        };
        image::Rgba([
            colour(black[0]),
            colour(black[1]),
            colour(black[2]),
            alpha as u8,
        ])
    })
}
