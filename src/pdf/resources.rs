//! Fonts and images registered once each, by content key, in first-use order.

use std::collections::BTreeMap;

use printpdf::{
    DictItem, ExternalStream, ExternalXObject, FontId, ParsedFont, PdfDocument, PdfFont, XObject,
    XObjectId,
};

use crate::frame::{all_items, Document, Item};
use crate::image::{Channels, ImageData, ImageKey, ImageStore, LoadedImage};
use crate::text::{FontKey, FontSet};

use super::Error;

/// The printpdf ids of everything a document uses.
pub(super) struct Resources {
    pub fonts: BTreeMap<FontKey, FontId>,
    pub images: BTreeMap<ImageKey, XObjectId>,
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
                        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
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
                    pdf.resources
                        .xobjects
                        .map
                        .insert(id.clone(), XObject::External(image_xobject(loaded)));
                    resources.images.insert(image.image, id);
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

/// The image XObject for one image: JPEG bytes as they are, or the
/// compressed samples with the alpha channel as a soft mask. Both are
/// compressed already, so the writer must not compress them again.
fn image_xobject(image: &LoadedImage) -> ExternalXObject {
    let (content, channels, filter, alpha) = match &image.data {
        ImageData::Jpeg { bytes, channels } => (bytes.to_vec(), *channels, "DCTDecode", None),
        ImageData::Flate {
            channels,
            samples,
            alpha,
        } => (samples.clone(), *channels, "FlateDecode", alpha.as_ref()),
    };
    let mut dict = image_dict(image, channels);
    dict.insert("Filter".into(), name(filter));
    if let Some(alpha) = alpha {
        let mut mask = image_dict(image, Channels::Gray);
        mask.insert("Filter".into(), name("FlateDecode"));
        let mask = ExternalStream {
            dict: mask,
            content: alpha.clone(),
            compress: false,
        };
        dict.insert("SMask".into(), DictItem::Stream { stream: mask });
    }
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: false,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

fn image_dict(image: &LoadedImage, channels: Channels) -> BTreeMap<String, DictItem> {
    let color_space = match channels {
        Channels::Gray => "DeviceGray",
        Channels::Rgb => "DeviceRGB",
    };
    BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(image.width))),
        ("Height".to_string(), DictItem::Int(i64::from(image.height))),
        ("ColorSpace".to_string(), name(color_space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
    ])
}

fn name(value: &str) -> DictItem {
    DictItem::Name(value.as_bytes().to_vec())
}
