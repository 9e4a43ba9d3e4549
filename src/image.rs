//! Images the deck names: read, identified and decoded once, keyed by content.
//!
//! JPEGs in gray or RGB that need no rotation keep their own bytes (the PDF
//! embeds them as they are); everything else is decoded to 8-bit gray or RGB
//! samples, with a separate alpha channel when any pixel is translucent, and
//! compressed at once, so decoded pixels live only while one image loads.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostics, FileRef};

/// An image's identity: a hash of its file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImageKey(pub [u8; 16]);

/// Colour channels of pixel data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    Gray,
    Rgb,
}

/// What the PDF writer embeds.
#[derive(Debug, Clone)]
pub enum ImageData {
    /// A baseline or progressive JPEG file, embedded unchanged.
    Jpeg {
        bytes: Arc<[u8]>,
        channels: Channels,
    },
    /// 8-bit samples row by row, zlib-compressed (the PDF's `/FlateDecode`),
    /// and the 8-bit alpha channel the same way when the image has one.
    Flate {
        channels: Channels,
        samples: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

/// One decoded image, upright.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    pub key: ImageKey,
    pub width: u32,
    pub height: u32,
    pub data: ImageData,
}

/// Every image of a deck, each loaded once.
#[derive(Debug, Default)]
pub struct ImageStore {
    by_path: BTreeMap<PathBuf, ImageKey>,
    images: BTreeMap<ImageKey, LoadedImage>,
}

impl ImageStore {
    /// Loads every named image. Each problem is reported at the place the
    /// image was named, against `deck_file`; the failed image is left out.
    pub fn load<'a>(
        files: impl IntoIterator<Item = &'a FileRef>,
        deck_file: &Path,
        diagnostics: &mut Diagnostics,
    ) -> ImageStore {
        let mut store = ImageStore::default();
        let mut failed: BTreeMap<PathBuf, ImageError> = BTreeMap::new();
        for file in files {
            if store.by_path.contains_key(&file.path) {
                continue;
            }
            // A broken image used on several slides is reported on each.
            if let Some(problem) = failed.get(&file.path) {
                diagnostics.error(deck_file, Some(file.span), problem.to_string());
                continue;
            }
            match store.load_one(file) {
                Ok(key) => {
                    store.by_path.insert(file.path.clone(), key);
                }
                Err(problem) => {
                    diagnostics.error(deck_file, Some(file.span), problem.to_string());
                    failed.insert(file.path.clone(), problem);
                }
            }
        }
        store
    }

    fn load_one(&mut self, file: &FileRef) -> Result<ImageKey, ImageError> {
        let bytes = std::fs::read(&file.path).map_err(|err| ImageError::Read {
            file: file.written.clone(),
            cause: crate::diag::io_reason(&err),
        })?;
        let digest = Sha256::digest(&bytes);
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        let key = ImageKey(key);
        if let std::collections::btree_map::Entry::Vacant(slot) = self.images.entry(key) {
            slot.insert(decode(key, bytes, &file.written)?);
        }
        Ok(key)
    }

    /// The key of the image loaded from `path`, if it loaded.
    pub fn key_for(&self, path: &Path) -> Option<ImageKey> {
        self.by_path.get(path).copied()
    }

    pub fn get(&self, key: ImageKey) -> Option<&LoadedImage> {
        self.images.get(&key)
    }
}

/// Why an image file cannot be used; `file` is the path as the deck wrote it.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read image `{file}` ({cause})")]
    Read { file: String, cause: String },
    #[error("unsupported image format {format} in `{file}` (use PNG, JPEG, GIF or WebP)")]
    Unsupported { file: String, format: String },
    #[error("image `{file}` is an empty file")]
    Empty { file: String },
    #[error("`{file}` is not a PNG, JPEG, GIF or WebP image")]
    NotAnImage { file: String },
    #[error("cannot decode {format} image `{file}` ({cause})")]
    Undecodable {
        file: String,
        format: &'static str,
        cause: String,
    },
}

#[cfg(test)]
impl ImageStore {
    /// A store holding a blank image of the given pixel size for each path,
    /// so layout can be tested without files.
    pub(crate) fn with_sizes(sizes: &[(&str, u32, u32)]) -> ImageStore {
        let mut store = ImageStore::default();
        for (index, (path, width, height)) in sizes.iter().enumerate() {
            let key = ImageKey([index as u8; 16]);
            let image = LoadedImage {
                key,
                width: *width,
                height: *height,
                data: ImageData::Flate {
                    channels: Channels::Gray,
                    samples: Vec::new(),
                    alpha: None,
                },
            };
            store.by_path.insert(PathBuf::from(path), key);
            store.images.insert(key, image);
        }
        store
    }
}

