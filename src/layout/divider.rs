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

/// The divider of the section at `index` (from 0).
pub(super) fn divider_page(context: &mut Context, section: &Section, index: usize) -> Page {
    let look = context.style;
    let size = look.page;
    let grid = Grid::new(&look, has_chrome(context));
    let area = grid.content;
    let background = look.accent;
    let ink = background.most_legible(&[look.background, look.text, Color::WHITE]);
    let style = |weight, size| TextStyle {
        weight,
        size,
        color: ink,
        align: Align::Left,
        line_height: look.leading.display,
    };
    let name = format!("the divider of section {}", quoted_name(section));
    let label_text = context.deck.words().section(index + 1);

    let label = context.block(
        &Subject {
            text: &label_text,
            span: Some(section.title().span),
            what: name.clone(),
        },
        style(
            Weight::Regular,
            look.caption_size * look.scales.section_label,
        ),
        area.width,
        area.height * 0.15,
    );
    let title = context.block(
        &Subject {
            text: &section.title().text,
            span: Some(section.title().span),
            what: format!("the title of {name}"),
        },
        style(Weight::Bold, look.title_size * look.scales.section_title),
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
            style(Weight::Regular, look.caption_size),
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
