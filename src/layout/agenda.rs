//! The agenda slide: the sections, numbered as their dividers are, each a
//! link to the section's first page. Read as its title (a second-level
//! heading), then a list whose items are the links.

use crate::frame::{tagged, Item, Level, LinkArea, LinkTarget, Page, PageKind, Role};
use crate::geom::Pt;
use crate::text::Weight;

use super::block::{Align, Subject, TextStyle};
use super::chrome::has_chrome;
use super::grid::Grid;
use super::links::section_destination;
use super::tags::heading;
use super::Context;

/// More sections than this are listed in two columns.
const ONE_COLUMN_MOST: usize = 8;

/// The agenda page: each entry opens its section's named destination.
pub(super) fn agenda_page(context: &mut Context) -> Page {
    let deck = context.deck;
    let style = context.style;
    let size = style.page;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    let text_style = |weight, size, color, align| TextStyle {
        weight,
        size,
        color,
        align,
        line_height: style.leading.display,
    };

    // A right-to-left deck is read from the right: its heading, its first
    // column and each entry's number stand at the right, each number
    // beside its title.
    let rtl = deck.strings().right_to_left();
    let (number_align, title_align) = if rtl {
        (Align::Left, Align::Right)
    } else {
        (Align::Right, Align::Left)
    };

    let title = context.block(
        &Subject {
            text: deck.strings().agenda(),
            span: None,
            what: "the agenda title".into(),
        },
        text_style(Weight::Bold, style.title_size, style.text, title_align),
        area.width,
        area.height * style.display.agenda_title_share,
    );
    let mut items: Vec<Item> = heading(Level::Section, title.place(area.x, area.y, area.width))
        .into_iter()
        .collect();
    let mut entries = Vec::new();
    let top = area.y + title.height() + grid.gap;

    let count = deck.sections().len();
    let columns = if count > ONE_COLUMN_MOST { 2 } else { 1 };
    let rows = count.div_ceil(columns).max(1);
    let column_gap = grid.gap * 2.0;
    let column_width = (area.width - column_gap * (columns - 1) as f64) / columns as f64;
    let row_height =
        (style.caption_size * style.scales.agenda_entry).min((area.bottom() - top) / rows as f64);
    let number_width = style.caption_size * style.scales.agenda_number;
    let title_width = (column_width - number_width - grid.gap).max(Pt(1.0));

    for (index, section) in deck.sections().iter().enumerate() {
        let column = index / rows;
        let column = if rtl { columns - 1 - column } else { column };
        let x = area.x + (column_width + column_gap) * column as f64;
        let (number_x, title_x) = if rtl {
            (x + column_width - number_width, x)
        } else {
            (x, x + number_width + grid.gap)
        };
        let y = top + row_height * (index % rows) as f64;
        let number_text = (index + 1).to_string();
        let number = context.block(
            &Subject {
                text: &number_text,
                span: None,
                what: "a section number on the agenda".into(),
            },
            text_style(Weight::Bold, style.caption_size, style.accent, number_align),
            number_width,
            row_height,
        );
        let name = context.block(
            &Subject {
                text: &section.title().text,
                span: Some(section.title().span),
                what: format!("the agenda entry of section {}", index + 1),
            },
            text_style(Weight::Regular, style.caption_size, style.text, title_align),
            title_width,
            row_height,
        );
        let mut entry = number.place(number_x, y, number_width);
        entry.extend(name.place(title_x, y, title_width));
        entries.extend(linked_entry(entry, index));
    }
    items.extend(tagged(Role::List, entries));
    Page::new(PageKind::Agenda, size, style.background, items)
}

/// The agenda entry of section `index` (from 0), its number and name
/// `entry`, as a list item that opens the section.
fn linked_entry(entry: Vec<Item>, index: usize) -> Option<Item> {
    let area = entry.iter().map(Item::bounds).reduce(|a, b| a.union(&b));
    let mut link = Vec::new();
    if let Some(rect) = area {
        link.push(Item::Link(LinkArea {
            rect,
            target: LinkTarget::Named(section_destination(index)),
        }));
    }
    // The number and the name, both the link: the item's body.
    link.extend(entry);
    let body = tagged(
        Role::ListBody,
        tagged(Role::Link, link).into_iter().collect(),
    );
    tagged(Role::ListItem, body.into_iter().collect())
}
