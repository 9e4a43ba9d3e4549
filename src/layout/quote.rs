//! `layout: quote` and `layout: statement`: one text, set large.

use crate::geom::Pt;
use crate::model::Text;
use crate::text::Weight;

use super::block::{Align, Block};
use super::chrome::has_chrome;
use super::grid::{centred_stack, Grid};
use super::place::{text_link, NumberedSlide};
use super::tags::{heading, paragraph};
use super::Context;
use crate::frame::{tagged, Item, Level, Page, PageKind, Role};

pub(super) fn quote_page(
    context: &mut Context,
    place: &NumberedSlide,
    quote: &Text,
    attribution: Option<&Text>,
) -> Page {
    let style = context.style;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    let marked = Text {
        text: context.deck.strings().quoted(&quote.text),
        span: quote.span,
    };
    let text_style =
        |weight, size, align| style.text_style(weight, size, align, style.leading.body);
    let shares = style.quote_room;
    let (quote_width, by_width) = (
        area.width * shares.quote_width,
        area.width * shares.attribution_width,
    );
    let by = attribution.map(|who| {
        let signed = Text {
            text: format!("— {}", who.text),
            span: who.span,
        };
        context.block(
            &place.subject(&signed, "attribution"),
            text_style(
                Weight::Regular,
                style.caption_size * style.quote.attribution,
                Align::Right,
            ),
            by_width,
            area.height * shares.attribution_share,
        )
    });
    let room = area.height - by.as_ref().map_or(Pt(0.0), |b| b.height() + grid.gap);
    let floor = style.caption_size / 2.0;
    let quoted = context.block_with_floor(
        &place.subject(&marked, "quotation"),
        text_style(
            Weight::Regular,
            style.caption_size * style.quote.quote,
            Align::Center,
        ),
        floor,
        quote_width,
        room,
    );
    let blocks: Vec<&Block> = std::iter::once(&quoted).chain(by.as_ref()).collect();
    let pieces: Vec<(Pt, Pt)> = blocks.iter().map(|b| (b.height(), grid.gap)).collect();
    let tops = centred_stack(area, &pieces);
    let left = area.x + (area.width - quote_width) / 2.0;
    // Read as a quotation: its text, then who said it, each a paragraph.
    let lines = quoted.place(left, tops[0], quote_width);
    let mut quoted: Vec<Item> = text_link(place.slide, &lines).into_iter().collect();
    quoted.extend(lines);
    let mut items: Vec<Item> = paragraph(quoted).into_iter().collect();
    if let (Some(by), Some(top)) = (&by, tops.get(1)) {
        items.extend(paragraph(by.place(
            area.x + (area.width - by_width) / 2.0,
            *top,
            by_width,
        )));
    }
    let items = tagged(Role::Quote, items).into_iter().collect();
    Page::new(PageKind::Slide, style.page, style.background, items)
}

pub(super) fn statement_page(context: &mut Context, place: &NumberedSlide, text: &Text) -> Page {
    let style = context.style;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    let text_style =
        |weight, size, align, line_height| style.text_style(weight, size, align, line_height);
    let mut items: Vec<Item> = Vec::new();
    let mut top = area.y;
    if let Some(subject) = place.title() {
        let title = context.block(
            &subject,
            text_style(
                Weight::Bold,
                style.caption_size,
                Align::Left,
                style.leading.title,
            ),
            area.width,
            area.height * style.quote_room.statement_title_share,
        );
        items.extend(heading(
            Level::Slide,
            title.place(area.x, area.y, area.width),
        ));
        top = top + title.height() + grid.gap;
    }
    let rest = area.bottom() - top;
    // At display size, shrinking as far as any caption to fit.
    let statement = context.block_with_floor(
        &place.subject(text, "statement"),
        text_style(
            Weight::Bold,
            style.caption_size * style.quote.statement,
            Align::Center,
            style.leading.display,
        ),
        style.caption_size / 2.0,
        area.width,
        rest,
    );
    let y = top + (rest - statement.height()) / 2.0;
    let lines = statement.place(area.x, y, area.width);
    let mut said: Vec<Item> = text_link(place.slide, &lines).into_iter().collect();
    said.extend(lines);
    items.extend(paragraph(said));
    Page::new(PageKind::Slide, style.page, style.background, items)
}
