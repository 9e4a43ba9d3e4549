//! A PNG's chunks, read to embed its compressed image data as it is.
//!
//! A PDF reads PNG data directly: zlib, rows led by a filter byte, which is
//! `/FlateDecode` with `/Predictor 15`. So an opaque, non-interlaced PNG
//! needs no decoding at all: its IDAT chunks are joined and embedded. The
//! chunks' checksums are verified, and their data is inflated into
//! nothing, row by row, to prove it holds the whole image, so damage a
//! reader would stumble on is found here. An optional chunk whose checksum
//! is wrong is left out, as libpng does, with a warning.
//!
//! The IDAT chunks are inflated where they lie in the file, and joined in
//! the file's own memory ([`join_in_place`]): a copy of a photo's data into
//! fresh memory costs more in page faults than the copy itself.

use std::io::{BufRead, Read};
use std::ops::Range;

use image::metadata::Orientation;

use super::raster::Problem;

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
    /// Where the IDAT chunks' contents are in the file: joined
    /// ([`join_in_place`]), one zlib stream.
    pub idat: Vec<Range<usize>>,
    pub icc: Option<Vec<u8>>,
    pub orientation: Orientation,
}

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// An ICC profile larger than this is not a profile.
const MAX_ICC: u64 = 16 << 20;

/// What reading a PNG's chunks found.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PngRead {
    /// The data to embed, or `None` when the image must be decoded (it has
    /// an alpha channel or a transparent colour, or is interlaced).
    pub embed: Option<PngData>,
    /// The optional chunks left out because their checksum is wrong.
    pub dropped: Vec<String>,
}

/// Reads the PNG in `bytes`, and checks the data of one to embed.
pub(super) fn read(bytes: &[u8]) -> Result<PngRead, Problem> {
    let chunks = walk(bytes)?;
    let header = chunks.header;
    let color = match header.color_type {
        0 => Some(PngColor::Gray),
        2 => Some(PngColor::Rgb),
        3 => Some(PngColor::Palette(
            chunks.palette.ok_or("a palette image without a palette")?,
        )),
        _ => None,
    };
    let embed = match color {
        Some(color) if !header.interlaced && !chunks.transparent => {
            let data = Pieces::new(bytes, &chunks.idat);
            check_rows(data, &header).map_err(Problem::Damaged)?;
            Some(PngData {
                width: header.width,
                height: header.height,
                bit_depth: header.bit_depth,
                color,
                idat: chunks.idat,
                icc: chunks.icc,
                orientation: chunks.orientation,
            })
        }
        _ => None,
    };
    Ok(PngRead {
        embed,
        dropped: chunks.dropped,
    })
}

/// The image data of the PNG `file`, its IDAT chunks joined in the file's
/// own memory: one zlib stream of filtered rows; `None` when it is not a
/// sound PNG.
pub(super) fn image_data(file: Vec<u8>) -> Option<Vec<u8>> {
    let chunks = walk(&file).ok()?;
    Some(join_in_place(file, &chunks.idat))
}

/// The file `bytes` made into the contents of its chunks at `idat` (as
/// [`read`] found them), joined: moved to the front, the rest cut off.
pub(super) fn join_in_place(mut bytes: Vec<u8>, idat: &[Range<usize>]) -> Vec<u8> {
    let mut end = 0;
    // Each chunk's data lies after the data moved before it.
    for range in idat {
        bytes.copy_within(range.clone(), end);
        end += range.len();
    }
    bytes.truncate(end);
    bytes.shrink_to_fit();
    bytes
}

/// The contents of a file's IDAT chunks, read one after another where
/// they lie, as one stream.
struct Pieces<'a> {
    bytes: &'a [u8],
    ranges: std::slice::Iter<'a, Range<usize>>,
    /// What is left of the chunk being read.
    current: &'a [u8],
}

