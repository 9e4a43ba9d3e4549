//! Fonts and images registered once each, by content key, in first-use order.
//! Fonts go to printpdf; images only get their names here, and `images`
//! adds them to the finished document.

use std::collections::BTreeMap;

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont, XObjectId};

use crate::frame::{all_items, Document, Item};
use crate::image::{ImageKey, ImageStore, Orientation};
use crate::text::{FontKey, FontSet};

use super::Error;

/// The printpdf ids of everything a document uses.
pub(super) struct Resources {
    pub fonts: BTreeMap<FontKey, FontId>,
    pub images: BTreeMap<ImageKey, ImageRef>,
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
        let mut resources = Resources {
            fonts: BTreeMap::new(),
            images: BTreeMap::new(),
        };
        for item in document
            .pages
            .iter()
            .flat_map(|page| all_items(&page.items))
        {
            match item {
                Item::Text(run) => {
                    for glyph in &run.glyphs {
                        if resources.fonts.contains_key(&glyph.font) {
                            continue;
                        }
                        let face = fonts
                            .by_key(glyph.font)
                            .ok_or(Error::Internal("a glyph names an unknown font"))?;
                        let mut warnings = Vec::new();
                        let parsed = ParsedFont::from_bytes(
                            face.bytes(),
                            face.index() as usize,
                            &mut warnings,
                        )
                        .ok_or_else(|| Error::Font("printpdf cannot parse it".into()))?;
                        let id = FontId(subset_tag(glyph.font));
                        pdf.resources
                            .fonts
                            .map
                            .insert(id.clone(), PdfFont::new(parsed));
                        resources.fonts.insert(glyph.font, id);
                    }
                }
                Item::Image(image) if !resources.images.contains_key(&image.image) => {
                    let loaded = images
                        .get(image.image)
                        .ok_or(Error::Internal("an image item names an unknown image"))?;
                    let id = XObjectId(format!("Im{}", resources.images.len() + 1));
                    let orientation = loaded.orientation;
                    resources
                        .images
                        .insert(image.image, ImageRef { id, orientation });
                }
                _ => {}
            }
        }
        Ok(resources)
    }
}

/// Six capital letters from the font's key. printpdf uses the first six
/// characters of a font's id as its subset tag (`ABCDEF+NotoSans-Regular`),
/// and the PDF format wants exactly six capitals there.
fn subset_tag(key: FontKey) -> String {
    key.0[..6]
        .iter()
        .map(|byte| char::from(b'A' + byte % 26))
        .collect()
}
