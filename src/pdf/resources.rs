//! Fonts and images registered once each, by content key. Fonts go to
//! printpdf, each subset to the glyphs the document draws; images only get
//! their names here, and `images` adds them to the finished document.

use std::collections::BTreeMap;

use printpdf::{ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, PdfDocument, XObjectId};
use subsetter::GlyphRemapper;

use crate::frame::{all_items, Document, Item};
use crate::image::{ImageKey, ImageStore, Orientation};
use crate::text::{Face, FontKey};

use super::Error;

/// The printpdf ids of everything a document uses.
pub(super) struct Resources {
    pub fonts: Fonts,
    pub images: BTreeMap<ImageKey, ImageRef>,
    /// A graphics state for each fill opacity below 100 percent.
    pub opacities: BTreeMap<u8, ExtendedGraphicsStateId>,
}

/// The fonts the pages draw with: each face registered at its first glyph,
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
        let used = self.used.entry(face.key()).or_insert_with(|| UsedFont {
            face: face.clone(),
            id: FontId(subset_tag(face.key())),
            glyphs: GlyphRemapper::new(),
        });
        (used.id.clone(), used.glyphs.remap(glyph))
    }

    /// Subsets each font to the glyphs drawn and hands it to printpdf.
    pub fn embed(self, pdf: &mut PdfDocument) -> Result<(), Error> {
        for used in self.used.into_values() {
            let subset = super::fonts::subset(&used.face, &used.glyphs, &used.id.0)?;
            pdf.resources.fonts.map.insert(used.id, subset);
        }
        Ok(())
    }
}

/// How pages draw an image: by its resource name, turned upright.
pub(super) struct ImageRef {
    pub id: XObjectId,
    pub orientation: Orientation,
}

impl Resources {
    /// Registers every image `document` uses with `pdf`, each once, and
    /// the graphics states of its see-through fills.
    pub fn register(
        pdf: &mut PdfDocument,
        document: &Document,
        images: &ImageStore,
    ) -> Result<Resources, Error> {
        let mut image_refs = BTreeMap::new();
        let mut opacities = BTreeMap::new();
        for item in document
            .pages
            .iter()
            .flat_map(|page| all_items(&page.items))
        {
            match item {
                Item::Image(image) if !image_refs.contains_key(&image.image) => {
                    let loaded = images
                        .get(image.image)
                        .ok_or(Error::Internal("an image item names an unknown image"))?;
                    let id = XObjectId(format!("Im{}", image_refs.len() + 1));
                    let orientation = loaded.orientation;
                    image_refs.insert(image.image, ImageRef { id, orientation });
                }
                Item::Rect(fill)
                    if fill.opacity < 100 && !opacities.contains_key(&fill.opacity) =>
                {
                    // Named by the opacity, so the file is the same every run.
                    let id = ExtendedGraphicsStateId(format!("Alpha{}", fill.opacity));
                    let state = ExtendedGraphicsState::default()
                        .with_current_fill_alpha(f32::from(fill.opacity) / 100.0);
                    pdf.resources.extgstates.map.insert(id.clone(), state);
                    opacities.insert(fill.opacity, id);
                }
                _ => {}
            }
        }
        Ok(Resources {
            fonts: Fonts::default(),
            images: image_refs,
            opacities,
        })
    }
}

/// Six capital letters from the font's key: the subset tag
/// (`ABCDEF+NotoSans-Regular`), for which the PDF format wants exactly six
/// capitals, and the font's resource name.
fn subset_tag(key: FontKey) -> String {
    key.0[..6]
        .iter()
        .map(|byte| char::from(b'A' + byte % 26))
        .collect()
}
