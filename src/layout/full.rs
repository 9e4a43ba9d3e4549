//! `layout: full`: the image covers the page; the title and caption stand
//! on a band across its bottom (or top), in the page colour, so the text
//! reads on any photo. Read as the figure (drawn first, under the band),
//! then the title, the caption and the credit.

use crate::color::Color;
use crate::diag::FileRef;
use crate::frame::{move_down, FillRect, Item, Layer, Level, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::model::{Band, Caption, Fit};
use crate::text::Weight;

use super::block::{Align, Block, TextStyle};
use super::chrome::has_chrome;
use super::grid::Grid;
use super::place::{slide_image, NumberedSlide};
use super::style::Style;
use super::tags::{figure, heading, paragraph};
use super::Context;

pub(super) fn full_page(
    context: &mut Context,
    place: &NumberedSlide,
    image: &FileRef,
    caption: Option<&Caption>,
    band: Band,
) -> Page {
    let style = context.style;
    let size = style.page;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    let band_color = style.background;
    let ink = band_color.most_legible(&[style.text, style.background, Color::WHITE]);
    let text_style = |weight, size, line_height| TextStyle {
        weight,
        size,
        color: ink,
        align: Align::Left,
        line_height,
    };
    let picture = slide_image(
        context,
        place.slide,
        image,
        Rect::from_size(size),
        (Fit::Cover, place.slide.focus()),
        Layer::Underlay,
    );
    let mut items = figure(place.slide.content().alt(), picture);

    let title = place.title().map(|subject| {
        context.block(
            &subject,
            text_style(Weight::Bold, style.title_size, style.leading.title),
            area.width,
            size.height * style.full.title_share,
        )
    });
    // Below the title, when there is one.
    let title_room = title
        .as_ref()
        .map_or(Pt(0.0), |title| title.height() + grid.gap);
    // With a body, the caption is its lead and both stand on the band,
    // in the band's colours; set here, moved into place below.
    let lead_and_body = lead_and_body_on_band(context, place, caption, &grid, ink);
    let caption = caption.filter(|_| lead_and_body.is_none());
    let caption = caption.map(|caption| {
        let subject = place.subject(&caption.text, "caption");
        context.caption(
            &subject,
            caption.formulas.as_deref(),
            text_style(Weight::Regular, style.caption_size, style.leading.body),
            area.width,
            size.height * style.full.caption_share,
        )
    });
    let credit = credit_line(
        context,
        place,
        &grid,
        text_style(Weight::Regular, grid.footer_size, style.leading.footer),
    );
    let credit_height = credit
        .as_ref()
        .map_or(Pt(0.0), |block| grid.gap / 2.0 + block.height());
    let text_height = match (&caption, &lead_and_body) {
        (Some(block), _) => title_room + block.height(),
        (None, Some((_, height))) => title_room + *height,
        (None, None) => title.as_ref().map_or(Pt(0.0), Block::height),
    } + credit_height;
    // An untitled picture with no text or credit gets no band over it.
    let bare = title.is_none() && caption.is_none() && lead_and_body.is_none() && credit.is_none();
    let (bands, top) = band_items(context, &grid, band, text_height, bare);
    items.extend(bands);
    if let Some(title) = &title {
        items.extend(heading(Level::Slide, title.place(area.x, top, area.width)));
    }
    if let Some(block) = caption {
        let y = top + title_room;
        items.extend(paragraph(block.place_all(area.x, y, area.width)));
    }
    if let Some((mut text, _)) = lead_and_body {
        move_down(&mut text, top + title_room - area.y);
        items.extend(text);
    }
    if let Some(credit) = credit {
        let y = top + text_height - credit.height();
        items.extend(paragraph(credit.place(area.x, y, area.width)));
    }
    Page::new(PageKind::Slide, size, style.background, items)
}

/// The photo's credit: a small line at the band's right, under the text,
/// set in `style` but right-aligned.
fn credit_line(
    context: &mut Context,
    place: &NumberedSlide,
    grid: &Grid,
    style: TextStyle,
) -> Option<Block> {
    let credit = place.slide.credit()?;
    let style = TextStyle {
        align: Align::Right,
        ..style
    };
    let height = style.size * style.line_height;
    Some(context.block(
        &place.subject(credit, "credit"),
        style,
        grid.content.width,
        height,
    ))
}

/// With a body, the slide's caption as its lead and the body, set in the
/// band's colours from the top of the content area (moved onto the band
/// once its place is known): their items and height.
fn lead_and_body_on_band(
    context: &mut Context,
    place: &NumberedSlide,
    caption: Option<&Caption>,
    grid: &Grid,
    ink: Color,
) -> Option<(Vec<Item>, Pt)> {
    place.slide.body()?;
    let style = context.style;
    let on_band = Style { text: ink, ..style };
    let area = grid.content;
    let room = Rect::new(
        area.x,
        area.y,
        area.width,
        style.page.height * style.full.body_share,
    );
    Some(place.lead_and_body(context, caption, room, &on_band))
}

/// The band under a `full` slide's text, `text_height` tall, at `band`
/// (none when the picture is `bare`), and the strip the footer stands on
/// where the band does not hold it: their items, and where the text
/// starts.
fn band_items(
    context: &Context,
    grid: &Grid,
    band: Band,
    text_height: Pt,
    bare: bool,
) -> (Vec<Item>, Pt) {
    let (area, size) = (grid.content, context.style.page);
    let padding = grid.gap;
    // The band reaches the page's edge; the text keeps to the content area,
    // above the footer when there is one.
    let (band_rect, top) = match band {
        Band::Bottom => {
            let top = area.bottom() - text_height;
            let band_top = top - padding;
            (
                Rect::new(Pt(0.0), band_top, size.width, size.height - band_top),
                top,
            )
        }
        Band::Top => {
            let bottom = area.y + text_height + padding;
            (Rect::new(Pt(0.0), Pt(0.0), size.width, bottom), area.y)
        }
    };
    let mut bands: Vec<Rect> = (!bare).then_some(band_rect).into_iter().collect();
    if (band == Band::Top || bare) && has_chrome(context) {
        // The footer and page number stand on a strip of their own.
        let top = grid.footer.y - grid.gap / 2.0;
        bands.push(Rect::new(Pt(0.0), top, size.width, size.height - top));
    }
    let style = context.style;
    let items = bands
        .into_iter()
        .map(|rect| {
            Item::Rect(FillRect {
                rect,
                color: style.background,
                layer: Layer::Band,
                opacity: style.band_opacity,
            })
        })
        .collect();
    (items, top)
}
