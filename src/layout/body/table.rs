//! Tables, set as booktabs sets them: a bold header row, strong rules
//! above and below the table, a lighter one under the header and thin
//! ones between rows, no vertical rules. Columns are as wide as their
//! widest cell when the table fits; otherwise they share the width and
//! their cells wrap.

use crate::body::{Align as ColumnAlign, Table as TableBlock};
use crate::frame::{tagged, FillRect, Item, Layer, Role};
use crate::geom::{Point, Pt, Rect};
use crate::text::{FaceStyle, FontSet, Weight};

use super::super::block::Align;
use super::inline::{InlineColors, Rich};
use super::palette::Palette;

/// A table, shaped.
#[derive(Debug, Clone)]
pub(super) struct Table {
    align: Vec<Align>,
    header: Vec<Rich>,
    rows: Vec<Vec<Rich>>,
}

/// How a table is set, as shares of its text size.
#[derive(Debug, Clone, Copy)]
pub(in crate::layout) struct TableStyle {
    /// The table's text, of the body's size.
    pub scale: f64,
    pub line_height: f64,
    /// Inside each cell: above and below, and at the sides.
    pub padding: (f64, f64),
}

impl Table {
    pub fn new(fonts: &FontSet, table: &TableBlock, colors: InlineColors) -> Table {
        let regular = FaceStyle::default();
        let bold = FaceStyle::from(Weight::Bold);
        let cells = |row: &[Vec<crate::body::Inline>], face| -> Vec<Rich> {
            row.iter()
                .map(|cell| Rich::new(fonts, cell, face, colors))
                .collect()
        };
        Table {
            align: table
                .align
                .iter()
                .map(|align| match align {
                    ColumnAlign::Left => Align::Left,
                    ColumnAlign::Center => Align::Center,
                    ColumnAlign::Right => Align::Right,
                })
                .collect(),
            header: cells(&table.header, bold),
            rows: table.rows.iter().map(|row| cells(row, regular)).collect(),
        }
    }

    fn columns(&self) -> usize {
        self.align.len()
    }

    /// The table placed with its top at `at`, in at most `width`, its text
    /// at `size`: its items (tagged) and its height.
    pub fn place(
        &self,
        at: Point,
        width: Pt,
        size: Pt,
        table_style: &TableStyle,
        palette: &Palette,
    ) -> (Vec<Item>, Pt) {
        let (pad_y, pad_x) = (size * table_style.padding.0, size * table_style.padding.1);
        let widths = self.column_widths(width, size, pad_x);
        let strong = (size * 0.06).max(Pt(1.0));
        let light = (size * 0.03).max(Pt(0.5));
        let table_width = widths.iter().fold(Pt(0.0), |sum, &w| sum + w);
        let mut marks = Vec::new();
        let rule = |y: Pt, thickness: Pt, color| FillRect {
            rect: Rect::new(at.x, y, table_width, thickness),
            color,
            layer: Layer::Mark,
            opacity: 100,
        };
        marks.push(rule(at.y, strong, palette.text));
        let mut y = at.y + strong;
        let header = self.row(
            &self.header,
            &widths,
            Point::new(at.x, y),
            size,
            table_style,
            (pad_y, pad_x),
            true,
        );
        y = y + header.1;
        marks.push(rule(y, light, palette.text));
        y = y + light;
        let mut body_rows = Vec::new();
        for (index, row) in self.rows.iter().enumerate() {
            if index > 0 {
                marks.push(rule(y, light, palette.rule));
                y = y + light;
            }
            let (items, height) = self.row(
                row,
                &widths,
                Point::new(at.x, y),
                size,
                table_style,
                (pad_y, pad_x),
                false,
            );
            body_rows.extend(tagged(Role::TableRow, items));
            y = y + height;
        }
        marks.push(rule(y, strong, palette.text));
        y = y + strong;
        let head = tagged(
            Role::TableHead,
            tagged(Role::TableRow, header.0).into_iter().collect(),
        );
        let body = tagged(Role::TableBody, body_rows);
        let mut items: Vec<Item> = marks.into_iter().map(Item::Rect).collect();
        items.extend(tagged(Role::Table, head.into_iter().chain(body).collect()));
        (items, y - at.y)
    }

    /// One row's cells side by side: their items, as header or data
    /// cells, and the row's height.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        cells: &[Rich],
        widths: &[Pt],
        at: Point,
        size: Pt,
        table_style: &TableStyle,
        (pad_y, pad_x): (Pt, Pt),
        header: bool,
    ) -> (Vec<Item>, Pt) {
        let mut x = at.x;
        let mut items = Vec::new();
        let mut height = Pt(0.0);
        for (column, width) in widths.iter().enumerate() {
            let align = self.align.get(column).copied().unwrap_or(Align::Left);
            let inner = (*width - pad_x * 2.0).max(Pt(1.0));
            if let Some(cell) = cells.get(column) {
                let set = cell.place(
                    Point::new(x + pad_x, at.y + pad_y),
                    inner,
                    size,
                    table_style.line_height,
                    align,
                );
                height = height.max(set.height);
                let role = if header {
                    Role::TableHeader
                } else {
                    Role::TableCell
                };
                // An empty cell is still a cell of its row.
                let cell_items = set.into_items();
                items.push(Item::Tagged(crate::frame::Tagged {
                    role,
                    items: cell_items,
                }));
            }
            x = x + *width;
        }
        (
            items,
            height.max(size * table_style.line_height) + pad_y * 2.0,
        )
    }

    /// Each column's width: its widest cell when the table fits in
    /// `width`; otherwise the width shared out so that narrow columns keep
    /// their width and the wide ones split the rest evenly.
    fn column_widths(&self, width: Pt, size: Pt, pad_x: Pt) -> Vec<Pt> {
        let columns = self.columns();
        let natural: Vec<Pt> = (0..columns)
            .map(|column| {
                let cells = std::iter::once(&self.header).chain(&self.rows);
                let widest = cells
                    .filter_map(|row| row.get(column))
                    .map(Rich::natural_width)
                    .fold(0.0, f64::max);
                size * widest + pad_x * 2.0
            })
            .collect();
        let total = natural.iter().fold(Pt(0.0), |sum, &w| sum + w);
        if total.fits(width) || columns == 0 {
            return natural;
        }
        // Water-filling: a column narrower than an even share keeps its
        // width; the others share what is left.
        let mut widths = vec![None; columns];
        let mut left = width;
        loop {
            let open = widths.iter().filter(|w| w.is_none()).count();
            if open == 0 {
                break;
            }
            let share = left / open as f64;
            let mut settled = false;
            for (column, slot) in widths.iter_mut().enumerate() {
                if slot.is_none() && natural[column].fits(share) {
                    *slot = Some(natural[column]);
                    left = left - natural[column];
                    settled = true;
                }
            }
            if !settled {
                for slot in widths.iter_mut().filter(|w| w.is_none()) {
                    *slot = Some(share);
                }
            }
        }
        widths.into_iter().map(|w| w.unwrap_or(Pt(0.0))).collect()
    }
}
