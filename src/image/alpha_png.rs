//! PNGs with an alpha channel (drawings, mostly) prepared row by row: each
//! decoded row is split into its colour and its alpha samples, which go
//! straight to their own PNG row compressors. No whole picture is held,
//! decoded or split, so its memory is never touched, which for a picture
//! of millions of pixels costs more than the splitting itself.

use std::io::{Cursor, Write};

use image::metadata::Orientation;

use super::decode::{rows_encoder, split_into};
use super::{icc, png, ColorSpace, Compression, Encoded};

/// The PNG in `bytes`, with an alpha channel, as [`super::decode::compress`]
/// would compress it decoded: its colour and, when some pixel is not
/// opaque, its alpha as PNG rows. `None` when the picture needs more than
/// rows (it is interlaced, or turned by its Exif orientation), has no
/// alpha channel, or cannot be decoded: then the caller decodes it whole,
/// which says what is wrong in the decoder's own words.
pub(super) fn prepare(bytes: &[u8], notes: &mut Vec<String>) -> Option<Encoded> {
    let cleaned = png::cleaned(bytes);
    let bytes = cleaned.as_deref().unwrap_or(bytes);
    // Read as `image` reads a PNG, so the rows are the pixels it decodes.
    let limits = ::png::Limits { bytes: usize::MAX };
    let mut decoder = ::png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_ignore_text_chunk(false);
    decoder.set_transformations(::png::Transformations::EXPAND);
    let mut reader = decoder.read_info().ok()?;
    let info = reader.info();
    let orientation = info
        .exif_metadata
        .as_deref()
        .and_then(Orientation::from_exif_chunk);
    if info.interlaced || orientation.is_some_and(|o| o != Orientation::NoTransforms) {
        return None;
    }
    let (width, height) = (info.width, info.height);
    let profile = info.icc_profile.as_ref().map(|profile| profile.to_vec());
    let (color, channels) = match reader.output_color_type().0 {
        ::png::ColorType::GrayscaleAlpha => (ColorSpace::Gray, 1),
        ::png::ColorType::Rgba => (ColorSpace::Rgb, 3),
        _ => return None,
    };
    let (bits, size) = match reader.output_color_type().1 {
        ::png::BitDepth::Sixteen => (16, 2),
        _ => (8, 1),
    };
    let (mut colour_file, mut alpha_file) = (Vec::new(), Vec::new());
    let mut colour = rows_encoder(&mut colour_file, width, height, channels, bits)
        .write_header()
        .ok()?;
    let mut alpha = rows_encoder(&mut alpha_file, width, height, 1, bits)
        .write_header()
        .ok()?;
    let pixels = width as usize;
    let mut colour_row = vec![0; pixels * usize::from(channels) * size];
    let mut alpha_row = vec![0; pixels * size];
    let mut translucent = false;
    {
        // One IDAT chunk for each megabyte: few chunks to join again.
        let mut colour_rows = colour.stream_writer_with_size(1 << 20).ok()?;
        let mut alpha_rows = alpha.stream_writer_with_size(1 << 20).ok()?;
        while let Some(row) = reader.next_row().ok()? {
            split_into(
                row.data(),
                usize::from(channels),
                size,
                &mut colour_row,
                &mut alpha_row,
            );
            translucent = translucent || alpha_row.iter().any(|&a| a != u8::MAX);
            colour_rows.write_all(&colour_row).ok()?;
            alpha_rows.write_all(&alpha_row).ok()?;
        }
        colour_rows.finish().ok()?;
        alpha_rows.finish().ok()?;
    }
    colour.finish().ok()?;
    alpha.finish().ok()?;
    Some(Encoded {
        width,
        height,
        data: png::image_data(colour_file)?,
        alpha: if translucent {
            Some(png::image_data(alpha_file)?)
        } else {
            None
        },
        icc: icc::usable(profile, &color, notes),
        color,
        bits,
        compression: Compression::PngRows,
        inverted: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_file(pixels: image::DynamicImage) -> Vec<u8> {
        let mut bytes = Vec::new();
        pixels
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes
    }

    /// What the whole-picture way makes of `file`.
    fn decoded_whole(file: &[u8]) -> Encoded {
        let (pixels, icc) = super::super::decode::decode(file, image::ImageFormat::Png).unwrap();
        super::super::decode::compress(pixels, icc, &mut Vec::new())
    }

    /// Every kind of pixel with alpha, 8 and 16 bits, decode to the same
    /// samples row by row as whole (the compressed bytes may differ).
    #[test]
    fn rows_hold_what_the_whole_picture_holds() {
        let (width, height) = (37, 23);
        let rgba = image::RgbaImage::from_fn(width, height, |x, y| {
            image::Rgba([(x * 7) as u8, (y * 11) as u8, (x ^ y) as u8, (x * y) as u8])
        });
        let gray_alpha =
            image::ImageBuffer::<image::LumaA<u16>, _>::from_fn(width, height, |x, y| {
                image::LumaA([(x * 1000 + y) as u16, (y * 2000) as u16])
            });
        let opaque = image::RgbaImage::from_pixel(width, height, image::Rgba([1, 2, 3, 255]));
        for pixels in [rgba.into(), gray_alpha.into(), opaque.into()] {
            let file = png_file(pixels);
            let rows = prepare(&file, &mut Vec::new()).expect("rows of a plain PNG");
            let whole = decoded_whole(&file);
            assert_eq!(
                (rows.width, rows.height, &rows.color, rows.bits),
                (whole.width, whole.height, &whole.color, whole.bits)
            );
            let channels = rows.color.components();
            let samples = |data: &[u8], channels| {
                super::super::decode::tests::unfiltered(data, (width, height), channels, rows.bits)
            };
            assert_eq!(
                samples(&rows.data, channels),
                samples(&whole.data, channels)
            );
            assert_eq!(rows.alpha.is_some(), whole.alpha.is_some());
            if let (Some(rows), Some(whole)) = (&rows.alpha, &whole.alpha) {
                assert_eq!(samples(rows, 1), samples(whole, 1));
            }
        }
    }

    /// Every PNG of the image corpora the rows take (alpha channels, tRNS
    /// colours and palettes, 1 to 16 bits) decodes to the samples, colour
    /// space and depth of the whole-picture way; the others are left to it.
    #[test]
    fn the_corpus_pngs_decode_alike_both_ways() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
        let mut taken = 0;
        for folder in ["pngsuite", "png"] {
            let mut files: Vec<_> = std::fs::read_dir(corpus.join(folder))
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .filter(|path| path.extension().is_some_and(|e| e == "png"))
                .collect();
            files.sort();
            for path in files {
                let file = std::fs::read(&path).unwrap();
                let Some(rows) = prepare(&file, &mut Vec::new()) else {
                    continue;
                };
                taken += 1;
                let whole = decoded_whole(&file);
                let (width, height) = (whole.width, whole.height);
                assert_eq!(
                    (rows.width, rows.height, &rows.color, rows.bits),
                    (width, height, &whole.color, whole.bits),
                    "{path:?}"
                );
                let samples = |data: &[u8], channels| {
                    super::super::decode::tests::unfiltered(
                        data,
                        (width, height),
                        channels,
                        rows.bits,
                    )
                };
                let channels = rows.color.components();
                assert_eq!(
                    samples(&rows.data, channels),
                    samples(&whole.data, channels),
                    "{path:?}"
                );
                match (&rows.alpha, &whole.alpha) {
                    (Some(rows), Some(whole)) => assert_eq!(samples(rows, 1), samples(whole, 1)),
                    (None, None) => {}
                    _ => panic!("{path:?}: alpha one way, none the other"),
                }
                assert_eq!(rows.icc, whole.icc, "{path:?}");
            }
        }
        assert!(taken > 20, "only {taken} corpus PNGs taken");
    }

    #[test]
    fn pictures_without_alpha_or_with_more_than_rows_are_left_whole() {
        let rgb = image::RgbImage::new(4, 4);
        assert!(prepare(&png_file(rgb.into()), &mut Vec::new()).is_none());
        assert!(prepare(b"not a PNG", &mut Vec::new()).is_none());
        let rgba = png_file(image::RgbaImage::new(64, 64).into());
        // Cut inside the image data: the whole-picture way reports it.
        assert!(prepare(&rgba[..rgba.len() - 30], &mut Vec::new()).is_none());
    }
}
