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
    fn spanned_values_keep_their_place() {
        let value = spanned_at("x", Span::new(27, 4));
        assert_eq!(span_of(&value.referenced), Some(Span::new(27, 4)));
    }
}
