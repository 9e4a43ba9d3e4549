//! What a JPEG's headers say, and whether its data is whole: enough to
//! embed the file's own bytes.
//!
//! zune-jpeg (the decoder `image` uses) parses and checks every marker up
//! to the first scan: the frame, the Huffman and quantization tables, the
//! ICC profile and the Exif block. Then every scan is walked bit by bit
//! (`scans`), without computing a pixel: damage a PDF reader would stumble
//! on (data cut short, a bad Huffman code) is found there. What PDF readers
//! cannot take at all (arithmetic coding, lossless or 12-bit JPEG, which
//! zune-jpeg cannot decode either) is named before that.

mod huffman;
pub(super) mod lossless;
mod scans;

use image::metadata::Orientation;
use zune_jpeg::errors::DecodeErrors;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

/// A JPEG's frame and the metadata that changes how it is shown.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct JpegHeader {
    pub width: u32,
    pub height: u32,
    /// 1 gray, 3 RGB (or YCbCr), 4 CMYK (or YCCK).
    pub components: u8,
    /// Three components stored as R, G and B, not YCbCr: an Adobe marker
    /// says so, or the components are named `R`, `G` and `B` (as jpegli
    /// writes them).
    pub rgb: bool,
    /// An Adobe APP14 marker is present: Adobe applications store CMYK
    /// inverted, so the PDF must read it with `/Decode [1 0 1 0 1 0 1 0]`.
    pub adobe: bool,
    pub icc: Option<Vec<u8>>,
    pub orientation: Orientation,
}

/// Reads the headers of the JPEG in `bytes`; the error is the reason, in
/// lowercase, for a message.
pub(super) fn read_header(bytes: &[u8]) -> Result<JpegHeader, String> {
    let options = DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(usize::MAX)
        .set_max_height(usize::MAX);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|err| reason(&err))?;
    let info = decoder.info().ok_or("no frame header")?;
    let orientation = decoder
        .exif()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    Ok(JpegHeader {
        width: u32::from(info.width),
        height: u32::from(info.height),
        components: info.components,
        rgb: decoder.input_colorspace() == Some(ColorSpace::RGB),
        adobe: has_adobe_marker(bytes),
        icc: decoder.icc_profile(),
        orientation,
    })
}

/// Walks every scan of the JPEG in `bytes` to its end marker (see
/// `scans`); the error says what is wrong with the data, for a message.
pub(super) fn check_scans(bytes: &[u8]) -> Result<(), String> {
    match scans::walk(bytes) {
        Ok(()) => Ok(()),
        Err(scans::Walk::Short) => Err("JPEG data ends before the end of the image".into()),
        Err(scans::Walk::Corrupt(why)) => Err(format!("corrupt JPEG data: {why}")),
    }
}

/// A kind of JPEG that PDF readers cannot take as `/DCTDecode` and that
/// zune-jpeg cannot decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unusable {
    Arithmetic,
    Lossless,
    Hierarchical,
    /// Samples of this many bits (PDF readers take 8).
    Precision(u8),
}

/// Whether the JPEG in `bytes` is of a kind no PDF reader can be given,
/// from its frame marker (and any arithmetic conditioning marker) before
/// the first scan.
pub(super) fn unusable(bytes: &[u8]) -> Option<Unusable> {
    const DAC: u8 = 0xCC;
    let segments = segments(bytes);
    let arithmetic_tables = segments.iter().any(|s| s.marker == DAC);
    let Some(frame) = segments.iter().find(|s| is_frame(s.marker)) else {
        return arithmetic_tables.then_some(Unusable::Arithmetic);
    };
    match frame.marker {
        0xC3 | 0xC7 | 0xCB | 0xCF => Some(Unusable::Lossless),
        0xC9..=0xCF => Some(Unusable::Arithmetic),
        _ if arithmetic_tables => Some(Unusable::Arithmetic),
        0xC5..=0xC7 => Some(Unusable::Hierarchical),
        _ => match frame.payload.first() {
            Some(&bits) if bits != 8 => Some(Unusable::Precision(bits)),
            _ => None,
        },
    }
}

