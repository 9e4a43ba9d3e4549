//! The title slide: title, accent rule, subtitle, author and date, centred.
//! Read as the deck's title (the one first-level heading), then the
//! subtitle, author and date, each a paragraph.

use crate::frame::{FillRect, Item, Layer, Level, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::text::Weight;

use super::block::{Align, Block, Subject, TextStyle};
use super::grid::{centred_stack, Grid};
use super::tags::{heading, paragraph};
use super::Context;

pub(super) fn title_page(context: &mut Context) -> Page {
    let deck = context.deck;
    let style = context.style;
    let size = style.page;
    let grid = Grid::new(&style, false);
    let area = grid.content;
    let centred = |weight, size: Pt| TextStyle {
        weight,
        size,
        color: style.text,
        align: Align::Center,
        line_height: style.leading.display,
    };

    let title = context.block(
        &Subject {
            text: &deck.meta().title().text,
            span: Some(deck.meta().title().span),
            what: "the deck title".into(),
        },
        centred(Weight::Bold, style.title_size * style.scales.deck_title),
        area.width,
        area.height * style.display.deck_title_share,
    );
    let mut below: Vec<Block> = Vec::new();
    let lines = [
        (
            &deck.meta().subtitle(),
            style.scales.subtitle,
            "the subtitle",
            style.display.subtitle_share,
        ),
        (
            &deck.meta().author(),
            style.scales.byline,
            "the author line",
            style.display.byline_share,
        ),
        (
            &deck.meta().date(),
            style.scales.byline,
            "the date",
            style.display.byline_share,
        ),
    ];
    for (text, scale, what, share) in lines {
        if let Some(text) = text {
            let subject = Subject {
                text: &text.text,
                span: Some(text.span),
                what: what.into(),
            };
            below.push(context.block(
                &subject,
                centred(Weight::Regular, style.caption_size * scale),
                area.width,
                area.height * share,
            ));
        }
    }

    let rule_height = (grid.gap * style.display.rule_height).max(Pt(2.0));
    let rule_width = area.width * style.display.rule_width;
    let mut pieces = vec![(title.height(), grid.gap), (rule_height, grid.gap)];
    pieces.extend(below.iter().map(|block| (block.height(), Pt(0.0))));
    let tops = centred_stack(area, &pieces);

    let mut items: Vec<Item> = heading(Level::Deck, title.place(area.x, tops[0], area.width))
        .into_iter()
        .collect();
    items.push(Item::Rect(FillRect {
        layer: Layer::Content,
        opacity: 100,
        rect: Rect::new(
            area.x + (area.width - rule_width) / 2.0,
            tops[1],
            rule_width,
            rule_height,
        ),
        color: style.accent,
    }));
    for (block, top) in below.iter().zip(&tops[2..]) {
        items.extend(paragraph(block.place(area.x, *top, area.width)));
    }
    // `logo_on_title`: the logo in its corner, as on every other page.
    if deck.theme().logo_on_title() {
        let position = deck.theme().logo_position();
        items.extend(super::chrome::logo(context, &grid, position).map(Item::Image));
    }
    Page::new(PageKind::Title, size, style.background, items)
}
