//! Handouts: slides N to a sheet, in reading order, each scaled the same,
//! framed and labelled, with the deck title above and "page X of Y" below.
//! Three to a sheet puts ruled lines for notes beside each slide.

use crate::color::Color;
use crate::frame::{Document, FillRect, Item, Layer, Page, PageKind};
use crate::geom::{Pt, Rect, Size};

use super::paper::{
    chrome, kept_pages, paper_document, placed_slide, slide_scale, Paper, PaperOptions, Sheet,
    SheetMap, HAIRLINE, RULE,
};
use super::Context;

/// The slides a sheet may hold.
pub const HANDOUT_SIZES: &[usize] = &[1, 2, 3, 4, 6, 9];
/// Space between cells.
const GUTTER_MM: f64 = 8.0;
/// With three to a sheet, the slide takes this share of the width; ruled
/// lines for notes take the rest.
const THREE_UP_SLIDE_SHARE: f64 = 0.55;
/// Distance between note lines.
const NOTE_LINE_MM: f64 = 7.5;

/// Columns and rows for `per_page` slides to a sheet.
fn grid(per_page: usize) -> (usize, usize) {
    match per_page {
        1 => (1, 1),
        2 => (1, 2),
        3 => (1, 3),
        4 => (2, 2),
        6 => (2, 3),
        _ => (3, 3),
    }
}

/// Where the slides go on a handout's sheets.
struct Imposition {
    per_page: usize,
    size: Size,
    sheet: Sheet,
    columns: usize,
    cell: Size,
    gutter: Pt,
    /// Rows fill from the right, and the slide of three to a sheet stands
    /// right of its note lines: the reading order of a right-to-left deck.
    right_to_left: bool,
}

impl Imposition {
    fn new(per_page: usize, paper: Paper, right_to_left: bool) -> Imposition {
        let size = if per_page == 1 {
            paper.landscape()
        } else {
            paper.portrait()
        };
        let sheet = Sheet::new(size);
        let (columns, rows) = grid(per_page);
        let gutter = Pt::mm(GUTTER_MM);
        let cell = Size::new(
            (sheet.body.width - gutter * (columns - 1) as f64) / columns as f64,
            (sheet.body.height - gutter * (rows - 1) as f64) / rows as f64,
        );
        Imposition {
            per_page,
            size,
            sheet,
            columns,
            cell,
            gutter,
            right_to_left,
        }
    }

    /// The cell of the `index`th slide on a sheet, in reading order: along
    /// a row (from the right in a right-to-left deck), then down.
    fn cell(&self, index: usize) -> Rect {
        let (column, row) = (index % self.columns, index / self.columns);
        let column = if self.right_to_left {
            self.columns - 1 - column
        } else {
            column
        };
        Rect::new(
            self.sheet.body.x + (self.cell.width + self.gutter) * column as f64,
            self.sheet.body.y + (self.cell.height + self.gutter) * row as f64,
            self.cell.width,
            self.cell.height,
        )
    }

    /// The part of `cell` the slide is placed in: all of it, but with three
    /// to a sheet only its share beside the note lines, where a row starts.
    fn slide_box(&self, cell: Rect) -> Rect {
        if self.per_page != 3 {
            return cell;
        }
        let width = cell.width * THREE_UP_SLIDE_SHARE;
        let x = if self.right_to_left {
            cell.right() - width
        } else {
            cell.x
        };
        Rect { x, width, ..cell }
    }

    /// Where the note lines go beside the slide `placed` in `cell`.
    fn notes_box(&self, cell: Rect, placed: Rect) -> Rect {
        let (left, right) = if self.right_to_left {
            (cell.x, self.slide_box(cell).x - self.gutter)
        } else {
            (self.slide_box(cell).right() + self.gutter, cell.right())
        };
        Rect::new(left, placed.y, right - left, placed.height)
    }
}

/// How much a page of `slide` size is scaled on a handout of `per_page`
/// slides (one of [`HANDOUT_SIZES`]) to a sheet of `paper`: the figure
/// [`handout`] places every slide at.
pub fn handout_scale(per_page: usize, paper: Paper, slide: Size) -> f64 {
    // The scale is the same whichever way rows run.
    let imposition = Imposition::new(per_page, paper, false);
    let slide_box = imposition.slide_box(imposition.cell(0));
    slide_scale(Size::new(slide_box.width, slide_box.height), slide)
}

/// `slides` imposed `per_page` (one of [`HANDOUT_SIZES`]) to a sheet.
pub(super) fn handout(
    context: &mut Context,
    slides: &Document,
    per_page: usize,
    options: &PaperOptions,
) -> Document {
    let kept = kept_pages(&slides.pages, options);
    let right_to_left = context.deck.strings().right_to_left();
    let imposition = Imposition::new(per_page, options.paper, right_to_left);
    let (size, sheet) = (imposition.size, &imposition.sheet);
    let sheets = kept.len().div_ceil(per_page);
    let sheet_of_kept: Vec<usize> = (0..kept.len()).map(|i| i / per_page).collect();
    let map = SheetMap::new(slides.pages.len(), &kept, &sheet_of_kept);

    let mut pages = Vec::with_capacity(sheets);
    for number in 0..sheets {
        let mut items = chrome(context, sheet, options.date.as_deref(), number + 1, sheets);
        let on_sheet = kept.iter().skip(number * per_page).take(per_page);
        for (cell, &index) in on_sheet.enumerate() {
            let cell_box = imposition.cell(cell);
            let slide_box = imposition.slide_box(cell_box);
            let (placed_items, placed) = placed_slide(context, &slides.pages[index], slide_box);
            items.extend(placed_items);
            if per_page == 3 {
                items.extend(note_lines(imposition.notes_box(cell_box, placed)));
            }
        }
        let mut page = Page::new(PageKind::Paper, size, Color::WHITE, items);
        page.label = (number + 1).to_string();
        pages.push(page);
    }
    paper_document(slides, pages, &map)
}

/// Ruled lines across `area`, the first one line down, none at its top edge.
fn note_lines(area: Rect) -> Vec<Item> {
    let spacing = Pt::mm(NOTE_LINE_MM);
    let count = ((area.height.0 - HAIRLINE.0) / spacing.0).floor() as usize;
    (1..=count)
        .map(|line| {
            Item::Rect(FillRect {
                layer: Layer::Content,
                opacity: 100,
                rect: Rect::new(
                    area.x,
                    area.y + spacing * line as f64 - HAIRLINE,
                    area.width,
                    HAIRLINE,
                ),
                color: RULE,
            })
        })
        .collect()
}
