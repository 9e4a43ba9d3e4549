//! Content slides: title on top, caption under it, the image in the rest;
//! or, without an image, the caption set large in the middle.

use crate::frame::{ImageItem, Item, LinkArea, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::model::{Section, Slide};
use crate::text::Weight;

use super::block::{Align, Subject, TextStyle};
use super::chrome::has_chrome;
use super::fit::fit_image;
use super::grid::Grid;
use super::links::{link_target, url_links};
use super::{slide_name, Context};

/// Lines a title may take before it shrinks.
const TITLE_LINES: f64 = 2.0;
/// Lines a caption above an image may take before it shrinks.
const CAPTION_LINES: f64 = 3.0;
/// The title's share of the content height, at most.
const TITLE_SHARE: f64 = 0.25;
/// The caption's share of the content height, at most, on an image slide.
const CAPTION_SHARE: f64 = 0.3;
/// A text slide's caption is set this much larger than the caption size.
const TEXT_SLIDE_SCALE: f64 = 2.0;

/// Slide `number` (from 1) of `section`.
pub(super) fn slide_page(
    context: &mut Context,
    section: &Section,
    slide: &Slide,
    number: usize,
) -> Page {
    let theme = &context.deck.theme;
    let size = theme.aspect.page_size();
    let grid = Grid::new(size, has_chrome(context));
    let area = grid.content;
    let name = slide_name(section, number);
    let style = |weight, size, align, line_height| TextStyle {
        weight,
        size,
        color: theme.text_color,
        align,
        line_height,
    };

    let title_text = slide.title.as_ref().unwrap_or(&section.title);
    let title_style = style(Weight::Bold, theme.title_size, Align::Left, 1.15);
    let title = context.block(
        &Subject {
            text: &title_text.text,
            span: Some(title_text.span),
            what: format!("the title of {name}"),
        },
        title_style,
        area.width,
        (theme.title_size * 1.15 * TITLE_LINES).min(area.height * TITLE_SHARE),
    );
    let mut items = title.place(area.x, area.y, area.width);
    let mut y = area.y + title.height() + grid.gap;

    let caption = slide.caption.as_ref().map(|caption| Subject {
        text: &caption.text,
        span: Some(caption.span),
        what: format!("the caption of {name}"),
    });
    match (caption, &slide.image) {
        (Some(caption), None) => {
            let large = style(
                Weight::Regular,
                theme.caption_size * TEXT_SLIDE_SCALE,
                Align::Center,
                1.25,
            );
            let rest = area.bottom() - y;
            // Set large, but it may shrink as far as any caption.
            let floor = theme.caption_size / 2.0;
            let block = context.block_with_floor(&caption, large, floor, area.width, rest);
            let top = y + (rest - block.height()) / 2.0;
            let lines = block.place(area.x, top, area.width);
            // Without an image to click, the caption itself opens the link.
            let text_area = lines.iter().map(Item::bounds).reduce(|a, b| a.union(&b));
            let target = slide.link.as_ref().map(link_target);
            if let (Some(target), Some(rect)) = (target, text_area) {
                items.push(Item::Link(LinkArea { rect, target }));
            }
            items.extend(url_links(caption.text, &block, area.x, top, area.width));
            items.extend(lines);
        }
        (caption, Some(image)) => {
            if let Some(caption) = caption {
                let body = style(Weight::Regular, theme.caption_size, Align::Left, 1.25);
                let room =
                    (theme.caption_size * 1.25 * CAPTION_LINES).min(area.height * CAPTION_SHARE);
                let block = context.block(&caption, body, area.width, room);
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
                let placement = fit_image(frame, loaded.width, loaded.height, slide.fit);
                let item = ImageItem {
                    image: loaded.key,
                    placed: placement.placed,
                    clip: placement.clip,
                };
                let target = slide.link.as_ref().map(link_target);
                if let Some(target) = target {
                    items.push(Item::Link(LinkArea {
                        rect: item.visible(),
                        target,
                    }));
                }
                items.push(Item::Image(item));
            }
        }
        (None, None) => unreachable!("validation rejects a slide with neither caption nor image"),
    }
    Page::new(PageKind::Slide, size, theme.background, items)
}
