//! A PNG's chunks, read to embed its compressed image data as it is.
//!
//! A PDF reads PNG data directly: zlib, rows led by a filter byte, which is
//! `/FlateDecode` with `/Predictor 15`. So an opaque, non-interlaced PNG
//! needs no decoding at all: its IDAT chunks are joined and embedded. The
//! chunks' checksums are verified, which catches damaged and cut-off files;
//! the compressed data itself is not inflated.

use std::io::Read;

use image::metadata::Orientation;

/// How a PNG's samples map to colours.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum PngColor {
    Gray,
    Rgb,
    /// Indexes into this table of RGB triples.
    Palette(Vec<u8>),
}

/// A PNG whose data a PDF can embed unchanged.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PngData {
    pub width: u32,
    pub height: u32,
    /// 1, 2, 4, 8 or 16 bits per sample.
    pub bit_depth: u8,
    pub color: PngColor,
    /// The IDAT chunks' contents, joined: one zlib stream.
    pub idat: Vec<u8>,
    pub icc: Option<Vec<u8>>,
    pub orientation: Orientation,
}

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// An ICC profile larger than this is not a profile.
const MAX_ICC: u64 = 16 << 20;

/// Reads the PNG in `bytes`: `Ok(None)` when it must be decoded instead
/// (it has an alpha channel or a transparent colour, or is interlaced). The
/// error is the reason, in lowercase, for a message.
pub(super) fn read(bytes: &[u8]) -> Result<Option<PngData>, String> {
    let mut rest = bytes.strip_prefix(SIGNATURE).ok_or("not a PNG file")?;
    let mut header: Option<Header> = None;
    let mut palette = None;
    let mut transparent = false;
    let mut icc = None;
    let mut orientation = Orientation::NoTransforms;
    // Never more than the file; trimmed at the end, so joining the chunks
    // copies each once.
    let mut idat = Vec::with_capacity(bytes.len());
    loop {
        let (kind, data, after) = next_chunk(rest)?;
        rest = after;
        if header.is_none() && &kind != b"IHDR" {
            return Err("the first chunk is not IHDR".into());
        }
        match &kind {
            b"IHDR" => header = Some(Header::parse(data)?),
            b"PLTE" if data.len() % 3 == 0 && data.len() <= 3 * 256 => {
                palette = Some(data.to_vec());
            }
            b"PLTE" => return Err(format!("invalid palette of {} bytes", data.len())),
            b"tRNS" => transparent = true,
            b"iCCP" => icc = profile(data),
            b"eXIf" => {
                orientation = Orientation::from_exif_chunk(data).unwrap_or(orientation);
            }
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
    }
    let header = header.ok_or("no IHDR chunk")?;
    if idat.is_empty() {
        return Err("no image data".into());
    }
    idat.shrink_to_fit();
    let color = match header.color_type {
        0 => PngColor::Gray,
        2 => PngColor::Rgb,
        3 => PngColor::Palette(palette.ok_or("a palette image without a palette")?),
        _ => return Ok(None),
    };
    if header.interlaced || transparent {
        return Ok(None);
    }
    Ok(Some(PngData {
        width: header.width,
        height: header.height,
        bit_depth: header.bit_depth,
        color,
        idat,
        icc,
        orientation,
    }))
}

/// A chunk's type and data, and the bytes after it.
type Chunk<'a> = ([u8; 4], &'a [u8], &'a [u8]);

/// The next chunk, its checksum verified.
fn next_chunk(bytes: &[u8]) -> Result<Chunk<'_>, String> {
    const EOF: &str = "unexpected end of file";
    let length = bytes.get(..4).ok_or(EOF)?;
    let length = u32::from_be_bytes(length.try_into().expect("four bytes")) as usize;
    let kind: [u8; 4] = bytes.get(4..8).ok_or(EOF)?.try_into().expect("four bytes");
    let data = bytes.get(8..8 + length).ok_or(EOF)?;
    let stored = bytes.get(8 + length..12 + length).ok_or(EOF)?;
    let mut crc = flate2::Crc::new();
    crc.update(&kind);
    crc.update(data);
    if crc.sum().to_be_bytes() != stored {
        return Err(format!(
            "checksum mismatch in the {} chunk",
            String::from_utf8_lossy(&kind)
        ));
    }
    Ok((kind, data, &bytes[12 + length..]))
}

/// The IHDR chunk.
struct Header {
    width: u32,
    height: u32,
    bit_depth: u8,
    color_type: u8,
    interlaced: bool,
}

impl Header {
    fn parse(data: &[u8]) -> Result<Header, String> {
        let [w0, w1, w2, w3, h0, h1, h2, h3, bit_depth, color_type, compression, filter, interlace] =
            *data
        else {
            return Err(format!("an IHDR chunk of {} bytes", data.len()));
        };
        let (width, height) = (
            u32::from_be_bytes([w0, w1, w2, w3]),
            u32::from_be_bytes([h0, h1, h2, h3]),
        );
        if width == 0 || height == 0 {
            return Err(format!("a size of {width}x{height} pixels"));
        }
        let depths: &[u8] = match color_type {
            0 => &[1, 2, 4, 8, 16],
            3 => &[1, 2, 4, 8],
            2 | 4 | 6 => &[8, 16],
            _ => return Err(format!("unknown colour type {color_type}")),
        };
        if !depths.contains(&bit_depth) {
            return Err(format!(
                "bit depth {bit_depth} is invalid for colour type {color_type}"
            ));
        }
        if compression != 0 || filter != 0 || interlace > 1 {
            return Err("unknown compression, filter or interlace method".into());
        }
        Ok(Header {
            width,
            height,
            bit_depth,
            color_type,
            interlaced: interlace == 1,
        })
    }
}

