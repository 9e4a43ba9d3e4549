//! What copy and search read from a line's glyphs.
//!
//! Each glyph knows the text it was shaped from: its own character, or the
//! characters of a ligature (see `text::Face::shape_run`). The first glyph
//! drawn for a piece of text stands for it, any other glyph drawn for the
//! same text (a dotted circle ◌ under a lone mark, the second half of a
//! split vowel sign) for nothing; the first text a glyph stands for
//! becomes its entry in its font's `/ToUnicode`, which every reader uses.
//! Where the glyphs, read one after another through those entries, do not
//! spell the text, the stretch is drawn inside `/Span <</ActualText (...)>>
//! BDC ... EMC` marked content (PDF 32000-1, 14.9.4), as krilla and Typst
//! do; poppler's `pdftotext` and Acrobat read that instead of the glyphs
//! (pdf.js and MuPDF ignore it and read the glyphs):
//!
//! - a Devanagari or Bengali syllable whose vowel sign is drawn first (हि
//!   drawn as ि then ह);
//! - several glyphs drawn for one text;
//! - a glyph whose entry is another text: one glyph drawn for two
//!   characters (a space and a no-break space).
//!
//! One glyph for several right-to-left letters (an Arabic lam-alef
//! ligature) stands for them in drawing order, right to left: poppler and
//! pdf.js put a glyph's characters left to right and then turn the whole
//! right-to-left run round, so the letters in reading order would come out
//! reversed ("ال" for "لا").

use std::borrow::Cow;
use std::ops::Range;

use unicode_bidi::{bidi_class, BidiClass};

use crate::frame::TextRun;
use crate::text::{never_right_to_left, Glyph};

use super::resources::{DrawnGlyph, Fonts};

