//! Footer text, page numbers, the progress bar and the logo, on every page
//! but the title slide.

use crate::frame::{FillRect, ImageItem, Item, Layer, Page};
use crate::geom::{Pt, Rect};
use crate::model::{LogoPosition, PageNumbers};
use crate::text::Weight;

use super::block::{Align, Subject, TextStyle};
use super::grid::Grid;
use super::Context;

/// Whether the theme puts anything in the footer band.
pub(super) fn has_chrome(context: &Context) -> bool {
    let theme = context.deck.theme();
    theme.page_numbers() != PageNumbers::Off
        || theme.footer().is_some()
        || (theme.logo().is_some() && theme.logo_position().at_bottom())
}

/// The theme's logo on a page laid out on `grid`: at most its share of the
/// top margin tall and so many times that wide (`Style::chrome`: 60 % and
/// four times), its shape kept. At the top it
/// stands centred in the top margin, above every slide's content; at the
/// bottom it sits on the footer band's baseline row, at the band's edge.
pub(super) fn logo(context: &Context, grid: &Grid, position: LogoPosition) -> Option<ImageItem> {
    let file = context.deck.theme().logo()?;
    let image = context.images.image_for(file)?;
    let page = context.style.page;
    let top_margin = page.height * context.style.spacing.top_margin;
    let room = context.style.chrome;
    let most = top_margin * room.logo_height;
    let (image_width, image_height) = image.size();
    let shape = image_width as f64 / image_height.max(1) as f64;
    let width = (most * shape).min(most * room.logo_widest);
    let height = width / shape;
    let x = if position.at_right() {
        grid.footer.right() - width
    } else {
        grid.footer.x
    };
    let y = if position.at_bottom() {
        grid.footer.bottom() - height
    } else {
        (top_margin - height) / 2.0
    };
    Some(ImageItem {
        image: image.clone(),
        placed: Rect::new(x, y, width, height),
        clip: None,
        layer: Layer::Content,
    })
}

/// `page`, the one at `index` (from 0) of `context.pages`, with the footer,
/// its page number `label` and the progress bar added.
pub(super) fn with_chrome(
    context: &mut Context,
    mut page: Page,
    label: &str,
    index: usize,
) -> Page {
    let grid = Grid::new(&context.style, has_chrome(context));
    let theme = context.deck.theme();
    let style = context.style;
    let ink = page
        .background
        .most_legible(&[style.text, style.background])
        .mix(page.background, style.footer_fade);
    let text_style = TextStyle {
        weight: Weight::Regular,
        size: grid.footer_size,
        color: ink,
        align: Align::Left,
        line_height: style.leading.footer,
    };
    let mut band = grid.footer;
    let position = theme.logo_position();
    if let Some(logo) = logo(context, &grid, position) {
        if position.at_bottom() {
            // The footer text and page number keep clear of it.
            let room = logo.placed.width + grid.gap;
            band.width = band.width - room;
            if !position.at_right() {
                band.x = band.x + room;
            }
        }
        page.items.push(Item::Image(logo));
    }
    // Right-to-left languages put the page number on the left and the
    // footer on the right.
    let rtl = context.deck.strings().right_to_left();
    let (number_align, footer_align) = if rtl {
        (Align::Left, Align::Right)
    } else {
        (Align::Right, Align::Left)
    };
    let mut number_width = Pt(0.0);
    if theme.progress() {
        // Along the page's bottom edge, inside the bottom margin.
        let height = (grid.gap * style.chrome.progress_height).max(style.chrome.progress_least);
        let done = (index + 1) as f64 / context.pages.max(1) as f64;
        let width = page.size.width * done.min(1.0);
        page.items.push(Item::Rect(FillRect {
            rect: Rect::new(Pt(0.0), page.size.height - height, width, height),
            color: style.accent,
            layer: Layer::Content,
            opacity: 100,
        }));
    }
    let number = match theme.page_numbers() {
        PageNumbers::Off => None,
        PageNumbers::Plain => Some(label.to_string()),
        PageNumbers::Total => Some(format!("{label} / {}", context.pages)),
    };
    if let Some(number) = number {
        let subject = Subject {
            text: &number,
            span: None,
            what: "a page number".into(),
        };
        let block = context.block(
            &subject,
            TextStyle {
                align: number_align,
                ..text_style
            },
            band.width,
            band.height,
        );
        number_width = block.width();
        page.items.extend(block.place(band.x, band.y, band.width));
    }
    if let Some(footer) = context.deck.theme().footer() {
        let room = band.width - number_width - grid.gap * 2.0;
        let subject = Subject {
            text: &footer.text,
            span: Some(footer.span),
            what: "the footer".into(),
        };
        let text_style = TextStyle {
            align: footer_align,
            ..text_style
        };
        let block = context.block(&subject, text_style, room, band.height);
        let x = if rtl { band.right() - room } else { band.x };
        page.items.extend(block.place(x, band.y, room));
    }
    page
}
