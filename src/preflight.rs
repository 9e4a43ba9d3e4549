//! The preflight table of `deckgen check`: for each image, the slides that
//! use it and how sharp it comes out on screen and in print.
//!
//! Resolution is in pixels per inch (ppi) at the image's largest placement,
//! the one that needs the most pixels. Pure: the file sizes and formats the
//! table also shows are the caller's to read.

use crate::diag::FileRef;
use crate::frame::{untagged, Item};
use crate::geom::Size;
use crate::image::{ImageKey, LoadedImage};
use crate::layout::Paper;
use crate::LaidOut;

/// A full-HD screen or projector, in pixels: the page fills as much of it as
/// its shape allows.
const SCREEN_PIXELS: (f64, f64) = (1920.0, 1080.0);
/// Print looks sharp from this many pixels per inch.
pub const PRINT_PPI: f64 = 300.0;
/// Under this many pixels per inch in print, an image looks soft or blocky.
pub const LOW_PRINT_PPI: f64 = 150.0;
/// Under this many pixels per inch at slide size, an image is blown up by
/// half again or more on a full-HD screen (which shows a 16:9 slide at
/// 144), and looks soft there.
pub const LOW_SCREEN_PPI: f64 = 96.0;
/// An image with more than this many times the resolution its page needs
/// makes the PDF larger and slower for nothing anyone sees.
pub const OVERSIZE_FACTOR: f64 = 3.0;

/// The handout that preflight prints for: six slides to an A4 sheet.
const HANDOUT_SLIDES: usize = 6;
const HANDOUT_PAPER: Paper = Paper::A4;

/// How much a page of `size` is scaled down on the 6-up A4 handout, as
/// `--handout 6` places it.
pub fn handout_scale(size: Size) -> f64 {
    crate::layout::handout_scale(HANDOUT_SLIDES, HANDOUT_PAPER, size)
}

/// The resolution a page of `size` needs at slide size: enough for a
/// full-HD screen and for print on the 6-up handout, whichever is more.
pub fn needed_ppi(size: Size) -> f64 {
    let screen =
        (SCREEN_PIXELS.0 / size.width.to_inches()).min(SCREEN_PIXELS.1 / size.height.to_inches());
    screen.max(PRINT_PPI * handout_scale(size))
}

/// One slide that shows an image.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageUse {
    /// The section's number, from 1.
    pub section: usize,
    /// The slide's number in its section, from 1.
    pub slide: usize,
    /// The page's label: the number printed on it.
    pub page: String,
}

/// One row of the table: an image (by content) and where it goes.
#[derive(Debug, Clone)]
pub struct ImagePreflight {
    /// The image as the deck first names it.
    pub file: FileRef,
    pub uses: Vec<ImageUse>,
    /// `PNG`, `JPEG`, `GIF`, `WebP`, `SVG` or `PDF`.
    pub format: &'static str,
    /// How sharp it comes out at its largest placement.
    pub resolution: Resolution,
}

/// How sharp an image comes out at its largest placement, the one that
/// needs the most pixels.
#[derive(Debug, Clone)]
pub enum Resolution {
    /// A raster image's pixels.
    Raster(RasterResolution),
    /// A vector figure (an SVG or PDF page), sharp at any size: the raster
    /// images inside it. `placed_inches`: its largest placed width.
    Vector {
        placed_inches: f64,
        inside: Vec<InnerRaster>,
    },
}

impl Resolution {
    /// Whether this placement needs more pixels than `other`, a placement
    /// of the same image.
    fn finer_than(&self, other: &Resolution) -> bool {
        match (self, other) {
            (Resolution::Raster(this), Resolution::Raster(other)) => {
                this.slide_ppi < other.slide_ppi
            }
            (
                Resolution::Vector { placed_inches, .. },
                Resolution::Vector {
                    placed_inches: other,
                    ..
                },
            ) => placed_inches > other,
            _ => false,
        }
    }
}

