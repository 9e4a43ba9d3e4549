//! Dropping the objects nothing refers to and numbering the rest 1, 2, 3...
//! in their order, in time linear in the number of objects. (lopdf's
//! `prune_objects` and `renumber_objects` look each reference up in a list,
//! which a 5000-slide deck's 16,000 objects turn into seconds.)

use lopdf::{Document, Object, ObjectId};

/// Each object's new id, by its old one: a table indexed by the old
/// number, as the numbers of a document being written run from 1 to about
/// as many as it has objects, each number used once (generation 0).
struct Renumbered(Vec<Option<(u16, ObjectId)>>);

impl Renumbered {
    fn get(&self, (number, generation): ObjectId) -> Option<ObjectId> {
        match self.0.get(number as usize) {
            Some(&Some((old_generation, new))) if old_generation == generation => Some(new),
            _ => None,
        }
    }
}

/// Removes every object the trailer does not reach, then renumbers the
/// others from 1 without gaps, keeping their order. Looking into every
/// object (for what it refers to, then to point that at its new number)
/// is most of the work, and is done on every core.
pub(super) fn prune_and_renumber(doc: &mut Document) {
    let highest = doc
        .objects
        .keys()
        .next_back()
        .map_or(0, |&(number, _)| number);
    let slot = |(number, _): ObjectId| number as usize;
    // What each object refers to, by its number (a document being written
    // numbers its objects from 1 to about as many as it has, each number
    // used once, as `Renumbered` assumes too).
    let objects: Vec<(&ObjectId, &Object)> = doc.objects.iter().collect();
    let per_run = objects.len().div_ceil(RUNS).max(1);
    let runs: Vec<&[(&ObjectId, &Object)]> = objects.chunks(per_run).collect();
    let found = crate::parallel::map(&runs, |run| {
        run.iter()
            .map(|&(&id, object)| {
                let mut refers_to = Vec::new();
                references(object, &mut refers_to);
                (id, refers_to)
            })
            .collect::<Vec<_>>()
    });
    let mut refers_to: Vec<Option<(u16, Vec<ObjectId>)>> = vec![None; highest as usize + 1];
    for ((number, generation), ids) in found.into_iter().flatten() {
        refers_to[number as usize] = Some((generation, ids));
    }
    // Whether an object is reached, by its number; ids past the highest
    // object (references to nothing) reach nothing and are left out.
    let mut reachable = vec![false; highest as usize + 1];
    let mut queue = Vec::new();
    references(&Object::Dictionary(doc.trailer.clone()), &mut queue);
    while let Some(id) = queue.pop() {
        // A reference reaches an object only with its generation too.
        let Some(Some((generation, ids))) = refers_to.get(slot(id)) else {
            continue;
        };
        if *generation != id.1 {
            continue;
        }
        if let Some(seen) = reachable.get_mut(slot(id)).filter(|seen| !**seen) {
            *seen = true;
            queue.extend_from_slice(ids);
        }
    }
    drop(refers_to);
    let mut renumbered = Renumbered(vec![None; highest as usize + 1]);
    let mut count = 0;
    for &(number, generation) in doc.objects.keys() {
        if reachable[number as usize] {
            count += 1;
            renumbered.0[number as usize] = Some((generation, (count, 0)));
        }
    }
    let mut objects: Vec<&mut Object> = doc.objects.values_mut().collect();
    crate::parallel::each_mut(&mut objects, |object| rewrite(object, &renumbered));
    // Gathered in a list of the right length first: collected straight
    // into a map, the list under it grows by doubling, copying every
    // object several times.
    let mut kept = Vec::with_capacity(count as usize);
    for (old, object) in std::mem::take(&mut doc.objects) {
        if let Some(new) = renumbered.get(old) {
            kept.push((new, object));
        }
    }
    doc.objects = kept.into_iter().collect();
    let mut trailer = Object::Dictionary(std::mem::take(&mut doc.trailer));
    rewrite(&mut trailer, &renumbered);
    if let Object::Dictionary(trailer) = trailer {
        doc.trailer = trailer;
    }
    doc.max_id = count;
}

/// How many runs the objects are cut into to find their references: a
/// few a core, so a run of large objects does not leave one core idle.
const RUNS: usize = 16;

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
fn rewrite(object: &mut Object, renumbered: &Renumbered) {
    match object {
        Object::Reference(id) => {
            if let Some(new) = renumbered.get(*id) {
                *id = new;
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
        // A reference to nothing, past every object, stays as it is, and
        // one with another generation reaches nothing either.
        let page_dict = doc.get_dictionary_mut(page).unwrap();
        page_dict.set("Nothing", Object::Reference((99, 0)));
        page_dict.set("Stale", Object::Reference((orphan.0, 1)));
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
        assert_eq!(
            doc.get_dictionary((1, 0)).unwrap().get(b"Nothing").unwrap(),
            &Object::Reference((99, 0))
        );
    }
}
