//! `layout: pair`: two to four pictures side by side in equal cells, each
//! with its caption under it, the slide's caption under all of them. Read
//! as the title, each figure followed by its credit and its caption, then
//! the slide's caption.

use crate::frame::{move_down, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::model::{Caption, PairImage};
use crate::text::Weight;

use super::block::Align;
use super::caption::CaptionBlock;
use super::chrome::has_chrome;
use super::grid::Grid;
use super::place::{picture_with_credit, NumberedSlide};
use super::tags::paragraph;
use super::Context;

pub(super) fn pair_page(
    context: &mut Context,
    place: &NumberedSlide,
    images: &[PairImage],
    caption: Option<&Caption>,
) -> Page {
    let style = context.style;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    let (mut items, top) = place.title_on_top(context, &grid);

    let count = images.len().max(1) as f64;
    let gutter = grid.gap * style.pair.gutter;
    let cell_width = (area.width - gutter * (count - 1.0)) / count;
    let entry_captions = entry_captions(context, place, images, (&grid, cell_width));
    let entry_height = entry_captions
        .iter()
        .flatten()
        .map(CaptionBlock::height)
        .fold(Pt(0.0), Pt::max);
    // With a body, the caption is its lead and both stand under the
    // pictures, left-aligned like any body; they are set here and moved
    // down once their height is known.
    let lead_and_body = place.slide.body().map(|_| {
        let room = Rect::new(area.x, top, area.width, area.height * style.pair.body_share);
        place.lead_and_body(context, caption, room, &style)
    });
    let caption = caption.filter(|_| lead_and_body.is_none());
    let slide_caption = caption.map(|caption| {
        let subject = place.subject(&caption.text, "caption");
        context.caption(
            &subject,
            caption.formulas.as_deref(),
            style.text_style(
                Weight::Regular,
                style.caption_size,
                Align::Center,
                style.leading.body,
            ),
            area.width,
            area.height * style.pair.caption_share,
        )
    });
    let below_all = match (&slide_caption, &lead_and_body) {
        (Some(block), _) => block.height() + grid.gap,
        (None, Some((_, height))) => *height + grid.gap,
        (None, None) => Pt(0.0),
    };
    let below_each = if entry_height.0 > 0.0 {
        entry_height + grid.gap / 2.0
    } else {
        Pt(0.0)
    };
    let image_height = (area.bottom() - top - below_all - below_each).max(Pt(1.0));

    for (index, (entry, entry_caption)) in images.iter().zip(entry_captions).enumerate() {
        let x = area.x + (cell_width + gutter) * index as f64;
        let frame = Rect::new(x, top, cell_width, image_height);
        items.extend(picture_with_credit(
            context,
            place,
            &entry.image,
            frame,
            (entry.fit, entry.focus),
            entry.alt.as_ref(),
            entry.credit.as_ref(),
        ));
        if let Some(block) = entry_caption {
            let y = top + image_height + grid.gap / 2.0;
            items.extend(paragraph(block.place_all(x, y, cell_width)));
        }
    }
    if let Some(block) = slide_caption {
        let y = area.bottom() - block.height();
        items.extend(paragraph(block.place_all(area.x, y, area.width)));
    }
    if let Some((mut text, height)) = lead_and_body {
        move_down(&mut text, area.bottom() - height - top);
        items.extend(text);
    }
    Page::new(PageKind::Slide, style.page, style.background, items)
}

/// Each picture's own caption, set under it in a cell `cell_width` wide
/// of the slide's `grid`; `None` for a picture without one.
fn entry_captions<'t>(
    context: &mut Context,
    place: &NumberedSlide,
    images: &'t [PairImage],
    (grid, cell_width): (&Grid, Pt),
) -> Vec<Option<CaptionBlock<'t>>> {
    let style = context.style;
    let area_height = grid.content.height;
    let entry_style = style.text_style(
        Weight::Regular,
        style.caption_size * style.pair.entry_caption_scale,
        Align::Center,
        style.leading.body,
    );
    images
        .iter()
        .map(|entry| {
            let caption = entry.caption.as_ref()?;
            let subject = place.subject(&caption.text, "picture caption");
            Some(context.caption(
                &subject,
                caption.formulas.as_deref(),
                entry_style,
                cell_width,
                area_height * style.pair.entry_caption_share,
            ))
        })
        .collect()
}
