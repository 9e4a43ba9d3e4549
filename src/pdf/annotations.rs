//! Each page's annotations: links (to URLs and to pages) and, when asked
//! for, the speaker notes as a Text annotation that presenter consoles
//! (pdfpc, pympress) read as notes.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId, StringFormat};

use crate::frame::{placed_links, LinkTarget, Page};
use crate::geom::{Pt, Rect};

use super::metadata::text_string;

/// The notes annotation's icon: a square in the top-left corner, inside
/// the margin that no slide content uses.
const NOTE_ICON: f64 = 18.0;

/// Sets each page's `/Annots` (printpdf leaves an empty array on every
/// page). Every annotation is an object of its own, referenced from the
/// array: presenter consoles (pdfpc, pympress) hide a notes annotation by
/// asking poppler to remove it, which poppler can do only for annotations
/// stored as objects.
pub(super) fn write_annotations(
    doc: &mut LoDocument,
    pages: &[Page],
    destinations: &BTreeMap<String, usize>,
    page_ids: &[ObjectId],
    with_notes: bool,
) {
    for (page, &page_id) in pages.iter().zip(page_ids) {
        let mut annotations: Vec<Dictionary> = placed_links(&page.items)
            .into_iter()
            .map(|(rect, target)| {
                let mut link = link_annotation(page, &rect, target);
                // What a screen reader says of the link (PDF/UA-1, 7.18.5).
                let description = match target {
                    LinkTarget::Url(url) => url.clone(),
                    LinkTarget::Named(name) => {
                        match destinations.get(name).and_then(|&index| pages.get(index)) {
                            Some(target) => format!("page {}", target.label),
                            None => name.clone(),
                        }
                    }
                };
                link.set("Contents", text_string(&description));
                link
            })
            .collect();
        if let (true, Some(notes)) = (with_notes, &page.notes) {
            annotations.push(notes_annotation(page, notes));
        }
        let references: Vec<Object> = annotations
            .into_iter()
            .map(|mut annotation| {
                annotation.set("P", Object::Reference(page_id));
                Object::Reference(doc.add_object(annotation))
            })
            .collect();
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page_id) {
            if references.is_empty() {
                dict.remove(b"Annots");
            } else {
                dict.set("Annots", Object::Array(references));
            }
        }
    }
}

fn link_annotation(page: &Page, rect: &Rect, target: &LinkTarget) -> Dictionary {
    let mut dict = annotation("Link", pdf_rect(page, rect));
    // No visible border: the link is the text or picture itself.
    dict.set("Border", vec![0.into(), 0.into(), 0.into()]);
    match target {
        LinkTarget::Url(url) => {
            let mut action = Dictionary::new();
            action.set("S", Object::Name(b"URI".to_vec()));
            action.set(
                "URI",
                Object::String(ascii_uri(url).into_bytes(), StringFormat::Literal),
            );
            dict.set("A", action);
        }
        LinkTarget::Named(name) => dict.set("Dest", named_destination(name)),
    }
    dict
}

fn notes_annotation(page: &Page, notes: &str) -> Dictionary {
    let corner = Rect::new(Pt(0.0), Pt(0.0), Pt(NOTE_ICON), Pt(NOTE_ICON));
    let mut dict = annotation("Text", pdf_rect(page, &corner));
    dict.set("Contents", text_string(notes));
    dict.set("Name", Object::Name(b"Note".to_vec()));
    dict.set("Open", false);
    dict
}

fn annotation(subtype: &str, rect: Object) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Annot".to_vec()));
    dict.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
    dict.set("Rect", rect);
    dict
}

/// A reference to the named destination `name` (a string, as the keys of
/// the catalog's `/Names /Dests` tree are).
pub(super) fn named_destination(name: &str) -> Object {
    Object::String(name.as_bytes().to_vec(), StringFormat::Literal)
}

/// `rect` (top-left origin, y down) as a PDF rectangle (y up); `pdf::page`
/// flips what is drawn the same way.
fn pdf_rect(page: &Page, rect: &Rect) -> Object {
    let height = page.size.height.0;
    let corners = [
        rect.x.0,
        height - rect.bottom().0,
        rect.right().0,
        height - rect.y.0,
    ];
    Object::Array(
        corners
            .into_iter()
            .map(|value| Object::Real(value as f32))
            .collect(),
    )
}

/// `url` with every byte outside printable ASCII percent-encoded: a PDF
/// `/URI` is 7-bit ASCII (ISO 32000-1, 12.6.4.7), so `Köln` becomes `K%C3%B6ln`.
fn ascii_uri(url: &str) -> String {
    url.bytes()
        .map(|byte| match byte {
            0x21..=0x7e => char::from(byte).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_ascii() {
        assert_eq!(
            ascii_uri("https://de.wikipedia.org/wiki/Köln"),
            "https://de.wikipedia.org/wiki/K%C3%B6ln"
        );
        assert_eq!(
            ascii_uri("https://example.org/a%20b?q=1#x"),
            "https://example.org/a%20b?q=1#x"
        );
    }
}