/// The frame of a lossless, Huffman-coded, non-hierarchical JPEG (SOF3),
/// which jpeg-decoder can decode.
pub(super) fn lossless_frame(bytes: &[u8]) -> Option<lossless::Frame> {
    const LOSSLESS: u8 = 0xC3;
    let segments = segments(bytes);
    let frame = segments.iter().find(|s| is_frame(s.marker))?;
    let (&precision, &components) = (frame.payload.first()?, frame.payload.get(5)?);
    (frame.marker == LOSSLESS).then_some(lossless::Frame {
        precision,
        components,
    })
}

/// `bytes` with the standard Huffman tables inserted before the first scan
/// when its frame is Huffman-coded and no table comes before that scan (a
/// Motion-JPEG frame); otherwise `bytes` as they are.
pub(super) fn with_huffman_tables(bytes: Vec<u8>) -> Vec<u8> {
    const DHT: u8 = 0xC4;
    const SOS: u8 = 0xDA;
    let segments = segments(&bytes);
    let huffman = segments.iter().any(|s| matches!(s.marker, 0xC0..=0xC2));
    let has_tables = segments.iter().any(|s| s.marker == DHT);
    let scan = segments.iter().find(|s| s.marker == SOS).map(|s| s.at);
    match scan {
        Some(at) if huffman && !has_tables => huffman::insert_standard_tables(&bytes, at),
        _ => bytes,
    }
}

