//! Vector figures as Form XObjects: the figure's content, its resources
//! and every object they reach turned into lopdf objects under new ids,
//! the crop box as the form's bounding box, and a matrix that maps it,
//! turned upright, onto the unit square where pages draw images.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::image::figure_objects::{
    self as figure, ObjectRef, ObjectTable, StreamData, StringForm,
};
use crate::image::Figure;

/// The Form XObject of `figure`, its objects added to `doc`.
pub(super) fn form(doc: &mut Document, figure: Figure) -> Stream {
    let matrix = figure.unit_matrix();
    let Figure {
        bbox,
        content,
        resources,
        group,
        objects,
        ..
    } = figure;
    // New ids in the order the resources reach the objects, not in the
    // table's order (the source's numbering, and svg2pdf's varies from run
    // to run), so the same figure always gives the same file. Objects no
    // longer reached (a colour space the grayscale pass replaced) go.
    let roots = [
        figure::Object::Dictionary(resources),
        group.map_or(figure::Object::Null, figure::Object::Dictionary),
    ];
    let ids = Ids(reach_order(&roots, &objects)
        .into_iter()
        .map(|reference| (reference, doc.new_object_id()))
        .collect());
    for (reference, object) in objects.into_objects() {
        if let Some(id) = ids.0.get(&reference) {
            doc.objects.insert(*id, ids.object(object));
        }
    }
    let [resources, group] = roots.map(|root| ids.object(root));
    let real = |value: f64| Object::Real(value as f32);
    let mut dict = Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Form".to_vec())),
        ("BBox", Object::Array(bbox.map(real).to_vec())),
        ("Matrix", Object::Array(matrix.map(real).to_vec())),
        ("Resources", resources),
    ]);
    if let Object::Dictionary(_) = group {
        dict.set("Group", group);
    }
    Stream::new(dict, content)
}

/// The references `roots` reach in `objects`, depth first, each
/// dictionary's entries taken in the order of their keys.
fn reach_order(roots: &[figure::Object], objects: &ObjectTable) -> Vec<ObjectRef> {
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&figure::Object> = roots.iter().rev().collect();
    while let Some(object) = pending.pop() {
        match object {
            figure::Object::Reference(reference) if seen.insert(*reference) => {
                order.push(*reference);
                pending.push(objects.get(*reference));
            }
            figure::Object::Array(items) => pending.extend(items.iter().rev()),
            figure::Object::Dictionary(dict) => pending.extend(last_key_first(dict)),
            figure::Object::Stream(stream) => pending.extend(stream_last_key_first(stream)),
            _ => {}
        }
    }
    order
}

/// A dictionary's values, last key first (so a stack takes the first first).
fn last_key_first(dict: &figure::Dictionary) -> impl Iterator<Item = &figure::Object> {
    let values: Vec<&figure::Object> = dict.iter().map(|(_, value)| value).collect();
    values.into_iter().rev()
}

/// A stream's values as its dictionary in the file gives them, with the
/// `/Filter` and `/DecodeParms` its data holds (which may refer to other
/// objects, such as JBIG2 globals), last key first.
fn stream_last_key_first(stream: &figure::Stream) -> impl Iterator<Item = &figure::Object> {
    let mut entries: Vec<(&[u8], &figure::Object)> = stream.dict.iter().collect();
    if let StreamData::Encoded { filter, parms, .. } = &stream.data {
        entries.push((b"Filter", filter));
        entries.extend(
            parms
                .as_deref()
                .map(|parms| (b"DecodeParms".as_slice(), parms)),
        );
    }
    entries.sort_by_key(|&(key, _)| key);
    entries.into_iter().rev().map(|(_, value)| value)
}

/// The document's ids of the figure's objects it holds.
struct Ids(BTreeMap<ObjectRef, ObjectId>);

impl Ids {
    /// `object` as the document holds it: its references renumbered and
    /// its dictionaries' keys in order.
    fn object(&self, object: figure::Object) -> Object {
        match object {
            figure::Object::Null => Object::Null,
            figure::Object::Boolean(value) => Object::Boolean(value),
            figure::Object::Integer(value) => Object::Integer(value),
            figure::Object::Real(value) => Object::Real(value),
            figure::Object::Name(name) => Object::Name(name),
            figure::Object::String(bytes, form) => Object::String(bytes, string_format(form)),
            figure::Object::Array(items) => {
                Object::Array(items.into_iter().map(|item| self.object(item)).collect())
            }
            figure::Object::Dictionary(dict) => {
                Object::Dictionary(self.dictionary(dict, Vec::new()))
            }
            figure::Object::Stream(stream) => Object::Stream(self.stream(stream)),
            // Every object a reached object refers to is reached.
            figure::Object::Reference(reference) => self
                .0
                .get(&reference)
                .map_or(Object::Null, |id| Object::Reference(*id)),
        }
    }

    /// `dict` with the `extra` entries, keys in order.
    fn dictionary(&self, dict: figure::Dictionary, extra: Vec<(&[u8], Object)>) -> Dictionary {
        let mut entries: BTreeMap<Vec<u8>, Object> = dict
            .into_iter()
            .map(|(key, value)| (key, self.object(value)))
            .collect();
        entries.extend(extra.into_iter().map(|(key, value)| (key.to_vec(), value)));
        entries.into_iter().collect()
    }

    /// The stream with the `/Length` and filters of its data: encoded data
    /// is copied as it is, plain data left for the writer to compress.
    fn stream(&self, stream: figure::Stream) -> Stream {
        let (bytes, filters) = match stream.data {
            StreamData::Plain(bytes) => (bytes, None),
            StreamData::Encoded {
                filter,
                parms,
                bytes,
            } => (bytes, Some((filter, parms))),
        };
        let plain = filters.is_none();
        let mut dict = stream.dict;
        for key in [b"Length".as_slice(), b"Filter", b"DecodeParms"] {
            dict.remove(key);
        }
        let mut extra = vec![(b"Length".as_slice(), Object::Integer(bytes.len() as i64))];
        if let Some((filter, parms)) = filters {
            extra.push((b"Filter", self.object(*filter)));
            if let Some(parms) = parms {
                extra.push((b"DecodeParms", self.object(*parms)));
            }
        }
        Stream::new(self.dictionary(dict, extra), bytes).with_compression(plain)
    }
}

fn string_format(form: StringForm) -> StringFormat {
    match form {
        StringForm::Literal => StringFormat::Literal,
        StringForm::Hexadecimal => StringFormat::Hexadecimal,
    }
}
