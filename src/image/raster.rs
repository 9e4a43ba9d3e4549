//! Raster images: identified, checked against the pixel limit, and
//! prepared as the PDF will store them.

use image::ImageFormat;

use super::Orientation;
use super::{
    alpha_png, decode, icc, jpeg, png, ColorGrid, ColorSpace, Compression, Encoded, ImageError,
};

/// The most pixels an image may have unless the user allows more: 100
/// megapixels, 400 MB once decoded as 8-bit RGBA. Far beyond any slide's
/// needs, yet a medium-format camera's photo fits; and a stop for
/// decompression bombs, whose few bytes declare a size no machine can decode.
pub const MAX_PIXELS: u64 = 100_000_000;

/// `megapixels` as a count of pixels, at least one.
pub fn pixels_of(megapixels: f64) -> u64 {
    ((megapixels * 1e6).round() as u64).max(1)
}

/// A count of pixels in megapixels, as messages show it: "75", "7.5",
/// "0.0012" (two significant digits under one megapixel).
pub fn megapixels(pixels: u64) -> String {
    let megapixels = pixels as f64 / 1e6;
    let shown = if megapixels >= 100.0 {
        format!("{megapixels:.0}")
    } else if megapixels >= 1.0 {
        format!("{megapixels:.1}")
    } else {
        let decimals = (1 - megapixels.log10().floor() as i32).max(1) as usize;
        format!("{megapixels:.decimals$}")
    };
    if shown.contains('.') {
        shown
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        shown
    }
}

/// Refuses an image whose header declares more than `max_pixels` pixels,
/// before anything is decoded. Viewers decode passed-through images too,
/// so the limit protects them as well. A header that cannot be read is
/// left for `prepare` to report in its own words.
pub(super) fn check_size(
    bytes: &[u8],
    format: ImageFormat,
    max_pixels: u64,
    file: &str,
) -> Result<(), ImageError> {
    let declared =
        image::ImageReader::with_format(std::io::Cursor::new(bytes), format).into_dimensions();
    match declared {
        Ok((width, height)) if u64::from(width) * u64::from(height) > max_pixels => {
            Err(ImageError::TooLarge {
                file: file.to_string(),
                width,
                height,
                max_pixels,
            })
        }
        _ => Ok(()),
    }
}

/// The format of an image file's bytes, if deckgen reads it.
pub(super) fn identify(bytes: &[u8], file: &str) -> Result<ImageFormat, ImageError> {
    let file = file.to_string();
    match image::guess_format(bytes) {
        Ok(
            format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP),
        ) => Ok(format),
        Ok(other) => {
            let name = other
                .extensions_str()
                .first()
                .unwrap_or(&"this")
                .to_uppercase();
            Err(ImageError::Unsupported { file, format: name })
        }
        Err(_) if bytes.is_empty() => Err(ImageError::Empty { file }),
        Err(_) => Err(ImageError::NotAnImage { file }),
    }
}

/// Why `prepare` refuses an image; the file's name is added later.
#[derive(Debug, PartialEq)]
pub(super) enum Problem {
    /// The decoder's reason.
    Undecodable(String),
    /// What is wrong with the compressed data.
    Damaged(String),
    /// A JPEG of a kind no PDF reader takes.
    Unusable(jpeg::Unusable),
}

impl From<String> for Problem {
    fn from(reason: String) -> Problem {
        Problem::Undecodable(reason)
    }
}

impl From<&str> for Problem {
    fn from(reason: &str) -> Problem {
        Problem::Undecodable(reason.to_string())
    }
}

/// An image as the PDF will store it, how to turn it upright, what was
/// left out of it on the way (for warnings), and its grid of average colours when asked.
#[derive(Debug)]
pub(super) struct Prepared {
    pub(super) encoded: Encoded,
    pub(super) orientation: Orientation,
    pub(super) notes: Vec<String>,
    pub(super) color_grid: Option<ColorGrid>,
}

