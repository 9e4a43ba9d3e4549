//! Tables: their rows fitted to the alignment row, numbers set right.

use pulldown_cmark::Alignment;

use super::super::{Align, Inline, Table};

/// A table, every row as wide as the alignment row says; a column with no
/// alignment whose body cells are all numbers stands right-aligned.
pub(super) fn table(
    alignments: &[Alignment],
    header: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
) -> Table {
    let width = alignments.len();
    let fit = |mut row: Vec<Vec<Inline>>| {
        row.resize_with(width, Vec::new);
        row
    };
    let header = fit(header);
    let rows: Vec<Vec<Vec<Inline>>> = rows.into_iter().map(fit).collect();
    let align = alignments
        .iter()
        .enumerate()
        .map(|(column, alignment)| match alignment {
            Alignment::Left => Align::Left,
            Alignment::Center => Align::Center,
            Alignment::Right => Align::Right,
            Alignment::None if numeric_column(&rows, column) => Align::Right,
            Alignment::None => Align::Left,
        })
        .collect();
    Table {
        align,
        header,
        rows,
    }
}

/// Whether the body cells of `column` are all numbers (empty cells aside,
/// and at least one).
pub(super) fn numeric_column(rows: &[Vec<Vec<Inline>>], column: usize) -> bool {
    let mut numbers = 0;
    for row in rows {
        let text = plain_text(&row[column]);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !is_number(text) {
            return false;
        }
        numbers += 1;
    }
    numbers > 0
}

/// The words of `inlines`, styles aside.
pub(super) fn plain_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, .. } => text.as_str(),
            Inline::Math(math) => math.source.as_str(),
            Inline::Break => " ",
        })
        .collect()
}

/// `1`, `-2.5`, `1,234`, `+3 %`, `$12`, `€ 4.50`: a number, maybe signed,
/// with a currency sign before or a percent sign after.
pub(super) fn is_number(text: &str) -> bool {
    let text = text.trim_start_matches(['+', '-', '−', '±']);
    let text = text.trim_start_matches(['$', '€', '£', '¥']).trim_start();
    let text = text.trim_end_matches('%').trim_end();
    let mut digits = false;
    for c in text.chars() {
        match c {
            '0'..='9' => digits = true,
            '.' | ',' | '_' | '\'' | '\u{202f}' | '\u{2009}' | ' ' => {}
            _ => return false,
        }
    }
    digits && text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
}
