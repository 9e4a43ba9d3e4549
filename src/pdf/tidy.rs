//! Dropping the objects nothing refers to and numbering the rest 1, 2, 3...
//! in their order, in time linear in the number of objects. (lopdf's
//! `prune_objects` and `renumber_objects` look each reference up in a list,
//! which a 5000-slide deck's 16,000 objects turn into seconds.)

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Document, Object, ObjectId};

/// Removes every object the trailer does not reach, then renumbers the
/// others from 1 without gaps, keeping their order.
pub(super) fn prune_and_renumber(doc: &mut Document) {
    let mut reachable = BTreeSet::new();
    let mut queue = Vec::new();
    references(&Object::Dictionary(doc.trailer.clone()), &mut queue);
    while let Some(id) = queue.pop() {
        if reachable.insert(id) {
            if let Some(object) = doc.objects.get(&id) {
                references(object, &mut queue);
            }
        }
    }
    let renumbered: BTreeMap<ObjectId, ObjectId> = doc
        .objects
        .keys()
        .filter(|id| reachable.contains(id))
        .zip(1..)
        .map(|(&old, new)| (old, (new, 0)))
        .collect();
    let objects = std::mem::take(&mut doc.objects);
    doc.objects = objects
        .into_iter()
        .filter_map(|(old, mut object)| {
            let new = *renumbered.get(&old)?;
            rewrite(&mut object, &renumbered);
            Some((new, object))
        })
        .collect();
    let mut trailer = Object::Dictionary(std::mem::take(&mut doc.trailer));
    rewrite(&mut trailer, &renumbered);
    if let Object::Dictionary(trailer) = trailer {
        doc.trailer = trailer;
    }
    doc.max_id = renumbered.len() as u32;
}

/// Pushes every object `object` refers to onto `found`.
fn references(object: &Object, found: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => found.push(*id),
        Object::Array(items) => items.iter().for_each(|item| references(item, found)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, value)| references(value, found)),
        Object::Stream(stream) => stream
            .dict
            .iter()
            .for_each(|(_, value)| references(value, found)),
        _ => {}
    }
}

/// Points every reference in `object` at the object's new number (a
/// reference to a removed object is left as it is: it reached nothing).
fn rewrite(object: &mut Object, renumbered: &BTreeMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => {
            if let Some(new) = renumbered.get(id) {
                *id = *new;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|item| rewrite(item, renumbered)),
        Object::Dictionary(dict) => dict
            .iter_mut()
            .for_each(|(_, value)| rewrite(value, renumbered)),
        Object::Stream(stream) => stream
            .dict
            .iter_mut()
            .for_each(|(_, value)| rewrite(value, renumbered)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use lopdf::dictionary;

    use super::*;

    #[test]
    fn unreachable_objects_go_and_the_rest_are_numbered_in_order() {
        let mut doc = Document::with_version("1.7");
        let orphan = doc.add_object(dictionary! { "Orphan" => true });
        let page = doc.add_object(dictionary! { "Type" => "Page" });
        let pages = doc.add_object(dictionary! {
            "Kids" => vec![Object::Reference(page)],
        });
        let catalog = doc.add_object(dictionary! { "Pages" => Object::Reference(pages) });
        doc.trailer.set("Root", Object::Reference(catalog));
        assert_eq!(
            (orphan, page, pages, catalog),
            ((1, 0), (2, 0), (3, 0), (4, 0))
        );
        prune_and_renumber(&mut doc);
        let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
        assert_eq!(ids, [(1, 0), (2, 0), (3, 0)]);
        assert_eq!(doc.max_id, 3);
        assert_eq!(
            doc.trailer.get(b"Root").unwrap(),
            &Object::Reference((3, 0))
        );
        let pages = doc.get_dictionary((2, 0)).unwrap();
        assert_eq!(
            pages.get(b"Kids").unwrap().as_array().unwrap()[0],
            Object::Reference((1, 0))
        );
        assert_eq!(doc.get_pages().len(), 1);
    }
}
