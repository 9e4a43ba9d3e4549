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
//! at once, so decoded pixels live only while their image is prepared; a
//! plain PNG with alpha, the common drawing, is even decoded, split and
//! compressed a row at a time.

mod alpha_png;
mod color_grid;
mod decode;
mod errors;
mod figure;
mod icc;
mod jpeg;
mod png;
mod raster;
mod remote;
mod resample;
mod store;
mod types;

pub use image::metadata::Orientation;

pub use color_grid::ColorGrid;
pub use errors::ImageError;
pub use figure::{objects as figure_objects, Figure, FontFiles, Kind as FigureKind};
pub use raster::{megapixels, pixels_of, MAX_PIXELS};
pub use remote::Network;
pub use resample::Rework;
pub use store::{is_local, is_missing, missing_warning, ImageStore, LoadedImages};
pub use types::{
    ColorSpace, Compression, Encoded, ImageHandle, ImageKey, LoadedImage, RasterImage, VectorImage,
    VECTOR_UNITS_PER_POINT,
};
