//! Content slides in the standard layout: title on top, caption under it,
//! the image in the rest; or, without an image, the caption set large in
//! the middle.

use crate::diag::FileRef;
use crate::frame::{Item, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::model::Caption;
use crate::text::Weight;

use super::block::Align;
use super::chrome::has_chrome;
use super::grid::Grid;
use super::place::{image_with_credit, text_link, NumberedSlide};
use super::tags::paragraph;
use super::Context;

/// What a standard slide shows under its title.
pub(super) enum Standard<'a> {
    /// A caption set large in the middle, or as the lead of a body.
    Text(&'a Caption),
    /// Only a body, under the title.
    Body,
    /// An image, with a caption above it or not.
    Picture {
        caption: Option<&'a Caption>,
        image: &'a FileRef,
    },
}

/// A slide in the standard layout, showing `standard` under its title.
pub(super) fn standard_page(
    context: &mut Context,
    place: &NumberedSlide,
    standard: Standard,
) -> Page {
    let slide = place.slide;
    let style = context.style;
    let room = style.slide;
    let size = style.page;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;

    let (mut items, y) = place.title_on_top(context, &grid);

    let (caption, image) = match standard {
        Standard::Text(caption) if slide.body().is_none() => {
            let large = style.text_style(
                Weight::Regular,
                style.caption_size * room.text_slide_scale,
                Align::Center,
                style.leading.body,
            );
            let subject = place.subject(&caption.text, "caption");
            let formulas = caption.formulas.as_deref();
            let rest = area.bottom() - y;
            // Set large, but it may shrink as far as any caption.
            let floor = style.caption_size / 2.0;
            let block =
                context.caption_with_floor(&subject, formulas, large, floor, area.width, rest);
            let top = y + (rest - block.height()) / 2.0;
            let placed = block.place(area.x, top, area.width);
            // Without an image to click, the caption itself opens the link.
            let mut caption_items: Vec<Item> =
                text_link(slide, &placed.lines).into_iter().collect();
            caption_items.extend(placed.links);
            caption_items.extend(placed.lines);
            items.extend(paragraph(caption_items));
            return Page::new(PageKind::Slide, size, style.background, items);
        }
        Standard::Text(caption) => (Some(caption), None),
        Standard::Body => (None, None),
        Standard::Picture { caption, image } => (caption, Some(image)),
    };
    // A body above a picture leaves the picture the rest of the room.
    let share = if image.is_some() {
        room.body_share_above_picture
    } else {
        1.0
    };
    let text_room = Rect::new(area.x, y, area.width, (area.bottom() - y) * share);
    let (text, height) = place.lead_and_body(context, caption, text_room, &style);
    let Some(image) = image else {
        let mut text = text;
        // Without an image to click, the text itself opens the link.
        text.extend(text_link(slide, &text));
        items.extend(text);
        return Page::new(PageKind::Slide, size, style.background, items);
    };
    items.extend(text);
    let y = if height.0 > 0.0 {
        y + height + grid.gap
    } else {
        y
    };
    let frame = Rect::new(area.x, y, area.width, (area.bottom() - y).max(Pt(1.0)));
    items.extend(image_with_credit(context, place, image, frame));
    Page::new(PageKind::Slide, size, style.background, items)
}