/// The profile of an iCCP chunk: a name, a zero byte, the method (0) and
/// zlib data. A profile that cannot be read is ignored, as viewers do.
fn profile(data: &[u8]) -> Option<Vec<u8>> {
    let name_end = data.iter().position(|&b| b == 0)?;
    let compressed = data.get(name_end + 2..)?;
    let mut profile = Vec::new();
    flate2::read::ZlibDecoder::new(compressed)
        .take(MAX_ICC)
        .read_to_end(&mut profile)
        .ok()?;
    Some(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(image: image::DynamicImage) -> Vec<u8> {
        let mut bytes = Vec::new();
        image
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
        out
    }

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    /// A PNG from its IHDR fields and chunks after it, zlib data split over two IDATs.
    fn assemble(width: u32, depth: u8, color: u8, extra: &[Vec<u8>], rows: &[u8]) -> Vec<u8> {
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend(2u32.to_be_bytes());
        ihdr.extend([depth, color, 0, 0, 0]);
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, rows).unwrap();
        let zlib = encoder.finish().unwrap();
        let (first, second) = zlib.split_at(zlib.len() / 2);
        let mut out = SIGNATURE.to_vec();
        out.extend(chunk(b"IHDR", &ihdr));
        for extra in extra {
            out.extend(extra);
        }
        out.extend(chunk(b"IDAT", first));
        out.extend(chunk(b"IDAT", second));
        out.extend(chunk(b"IEND", b""));
        out
    }

    #[test]
    fn joins_the_idat_chunks_unchanged() {
        // Two rows of a 1-bit gray image 10 pixels wide: a filter byte and two bytes each.
        let rows = [0, 0b1010_1010, 0b1100_0000, 0, 0b0101_0101, 0b0100_0000];
        let file = assemble(10, 1, 0, &[], &rows);
        let data = read(&file).unwrap().expect("passes through");
        assert_eq!((data.width, data.height, data.bit_depth), (10, 2, 1));
        assert_eq!(data.color, PngColor::Gray);
        assert_eq!(inflate(&data.idat), rows);
    }

    #[test]
    fn keeps_the_palette_and_the_profile() {
        let palette = [255, 0, 0, 0, 0, 255];
        let mut iccp = b"sRGB\0\0".to_vec();
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, b"a profile").unwrap();
        iccp.extend(encoder.finish().unwrap());
        let extra = [chunk(b"PLTE", &palette), chunk(b"iCCP", &iccp)];
        let file = assemble(4, 2, 3, &extra, &[0, 0b0001_1011, 0, 0b1110_0100]);
        let data = read(&file).unwrap().unwrap();
        assert_eq!(data.color, PngColor::Palette(palette.to_vec()));
        assert_eq!(data.icc.as_deref(), Some(&b"a profile"[..]));
    }

    #[test]
    fn transparency_and_interlacing_need_decoding() {
        let rgba = png(image::RgbaImage::new(3, 3).into());
        assert_eq!(read(&rgba).unwrap(), None);
        let trns = assemble(4, 8, 0, &[chunk(b"tRNS", &[0, 0])], &[0; 10]);
        assert_eq!(read(&trns).unwrap(), None);
        let mut interlaced = assemble(4, 8, 0, &[], &[0; 10]);
        // The interlace byte is the last of IHDR's data; fix its checksum too.
        let ihdr = chunk(b"IHDR", &[0, 0, 0, 4, 0, 0, 0, 2, 8, 0, 0, 0, 1]);
        interlaced.splice(8..8 + ihdr.len(), ihdr);
        assert_eq!(read(&interlaced).unwrap(), None);
        let rgb16 = png(image::ImageBuffer::<image::Rgb<u16>, _>::new(3, 3).into());
        assert_eq!(read(&rgb16).unwrap().unwrap().bit_depth, 16);
    }

    #[test]
    fn damage_is_reported() {
        let file = png(image::RgbImage::new(8, 8).into());
        assert_eq!(
            read(&file[..file.len() - 20]).unwrap_err(),
            "unexpected end of file"
        );
        let mut flipped = file.clone();
        flipped[40] ^= 1;
        assert!(read(&flipped)
            .unwrap_err()
            .starts_with("checksum mismatch in the "));
        let bad_depth = assemble(4, 3, 0, &[], &[0; 10]);
        assert_eq!(
            read(&bad_depth).unwrap_err(),
            "bit depth 3 is invalid for colour type 0"
        );
        let no_palette = assemble(4, 8, 3, &[], &[0; 10]);
        assert_eq!(
            read(&no_palette).unwrap_err(),
            "a palette image without a palette"
        );
    }

    #[test]
    fn reads_the_exif_orientation() {
        let mut exif = b"MM\0*\0\0\0\x08\0\x01".to_vec();
        exif.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0]);
        let file = assemble(4, 8, 0, &[chunk(b"eXIf", &exif)], &[0; 10]);
        assert_eq!(
            read(&file).unwrap().unwrap().orientation,
            Orientation::Rotate270
        );
    }
}
