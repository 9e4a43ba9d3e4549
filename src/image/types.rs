//! What a loaded image is: its identity, its samples as the PDF stores
//! them, or its drawing.

use std::sync::Arc;

use super::{Figure, FigureKind, Orientation};
use crate::diag::FileRef;

/// An image's identity: a hash of its file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImageKey(pub [u8; 16]);

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
    /// zlib, each row led by a PNG filter byte: a PNG's own image data,
    /// or decoded pixels written so (`/FlateDecode` with `/Predictor 15`).
    PngRows,
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
    /// Alpha of `bits` bits (8 or 16), as PNG rows, when some pixel is
    /// translucent.
    pub alpha: Option<Vec<u8>>,
}

impl Encoded {
    /// The bytes the PDF stores for it: the data and the alpha mask.
    pub fn stored_bytes(&self) -> usize {
        self.data.len() + self.alpha.as_ref().map_or(0, Vec::len)
    }
}

/// A vector figure's `width` and `height` count hundredths of a point:
/// layout needs only their shape, and whole units keep it exact enough.
pub const VECTOR_UNITS_PER_POINT: f64 = 100.0;

/// One image, ready to embed: pixels or a drawing.
#[derive(Debug, Clone)]
pub enum LoadedImage {
    Raster(RasterImage),
    Vector(VectorImage),
}

/// A picture of pixels: a PNG, JPEG, GIF or WebP file.
#[derive(Debug, Clone)]
pub struct RasterImage {
    pub key: ImageKey,
    /// The size in pixels as a photo viewer shows it: upright.
    pub width: u32,
    pub height: u32,
    /// How the stored pixels turn upright; decoded images are turned at
    /// load and need nothing.
    pub orientation: Orientation,
    /// A photo (a JPEG file): resampled, it is compressed as JPEG again.
    pub photo: bool,
    /// The file's format as tables show it: `PNG`, `JPEG`, `GIF` or `WebP`.
    pub format: &'static str,
    /// Where the image was first named; read again only to resample it.
    pub file: FileRef,
    /// The pixels, as the PDF stores them.
    pub encoded: Encoded,
}

/// A drawing: an SVG or a page of a PDF, drawn at any size.
#[derive(Debug, Clone)]
pub struct VectorImage {
    pub key: ImageKey,
    /// Its upright size in hundredths of a point
    /// ([`VECTOR_UNITS_PER_POINT`]).
    pub width: u32,
    pub height: u32,
    pub kind: FigureKind,
    /// Where the figure was first named.
    pub file: FileRef,
    /// Its drawing operators.
    pub figure: Box<Figure>,
}

impl LoadedImage {
    pub fn key(&self) -> ImageKey {
        match self {
            LoadedImage::Raster(raster) => raster.key,
            LoadedImage::Vector(vector) => vector.key,
        }
    }

    /// Where the image was first named.
    pub fn file(&self) -> &FileRef {
        match self {
            LoadedImage::Raster(raster) => &raster.file,
            LoadedImage::Vector(vector) => &vector.file,
        }
    }

    /// The file's format as tables show it: `PNG`, `JPEG`, `GIF`, `WebP`,
    /// `SVG` or `PDF`.
    pub fn format(&self) -> &'static str {
        match self {
            LoadedImage::Raster(raster) => raster.format,
            LoadedImage::Vector(vector) => vector.kind.name(),
        }
    }

    /// Its upright width and height, whose shape layout keeps: pixels, or
    /// a vector figure's hundredths of a point.
    pub fn size(&self) -> (u32, u32) {
        match self {
            LoadedImage::Raster(raster) => (raster.width, raster.height),
            LoadedImage::Vector(vector) => (vector.width, vector.height),
        }
    }

    /// How the stored image turns upright: a vector figure is upright.
    pub fn orientation(&self) -> Orientation {
        match self {
            LoadedImage::Raster(raster) => raster.orientation,
            LoadedImage::Vector(_) => Orientation::NoTransforms,
        }
    }

    /// The vector figure, when the image is one.
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            LoadedImage::Vector(vector) => Some(&vector.figure),
            LoadedImage::Raster(_) => None,
        }
    }
}

/// A loaded image as the display list holds it: shared, not copied, so a
/// page that draws an image holds the image itself, and drawing it needs
/// no store to find it in.
#[derive(Clone)]
pub struct ImageHandle(Arc<LoadedImage>);

impl ImageHandle {
    pub fn new(image: LoadedImage) -> ImageHandle {
        ImageHandle(Arc::new(image))
    }

    pub fn key(&self) -> ImageKey {
        self.0.key()
    }

    /// The image itself: moved out when this is its last handle (as when
    /// the PDF writer has drawn every page), copied otherwise.
    pub fn into_image(self) -> LoadedImage {
        Arc::unwrap_or_clone(self.0)
    }
}

impl std::ops::Deref for ImageHandle {
    type Target = LoadedImage;

    fn deref(&self) -> &LoadedImage {
        &self.0
    }
}

/// Names the image by its key: its data is far too long to print.
impl std::fmt::Debug for ImageHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ImageHandle").field(&self.0.key()).finish()
    }
}
