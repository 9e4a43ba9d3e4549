//! Fonts and images registered once each, by content key, in first-use order.
//! Fonts go to printpdf, each subset to the glyphs the document draws;
//! images only get their names here, and `images` adds them to the
//! finished document.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, PdfDocument, XObjectId};
use subsetter::GlyphRemapper;

use crate::frame::{all_items, Document, Item};
use crate::image::{ImageKey, ImageStore, Orientation};
use crate::text::{FontKey, FontSet};

use super::Error;

/// The printpdf ids of everything a document uses.
pub(super) struct Resources {
    pub fonts: BTreeMap<FontKey, FontRef>,
    pub images: BTreeMap<ImageKey, ImageRef>,
    /// A graphics state for each fill opacity below 100 percent.
    pub opacities: BTreeMap<u8, ExtendedGraphicsStateId>,
}

/// How pages draw with a font: by its resource name, with the glyph ids
/// of its subset.
pub(super) struct FontRef {
    pub id: FontId,
    pub glyphs: GlyphRemapper,
}

/// How pages draw an image: by its resource name, turned upright.
pub(super) struct ImageRef {
    pub id: XObjectId,
    pub orientation: Orientation,
}

impl Resources {
    /// Registers every font and image `document` uses with `pdf`, each once.
    pub fn register(
        pdf: &mut PdfDocument,
        document: &Document,
        fonts: &FontSet,
        images: &ImageStore,
    ) -> Result<Resources, Error> {
        let mut used_glyphs: BTreeMap<FontKey, BTreeSet<u16>> = BTreeMap::new();
        let mut image_refs = BTreeMap::new();
        let mut opacities = BTreeMap::new();
        for item in document
            .pages
            .iter()
            .flat_map(|page| all_items(&page.items))
        {
            match item {
                Item::Text(run) => {
                    for glyph in &run.glyphs {
                        used_glyphs.entry(glyph.font).or_default().insert(glyph.id);
                    }
                }
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
        let mut font_refs = BTreeMap::new();
        for (key, used) in used_glyphs {
            let face = fonts
                .by_key(key)
                .ok_or(Error::Internal("a glyph names an unknown font"))?;
            let tag = subset_tag(key);
            let subset = super::fonts::subset(face, &used, &tag)?;
            let id = FontId(tag);
            pdf.resources.fonts.map.insert(id.clone(), subset.font);
            font_refs.insert(
                key,
                FontRef {
                    id,
                    glyphs: subset.glyphs,
                },
            );
        }
        let resources = Resources {
            fonts: font_refs,
            images: image_refs,
            opacities,
        };
        Ok(resources)
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
