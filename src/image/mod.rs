//! Images the deck names: read, identified and prepared once, keyed by
//! content, on every core.
//!
//! Most images go into the PDF as they are: a JPEG keeps its own bytes, an
//! opaque non-interlaced PNG its compressed data, both turned upright by
//! the PDF's placement rather than by touching pixels. Their compressed
//! data is still checked once, into nothing (a JPEG decoded, a PNG
//! inflated), so no damaged picture reaches a PDF reader. The rest (alpha,
//! interlacing, GIF, WebP) is decoded, to gray or RGB of 8 or 16 bits with
//! a separate alpha channel when any pixel is translucent, and compressed
//! at once, so decoded pixels live only while their image is prepared.

mod backdrop;
mod decode;
mod figure;
mod icc;
mod jpeg;
mod png;
mod resample;

use std::collections::BTreeMap;
use std::path::Path;

pub use image::metadata::Orientation;
use image::ImageFormat;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostics, FileRef};
pub use backdrop::Backdrop;
pub use figure::{Figure, FontFiles, Kind as FigureKind};
pub use resample::Rework;

/// An image's identity: a hash of its file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImageKey(pub [u8; 16]);

/// The key of the picture in `bytes`, read from `file`: the first half of
/// their SHA-256, so one picture named twice is stored once.
pub(crate) fn content_key(bytes: &[u8], file: &FileRef) -> ImageKey {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    if let Some(page) = file.page {
        // Two pages of one PDF are two figures.
        hasher.update(page.number.to_be_bytes());
    }
    let mut key = [0u8; 16];
    key.copy_from_slice(&hasher.finalize()[..16]);
    ImageKey(key)
}

/// The colour space of an image's samples.
#[derive(Debug, Clone, PartialEq)]
pub enum ColorSpace {
    Gray,
    Rgb,
    Cmyk,
    /// Each sample indexes this table of RGB triples.
    Indexed(Vec<u8>),
}

impl ColorSpace {
    /// Samples per pixel.
    pub fn components(&self) -> u8 {
        match self {
            ColorSpace::Gray | ColorSpace::Indexed(_) => 1,
            ColorSpace::Rgb => 3,
            ColorSpace::Cmyk => 4,
        }
    }
}

/// How an image's samples are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// A JPEG file's bytes (the PDF's `/DCTDecode`). `rgb`: its three
    /// components are R, G and B rather than YCbCr, which a PDF reader
    /// assumes unless told (`/ColorTransform 0`).
    Jpeg { rgb: bool },
    /// zlib, each row led by a PNG filter byte: a PNG's own image data
    /// (`/FlateDecode` with `/Predictor 15`).
    PngRows,
    /// zlib of plain rows (`/FlateDecode`).
    Flate,
}

/// An image as the PDF stores it: compressed samples and how to read them.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// The stored size in pixels, before any orientation is applied.
    pub width: u32,
    pub height: u32,
    pub color: ColorSpace,
    /// Bits per sample: 1, 2, 4, 8 or 16.
    pub bits: u8,
    pub compression: Compression,
    pub data: Vec<u8>,
    /// CMYK stored inverted, as Adobe applications write JPEGs.
    pub inverted: bool,
    /// The image's ICC profile, kept only when it describes `color`.
    pub icc: Option<Vec<u8>>,
    /// Alpha of `bits` bits (8 or 16), zlib-compressed, when some pixel
    /// is translucent.
    pub alpha: Option<Vec<u8>>,
}

impl Encoded {
    /// The bytes the PDF stores for it: the data and the alpha mask.
    pub fn stored_bytes(&self) -> usize {
        self.data.len() + self.alpha.as_ref().map_or(0, Vec::len)
    }
}

/// What an image is made of.
#[derive(Debug, Clone)]
pub enum ImageData {
    /// Pixels, as the PDF stores them.
    Raster(Encoded),
    /// Drawing operators: an SVG or a PDF page.
    Vector(Box<Figure>),
}

/// A vector figure's `width` and `height` count hundredths of a point:
/// layout needs only their shape, and whole units keep it exact enough.
pub const VECTOR_UNITS_PER_POINT: f64 = 100.0;