/// The image as the PDF will store it. JPEGs and opaque non-interlaced
/// PNGs are checked and kept, everything else is decoded. With `measure_colors`,
/// its [`ColorGrid`] is measured too: from the pixels when it is decoded
/// anyway, so no picture is decoded twice.
pub(super) fn prepare(
    bytes: Vec<u8>,
    format: ImageFormat,
    measure_colors: bool,
) -> Result<Prepared, Problem> {
    let mut notes = Vec::new();
    let measure = |bytes: &[u8]| {
        measure_colors
            .then(|| ColorGrid::measure(bytes, format))
            .flatten()
    };
    let (encoded, orientation, measured) = match format {
        ImageFormat::Jpeg if jpeg::lossless_frame(&bytes).is_some_and(|f| f.readable()) => {
            decoded(&bytes, format, measure_colors, &mut notes)?
        }
        ImageFormat::Jpeg => {
            if let Some(kind) = jpeg::unusable(&bytes) {
                return Err(Problem::Unusable(kind));
            }
            let header = jpeg::read_header(&bytes).map_err(Problem::Undecodable)?;
            let color = match header.components {
                1 => ColorSpace::Gray,
                3 => ColorSpace::Rgb,
                4 => ColorSpace::Cmyk,
                other => return Err(Problem::Undecodable(format!("{other} colour components"))),
            };
            let measured = measure(&bytes);
            let bytes = jpeg::with_huffman_tables(bytes);
            jpeg::check_scans(&bytes).map_err(Problem::Damaged)?;
            let inverted = color == ColorSpace::Cmyk && header.adobe;
            let encoded = Encoded {
                width: header.width,
                height: header.height,
                icc: icc::usable(header.icc, &color, &mut notes),
                color,
                bits: 8,
                compression: Compression::Jpeg { rgb: header.rgb },
                data: bytes,
                inverted,
                alpha: None,
            };
            (encoded, header.orientation, measured)
        }
        ImageFormat::Png => {
            let read = png::read(&bytes)?;
            for chunk in &read.dropped {
                notes.push(format!(
                    "left out its damaged {chunk} chunk (checksum mismatch; the chunk is optional)"
                ));
            }
            match read.embed {
                Some(png) => {
                    let measured = measure(&bytes);
                    let color = match png.color {
                        png::PngColor::Gray => ColorSpace::Gray,
                        png::PngColor::Rgb => ColorSpace::Rgb,
                        png::PngColor::Palette(table) => {
                            ColorSpace::Indexed(full_palette(table, png.bit_depth))
                        }
                    };
                    let encoded = Encoded {
                        width: png.width,
                        height: png.height,
                        icc: icc::usable(png.icc, &color, &mut notes),
                        color,
                        bits: png.bit_depth,
                        compression: Compression::PngRows,
                        data: png::join_in_place(bytes, &png.idat),
                        inverted: false,
                        alpha: None,
                    };
                    (encoded, png.orientation, measured)
                }
                // Pixels measured are pixels decoded whole.
                None if !measure_colors => match alpha_png::prepare(&bytes, &mut notes) {
                    Some(encoded) => (encoded, Orientation::NoTransforms, None),
                    None => decoded(&bytes, format, false, &mut notes)?,
                },
                None => decoded(&bytes, format, measure_colors, &mut notes)?,
            }
        }
        _ => decoded(&bytes, format, measure_colors, &mut notes)?,
    };
    Ok(Prepared {
        encoded,
        orientation,
        notes,
        color_grid: measured,
    })
}

/// The image in `bytes` decoded, turned upright and compressed; with
/// `measure_colors`, its [`ColorGrid`] measured from the same pixels.
fn decoded(
    bytes: &[u8],
    format: ImageFormat,
    measure_colors: bool,
    notes: &mut Vec<String>,
) -> Result<(Encoded, Orientation, Option<ColorGrid>), Problem> {
    let (pixels, icc) = decode::decode(bytes, format).map_err(Problem::Undecodable)?;
    let measured = measure_colors.then(|| ColorGrid::of(&pixels));
    let encoded = decode::compress(pixels, icc, notes);
    Ok((encoded, Orientation::NoTransforms, measured))
}

/// A palette of `bits`-bit indices with an entry for every index: the
/// entries a file leaves out are black, as libpng draws them (a PDF reader
/// would draw the last entry instead).
fn full_palette(mut table: Vec<u8>, bits: u8) -> Vec<u8> {
    let entries = 1usize << bits;
    table.resize(entries * 3, 0);
    table
}

/// The width and height of a `width` x `height` picture once `orientation`
/// turns it upright.
pub(super) fn upright_size(width: u32, height: u32, orientation: Orientation) -> (u32, u32) {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (height, width),
        _ => (width, height),
    }
}

