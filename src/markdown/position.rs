//! Places in the Markdown file: byte offsets to the lines and columns
//! every deckgen message shows, and values spanned at them.

use serde::de::value::{Error as ValueError, MapDeserializer};
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::diag::Span;

/// Where each line of a text starts, to turn byte offsets into spans.
#[derive(Debug)]
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Lines { text, starts }
    }

    /// The whole text.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub(crate) fn span(&self, offset: usize) -> Span {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|start| *start <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Span::new(line as u32, column as u32)
    }

    /// The file's text from byte `offset` on.
    pub(crate) fn from(&self, offset: usize) -> &'a str {
        self.text.get(offset..).unwrap_or_default()
    }

    /// `value`, spanned at byte `offset`.
    pub(crate) fn spanned<T>(&self, value: T, offset: usize) -> Spanned<T> {
        spanned_at(value, self.span(offset))
    }
}

/// `value` with `span` as the place it was written.
pub(crate) fn spanned_at<T>(value: T, span: Span) -> Spanned<T> {
    let location = location(span);
    Spanned::new(value, location, location)
}

/// `span`, found in a text that starts at `base` of the file, as a place
/// in the file: its first line starts at `base`'s column.
pub(crate) fn moved_span(span: Span, base: Span) -> Span {
    if span.line <= 1 {
        Span::new(base.line, base.column + span.column - 1)
    } else {
        Span::new(base.line + span.line - 1, span.column)
    }
}

/// `value`, read from a text that starts at `base` of the file, at its
/// place in the file.
pub(crate) fn moved<T>(value: Spanned<T>, base: Span) -> Spanned<T> {
    let span = crate::source::span_of(&value.referenced).unwrap_or(Span::new(1, 1));
    spanned_at(value.value, moved_span(span, base))
}

/// serde-saphyr's location for `span`. Its one public way in is reading it
/// from a mapping of `line` and `column`.
fn location(span: Span) -> Location {
    let fields = [("line", span.line), ("column", span.column)];
    let map = MapDeserializer::<_, ValueError>::new(fields.into_iter());
    Location::deserialize(map).unwrap_or(Location::UNKNOWN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::span_of;

    #[test]
    fn offsets_become_lines_and_columns() {
        let lines = Lines::new("ab\nçd\n\nx");
        assert_eq!(lines.span(0), Span::new(1, 1));
        assert_eq!(lines.span(3), Span::new(2, 1));
        assert_eq!(lines.span(5), Span::new(2, 2));
        assert_eq!(lines.span(7), Span::new(3, 1));
        assert_eq!(lines.span(8), Span::new(4, 1));
    }

    #[test]
    fn places_in_a_part_move_to_the_file() {
        let base = Span::new(12, 15);
        assert_eq!(moved_span(Span::new(1, 2), base), Span::new(12, 16));
        assert_eq!(moved_span(Span::new(3, 4), base), Span::new(14, 4));
    }

    #[test]
    fn spanned_values_keep_their_place() {
        let value = spanned_at("x", Span::new(27, 4));
        assert_eq!(span_of(&value.referenced), Some(Span::new(27, 4)));
    }
}
