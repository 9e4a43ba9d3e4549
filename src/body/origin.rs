//! Where a body's text stands in the deck file, so a problem inside a body
//! points at its line and column there, not in the fragment.
//!
//! A YAML `body: |` starts on the next line, every line indented; a plain or
//! quoted scalar folds its lines into spaces. So each line of the source is
//! found in the value in turn, and each found piece keeps its place. Where
//! the value cannot be matched (an escape in a quoted scalar), the places
//! after it count on from the last piece matched: close, never past the
//! value's own lines.

use crate::diag::Span;

/// Places of the pieces of a body's text: byte offsets into the text, each
/// with the line and column of the deck file it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// By offset, the first at offset 0.
    pieces: Vec<(usize, Span)>,
}

impl Origin {
    /// `text`, copied from the file as is, starting at `start` (a Markdown
    /// deck's slide): line `n` of the text is line `n` after `start`. A
    /// piece per line, so a place is found within its line.
    pub fn verbatim(start: Span, text: &str) -> Origin {
        let lines = text
            .match_indices('\n')
            .enumerate()
            .map(|(index, (at, _))| (at + 1, Span::new(start.line + index as u32 + 1, 1)));
        Origin {
            pieces: std::iter::once((0, start)).chain(lines).collect(),
        }
    }

    /// The YAML scalar `value`, written in `deck` starting at `start` (the
    /// place serde gives: the `|` of a block scalar, the quote of a quoted
    /// one, the first character of a plain one).
    pub fn of_yaml_scalar(deck: &DeckLines, start: Span, value: &str) -> Origin {
        let mut pieces = vec![(0, start)];
        let mut source = deck.starting_at(start.line.saturating_sub(1) as usize);
        let Some((_, first)) = source.next() else {
            return Origin { pieces };
        };
        // The first line from the scalar's start on.
        let first_column = start.column.max(1) as usize;
        let first: String = first.chars().skip(first_column - 1).collect();
        let mut cursor = 0;
        let mut lines = vec![(start.line, first_column, first.as_str())];
        let header = first.trim_start();
        if is_block_header(header) {
            // A block scalar's header line holds no text.
            lines.clear();
        } else if let Some(quote @ ('"' | '\'')) = header.chars().next() {
            lines[0].1 += first.len() - header.len() + 1;
            lines[0].2 = &header[quote.len_utf8()..];
        }
        let mut found = Vec::new();
        let mut rest = source.map(|(index, line)| (index as u32 + 1, 1, line));
        while let Some((line, column, text)) = lines.pop().or_else(|| rest.next()) {
            if value[cursor..].trim().is_empty() {
                break;
            }
            let trimmed = text.trim_start();
            let trimmed = trimmed.trim_end_matches('\r');
            if trimmed.trim().is_empty() {
                continue;
            }
            let column = column + text[..text.len() - text.trim_start().len()].chars().count();
            // Only spaces and line breaks may stand between two pieces.
            let skipped = value[cursor..].len() - value[cursor..].trim_start().len();
            let at = cursor + skipped;
            let matched = common_prefix(trimmed, &value[at..]);
            if matched == 0 {
                break;
            }
            found.push((at, Span::new(line, column as u32)));
            cursor = at + matched;
            if matched < trimmed.len() {
                // An escape or the closing quote: what follows is not the value's.
                break;
            }
        }
        if !found.is_empty() {
            pieces = found;
            if pieces[0].0 > 0 {
                pieces.insert(0, (0, pieces[0].1));
            }
        }
        Origin { pieces }
    }

    /// The place in the deck file of byte `offset` of `text`, the body's text.
    pub fn span(&self, text: &str, offset: usize) -> Span {
        let index = self.pieces.partition_point(|(start, _)| *start <= offset);
        let (start, place) = self.pieces[index.saturating_sub(1)];
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let between = text.get(start.min(offset)..offset).unwrap_or_default();
        match between.rfind('\n') {
            None => Span::new(place.line, place.column + between.chars().count() as u32),
            Some(last) => Span::new(
                place.line + between.matches('\n').count() as u32,
                between[last + 1..].chars().count() as u32 + 1,
            ),
        }
    }
}

/// A YAML deck's text and where each of its lines starts, so each body of
/// a deck finds its lines at once instead of reading the deck from its top
/// (which took a deck of 500 bodies 8 % of its build).
pub struct DeckLines<'a> {
    text: &'a str,
    /// The byte offset of each line, the first at 0.
    starts: Vec<usize>,
}

