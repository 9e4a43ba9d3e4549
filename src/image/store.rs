//! The store of a deck's images: each file read, hashed and prepared once,
//! on every core, and found again by the path (and page) that named it.

use std::collections::BTreeMap;
use std::path::Path;

use image::ImageFormat;

use super::errors::unusable_jpeg;
use super::raster::{check_size, format_name, identify, prepare, upright_size, Prepared, Problem};
use super::{figure, ColorGrid, Figure, FontFiles, ImageError, Network};
use super::{ImageHandle, ImageKey, LoadedImage, RasterImage, VectorImage, VECTOR_UNITS_PER_POINT};
use crate::diag::{Diagnostics, FileRef};

/// Every image of a deck, each prepared once.
#[derive(Debug, Default)]
pub struct ImageStore {
    /// By path and, for a PDF figure, page.
    by_path: BTreeMap<(std::path::PathBuf, Option<u32>), ImageKey>,
    pub(super) images: BTreeMap<ImageKey, ImageHandle>,
    /// How the pictures that text stands on look, for the contrast check.
    pub(super) color_grids: BTreeMap<ImageKey, ColorGrid>,
}

/// What loading one image gave: the image and its measured colours, with
/// the warnings about it.
type Loaded = (LoadedImage, Option<ColorGrid>, Vec<String>);

/// One image as [`ImageStore::load`] leaves it: loaded (or failed), or a
/// figure read and waiting for the fonts its text is set in.
enum Loading {
    Done(Box<Result<Loaded, ImageError>>),
    Figure {
        bytes: Vec<u8>,
        kind: figure::Kind,
        key: ImageKey,
    },
}

/// The images of a deck as [`ImageStore::load`] loaded them, their problems
/// not reported yet and its figures not drawn: [`LoadedImages::into_store`]
/// finishes them.
pub struct LoadedImages<'a> {
    /// Every file named, once for each time it is named.
    files: Vec<&'a FileRef>,
    /// Each path (and page) once, in the order of `files`.
    distinct: Vec<&'a FileRef>,
    /// What loading gave each of `distinct`.
    loaded: Vec<Loading>,
    max_pixels: u64,
}

impl ImageStore {
    /// Loads every named image, on all cores (downloading `https://` ones
    /// unless `network` forbids it), refusing any of more than
    /// `max_pixels` pixels before it is decoded. It needs no fonts, so a
    /// build loads them meanwhile: SVG and PDF figures are only read here,
    /// and drawn by [`LoadedImages::into_store`] once the fonts are known.
    pub fn load<'a>(
        files: Vec<&'a FileRef>,
        under_text: &[&FileRef],
        network: Network,
        max_pixels: u64,
    ) -> LoadedImages<'a> {
        let mut distinct: Vec<&FileRef> = Vec::new();
        for file in &files {
            if !distinct.iter().any(|seen| same_image(seen, file)) {
                distinct.push(file);
            }
        }
        let loaded = crate::parallel::map(&distinct, |file| {
            let measure_colors = under_text.iter().any(|under| same_image(under, file));
            load_one(file, network, max_pixels, measure_colors)
        });
        LoadedImages {
            files,
            distinct,
            loaded,
            max_pixels,
        }
    }
}

