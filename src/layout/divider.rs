//! Section divider slides: the accent colour, a label, the title, the intro.

use crate::color::Color;
use crate::frame::{Page, PageKind};
use crate::geom::Pt;
use crate::model::Section;
use crate::text::Weight;

use super::block::{Align, Block, Subject, TextStyle};
use super::chrome::has_chrome;
use super::grid::{centred_stack, Grid};
use super::{quoted_name, Context};

/// The section title is set larger than slide titles by this factor.
const TITLE_SCALE: f64 = 1.3;
/// The "Section N" label, relative to the caption size.
const LABEL_SCALE: f64 = 0.75;

/// The divider of the section at `index` (from 0).
pub(super) fn divider_page(context: &mut Context, section: &Section, index: usize) -> Page {
    let theme = context.deck.theme();
    let size = theme.aspect().page_size();
    let grid = Grid::new(size, has_chrome(context));
    let area = grid.content;
    let background = theme.accent();
    let ink = background.most_legible(&[theme.background(), theme.text_color(), Color::WHITE]);
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
            span: Some(section.title().span),
            what: name.clone(),
        },
        style(Weight::Regular, theme.caption_size() * LABEL_SCALE),
        area.width,
        area.height * 0.15,
    );
    let title = context.block(
        &Subject {
            text: &section.title().text,
            span: Some(section.title().span),
            what: format!("the title of {name}"),
        },
        style(Weight::Bold, theme.title_size() * TITLE_SCALE),
        area.width,
        area.height * 0.45,
    );
    let intro = section.intro().map(|intro| {
        context.block(
            &Subject {
                text: &intro.text,
                span: Some(intro.span),
                what: format!("the intro of {name}"),
            },
            style(Weight::Regular, theme.caption_size()),
            area.width * 0.8,
            area.height * 0.3,
        )
    });

    let blocks: Vec<(&Block, Pt)> = [
        (Some(&label), grid.gap * 0.5),
        (Some(&title), grid.gap),
        (intro.as_ref(), Pt(0.0)),
    ]
    .into_iter()
    .filter_map(|(block, gap)| block.map(|block| (block, gap)))
    .collect();
    let pieces: Vec<(Pt, Pt)> = blocks
        .iter()
        .map(|(block, gap)| (block.height(), *gap))
        .collect();
    let tops = centred_stack(area, &pieces);
    let items = blocks
        .iter()
        .zip(tops)
        .flat_map(|((block, _), top)| block.place(area.x, top, area.width))
        .collect();
    Page::new(PageKind::Divider, size, background, items)
}