/// One image, ready to embed.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    pub key: ImageKey,
    /// The size in pixels as a photo viewer shows it: upright. For a
    /// vector figure, its upright size in hundredths of a point.
    pub width: u32,
    pub height: u32,
    /// How the stored pixels turn upright; decoded images are turned at
    /// load and need nothing.
    pub orientation: Orientation,
    /// A photo (a JPEG file): resampled, it is compressed as JPEG again.
    pub photo: bool,
    /// The file's format as tables show it: `PNG`, `JPEG`, `GIF`, `WebP`,
    /// `SVG` or `PDF`.
    pub format: &'static str,
    /// Where the image was first named; read again only to resample it.
    pub file: FileRef,
    pub data: ImageData,
}

impl LoadedImage {
    /// The vector figure, when the image is one.
    pub fn figure(&self) -> Option<&Figure> {
        match &self.data {
            ImageData::Vector(figure) => Some(figure),
            ImageData::Raster(_) => None,
        }
    }
}

/// Every image of a deck, each prepared once.
#[derive(Debug, Default)]
pub struct ImageStore {
    /// By path and, for a PDF figure, page.
    by_path: BTreeMap<(std::path::PathBuf, Option<u32>), ImageKey>,
    images: BTreeMap<ImageKey, LoadedImage>,
    /// How the pictures that text stands on look, for the contrast check.
    backdrops: BTreeMap<ImageKey, Backdrop>,
}

impl ImageStore {
    /// Loads every named image, on all cores, refusing any of more than
    /// `max_pixels` pixels before it is decoded; an SVG's text is set with
    /// `fonts`. Each problem is reported at the place the image (or its
    /// `page:`) was named, in the file that named it; the failed image is
    /// left out.
    pub fn load<'a>(
        files: impl IntoIterator<Item = &'a FileRef>,
        under_text: &[&FileRef],
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
            load_one(file, max_pixels, fonts, backdrop)
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

/// Whether a picture is named by a web address rather than a file path.
fn is_url(written: &str) -> bool {
    let lower = written.trim_start().to_ascii_lowercase();
    ["http://", "https://", "ftp://", "data:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Why an image file cannot be used; `file` is the path as the deck wrote it.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read image `{file}` ({cause})")]
    Read { file: String, cause: String },
    #[error(
        "unsupported image format {format} in `{file}` (use PNG, JPEG, GIF, WebP, SVG or PDF)"
    )]
    Unsupported { file: String, format: String },
    #[error("image `{file}` is an empty file")]
    Empty { file: String },
    #[error("`{file}` is not a PNG, JPEG, GIF, WebP, SVG or PDF image")]
    NotAnImage { file: String },
    #[error("cannot decode {format} image `{file}` ({cause})")]
    Undecodable {
        file: String,
        format: &'static str,
        cause: String,
    },
    #[error("image `{file}` is damaged ({cause})")]
    Damaged { file: String, cause: String },
    #[error("image `{file}` is {kind}, which {readers} and deckgen cannot decode ({hint})")]
    UnusableJpeg {
        file: String,
        kind: String,
        readers: &'static str,
        hint: &'static str,
    },
    #[error(
        "image `{file}` is {width}x{height} pixels ({} megapixels), more than the {} megapixels deckgen takes (to take it, set `max_megapixels: {}` under `theme:`; or save it smaller)",
        megapixels(u64::from(*width) * u64::from(*height)),
        megapixels(*max_pixels),
        (u64::from(*width) * u64::from(*height)).div_ceil(1_000_000)
    )]
    TooLarge {
        file: String,
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    #[error("cannot resample image `{file}` ({cause})")]
    Resample { file: String, cause: String },
    #[error("cannot read {kind} figure `{file}` ({cause})")]
    Figure {
        file: String,
        kind: &'static str,
        cause: String,
    },
    #[error("PDF figure `{file}` is encrypted (deckgen reads unencrypted files only; `qpdf --decrypt in.pdf out.pdf` removes the encryption of a file without a password)")]
    Encrypted { file: String },
    #[error("PDF figure `{file}` has no page {page} (it has {pages} {})", if *pages == 1 { "page" } else { "pages" })]
    NoSuchPage { file: String, page: u32, pages: u32 },
    #[error("cannot read page {page} of PDF figure `{file}` ({cause})")]
    UnreadablePage {
        file: String,
        page: u32,
        cause: String,
    },
    #[error("figure `{file}` is {width} x {height} {unit} (a figure must be larger than 0 and at most 14400 {unit} on each side)")]
    FigureSize {
        file: String,
        width: String,
        height: String,
        unit: &'static str,
    },
    #[error("`page` is for PDF figures, and `{file}` is not a PDF file")]
    PageOfNonPdf { file: String },
}

