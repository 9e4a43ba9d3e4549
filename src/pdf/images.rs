//! Image and Form XObjects, added to the finished document: each image
//! (and each vector figure, as a form) once, its
//! compressed data moved in, not copied, and each ICC profile once however
//! many images carry it.
//!
//! The pages' content streams (`pdf::content`) name every image there
//! (`/Im1 Do`), and printpdf writes one XObject dictionary that all pages
//! share; this fills that dictionary.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::image::{ColorSpace, Compression, Encoded, LoadedImage};

use super::resources::Images;
use super::Error;

/// Adds every image the pages drew to `doc` under its name. Each image's
/// data moves into the file when the pages hold the image no more (see
/// [`super::page::let_drawn_go`]), and is copied otherwise.
pub(super) fn embed(doc: &mut Document, images: Images) -> Result<(), Error> {
    if images.is_empty() {
        return Ok(());
    }
    let shared = shared_xobjects(doc)?;
    let mut profiles = BTreeMap::new();
    for (name, image) in images.into_named() {
        let stream = match image.into_image() {
            LoadedImage::Raster(raster) => image_stream(doc, raster.encoded, &mut profiles),
            LoadedImage::Vector(vector) => super::figures::form(doc, *vector.figure),
        };
        let id = doc.add_object(stream);
        let dict = doc
            .get_dictionary_mut(shared)
            .map_err(|_| Error::Internal("the pages' XObject resources are not a dictionary"))?;
        dict.set(name.0.as_bytes(), Object::Reference(id));
    }
    Ok(())
}

/// The XObject dictionary printpdf gives every page.
fn shared_xobjects(doc: &Document) -> Result<ObjectId, Error> {
    let missing = || Error::Internal("the pages share no XObject resources");
    let page = *doc.get_pages().values().next().ok_or_else(missing)?;
    doc.get_dictionary(page)
        .and_then(|page| page.get_deref(b"Resources", doc))
        .and_then(Object::as_dict)
        .and_then(|resources| resources.get(b"XObject"))
        .and_then(Object::as_reference)
        .map_err(|_| missing())
}

/// The image XObject: its own data as it is, read with the filter,
/// predictor, colour space and decode ranges it needs.
fn image_stream(
    doc: &mut Document,
    image: Encoded,
    profiles: &mut BTreeMap<Vec<u8>, ObjectId>,
) -> Stream {
    let mut dict = sample_dict(image.width, image.height, image.bits);
    let base = match image.icc {
        Some(profile) => icc_based(doc, profile, &image.color, profiles),
        None => device_space(&image.color),
    };
    let color_space = match &image.color {
        ColorSpace::Indexed(table) => Object::Array(vec![
            Object::Name(b"Indexed".to_vec()),
            base,
            Object::Integer(table.len() as i64 / 3 - 1),
            Object::String(table.clone(), StringFormat::Hexadecimal),
        ]),
        _ => base,
    };
    dict.set("ColorSpace", color_space);
    match image.compression {
        Compression::Jpeg { rgb } => {
            dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
            if rgb {
                let parms = Dictionary::from_iter([("ColorTransform", Object::Integer(0))]);
                dict.set("DecodeParms", Object::Dictionary(parms));
            }
        }
        Compression::PngRows => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            dict.set(
                "DecodeParms",
                png_predictor(image.color.components(), image.bits, image.width),
            );
        }
    }
    if image.inverted {
        let ranges = (0..image.color.components()).flat_map(|_| [1, 0]);
        dict.set(
            "Decode",
            Object::Array(ranges.map(Object::Integer).collect()),
        );
    }
    if let Some(alpha) = image.alpha {
        let mut mask = sample_dict(image.width, image.height, image.bits);
        mask.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        // Alpha comes only with decoded pixels, always as PNG rows.
        mask.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        mask.set("DecodeParms", png_predictor(1, image.bits, image.width));
        let mask = doc.add_object(Stream::new(mask, alpha).with_compression(false));
        dict.set("SMask", Object::Reference(mask));
    }
    Stream::new(dict, image.data).with_compression(false)
}

fn sample_dict(width: u32, height: u32, bits: u8) -> Dictionary {
    Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Image".to_vec())),
        ("Width", Object::Integer(i64::from(width))),
        ("Height", Object::Integer(i64::from(height))),
        ("BitsPerComponent", Object::Integer(i64::from(bits))),
    ])
}

/// `/DecodeParms` for PNG rows: every row names its own filter (15).
fn png_predictor(colors: u8, bits: u8, columns: u32) -> Object {
    Object::Dictionary(Dictionary::from_iter([
        ("Predictor", Object::Integer(15)),
        ("Colors", Object::Integer(i64::from(colors))),
        ("BitsPerComponent", Object::Integer(i64::from(bits))),
        ("Columns", Object::Integer(i64::from(columns))),
    ]))
}

/// The device colour space of `color` (of a palette's table).
fn device_space(color: &ColorSpace) -> Object {
    let name: &[u8] = match color {
        ColorSpace::Gray => b"DeviceGray",
        ColorSpace::Rgb | ColorSpace::Indexed(_) => b"DeviceRGB",
        ColorSpace::Cmyk => b"DeviceCMYK",
    };
    Object::Name(name.to_vec())
}

