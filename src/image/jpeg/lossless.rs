//! Lossless JPEGs (the medical-imaging kind), which PDF readers cannot take
//! as `/DCTDecode` and zune-jpeg cannot decode: decoded with jpeg-decoder,
//! image-rs's older decoder, which reads them, and stored losslessly.

use image::{DynamicImage, GrayImage, ImageBuffer, Luma, RgbImage};

/// The frame of a lossless JPEG that jpeg-decoder's output can be read
/// back from: gray of 8 to 16 bits, or RGB of 8 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::image) struct Frame {
    pub precision: u8,
    pub components: u8,
}

impl Frame {
    /// Whether deckgen can turn this frame's samples into a picture.
    pub fn readable(self) -> bool {
        matches!((self.components, self.precision), (1, 8..=16) | (3, 8))
    }
}

/// Decodes the lossless JPEG in `bytes` of `frame`; samples of more than 8
/// bits are widened to 16. The error is the decoder's reason.
pub(in crate::image) fn decode(bytes: &[u8], frame: Frame) -> Result<DynamicImage, String> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let samples = decoder.decode().map_err(|err| err.to_string())?;
    let info = decoder.info().ok_or("no frame header")?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let wrong_size = || "the decoder gave fewer samples than the image has".to_string();
    match (frame.components, frame.precision) {
        (1, 8) => GrayImage::from_raw(width, height, samples)
            .map(DynamicImage::from)
            .ok_or_else(wrong_size),
        (3, 8) => RgbImage::from_raw(width, height, samples)
            .map(DynamicImage::from)
            .ok_or_else(wrong_size),
        (1, bits @ 9..=16) => {
            let shift = 16 - u32::from(bits);
            let wide: Vec<u16> = samples
                .chunks_exact(2)
                .map(|pair| u16::from_ne_bytes([pair[0], pair[1]]) << shift)
                .collect();
            ImageBuffer::<Luma<u16>, _>::from_raw(width, height, wide)
                .map(DynamicImage::from)
                .ok_or_else(wrong_size)
        }
        _ => Err(format!(
            "{} components of {} bits",
            frame.components, frame.precision
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gray_of_8_to_16_bits_and_8_bit_rgb_are_readable() {
        let frame = |components, precision| Frame {
            precision,
            components,
        };
        assert!(frame(1, 8).readable());
        assert!(frame(1, 12).readable());
        assert!(frame(1, 16).readable());
        assert!(frame(3, 8).readable());
        assert!(!frame(3, 12).readable(), "its samples come out as 16 bits");
        assert!(!frame(1, 6).readable());
        assert!(
            !frame(2, 8).readable(),
            "jpeg-decoder cannot name its pixels"
        );
    }
}