impl LoadedImages<'_> {
    /// The store of these images, their figures' text set with `fonts`
    /// (on all cores). Each problem is reported at the place the image (or
    /// its `page:`) was named, in the file that named it; the failed image
    /// is left out.
    pub fn into_store(self, fonts: &FontFiles, diagnostics: &mut Diagnostics) -> ImageStore {
        let LoadedImages {
            files,
            distinct,
            loaded,
            max_pixels,
        } = self;
        let figures: Vec<_> = distinct
            .iter()
            .zip(&loaded)
            .filter_map(|(file, loading)| match loading {
                Loading::Figure { bytes, kind, key } => Some((*file, bytes, *kind, *key)),
                Loading::Done(_) => None,
            })
            .collect();
        let drawn = crate::parallel::map(&figures, |(file, bytes, kind, key)| {
            finish_figure(bytes, *kind, *key, file, max_pixels, fonts)
        });
        let mut drawn = drawn.into_iter();
        let results = loaded.into_iter().map(|loading| match loading {
            Loading::Done(result) => *result,
            Loading::Figure { .. } => drawn.next().expect("each figure was drawn"),
        });
        let mut store = ImageStore::default();
        let mut failed = BTreeMap::new();
        for (file, result) in distinct.iter().zip(results) {
            match result {
                Ok((image, color_grid, warnings)) => {
                    for warning in warnings {
                        diagnostics.warning(&file.named_in, Some(file.span), warning);
                    }
                    let key = image.key();
                    store.by_path.insert(path_key(file), key);
                    if let Some(color_grid) = color_grid {
                        store.color_grids.insert(key, color_grid);
                    }
                    // A copy under another name is the same image.
                    store
                        .images
                        .entry(key)
                        .or_insert_with(|| ImageHandle::new(image));
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
}

impl ImageStore {
    /// The image loaded for `file` (and its page), if it loaded.
    pub fn image_for(&self, file: &FileRef) -> Option<&ImageHandle> {
        let key = self.by_path.get(&path_key(file))?;
        self.images.get(key)
    }

    /// The image of `key` as the store holds it now: redone, when
    /// [`ImageStore::rework`] redid it.
    pub fn current(&self, key: ImageKey) -> Option<&ImageHandle> {
        self.images.get(&key)
    }
}

/// The scheme of a web address a picture is named by (`https`, `http`,
/// `ftp`, `data`), or `None` for a file path.
fn web_scheme(written: &str) -> Option<&'static str> {
    let lower = written.trim_start().to_ascii_lowercase();
    ["https", "http", "ftp", "data"].into_iter().find(|scheme| {
        lower
            .strip_prefix(scheme)
            .is_some_and(|rest| rest.starts_with(':'))
    })
}

/// Whether `file` is a file on this machine rather than a web address.
pub fn is_local(file: &FileRef) -> bool {
    web_scheme(&file.written).is_none()
}

/// Whether the picture `written` (as a deck writes it) names a file beside
/// the deck, in `deck_dir`, that is not there. A web address never is; a
/// file there that cannot be read is the loader's to explain.
pub fn is_missing(written: &str, deck_dir: &Path) -> bool {
    let written = written.trim();
    web_scheme(written).is_none()
        && std::fs::metadata(deck_dir.join(written))
            .is_err_and(|err| err.kind() == std::io::ErrorKind::NotFound)
}

/// The warning a Markdown deck's picture gets when its file is not there:
/// Marp builds such a deck with a broken picture, and so deckgen builds it
/// without the picture.
pub fn missing_warning(written: &str) -> String {
    format!(
        "the picture `{}` is not there, so it is left out (put the file at that path, beside the deck, to show it)",
        written.trim()
    )
}

/// The bytes of the picture `file` names: a file beside the deck, or an
/// `https://` picture from the download cache, downloaded into it first
/// unless `network` forbids it.
pub(super) fn read_picture(file: &FileRef, network: Network) -> Result<Vec<u8>, ImageError> {
    let written = file.written.trim();
    match web_scheme(written) {
        Some("https") => return super::remote::bytes(written, network),
        Some("http") => {
            return Err(ImageError::NotHttps {
                url: written.to_string(),
            })
        }
        // Never "no such file": the user wrote an address, not a path.
        Some(_) => {
            return Err(ImageError::Read {
                file: file.written.clone(),
                cause: "deckgen downloads only `https://` addresses; save it beside the deck and give its file name".into(),
            })
        }
        None => {}
    }
    crate::files::read(&file.path, crate::files::FileKind::Picture).map_err(|err| {
        let mut cause = err.to_string();
        if err.is_not_found() {
            if let Some(meant) = crate::suggest::meant_path(&file.path, &file.written) {
                cause += &format!("; did you mean `{meant}`?");
            }
        }
        ImageError::Read {
            file: file.written.clone(),
            cause,
        }
    })
}

/// The key of the picture in `bytes`, read from `file`: its content key
/// ([`crate::content_key`]), so one picture named twice is stored once.
pub(crate) fn content_key(bytes: &[u8], file: &FileRef) -> ImageKey {
    // Two pages of one PDF are two figures.
    let page = file.page.map_or(0, |page| page.number);
    ImageKey(crate::content_key::of(bytes, page))
}

/// Whether `bytes` hold a picture deckgen reads, by their signature.
pub(super) fn is_picture(bytes: &[u8]) -> bool {
    figure::Kind::sniff(bytes).is_some() || identify(bytes, "").is_ok()
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
            let image = LoadedImage::Raster(RasterImage {
                key,
                width: *width,
                height: *height,
                orientation: super::Orientation::NoTransforms,
                photo: false,
                format: "PNG",
                file: FileRef {
                    written: path.to_string(),
                    path: path.into(),
                    span: crate::diag::Span::new(1, 1),
                    named_in: "d.yaml".into(),
                    page: None,
                },
                encoded: super::Encoded {
                    width: *width,
                    height: *height,
                    color: super::ColorSpace::Gray,
                    bits: 8,
                    compression: super::Compression::PngRows,
                    data: Vec::new(),
                    inverted: false,
                    icc: None,
                    alpha: None,
                },
            });
            store.by_path.insert((path.into(), None), key);
            store.images.insert(key, ImageHandle::new(image));
        }
        store
    }
}