/// A raster image's pixels and their resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct RasterResolution {
    /// Pixels, upright.
    pub width: u32,
    pub height: u32,
    /// Pixels per inch at its largest placement, on the slide.
    pub slide_ppi: f64,
    /// Pixels per inch at that placement on the 6-up A4 handout.
    pub print_ppi: f64,
    /// The resolution its page needs at slide size (see [`needed_ppi`]).
    pub needed_ppi: f64,
}

/// A raster image inside a vector figure, with the resolution it has when
/// it spans the whole figure: at least that much, since it may fill less.
#[derive(Debug, Clone, PartialEq)]
pub struct InnerRaster {
    pub width: u32,
    pub height: u32,
    pub slide_ppi: f64,
    pub print_ppi: f64,
}

impl RasterResolution {
    /// Whether the image looks soft on the handout.
    pub fn low_in_print(&self) -> bool {
        self.print_ppi < LOW_PRINT_PPI
    }

    /// Whether the image looks soft on a full-HD screen.
    pub fn low_on_screen(&self) -> bool {
        self.slide_ppi < LOW_SCREEN_PPI
    }

    /// Whether the image has far more pixels than its page needs.
    pub fn oversized(&self) -> bool {
        self.slide_ppi > OVERSIZE_FACTOR * self.needed_ppi
    }

    /// An estimate of the bytes saved from an image file of `file_bytes`
    /// by scaling it down to `max_ppi` at its largest placement (what
    /// `--max-ppi` will do): a file's size taken as proportional to its
    /// pixels, which fall with the square of the resolution.
    pub fn bytes_saved_at(&self, max_ppi: f64, file_bytes: u64) -> u64 {
        if self.slide_ppi <= max_ppi {
            return 0;
        }
        let kept = (max_ppi / self.slide_ppi).powi(2);
        (file_bytes as f64 * (1.0 - kept)).round() as u64
    }
}

/// How sharp `image` comes out placed `placed_inches` wide on a page that
/// needs `needed_ppi`, printed at `scale` on the handout.
fn resolution(image: &LoadedImage, placed_inches: f64, needed_ppi: f64, scale: f64) -> Resolution {
    match image {
        LoadedImage::Raster(raster) => {
            let slide_ppi = f64::from(raster.width) / placed_inches;
            Resolution::Raster(RasterResolution {
                width: raster.width,
                height: raster.height,
                slide_ppi,
                print_ppi: slide_ppi / scale,
                needed_ppi,
            })
        }
        LoadedImage::Vector(vector) => Resolution::Vector {
            placed_inches,
            inside: vector
                .figure
                .rasters()
                .into_iter()
                .map(|(width, height)| {
                    let slide_ppi = f64::from(width) / placed_inches;
                    InnerRaster {
                        width,
                        height,
                        slide_ppi,
                        print_ppi: slide_ppi / scale,
                    }
                })
                .collect(),
        },
    }
}