fn right_to_left(c: char) -> bool {
    !never_right_to_left(c) && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Each glyph of `run`, in drawing order, registered with `fonts` as
/// standing for its text; and the byte range of `run.text` whose actual
/// text it is drawn inside, if any.
pub(super) fn encode(
    run: &TextRun,
    fonts: &mut Fonts,
) -> Vec<(DrawnGlyph, Option<(usize, usize)>)> {
    let mut encoded: Vec<(DrawnGlyph, Option<(usize, usize)>)> =
        Vec::with_capacity(run.glyphs.len());
    // What each stretch's glyphs spell, one buffer for all.
    let mut spelled = String::new();
    for stretch in stretches(run) {
        let glyphs = &run.glyphs[stretch];
        let (low, high) = glyphs.iter().fold((usize::MAX, 0), |(low, high), glyph| {
            (low.min(glyph.range.start), high.max(glyph.range.end))
        });
        spelled.clear();
        // A glyph that stands for nothing may get an entry later, where it
        // is drawn on its own: a span keeps this text from reading it.
        let mut misread = false;
        let start = encoded.len();
        for (index, glyph) in glyphs.iter().enumerate() {
            let first = !glyphs[..index]
                .iter()
                .any(|other| other.range == glyph.range);
            let own = match run.text.get(glyph.range.clone()) {
                Some(text) if first => in_drawing_order(text),
                _ => Cow::Borrowed(""),
            };
            misread |= !first && !glyph.range.is_empty();
            let glyph = fonts.glyph(&glyph.face, glyph.id, &own);
            misread |= !glyph.reads_as_drawn;
            spelled.push_str(&own);
            encoded.push((glyph, None));
        }
        let text = run.text.get(low..high).unwrap_or_default();
        if misread || spelled != in_drawing_order(text) {
            for (_, span) in &mut encoded[start..] {
                *span = Some((low, high));
            }
        }
    }
    encoded
}

/// The glyphs of `run` (index ranges, in drawing order) cut into
/// stretches that read as one text: a glyph with the other glyphs drawn for
/// its text, or the glyphs of a syllable drawn out of order (ि ह for हि),
/// up to where the text they draw is whole.
fn stretches(run: &TextRun) -> Vec<Range<usize>> {
    let glyphs = &run.glyphs;
    let mut stretches = Vec::new();
    let mut begin = 0;
    // The current stretch's text: its lowest and highest byte, and how
    // many bytes its glyphs draw (fewer than high - low while it has gaps).
    let (mut low, mut high, mut bytes) = (0, 0, 0);
    for (index, glyph) in glyphs.iter().enumerate() {
        let range = &glyph.range;
        let seen = glyphs[begin..index]
            .iter()
            .any(|other| &other.range == range);
        let rtl = |glyph: &Glyph| {
            let text = run.text.get(glyph.range.clone()).unwrap_or_default();
            text.chars().any(right_to_left)
        };
        let out_of_order = !rtl(glyph) && (range.start < high || bytes < high - low);
        if index > begin && !seen && !out_of_order {
            stretches.push(begin..index);
            begin = index;
        }
        if index == begin {
            (low, high, bytes) = (range.start, range.end, 0);
        }
        if !seen {
            bytes += range.len();
            low = low.min(range.start);
            high = high.max(range.end);
        }
    }
    if begin < glyphs.len() {
        stretches.push(begin..glyphs.len());
    }
    stretches
}

/// `text` as one glyph standing for it is read: several right-to-left
/// letters in drawing order, anything else as it is.
fn in_drawing_order(text: &str) -> Cow<'_, str> {
    if text.chars().nth(1).is_some() && text.chars().any(right_to_left) {
        Cow::Owned(text.chars().rev().collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Color;
    use crate::geom::{Point, Pt, Rect};
    use crate::text::{FontSet, Glyph, Line, Weight};

    /// A run of `text` drawn by `glyphs`: (glyph id, byte range) each, in
    /// drawing order.
    fn run(text: &str, glyphs: &[(u16, Range<usize>)]) -> TextRun {
        let face = FontSet::builtin().stack(Weight::Regular).primary.clone();
        let glyph = |(id, range): &(u16, Range<usize>)| Glyph {
            face: face.clone(),
            id: *id,
            advance: 0.5,
            offset: (0.0, 0.0),
            font_advance: 500,
            range: range.clone(),
        };
        TextRun {
            size: Pt(10.0),
            color: Color::WHITE,
            origin: Point::new(Pt(0.0), Pt(0.0)),
            glyphs: glyphs.iter().map(glyph).collect(),
            text: text.into(),
            bounds: Rect::new(Pt(0.0), Pt(0.0), Pt(10.0), Pt(10.0)),
        }
    }

    /// What each glyph of `runs` (drawn one after another) reads as through
    /// its `/ToUnicode` entry, and the text of the span it is drawn in.
    fn read(runs: &[TextRun]) -> Vec<Vec<(String, Option<String>)>> {
        let mut fonts = Fonts::default();
        runs.iter()
            .map(|run| {
                encode(run, &mut fonts)
                    .into_iter()
                    .map(|(glyph, span)| {
                        (glyph.entry, span.map(|(a, b)| run.text[a..b].to_string()))
                    })
                    .collect()
            })
            .collect()
    }

    fn plain(text: &str) -> (String, Option<String>) {
        (text.into(), None)
    }

    fn spanned(text: &str, span: &str) -> (String, Option<String>) {
        (text.into(), Some(span.into()))
    }

    #[test]
    fn each_glyph_stands_for_the_characters_it_was_shaped_from() {
        let fonts = FontSet::builtin();
        let stack = fonts.stack(Weight::Regular);
        let line = |text: &str| {
            let shaped = Line::shaped(&stack, text);
            TextRun {
                glyphs: shaped.glyphs,
                ..run(text, &[])
            }
        };
        // A ligature stands for its letters; a letter with two marks
        // (Noto Sans has it whole) for all three characters.
        assert_eq!(
            read(&[line("fi x")]),
            [[plain("fi"), plain(" "), plain("x")]]
        );
        assert_eq!(
            read(&[line("e\u{323}\u{302}")]),
            [[plain("e\u{323}\u{302}")]]
        );
    }

    #[test]
    fn a_vowel_sign_drawn_first_is_read_through_a_span() {
        // हि (6 bytes): the vowel sign's glyph is drawn before the
        // consonant's, then क on its own.
        let hi = run("हिक", &[(10, 3..6), (11, 0..3), (12, 6..9)]);
        assert_eq!(
            read(&[hi]),
            [[spanned("ि", "हि"), spanned("ह", "हि"), plain("क")]]
        );
    }

    #[test]
    fn a_glyph_keeps_the_first_text_it_stood_for() {
        // One glyph for the space and the no-break space: the second is
        // read through a span.
        let spaces = run(
            "a b\u{a0}c",
            &[(1, 0..1), (3, 1..2), (2, 2..3), (3, 3..5), (4, 5..6)],
        );
        assert_eq!(
            read(&[spaces]),
            [[
                plain("a"),
                plain(" "),
                plain("b"),
                spanned(" ", "\u{a0}"),
                plain("c")
            ]]
        );
    }

    #[test]
    fn a_second_glyph_for_one_text_stands_for_nothing() {
        // A lone acute on a dotted circle: the circle, drawn first, stands
        // for the mark. The acute glyph, standing for itself later on, is
        // read through a span here.
        let lone = run("\u{301}", &[(20, 0..2), (21, 0..2)]);
        let later = run("a\u{301}", &[(1, 0..1), (21, 1..3)]);
        assert_eq!(
            read(&[lone, later]),
            [
                vec![spanned("\u{301}", "\u{301}"), spanned("", "\u{301}")],
                vec![plain("a"), plain("\u{301}")]
            ]
        );
    }

    #[test]
    fn a_right_to_left_ligature_stands_for_its_letters_in_drawing_order() {
        let lam_alef = run("لا", &[(30, 0..4)]);
        assert_eq!(read(&[lam_alef]), [[plain("ال")]]);
        // Single letters, drawn right to left, need no span.
        let shin_lamed = run("של", &[(31, 2..4), (32, 0..2)]);
        assert_eq!(read(&[shin_lamed]), [[plain("ל"), plain("ש")]]);
    }

    /// Shaping scripts other than Latin needs a font that has them: Noto
    /// Sans Hebrew ships with the tests (`tests/fonts/`), so this always runs.
    #[test]
    fn right_to_left_glyphs_stand_for_their_own_letters() {
        let hebrew = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fonts/NotoSansHebrew-Regular.ttf");
        let file = crate::diag::FileRef {
            written: "NotoSansHebrew-Regular.ttf".into(),
            path: hebrew.clone(),
            span: crate::diag::Span::new(1, 1),
            named_in: hebrew.clone(),
            page: None,
        };
        let mut diagnostics = crate::diag::Diagnostics::new();
        let mut library = crate::text::FontLibrary::new(&Default::default());
        let names = crate::text::DeckFonts {
            regular: Some(crate::text::FontName::File(&file)),
            ..Default::default()
        };
        let fonts = FontSet::load(names, &mut library, &hebrew, &mut diagnostics)
            .expect("the Hebrew font in tests/fonts loads");
        let shalom = "\u{5e9}\u{5dc}\u{5d5}\u{5dd}";
        let shaped = Line::shaped(&fonts.stack(Weight::Regular), shalom);
        let line = TextRun {
            glyphs: shaped.glyphs,
            ..run(shalom, &[])
        };
        assert_eq!(
            read(&[line]),
            [[
                plain("\u{5dd}"),
                plain("\u{5d5}"),
                plain("\u{5dc}"),
                plain("\u{5e9}")
            ]]
        );
    }
}