impl<'a> Pieces<'a> {
    fn new(bytes: &'a [u8], ranges: &'a [Range<usize>]) -> Pieces<'a> {
        Pieces {
            bytes,
            ranges: ranges.iter(),
            current: &[],
        }
    }
}

impl Read for Pieces<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(buffer.len());
        buffer[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl BufRead for Pieces<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        while self.current.is_empty() {
            match self.ranges.next() {
                Some(range) => self.current = &self.bytes[range.clone()],
                None => break,
            }
        }
        Ok(self.current)
    }

    fn consume(&mut self, count: usize) {
        self.current = &self.current[count..];
    }
}

/// The PNG in `bytes` without its damaged optional chunks, for a decoder,
/// when it has any.
pub(super) fn cleaned(bytes: &[u8]) -> Option<Vec<u8>> {
    let chunks = walk(bytes).ok()?;
    if chunks.damaged.is_empty() {
        return None;
    }
    let mut cleaned = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for range in chunks.damaged {
        cleaned.extend_from_slice(&bytes[at..range.start]);
        at = range.end;
    }
    cleaned.extend_from_slice(&bytes[at..]);
    Some(cleaned)
}

/// Every chunk of a PNG, read.
struct Chunks {
    header: Header,
    palette: Option<Vec<u8>>,
    transparent: bool,
    icc: Option<Vec<u8>>,
    orientation: Orientation,
    /// Where the IDAT chunks' contents are, in order.
    idat: Vec<Range<usize>>,
    /// The types of the optional chunks left out, their checksum wrong.
    dropped: Vec<String>,
    /// Where those chunks are in the file.
    damaged: Vec<std::ops::Range<usize>>,
}

/// Reads the chunks of the PNG in `bytes`; the error is the reason, in
/// lowercase, for a message.
fn walk(bytes: &[u8]) -> Result<Chunks, String> {
    let mut rest = bytes.strip_prefix(SIGNATURE).ok_or("not a PNG file")?;
    let mut header: Option<Header> = None;
    let mut palette = None;
    let mut transparent = false;
    let mut icc = None;
    let mut orientation = Orientation::NoTransforms;
    let mut idat = Vec::new();
    let mut dropped = Vec::new();
    let mut damaged = Vec::new();
    loop {
        let (chunk, after) = next_chunk(rest)?;
        let start = bytes.len() - rest.len();
        // A chunk's data follows its length and type.
        let data_start = start + 8;
        rest = after;
        let (kind, data) = match chunk {
            Chunk::Sound { kind, data } => (kind, data),
            Chunk::Damaged { kind } => {
                dropped.push(String::from_utf8_lossy(&kind).into_owned());
                damaged.push(start..bytes.len() - rest.len());
                continue;
            }
        };
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
            b"IDAT" => idat.push(data_start..data_start + data.len()),
            b"IEND" => break,
            _ => {}
        }
    }
    let header = header.ok_or("no IHDR chunk")?;
    if idat.iter().all(|range| range.is_empty()) {
        return Err("no image data".into());
    }
    Ok(Chunks {
        header,
        palette,
        transparent,
        icc,
        orientation,
        idat,
        dropped,
        damaged,
    })
}

/// Inflates `idat` into nothing, checking that it holds `header`'s rows,
/// each led by a known filter type, as a reader needs them. More data than
/// the image needs is ignored, as readers ignore it.
fn check_rows(idat: impl BufRead, header: &Header) -> Result<(), String> {
    let channels: u64 = match header.color_type {
        2 => 3,
        _ => 1,
    };
    let row = 1 + (u64::from(header.width) * channels * u64::from(header.bit_depth)).div_ceil(8);
    let total = row * u64::from(header.height);
    // Straight from `idat`'s memory, into a buffer large enough that the
    // inflater seldom moves its window.
    let mut inflater = flate2::bufread::ZlibDecoder::new(idat);
    let mut buffer = vec![0u8; 256 * 1024];
    // Where the next row's filter byte is, counted from the start.
    let mut next_row = 0u64;
    let mut seen = 0u64;
    while seen < total {
        let read = match inflater.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(err) => return Err(format!("corrupt PNG image data: {err}")),
        };
        let end = seen + read as u64;
        while next_row < end.min(total) {
            let filter = buffer[(next_row - seen) as usize];
            if filter > 4 {
                return Err(format!(
                    "corrupt PNG image data: row {} has unknown filter type {filter}",
                    next_row / row + 1
                ));
            }
            next_row += row;
        }
        seen = end;
    }
    if seen < total {
        return Err("PNG image data ends before the end of the image".into());
    }
    Ok(())
}

