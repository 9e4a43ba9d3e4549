//! Sheets of paper that hold slides (handouts and notes pages): paper
//! sizes, margins, the header and footer, and a slide placed in a box.

use crate::color::Color;
use crate::frame::{tagged, DocInfo, Document, FillRect, Item, Layer, Page, PageKind, Role};
use crate::geom::{Point, Pt, Rect, Size, Transform};
use crate::text::Weight;

use super::block::{Align, Subject, TextStyle};
use super::Context;

/// Every edge keeps this much white: office printers print 5 mm from the
/// edge at best, and the issue asks for at least 12 mm.
pub(super) const MARGIN_MM: f64 = 15.0;
/// Header and footer text.
const CHROME_SIZE: Pt = Pt(8.5);
/// The grey of header, footer, frames and labels.
pub(super) const INK: Color = Color::rgb(0x55, 0x55, 0x58);
/// The grey of rules and note lines.
pub(super) const RULE: Color = Color::rgb(0xb0, 0xb0, 0xb4);
/// Frame and rule thickness.
pub(super) const HAIRLINE: Pt = Pt(0.5);
/// A label under a slide (its page number), in points.
pub(super) const LABEL_SIZE: Pt = Pt(8.0);
/// The line a label takes under a slide, in multiples of its size.
const LABEL_LINE: f64 = 1.6;

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub const NAMES: &'static [&'static str] = &["a4", "letter"];

    /// The sheet, portrait.
    pub fn portrait(self) -> Size {
        match self {
            Paper::A4 => Size::new(Pt::mm(210.0), Pt::mm(297.0)),
            Paper::Letter => Size::new(Pt::inch(8.5), Pt::inch(11.0)),
        }
    }

    /// The sheet, landscape.
    pub fn landscape(self) -> Size {
        let portrait = self.portrait();
        Size::new(portrait.height, portrait.width)
    }
}

/// Choices for paper output.
#[derive(Debug, Clone)]
pub struct PaperOptions {
    pub paper: Paper,
    /// Leave out the title slide, the agenda and the section dividers.
    pub skip_dividers: bool,
    /// The date in the footer.
    pub date: Option<String>,
}

/// The regions of a sheet: the body between header and footer bands.
pub(super) struct Sheet {
    pub header: Rect,
    pub body: Rect,
    pub footer: Rect,
    /// Space between blocks.
    pub gap: Pt,
}

impl Sheet {
    pub fn new(size: Size) -> Sheet {
        let margin = Pt::mm(MARGIN_MM);
        let band = CHROME_SIZE * 1.5;
        let gap = Pt::mm(5.0);
        let width = size.width - margin * 2.0;
        let header = Rect::new(margin, margin, width, band);
        let footer = Rect::new(margin, size.height - margin - band, width, band);
        let body_top = header.bottom() + gap;
        let body = Rect::new(margin, body_top, width, footer.y - gap - body_top);
        Sheet {
            header,
            body,
            footer,
            gap,
        }
    }
}

/// Which sheet a slide page lands on, for links, bookmarks and named
/// destinations: dropped pages lead to the next kept one.
pub(super) struct SheetMap {
    sheet_of_page: Vec<usize>,
}

impl SheetMap {
    /// `sheets[i]` is the sheet of the slide page `kept[i]`; `pages` is how
    /// many slide pages there are.
    pub fn new(pages: usize, kept: &[usize], sheets: &[usize]) -> SheetMap {
        // Walk back from the end, remembering the sheet of the nearest kept
        // page at or after each page; pages after the last kept one lead to the last sheet.
        let mut next = sheets.last().copied().unwrap_or(0);
        let mut sheet_of_page = vec![next; pages];
        let mut unseen = kept.len();
        for page in (0..pages).rev() {
            while unseen > 0 && kept[unseen - 1] >= page {
                unseen -= 1;
                next = sheets[unseen];
            }
            sheet_of_page[page] = next;
        }
        SheetMap { sheet_of_page }
    }

    pub fn sheet(&self, page: usize) -> usize {
        self.sheet_of_page.get(page).copied().unwrap_or(0)
    }
}

/// The slide pages kept on paper, by index.
pub fn kept_pages(slides: &[Page], options: &PaperOptions) -> Vec<usize> {
    slides
        .iter()
        .enumerate()
        .filter(|(_, page)| !options.skip_dividers || page.kind == PageKind::Slide)
        .map(|(index, _)| index)
        .collect()
}

/// `slide` scaled to fit `area` (keeping its shape) and centred in it, with
/// a thin frame around it and its label under it. Its links keep their
/// named destinations, which [`paper_document`] points at sheets. Returns
/// the items and the slide's box.
pub(super) fn placed_slide(context: &mut Context, slide: &Page, area: Rect) -> (Vec<Item>, Rect) {
    let label_height = LABEL_SIZE * LABEL_LINE;
    let scale = slide_scale(Size::new(area.width, area.height), slide.size);
    let width = slide.size.width * scale;
    let height = slide.size.height * scale;
    let x = area.x + (area.width - width) / 2.0;
    let y = area.y + (area.height - height - label_height) / 2.0;
    let transform = Transform {
        scale,
        offset: Point::new(x, y),
    };
    let group = slide.as_group(transform);
    let placed = group.bounds();
    // Each slide on the sheet is a section of its own, read in order; the
    // frame, its label and the sheet's chrome are artifacts.
    let mut items: Vec<Item> = tagged(Role::Section, vec![Item::Group(group)])
        .into_iter()
        .collect();
    items.extend(frame(placed));
    let label = context.block(
        &Subject {
            text: &slide.label,
            span: None,
            what: "a slide's label on paper".into(),
        },
        TextStyle {
            weight: Weight::Regular,
            size: LABEL_SIZE,
            color: INK,
            align: Align::Center,
            line_height: 1.3,
        },
        width,
        label_height,
    );
    let label_top = placed.bottom() + HAIRLINE + (label_height - label.height()) / 2.0;
    items.extend(label.place(x, label_top, width));
    (items, placed)
}

