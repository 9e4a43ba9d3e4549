//! Breaking shaped text into lines (first fit) where Unicode allows a break
//! (UAX #14): after spaces and hyphens, and between CJK characters.
//!
//! Works in em units, so one shaping serves every font size the shrink loop
//! tries. Pure: the font is behind the [`Shaper`] trait, and tests use a
//! fixed-advance fake.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::bidi::{self, Run};
use super::Face;

/// One shaped glyph, holding the face it is drawn in.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The face it comes from: the deck's own, or a fallback for symbols.
    pub face: Face,
    /// Glyph id in the font.
    pub id: u16,
    /// Horizontal advance in em, kerning included.
    pub advance: f64,
    /// Where the glyph sits relative to the pen, in em (y up), as mark
    /// positioning places accents; zero for most glyphs.
    pub offset: (f64, f64),
    /// The glyph's advance as the font's `hmtx` table gives it, in font
    /// units, before kerning: what a PDF viewer advances by unless told otherwise.
    pub font_advance: u16,
    /// The bytes of the text it was shaped from: its cluster, one
    /// character unless shaping joined several (a ligature, a syllable
    /// whose vowel sign is drawn first). The glyphs of one cluster share
    /// it, one after another; a glyph that draws no text (in a formula)
    /// has an empty range.
    pub range: Range<usize>,
}

impl Glyph {
    /// The same glyph, its text range `by` bytes further on.
    pub fn shifted(self, by: usize) -> Glyph {
        Glyph {
            range: self.range.start + by..self.range.end + by,
            ..self
        }
    }

    /// The same glyph, its text range `by` bytes further back.
    fn shifted_back(&self, by: usize) -> Glyph {
        Glyph {
            range: self.range.start - by..self.range.end - by,
            ..self.clone()
        }
    }
}

/// Turns text into glyphs. Implemented by [`super::FontStack`].
pub trait Shaper {
    /// The glyphs of `text`, set in one direction, in display order.
    /// `at_start`: `text` begins its paragraph (see [`super::Face::shape_run`]).
    fn shape(&self, text: &str, rtl: bool, at_start: bool) -> Vec<Glyph>;
    /// Whether the font has a glyph for `c`.
    fn has_char(&self, c: char) -> bool;
}

/// One finished line: its text and the glyphs that draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Where `text` starts in the text that was fitted, in bytes.
    pub start: usize,
    /// Glyphs with their `range` relative to `text`.
    pub glyphs: Vec<Glyph>,
    /// Sum of the advances, in em.
    pub width: f64,
    /// Whether its paragraph reads right to left (so it starts at the right).
    pub rtl: bool,
}

impl Line {
    /// Shapes `text` as a single line.
    pub fn shaped(shaper: &dyn Shaper, text: &str) -> Line {
        Paragraph::new(shaper, text).line(0, text.len())
    }
}

/// A paragraph shaped once, ready to be wrapped at any width.
#[derive(Debug, Clone)]
pub struct Paragraph {
    text: String,
    /// Runs of one direction, in reading order.
    runs: Vec<Run>,
    /// Each run's glyphs in turn, each run's in display order.
    glyphs: Vec<Glyph>,
    /// Each unbreakable piece: byte range in `text`, without the spaces around it.
    words: Vec<(usize, usize)>,
    /// Where a word too long for a line may be cut, in order: each
    /// grapheme's start (a letter and its marks, a Devanagari conjunct;
    /// UAX #29) where a glyph cluster starts too, so that no cut splits a
    /// ligature.
    cuts: Vec<usize>,
    /// `prefix[i]`: total advance of the glyphs whose cluster starts before byte `i`.
    prefix: Vec<f64>,
}

/// Where each grapheme of `text` starts (UAX #29). In ASCII every byte
/// starts one but the line feed of a CR LF, and most text is found so
/// without the segmenter's tables.
fn grapheme_starts(text: &str) -> Box<dyn Iterator<Item = usize> + '_> {
    if text.is_ascii() && !text.contains("\r\n") {
        Box::new(0..text.len())
    } else {
        Box::new(text.grapheme_indices(true).map(|(start, _)| start))
    }
}

