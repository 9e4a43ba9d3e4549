//! Text that copy and search would read out of order, glyph by glyph.
//!
//! - A Devanagari or Bengali syllable whose vowel sign is drawn first (हि
//!   drawn as ि then ह) gets its text as `/Span <</ActualText (...)>> BDC
//!   ... EMC` marked content (PDF 32000-1, 14.9.4), which poppler's
//!   `pdftotext` reads instead of the glyphs (seen with poppler 22.12;
//!   pdf.js 5.6 and MuPDF 1.21 ignore it and read the glyphs).
//! - One glyph for several right-to-left letters (an Arabic lam-alef
//!   ligature) stands for them in drawing order, right to left: poppler and
//!   pdf.js put a glyph's characters left to right and then turn the whole
//!   right-to-left run round, so the letters in reading order would come
//!   out reversed ("ال" for "لا").

use std::collections::BTreeMap;

use printpdf::{DictItem, Op};
use unicode_bidi::{bidi_class, BidiClass};

use crate::frame::TextRun;

fn right_to_left(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Byte ranges of `run.text`: the cluster each glyph draws, for the glyphs
/// whose cluster needs an actual text, given the characters `texts` each
/// glyph stands for on its own: a left-to-right cluster whose glyphs, in
/// drawing order, do not spell it.
pub(super) fn marked_clusters(
    run: &TextRun,
    texts: &[Option<String>],
) -> Vec<Option<(usize, usize)>> {
    // Each cluster's glyphs, in drawing order.
    let mut glyphs_of: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (index, glyph) in run.glyphs.iter().enumerate() {
        let cluster = (glyph.range.start, glyph.range.end);
        glyphs_of.entry(cluster).or_default().push(index);
    }
    let mut marks = vec![None; run.glyphs.len()];
    for ((cluster, end), glyphs) in glyphs_of {
        let Some(text) = run.text.get(cluster..end) else {
            continue;
        };
        let spelled: String = glyphs.iter().filter_map(|&g| texts[g].as_deref()).collect();
        if spelled != text && !text.chars().any(right_to_left) {
            for g in glyphs {
                marks[g] = Some((cluster, end));
            }
        }
    }
    marks
}

/// Turns the text of each glyph that stands for several right-to-left
/// letters round, into drawing order.
pub(super) fn in_drawing_order(texts: &mut [Option<String>]) {
    for text in texts.iter_mut().flatten() {
        if text.chars().nth(1).is_some() && text.chars().any(right_to_left) {
            *text = text.chars().rev().collect();
        }
    }
}

/// Opens a span whose text is `text`.
pub(super) fn begin(text: &str) -> Op {
    // A PDF text string in UTF-16BE with its byte order mark.
    let mut data = vec![0xfe, 0xff];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let actual = DictItem::String {
        data,
        literal: false,
    };
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict {
            map: BTreeMap::from([("ActualText".to_string(), actual)]),
        },
    }
}

/// Closes the span [`begin`] opened.
pub(super) fn end() -> Op {
    Op::EndMarkedContent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Color;
    use crate::geom::{Point, Pt, Rect};
    use crate::text::{FontSet, Glyph, Weight};

    /// A run of `text` drawn by one glyph per entry of `clusters`, each
    /// cluster running to the next one's start.
    fn run(text: &str, clusters: &[usize]) -> TextRun {
        let face = FontSet::builtin().stack(Weight::Regular).primary.clone();
        let end_of = |start: usize| {
            let later = clusters.iter().copied().filter(|&c| c > start);
            later.min().unwrap_or(text.len())
        };
        let glyph = |start: usize| Glyph {
            face: face.clone(),
            id: 1,
            advance: 0.5,
            offset: (0.0, 0.0),
            font_advance: 500,
            range: start..end_of(start),
        };
        TextRun {
            size: Pt(10.0),
            color: Color::WHITE,
            origin: Point::new(Pt(0.0), Pt(0.0)),
            glyphs: clusters.iter().copied().map(glyph).collect(),
            text: text.into(),
            bounds: Rect::new(Pt(0.0), Pt(0.0), Pt(10.0), Pt(10.0)),
        }
    }

    fn some(text: &str) -> Option<String> {
        Some(text.into())
    }

    #[test]
    fn a_vowel_sign_drawn_first_gets_its_syllable_as_actual_text() {
        // हि (6 bytes): the vowel sign's glyph is drawn before the consonant's,
        // then क (3 bytes) on its own.
        let hi = run("हिक", &[0, 0, 6]);
        let marks = marked_clusters(&hi, &[some("ि"), some("ह"), some("क")]);
        assert_eq!(marks, [Some((0, 6)), Some((0, 6)), None]);
        // In order, or one glyph for several letters left to right: none.
        let fi = run("fix", &[0, 2]);
        assert_eq!(marked_clusters(&fi, &[some("fi"), some("x")]), [None, None]);
    }

    #[test]
    fn a_right_to_left_ligature_stands_for_its_letters_in_drawing_order() {
        let lam_alef = run("لا", &[0]);
        let mut texts = vec![some("لا")];
        assert_eq!(marked_clusters(&lam_alef, &texts), [None]);
        in_drawing_order(&mut texts);
        assert_eq!(texts, [some("ال")]);
        // Single letters and left-to-right ligatures stay as they are.
        let mut texts = vec![some("ש"), some("fi"), None];
        in_drawing_order(&mut texts);
        assert_eq!(texts, [some("ש"), some("fi"), None]);
    }

    #[test]
    fn the_span_carries_its_text_in_utf16() {
        let Op::BeginMarkedContentWithProperties { tag, properties } = begin("हि") else {
            panic!("a BDC with properties")
        };
        assert_eq!(tag, "Span");
        let DictItem::Dict { map } = properties else {
            panic!("a dictionary")
        };
        let DictItem::String { data, .. } = &map["ActualText"] else {
            panic!("a string")
        };
        assert_eq!(data, &[0xfe, 0xff, 0x09, 0x39, 0x09, 0x3f]);
    }
}
