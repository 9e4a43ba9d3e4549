//! Vector figures as Form XObjects: the figure's content, its resources
//! and every object they reach copied into the document under new ids,
//! the crop box as the form's bounding box, and a matrix that maps it,
//! turned upright, onto the unit square where pages draw images.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::image::Figure;

/// The Form XObject of `figure`, its objects added to `doc`.
pub(super) fn form(doc: &mut Document, figure: Figure) -> Stream {
    let matrix = figure.unit_matrix();
    let Figure {
        bbox,
        content,
        mut resources,
        group,
        objects,
        ..
    } = figure;
    // New ids in the order the resources reach the objects, not in the
    // source's numbering (svg2pdf's varies from run to run), so the same
    // figure always gives the same file.
    let roots = [
        Object::Dictionary(resources.clone()),
        group.clone().map_or(Object::Null, Object::Dictionary),
    ];
    let ids: BTreeMap<ObjectId, ObjectId> = reach_order(&roots, &objects)
        .into_iter()
        .map(|old| (old, doc.new_object_id()))
        .collect();
    for (old, mut object) in objects {
        let Some(new) = ids.get(&old).copied() else {
            continue;
        };
        renumber(&mut object, &ids);
        if let Object::Stream(stream) = &mut object {
            // Already compressed streams are copied as they are.
            let compressed = stream.dict.get(b"Filter").is_ok();
            stream.allows_compression = !compressed;
        }
        doc.objects.insert(new, object);
    }
    renumber_dict(&mut resources, &ids);
    let real = |value: f64| Object::Real(value as f32);
    let mut dict = Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Form".to_vec())),
        ("BBox", Object::Array(bbox.map(real).to_vec())),
        ("Matrix", Object::Array(matrix.map(real).to_vec())),
        ("Resources", Object::Dictionary(resources)),
    ]);
    if let Some(mut group) = group {
        renumber_dict(&mut group, &ids);
        dict.set("Group", Object::Dictionary(group));
    }
    Stream::new(dict, content)
}

/// The ids `roots` reach in `objects`, depth first, each dictionary's
/// entries taken in the order of their keys.
fn reach_order(roots: &[Object], objects: &BTreeMap<ObjectId, Object>) -> Vec<ObjectId> {
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&Object> = roots.iter().rev().collect();
    while let Some(object) = pending.pop() {
        match object {
            Object::Reference(id) => {
                if let Some(target) = objects.get(id) {
                    if seen.insert(*id) {
                        order.push(*id);
                        pending.push(target);
                    }
                }
            }
            Object::Array(items) => pending.extend(items.iter().rev()),
            Object::Dictionary(dict) => pending.extend(sorted_values(dict)),
            Object::Stream(stream) => pending.extend(sorted_values(&stream.dict)),
            _ => {}
        }
    }
    order
}

/// A dictionary's values, last key first (so a stack takes the first first).
fn sorted_values(dict: &Dictionary) -> Vec<&Object> {
    let mut entries: Vec<(&Vec<u8>, &Object)> = dict.iter().collect();
    entries.sort_by(|a, b| b.0.cmp(a.0));
    entries.into_iter().map(|(_, value)| value).collect()
}

fn renumber(object: &mut Object, ids: &BTreeMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => match ids.get(id) {
            Some(new) => *id = *new,
            None => *object = Object::Null,
        },
        Object::Array(items) => items.iter_mut().for_each(|item| renumber(item, ids)),
        Object::Dictionary(dict) => renumber_dict(dict, ids),
        Object::Stream(stream) => renumber_dict(&mut stream.dict, ids),
        _ => {}
    }
}

/// Renumbers the references in `dict` and puts its keys in order: svg2pdf
/// writes some dictionaries in an order that varies from run to run.
fn renumber_dict(dict: &mut Dictionary, ids: &BTreeMap<ObjectId, ObjectId>) {
    let mut entries: Vec<(Vec<u8>, Object)> = std::mem::take(dict).into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, mut value) in entries {
        renumber(&mut value, ids);
        dict.set(key, value);
    }
}
