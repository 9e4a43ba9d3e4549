//! Fonts and images registered once each, by content key, as the pages
//! draw them. Fonts go to printpdf, each subset to the glyphs the document
//! draws; images only get their names here, and `images` adds them to the
//! finished document.

use std::collections::BTreeMap;

use printpdf::{ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, PdfDocument, XObjectId};
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
    id: FontId,
    glyphs: GlyphRemapper,
}

impl Fonts {
    /// The resource name `face` is drawn by, and the id `glyph` (an id in
    /// `face`) has in its subset.
    pub fn glyph(&mut self, face: &Face, glyph: u16) -> (FontId, u16) {
        let next = self.used.len() + 1;
        let used = self.used.entry(face.key()).or_insert_with(|| UsedFont {
            face: face.clone(),
            id: FontId(format!("F{next}")),
            glyphs: GlyphRemapper::new(),
        });
        (used.id.clone(), used.glyphs.remap(glyph))
    }

    /// Subsets each font to the glyphs drawn and hands it to printpdf.
    pub fn embed(self, pdf: &mut PdfDocument) -> Result<(), Error> {
        for used in self.used.into_values() {
            let tag = subset_tag(used.face.key());
            let subset = super::fonts::subset(&used.face, &used.glyphs, &tag)?;
            pdf.resources.fonts.map.insert(used.id, subset);
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