/// A stretch of a styled paragraph set with one shaper (one face and its
/// fallbacks) at one scale of the paragraph's size.
#[derive(Clone, Copy)]
pub struct Piece<'a> {
    /// Bytes of the paragraph's text.
    pub range: (usize, usize),
    pub shaper: &'a dyn Shaper,
    /// Its size as a share of the paragraph's (inline code is set smaller).
    pub scale: f64,
}

impl Paragraph {
    pub fn new(shaper: &dyn Shaper, text: &str) -> Paragraph {
        let whole = Piece {
            range: (0, text.len()),
            shaper,
            scale: 1.0,
        };
        Paragraph::styled(text, &[whole])
    }

    /// A paragraph whose `pieces` (in order, covering the text) are set in
    /// their own faces and sizes; lines break across them as through
    /// plain text, and right-to-left runs read across them too. Advances
    /// are in em of the paragraph's size.
    pub fn styled(text: &str, pieces: &[Piece]) -> Paragraph {
        let runs = bidi::runs(text);
        let mut glyphs = Vec::new();
        for run in &runs {
            // The run cut where its pieces meet, each part shaped on its own;
            // in a right-to-left run the part read first is drawn rightmost.
            let mut parts: Vec<(Range<usize>, &Piece)> = pieces
                .iter()
                .filter_map(|piece| {
                    let start = piece.range.0.max(run.range.start);
                    let end = piece.range.1.min(run.range.end);
                    (start < end).then_some((start..end, piece))
                })
                .collect();
            if run.is_rtl() {
                parts.reverse();
            }
            for (range, piece) in parts {
                let at_start = range.start == 0;
                let shaped = piece
                    .shaper
                    .shape(&text[range.clone()], run.is_rtl(), at_start);
                glyphs.extend(shaped.into_iter().map(|glyph| Glyph {
                    advance: glyph.advance * piece.scale,
                    offset: (glyph.offset.0 * piece.scale, glyph.offset.1 * piece.scale),
                    ..glyph.shifted(range.start)
                }));
            }
        }
        // Spaces at a break are dropped; no-break spaces never stand at one.
        let space = |c: char| c.is_whitespace() && !['\u{a0}', '\u{202f}', '\u{2007}'].contains(&c);
        let mut words = Vec::new();
        let mut previous = 0;
        for (end, _) in unicode_linebreak::linebreaks(text) {
            let piece = &text[previous..end];
            let start = previous + (piece.len() - piece.trim_start_matches(space).len());
            let stop = previous + piece.trim_end_matches(space).len();
            if stop > start {
                words.push((start, stop));
            }
            previous = end;
        }
        let mut clusters: Vec<usize> = glyphs.iter().map(|g| g.range.start).collect();
        clusters.sort_unstable();
        let cuts = grapheme_starts(text)
            .filter(|start| clusters.binary_search(start).is_ok())
            .collect();
        let mut prefix = vec![0.0; text.len() + 1];
        for glyph in &glyphs {
            prefix[glyph.range.start + 1] += glyph.advance;
        }
        for i in 1..prefix.len() {
            prefix[i] += prefix[i - 1];
        }
        Paragraph {
            text: text.to_string(),
            runs,
            glyphs,
            words,
            cuts,
            prefix,
        }
    }

    /// The text as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The width in em of the text between two byte offsets.
    fn width(&self, start: usize, end: usize) -> f64 {
        self.prefix[end] - self.prefix[start]
    }

