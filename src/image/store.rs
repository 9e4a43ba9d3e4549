//! Every image of a deck, loaded once on all cores and found again by the
//! path (and page) that named it.

use std::collections::BTreeMap;

use super::{load_one, Backdrop, FontFiles, ImageKey, LoadedImage, Network};
#[cfg(test)]
use super::{ColorSpace, Compression, Encoded, ImageData, Orientation};
use crate::diag::{Diagnostics, FileRef};

/// Every image of a deck, each prepared once.
#[derive(Debug, Default)]
pub struct ImageStore {
    /// By path and, for a PDF figure, page.
    pub(super) by_path: BTreeMap<(std::path::PathBuf, Option<u32>), ImageKey>,
    pub(super) images: BTreeMap<ImageKey, LoadedImage>,
    /// How the pictures that text stands on look, for the contrast check.
    pub(super) backdrops: BTreeMap<ImageKey, Backdrop>,
}

impl ImageStore {
    /// Loads every named image, on all cores (downloading `https://` ones
    /// unless `network` forbids it), refusing any of more than
    /// `max_pixels` pixels before it is decoded; an SVG's text is set with
    /// `fonts`. Each problem is reported at the place the image (or its
    /// `page:`) was named, in the file that named it; the failed image is
    /// left out.
    pub fn load<'a>(
        files: impl IntoIterator<Item = &'a FileRef>,
        under_text: &[&FileRef],
        network: Network,
        max_pixels: u64,
        fonts: &FontFiles,
        diagnostics: &mut Diagnostics,
    ) -> ImageStore {
        let files: Vec<&FileRef> = files.into_iter().collect();
        let mut distinct: Vec<&FileRef> = Vec::new();
        for file in &files {
            if !distinct.iter().any(|seen| same_image(seen, file)) {
                distinct.push(file);
            }
        }
        let loaded = crate::parallel::map(&distinct, |file| {
            let backdrop = under_text.iter().any(|under| same_image(under, file));
            load_one(file, network, max_pixels, fonts, backdrop)
        });
        let mut store = ImageStore::default();
        let mut failed = BTreeMap::new();
        for (file, result) in distinct.iter().zip(loaded) {
            match result {
                Ok((image, backdrop, warnings)) => {
                    for warning in warnings {
                        diagnostics.warning(&file.named_in, Some(file.span), warning);
                    }
                    store.by_path.insert(path_key(file), image.key);
                    if let Some(backdrop) = backdrop {
                        store.backdrops.insert(image.key, backdrop);
                    }
                    // A copy under another name is the same image.
                    store.images.entry(image.key).or_insert(image);
                }
                Err(problem) => {
                    failed.insert(path_key(file), problem);
                }
            }
        }
        // A broken image used on several slides is reported on each.
        for file in files {
            if let Some(problem) = failed.get(&path_key(file)) {
                let span = match (problem.is_about_page(), file.page) {
                    (true, Some(page)) => page.span,
                    _ => file.span,
                };
                diagnostics.error(&file.named_in, Some(span), problem.to_string());
            }
        }
        store
    }

    /// The key of the image loaded for `file` (and its page), if it loaded.
    pub fn key_for(&self, file: &FileRef) -> Option<ImageKey> {
        self.by_path.get(&path_key(file)).copied()
    }

    pub fn get(&self, key: ImageKey) -> Option<&LoadedImage> {
        self.images.get(&key)
    }

    /// Every image, for the PDF writer to take.
    pub fn into_images(self) -> BTreeMap<ImageKey, LoadedImage> {
        self.images
    }
}

/// The key images are found by: the path, and the page of a PDF figure.
fn path_key(file: &FileRef) -> (std::path::PathBuf, Option<u32>) {
    (file.path.clone(), file.page.map(|page| page.number))
}

fn same_image(a: &FileRef, b: &FileRef) -> bool {
    path_key(a) == path_key(b)
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
                orientation: Orientation::NoTransforms,
                photo: false,
                format: "PNG",
                file: FileRef {
                    written: path.to_string(),
                    path: path.into(),
                    span: crate::diag::Span::new(1, 1),
                    named_in: "d.yaml".into(),
                    page: None,
                },
                data: ImageData::Raster(Encoded {
                    width: *width,
                    height: *height,
                    color: ColorSpace::Gray,
                    bits: 8,
                    compression: Compression::Flate,
                    data: Vec::new(),
                    inverted: false,
                    icc: None,
                    alpha: None,
                }),
            };
            store.by_path.insert((path.into(), None), key);
            store.images.insert(key, image);
        }
        store
    }
}
