//! The regions of a page: margins, the content area and the footer band.

use crate::geom::{Pt, Rect, Size};

/// Side margins as a share of the page width.
const SIDE_MARGIN: f64 = 0.05;
/// Top margin as a share of the page height.
const TOP_MARGIN: f64 = 0.065;
/// Space under the footer band, as a share of the page height.
const BOTTOM_MARGIN: f64 = 0.035;
/// Footer text size as a share of the page height (12 pt on a 16:9 slide).
const FOOTER_SIZE: f64 = 12.0 / 540.0;
/// The usual gap between stacked blocks, as a share of the page height.
const GAP: f64 = 0.026;

/// Where things go on a page of a given size.
#[derive(Debug, Clone, Copy)]
pub(super) struct Grid {
    /// The area for a slide's own content.
    pub content: Rect,
    /// The band for footer text and the page number.
    pub footer: Rect,
    pub footer_size: Pt,
    /// Vertical space between blocks.
    pub gap: Pt,
}

impl Grid {
    /// The grid of a page; with `chrome`, the content stops above the footer band.
    pub fn new(page: Size, chrome: bool) -> Grid {
        let side = page.width * SIDE_MARGIN;
        let top = page.height * TOP_MARGIN;
        let bottom = page.height * BOTTOM_MARGIN;
        let footer_size = page.height * FOOTER_SIZE;
        let gap = page.height * GAP;
        let footer_height = footer_size * 1.3;
        let footer = Rect::new(
            side,
            page.height - bottom - footer_height,
            page.width - side * 2.0,
            footer_height,
        );
        let content_bottom = if chrome {
            footer.y - gap
        } else {
            page.height - top
        };
        Grid {
            content: Rect::new(side, top, page.width - side * 2.0, content_bottom - top),
            footer,
            footer_size,
            gap,
        }
    }
}