/// A chunk as read: sound, or an optional one whose checksum is wrong.
enum Chunk<'a> {
    Sound { kind: [u8; 4], data: &'a [u8] },
    Damaged { kind: [u8; 4] },
}

/// The next chunk, its checksum verified, and the bytes after it. A
/// critical chunk (its type starts with a capital) must be sound.
fn next_chunk(bytes: &[u8]) -> Result<(Chunk<'_>, &[u8]), String> {
    const EOF: &str = "unexpected end of file";
    let length = bytes.get(..4).ok_or(EOF)?;
    let length = u32::from_be_bytes(length.try_into().expect("four bytes")) as usize;
    let kind: [u8; 4] = bytes.get(4..8).ok_or(EOF)?.try_into().expect("four bytes");
    let data = bytes.get(8..8 + length).ok_or(EOF)?;
    let stored = bytes.get(8 + length..12 + length).ok_or(EOF)?;
    let mut crc = flate2::Crc::new();
    crc.update(&kind);
    crc.update(data);
    let after = &bytes[12 + length..];
    if crc.sum().to_be_bytes() == stored {
        Ok((Chunk::Sound { kind, data }, after))
    } else if kind[0].is_ascii_lowercase() {
        Ok((Chunk::Damaged { kind }, after))
    } else {
        Err(format!(
            "checksum mismatch in the {} chunk",
            String::from_utf8_lossy(&kind)
        ))
    }
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
        let data = read(&file).unwrap().embed.expect("passes through");
        assert_eq!((data.width, data.height, data.bit_depth), (10, 2, 1));
        assert_eq!(data.color, PngColor::Gray);
        assert_eq!(inflate(&join_in_place(file.clone(), &data.idat)), rows);
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
        let data = read(&file).unwrap().embed.unwrap();
        assert_eq!(data.color, PngColor::Palette(palette.to_vec()));
        assert_eq!(data.icc.as_deref(), Some(&b"a profile"[..]));
    }

    #[test]
    fn transparency_and_interlacing_need_decoding() {
        let rgba = png(image::RgbaImage::new(3, 3).into());
        assert_eq!(read(&rgba).unwrap().embed, None);
        let trns = assemble(4, 8, 0, &[chunk(b"tRNS", &[0, 0])], &[0; 10]);
        assert_eq!(read(&trns).unwrap().embed, None);
        let mut interlaced = assemble(4, 8, 0, &[], &[0; 10]);
        // The interlace byte is the last of IHDR's data; fix its checksum too.
        let ihdr = chunk(b"IHDR", &[0, 0, 0, 4, 0, 0, 0, 2, 8, 0, 0, 0, 1]);
        interlaced.splice(8..8 + ihdr.len(), ihdr);
        assert_eq!(read(&interlaced).unwrap().embed, None);
        let rgb16 = png(image::ImageBuffer::<image::Rgb<u16>, _>::new(3, 3).into());
        assert_eq!(read(&rgb16).unwrap().embed.unwrap().bit_depth, 16);
    }

    /// Why `read` refuses `bytes`.
    fn reason(bytes: &[u8]) -> String {
        match read(bytes).unwrap_err() {
            Problem::Undecodable(reason) | Problem::Damaged(reason) => reason,
            Problem::Unusable(kind) => panic!("{kind:?} is no PNG problem"),
        }
    }

    #[test]
    fn damage_is_reported() {
        let file = png(image::RgbImage::new(8, 8).into());
        assert_eq!(reason(&file[..file.len() - 20]), "unexpected end of file");
        let mut flipped = file.clone();
        flipped[40] ^= 1;
        assert!(reason(&flipped).starts_with("checksum mismatch in the "));
        let bad_depth = assemble(4, 3, 0, &[], &[0; 10]);
        assert_eq!(
            reason(&bad_depth),
            "bit depth 3 is invalid for colour type 0"
        );
        let no_palette = assemble(4, 8, 3, &[], &[0; 10]);
        assert_eq!(reason(&no_palette), "a palette image without a palette");
    }

    #[test]
    fn damaged_image_data_is_found() {
        let rows = [0u8; 10];
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut zlib, &rows).unwrap();
        let zlib = zlib.finish().unwrap();
        let header = Header::parse(&[0, 0, 0, 4, 0, 0, 0, 2, 8, 0, 0, 0, 0]).unwrap();
        assert_eq!(check_rows(&zlib[..], &header), Ok(()));
        let short = Header::parse(&[0, 0, 0, 4, 0, 0, 0, 3, 8, 0, 0, 0, 0]).unwrap();
        assert_eq!(
            check_rows(&zlib[..], &short).unwrap_err(),
            "PNG image data ends before the end of the image"
        );
        assert_eq!(
            check_rows(&zlib[..zlib.len() - 6], &header).unwrap_err(),
            "PNG image data ends before the end of the image"
        );
        let mut garbled = zlib.clone();
        garbled[2] ^= 0xFF;
        assert!(check_rows(&garbled[..], &header)
            .unwrap_err()
            .starts_with("corrupt PNG image data: "));
        let file = assemble(4, 8, 0, &[], &[0, 1, 2, 3, 4, 9, 0, 0, 0, 0]);
        assert_eq!(
            read(&file).unwrap_err(),
            Problem::Damaged("corrupt PNG image data: row 2 has unknown filter type 9".into())
        );
    }

    #[test]
    fn a_damaged_optional_chunk_is_left_out() {
        let mut clli = chunk(b"cLLI", &[0; 8]);
        let last = clli.len() - 1;
        clli[last] ^= 1;
        let file = assemble(4, 8, 0, &[clli.clone()], &[0; 10]);
        let read_back = read(&file).unwrap();
        assert_eq!(read_back.dropped, ["cLLI"]);
        assert!(read_back.embed.is_some());
        // A decoder gets the file without the chunk.
        let trns = chunk(b"tRNS", &[0, 0]);
        let file = assemble(4, 8, 0, &[clli, trns.clone()], &[0; 10]);
        assert_eq!(read(&file).unwrap().embed, None);
        assert_eq!(
            cleaned(&file).unwrap(),
            assemble(4, 8, 0, std::slice::from_ref(&trns), &[0; 10])
        );
        assert_eq!(cleaned(&assemble(4, 8, 0, &[trns], &[0; 10])), None);
        // A critical chunk must be sound.
        let mut file = assemble(4, 8, 0, &[], &[0; 10]);
        // The last byte of the second IDAT's checksum, before IEND's 12 bytes.
        let idat_crc = file.len() - 13;
        file[idat_crc] ^= 1;
        assert_eq!(
            read(&file).unwrap_err(),
            Problem::Undecodable("checksum mismatch in the IDAT chunk".into())
        );
    }

    #[test]
    fn reads_the_exif_orientation() {
        let mut exif = b"MM\0*\0\0\0\x08\0\x01".to_vec();
        exif.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0]);
        let file = assemble(4, 8, 0, &[chunk(b"eXIf", &exif)], &[0; 10]);
        assert_eq!(
            read(&file).unwrap().embed.unwrap().orientation,
            Orientation::Rotate270
        );
    }
}
