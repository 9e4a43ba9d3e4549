//! The figure's objects read from lopdf's, once, at the boundary: each
//! object copied out of the source gets a reference of the figure's table,
//! and a reference to an object the copy does not hold becomes null.

use std::collections::BTreeMap;

use lopdf::{Object as LoObject, ObjectId};

use super::{Dictionary, Object, ObjectRef, ObjectTable, Stream, StreamData, StringForm};
use crate::image::figure::copy::MAX_INFLATED;

/// The references of the copied objects, by their ids in the source.
pub(in crate::image::figure) struct ObjectIds(BTreeMap<ObjectId, ObjectRef>);

impl ObjectIds {
    /// The table of the objects `copied` out of a source file, in the order
    /// of their ids there, and their references by those ids.
    pub(in crate::image::figure) fn table(
        copied: BTreeMap<ObjectId, LoObject>,
    ) -> (ObjectTable, ObjectIds) {
        let ids = ObjectIds(
            copied
                .keys()
                .zip((0u32..).map(ObjectRef))
                .map(|(id, reference)| (*id, reference))
                .collect(),
        );
        let objects = copied
            .into_values()
            .map(|object| ids.object(object))
            .collect();
        (ObjectTable(objects), ids)
    }

    pub(in crate::image::figure) fn dictionary(&self, dict: lopdf::Dictionary) -> Dictionary {
        Dictionary(
            dict.into_iter()
                .map(|(key, value)| (key, self.object(value)))
                .collect(),
        )
    }

    fn object(&self, object: LoObject) -> Object {
        match object {
            LoObject::Null => Object::Null,
            LoObject::Boolean(value) => Object::Boolean(value),
            LoObject::Integer(value) => Object::Integer(value),
            LoObject::Real(value) => Object::Real(value),
            LoObject::Name(name) => Object::Name(name),
            LoObject::String(bytes, format) => Object::String(bytes, string_form(format)),
            LoObject::Array(items) => {
                Object::Array(items.into_iter().map(|item| self.object(item)).collect())
            }
            LoObject::Dictionary(dict) => Object::Dictionary(self.dictionary(dict)),
            LoObject::Stream(stream) => Object::Stream(self.stream(stream)),
            // The copy holds every object its objects reach (a missing one
            // as null), so this is null only for an id it never saw.
            LoObject::Reference(id) => self
                .0
                .get(&id)
                .map_or(Object::Null, |r| Object::Reference(*r)),
        }
    }

    /// The stream with its filters in its data: bytes that have a
    /// `/Filter` stay encoded, and `/Length` is the writer's to set.
    fn stream(&self, stream: lopdf::Stream) -> Stream {
        let mut dict = self.dictionary(stream.dict);
        dict.remove(b"Length");
        let parms = dict.remove(b"DecodeParms");
        let data = match dict.remove(b"Filter") {
            Some(filter) => StreamData::Encoded {
                filter: Box::new(filter),
                parms: parms.map(Box::new),
                bytes: stream.content,
            },
            // Parameters without a filter decode nothing.
            None => StreamData::Plain(stream.content),
        };
        Stream { dict, data }
    }
}

fn string_form(format: lopdf::StringFormat) -> StringForm {
    match format {
        lopdf::StringFormat::Literal => StringForm::Literal,
        lopdf::StringFormat::Hexadecimal => StringForm::Hexadecimal,
    }
}

/// The stream's bytes decoded by its filters (zlib, LZW, ASCII85 and their
/// predictors, with lopdf's decoders), up to 256 MiB; `None` when a filter
/// is one lopdf cannot decode, or the data is damaged or larger.
pub(in crate::image::figure) fn decoded(stream: &Stream) -> Option<Vec<u8>> {
    let (filter, parms, bytes) = match &stream.data {
        StreamData::Plain(bytes) => return Some(bytes.clone()),
        StreamData::Encoded {
            filter,
            parms,
            bytes,
        } => (filter, parms, bytes),
    };
    let mut dict = lopdf::Dictionary::new();
    dict.set("Filter", filter_value(filter));
    if let Some(parms) = parms {
        dict.set("DecodeParms", filter_value(parms));
    }
    let limit = usize::try_from(MAX_INFLATED).unwrap_or(usize::MAX);
    lopdf::Stream::new(dict, bytes.clone())
        .decompressed_content_with_limit(limit)
        .ok()
}

/// A filter's name, or its parameters, as lopdf's decoders read them: the
/// direct values these hold (names, numbers, booleans, and arrays and
/// dictionaries of them); anything else is null to the decoders.
fn filter_value(object: &Object) -> LoObject {
    match object {
        Object::Boolean(value) => LoObject::Boolean(*value),
        Object::Integer(value) => LoObject::Integer(*value),
        Object::Real(value) => LoObject::Real(*value),
        Object::Name(name) => LoObject::Name(name.clone()),
        Object::Array(items) => LoObject::Array(items.iter().map(filter_value).collect()),
        Object::Dictionary(dict) => LoObject::Dictionary(
            dict.iter()
                .map(|(key, value)| (key.to_vec(), filter_value(value)))
                .collect(),
        ),
        _ => LoObject::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_the_copied_objects_and_filters_move_into_the_data() {
        let dict = lopdf::Dictionary::from_iter([
            ("Filter", LoObject::Name(b"FlateDecode".to_vec())),
            ("Next", LoObject::Reference((7, 0))),
            ("Gone", LoObject::Reference((9, 0))),
        ]);
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), Default::default());
        std::io::Write::write_all(&mut encoder, b"0 0 m").unwrap();
        let compressed = encoder.finish().unwrap();
        let copied = BTreeMap::from([
            (
                (3, 0),
                LoObject::Stream(lopdf::Stream::new(dict, compressed.clone())),
            ),
            ((7, 0), LoObject::Integer(1)),
        ]);
        let (objects, ids) = ObjectIds::table(copied);
        let all: Vec<(ObjectRef, Object)> = objects.clone().into_objects().collect();
        let [(stream_ref, Object::Stream(stream)), (number_ref, number)] = &all[..] else {
            panic!("{all:?}");
        };
        assert_eq!(objects.get(*stream_ref), &Object::Stream(stream.clone()));
        assert_eq!(number, &Object::Integer(1));
        // `/Length` is the writer's, `/Filter` the data's; a reference to
        // an object the copy does not hold is null.
        let keys: Vec<&[u8]> = stream.dict.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, [b"Gone".as_slice(), b"Next"]);
        assert_eq!(stream.dict.get(b"Gone"), Some(&Object::Null));
        assert_eq!(
            stream.dict.get(b"Next"),
            Some(&Object::Reference(*number_ref))
        );
        assert_eq!(
            stream.data,
            StreamData::Encoded {
                filter: Box::new(Object::name(b"FlateDecode")),
                parms: None,
                bytes: compressed,
            }
        );
        assert_eq!(decoded(stream).unwrap(), b"0 0 m");
        let resources = lopdf::Dictionary::from_iter([("N", LoObject::Reference((7, 0)))]);
        let resources = ids.dictionary(resources);
        assert_eq!(resources.get(b"N"), Some(&Object::Reference(*number_ref)));
    }
}
