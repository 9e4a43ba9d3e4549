//! Notes pages: one sheet per slide, the slide in the upper part and its
//! speaker notes under it; notes too long for the sheet continue on the next.

use crate::color::Color;
use crate::frame::{Document, Item, Page, PageKind};
use crate::geom::{Pt, Rect};
use crate::text::Weight;

use super::block::{Align, Block, Subject, TextStyle};
use super::paper::{
    chrome, kept_pages, paper_document, placed_slide, PaperOptions, Sheet, SheetMap, INK,
    LABEL_SIZE,
};
use super::tags::paragraph;
use super::Context;

/// The slide's share of the body's height.
const SLIDE_SHARE: f64 = 0.45;
/// Notes text.
const NOTES_SIZE: Pt = Pt(11.0);
const NOTES_COLOR: Color = Color::rgb(0x1d, 0x1d, 0x1f);

/// One sheet before its header and footer: the slide page it shows (on a
/// slide's first sheet) and its lines of notes.
struct SheetBody {
    slide: Option<usize>,
    items: Vec<Item>,
}

/// One notes page per kept page of `slides`, and more where notes run long.
pub(super) fn notes_pages(
    context: &mut Context,
    slides: &Document,
    options: &PaperOptions,
) -> Document {
    let kept = kept_pages(&slides.pages, options);
    let size = options.paper.portrait();
    let sheet = Sheet::new(size);
    let slide_area = Rect {
        height: sheet.body.height * SLIDE_SHARE,
        ..sheet.body
    };
    let notes_top = slide_area.bottom() + sheet.gap;
    let notes_style = TextStyle {
        weight: Weight::Regular,
        size: NOTES_SIZE,
        color: NOTES_COLOR,
        align: Align::Left,
        line_height: 1.4,
    };

    // Sheets are laid out first and numbered once their count is known.
    let mut bodies: Vec<SheetBody> = Vec::new();
    let mut first_sheets = Vec::with_capacity(kept.len());
    for &index in &kept {
        let page = &slides.pages[index];
        first_sheets.push(bodies.len());
        bodies.push(SheetBody {
            slide: Some(index),
            items: Vec::new(),
        });
        let Some(notes) = &page.notes else {
            continue;
        };
        let block = context.block_with_floor(
            &Subject {
                text: notes,
                span: None,
                what: format!("the notes of page {}", page.label),
            },
            notes_style,
            NOTES_SIZE,
            sheet.body.width,
            // Any length: what does not fit continues on the next sheet.
            Pt(f64::MAX / 4.0),
        );
        flow(context, &block, &page.label, &sheet, notes_top, &mut bodies);
    }

    let map = SheetMap::new(slides.pages.len(), &kept, &first_sheets);
    let count = bodies.len();
    let mut pages = Vec::with_capacity(count);
    for (number, body) in bodies.into_iter().enumerate() {
        let mut items = chrome(context, &sheet, options.date.as_deref(), number + 1, count);
        if let Some(index) = body.slide {
            items.extend(placed_slide(context, &slides.pages[index], slide_area).0);
        }
        items.extend(body.items);
        let mut page = Page::new(PageKind::Paper, size, Color::WHITE, items);
        page.label = (number + 1).to_string();
        pages.push(page);
    }
    paper_document(slides, pages, &map)
}

/// Places `notes` from `top` on the last of `bodies`, continuing on new
/// sheets, each headed "Notes for page N, continued", until every line is placed.
fn flow(
    context: &mut Context,
    notes: &Block,
    label: &str,
    sheet: &Sheet,
    top: Pt,
    bodies: &mut Vec<SheetBody>,
) {
    let body = sheet.body;
    let pitch = notes.line_pitch();
    // At least one line per sheet, so a line taller than a sheet cannot stall.
    let lines_from = |top: Pt| ((body.bottom() - top).0 / pitch.0).floor().max(1.0) as usize;
    let mut start = 0;
    let mut top = top;
    loop {
        let end = (start + lines_from(top)).min(notes.line_count());
        if let Some(current) = bodies.last_mut() {
            let piece = notes.lines(start..end);
            // The notes read as a paragraph after the slide; each sheet's
            // share is one.
            current
                .items
                .extend(paragraph(piece.place(body.x, top, body.width)));
        }
        start = end;
        if start >= notes.line_count() {
            return;
        }
        let heading = context.block(
            &Subject {
                text: &context.deck.strings().notes_continued(label),
                span: None,
                what: "a notes heading".into(),
            },
            TextStyle {
                weight: Weight::Regular,
                size: LABEL_SIZE,
                color: INK,
                align: Align::Left,
                line_height: 1.3,
            },
            body.width,
            body.height,
        );
        bodies.push(SheetBody {
            slide: None,
            items: heading.place(body.x, body.y, body.width),
        });
        top = body.y + heading.height() + sheet.gap;
    }
}
