//! Copying what a page's resources reach out of its document, within
//! bounds: a loop of references is followed once, and a file that would
//! take unbounded memory or time (too many objects, too deep, a stream
//! that inflates without end) is refused.

use std::collections::BTreeMap;
use std::io::Read;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// The most objects one figure may bring along.
const MAX_OBJECTS: usize = 100_000;
/// The deepest nesting of arrays and dictionaries inside one object.
pub(super) const MAX_DEPTH: usize = 64;
/// The most bytes one stream may inflate to.
pub(super) const MAX_INFLATED: u64 = 256 * 1024 * 1024;

/// Keys that tie an object to the rest of its document (its page, the
/// structure tree) or make it act (links, scripts): left out of the copy.
const DROPPED_KEYS: [&[u8]; 6] = [
    b"Parent",
    b"P",
    b"A",
    b"AA",
    b"StructParent",
    b"StructParents",
];

/// Keys whose value is a dictionary keyed by names the file chose: a Type 3
/// font's glyph procedures (`/A`, `/P`, ...) and the resources a content
/// stream names. Its keys are names, not the keys above, and all stay.
const NAME_MAPS: [&[u8]; 9] = [
    b"CharProcs",
    b"Font",
    b"XObject",
    b"ExtGState",
    b"ColorSpace",
    b"Pattern",
    b"Shading",
    b"Properties",
    b"Colorants",
];

/// How a reference was reached: as the value of a name map's key, whose
/// object's keys are names, or otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reached {
    AsNameMap,
    AsObject,
}

/// Every object `roots` reach in `doc`, by their ids in `doc`. A page,
/// page tree, catalog or annotation reached through a reference becomes
/// null: a figure takes nothing of the document around its page.
pub(super) fn reachable(
    doc: &Document,
    roots: &[&Object],
) -> Result<BTreeMap<ObjectId, Object>, String> {
    let mut pending = Vec::new();
    for root in roots {
        references(root, Reached::AsObject, 0, &mut pending)?;
    }
    let mut copied = BTreeMap::new();
    while let Some((id, reached)) = pending.pop() {
        if copied.contains_key(&id) {
            continue;
        }
        if copied.len() >= MAX_OBJECTS {
            return Err(format!(
                "its resources reach more than {MAX_OBJECTS} objects"
            ));
        }
        // A reference to a missing object is null (the PDF format says so).
        let object = match doc.objects.get(&id) {
            Some(object) if is_document_part(object) => Object::Null,
            Some(object) if reached == Reached::AsNameMap => object.clone(),
            Some(object) => strip(object.clone()),
            None => Object::Null,
        };
        if let Object::Stream(stream) = &object {
            check_inflated(stream)?;
        }
        references(&object, reached, 0, &mut pending)?;
        copied.insert(id, object);
    }
    Ok(copied)
}

/// Adds the ids `object` refers to, and how each is reached, refusing
/// nesting past `MAX_DEPTH`. `reached` is how `object` itself was reached:
/// the values of a name map are objects, whatever their names.
fn references(
    object: &Object,
    reached: Reached,
    depth: usize,
    found: &mut Vec<(ObjectId, Reached)>,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("an object is nested more than {MAX_DEPTH} deep"));
    }
    match object {
        Object::Reference(id) => found.push((*id, reached)),
        Object::Array(items) => {
            for item in items {
                references(item, Reached::AsObject, depth + 1, found)?;
            }
        }
        Object::Dictionary(dict) => dict_references(dict, reached, depth, found)?,
        Object::Stream(stream) => dict_references(&stream.dict, reached, depth, found)?,
        _ => {}
    }
    Ok(())
}

fn dict_references(
    dict: &Dictionary,
    reached: Reached,
    depth: usize,
    found: &mut Vec<(ObjectId, Reached)>,
) -> Result<(), String> {
    for (key, value) in dict.iter() {
        let value_reached = if reached == Reached::AsObject && NAME_MAPS.contains(&key.as_slice()) {
            Reached::AsNameMap
        } else {
            Reached::AsObject
        };
        references(value, value_reached, depth + 1, found)?;
    }
    Ok(())
}

fn is_document_part(object: &Object) -> bool {
    let dict = match object {
        Object::Dictionary(dict) => dict,
        Object::Stream(stream) => &stream.dict,
        _ => return false,
    };
    dict.get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|name| matches!(name, b"Page" | b"Pages" | b"Catalog" | b"Annot"))
}