/// A start-of-frame marker: C0 to CF but for DHT (C4), JPG (C8) and DAC (CC).
fn is_frame(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// zune-jpeg's errors print as debug strings, in quotes.
fn reason(err: &DecodeErrors) -> String {
    match err {
        DecodeErrors::ExhaustedData | DecodeErrors::IoErrors(_) => "unexpected end of file".into(),
        other => {
            let text = other.to_string();
            let text = text.trim_matches('"').trim_end_matches("\\n");
            let mut chars = text.chars();
            chars
                .next()
                .map(|first| first.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// Whether an `APP14` segment starting `Adobe` comes before the first scan.
fn has_adobe_marker(bytes: &[u8]) -> bool {
    const APP14: u8 = 0xEE;
    segments(bytes)
        .iter()
        .any(|s| s.marker == APP14 && s.payload.starts_with(b"Adobe"))
}

/// A marker segment before the image data.
struct Segment<'a> {
    marker: u8,
    /// Where its marker starts in the file.
    at: usize,
    payload: &'a [u8],
}

/// The marker segments after SOI up to the first scan header (SOS)
/// included, as far as they can be read.
fn segments(bytes: &[u8]) -> Vec<Segment<'_>> {
    const SOS: u8 = 0xDA;
    let mut found = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            // Stray bytes before a marker, which libjpeg skips with a warning.
            at += 1;
            continue;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF || marker == 0x00 {
            // A fill byte before a marker, or a stray stuffed byte.
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let payload = bytes.get(at + 4..at + 2 + length).unwrap_or_default();
        found.push(Segment {
            marker,
            at,
            payload,
        });
        if marker == SOS {
            break;
        }
        at += 2 + length;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `jpeg` with a segment (marker and payload) inserted after SOI.
    fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
        let length = u16::try_from(payload.len() + 2).unwrap();
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, marker]);
        out.extend(length.to_be_bytes());
        out.extend(payload);
        out.extend(&jpeg[2..]);
        out
    }

    fn small_jpeg() -> Vec<u8> {
        let mut bytes = Vec::new();
        image::DynamicImage::new_rgb8(8, 4)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        bytes
    }

    #[test]
    fn reads_the_frame() {
        let header = read_header(&small_jpeg()).unwrap();
        assert_eq!((header.width, header.height, header.components), (8, 4, 3));
        assert!(!header.adobe);
        assert!(!header.rgb);
        assert_eq!(header.icc, None);
        assert_eq!(header.orientation, Orientation::NoTransforms);
    }

    #[test]
    fn finds_the_adobe_marker_before_the_first_scan() {
        let adobe = b"Adobe\x00\x64\x00\x00\x00\x00\x02";
        let marked = with_segment(&small_jpeg(), 0xEE, adobe);
        assert!(has_adobe_marker(&marked));
        // Another APP14 is not Adobe's.
        assert!(!has_adobe_marker(&with_segment(
            &small_jpeg(),
            0xEE,
            b"Other\0"
        )));
        assert!(!has_adobe_marker(&small_jpeg()));
        // Bytes after the first scan are image data, never a marker.
        let mut late = small_jpeg();
        let end = late.len() - 2;
        late.splice(
            end..end,
            [0xFF, 0xEE, 0x00, 0x08, b'A', b'd', b'o', b'b', b'e', 0],
        );
        assert!(!has_adobe_marker(&late));
    }

    #[test]
    fn components_named_r_g_b_are_rgb() {
        let mut jpeg = small_jpeg();
        let find = |jpeg: &[u8], marker: u8| {
            jpeg.windows(2)
                .position(|pair| pair == [0xFF, marker])
                .unwrap()
        };
        // The frame header names the components at bytes 10, 13 and 16;
        // the scan header, which refers to them, at 5, 7 and 9.
        let frame = find(&jpeg, 0xC0);
        let scan = find(&jpeg, 0xDA);
        for (index, name) in b"RGB".iter().enumerate() {
            jpeg[frame + 10 + 3 * index] = *name;
            jpeg[scan + 5 + 2 * index] = *name;
        }
        assert!(read_header(&jpeg).unwrap().rgb);
    }

    #[test]
    fn reads_the_exif_orientation() {
        // A little-endian TIFF header and one IFD entry: orientation (0x0112) = 6.
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0".to_vec();
        exif.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]);
        let header = read_header(&with_segment(&small_jpeg(), 0xE1, &exif)).unwrap();
        assert_eq!(header.orientation, Orientation::Rotate90);
    }

    #[test]
    fn a_frame_without_huffman_tables_gets_the_standard_ones() {
        // image's encoder writes the standard tables: without them the
        // file is a Motion-JPEG frame.
        let jpeg = small_jpeg();
        let mut bare = jpeg[..2].to_vec();
        for segment in segments(&jpeg) {
            let end = segment.at + 4 + segment.payload.len();
            if segment.marker != 0xC4 {
                bare.extend_from_slice(&jpeg[segment.at..end]);
            }
            if segment.marker == 0xDA {
                bare.extend_from_slice(&jpeg[end..]);
            }
        }
        assert!(bare.len() < jpeg.len());
        let mended = with_huffman_tables(bare.clone());
        assert_eq!(mended.len(), bare.len() + 420);
        assert!(segments(&mended).iter().any(|s| s.marker == 0xC4));
        assert_eq!(check_scans(&mended), Ok(()));
        // A file with tables is left as it is.
        assert_eq!(with_huffman_tables(jpeg.clone()), jpeg);
    }

    #[test]
    fn kinds_pdf_readers_cannot_take_are_named() {
        let with_frame = |marker: u8, bits: u8| {
            let mut jpeg = small_jpeg();
            let at = jpeg.windows(2).position(|p| p == [0xFF, 0xC0]).unwrap();
            jpeg[at + 1] = marker;
            jpeg[at + 4] = bits;
            jpeg
        };
        assert_eq!(unusable(&small_jpeg()), None);
        assert_eq!(unusable(&with_frame(0xC2, 8)), None, "progressive");
        assert_eq!(unusable(&with_frame(0xC9, 8)), Some(Unusable::Arithmetic));
        assert_eq!(unusable(&with_frame(0xCB, 8)), Some(Unusable::Lossless));
        assert_eq!(unusable(&with_frame(0xC3, 8)), Some(Unusable::Lossless));
        assert_eq!(unusable(&with_frame(0xC5, 8)), Some(Unusable::Hierarchical));
        assert_eq!(
            unusable(&with_frame(0xC1, 12)),
            Some(Unusable::Precision(12))
        );
        let dac = with_segment(&small_jpeg(), 0xCC, &[0x00, 0x10]);
        assert_eq!(unusable(&dac), Some(Unusable::Arithmetic));
    }

    #[test]
    fn damaged_headers_are_reported() {
        let jpeg = small_jpeg();
        assert_eq!(
            read_header(&jpeg[..40]).unwrap_err(),
            "unexpected end of file"
        );
        assert!(read_header(b"\xFF\xD8\xFF\xC0\x00\x02").is_err());
    }
}