/// How much a page of `slide` size is scaled to fit `area` over its label,
/// keeping its shape.
pub(super) fn slide_scale(area: Size, slide: Size) -> f64 {
    let room = Size::new(area.width, area.height - LABEL_SIZE * LABEL_LINE);
    (room.width.0 / slide.width.0).min(room.height.0 / slide.height.0)
}

/// Four hairlines just outside `rect`.
pub(super) fn frame(rect: Rect) -> Vec<Item> {
    let h = HAIRLINE;
    let outer = Rect::new(
        rect.x - h,
        rect.y - h,
        rect.width + h * 2.0,
        rect.height + h * 2.0,
    );
    [
        Rect::new(outer.x, outer.y, outer.width, h),
        Rect::new(outer.x, rect.bottom(), outer.width, h),
        Rect::new(outer.x, rect.y, h, rect.height),
        Rect::new(rect.right(), rect.y, h, rect.height),
    ]
    .into_iter()
    .map(|rect| {
        Item::Rect(FillRect {
            rect,
            color: RULE,
            layer: Layer::Content,
            opacity: 100,
        })
    })
    .collect()
}

/// The sheet's header (the deck title over a rule) and footer (the date,
/// and "page X of Y").
pub(super) fn chrome(
    context: &mut Context,
    sheet: &Sheet,
    date: Option<&str>,
    number: usize,
    of: usize,
) -> Vec<Item> {
    let style = |align| TextStyle {
        weight: Weight::Regular,
        size: CHROME_SIZE,
        color: INK,
        align,
        line_height: 1.3,
    };
    let deck = context.deck;
    // Right-to-left languages run the chrome the other way: the title and
    // the date on the right, the page count on the left.
    let rtl = deck.strings().right_to_left();
    let start = if rtl { Align::Right } else { Align::Left };
    let mut items = Vec::new();
    let count = deck.strings().page_of(number, of);
    let count_block = context.block(
        &Subject {
            text: &count,
            span: None,
            what: "a page count on paper".into(),
        },
        style(Align::Left),
        sheet.footer.width,
        sheet.footer.height,
    );
    // Each footer block is placed in a box of its own width, so that the
    // side it stands on does not depend on the direction of its text.
    let count_width = count_block.width();
    let count_x = if rtl {
        sheet.footer.x
    } else {
        sheet.footer.right() - count_width
    };
    items.extend(count_block.place(count_x, sheet.footer.y, count_width));
    if let Some(date) = date {
        let room = sheet.footer.width - count_width - sheet.gap;
        let block = context.block(
            &Subject {
                text: date,
                span: deck.meta().date().map(|d| d.span),
                what: "the date on paper".into(),
            },
            style(Align::Left),
            room,
            sheet.footer.height,
        );
        let date_width = block.width();
        let date_x = if rtl {
            sheet.footer.right() - date_width
        } else {
            sheet.footer.x
        };
        items.extend(block.place(date_x, sheet.footer.y, date_width));
    }
    let title = context.block(
        &Subject {
            text: &deck.meta().title().text,
            span: Some(deck.meta().title().span),
            what: "the deck title on paper".into(),
        },
        style(start),
        sheet.header.width,
        sheet.header.height - HAIRLINE,
    );
    items.extend(title.place(sheet.header.x, sheet.header.y, sheet.header.width));
    items.push(Item::Rect(FillRect {
        layer: Layer::Content,
        opacity: 100,
        rect: Rect::new(
            sheet.header.x,
            sheet.header.bottom() - HAIRLINE,
            sheet.header.width,
            HAIRLINE,
        ),
        color: RULE,
    }));
    items
}

/// The paper document: `pages`, with the deck's outline, and its named
/// destinations (which links and bookmarks open) leading to the sheets
/// that show their slides.
pub(super) fn paper_document(slides: &Document, pages: Vec<Page>, map: &SheetMap) -> Document {
    Document {
        pages,
        outline: slides.outline.clone(),
        destinations: slides
            .destinations
            .iter()
            .map(|(name, page)| (name.clone(), map.sheet(*page)))
            .collect(),
        info: DocInfo {
            fullscreen: false,
            ..slides.info.clone()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_pages_lead_to_the_next_kept_sheet() {
        // Pages 0..6; kept 1, 2, 4 on sheets 0, 0, 1.
        let map = SheetMap::new(6, &[1, 2, 4], &[0, 0, 1]);
        let sheets: Vec<usize> = (0..6).map(|page| map.sheet(page)).collect();
        assert_eq!(sheets, [0, 0, 0, 1, 1, 1]);
    }

    #[test]
    fn margins_are_at_least_12_mm() {
        for paper in [Paper::A4, Paper::Letter] {
            for size in [paper.portrait(), paper.landscape()] {
                let sheet = Sheet::new(size);
                let twelve = Pt::mm(12.0);
                assert!(twelve.fits(sheet.header.x) && twelve.fits(sheet.header.y));
                assert!((sheet.footer.bottom() + twelve).fits(size.height));
                assert!((sheet.body.right() + twelve).fits(size.width));
            }
        }
    }
}
