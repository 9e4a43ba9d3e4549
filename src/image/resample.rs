//! Images redone from their files on request: downsampling (an image
//! sharper than asked at the largest size it is placed at is resampled,
//! Lanczos3, to just that sharpness) and conversion to gray for printing.

use std::collections::BTreeMap;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{ExtendedColorType, ImageEncoder};

use super::raster::{format_name, identify};
use super::store::{content_key, read_picture};
use super::{decode, ColorSpace, Compression, Encoded, ImageError, Network};
use super::{
    ImageHandle, ImageKey, ImageStore, LoadedImage, Orientation, RasterImage, VectorImage,
};
use crate::diag::{Diagnostics, FileRef};
use crate::geom::Size;

/// What `--max-ppi` (or `theme.max_ppi`), `--grayscale` and
/// `--jpeg-quality` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rework {
    /// Pixels per inch, at most, at the size an image is placed.
    pub max_ppi: Option<u32>,
    /// Every image with colour turned gray.
    pub grayscale: bool,
    /// 1 to 100, for photos compressed as JPEG again.
    pub jpeg_quality: u8,
}

impl Rework {
    /// Whether any image may need redoing.
    pub fn asks_anything(&self) -> bool {
        self.max_ppi.is_some() || self.grayscale
    }
}

/// The pixel size that shows a `width` x `height` image at `max_ppi` when
/// it is placed at `placed` (points), or `None` when it is not sharper
/// than that.
fn target_size(width: u32, height: u32, placed: Size, max_ppi: u32) -> Option<(u32, u32)> {
    let inches = (placed.width.0 / 72.0, placed.height.0 / 72.0);
    let ppi = (f64::from(width) / inches.0).max(f64::from(height) / inches.1);
    let scale = f64::from(max_ppi) / ppi;
    let side = |pixels: u32| ((f64::from(pixels) * scale).round() as u32).max(1);
    let size = (side(width), side(height));
    (scale < 1.0 && size != (width, height)).then_some(size)
}

impl ImageStore {
    /// Redoes, on all cores, every image that `settings` changes: each one
    /// sharper than `settings.max_ppi` at its largest placed size in
    /// `placements` (points) is resampled, and with `settings.grayscale`
    /// each one with colour turns gray. Photos are compressed as JPEG again
    /// at `settings.jpeg_quality`, others with zlib. A resampled image that
    /// would take more bytes than before is kept as it was.
    pub fn rework(
        &mut self,
        placements: &BTreeMap<ImageKey, Size>,
        settings: Rework,
        deck_file: &Path,
        diagnostics: &mut Diagnostics,
    ) {
        if settings.grayscale {
            self.gray_figures(deck_file, diagnostics);
        }
        let jobs: Vec<(&RasterImage, (u32, u32), bool)> = placements
            .iter()
            .filter_map(|(key, placed)| {
                // Figures are drawn at any size: nothing to resample.
                let LoadedImage::Raster(image) = &**self.images.get(key)? else {
                    return None;
                };
                let size = settings
                    .max_ppi
                    .and_then(|ppi| target_size(image.width, image.height, *placed, ppi));
                let gray = settings.grayscale && image.encoded.color != ColorSpace::Gray;
                if size.is_none() && !gray {
                    return None;
                }
                Some((image, size.unwrap_or((image.width, image.height)), gray))
            })
            .collect();
        let done = crate::parallel::map(&jobs, |(image, size, gray)| {
            rework_one(image, *size, *gray, settings.jpeg_quality)
        });
        let keys: Vec<(ImageKey, bool)> = jobs
            .iter()
            .map(|(image, _, gray)| (image.key, *gray))
            .collect();
        for ((key, gray), result) in keys.into_iter().zip(done) {
            let handle = self
                .images
                .get_mut(&key)
                .expect("a job names a stored image");
            let LoadedImage::Raster(image) = &**handle else {
                continue;
            };
            match result {
                // Resampling is for a smaller file: an image whose new
                // encoding is no smaller stays as it was.
                Ok(encoded) if !gray && encoded.stored_bytes() >= image.encoded.stored_bytes() => {}
                Ok(encoded) => {
                    let redone = RasterImage {
                        key: image.key,
                        width: encoded.width,
                        height: encoded.height,
                        orientation: Orientation::NoTransforms,
                        photo: image.photo,
                        format: image.format,
                        file: image.file.clone(),
                        encoded,
                    };
                    *handle = ImageHandle::new(LoadedImage::Raster(redone));
                }
                Err(problem) => {
                    diagnostics.error(deck_file, Some(image.file.span), problem.to_string());
                }
            }
        }
    }
}

