//! Section divider slides: the accent colour, a label, the title, the intro.

use crate::color::Color;
use crate::frame::Page;
use crate::model::Section;
use crate::text::Weight;

use super::block::{Align, Subject, TextStyle};
use super::chrome::has_chrome;
use super::grid::Grid;
use super::{quoted_name, Context};

/// The section title is set larger than slide titles by this factor.
const TITLE_SCALE: f64 = 1.3;
/// The "Section N" label, relative to the caption size.
const LABEL_SCALE: f64 = 0.75;

/// The divider of the section at `index` (from 0).
pub(super) fn divider_page(context: &mut Context, section: &Section, index: usize) -> Page {
    let theme = &context.deck.theme;
    let size = theme.aspect.page_size();
    let grid = Grid::new(size, has_chrome(context));
    let area = grid.content;
    let background = theme.accent;
    let ink = background.most_legible(&[theme.background, theme.text_color, Color::WHITE]);
    let style = |weight, size| TextStyle {
        weight,
        size,
        color: ink,
        align: Align::Left,
        line_height: 1.2,
    };
    let name = format!("the divider of section {}", quoted_name(section));
    let label_text = format!("Section {}", index + 1);

    let label = context.block(
        &Subject {
            text: &label_text,
            span: Some(section.title.span),
            what: name.clone(),
        },
        style(Weight::Regular, theme.caption_size * LABEL_SCALE),
        area.width,
        area.height * 0.15,
    );
    let title = context.block(
        &Subject {
            text: &section.title.text,
            span: Some(section.title.span),
            what: format!("the title of {name}"),
        },
        style(Weight::Bold, theme.title_size * TITLE_SCALE),
        area.width,
        area.height * 0.45,
    );
    let intro = section.intro.as_ref().map(|intro| {
        context.block(
            &Subject {
                text: &intro.text,
                span: Some(intro.span),
                what: format!("the intro of {name}"),
            },
            style(Weight::Regular, theme.caption_size),
            area.width * 0.8,
            area.height * 0.3,
        )
    });

    let intro_height = intro
        .as_ref()
        .map_or(grid.gap * 0.0, |b| b.height() + grid.gap);
    let total = label.height() + grid.gap * 0.5 + title.height() + intro_height;
    let mut y = area.y + ((area.height - total) / 2.0).max(grid.gap * 0.0);
    let mut items = label.place(area.x, y, area.width);
    y = y + label.height() + grid.gap * 0.5;
    items.extend(title.place(area.x, y, area.width));
    y = y + title.height() + grid.gap;
    if let Some(intro) = intro {
        items.extend(intro.place(area.x, y, area.width));
    }
    Page {
        size,
        background,
        items,
    }
}