pub(super) fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Gif => "GIF",
        _ => "WebP",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::DynamicImage;
    use std::io::Cursor;

    fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn jpegs_keep_their_bytes() {
        let bytes = encode(DynamicImage::new_rgb8(8, 4), ImageFormat::Jpeg);
        let Prepared {
            encoded,
            orientation,
            notes,
            color_grid,
        } = prepare(bytes.clone(), ImageFormat::Jpeg, false).unwrap();
        assert_eq!(color_grid, None, "not asked for");
        assert_eq!((encoded.width, encoded.height), (8, 4));
        assert_eq!(orientation, Orientation::NoTransforms);
        assert!(notes.is_empty());
        assert_eq!(encoded.compression, Compression::Jpeg { rgb: false });
        assert_eq!(encoded.color, ColorSpace::Rgb);
        assert_eq!(encoded.data, bytes);
        assert!(!encoded.inverted);
    }

    #[test]
    fn opaque_pngs_keep_their_data_and_translucent_ones_are_decoded() {
        let opaque = image::RgbImage::from_pixel(2, 2, image::Rgb([1, 2, 3]));
        let encoded = prepare(
            encode(opaque.into(), ImageFormat::Png),
            ImageFormat::Png,
            false,
        )
        .unwrap()
        .encoded;
        assert_eq!(encoded.compression, Compression::PngRows);
        assert_eq!((encoded.color.clone(), encoded.bits), (ColorSpace::Rgb, 8));

        let mut rgba = image::RgbaImage::new(2, 2);
        rgba.put_pixel(0, 0, image::Rgba([255, 0, 0, 128]));
        let prepared = prepare(
            encode(rgba.into(), ImageFormat::Png),
            ImageFormat::Png,
            true,
        );
        let Prepared {
            encoded,
            color_grid,
            ..
        } = prepared.unwrap();
        assert_eq!(encoded.compression, Compression::PngRows);
        assert!(encoded.alpha.is_some());
        // Measured from the pixels decoded for it.
        let color_grid = color_grid.expect("measured");
        assert_eq!((color_grid.columns, color_grid.rows), (64, 64));
    }

    #[test]
    fn palettes_get_an_entry_for_every_index() {
        assert_eq!(full_palette(vec![9; 6], 1), [9, 9, 9, 9, 9, 9]);
        let table = full_palette(vec![9; 6], 2);
        assert_eq!(table, [9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0]);
        assert_eq!(full_palette(vec![1; 3], 8).len(), 768);
    }

    #[test]
    fn damaged_jpeg_data_is_found() {
        let noise = image::RgbImage::from_fn(64, 64, |x, y| {
            image::Rgb([
                ((x * 37) ^ (y * 101)) as u8,
                (x * y) as u8,
                (x + 3 * y) as u8,
            ])
        });
        let jpeg = encode(noise.into(), ImageFormat::Jpeg);
        // Cut inside the scan, where headers are whole.
        let cut = jpeg[..jpeg.len() - 40].to_vec();
        assert_eq!(
            prepare(cut, ImageFormat::Jpeg, false).unwrap_err(),
            Problem::Damaged("JPEG data ends before the end of the image".into())
        );
    }

    #[test]
    fn megapixels_read_as_people_say_them() {
        assert_eq!(megapixels(75_000_000), "75");
        assert_eq!(megapixels(MAX_PIXELS), "100");
        assert_eq!(megapixels(4_294_836_225), "4295");
        assert_eq!(megapixels(7_500_000), "7.5");
        assert_eq!(megapixels(1200), "0.0012");
        assert_eq!(megapixels(1000), "0.001");
        assert_eq!(pixels_of(0.001), 1000);
        assert_eq!(pixels_of(1e-9), 1);
    }

    #[test]
    fn quarter_turns_swap_the_sides() {
        assert_eq!(upright_size(30, 20, Orientation::Rotate90), (20, 30));
        assert_eq!(upright_size(30, 20, Orientation::Rotate270FlipH), (20, 30));
        assert_eq!(upright_size(30, 20, Orientation::Rotate180), (30, 20));
        assert_eq!(upright_size(30, 20, Orientation::FlipHorizontal), (30, 20));
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(
            identify(b"hello", "a.png").unwrap_err().to_string(),
            "`a.png` is not a PNG, JPEG, GIF, WebP, SVG or PDF image"
        );
        assert_eq!(
            identify(b"", "a.png").unwrap_err().to_string(),
            "image `a.png` is an empty file"
        );
        let mut truncated = encode(DynamicImage::new_rgb8(64, 64), ImageFormat::Png);
        truncated.truncate(60);
        assert_eq!(
            prepare(truncated, ImageFormat::Png, false).unwrap_err(),
            Problem::Undecodable("unexpected end of file".into())
        );
    }
}
