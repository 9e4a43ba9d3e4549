//! The images a PDF cannot take as they are: decoded once, turned upright,
//! and compressed at once, keeping 16-bit samples at 16 bits.

use std::io::Cursor;
use std::num::NonZeroU64;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbaImage};

use super::{icc, jpeg, png, ColorSpace, Compression, Encoded};

/// Decodes `bytes` (in `format`) and turns the picture upright; also gives
/// the embedded ICC profile. A PNG's damaged optional chunks are left out
/// first. The error is the decoder's reason, lowercase.
pub(super) fn decode(
    bytes: &[u8],
    format: ImageFormat,
) -> Result<(DynamicImage, Option<Vec<u8>>), String> {
    if format == ImageFormat::Gif {
        return first_gif_frame(bytes);
    }
    if format == ImageFormat::Jpeg {
        if let Some(frame) = jpeg::lossless_frame(bytes).filter(|f| f.readable()) {
            return jpeg::lossless::decode(bytes, frame).map(|pixels| (pixels, None));
        }
    }
    let cleaned = match format {
        ImageFormat::Png => png::cleaned(bytes),
        _ => None,
    };
    let bytes = cleaned.as_deref().unwrap_or(bytes);
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

/// The first frame of a GIF on its canvas. Unlike `image`, extension
/// blocks of unknown types are skipped, as browsers skip them.
fn first_gif_frame(bytes: &[u8]) -> Result<(DynamicImage, Option<Vec<u8>>), String> {
    let failed = |err: gif::DecodingError| lowercase_first(&err.to_string());
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    options.allow_unknown_blocks(true);
    // A frame may not be larger than the canvas the size check allowed
    // (the logical screen's size, bytes 6 to 9); extensions such as an ICC
    // profile take some memory too.
    let side = |at: usize| u64::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    let canvas = match bytes.len() {
        10.. => 4 * side(6) * side(8),
        _ => 0,
    };
    options.set_memory_limit(gif::MemoryLimit::Bytes(
        NonZeroU64::new(canvas + (16 << 20)).expect("more than zero"),
    ));
    let mut decoder = options.read_info(bytes).map_err(failed)?;
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    let icc = decoder.icc_profile().map(<[u8]>::to_vec);
    let frame = decoder
        .read_next_frame()
        .map_err(failed)?
        .ok_or("the file holds no picture")?;
    let part = RgbaImage::from_raw(
        u32::from(frame.width),
        u32::from(frame.height),
        frame.buffer.to_vec(),
    )
    .ok_or("a frame smaller than its size")?;
    let mut picture = RgbaImage::new(width, height);
    image::imageops::replace(&mut picture, &part, frame.left.into(), frame.top.into());
    Ok((DynamicImage::from(picture), icc))
}

/// Gray or RGB of 8 bits, or of 16 bits when the picture has more than 8,
/// and alpha only when some pixel is not opaque, each as PNG rows; the
/// decoded pixels are dropped here. A note says what was left out.
pub(super) fn compress(
    pixels: DynamicImage,
    profile: Option<Vec<u8>>,
    notes: &mut Vec<String>,
) -> Encoded {
    let (width, height) = (pixels.width(), pixels.height());
    let color = if pixels.color().has_color() {
        ColorSpace::Rgb
    } else {
        ColorSpace::Gray
    };
    let sixteen = matches!(
        pixels,
        DynamicImage::ImageLuma16(_)
            | DynamicImage::ImageLumaA16(_)
            | DynamicImage::ImageRgb16(_)
            | DynamicImage::ImageRgba16(_)
    );
    let alpha = pixels.color().has_alpha();
    let big_endian =
        |samples: Vec<u16>| -> Vec<u8> { samples.into_iter().flat_map(u16::to_be_bytes).collect() };
    let (samples, alpha) = match (sixteen, alpha, &color) {
        (false, false, ColorSpace::Rgb) => (pixels.into_rgb8().into_raw(), None),
        (false, false, _) => (pixels.into_luma8().into_raw(), None),
        (false, true, ColorSpace::Rgb) => split_alpha(&pixels.into_rgba8().into_raw(), 3, 1),
        (false, true, _) => split_alpha(&pixels.into_luma_alpha8().into_raw(), 1, 1),
        (true, false, ColorSpace::Rgb) => (big_endian(pixels.into_rgb16().into_raw()), None),
        (true, false, _) => (big_endian(pixels.into_luma16().into_raw()), None),
        (true, true, ColorSpace::Rgb) => {
            split_alpha(&big_endian(pixels.into_rgba16().into_raw()), 3, 2)
        }
        (true, true, _) => split_alpha(&big_endian(pixels.into_luma_alpha16().into_raw()), 1, 2),
    };
    let bits = if sixteen { 16 } else { 8 };
    let rows = |samples: &[u8], channels| png_rows(samples, width, height, channels, bits);
    Encoded {
        width,
        height,
        data: rows(&samples, color.components()),
        alpha: alpha.as_deref().map(|alpha| rows(alpha, 1)),
        icc: icc::usable(profile, &color, notes),
        color,
        bits,
        compression: Compression::PngRows,
        inverted: false,
    }
}

/// Pixels of `channels` colour samples and one alpha sample each, every
/// sample `size` bytes, as the colour samples and the alpha channel; no
/// alpha when all is opaque (every alpha byte all ones).
fn split_alpha(pixels: &[u8], channels: usize, size: usize) -> (Vec<u8>, Option<Vec<u8>>) {
    let count = pixels.len() / ((channels + 1) * size);
    let mut samples = vec![0; count * channels * size];
    let mut alpha = vec![0; count * size];
    split_into(pixels, channels, size, &mut samples, &mut alpha);
    let translucent = alpha.iter().any(|&a| a != u8::MAX);
    (samples, translucent.then_some(alpha))
}

/// [`split_alpha`] into `colour` and `alpha`, which have room for exactly
/// the colour and the alpha samples of `pixels`.
pub(super) fn split_into(
    pixels: &[u8],
    channels: usize,
    size: usize,
    colour: &mut [u8],
    alpha: &mut [u8],
) {
    // Sizes known when compiled make each pixel's copies a few moves.
    match (channels, size) {
        (3, 1) => split::<4, 3>(pixels, colour, alpha),
        (1, 1) => split::<2, 1>(pixels, colour, alpha),
        (3, _) => split::<8, 6>(pixels, colour, alpha),
        _ => split::<4, 2>(pixels, colour, alpha),
    }
}

/// [`split_into`] of pixels of `PIXEL` bytes, `COLOUR` of them colour.
fn split<const PIXEL: usize, const COLOUR: usize>(
    pixels: &[u8],
    colour: &mut [u8],
    alpha: &mut [u8],
) {
    let count = alpha.len() / (PIXEL - COLOUR);
    let Some(last) = count.checked_sub(1) else {
        return;
    };
    // Each pixel but the last is copied whole: its alpha spills into the
    // next pixel's colour, which overwrites it. One move a pixel, not two,
    // twice as fast.
    for index in 0..last {
        let pixel = &pixels[PIXEL * index..][..PIXEL];
        colour[COLOUR * index..][..PIXEL].copy_from_slice(pixel);
        alpha[(PIXEL - COLOUR) * index..][..PIXEL - COLOUR].copy_from_slice(&pixel[COLOUR..]);
    }
    let pixel = &pixels[PIXEL * last..][..PIXEL];
    colour[COLOUR * last..][..COLOUR].copy_from_slice(&pixel[..COLOUR]);
    alpha[(PIXEL - COLOUR) * last..][..PIXEL - COLOUR].copy_from_slice(&pixel[COLOUR..]);
}

/// `samples` (rows of `width` pixels of `channels` samples of `bits`) as
/// PNG rows, as a PNG stores them: each row led by the filter the png
/// crate's adaptive choice finds smallest, all zlib-compressed at level 5.
/// Drawn pictures (flat colours, gradients) filtered so compress to less,
/// and in less time, than their plain rows.
fn png_rows(samples: &[u8], width: u32, height: u32, channels: u8, bits: u8) -> Vec<u8> {
    let mut file = Vec::new();
    let written = rows_encoder(&mut file, width, height, channels, bits)
        .write_header()
        .and_then(|mut writer| writer.write_image_data(samples));
    written.expect("decoded pixels fill their rows, and writing into memory cannot fail");
    png::image_data(file).expect("the png crate writes sound PNGs")
}

/// A PNG encoder into `file` of rows of `width` pixels of `channels` (1 or
/// 3) samples of `bits`, filtered and compressed as [`png_rows`] says.
pub(super) fn rows_encoder(
    file: &mut Vec<u8>,
    width: u32,
    height: u32,
    channels: u8,
    bits: u8,
) -> ::png::Encoder<'static, &mut Vec<u8>> {
    let mut encoder = ::png::Encoder::new(file, width, height);
    encoder.set_color(match channels {
        1 => ::png::ColorType::Grayscale,
        _ => ::png::ColorType::Rgb,
    });
    encoder.set_depth(match bits {
        16 => ::png::BitDepth::Sixteen,
        _ => ::png::BitDepth::Eight,
    });
    // Level 5 rather than zlib's default 6: on the sample deck's drawings a
    // quarter less time for under 1% more bytes (docs/PERFORMANCE.md).
    encoder.set_deflate_compression(::png::DeflateCompression::Level(5));
    encoder.set_filter(::png::Filter::Adaptive);
    encoder
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The samples of PNG rows `data` (`channels` of `bits` a pixel) of a
    /// `width` x `height` picture, read back as a PNG reader reads them.
    pub(in crate::image) fn unfiltered(
        data: &[u8],
        (width, height): (u32, u32),
        channels: u8,
        bits: u8,
    ) -> Vec<u8> {
        let chunk = |kind: &[u8], body: &[u8]| {
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(body);
            let length = u32::try_from(body.len()).unwrap().to_be_bytes();
            [&length, kind, body, &crc.sum().to_be_bytes()].concat()
        };
        let color_type = if channels == 3 { 2 } else { 0 };
        let header = [
            &width.to_be_bytes()[..],
            &height.to_be_bytes(),
            &[bits, color_type, 0, 0, 0],
        ];
        let file = [
            &b"\x89PNG\r\n\x1a\n"[..],
            &chunk(b"IHDR", &header.concat()),
            &chunk(b"IDAT", data),
            &chunk(b"IEND", &[]),
        ]
        .concat();
        let mut reader = ::png::Decoder::new(Cursor::new(file)).read_info().unwrap();
        let mut samples = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut samples).unwrap();
        samples
    }

    #[test]
    fn translucent_pixels_get_alpha_and_opaque_ones_do_not() {
        let mut rgba = image::RgbaImage::new(2, 2);
        rgba.put_pixel(0, 0, image::Rgba([255, 0, 0, 128]));
        let translucent = compress(rgba.into(), None, &mut Vec::new());
        assert_eq!(translucent.compression, Compression::PngRows);
        let colours = unfiltered(&translucent.data, (2, 2), 3, 8);
        assert_eq!(colours, [255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        // `RgbaImage::new` starts fully transparent.
        let alpha = unfiltered(translucent.alpha.as_ref().unwrap(), (2, 2), 1, 8);
        assert_eq!(alpha, [128, 0, 0, 0]);

        let opaque = image::RgbaImage::from_pixel(2, 2, image::Rgba([1, 2, 3, 255]));
        let opaque = compress(opaque.into(), None, &mut Vec::new());
        assert_eq!((opaque.alpha, opaque.color), (None, ColorSpace::Rgb));
    }

    #[test]
    fn alpha_is_split_off_every_kind_of_pixel() {
        let gray = [1, 2, 3, 255];
        assert_eq!(split_alpha(&gray, 1, 1), (vec![1, 3], Some(vec![2, 255])));
        let rgb = [1, 2, 3, 255, 4, 5, 6, 255];
        assert_eq!(split_alpha(&rgb, 3, 1), (vec![1, 2, 3, 4, 5, 6], None));
        let gray16 = [1, 2, 255, 254];
        assert_eq!(
            split_alpha(&gray16, 1, 2),
            (vec![1, 2], Some(vec![255, 254]))
        );
        let rgb16 = [1, 2, 3, 4, 5, 6, 255, 255];
        assert_eq!(split_alpha(&rgb16, 3, 2), (vec![1, 2, 3, 4, 5, 6], None));
    }

    #[test]
    fn sixteen_bit_gray_with_alpha_keeps_sixteen_bits() {
        let pixels = image::ImageBuffer::<image::LumaA<u16>, _>::from_pixel(
            2,
            1,
            image::LumaA([0x1234, 0xFF00]),
        );
        let encoded = compress(pixels.into(), None, &mut Vec::new());
        assert_eq!((encoded.color, encoded.bits), (ColorSpace::Gray, 16));
        let gray = unfiltered(&encoded.data, (2, 1), 1, 16);
        assert_eq!(gray, [0x12, 0x34, 0x12, 0x34]);
        let alpha = unfiltered(&encoded.alpha.unwrap(), (2, 1), 1, 16);
        assert_eq!(alpha, [0xFF, 0x00, 0xFF, 0x00]);

        let opaque = image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(
            1,
            1,
            image::Rgba([1, 2, 3, 0xFFFF]),
        );
        let encoded = compress(opaque.into(), None, &mut Vec::new());
        assert_eq!((encoded.color, encoded.bits), (ColorSpace::Rgb, 16));
        assert_eq!(unfiltered(&encoded.data, (1, 1), 3, 16), [0, 1, 0, 2, 0, 3]);
        assert_eq!(encoded.alpha, None);
    }
}