    /// The line holding bytes `start..end`, its runs in display order.
    fn line(&self, start: usize, end: usize) -> Line {
        let pieces: Vec<&Run> = self
            .runs
            .iter()
            .filter(|run| run.range.start < end && run.range.end > start)
            .collect();
        let levels: Vec<u8> = pieces.iter().map(|run| run.level).collect();
        let mut glyphs = Vec::new();
        for index in bidi::display_order(&levels) {
            let range = pieces[index].range.start.max(start)..pieces[index].range.end.min(end);
            glyphs.extend(
                self.glyphs
                    .iter()
                    .filter(|g| range.contains(&g.range.start))
                    .map(|g| g.shifted_back(start)),
            );
        }
        Line {
            text: self.text[start..end].to_string(),
            start,
            glyphs,
            width: self.width(start, end),
            // A paragraph's base level is its lowest; odd means right to left.
            rtl: self.runs.iter().map(|run| run.level).min().unwrap_or(0) % 2 == 1,
        }
    }

    /// Breaks the paragraph into lines no wider than `max_width` em. A word
    /// wider than a line makes it fail, unless `break_words` allows cutting
    /// it between characters.
    pub fn wrap(&self, max_width: f64, break_words: bool) -> Option<Vec<Line>> {
        let mut lines = Vec::new();
        let mut line_start: Option<usize> = None;
        let mut line_end = 0;
        for &(word_start, word_end) in &self.words {
            let start = line_start.unwrap_or(word_start);
            if self.width(start, word_end) <= max_width {
                line_start = Some(start);
                line_end = word_end;
                continue;
            }
            if let Some(start) = line_start.take() {
                lines.push(self.line(start, line_end));
            }
            if self.width(word_start, word_end) <= max_width {
                line_start = Some(word_start);
                line_end = word_end;
                continue;
            }
            if !break_words {
                return None;
            }
            let (pieces, rest) = self.break_word(word_start, word_end, max_width);
            lines.extend(pieces);
            line_start = Some(rest);
            line_end = word_end;
        }
        if let Some(start) = line_start {
            lines.push(self.line(start, line_end));
        }
        Some(lines)
    }