impl ImageError {
    /// Whether the problem is the page `page:` names, to be reported there.
    fn is_about_page(&self) -> bool {
        matches!(
            self,
            ImageError::NoSuchPage { .. } | ImageError::PageOfNonPdf { .. }
        )
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

/// Reads, hashes and prepares one image file; also gives the warnings
/// about it.
/// Loads `file`, and measures its [`Backdrop`] when `backdrop` says text
/// stands on it (a raster image; a vector figure is not decoded to pixels).
fn load_one(
    file: &FileRef,
    max_pixels: u64,
    fonts: &FontFiles,
    backdrop: bool,
) -> Result<(LoadedImage, Option<Backdrop>, Vec<String>), ImageError> {
    if is_url(&file.written) {
        // Never "no such file": the user wrote an address, not a path.
        return Err(ImageError::Read {
            file: file.written.clone(),
            cause:
                "deckgen does not download pictures; save it beside the deck and give its file name"
                    .into(),
        });
    }
    let bytes = crate::files::read(&file.path, crate::files::FileKind::Picture).map_err(|err| {
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
    })?;
    let ImageKey(key) = content_key(&bytes, file);
    if let Some(kind) = figure::Kind::sniff(&bytes) {
        let (figure, notes) = load_figure(&bytes, kind, file, max_pixels, fonts)?;
        let warnings = notes
            .into_iter()
            .map(|note| format!("{} figure `{}`: {note}", kind.name(), file.written))
            .collect();
        let image = vector_image(ImageKey(key), file, kind, figure);
        return Ok((image, None, warnings));
    }
    if file.page.is_some() {
        return Err(ImageError::PageOfNonPdf {
            file: file.written.clone(),
        });
    }
    let format = identify(&bytes, &file.written)?;
    check_size(&bytes, format, max_pixels, &file.written)?;
    let written = file.written.clone();
    let prepared = prepare(bytes, format, backdrop).map_err(|problem| match problem {
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
        backdrop,
    } = prepared;
    let (width, height) = upright_size(encoded.width, encoded.height, orientation);
    let warnings = notes
        .into_iter()
        .map(|note| format!("image `{written}`: {note}"))
        .collect();
    let image = LoadedImage {
        key: ImageKey(key),
        width,
        height,
        orientation,
        photo: format == ImageFormat::Jpeg,
        format: format_name(format),
        file: file.clone(),
        data: ImageData::Raster(encoded),
    };
    Ok((image, backdrop, warnings))
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
    LoadedImage {
        key,
        width: units(width),
        height: units(height),
        orientation: Orientation::NoTransforms,
        photo: false,
        format: kind.name(),
        file: file.clone(),
        data: ImageData::Vector(Box::new(figure)),
    }
}

/// The refusal of a JPEG of `kind`, saying how to convert it.
fn unusable_jpeg(file: &str, kind: jpeg::Unusable) -> ImageError {
    const CANNOT: &str = "PDF readers cannot show";
    const DJPEG: &str = "save it as PNG, for example with `djpeg` of libjpeg-turbo 3.0 or later";
    let (kind, readers, hint) = match kind {
        jpeg::Unusable::Arithmetic => (
            "an arithmetic-coded JPEG".to_string(),
            "not every PDF reader can show",
            "convert it without loss with `jpegtran -outfile out.jpg in.jpg`",
        ),
        jpeg::Unusable::Lossless => ("a lossless JPEG".to_string(), CANNOT, DJPEG),
        jpeg::Unusable::Hierarchical => (
            "a hierarchical JPEG".to_string(),
            CANNOT,
            "save it as a baseline JPEG or a PNG",
        ),
        jpeg::Unusable::Precision(bits) => (format!("a {bits}-bit JPEG"), CANNOT, DJPEG),
    };
    ImageError::UnusableJpeg {
        file: file.to_string(),
        kind,
        readers,
        hint,
    }
}

/// The most pixels an image may have unless the user allows more: 100
/// megapixels, 400 MB once decoded as 8-bit RGBA. Far beyond any slide's
/// needs, yet a medium-format camera's photo fits; and a stop for
/// decompression bombs, whose few bytes declare a size no machine can decode.
pub const MAX_PIXELS: u64 = 100_000_000;

/// `megapixels` as a count of pixels, at least one.
pub fn pixels_of(megapixels: f64) -> u64 {
    ((megapixels * 1e6).round() as u64).max(1)
}

/// A count of pixels in megapixels, as messages show it: "75", "7.5",
/// "0.0012" (two significant digits under one megapixel).
pub fn megapixels(pixels: u64) -> String {
    let megapixels = pixels as f64 / 1e6;
    let shown = if megapixels >= 100.0 {
        format!("{megapixels:.0}")
    } else if megapixels >= 1.0 {
        format!("{megapixels:.1}")
    } else {
        let decimals = (1 - megapixels.log10().floor() as i32).max(1) as usize;
        format!("{megapixels:.decimals$}")
    };
    if shown.contains('.') {
        shown
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        shown
    }
}

/// Refuses an image whose header declares more than `max_pixels` pixels,
/// before anything is decoded. Viewers decode passed-through images too,
/// so the limit protects them as well. A header that cannot be read is
/// left for `prepare` to report in its own words.
fn check_size(
    bytes: &[u8],
    format: ImageFormat,
    max_pixels: u64,
    file: &str,
) -> Result<(), ImageError> {
    let declared =
        image::ImageReader::with_format(std::io::Cursor::new(bytes), format).into_dimensions();
    match declared {
        Ok((width, height)) if u64::from(width) * u64::from(height) > max_pixels => {
            Err(ImageError::TooLarge {
                file: file.to_string(),
                width,
                height,
                max_pixels,
            })
        }
        _ => Ok(()),
    }
}

/// The format of an image file's bytes, if deckgen reads it.
fn identify(bytes: &[u8], file: &str) -> Result<ImageFormat, ImageError> {
    let file = file.to_string();
    match image::guess_format(bytes) {
        Ok(
            format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP),
        ) => Ok(format),
        Ok(other) => {
            let name = other
                .extensions_str()
                .first()
                .unwrap_or(&"this")
                .to_uppercase();
            Err(ImageError::Unsupported { file, format: name })
        }
        Err(_) if bytes.is_empty() => Err(ImageError::Empty { file }),
        Err(_) => Err(ImageError::NotAnImage { file }),
    }
}

/// Why `prepare` refuses an image; the file's name is added later.
#[derive(Debug, PartialEq)]
enum Problem {
    /// The decoder's reason.
    Undecodable(String),
    /// What is wrong with the compressed data.
    Damaged(String),
    /// A JPEG of a kind no PDF reader takes.
    Unusable(jpeg::Unusable),
}

impl From<String> for Problem {
    fn from(reason: String) -> Problem {
        Problem::Undecodable(reason)
    }
}

impl From<&str> for Problem {
    fn from(reason: &str) -> Problem {
        Problem::Undecodable(reason.to_string())
    }
}

/// An image as the PDF will store it, how to turn it upright, what was
/// left out of it on the way (for warnings), and its backdrop when asked.
#[derive(Debug)]
struct Prepared {
    encoded: Encoded,
    orientation: Orientation,
    notes: Vec<String>,
    backdrop: Option<Backdrop>,
}

/// The image as the PDF will store it. JPEGs and opaque non-interlaced
/// PNGs are checked and kept, everything else is decoded. With `backdrop`,
/// its [`Backdrop`] is measured too: from the pixels when it is decoded
/// anyway, so no picture is decoded twice.
fn prepare(bytes: Vec<u8>, format: ImageFormat, backdrop: bool) -> Result<Prepared, Problem> {
    let mut notes = Vec::new();
    let measure = |bytes: &[u8]| backdrop.then(|| Backdrop::measure(bytes, format)).flatten();
    let (encoded, orientation, measured) = match format {
        ImageFormat::Jpeg if jpeg::lossless_frame(&bytes).is_some_and(|f| f.readable()) => {
            decoded(&bytes, format, backdrop, &mut notes)?
        }
        ImageFormat::Jpeg => {
            if let Some(kind) = jpeg::unusable(&bytes) {
                return Err(Problem::Unusable(kind));
            }
            let header = jpeg::read_header(&bytes).map_err(Problem::Undecodable)?;
            let color = match header.components {
                1 => ColorSpace::Gray,
                3 => ColorSpace::Rgb,
                4 => ColorSpace::Cmyk,
                other => return Err(Problem::Undecodable(format!("{other} colour components"))),
            };
            let measured = measure(&bytes);
            let bytes = jpeg::with_huffman_tables(bytes);
            jpeg::check_scans(&bytes).map_err(Problem::Damaged)?;
            let inverted = color == ColorSpace::Cmyk && header.adobe;
            let encoded = Encoded {
                width: header.width,
                height: header.height,
                icc: icc::usable(header.icc, &color, &mut notes),
                color,
                bits: 8,
                compression: Compression::Jpeg { rgb: header.rgb },
                data: bytes,
                inverted,
                alpha: None,
            };
            (encoded, header.orientation, measured)
        }
        ImageFormat::Png => {
            let read = png::read(&bytes)?;
            for chunk in &read.dropped {
                notes.push(format!(
                    "left out its damaged {chunk} chunk (checksum mismatch; the chunk is optional)"
                ));
            }
            match read.embed {
                Some(png) => {
                    let color = match png.color {
                        png::PngColor::Gray => ColorSpace::Gray,
                        png::PngColor::Rgb => ColorSpace::Rgb,
                        png::PngColor::Palette(table) => {
                            ColorSpace::Indexed(full_palette(table, png.bit_depth))
                        }
                    };
                    let encoded = Encoded {
                        width: png.width,
                        height: png.height,
                        icc: icc::usable(png.icc, &color, &mut notes),
                        color,
                        bits: png.bit_depth,
                        compression: Compression::PngRows,
                        data: png.idat,
                        inverted: false,
                        alpha: None,
                    };
                    (encoded, png.orientation, measure(&bytes))
                }
                None => decoded(&bytes, format, backdrop, &mut notes)?,
            }
        }
        _ => decoded(&bytes, format, backdrop, &mut notes)?,
    };
    Ok(Prepared {
        encoded,
        orientation,
        notes,
        backdrop: measured,
    })
}

/// The image in `bytes` decoded, turned upright and compressed; with
/// `backdrop`, its [`Backdrop`] measured from the same pixels.
fn decoded(
    bytes: &[u8],
    format: ImageFormat,
    backdrop: bool,
    notes: &mut Vec<String>,
) -> Result<(Encoded, Orientation, Option<Backdrop>), Problem> {
    let (pixels, icc) = decode::decode(bytes, format).map_err(Problem::Undecodable)?;
    let measured = backdrop.then(|| Backdrop::of(&pixels));
    let encoded = decode::compress(pixels, icc, notes);
    Ok((encoded, Orientation::NoTransforms, measured))
}

/// A palette of `bits`-bit indices with an entry for every index: the
/// entries a file leaves out are black, as libpng draws them (a PDF reader
/// would draw the last entry instead).
fn full_palette(mut table: Vec<u8>, bits: u8) -> Vec<u8> {
    let entries = 1usize << bits;
    table.resize(entries * 3, 0);
    table
}

/// The width and height of a `width` x `height` picture once `orientation`
/// turns it upright.
fn upright_size(width: u32, height: u32, orientation: Orientation) -> (u32, u32) {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (height, width),
        _ => (width, height),
    }
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Gif => "GIF",
        _ => "WebP",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::DynamicImage;
    use std::io::Cursor;

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
        let Prepared {
            encoded,
            orientation,
            notes,
            backdrop,
        } = prepare(bytes.clone(), ImageFormat::Jpeg, false).unwrap();
        assert_eq!(backdrop, None, "not asked for");
        assert_eq!((encoded.width, encoded.height), (8, 4));
        assert_eq!(orientation, Orientation::NoTransforms);
        assert!(notes.is_empty());
        assert_eq!(encoded.compression, Compression::Jpeg { rgb: false });
        assert_eq!(encoded.color, ColorSpace::Rgb);
        assert_eq!(encoded.data, bytes);
        assert!(!encoded.inverted);
    }

