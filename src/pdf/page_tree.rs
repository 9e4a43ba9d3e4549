//! The page tree made small: what every page shares is said once, on the
//! page tree's root, where pages inherit it (ISO 32000-1, 7.7.3.4).
//!
//! printpdf gives every page its own resource dictionary (all alike, each
//! naming the document's one font and one XObject dictionary), a CropBox
//! and a TrimBox equal to its MediaBox. Here the resources become one
//! dictionary on the root, the MediaBox moves there too when all pages have
//! the same, and boxes that only repeat the MediaBox (its default) go.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Rewrites the pages of `doc` (a single flat page tree, as printpdf
/// writes it) to inherit what they share from the tree's root.
pub(super) fn share_page_attributes(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let Some(root) = pages_root(doc, &pages) else {
        return;
    };
    let mut media_boxes = Vec::with_capacity(pages.len());
    let mut resources = Vec::with_capacity(pages.len());
    for &page in &pages {
        let Ok(dict) = doc.get_dictionary(page) else {
            return;
        };
        media_boxes.push(dict.get(b"MediaBox").ok().cloned());
        resources.push(
            dict.get_deref(b"Resources", doc)
                .ok()
                .and_then(|r| r.as_dict().ok())
                .map(used_resources),
        );
    }
    let shared_box = all_same(&media_boxes).flatten();
    let shared_resources = all_same(&resources).flatten();
    let old_resources: Vec<ObjectId> = pages
        .iter()
        .filter_map(|&page| {
            doc.get_dictionary(page)
                .ok()
                .and_then(|d| d.get(b"Resources").ok())
                .and_then(|r| r.as_reference().ok())
        })
        .collect();
    for &page in &pages {
        let Ok(dict) = doc.get_dictionary_mut(page) else {
            continue;
        };
        for name in [b"CropBox".as_slice(), b"TrimBox"] {
            if dict.get(name).ok() == dict.get(b"MediaBox").ok() {
                dict.remove(name);
            }
        }
        if shared_box.is_some() {
            dict.remove(b"MediaBox");
        }
        if shared_resources.is_some() {
            dict.remove(b"Resources");
        }
    }
    // The shared dictionary stays an object of its own, which readers that
    // follow only referenced resources up the tree (lopdf) find too.
    let shared_resources = shared_resources.map(|resources| {
        for id in &old_resources {
            doc.objects.remove(id);
        }
        doc.add_object(resources)
    });
    if let Ok(root) = doc.get_dictionary_mut(root) {
        if let Some(media_box) = shared_box {
            root.set("MediaBox", media_box);
        }
        if let Some(resources) = shared_resources {
            root.set("Resources", Object::Reference(resources));
        }
    }
}

/// The one parent of all `pages`, if they have one.
fn pages_root(doc: &Document, pages: &[ObjectId]) -> Option<ObjectId> {
    let parent = |page: &ObjectId| {
        doc.get_dictionary(*page)
            .ok()?
            .get(b"Parent")
            .ok()?
            .as_reference()
            .ok()
    };
    let root = parent(pages.first()?)?;
    pages
        .iter()
        .all(|page| parent(page) == Some(root))
        .then_some(root)
}

/// `resources` without the empty sub-dictionaries printpdf always writes
/// (ExtGState, Shading): only what the content streams can name.
fn used_resources(resources: &Dictionary) -> Dictionary {
    resources
        .iter()
        .filter(|(_, value)| !matches!(value, Object::Dictionary(d) if d.is_empty()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// The value every item has, if they all have the same.
fn all_same<T: PartialEq + Clone>(items: &[T]) -> Option<T> {
    let first = items.first()?;
    items
        .iter()
        .all(|item| item == first)
        .then(|| first.clone())
}

#[cfg(test)]
mod tests {
    use lopdf::dictionary;

    use super::*;

    /// A document of `boxes.len()` pages as printpdf writes them.
    fn document(boxes: &[[i64; 4]]) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let fonts = doc.add_object(dictionary! {});
        let mut kids = Vec::new();
        for media_box in boxes {
            let media_box: Vec<Object> = media_box.iter().map(|&v| v.into()).collect();
            let resources = doc.add_object(dictionary! {
                "Font" => Object::Reference(fonts),
                "ExtGState" => dictionary! {},
            });
            let page = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => Object::Reference(pages_id),
                "MediaBox" => media_box.clone(),
                "CropBox" => media_box.clone(),
                "TrimBox" => media_box,
                "Resources" => Object::Reference(resources),
            });
            kids.push(Object::Reference(page));
        }
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Count" => boxes.len() as i64,
                "Kids" => kids,
            }),
        );
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => Object::Reference(pages_id),
        });
        doc.trailer.set("Root", Object::Reference(catalog));
        doc
    }

    fn page_keys(doc: &Document) -> Vec<Vec<String>> {
        doc.get_pages()
            .values()
            .map(|&id| {
                let dict = doc.get_dictionary(id).unwrap();
                let mut keys: Vec<String> = dict
                    .iter()
                    .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
                    .collect();
                keys.sort();
                keys
            })
            .collect()
    }

    #[test]
    fn pages_alike_inherit_box_and_resources_from_the_root() {
        let mut doc = document(&[[0, 0, 960, 540], [0, 0, 960, 540]]);
        share_page_attributes(&mut doc);
        assert_eq!(page_keys(&doc), [["Parent", "Type"], ["Parent", "Type"]]);
        for &page in doc.get_pages().values() {
            // What a reader sees: the inherited dictionary.
            let (own, inherited) = doc.get_page_resources(page).unwrap();
            assert!(own.is_none());
            let resources = doc.get_dictionary(inherited[0]).unwrap();
            assert!(resources.has(b"Font"));
            assert!(!resources.has(b"ExtGState"), "empty entries go");
        }
        let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference();
        let root = doc.get_dictionary(root.unwrap()).unwrap();
        let media_box = root.get(b"MediaBox").unwrap().as_array().unwrap();
        assert_eq!(media_box[2], Object::Integer(960));
        // One resource dictionary, not one per page.
        let resource_objects = doc
            .objects
            .values()
            .filter(|o| o.as_dict().is_ok_and(|d| d.has(b"Font")))
            .count();
        assert_eq!(resource_objects, 1);
    }

    #[test]
    fn pages_of_different_sizes_keep_their_own_boxes() {
        let mut doc = document(&[[0, 0, 960, 540], [0, 0, 595, 842]]);
        share_page_attributes(&mut doc);
        assert_eq!(
            page_keys(&doc),
            [
                ["MediaBox", "Parent", "Type"],
                ["MediaBox", "Parent", "Type"]
            ]
        );
    }
}