    /// Cuts a too-long word into full lines between graphemes; returns
    /// those lines and where the unfinished last piece starts.
    fn break_word(&self, start: usize, end: usize, max_width: f64) -> (Vec<Line>, usize) {
        let mut lines = Vec::new();
        let mut piece_start = start;
        let inner = self.cuts.iter().copied().filter(|&c| c > start && c < end);
        let mut previous = start;
        for boundary in inner.chain(std::iter::once(end)) {
            if self.width(piece_start, boundary) > max_width && previous > piece_start {
                lines.push(self.line(piece_start, previous));
                piece_start = previous;
            }
            previous = boundary;
        }
        (lines, piece_start)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn ascii_grapheme_starts_are_the_segmenters() {
        for text in [
            "plain words",
            "a\r\nb",
            "tab\tand\rcr",
            "",
            "x\u{301} e",
            "\r\n\r\n",
        ] {
            let segmented: Vec<usize> = text.grapheme_indices(true).map(|(at, _)| at).collect();
            assert_eq!(
                grapheme_starts(text).collect::<Vec<_>>(),
                segmented,
                "{text:?}"
            );
        }
    }

    /// Every character is one glyph half an em wide.
    pub(crate) struct FixedAdvance;

    impl Shaper for FixedAdvance {
        fn shape(&self, text: &str, rtl: bool, _: bool) -> Vec<Glyph> {
            let face = crate::text::FontSet::builtin()
                .stack(crate::text::Weight::Regular)
                .primary
                .clone();
            let mut glyphs: Vec<Glyph> = text
                .char_indices()
                .map(|(start, c)| Glyph {
                    face: face.clone(),
                    id: 1,
                    advance: 0.5,
                    offset: (0.0, 0.0),
                    font_advance: 500,
                    range: start..start + c.len_utf8(),
                })
                .collect();
            if rtl {
                glyphs.reverse();
            }
            glyphs
        }

        fn has_char(&self, _: char) -> bool {
            true
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let paragraph = Paragraph::new(&FixedAdvance, "the quick brown fox jumps");
        // 10 characters per line.
        let lines = paragraph.wrap(5.0, false).unwrap();
        assert_eq!(texts(&lines), ["the quick", "brown fox", "jumps"]);
        assert!(lines.iter().all(|l| l.width <= 5.0));
        assert_eq!(lines[0].width, 4.5);
    }

    #[test]
    fn a_word_too_long_fails_unless_words_may_break() {
        let paragraph = Paragraph::new(&FixedAdvance, "a supercalifragilistic word");
        assert!(paragraph.wrap(4.0, false).is_none());
        let lines = paragraph.wrap(4.0, true).unwrap();
        assert_eq!(texts(&lines), ["a", "supercal", "ifragili", "stic", "word"]);
        assert!(lines.iter().all(|l| l.width <= 4.0));
    }

    #[test]
    fn a_word_is_cut_between_graphemes_only() {
        // Each character its own glyph: the vowel sign stays with its
        // consonant (भा), and a letter with its accent (é) stays whole.
        let hindi = Paragraph::new(&FixedAdvance, "भारत");
        assert_eq!(texts(&hindi.wrap(0.75, true).unwrap()), ["भा", "र", "त"]);
        let french = Paragraph::new(&FixedAdvance, "e\u{301}te\u{301}");
        assert_eq!(
            texts(&french.wrap(0.75, true).unwrap()),
            ["e\u{301}", "t", "e\u{301}"]
        );
    }

    #[test]
    fn breaks_after_hyphens_and_between_cjk_characters() {
        let hyphens = Paragraph::new(&FixedAdvance, "state-of-the-art");
        assert_eq!(
            texts(&hyphens.wrap(4.0, false).unwrap()),
            ["state-", "of-the-", "art"]
        );
        let cjk = Paragraph::new(&FixedAdvance, "深度学习很有趣");
        assert_eq!(
            texts(&cjk.wrap(1.5, false).unwrap()),
            ["深度学", "习很有", "趣"]
        );
        let no_break = Paragraph::new(&FixedAdvance, "10\u{a0}km away");
        assert_eq!(
            texts(&no_break.wrap(3.0, false).unwrap()),
            ["10\u{a0}km", "away"]
        );
    }

    /// The characters of `text` in the order its line draws them.
    fn drawn(text: &str) -> String {
        let line = Line::shaped(&FixedAdvance, text);
        line.glyphs
            .iter()
            .map(|g| text[g.range.clone()].chars().next().unwrap())
            .collect()
    }

    #[test]
    fn right_to_left_words_are_shown_right_to_left_within_the_line() {
        // "ab אבג cd": the Hebrew word is drawn last letter first, in place.
        let mixed = "ab \u{5d0}\u{5d1}\u{5d2} cd";
        assert_eq!(drawn(mixed), "ab \u{5d2}\u{5d1}\u{5d0} cd");
        assert!(!Line::shaped(&FixedAdvance, mixed).rtl);
        // Right-to-left paragraphs put their first word on the right.
        let hebrew = "\u{5d0}\u{5d1} \u{5d2}\u{5d3}";
        assert_eq!(drawn(hebrew), "\u{5d3}\u{5d2} \u{5d1}\u{5d0}");
        assert!(Line::shaped(&FixedAdvance, hebrew).rtl);
    }

    #[test]
    fn extra_spaces_do_not_make_empty_lines() {
        let paragraph = Paragraph::new(&FixedAdvance, "  one   two  ");
        let lines = paragraph.wrap(2.0, false).unwrap();
        assert_eq!(texts(&lines), ["one", "two"]);
    }

    #[test]
    fn glyph_clusters_are_relative_to_the_line() {
        let paragraph = Paragraph::new(&FixedAdvance, "ab cd");
        let lines = paragraph.wrap(1.0, false).unwrap();
        assert_eq!(lines[1].text, "cd");
        assert_eq!(
            lines[1]
                .glyphs
                .iter()
                .map(|g| g.range.start)
                .collect::<Vec<_>>(),
            [0, 1]
        );
    }
}