/// Identifies and decodes one image file's bytes; `file` names it in errors.
fn decode(key: ImageKey, bytes: Vec<u8>, file: &str) -> Result<LoadedImage, ImageError> {
    let file = file.to_string();
    let format = match image::guess_format(&bytes) {
        Ok(
            format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP),
        ) => format,
        Ok(other) => {
            let name = other
                .extensions_str()
                .first()
                .unwrap_or(&"this")
                .to_uppercase();
            return Err(ImageError::Unsupported { file, format: name });
        }
        Err(_) if bytes.is_empty() => return Err(ImageError::Empty { file }),
        Err(_) => return Err(ImageError::NotAnImage { file }),
    };
    let failed = |err: image::ImageError| ImageError::Undecodable {
        file: file.clone(),
        format: format_name(format),
        cause: lowercase_first(&err.to_string()),
    };
    let mut decoder = ImageReader::with_format(Cursor::new(&bytes), format)
        .into_decoder()
        .map_err(failed)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(failed)?;
    pixels.apply_orientation(orientation);
    // The decoders refuse images of zero width or height.
    let (width, height) = (pixels.width(), pixels.height());
    let upright = orientation == image::metadata::Orientation::NoTransforms;
    let data = match jpeg_components(&bytes) {
        Some(1) if format == ImageFormat::Jpeg && upright => ImageData::Jpeg {
            bytes: Arc::from(bytes),
            channels: Channels::Gray,
        },
        Some(3) if format == ImageFormat::Jpeg && upright => ImageData::Jpeg {
            bytes: Arc::from(bytes),
            channels: Channels::Rgb,
        },
        _ => to_pixels(pixels),
    };
    Ok(LoadedImage {
        key,
        width,
        height,
        data,
    })
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Gif => "GIF",
        _ => "WebP",
    }
}

/// 8-bit gray or RGB, and alpha only when some pixel is not opaque, each
/// compressed; the decoded image is dropped here.
fn to_pixels(image: DynamicImage) -> ImageData {
    let gray = !image.color().has_color();
    let alpha = image.color().has_alpha().then(|| image.to_luma_alpha8());
    let alpha = alpha
        .map(|la| la.pixels().map(|p| p.0[1]).collect::<Vec<u8>>())
        .filter(|alpha| alpha.iter().any(|&a| a != u8::MAX));
    let (channels, samples) = if gray {
        (Channels::Gray, image.into_luma8().into_raw())
    } else {
        (Channels::Rgb, image.into_rgb8().into_raw())
    };
    ImageData::Flate {
        channels,
        samples: deflate(&samples),
        alpha: alpha.as_deref().map(deflate),
    }
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

/// The number of colour components a JPEG's frame header declares, if the
/// bytes are a JPEG. (4 means CMYK, which is decoded rather than embedded.)
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // SOF0..SOF15 carry the frame header; C4, C8 and CC are other tables.
        let is_frame = (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker);
        if is_frame {
            return bytes.get(at + 9).copied();
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(jpeg_components(&bytes), Some(3));
        let image = decode(ImageKey([0; 16]), bytes.clone(), "a.jpg").unwrap();
        assert_eq!((image.width, image.height), (8, 4));
        match image.data {
            ImageData::Jpeg {
                bytes: kept,
                channels,
            } => {
                assert_eq!(&kept[..], &bytes[..]);
                assert_eq!(channels, Channels::Rgb);
            }
            other => panic!("expected a JPEG passthrough, got {other:?}"),
        }
    }

    #[test]
    fn translucent_pngs_get_alpha_and_opaque_ones_do_not() {
        let mut rgba = image::RgbaImage::new(2, 2);
        rgba.put_pixel(0, 0, image::Rgba([255, 0, 0, 128]));
        let translucent = decode(
            ImageKey([0; 16]),
            encode(rgba.into(), ImageFormat::Png),
            "a.png",
        )
        .unwrap();
        let ImageData::Flate {
            samples,
            alpha: Some(alpha),
            ..
        } = translucent.data
        else {
            panic!(
                "expected compressed samples and alpha, got {:?}",
                translucent.data
            );
        };
        let inflate = |bytes: &[u8]| {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(bytes), &mut out)
                .unwrap();
            out
        };
        assert_eq!(inflate(&samples).len(), 2 * 2 * 3);
        // `RgbaImage::new` starts fully transparent.
        assert_eq!(inflate(&alpha), [128, 0, 0, 0]);

        let opaque = image::RgbaImage::from_pixel(2, 2, image::Rgba([1, 2, 3, 255]));
        let opaque = decode(
            ImageKey([0; 16]),
            encode(opaque.into(), ImageFormat::Png),
            "a.png",
        )
        .unwrap();
        assert!(matches!(
            opaque.data,
            ImageData::Flate {
                alpha: None,
                channels: Channels::Rgb,
                ..
            }
        ));
    }

    #[test]
    fn names_what_is_wrong() {
        let not_image = decode(ImageKey([0; 16]), b"hello".to_vec(), "a.png").unwrap_err();
        assert_eq!(
            not_image.to_string(),
            "`a.png` is not a PNG, JPEG, GIF or WebP image"
        );
        let empty = decode(ImageKey([0; 16]), Vec::new(), "a.png").unwrap_err();
        assert_eq!(empty.to_string(), "image `a.png` is an empty file");
        let mut truncated = encode(DynamicImage::new_rgb8(64, 64), ImageFormat::Png);
        truncated.truncate(60);
        let message = decode(ImageKey([0; 16]), truncated, "a.png")
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("cannot decode PNG image `a.png` ("),
            "{message}"
        );
    }
}