/// Reads, hashes and prepares one raster image file, with the warnings
/// about it, measuring its [`ColorGrid`] when `measure_colors` says text
/// stands on it; a figure (SVG or PDF) is only read and hashed, to be drawn
/// when the fonts are known ([`finish_figure`]).
fn load_one(file: &FileRef, network: Network, max_pixels: u64, measure_colors: bool) -> Loading {
    let bytes = match read_picture(file, network) {
        Ok(bytes) => bytes,
        Err(problem) => return Loading::Done(Box::new(Err(problem))),
    };
    let key = content_key(&bytes, file);
    if let Some(kind) = figure::Kind::sniff(&bytes) {
        return Loading::Figure { bytes, kind, key };
    }
    Loading::Done(Box::new(load_raster(
        bytes,
        key,
        file,
        max_pixels,
        measure_colors,
    )))
}

/// The figure of `kind` in `bytes`, read from `file`, its text set with
/// `fonts`; with the warnings about what it loses.
fn finish_figure(
    bytes: &[u8],
    kind: figure::Kind,
    key: ImageKey,
    file: &FileRef,
    max_pixels: u64,
    fonts: &FontFiles,
) -> Result<Loaded, ImageError> {
    let (figure, notes) = load_figure(bytes, kind, file, max_pixels, fonts)?;
    let warnings = notes
        .into_iter()
        .map(|note| format!("{} figure `{}`: {note}", kind.name(), file.written))
        .collect();
    let image = vector_image(key, file, kind, figure);
    Ok((image, None, warnings))
}

/// The raster image in `bytes`, read from `file` and keyed `key`, prepared.
fn load_raster(
    bytes: Vec<u8>,
    key: ImageKey,
    file: &FileRef,
    max_pixels: u64,
    measure_colors: bool,
) -> Result<Loaded, ImageError> {
    if file.page.is_some() {
        return Err(ImageError::PageOfNonPdf {
            file: file.written.clone(),
        });
    }
    let format = identify(&bytes, &file.written)?;
    check_size(&bytes, format, max_pixels, &file.written)?;
    let written = file.written.clone();
    let prepared = prepare(bytes, format, measure_colors).map_err(|problem| match problem {
        Problem::Undecodable(cause) => ImageError::Undecodable {
            file: written.clone(),
            format: format_name(format),
            cause,
        },
        Problem::Damaged(cause) => ImageError::Damaged {
            file: written.clone(),
            cause,
        },
        Problem::Unusable(kind) => unusable_jpeg(&written, kind),
    })?;
    let Prepared {
        encoded,
        orientation,
        notes,
        color_grid,
    } = prepared;
    let (width, height) = upright_size(encoded.width, encoded.height, orientation);
    let warnings = notes
        .into_iter()
        .map(|note| format!("image `{written}`: {note}"))
        .collect();
    let image = LoadedImage::Raster(RasterImage {
        key,
        width,
        height,
        orientation,
        photo: format == ImageFormat::Jpeg,
        format: format_name(format),
        file: file.clone(),
        encoded,
    });
    Ok((image, color_grid, warnings))
}

/// Reads the figure of `kind` in `bytes`: the page `file` names of a PDF,
/// or an SVG with the files it names beside it; with notes on what it
/// loses on the way.
fn load_figure(
    bytes: &[u8],
    kind: figure::Kind,
    file: &FileRef,
    max_pixels: u64,
    fonts: &FontFiles,
) -> Result<(Figure, Vec<String>), ImageError> {
    let written = file.written.clone();
    let page = file.page.map_or(1, |page| page.number);
    let result = match kind {
        figure::Kind::Pdf => figure::from_pdf(bytes, page).map(|figure| (figure, Vec::new())),
        figure::Kind::Svg if file.page.is_some() => {
            return Err(ImageError::PageOfNonPdf { file: written });
        }
        figure::Kind::Svg => {
            let dir = file.path.parent().unwrap_or(Path::new("."));
            figure::from_svg(bytes, dir, fonts, max_pixels)
        }
    };
    let kind_name = kind.name();
    result.map_err(|problem| match problem {
        figure::Problem::UnreadablePdf(cause) | figure::Problem::UnreadableSvg(cause) => {
            ImageError::Figure {
                file: written,
                kind: kind_name,
                cause,
            }
        }
        figure::Problem::Encrypted => ImageError::Encrypted { file: written },
        figure::Problem::NoSuchPage { page, pages } => ImageError::NoSuchPage {
            file: written,
            page,
            pages,
        },
        figure::Problem::UnreadablePage { page, cause } => ImageError::UnreadablePage {
            file: written,
            page,
            cause,
        },
        figure::Problem::BadSize {
            width,
            height,
            unit,
        } => ImageError::FigureSize {
            file: written,
            width: points(width),
            height: points(height),
            unit,
        },
    })
}

/// A length as messages show it: at most two decimals.
fn points(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded}")
}

fn vector_image(key: ImageKey, file: &FileRef, kind: figure::Kind, figure: Figure) -> LoadedImage {
    let (width, height) = figure.size();
    let units = |points: f64| ((points * VECTOR_UNITS_PER_POINT).round() as u32).max(1);
    LoadedImage::Vector(VectorImage {
        key,
        width: units(width),
        height: units(height),
        kind,
        file: file.clone(),
        figure: Box::new(figure),
    })
}
