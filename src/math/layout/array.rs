//! Arrays: matrices, `aligned`, `cases`, lines of a formula.

use super::super::parse::{Align, Array, Node, StyleSwitch};
use super::super::symbols::Class;
use super::{constants, Ctx, Layout, Level, MBox};

impl Layout {
    pub(super) fn array(&mut self, array: &Array, ctx: &Ctx) -> MBox {
        let s = ctx.scale();
        let cells = self.array_cells(array, ctx);
        let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0.0f64; columns];
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width);
            }
        }
        let gap = |i: usize| column_gap(array, i) * s;
        // Rows at least a strut apart: 1.2 em baselines (0.85 above, 0.35
        // below), plus a jot between display rows.
        let strut_ascent = 0.85 * s;
        let strut_descent = 0.35 * s;
        let jot = if array.display { 0.25 * s } else { 0.0 };
        let mut b = MBox::empty();
        let mut y = 0.0;
        let mut xs = Vec::with_capacity(columns);
        let mut x = 0.0;
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                x += gap(i - 1);
            }
            xs.push(x);
            x += w;
        }
        b.width = x;
        let mut row_boxes = Vec::new();
        // Where each row starts, and the last ends, from the top.
        let mut edges = vec![0.0];
        for row in cells {
            let ascent = row.iter().map(|c| c.ascent).fold(strut_ascent, f64::max);
            let descent = row.iter().map(|c| c.descent).fold(strut_descent, f64::max);
            y -= ascent;
            row_boxes.push((row, y));
            y -= descent + jot;
            edges.push(y + jot / 2.0);
        }
        let height = -(y + jot);
        if let Some(last) = edges.last_mut() {
            *last = -height;
        }
        // Centre the whole on the math axis.
        let shift = height / 2.0 + constants().axis_height * s;
        for (row, baseline) in row_boxes {
            for (i, cell) in row.into_iter().enumerate() {
                let free = widths[i] - cell.width;
                let dx = match column_align(array, i) {
                    Align::Left => 0.0,
                    Align::Center => free / 2.0,
                    Align::Right => free,
                };
                b.place(cell, xs[i] + dx, baseline + shift);
            }
        }
        b.ascent = b.ascent.max(shift);
        b.descent = b.descent.max(height - shift);
        let ruled = Ruled {
            edges: &edges,
            xs: &xs,
            shift,
            height,
        };
        array_rules(&mut b, array, &ruled, ctx);
        b.class = Class::Inner;
        b
    }

    /// Each cell laid out in the array's style.
    fn array_cells(&mut self, array: &Array, ctx: &Ctx) -> Vec<Vec<MBox>> {
        let cell_ctx = if array.display {
            ctx.switched(StyleSwitch::Display)
        } else {
            ctx.switched(StyleSwitch::Text)
        };
        let cell_ctx = Ctx {
            level: if matches!(ctx.level, Level::Script | Level::ScriptScript) {
                ctx.level
            } else {
                cell_ctx.level
            },
            ..cell_ctx
        };
        array
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        // `aligned`'s left halves start with the relation:
                        // space it as if something stood before it.
                        if array.pairs && i % 2 == 1 {
                            let mut with_lead = vec![Node::Group(Vec::new())];
                            with_lead.extend(cell.iter().cloned());
                            self.list(&with_lead, &cell_ctx)
                        } else {
                            self.list(cell, &cell_ctx)
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

/// Where an array's rules go: each row's top edge and the last's bottom
/// (from the array's top, y up), each column's left, the shift that
/// centres the array on the axis, and its height.
struct Ruled<'a> {
    edges: &'a [f64],
    xs: &'a [f64],
    shift: f64,
    height: f64,
}

/// How column `i` of `array` is aligned: `aligned` and its kin pair
/// right- and left-aligned columns.
fn column_align(array: &Array, i: usize) -> Align {
    if array.pairs {
        if i.is_multiple_of(2) {
            Align::Right
        } else {
            Align::Left
        }
    } else {
        array.columns.get(i).copied().unwrap_or(Align::Center)
    }
}

/// The gap after column `i` of `array`, in em at its size: between pairs
/// of `aligned` columns 2 em, none inside a pair.
fn column_gap(array: &Array, i: usize) -> f64 {
    if array.pairs {
        if i % 2 == 1 {
            2.0
        } else {
            0.0
        }
    } else {
        array.column_gap
    }
}

/// The array's `\hline`s across it and `|` rules down it, the box
/// widened to hold the outer ones.
fn array_rules(b: &mut MBox, array: &Array, ruled: &Ruled, ctx: &Ctx) {
    let s = ctx.scale();
    let gap = |i: usize| column_gap(array, i) * s;
    let (shift, height) = (ruled.shift, ruled.height);
    let columns = ruled.xs.len();
    let t = constants().fraction_rule_thickness * s;
    for &line in &array.hlines {
        if let Some(edge) = ruled.edges.get(line) {
            b.rule(0.0, edge + shift - t / 2.0, b.width, t, ctx);
        }
    }
    for &line in &array.vlines {
        let lx = if line == 0 {
            -gap(0) / 2.0
        } else if line >= columns {
            b.width + gap(0) / 2.0
        } else {
            ruled.xs[line] - gap(line - 1) / 2.0
        };
        b.rule(lx, shift - height, t, height, ctx);
    }
    if !array.vlines.is_empty() {
        // Room for the outer rules.
        let pad = gap(0) / 2.0 + t;
        b.shift_drawing(pad, 0.0);
        b.width += 2.0 * pad;
    }
}
