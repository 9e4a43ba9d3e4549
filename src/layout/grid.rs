//! The regions of a page: margins, the content area and the footer band.

use crate::geom::{Pt, Rect};

use super::style::Style;

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

/// The tops of pieces stacked down `area`, each `(height, gap after it)`,
/// the whole stack centred vertically (from the top when it is too tall).
pub(super) fn centred_stack(area: Rect, pieces: &[(Pt, Pt)]) -> Vec<Pt> {
    let total = pieces
        .iter()
        .fold(Pt(0.0), |sum, (height, gap)| sum + *height + *gap);
    let last_gap = pieces.last().map_or(Pt(0.0), |(_, gap)| *gap);
    let mut y = area.y + ((area.height - (total - last_gap)) / 2.0).max(Pt(0.0));
    pieces
        .iter()
        .map(|(height, gap)| {
            let top = y;
            y = y + *height + *gap;
            top
        })
        .collect()
}

impl Grid {
    /// The grid of a page in `style`; with `chrome`, the content stops
    /// above the footer band.
    pub fn new(style: &Style, chrome: bool) -> Grid {
        let page = style.page;
        let spacing = style.spacing;
        let side = page.width * spacing.side_margin;
        let top = page.height * spacing.top_margin;
        let bottom = page.height * spacing.bottom_margin;
        let footer_size = page.height * spacing.footer_size;
        let gap = page.height * spacing.gap;
        let footer_height = footer_size * style.leading.footer;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stack_is_centred_without_its_last_gap() {
        let area = Rect::new(Pt(0.0), Pt(10.0), Pt(100.0), Pt(100.0));
        // 20 + 10 gap + 30 = 60 tall, so it starts 20 below the area's top.
        let tops = centred_stack(area, &[(Pt(20.0), Pt(10.0)), (Pt(30.0), Pt(99.0))]);
        assert_eq!(tops, [Pt(30.0), Pt(60.0)]);
        let tall = centred_stack(area, &[(Pt(500.0), Pt(0.0))]);
        assert_eq!(tall, [Pt(10.0)], "too tall a stack starts at the top");
    }
}