/// `[/ICCBased stream]`, the stream added once per distinct profile.
fn icc_based(
    doc: &mut Document,
    profile: Vec<u8>,
    color: &ColorSpace,
    profiles: &mut BTreeMap<Vec<u8>, ObjectId>,
) -> Object {
    let components = match color {
        ColorSpace::Indexed(_) => 3,
        other => other.components(),
    };
    let id = *profiles.entry(profile).or_insert_with_key(|profile| {
        let dict = Dictionary::from_iter([
            ("N", Object::Integer(i64::from(components))),
            ("Alternate", device_space(color)),
        ]);
        // Profiles compress well; the writer compresses this stream.
        doc.add_object(Stream::new(dict, profile.clone()))
    });
    Object::Array(vec![
        Object::Name(b"ICCBased".to_vec()),
        Object::Reference(id),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::Item;
    use crate::geom::Pt;

    fn image(color: ColorSpace, compression: Compression) -> Encoded {
        Encoded {
            width: 10,
            height: 2,
            color,
            bits: 4,
            compression,
            data: vec![1, 2, 3],
            inverted: false,
            icc: None,
            alpha: None,
        }
    }

    #[test]
    fn png_rows_carry_their_predictor() {
        let mut doc = Document::with_version("1.7");
        let stream = image_stream(
            &mut doc,
            image(ColorSpace::Indexed(vec![0; 6]), Compression::PngRows),
            &mut BTreeMap::new(),
        );
        assert_eq!(stream.content, [1, 2, 3]);
        let parms = stream.dict.get(b"DecodeParms").unwrap().as_dict().unwrap();
        let int = |key: &[u8]| parms.get(key).unwrap().as_i64().unwrap();
        assert_eq!(
            (
                int(b"Predictor"),
                int(b"Colors"),
                int(b"BitsPerComponent"),
                int(b"Columns")
            ),
            (15, 1, 4, 10)
        );
        let space = stream.dict.get(b"ColorSpace").unwrap().as_array().unwrap();
        assert_eq!(space[0].as_name().unwrap(), b"Indexed");
        assert_eq!(space[1].as_name().unwrap(), b"DeviceRGB");
        assert_eq!(space[2].as_i64().unwrap(), 1);
    }

    #[test]
    fn inverted_cmyk_reads_each_range_backwards() {
        let mut doc = Document::with_version("1.7");
        let mut cmyk = image(ColorSpace::Cmyk, Compression::Jpeg { rgb: false });
        cmyk.inverted = true;
        let stream = image_stream(&mut doc, cmyk, &mut BTreeMap::new());
        let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec();
        assert_eq!(stream.dict.get(b"Decode").unwrap(), &Object::Array(decode));
        assert_eq!(
            stream.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"DCTDecode"
        );
    }

    #[test]
    fn rgb_jpegs_are_not_colour_transformed() {
        let mut doc = Document::with_version("1.7");
        let jpeg = |rgb| image(ColorSpace::Rgb, Compression::Jpeg { rgb });
        let stream = image_stream(&mut doc, jpeg(true), &mut BTreeMap::new());
        let parms = stream.dict.get(b"DecodeParms").unwrap().as_dict().unwrap();
        assert_eq!(parms.get(b"ColorTransform").unwrap(), &Object::Integer(0));
        let stream = image_stream(&mut doc, jpeg(false), &mut BTreeMap::new());
        assert!(stream.dict.get(b"DecodeParms").is_err());
    }

    #[test]
    fn each_profile_is_stored_once() {
        let mut doc = Document::with_version("1.7");
        let mut profiles = BTreeMap::new();
        for _ in 0..3 {
            let mut rgb = image(ColorSpace::Rgb, Compression::PngRows);
            rgb.icc = Some(vec![7; 200]);
            let stream = image_stream(&mut doc, rgb, &mut profiles);
            let space = stream.dict.get(b"ColorSpace").unwrap().as_array().unwrap();
            assert_eq!(space[0].as_name().unwrap(), b"ICCBased");
        }
        assert_eq!(doc.objects.len(), 1);
        let profile = doc.objects.values().next().unwrap().as_stream().unwrap();
        assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    }

    /// An image item holds its image: the writer draws one whose store is
    /// long gone, so there is no store it could fail to find it in.
    #[test]
    fn an_image_is_written_from_the_item_that_holds_it() {
        let image = crate::image::ImageStore::with_sizes(&[("a.png", 4, 2)])
            .image_for(&crate::diag::FileRef {
                written: "a.png".into(),
                path: "a.png".into(),
                span: crate::diag::Span::new(1, 1),
                named_in: "d.yaml".into(),
                page: None,
            })
            .cloned()
            .expect("the store holds a.png");
        let item = Item::Image(crate::frame::ImageItem {
            image,
            placed: crate::geom::Rect::new(Pt(10.0), Pt(10.0), Pt(40.0), Pt(20.0)),
            clip: None,
            layer: crate::frame::Layer::Content,
        });
        let page = crate::frame::Page::new(
            crate::frame::PageKind::Slide,
            crate::geom::Size::new(Pt(100.0), Pt(50.0)),
            crate::color::Color::WHITE,
            vec![item],
        );
        let document = crate::frame::Document {
            pages: vec![page],
            outline: Vec::new(),
            destinations: Default::default(),
            info: Default::default(),
        };
        let options = super::super::PdfOptions {
            creator: "test".into(),
            timestamp: 0,
            fullscreen: false,
            notes_annotations: false,
            layout: Default::default(),
            tagging: Default::default(),
        };
        let bytes = super::super::write(document, &options).unwrap();
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        let images: Vec<(i64, i64)> = pdf
            .objects
            .values()
            .filter_map(|object| object.as_stream().ok())
            .filter(|stream| {
                stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image")
            })
            .map(|stream| {
                let side = |key: &[u8]| stream.dict.get(key).unwrap().as_i64().unwrap();
                (side(b"Width"), side(b"Height"))
            })
            .collect();
        assert_eq!(images, [(4, 2)]);
    }
}
