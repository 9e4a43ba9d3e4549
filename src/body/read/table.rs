//! Tables: their rows fitted to the alignment row, numbers set right;
//! header rows short of cells padded, as Pandoc reads them.

use std::borrow::Cow;

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

/// Markdown with every pipe table's header row given as many cells as its
/// delimiter row has (Pandoc's reading; CommonMark's tables need them
/// equal), and where the cells were added, to map places back.
pub(super) struct PaddedHeaders<'a> {
    text: Cow<'a, str>,
    /// Each addition: where it starts in the padded text, and its length.
    added: Vec<(usize, usize)>,
}

impl<'a> PaddedHeaders<'a> {
    /// `markdown` as it is.
    pub(super) fn none(markdown: &'a str) -> PaddedHeaders<'a> {
        PaddedHeaders {
            text: Cow::Borrowed(markdown),
            added: Vec::new(),
        }
    }

    /// `markdown` with its short header rows padded (outside code fences).
    pub(super) fn of(markdown: &'a str) -> PaddedHeaders<'a> {
        let lines: Vec<&str> = markdown.split_inclusive('\n').collect();
        let mut short = Vec::new();
        let mut fence: Option<&str> = None;
        let mut at = 0;
        for (index, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(*m));
            match (fence, marker) {
                (None, Some(marker)) => fence = Some(marker),
                (Some(open), Some(marker)) if open == marker => fence = None,
                _ => {}
            }
            if fence.is_none() && index > 0 {
                if let Some(columns) = delimiter_cells(line) {
                    let header = lines[index - 1];
                    let cells = header_cells(header);
                    if header.contains('|') && cells < columns {
                        let end = at - header.len() + header.trim_end().len();
                        short.push((end, columns - cells, header.trim_end().ends_with('|')));
                    }
                }
            }
            at += line.len();
        }
        if short.is_empty() {
            return PaddedHeaders::none(markdown);
        }
        let mut text = String::with_capacity(markdown.len() + 8 * short.len());
        let mut added = Vec::new();
        let mut from = 0;
        for (end, missing, closed) in short {
            text.push_str(&markdown[from..end]);
            // A last pipe with nothing after it ends the row, adding no cell.
            let padding = " |".repeat(missing + usize::from(!closed));
            added.push((text.len(), padding.len()));
            text.push_str(&padding);
            from = end;
        }
        text.push_str(&markdown[from..]);
        PaddedHeaders {
            text: Cow::Owned(text),
            added,
        }
    }

    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// Where byte `at` of the padded text was written: an added cell maps
    /// to the end of the header row it was added to.
    pub(super) fn written(&self, at: usize) -> usize {
        let mut shift = 0;
        for (start, length) in &self.added {
            if at <= *start {
                break;
            }
            shift += (*length).min(at - start);
        }
        at - shift
    }
}

/// How many cells CommonMark's tables count in header row `line`: its
/// dividing pipes, one more unless the last ends the row, one fewer when
/// the first starts it.
fn header_cells(line: &str) -> usize {
    let line = line.trim();
    let bytes = line.as_bytes();
    let pipes = (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count();
    if pipes == 0 {
        return 1;
    }
    let leading = usize::from(line.starts_with('|'));
    let trailing = usize::from(line.ends_with('|') && !line.ends_with("\\|"));
    (pipes + 1).saturating_sub(leading + trailing)
}

/// How many columns delimiter row `line` (`---|:-:|`) sets, if it is one:
/// cells of dashes with optional colons, divided by at least one pipe.
fn delimiter_cells(line: &str) -> Option<usize> {
    let line = line.trim();
    if !line.contains('|') {
        return None;
    }
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let is_cell = |cell: &&str| {
        let dashes = cell.trim_start_matches(':').trim_end_matches(':');
        !dashes.is_empty() && dashes.chars().all(|c| c == '-')
    };
    cells.iter().all(is_cell).then_some(cells.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_header_rows_are_padded_and_places_map_back() {
        let markdown = "x\n | \n---|---|---\na | b | c\n";
        let padded = PaddedHeaders::of(markdown);
        // The header row's trailing space stays as written, after the cells.
        assert_eq!(padded.text(), "x\n | | | | \n---|---|---\na | b | c\n");
        // The delimiter row starts at byte 6 as written, 12 padded.
        assert_eq!(padded.written(12), 6);
        assert_eq!(padded.written(1), 1);
        // Inside the added cells: the end of the row as written.
        assert_eq!(padded.written(5), 4);
        let open = PaddedHeaders::of("a | b\n--|--|--\n");
        assert_eq!(open.text(), "a | b | |\n--|--|--\n");
        let fine = "| a | b |\n|---|---|\n";
        assert_eq!(PaddedHeaders::of(fine).text(), fine);
        let fenced = "```\n | \n---|---|---\n```\n";
        assert_eq!(PaddedHeaders::of(fenced).text(), fenced);
        assert_eq!(header_cells(" | "), 0);
        assert_eq!(header_cells("| a | b |"), 2);
        assert_eq!(header_cells("a | b"), 2);
        assert_eq!(delimiter_cells("---|:-:|---:"), Some(3));
        assert_eq!(delimiter_cells("---"), None);
    }
}
