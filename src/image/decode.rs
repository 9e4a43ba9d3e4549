//! The images a PDF cannot take as they are: decoded once, turned upright,
//! and compressed at once.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::{fitting_profile, ColorSpace, Compression, Encoded};

/// Decodes `bytes` (in `format`) and turns the picture upright; also gives
/// the embedded ICC profile. The error is the decoder's reason, lowercase.
pub(super) fn decode(
    bytes: &[u8],
    format: ImageFormat,
) -> Result<(DynamicImage, Option<Vec<u8>>), String> {
    let failed = |err: image::ImageError| lowercase_first(&err.to_string());
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(failed)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(failed)?;
    pixels.apply_orientation(orientation);
    Ok((pixels, icc))
}

/// 8-bit gray or RGB, and alpha only when some pixel is not opaque, each
/// zlib-compressed; the decoded pixels are dropped here.
pub(super) fn compress(pixels: DynamicImage, icc: Option<Vec<u8>>) -> Encoded {
    let (width, height) = (pixels.width(), pixels.height());
    let color = if pixels.color().has_color() {
        ColorSpace::Rgb
    } else {
        ColorSpace::Gray
    };
    let (samples, alpha) = match (pixels.color().has_alpha(), &color) {
        (false, ColorSpace::Rgb) => (pixels.into_rgb8().into_raw(), None),
        (false, _) => (pixels.into_luma8().into_raw(), None),
        (true, ColorSpace::Rgb) => split_alpha(&pixels.into_rgba8().into_raw(), 3),
        (true, _) => split_alpha(&pixels.into_luma_alpha8().into_raw(), 1),
    };
    Encoded {
        width,
        height,
        icc: fitting_profile(icc, &color),
        color,
        bits: 8,
        compression: Compression::Flate,
        data: deflate(&samples),
        inverted: false,
        alpha: alpha.as_deref().map(deflate),
    }
}

/// Pixels of `channels` colour samples and one alpha sample each, as the
/// colour samples and the alpha channel; no alpha when all is opaque.
fn split_alpha(pixels: &[u8], channels: usize) -> (Vec<u8>, Option<Vec<u8>>) {
    let count = pixels.len() / (channels + 1);
    let mut samples = Vec::with_capacity(count * channels);
    let mut alpha = Vec::with_capacity(count);
    for pixel in pixels.chunks_exact(channels + 1) {
        samples.extend_from_slice(&pixel[..channels]);
        alpha.push(pixel[channels]);
    }
    let translucent = alpha.iter().any(|&a| a != u8::MAX);
    (samples, translucent.then_some(alpha))
}

/// zlib at the default level: close to the best size for far less time.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("writing into memory cannot fail")
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(bytes), &mut out).unwrap();
        out
    }

    #[test]
    fn translucent_pixels_get_alpha_and_opaque_ones_do_not() {
        let mut rgba = image::RgbaImage::new(2, 2);
        rgba.put_pixel(0, 0, image::Rgba([255, 0, 0, 128]));
        let translucent = compress(rgba.into(), None);
        assert_eq!(inflate(&translucent.data).len(), 2 * 2 * 3);
        // `RgbaImage::new` starts fully transparent.
        assert_eq!(inflate(translucent.alpha.as_ref().unwrap()), [128, 0, 0, 0]);

        let opaque = image::RgbaImage::from_pixel(2, 2, image::Rgba([1, 2, 3, 255]));
        let opaque = compress(opaque.into(), None);
        assert_eq!((opaque.alpha, opaque.color), (None, ColorSpace::Rgb));
    }

    #[test]
    fn sixteen_bit_gray_with_alpha_becomes_eight_bit() {
        let pixels = image::ImageBuffer::<image::LumaA<u16>, _>::from_pixel(
            3,
            1,
            image::LumaA([65535, 32896]),
        );
        let encoded = compress(pixels.into(), None);
        assert_eq!((encoded.color, encoded.bits), (ColorSpace::Gray, 8));
        assert_eq!(inflate(&encoded.data), [255, 255, 255]);
        assert_eq!(inflate(&encoded.alpha.unwrap()), [128, 128, 128]);
    }
}
