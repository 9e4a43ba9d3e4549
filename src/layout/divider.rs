//! Section divider slides: the accent colour, a label, the title, the intro.

use crate::color::Color;
use crate::frame::{FillRect, Item, Layer, Level, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::model::Section;
use crate::text::Weight;

use super::block::{Align, Block, Subject, TextStyle};
use super::chrome::has_chrome;
use super::grid::{centred_stack, Grid};
use super::tags::{heading, paragraph};
use super::{quoted_name, Context};

/// The divider of the section at `index` (from 0).
pub(super) fn divider_page(context: &mut Context, section: &Section, index: usize) -> Page {
    let style = context.style;
    let size = style.page;
    let grid = Grid::new(&style, has_chrome(context));
    let area = grid.content;
    // Filled, or (for print) the page colour with an accent rule.
    let background = style.divider_fill.unwrap_or(style.background);
    let ink = background.most_legible(&[style.background, style.text, Color::WHITE]);
    let text_style = |weight, size| TextStyle {
        weight,
        size,
        color: ink,
        align: Align::Left,
        line_height: style.leading.display,
    };
    let name = format!("the divider of section {}", quoted_name(section));
    let label_text = context.deck.strings().section(index + 1);

    let label = context.block(
        &Subject {
            text: &label_text,
            span: Some(section.title().span),
            what: name.clone(),
        },
        text_style(
            Weight::Regular,
            style.caption_size * style.scales.section_label,
        ),
        area.width,
        area.height * style.display.section_label_share,
    );
    let title = context.block(
        &Subject {
            text: &section.title().text,
            span: Some(section.title().span),
            what: format!("the title of {name}"),
        },
        text_style(Weight::Bold, style.title_size * style.scales.section_title),
        area.width,
        area.height * style.display.section_title_share,
    );
    let intro = section.intro().map(|intro| {
        context.block(
            &Subject {
                text: &intro.text,
                span: Some(intro.span),
                what: format!("the intro of {name}"),
            },
            text_style(Weight::Regular, style.caption_size),
            area.width * style.display.intro_width,
            area.height * style.display.intro_share,
        )
    });

    // Read in order: the label ("Section 2") and the intro as paragraphs,
    // the title as a second-level heading.
    let blocks: Vec<(&Block, Pt, Option<Level>)> = [
        (Some(&label), grid.gap * style.display.label_gap, None),
        (Some(&title), grid.gap, Some(Level::Section)),
        (intro.as_ref(), Pt(0.0), None),
    ]
    .into_iter()
    .filter_map(|(block, gap, level)| block.map(|block| (block, gap, level)))
    .collect();
    let rule = style
        .divider_fill
        .is_none()
        .then(|| (grid.gap * style.display.rule_height).max(Pt(2.0)));
    let mut pieces: Vec<(Pt, Pt)> = rule.map(|height| (height, grid.gap)).into_iter().collect();
    pieces.extend(blocks.iter().map(|(block, gap, _)| (block.height(), *gap)));
    let mut tops = centred_stack(area, &pieces).into_iter();
    let mut items = Vec::new();
    if let Some((height, top)) = rule.and_then(|height| Some((height, tops.next()?))) {
        items.push(Item::Rect(FillRect {
            rect: Rect::new(area.x, top, area.width * style.display.rule_width, height),
            color: style.accent,
            layer: Layer::Content,
            opacity: 100,
        }));
    }
    items.extend(
        blocks
            .iter()
            .zip(tops)
            .filter_map(|((block, _, level), top)| {
                let lines = block.place(area.x, top, area.width);
                match level {
                    Some(level) => heading(*level, lines),
                    None => paragraph(lines),
                }
            }),
    );
    Page::new(PageKind::Divider, size, background, items)
}
