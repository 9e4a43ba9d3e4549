//! Each font cut down to the glyphs the document draws, before printpdf
//! sees it: `subsetter` (Typst's subsetter) renumbers the glyphs it keeps,
//! and printpdf embeds the small font it is handed as it is (a CID font
//! with `/ToUnicode` and `/W` for exactly those glyphs). This spares the
//! build printpdf's `text_layout` feature, which subsets through a whole
//! HTML layout engine.

use printpdf::{ParsedFont, PdfFont};
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};
use subsetter::GlyphRemapper;

use crate::text::Face;

use super::Error;

/// `face` cut down to the glyphs `glyphs` numbered (its own glyph ids to
/// the subset's), named `TAG+PostScriptName` as the PDF format names a
/// subset font (ISO 32000-1, 9.6.4).
pub(super) fn subset(face: &Face, glyphs: &GlyphRemapper, tag: &str) -> Result<PdfFont, Error> {
    let program = subsetter::subset(face.bytes(), face.index(), glyphs)
        .map_err(|e| Error::Font(format!("cannot subset it: {e}")))?;
    // The subset has no `cmap` (the PDF's `/ToUnicode` stands in for it),
    // which printpdf notes as a warning; nothing else is lost.
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&program, 0, &mut warnings)
        .ok_or_else(|| Error::Font("printpdf cannot parse its subset".into()))?;
    let name = postscript_name(face.bytes(), face.index()).unwrap_or_else(|| "Font".to_string());
    // printpdf writes an embedded font it did not subset itself under its
    // own name, so the tag goes into the name here.
    parsed.font_name = Some(format!("{tag}+{name}"));
    Ok(PdfFont::new(parsed))
}

/// The font's PostScript name (name table entry 6), which a PDF uses as
/// the font's `/BaseFont`; only the characters a PDF name may hold plainly.
pub(crate) fn postscript_name(bytes: &[u8], index: u32) -> Option<String> {
    let font = FontRef::from_index(bytes, index).ok()?;
    let name: String = font
        .localized_strings(StringId::POSTSCRIPT_NAME)
        .english_or_first()?
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{FontSet, Line, Weight};

    #[test]
    fn subsets_keep_only_the_used_glyphs_renumbered_in_order_of_use() {
        let fonts = FontSet::builtin();
        let line = Line::shaped(&fonts.stack(Weight::Regular), "deck");
        let face = &line.glyphs[0].face;
        let mut glyphs = GlyphRemapper::new();
        let new: Vec<u16> = line.glyphs.iter().map(|g| glyphs.remap(g.id)).collect();
        assert_eq!(new, [1, 2, 3, 4]);
        assert_eq!(glyphs.get(0), Some(0));
        let subset = subset(face, &glyphs, "ABCDEF").unwrap();
        let parsed = &subset.parsed_font;
        assert_eq!(parsed.font_name.as_deref(), Some("ABCDEF+NotoSans-Regular"));
        // Noto Sans is over 500 KB; four letters (with the name table and
        // the hinting programs, which are kept whole) under 10 KB.
        assert!(face.bytes().len() > 500_000);
        assert!(
            parsed.original_bytes.len() < 10_000,
            "{}",
            parsed.original_bytes.len()
        );
        // Each glyph is as wide in the subset as in the face.
        for glyph in &line.glyphs {
            let new = glyphs.get(glyph.id).unwrap();
            assert_eq!(parsed.get_glyph_width(new), Some(glyph.font_advance));
        }
    }
}
