//! `layout: image-left` / `image-right`: the image takes `split` of the
//! width, the title and caption stand on the other side, centred
//! vertically. Read as the title, the caption, then the figure and its
//! credit, whichever side the picture stands on.

use crate::diag::FileRef;
use crate::frame::{move_down, Level, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::model::{Caption, Side};
use crate::text::Weight;

use super::block::Align;
use super::chrome::has_chrome;
use super::grid::{centred_stack, Grid};
use super::place::{image_with_credit, NumberedSlide};
use super::tags::{heading, paragraph};
use super::Context;

/// What an `image-left` / `image-right` slide shows.
pub(super) struct Beside<'a> {
    pub image: &'a FileRef,
    pub caption: Option<&'a Caption>,
    pub side: Side,
    /// The image's share of the width.
    pub split: f64,
}

pub(super) fn beside_page(context: &mut Context, place: &NumberedSlide, beside: &Beside) -> Page {
    let style = context.style;
    let size = style.page;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    let gutter = grid.gap * style.beside.gutter;
    let image_width = (area.width - gutter) * beside.split;
    let text_width = area.width - gutter - image_width;
    let (image_x, text_x) = match beside.side {
        Side::Left => (area.x, area.x + image_width + gutter),
        Side::Right => (area.x + text_width + gutter, area.x),
    };
    let text_style =
        |weight, size, line_height| style.text_style(weight, size, Align::Left, line_height);
    let frame = Rect::new(image_x, area.y, image_width, area.height);
    let picture = image_with_credit(context, place, beside.image, frame);

    let title = place.title().map(|subject| {
        context.block(
            &subject,
            text_style(Weight::Bold, style.title_size, style.leading.title),
            text_width,
            area.height * style.beside.title_share,
        )
    });
    if place.slide.body().is_some() {
        // The caption as a lead and the body under it, centred with the title.
        let title_room = title.as_ref().map_or(Pt(0.0), |t| t.height() + grid.gap);
        let below_title = (area.height - title_room).max(Pt(1.0));
        let column = Rect::new(text_x, area.y, text_width, below_title);
        let (mut text, height) = place.lead_and_body(context, beside.caption, column, &style);
        let mut pieces: Vec<(Pt, Pt)> = title
            .iter()
            .map(|title| (title.height(), grid.gap))
            .collect();
        pieces.push((height, Pt(0.0)));
        let tops = centred_stack(area, &pieces);
        let mut items: Vec<_> = Vec::new();
        if let Some(title) = &title {
            items.extend(heading(
                Level::Slide,
                title.place(text_x, tops[0], text_width),
            ));
        }
        move_down(&mut text, tops[tops.len() - 1] - area.y);
        items.extend(text);
        items.extend(picture);
        return Page::new(PageKind::Slide, size, style.background, items);
    }
    let caption = beside.caption.map(|caption| {
        let subject = place.subject(&caption.text, "caption");
        context.caption(
            &subject,
            caption.formulas.as_deref(),
            text_style(Weight::Regular, style.caption_size, style.leading.body),
            text_width,
            area.height * style.beside.caption_share,
        )
    });
    let mut pieces: Vec<(Pt, Pt)> = title
        .iter()
        .map(|title| (title.height(), grid.gap))
        .collect();
    if let Some(block) = &caption {
        pieces.push((block.height(), Pt(0.0)));
    }
    let mut tops = centred_stack(area, &pieces).into_iter();
    let mut items: Vec<_> = Vec::new();
    if let Some(title) = &title {
        let top = tops.next().unwrap_or(area.y);
        items.extend(heading(Level::Slide, title.place(text_x, top, text_width)));
    }
    if let (Some(block), Some(top)) = (caption, tops.next()) {
        items.extend(paragraph(block.place_all(text_x, top, text_width)));
    }
    items.extend(picture);
    Page::new(PageKind::Slide, size, style.background, items)
}
