//! What the layouts share: which slide they set (its title, caption and
//! body as subjects), and its picture fitted, credited and linked.

use crate::diag::FileRef;
use crate::frame::{ImageItem, Item, Layer, Level, LinkArea};
use crate::geom::{Pt, Rect};
use crate::model::{Alt, Caption, Fit, Focus, Section, Slide, Text};
use crate::text::Weight;

use super::block::{Align, Block, Subject};
use super::fit::fit_image;
use super::grid::Grid;
use super::links::link_target;
use super::style::Style;
use super::tags::{figure, heading, paragraph};
use super::{slide_name, Context};

/// Which slide a layout sets, for its title and for warnings.
pub(super) struct NumberedSlide<'a> {
    pub section: &'a Section,
    pub slide: &'a Slide,
    /// From 1, within the section.
    pub number: usize,
}

impl NumberedSlide<'_> {
    /// How warnings name the slide.
    pub fn name(&self) -> String {
        slide_name(self.section, self.number)
    }

    /// The slide's title as a subject: its own, or its section's; none
    /// when the slide is untitled.
    pub fn title(&self) -> Option<Subject<'_>> {
        if self.slide.untitled() {
            return None;
        }
        let title = self.slide.title().unwrap_or(self.section.title());
        Some(Subject {
            text: &title.text,
            span: Some(title.span),
            what: format!("the title of {}", self.name()),
        })
    }

    /// The slide's title set across the top of `grid`'s content, as the
    /// standard and `pair` layouts show it: its items, and where what
    /// follows it starts.
    pub fn title_on_top(&self, context: &mut Context, grid: &Grid) -> (Vec<Item>, Pt) {
        let style = context.style;
        let area = grid.content;
        let Some(subject) = self.title() else {
            return (Vec::new(), area.y);
        };
        let title = context.block(
            &subject,
            style.text_style(
                Weight::Bold,
                style.title_size,
                Align::Left,
                style.leading.title,
            ),
            area.width,
            (style.title_size * style.leading.title * style.slide.title_lines)
                .min(area.height * style.slide.title_share),
        );
        let items = heading(Level::Slide, title.place(area.x, area.y, area.width));
        (
            items.into_iter().collect(),
            area.y + title.height() + grid.gap,
        )
    }

    /// The slide's caption as a lead (at the caption size, left-aligned,
    /// taking at most its share of the room) and its body under it, set
    /// from the top of `area` in `style`: their items and height.
    pub fn lead_and_body(
        &self,
        context: &mut Context,
        caption: Option<&Caption>,
        area: Rect,
        style: &Style,
    ) -> (Vec<Item>, Pt) {
        let mut items = Vec::new();
        let mut y = area.y;
        if let Some(caption) = caption {
            let subject = self.subject(&caption.text, "caption");
            let text_style = style.text_style(
                Weight::Regular,
                style.caption_size,
                Align::Left,
                style.leading.body,
            );
            let height = (style.caption_size * style.leading.body * style.slide.caption_lines)
                .min(area.height * style.slide.caption_share);
            let formulas = caption.formulas.as_deref();
            let block = context.caption(&subject, formulas, text_style, area.width, height);
            items.extend(paragraph(block.place_all(area.x, y, area.width)));
            y = y + block.height();
        }
        if let Some(body) = self.slide.body() {
            if caption.is_some() {
                y = y + style.page.height * style.spacing.gap;
            }
            let room = Rect::new(area.x, y, area.width, (area.bottom() - y).max(Pt(1.0)));
            let what = self.name();
            let (body_items, height) =
                context.set_body(body, room, &style.body(), &what, body.span);
            items.extend(body_items);
            y = y + height;
        }
        (items, y - area.y)
    }

    /// `text` as the slide's caption (or another of its texts, `what`).
    pub fn subject<'t>(&self, text: &'t Text, what: &str) -> Subject<'t> {
        Subject {
            text: &text.text,
            span: Some(text.span),
            what: format!("the {what} of {}", self.name()),
        }
    }
}

/// The slide's image fitted into `frame`, with its credit (if any) as a
/// small line under its lower edge, right-aligned to it; the frame keeps
/// room for that line. Read as the figure, then its credit.
pub(super) fn image_with_credit(
    context: &mut Context,
    place: &NumberedSlide,
    image: &FileRef,
    frame: Rect,
) -> Vec<Item> {
    let slide = place.slide;
    let crop = (slide.fit(), slide.focus());
    let alt = slide.content().alt();
    picture_with_credit(context, place, image, frame, crop, alt, slide.credit())
}

/// `image` fitted into `frame` as `crop` says, with `credit` (if any) as a
/// small line under its lower edge, right-aligned to it; the frame keeps
/// room for that line. Read as the figure `alt` describes, then its credit.
pub(super) fn picture_with_credit(
    context: &mut Context,
    place: &NumberedSlide,
    image: &FileRef,
    frame: Rect,
    crop: (Fit, Focus),
    alt: Option<&Alt>,
    credit: Option<&Text>,
) -> Vec<Item> {
    let slide = place.slide;
    let style = context.style;
    let credit = credit.map(|credit| {
        let subject = place.subject(credit, "credit");
        let size = style.page.height * style.spacing.footer_size;
        let text_style =
            style.text_style(Weight::Regular, size, Align::Right, style.leading.footer);
        context.block(
            &subject,
            text_style,
            frame.width,
            size * style.leading.footer,
        )
    });
    let room = credit.as_ref().map_or(Pt(0.0), Block::height);
    let picture = Rect::new(
        frame.x,
        frame.y,
        frame.width,
        (frame.height - room).max(Pt(1.0)),
    );
    let picture = slide_image(context, slide, image, picture, crop, Layer::Content);
    let shown = picture.iter().find_map(|item| match item {
        Item::Image(image) => Some(image.visible()),
        _ => None,
    });
    let mut items = figure(alt, picture);
    if let (Some(credit), Some(shown)) = (credit, shown) {
        items.extend(paragraph(credit.place(
            shown.x,
            shown.bottom(),
            shown.width,
        )));
    }
    items
}

/// `image` of `slide` fitted into `frame`, with the slide's link over what
/// shows of it; nothing when the image did not load (already reported).
pub(super) fn slide_image(
    context: &Context,
    slide: &Slide,
    image: &FileRef,
    frame: Rect,
    (fit, focus): (Fit, Focus),
    layer: Layer,
) -> Vec<Item> {
    let Some(loaded) = context.images.image_for(image) else {
        return Vec::new();
    };
    let (width, height) = loaded.size();
    let placement = fit_image(frame, width, height, fit, focus);
    let item = ImageItem {
        image: loaded.clone(),
        placed: placement.placed,
        clip: placement.clip,
        layer,
    };
    let mut items = Vec::new();
    if let Some(target) = slide.link().map(link_target) {
        items.push(Item::Link(LinkArea {
            rect: item.visible(),
            target,
        }));
    }
    items.push(Item::Image(item));
    items
}

/// The link of a slide without an image, over its text `lines`.
pub(super) fn text_link(slide: &Slide, lines: &[Item]) -> Option<Item> {
    let rect = lines.iter().map(Item::bounds).reduce(|a, b| a.union(&b))?;
    let target = slide.link().map(link_target)?;
    Some(Item::Link(LinkArea { rect, target }))
}
