//! `layout: quote` and `layout: statement`: one text, set large.

use crate::body::{Inline, InlineStyle};
use crate::geom::Pt;
use crate::model::{Caption, Text};
use crate::text::Weight;

use super::block::Align;
use super::chrome::has_chrome;
use super::grid::{centred_stack, Grid};
use super::place::{text_link, NumberedSlide};
use super::tags::{heading, paragraph};
use super::Context;
use crate::frame::{tagged, Item, Level, Page, PageKind, Role};

pub(super) fn quote_page(
    context: &mut Context,
    place: &NumberedSlide,
    quote: &Caption,
    attribution: Option<&Text>,
) -> Page {
    let style = context.style;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    let strings = context.deck.strings();
    let marked = Text {
        text: strings.quoted(&quote.text.text),
        span: quote.text.span,
    };
    let formulas = quote.formulas.as_ref().map(|pieces| {
        let (open, close) = strings.quotation_marks();
        let mark = |mark: &str| Inline::Text {
            text: mark.to_string(),
            style: InlineStyle::default(),
        };
        let mut marked = vec![mark(open)];
        marked.extend(pieces.iter().cloned());
        marked.push(mark(close));
        marked
    });
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
    let quoted = context.caption_with_floor(
        &place.subject(&marked, "quotation"),
        formulas.as_deref(),
        text_style(
            Weight::Regular,
            style.caption_size * style.quote.quote,
            Align::Center,
        ),
        floor,
        quote_width,
        room,
    );
    let heights = std::iter::once(quoted.height()).chain(by.as_ref().map(|b| b.height()));
    let pieces: Vec<(Pt, Pt)> = heights.map(|height| (height, grid.gap)).collect();
    let tops = centred_stack(area, &pieces);
    let left = area.x + (area.width - quote_width) / 2.0;
    // Read as a quotation: its text, then who said it, each a paragraph.
    let lines = quoted.place(left, tops[0], quote_width).lines;
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

pub(super) fn statement_page(
    context: &mut Context,
    place: &NumberedSlide,
    statement: &Caption,
) -> Page {
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
    let statement = context.caption_with_floor(
        &place.subject(&statement.text, "statement"),
        statement.formulas.as_deref(),
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
    let lines = statement.place(area.x, y, area.width).lines;
    let mut said: Vec<Item> = text_link(place.slide, &lines).into_iter().collect();
    said.extend(lines);
    items.extend(paragraph(said));
    Page::new(PageKind::Slide, style.page, style.background, items)
}
