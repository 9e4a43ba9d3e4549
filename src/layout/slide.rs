//! Content slides: title on top, caption under it, the image in the rest;
//! or, without an image, the caption set large in the middle.

use crate::frame::{ImageItem, Item, LinkArea, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::model::{Content, Section, Slide, Text};
use crate::text::Weight;

use super::block::{Align, Subject, TextStyle};
use super::chrome::has_chrome;
use super::fit::fit_image;
use super::grid::Grid;
use super::links::{link_target, url_links};
use super::{slide_name, Context};

/// Slide `number` (from 1) of `section`.
pub(super) fn slide_page<'a>(
    context: &mut Context,
    section: &Section,
    slide: &'a Slide,
    number: usize,
) -> Page {
    let look = context.style;
    let room = look.slide;
    let size = look.page;
    let grid = Grid::new(&look, has_chrome(context));
    let area = grid.content;
    let name = slide_name(section, number);
    let style = |weight, size, align, line_height| TextStyle {
        weight,
        size,
        color: look.text,
        align,
        line_height,
    };

    let title_text = slide.title().unwrap_or(section.title());
    let title_style = style(
        Weight::Bold,
        look.title_size,
        Align::Left,
        look.leading.title,
    );
    let title = context.block(
        &Subject {
            text: &title_text.text,
            span: Some(title_text.span),
            what: format!("the title of {name}"),
        },
        title_style,
        area.width,
        (look.title_size * look.leading.title * room.title_lines)
            .min(area.height * room.title_share),
    );
    let mut items = title.place(area.x, area.y, area.width);
    let mut y = area.y + title.height() + grid.gap;

    let what = format!("the caption of {name}");
    let subject = |caption: &'a Text| Subject {
        text: &caption.text,
        span: Some(caption.span),
        what: what.clone(),
    };
    let (caption, image) = match slide.content() {
        Content::Caption(caption) => {
            let large = style(
                Weight::Regular,
                look.caption_size * room.text_slide_scale,
                Align::Center,
                look.leading.body,
            );
            let caption = subject(caption);
            let rest = area.bottom() - y;
            // Set large, but it may shrink as far as any caption.
            let floor = look.caption_size / 2.0;
            let block = context.block_with_floor(&caption, large, floor, area.width, rest);
            let top = y + (rest - block.height()) / 2.0;
            let lines = block.place(area.x, top, area.width);
            // Without an image to click, the caption itself opens the link.
            let text_area = lines.iter().map(Item::bounds).reduce(|a, b| a.union(&b));
            let target = slide.link().map(link_target);
            if let (Some(target), Some(rect)) = (target, text_area) {
                items.push(Item::Link(LinkArea { rect, target }));
            }
            items.extend(url_links(caption.text, &block, area.x, top, area.width));
            items.extend(lines);
            return Page::new(PageKind::Slide, size, look.background, items);
        }
        Content::Image(image) => (None, image),
        Content::CaptionAndImage { caption, image } => (Some(subject(caption)), image),
    };
    if let Some(caption) = caption {
        let body = style(
            Weight::Regular,
            look.caption_size,
            Align::Left,
            look.leading.body,
        );
        let height = (look.caption_size * look.leading.body * room.caption_lines)
            .min(area.height * room.caption_share);
        let block = context.block(&caption, body, area.width, height);
        items.extend(url_links(caption.text, &block, area.x, y, area.width));
        items.extend(block.place(area.x, y, area.width));
        y = y + block.height() + grid.gap;
    }
    let frame = Rect::new(area.x, y, area.width, (area.bottom() - y).max(Pt(1.0)));
    let loaded = context
        .images
        .key_for(&image.path)
        .and_then(|key| context.images.get(key));
    if let Some(loaded) = loaded {
        let placement = fit_image(frame, loaded.width, loaded.height, slide.fit());
        let item = ImageItem {
            image: loaded.key,
            placed: placement.placed,
            clip: placement.clip,
        };
        let target = slide.link().map(link_target);
        if let Some(target) = target {
            items.push(Item::Link(LinkArea {
                rect: item.visible(),
                target,
            }));
        }
        items.push(Item::Image(item));
    }
    Page::new(PageKind::Slide, size, look.background, items)
}