fn strip(mut object: Object) -> Object {
    let dict = match &mut object {
        Object::Dictionary(dict) => dict,
        Object::Stream(stream) => &mut stream.dict,
        _ => return object,
    };
    for key in DROPPED_KEYS {
        dict.remove(key);
    }
    object
}

/// Refuses a zlib stream that inflates past `MAX_INFLATED` bytes, or that
/// is damaged: a PDF reader would choke on it in the slides.
pub(super) fn check_inflated(stream: &Stream) -> Result<(), String> {
    if !is_flate(&stream.dict) {
        return Ok(());
    }
    let mut inflated =
        flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(MAX_INFLATED + 1);
    let size = std::io::copy(&mut inflated, &mut std::io::sink());
    match size {
        Ok(size) if size > MAX_INFLATED => Err(format!(
            "a compressed stream inflates to more than {} MiB",
            MAX_INFLATED / 1024 / 1024
        )),
        // A truncated stream is read by readers up to its end, as here.
        _ => Ok(()),
    }
}

/// Whether the stream's one filter is zlib.
fn is_flate(dict: &Dictionary) -> bool {
    match dict.get(b"Filter") {
        Ok(Object::Name(name)) => name == b"FlateDecode",
        Ok(Object::Array(filters)) => {
            filters.len() == 1
                && filters[0]
                    .as_name()
                    .is_ok_and(|name| name == b"FlateDecode")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn loops_are_followed_once_and_pages_are_left_out() {
        let mut doc = Document::with_version("1.7");
        let page = doc.add_object(Dictionary::from_iter([(
            "Type",
            Object::Name(b"Page".to_vec()),
        )]));
        let a = doc.new_object_id();
        let b = doc.add_object(Dictionary::from_iter([
            ("Next", Object::Reference(a)),
            ("Parent", Object::Reference(page)),
        ]));
        doc.objects.insert(
            a,
            Object::Dictionary(Dictionary::from_iter([
                ("Next", Object::Reference(b)),
                ("Page", Object::Reference(page)),
            ])),
        );
        let root = Object::Reference(a);
        let copied = reachable(&doc, &[&root]).unwrap();
        assert_eq!(copied.len(), 3);
        assert_eq!(copied[&page], Object::Null);
        assert!(copied[&b].as_dict().unwrap().get(b"Parent").is_err());
    }

    #[test]
    fn names_chosen_by_the_file_are_kept_where_keys_of_links_are_dropped() {
        let mut doc = Document::with_version("1.7");
        let glyph = doc.add_object(Stream::new(Dictionary::new(), b"0 0 d0".to_vec()));
        // A Type 3 font's glyph procedures, named after their glyphs.
        let char_procs = doc.add_object(Dictionary::from_iter([
            ("A", Object::Reference(glyph)),
            ("P", Object::Reference(glyph)),
            ("Parent", Object::Reference(glyph)),
        ]));
        let font = doc.add_object(Dictionary::from_iter([
            ("Subtype", Object::Name(b"Type3".to_vec())),
            ("CharProcs", Object::Reference(char_procs)),
            ("P", Object::Reference(glyph)),
        ]));
        // A font resource named `/A`, in a font map of its own.
        let fonts = doc.add_object(Dictionary::from_iter([("A", Object::Reference(font))]));
        let resources =
            Object::Dictionary(Dictionary::from_iter([("Font", Object::Reference(fonts))]));
        let copied = reachable(&doc, &[&resources]).unwrap();
        let keys = |id| -> Vec<Vec<u8>> {
            let dict = copied[&id].as_dict().unwrap();
            dict.iter().map(|(key, _)| key.clone()).collect()
        };
        assert_eq!(
            keys(char_procs),
            [b"A".to_vec(), b"P".to_vec(), b"Parent".to_vec()]
        );
        assert_eq!(keys(fonts), [b"A".to_vec()]);
        // The font itself is an object: a `/P` there is a link's page.
        assert_eq!(keys(font), [b"Subtype".to_vec(), b"CharProcs".to_vec()]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut object = Object::Null;
        for _ in 0..100 {
            object = Object::Array(vec![object]);
        }
        let doc = Document::with_version("1.7");
        assert_eq!(
            reachable(&doc, &[&object]).unwrap_err(),
            "an object is nested more than 64 deep"
        );
    }

    #[test]
    fn streams_that_inflate_without_end_are_refused() {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..257 {
            encoder.write_all(&zeros).unwrap();
        }
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 512 * 1024);
        let dict = Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]);
        let stream = Stream::new(dict, bomb);
        assert_eq!(
            check_inflated(&stream).unwrap_err(),
            "a compressed stream inflates to more than 256 MiB"
        );
    }
}
