//! Why an image cannot be used, in the words a user reads.

use super::jpeg;
use super::megapixels;

/// Why an image file cannot be used; `file` is the path as the deck wrote it.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read image `{file}` ({cause})")]
    Read { file: String, cause: String },
    #[error("cannot download image `{url}` ({reason})")]
    Download { url: String, reason: String },
    #[error("cannot download image `{url}` (deckgen downloads only `https://` addresses: write `https://` if the site serves the picture that way, or save it beside the deck and give its file name)")]
    NotHttps { url: String },
    #[error("image `{url}` is not in the download cache, and `--offline` uses only pictures downloaded before (run once without `--offline` to download it)")]
    NotDownloaded { url: String },
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
    pub(super) fn is_about_page(&self) -> bool {
        matches!(
            self,
            ImageError::NoSuchPage { .. } | ImageError::PageOfNonPdf { .. }
        )
    }
}

/// The refusal of a JPEG of `kind`, saying how to convert it.
pub(super) fn unusable_jpeg(file: &str, kind: jpeg::Unusable) -> ImageError {
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
