//! Each slide sent to its layout, on its own background if it sets one.
//! The layouts share the helpers in `place`; none of them imports this
//! module.

use crate::frame::{Item, Layer, Page};
use crate::geom::Rect;
use crate::model::{Content, Fit, Focus, Section, Slide};

use super::place::{slide_image, NumberedSlide};
use super::standard::{standard_page, Standard};
use super::{beside, full, pair, quote, Context};

/// Slide `number` (from 1) of `section`, in its layout, on its own
/// background if it sets one.
pub(super) fn slide_page(
    context: &mut Context,
    section: &Section,
    slide: &Slide,
    number: usize,
) -> Page {
    let theme_style = context.style;
    context.style = theme_style.for_slide(slide);
    let mut page = arranged_page(context, section, slide, number);
    context.style = theme_style;
    if let Some(image) = slide.background_image() {
        let page_area = Rect::from_size(page.size);
        let mut under = slide_image(
            context,
            slide,
            image,
            page_area,
            (Fit::Cover, Focus::CENTRE),
            Layer::Underlay,
        );
        // Under everything, and not a link: the slide's link is its content's.
        under.retain(|item| !matches!(item, Item::Link(_)));
        under.append(&mut page.items);
        page.items = under;
    }
    page
}

/// Slide `number` (from 1) of `section`, in its layout.
fn arranged_page(context: &mut Context, section: &Section, slide: &Slide, number: usize) -> Page {
    let place = NumberedSlide {
        section,
        slide,
        number,
    };
    let standard = match slide.content() {
        Content::Caption(caption) => Standard::Text(caption),
        Content::Body => Standard::Body,
        Content::Image { image, .. } => Standard::Picture {
            caption: None,
            image,
        },
        Content::CaptionAndImage { caption, image, .. } => Standard::Picture {
            caption: Some(caption),
            image,
        },
        Content::Full {
            image,
            caption,
            band,
            ..
        } => return full::full_page(context, &place, image, caption.as_ref(), *band),
        Content::Beside {
            image,
            caption,
            side,
            split,
            ..
        } => {
            let beside = beside::Beside {
                image,
                caption: caption.as_ref(),
                side: *side,
                split: *split,
            };
            return beside::beside_page(context, &place, &beside);
        }
        Content::Quote { quote, attribution } => {
            return quote::quote_page(context, &place, quote, attribution.as_ref())
        }
        Content::Statement(text) => return quote::statement_page(context, &place, text),
        Content::Pair { images, caption } => {
            return pair::pair_page(context, &place, images, caption.as_ref())
        }
    };
    standard_page(context, &place, standard)
}