impl ImageStore {
    /// Turns every vector figure gray where its operators allow, warning
    /// about each one that keeps some colour.
    fn gray_figures(&mut self, deck_file: &Path, diagnostics: &mut Diagnostics) {
        for handle in self.images.values_mut() {
            let LoadedImage::Vector(image) = &**handle else {
                continue;
            };
            let mut figure = image.figure.clone();
            let kept = super::figure::to_gray(&mut figure);
            let file = image.file.clone();
            let gray = VectorImage {
                key: image.key,
                width: image.width,
                height: image.height,
                kind: image.kind,
                file: file.clone(),
                figure,
            };
            *handle = ImageHandle::new(LoadedImage::Vector(gray));
            if !kept.is_empty() {
                let message = format!(
                    "figure `{}` keeps some colour with --grayscale (its {} cannot be turned gray)",
                    file.written,
                    kept.join(", ")
                );
                diagnostics.warning(deck_file, Some(file.span), message);
            }
        }
    }
}

/// `image` decoded from its file again, upright, at `width` x `height`,
/// and gray when `gray`.
fn rework_one(
    image: &RasterImage,
    (width, height): (u32, u32),
    gray: bool,
    quality: u8,
) -> Result<Encoded, ImageError> {
    let file = &image.file;
    let bytes = read_again(file, image.key)?;
    let format = identify(&bytes, &file.written)?;
    let (pixels, icc) =
        decode::decode(&bytes, format).map_err(|cause| ImageError::Undecodable {
            file: file.written.clone(),
            format: format_name(format),
            cause,
        })?;
    drop(bytes);
    let pixels = if (pixels.width(), pixels.height()) == (width, height) {
        pixels
    } else {
        pixels.resize_exact(width, height, FilterType::Lanczos3)
    };
    // Alpha stays; colour goes to luma as `Color::to_gray` computes it.
    let pixels = if gray { pixels.grayscale() } else { pixels };
    if !image.photo || pixels.color().has_alpha() {
        // Notes about the file were given when it was loaded.
        return Ok(decode::compress(pixels, icc, &mut Vec::new()));
    }
    let (color, samples, kind) = if pixels.color().has_color() {
        (
            ColorSpace::Rgb,
            pixels.into_rgb8().into_raw(),
            ExtendedColorType::Rgb8,
        )
    } else {
        (
            ColorSpace::Gray,
            pixels.into_luma8().into_raw(),
            ExtendedColorType::L8,
        )
    };
    let mut data = Vec::new();
    JpegEncoder::new_with_quality(&mut data, quality)
        .write_image(&samples, width, height, kind)
        .map_err(|err| ImageError::Resample {
            file: file.written.clone(),
            cause: err.to_string(),
        })?;
    Ok(Encoded {
        width,
        height,
        icc: super::icc::usable(icc, &color, &mut Vec::new()),
        color,
        bits: 8,
        compression: Compression::Jpeg { rgb: false },
        data,
        inverted: false,
        alpha: None,
    })
}

/// The bytes of `file` read again to resample them (a downloaded picture
/// from the cache, where loading put it), if they are still the ones
/// loaded as `key`: a picture changed during the build would otherwise be
/// drawn at another size, or as another picture.
fn read_again(file: &FileRef, key: ImageKey) -> Result<Vec<u8>, ImageError> {
    let bytes = read_picture(file, Network::Offline)?;
    if content_key(&bytes, file) != key {
        return Err(ImageError::Read {
            file: file.written.clone(),
            cause: "it changed while deckgen was building; build again".into(),
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Pt;

    #[test]
    fn a_picture_changed_since_it_was_loaded_is_not_resampled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.png");
        std::fs::write(&path, b"first").unwrap();
        let file = FileRef {
            written: "photo.png".into(),
            path: path.clone(),
            span: crate::diag::Span::new(3, 12),
            named_in: dir.path().join("deck.yaml"),
            page: None,
        };
        let key = content_key(b"first", &file);
        assert_eq!(read_again(&file, key).unwrap(), b"first");
        std::fs::write(&path, b"second").unwrap();
        let changed = read_again(&file, key).unwrap_err();
        assert_eq!(
            changed.to_string(),
            "cannot read image `photo.png` (it changed while deckgen was building; build again)"
        );
    }

    #[test]
    fn only_images_sharper_than_asked_are_resampled() {
        // 2 x 1 inches.
        let placed = Size::new(Pt(144.0), Pt(72.0));
        assert_eq!(target_size(600, 300, placed, 150), Some((300, 150)));
        assert_eq!(target_size(600, 300, placed, 300), None);
        assert_eq!(target_size(600, 300, placed, 600), None);
        // The sharper side decides; the aspect is kept.
        assert_eq!(target_size(600, 200, placed, 100), Some((200, 67)));
        // Never below one pixel.
        assert_eq!(target_size(10_000, 1, placed, 1), Some((2, 1)));
    }
}