impl<'a> DeckLines<'a> {
    pub fn new(text: &'a str) -> DeckLines<'a> {
        let breaks = text.match_indices('\n').map(|(at, _)| at + 1);
        DeckLines {
            text,
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The lines from the one at `index` (from 0) on, each with its index:
    /// what `text.split('\n').enumerate().skip(index)` gives.
    fn starting_at(&self, index: usize) -> impl Iterator<Item = (usize, &'a str)> {
        let (start, count) = match self.starts.get(index) {
            Some(&start) => (start, usize::MAX),
            None => (self.text.len(), 0),
        };
        let text: &'a str = self.text;
        text[start..]
            .split('\n')
            .take(count)
            .enumerate()
            .map(move |(line, text)| (index + line, text))
    }
}

/// Whether `line` is a block scalar's header: `|` or `>`, its chomping and
/// indentation marks (`|-`, `>2+`), maybe a comment. (serde gives a block
/// scalar's first line as its place; the header is read here too, in case.)
fn is_block_header(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['|', '>']) else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// How many bytes `a` and `b` share at their start, on character boundaries.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((at, _), _)| at)
}

/// The nearest character boundary at or before `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `needle` (its first occurrence in `value`) was written.
    fn place(deck: &str, start: Span, value: &str, needle: &str) -> (u32, u32) {
        let origin = Origin::of_yaml_scalar(&DeckLines::new(deck), start, value);
        let span = origin.span(value, value.find(needle).expect("in the value"));
        (span.line, span.column)
    }

    #[test]
    fn a_literal_block_maps_line_by_line() {
        let deck = "slides:\n  - body: |\n      - one\n\n        two\n      ```rust\n";
        let value = "- one\n\n  two\n```rust\n";
        let start = Span::new(2, 11);
        assert_eq!(place(deck, start, value, "one"), (3, 9));
        assert_eq!(place(deck, start, value, "two"), (5, 9));
        assert_eq!(place(deck, start, value, "```"), (6, 7));
        assert_eq!(place(deck, start, value, "rust"), (6, 10));
    }

    #[test]
    fn a_block_placed_at_its_first_line_may_start_like_a_header() {
        let deck = "- body: |\n    | a | b |\n    |---|---|\n    > x\n";
        let value = "| a | b |\n|---|---|\n> x\n";
        assert_eq!(place(deck, Span::new(2, 5), value, "> x"), (4, 5));
        assert_eq!(place(deck, Span::new(1, 9), value, "|---"), (3, 5));
        assert!(is_block_header("|-  # a comment"));
        assert!(is_block_header(">2+"));
        assert!(!is_block_header("| a |"));
        assert!(!is_block_header("> quoted"));
    }

    #[test]
    fn folded_plain_and_quoted_scalars_map_as_well_as_they_can() {
        let deck = "- body: >\n    one\n    two\n";
        assert_eq!(place(deck, Span::new(1, 9), "one two\n", "two"), (3, 5));
        let deck = "- body: one *two*\n    three\n";
        let value = "one *two* three";
        assert_eq!(place(deck, Span::new(1, 9), value, "*two"), (1, 13));
        assert_eq!(place(deck, Span::new(1, 9), value, "three"), (2, 5));
        let deck = "- body: \"a `b`\n    c\"\n";
        assert_eq!(place(deck, Span::new(1, 9), "a `b` c", "`b`"), (1, 12));
        assert_eq!(place(deck, Span::new(1, 9), "a `b` c", "c"), (2, 5));
    }

    #[test]
    fn past_an_escape_places_count_on() {
        let deck = "- body: \"a\\tb\n    c\"\n";
        let value = "a\tb c";
        // `c` cannot be matched past the escape; its place stays on the value's line.
        assert_eq!(place(deck, Span::new(1, 9), value, "a"), (1, 10));
        assert_eq!(place(deck, Span::new(1, 9), value, "c"), (1, 14));
    }

    #[test]
    fn deck_lines_from_an_index_are_the_lines_split_from_the_top() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\nc\r\nd"] {
            let lines = DeckLines::new(text);
            for index in 0..6 {
                let indexed: Vec<_> = lines.starting_at(index).collect();
                let split: Vec<_> = text.split('\n').enumerate().skip(index).collect();
                assert_eq!(indexed, split, "{text:?} from line {index}");
            }
        }
    }

    #[test]
    fn verbatim_text_counts_lines_from_its_start() {
        let text = "ab\ncd";
        let origin = Origin::verbatim(Span::new(10, 4), text);
        assert_eq!(origin.span(text, 1), Span::new(10, 5));
        assert_eq!(origin.span(text, 4), Span::new(11, 2));
        // An offset inside a character, or past the end, stays in the text.
        assert_eq!(
            Origin::verbatim(Span::new(10, 4), "é").span("é", 1),
            Span::new(10, 4)
        );
        assert_eq!(origin.span(text, 99), Span::new(11, 3));
    }
}