    #[test]
    fn opaque_pngs_keep_their_data_and_translucent_ones_are_decoded() {
        let opaque = image::RgbImage::from_pixel(2, 2, image::Rgb([1, 2, 3]));
        let encoded = prepare(
            encode(opaque.into(), ImageFormat::Png),
            ImageFormat::Png,
            false,
        )
        .unwrap()
        .encoded;
        assert_eq!(encoded.compression, Compression::PngRows);
        assert_eq!((encoded.color.clone(), encoded.bits), (ColorSpace::Rgb, 8));

        let mut rgba = image::RgbaImage::new(2, 2);
        rgba.put_pixel(0, 0, image::Rgba([255, 0, 0, 128]));
        let prepared = prepare(
            encode(rgba.into(), ImageFormat::Png),
            ImageFormat::Png,
            true,
        );
        let Prepared {
            encoded, backdrop, ..
        } = prepared.unwrap();
        assert_eq!(encoded.compression, Compression::Flate);
        assert!(encoded.alpha.is_some());
        // Measured from the pixels decoded for it.
        let backdrop = backdrop.expect("measured");
        assert_eq!((backdrop.columns, backdrop.rows), (64, 64));
    }

    #[test]
    fn palettes_get_an_entry_for_every_index() {
        assert_eq!(full_palette(vec![9; 6], 1), [9, 9, 9, 9, 9, 9]);
        let table = full_palette(vec![9; 6], 2);
        assert_eq!(table, [9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0]);
        assert_eq!(full_palette(vec![1; 3], 8).len(), 768);
    }

