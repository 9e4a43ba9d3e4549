//! Fonts and images registered once each, by content key, as the pages
//! draw them. Fonts go to printpdf, each subset to the glyphs the document
//! draws; images only get their names here, and `images` adds them to the
//! finished document.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Op, PdfDocument,
    PdfFontHandle, TextItem, XObjectId,
};
use subsetter::GlyphRemapper;

use crate::frame::{all_items, Document, Item};
use crate::image::{ImageHandle, ImageKey};
use crate::text::{Face, FontKey};

use super::Error;

/// The printpdf ids of everything a document uses.
pub(super) struct Resources {
    pub fonts: Fonts,
    pub images: Images,
    /// A graphics state for each fill opacity below 100 percent.
    pub opacities: BTreeMap<u8, ExtendedGraphicsStateId>,
}

/// The fonts the pages draw with: each face registered at its first glyph
/// (and named `/F1`, `/F2`... in that order: short names in every page),
/// its glyphs numbered for its subset as they are drawn, and subset once
/// every page is drawn. A glyph holds its face, so nothing is looked up.
#[derive(Default)]
pub(super) struct Fonts {
    used: BTreeMap<FontKey, UsedFont>,
}

struct UsedFont {
    face: Face,
    number: FontNumber,
    glyphs: GlyphRemapper,
    /// The text each glyph (by its id in `face`) stands for in the font's
    /// `/ToUnicode`: what it stood for where it was first drawn standing
    /// for any. It never changes once set.
    texts: BTreeMap<u16, String>,
    /// Whether the font's `.notdef` glyph (0, which every subset keeps)
    /// was drawn.
    notdef_drawn: bool,
}

/// A font resource, by the order fonts were first drawn: `/F1`, `/F2`...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FontNumber(usize);

/// The name pages draw it by.
impl std::fmt::Display for FontNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "F{}", self.0)
    }
}

/// One glyph drawn: the font resource it is drawn in, its id in that
/// font's subset, and whether its `/ToUnicode` entry so far is the text
/// it was drawn standing for (none and nothing count as the same).
pub(super) struct DrawnGlyph {
    pub font: FontNumber,
    pub id: u16,
    pub reads_as_drawn: bool,
    /// The entry itself, for tests to read (empty while it has none).
    #[cfg(test)]
    pub entry: String,
}

impl Fonts {
    /// Registers glyph `glyph` (an id in `face`) as drawn standing for
    /// `text`: the glyph's `/ToUnicode` text from now on, if it has none
    /// yet. A glyph drawn in a cluster after its first stands for nothing
    /// of its own (`text` empty) and claims no entry.
    pub fn glyph(&mut self, face: &Face, glyph: u16, text: &str) -> DrawnGlyph {
        let next = FontNumber(self.used.len() + 1);
        let used = self.used.entry(face.key()).or_insert_with(|| UsedFont {
            face: face.clone(),
            number: next,
            glyphs: GlyphRemapper::new(),
            texts: BTreeMap::new(),
            notdef_drawn: false,
        });
        used.notdef_drawn |= glyph == 0;
        let reads_as_drawn = match used.texts.get(&glyph) {
            Some(entry) => entry == text,
            None if text.is_empty() => true,
            None => {
                used.texts.insert(glyph, text.to_string());
                true
            }
        };
        DrawnGlyph {
            font: used.number,
            id: used.glyphs.remap(glyph),
            reads_as_drawn,
            #[cfg(test)]
            entry: used.texts.get(&glyph).cloned().unwrap_or_default(),
        }
    }

    /// Operations that show each glyph drawn once, with its text. printpdf
    /// makes each font's `/W` widths and `/ToUnicode` from the glyphs its
    /// pages show; the pages' own content streams are written apart, by
    /// `pdf::content`, so this stands on a page in their stead.
    pub fn inventory(&self) -> Vec<Op> {
        let mut ops = vec![Op::StartTextSection];
        for used in self.used.values() {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(used.number.to_string())),
                size: printpdf::Pt(1.0),
            });
            let glyphs = used
                .glyphs
                .remapped_gids()
                .zip(0..)
                .filter(|&(old, _)| old != 0 || used.notdef_drawn)
                .map(|(old, new)| Codepoint {
                    gid: new,
                    offset: 0.0,
                    cid: Some(used.texts.get(&old).cloned().unwrap_or_default()),
                })
                .collect();
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
        ops.push(Op::EndTextSection);
        ops
    }

    /// Subsets each font to the glyphs drawn and hands it to printpdf.
    pub fn embed(self, pdf: &mut PdfDocument) -> Result<(), Error> {
        for used in self.used.into_values() {
            let tag = subset_tag(used.face.key());
            let subset = super::fonts::subset(&used.face, &used.glyphs, &tag)?;
            pdf.resources
                .fonts
                .map
                .insert(FontId(used.number.to_string()), subset);
        }
        Ok(())
    }
}

/// The images the pages draw, each named (`/Im1`, `/Im2`...) in the order
/// first drawn. An image item holds its image, so nothing is looked up.
#[derive(Default)]
pub(super) struct Images {
    named: BTreeMap<ImageKey, (XObjectId, ImageHandle)>,
}

impl Images {
    /// The resource name `image` is drawn by.
    pub fn name(&mut self, image: &ImageHandle) -> XObjectId {
        let next = self.named.len() + 1;
        let (id, _) = self
            .named
            .entry(image.key())
            .or_insert_with(|| (XObjectId(format!("Im{next}")), image.clone()));
        id.clone()
    }

    /// Each image drawn, with its name, by key.
    pub fn into_named(self) -> impl Iterator<Item = (XObjectId, ImageHandle)> {
        self.named.into_values()
    }

    pub fn is_empty(&self) -> bool {
        self.named.is_empty()
    }
}

impl Resources {
    /// Registers the graphics states of `document`'s see-through fills with
    /// `pdf`, each once.
    pub fn register(pdf: &mut PdfDocument, document: &Document) -> Resources {
        let mut opacities = BTreeMap::new();
        for item in document
            .pages
            .iter()
            .flat_map(|page| all_items(&page.items))
        {
            if let Item::Rect(fill) = item {
                if fill.opacity < 100 && !opacities.contains_key(&fill.opacity) {
                    // Named by the opacity, so the file is the same every run.
                    let id = ExtendedGraphicsStateId(format!("Alpha{}", fill.opacity));
                    let state = ExtendedGraphicsState::default()
                        .with_current_fill_alpha(f32::from(fill.opacity) / 100.0);
                    pdf.resources.extgstates.map.insert(id.clone(), state);
                    opacities.insert(fill.opacity, id);
                }
            }
        }
        Resources {
            fonts: Fonts::default(),
            images: Images::default(),
            opacities,
        }
    }
}

/// Six capital letters from the font's key: the subset tag
/// (`ABCDEF+NotoSans-Regular`), for which the PDF format wants exactly six
/// capitals.
fn subset_tag(key: FontKey) -> String {
    key.0[..6]
        .iter()
        .map(|byte| char::from(b'A' + byte % 26))
        .collect()
}
