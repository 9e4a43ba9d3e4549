//! The nested outline (bookmarks), written straight into the lopdf document:
//! printpdf's own bookmarks are flat and sorted by page and name. Each
//! bookmark opens a named destination.

use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId};

use crate::frame::OutlineEntry;

use super::annotations::named_destination;
use super::metadata::text_string;

/// Writes `entries` as the document outline, sections open, and returns the
/// outline root, or `None` when there is nothing to list.
pub(super) fn write_outline(doc: &mut LoDocument, entries: &[OutlineEntry]) -> Option<ObjectId> {
    if entries.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let (first, last, count) = write_level(doc, entries, root);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(first));
    dict.set("Last", Object::Reference(last));
    dict.set("Count", Object::Integer(count));
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

/// Writes one level of siblings under `parent`; returns the first and last
/// entries and how many entries are visible (all of them: every level is open).
fn write_level(
    doc: &mut LoDocument,
    entries: &[OutlineEntry],
    parent: ObjectId,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    let mut visible = 0;
    for (index, entry) in entries.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&entry.title));
        dict.set("Parent", Object::Reference(parent));
        dict.set("Dest", named_destination(&entry.destination));
        if index > 0 {
            dict.set("Prev", Object::Reference(ids[index - 1]));
        }
        if let Some(&next) = ids.get(index + 1) {
            dict.set("Next", Object::Reference(next));
        }
        visible += 1;
        if !entry.children.is_empty() {
            let (first, last, count) = write_level(doc, &entry.children, ids[index]);
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            // A positive count means the entry starts open.
            dict.set("Count", Object::Integer(count));
            visible += count;
        }
        doc.objects.insert(ids[index], Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1], visible)
}