/// One row per image of the laid-out deck, in the order the deck first uses them.
pub fn preflight(laid_out: &LaidOut) -> Vec<ImagePreflight> {
    let LaidOut {
        deck,
        images,
        document,
        ..
    } = laid_out;
    let page_size = deck.theme().aspect().page_size();
    let needed = needed_ppi(page_size);
    let scale = handout_scale(page_size);
    let mut rows: Vec<(ImageKey, ImagePreflight)> = Vec::new();
    let pages = crate::layout::pages_of_slides(deck);
    for (section_index, section) in deck.sections().iter().enumerate() {
        for (slide_index, slide) in section.slides().iter().enumerate() {
            for file in slide.image_files() {
                let Some(loaded) = images.image_for(file) else {
                    continue;
                };
                let page = &document.pages[pages[section_index][slide_index]];
                let placed = untagged(&page.items)
                    .into_iter()
                    .find_map(|item| match item {
                        Item::Image(image) if image.image.key() == loaded.key() => {
                            Some(image.placed)
                        }
                        _ => None,
                    });
                let Some(placed) = placed else { continue };
                let resolution = resolution(loaded, placed.width.to_inches(), needed, scale);
                let used = ImageUse {
                    section: section_index + 1,
                    slide: slide_index + 1,
                    page: page.label.clone(),
                };
                match rows.iter_mut().find(|(key, _)| *key == loaded.key()) {
                    Some((_, row)) => {
                        row.uses.push(used);
                        if resolution.finer_than(&row.resolution) {
                            row.resolution = resolution;
                        }
                    }
                    None => rows.push((
                        loaded.key(),
                        ImagePreflight {
                            file: file.clone(),
                            uses: vec![used],
                            format: loaded.format(),
                            resolution,
                        },
                    )),
                }
            }
        }
    }
    rows.into_iter().map(|(_, row)| row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Aspect;

    /// The scale of the first slide on the first sheet of the real 6-up
    /// A4 handout of a one-slide deck of `aspect`.
    fn imposed_scale(aspect: &str) -> f64 {
        use crate::diag::Diagnostics;
        use crate::frame::{untagged, Item};
        use crate::layout::{layout, on_paper, PaperLayout, PaperOptions};
        let yaml = format!(
            "title: T\ntitle_slide: false\ntheme:\n  aspect: '{aspect}'\nsections:\n  - title: S\n    divider: false\n    slides:\n      - caption: c\n"
        );
        let mut diagnostics = Diagnostics::new();
        let deck = crate::model::parse_and_validate(
            &yaml,
            std::path::Path::new("deck.yaml"),
            std::path::Path::new(""),
            &mut diagnostics,
        )
        .expect("the test deck is valid");
        let fonts = crate::text::FontSet::builtin();
        let images = crate::image::ImageStore::with_sizes(&[]);
        let slides = layout(&deck, &fonts, &images, &mut diagnostics);
        let options = PaperOptions {
            paper: HANDOUT_PAPER,
            skip_dividers: false,
            date: None,
        };
        let handout = on_paper(
            &slides,
            &deck,
            &fonts,
            &images,
            PaperLayout::Handout(HANDOUT_SLIDES),
            &options,
            &mut diagnostics,
        );
        untagged(&handout.pages[0].items)
            .into_iter()
            .find_map(|item| match item {
                Item::Group(group) => Some(group.transform.scale),
                _ => None,
            })
            .expect("the sheet shows the slide")
    }

    #[test]
    fn the_scale_is_the_real_handouts_for_every_aspect() {
        for (aspect, name) in Aspect::ALL.iter().zip(Aspect::NAMES) {
            let scale = handout_scale(aspect.page_size());
            let imposed = imposed_scale(name);
            assert!(
                (scale - imposed).abs() < 1e-9,
                "{name}: {scale} vs {imposed}"
            );
        }
    }

    #[test]
    fn a_wide_slide_prints_at_a_quarter_of_its_size() {
        let size = Aspect::Wide16x9.page_size();
        let scale = handout_scale(size);
        // 86 mm wide: A4's 210 mm less two 15 mm margins and an 8 mm
        // gutter, halved. (The height the cell leaves is not the limit.)
        assert!((size.width.to_mm() * scale - 86.0).abs() < 1e-9);
        assert!((size.height.to_mm() * scale - 48.4).abs() < 0.05);
        // A full-HD screen needs 144 ppi across 13.33 in; print needs 300 ppi at 0.254.
        assert!((needed_ppi(size) - 144.0).abs() < 1e-9);
    }

    #[test]
    fn savings_fall_with_the_square_of_the_resolution() {
        let row = RasterResolution {
            width: 4000,
            height: 3000,
            slide_ppi: 600.0,
            print_ppi: 2258.0,
            needed_ppi: 144.0,
        };
        assert!(row.oversized());
        assert!(!row.low_in_print());
        assert!(!row.low_on_screen());
        assert_eq!(row.bytes_saved_at(300.0, 1_000_000), 750_000);
        assert_eq!(row.bytes_saved_at(900.0, 1_000_000), 0);
    }
}