    #[test]
    fn damaged_jpeg_data_is_found() {
        let noise = image::RgbImage::from_fn(64, 64, |x, y| {
            image::Rgb([
                ((x * 37) ^ (y * 101)) as u8,
                (x * y) as u8,
                (x + 3 * y) as u8,
            ])
        });
        let jpeg = encode(noise.into(), ImageFormat::Jpeg);
        // Cut inside the scan, where headers are whole.
        let cut = jpeg[..jpeg.len() - 40].to_vec();
        assert_eq!(
            prepare(cut, ImageFormat::Jpeg, false).unwrap_err(),
            Problem::Damaged("JPEG data ends before the end of the image".into())
        );
    }

    #[test]
    fn megapixels_read_as_people_say_them() {
        assert_eq!(megapixels(75_000_000), "75");
        assert_eq!(megapixels(MAX_PIXELS), "100");
        assert_eq!(megapixels(4_294_836_225), "4295");
        assert_eq!(megapixels(7_500_000), "7.5");
        assert_eq!(megapixels(1200), "0.0012");
        assert_eq!(megapixels(1000), "0.001");
        assert_eq!(pixels_of(0.001), 1000);
        assert_eq!(pixels_of(1e-9), 1);
    }

    #[test]
    fn quarter_turns_swap_the_sides() {
        assert_eq!(upright_size(30, 20, Orientation::Rotate90), (20, 30));
        assert_eq!(upright_size(30, 20, Orientation::Rotate270FlipH), (20, 30));
        assert_eq!(upright_size(30, 20, Orientation::Rotate180), (30, 20));
        assert_eq!(upright_size(30, 20, Orientation::FlipHorizontal), (30, 20));
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(
            identify(b"hello", "a.png").unwrap_err().to_string(),
            "`a.png` is not a PNG, JPEG, GIF, WebP, SVG or PDF image"
        );
        assert_eq!(
            identify(b"", "a.png").unwrap_err().to_string(),
            "image `a.png` is an empty file"
        );
        let mut truncated = encode(DynamicImage::new_rgb8(64, 64), ImageFormat::Png);
        truncated.truncate(60);
        assert_eq!(
            prepare(truncated, ImageFormat::Png, false).unwrap_err(),
            Problem::Undecodable("unexpected end of file".into())
        );
    }
}
