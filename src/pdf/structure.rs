//! The structure tree of a tagged PDF (ISO 32000-1, 14.7 and 14.8): one
//! element per [`Tagged`](crate::frame::Tagged) node, tied to the marked
//! content that `page` writes (by MCID) and to the link annotations (by
//! object reference), with the parent tree that leads back from both.

use std::ops::Range;

use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId};

use crate::frame::{Item, Level, Page, Role};

use super::metadata::text_string;

/// One page's share of the structure: its elements in reading order, and
/// how many marked-content sequences (MCIDs `0..mcids`) it has.
#[derive(Debug, Default)]
pub(super) struct PageTags {
    pub kids: Vec<Kid>,
    pub mcids: u32,
}

/// A structure element as `page` found it.
#[derive(Debug)]
pub(super) struct Node {
    pub role: Role,
    pub kids: Vec<Kid>,
}

/// What a structure element holds.
#[derive(Debug)]
pub(super) enum Kid {
    /// A marked-content sequence of its page.
    Content(u32),
    /// The page's link annotation at this index, in `placed_links` order.
    Link(usize),
    Node(Node),
}

/// The standard structure type of `role`, which also names its marked
/// content; a heading's number comes from `headings`.
pub(super) fn type_name(role: &Role, headings: Headings) -> &'static str {
    match role {
        Role::Heading(level) => headings.name(*level),
        Role::Paragraph => "P",
        Role::Figure { .. } => "Figure",
        Role::List => "L",
        Role::ListItem => "LI",
        Role::ListBody => "LBody",
        Role::Label => "Lbl",
        Role::Quote => "BlockQuote",
        Role::Link => "Link",
        Role::Section => "Sect",
        Role::Code => "Code",
        Role::Table => "Table",
        Role::TableHead => "THead",
        Role::TableBody => "TBody",
        Role::TableRow => "TR",
        Role::TableHeader => "TH",
        Role::TableCell => "TD",
        Role::Formula { .. } => "Formula",
    }
}

/// How many heading levels a document can have: the deck's, sections',
/// slides', and six inside slide bodies.
const LEVELS: usize = 9;

/// The standard heading names, in order; levels past the sixth share H6.
const NAMES: [&str; LEVELS] = ["H1", "H2", "H3", "H4", "H5", "H6", "H6", "H6", "H6"];

/// The heading each [`Level`] is in one document: the levels it uses,
/// numbered from H1 with none skipped. A deck without a title slide would
/// otherwise start at its dividers' H2, and one without a title slide or
/// dividers (a Marp deck) at its slides' H3: skipped levels, which
/// PDF/UA-1 does not allow. Closed up, they start at H1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Headings([&'static str; LEVELS]);

impl Headings {
    /// Deck H1, section H2, slide H3, and the levels of body headings
    /// under them: a deck that uses every level.
    pub const ALL: Headings = Headings(NAMES);

    /// The headings of a document with `pages`.
    pub fn of(pages: &[Page]) -> Headings {
        let mut used = [false; LEVELS];
        for page in pages {
            levels_used(&page.items, &mut used);
        }
        let mut names = Headings::ALL.0;
        let mut numbers = Headings::ALL.0.into_iter();
        for (name, used) in names.iter_mut().zip(used) {
            if !used {
                continue;
            }
            if let Some(number) = numbers.next() {
                *name = number;
            }
        }
        Headings(names)
    }

    fn name(self, level: Level) -> &'static str {
        self.0[index(level)]
    }
}

fn index(level: Level) -> usize {
    match level {
        Level::Deck => 0,
        Level::Section => 1,
        Level::Slide => 2,
        Level::Body(level) => 2 + usize::from(level.clamp(1, 6)),
    }
}

/// Marks in `used` each heading level that `items` hold.
fn levels_used(items: &[Item], used: &mut [bool; LEVELS]) {
    for item in items {
        match item {
            Item::Tagged(node) => {
                if let Role::Heading(level) = node.role {
                    used[index(level)] = true;
                }
                levels_used(&node.items, used);
            }
            Item::Group(group) => levels_used(&group.items, used),
            _ => {}
        }
    }
}

/// What one page's share of the tree is built from, found in order
/// before the pages are built side by side.
struct PagePlan<'a> {
    tags: &'a PageTags,
    page: ObjectId,
    /// The element its top elements belong to: its section's, or the
    /// Document.
    parent: ObjectId,
    /// The number of its first element; the others follow in order.
    first: u32,
    /// Its link annotations, in order.
    links: Vec<ObjectId>,
    /// Its notes shown as Text annotations (`--notes-annotations`).
    notes: Vec<ObjectId>,
}

/// One page's share of the tree, built.
struct PageTree {
    /// Its elements' objects.
    objects: Vec<(ObjectId, Object)>,
    /// Its top elements, in reading order.
    elements: Vec<Object>,
    /// The element owning each MCID of the page.
    owners: Vec<Object>,
    /// Link annotations and the elements they belong to.
    annotations: Vec<(ObjectId, ObjectId)>,
}

/// Where a kid of the Document element comes from.
enum Top<'a> {
    /// A deck section's Sect element: the section's pages as `sections`
    /// gives them, and the pages it was open for, one after another.
    Section {
        id: ObjectId,
        declared: &'a Range<usize>,
        pages: Range<usize>,
    },
    /// The top elements of a page in no section.
    Page(usize),
}

/// Writes the structure tree of `pages` (one entry per page of `doc`, in
/// order): the StructTreeRoot with a Document element, a Sect element for
/// each range of `sections` (the pages of a deck section), the parent tree,
/// each page's `/StructParents` and `/Tabs /S`, each link annotation's
/// `/StructParent`, and `/MarkInfo` on the catalog. The elements are
/// numbered as one pass over the pages would number them (a section's
/// Sect before its first page's elements, each element before its kids,
/// a page's notes after its content), and each page's are built on any
/// core: a deck has thousands.
pub(super) fn write_structure(
    doc: &mut LoDocument,
    pages: Vec<PageTags>,
    page_ids: &[ObjectId],
    sections: &[Range<usize>],
    headings: Headings,
) -> Result<(), super::Error> {
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let mut top: Vec<Top> = Vec::new();
    let mut plans = Vec::with_capacity(pages.len());
    for (index, (tags, &page)) in pages.iter().zip(page_ids).enumerate() {
        let section = sections.iter().find(|range| range.contains(&index));
        // The section open for the page before, if it is this page's too.
        let open = match top.last_mut() {
            Some(Top::Section {
                id,
                declared,
                pages,
            }) if Some(*declared) == section => {
                pages.end = index + 1;
                Some(*id)
            }
            _ => None,
        };
        let parent = match (open, section) {
            (Some(id), _) => id,
            (None, Some(declared)) => {
                let id = doc.new_object_id();
                top.push(Top::Section {
                    id,
                    declared,
                    pages: index..index + 1,
                });
                id
            }
            (None, None) => {
                top.push(Top::Page(index));
                document
            }
        };
        let notes = annotations_of(doc, page, b"Text");
        let count = elements_in(&tags.kids) + notes.len() as u32;
        plans.push(PagePlan {
            tags,
            page,
            parent,
            first: doc.max_id + 1,
            links: annotations_of(doc, page, b"Link"),
            notes,
        });
        doc.max_id += count;
    }
    let built = crate::parallel::map(&plans, |plan| build_page(plan, headings));
    drop(plans);
    drop(pages);
    let mut page_entries = Vec::with_capacity(2 * built.len());
    let mut annotations = Vec::new();
    let mut elements_of_pages = Vec::with_capacity(built.len());
    for (index, (tree, &page)) in built.into_iter().zip(page_ids).enumerate() {
        doc.objects.extend(tree.objects);
        page_entries.push(Object::Integer(index as i64));
        page_entries.push(Object::Array(tree.owners));
        annotations.extend(tree.annotations);
        elements_of_pages.push(tree.elements);
        let dict = doc
            .get_dictionary_mut(page)
            .map_err(|_| super::Error::Internal("a page is not a dictionary"))?;
        dict.set("StructParents", Object::Integer(index as i64));
        dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    let mut document_kids = Vec::new();
    for entry in top {
        match entry {
            Top::Section { id, pages, .. } => {
                let kids = (elements_of_pages.get_mut(pages))
                    .into_iter()
                    .flatten()
                    .flat_map(std::mem::take)
                    .collect();
                close_section(doc, id, kids, document);
                document_kids.push(Object::Reference(id));
            }
            Top::Page(index) => {
                document_kids.append(&mut elements_of_pages[index]);
            }
        }
    }
    let mut key = page_ids.len() as i64;
    let mut numbers = page_entries;
    for (annotation, element) in annotations {
        if let Ok(dict) = doc.get_dictionary_mut(annotation) {
            dict.set("StructParent", Object::Integer(key));
        }
        numbers.push(Object::Integer(key));
        numbers.push(Object::Reference(element));
        key += 1;
    }
    let mut document_element = element_dict("Document", root);
    document_element.set("K", Object::Array(document_kids));
    doc.objects
        .insert(document, Object::Dictionary(document_element));
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(numbers));
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    tree.set("K", Object::Reference(document));
    tree.set("ParentTree", Object::Dictionary(parent_tree));
    tree.set("ParentTreeNextKey", Object::Integer(key));
    doc.objects.insert(root, Object::Dictionary(tree));
    let catalog = doc
        .catalog_mut()
        .map_err(|e| super::Error::Serialize(e.to_string()))?;
    catalog.set("StructTreeRoot", Object::Reference(root));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    Ok(())
}

/// How many elements `kids` make: each node, and each node under it.
fn elements_in(kids: &[Kid]) -> u32 {
    kids.iter()
        .map(|kid| match kid {
            Kid::Node(node) => 1 + elements_in(&node.kids),
            Kid::Content(_) | Kid::Link(_) => 0,
        })
        .sum()
}

/// The elements of the page `plan` stands for, numbered from its first.
fn build_page(plan: &PagePlan, headings: Headings) -> PageTree {
    let mut builder = Builder {
        plan,
        headings,
        next: plan.first,
        tree: PageTree {
            objects: Vec::new(),
            elements: Vec::new(),
            owners: vec![Object::Null; plan.tags.mcids as usize],
            annotations: Vec::new(),
        },
    };
    for kid in &plan.tags.kids {
        if let Kid::Node(node) = kid {
            let element = builder.element(node, plan.parent);
            builder.tree.elements.push(Object::Reference(element));
        }
    }
    // Notes are Annot elements after the page's content.
    for &note in &plan.notes {
        let element = builder.annotation(note, plan.parent);
        builder.tree.elements.push(Object::Reference(element));
    }
    builder.tree
}

/// One page's share of the tree while it is built.
struct Builder<'a> {
    plan: &'a PagePlan<'a>,
    headings: Headings,
    /// The number the next element takes.
    next: u32,
    tree: PageTree,
}

impl Builder<'_> {
    fn new_id(&mut self) -> ObjectId {
        let id = (self.next, 0);
        self.next += 1;
        id
    }

    /// Writes `node` and its children under `parent`; returns its id.
    fn element(&mut self, node: &Node, parent: ObjectId) -> ObjectId {
        let id = self.new_id();
        let mut dict = self.element_dict(type_name(&node.role, self.headings), parent);
        if let Role::Figure { alt: Some(alt) } | Role::Formula { alt } = &node.role {
            dict.set("Alt", text_string(alt));
        }
        if node.role == Role::TableHeader {
            // A header cell heads its column (PDF/UA-1 7.5).
            let mut attributes = Dictionary::new();
            attributes.set("O", Object::Name(b"Table".to_vec()));
            attributes.set("Scope", Object::Name(b"Column".to_vec()));
            dict.set("A", Object::Dictionary(attributes));
        }
        let mut kids = self.kids(&node.kids, id);
        // One kid stands alone, as most headings' one MCID does.
        let kids = match kids.len() {
            1 => kids.remove(0),
            _ => Object::Array(kids),
        };
        dict.set("K", kids);
        self.tree.objects.push((id, Object::Dictionary(dict)));
        id
    }

    /// A structure element of type `name` on this page, under `parent`.
    fn element_dict(&self, name: &str, parent: ObjectId) -> Dictionary {
        let mut dict = element_dict(name, parent);
        dict.set("Pg", Object::Reference(self.plan.page));
        dict
    }

    /// An Annot element under `parent` for the annotation `annotation`.
    fn annotation(&mut self, annotation: ObjectId, parent: ObjectId) -> ObjectId {
        let id = self.new_id();
        let mut dict = self.element_dict("Annot", parent);
        dict.set("K", self.object_reference(annotation, id));
        self.tree.objects.push((id, Object::Dictionary(dict)));
        id
    }

    /// The OBJR kid of `owner` that stands for `annotation`.
    fn object_reference(&mut self, annotation: ObjectId, owner: ObjectId) -> Object {
        self.tree.annotations.push((annotation, owner));
        let mut reference = Dictionary::new();
        reference.set("Type", Object::Name(b"OBJR".to_vec()));
        reference.set("Obj", Object::Reference(annotation));
        reference.set("Pg", Object::Reference(self.plan.page));
        Object::Dictionary(reference)
    }

    /// The `/K` entries of the element `owner`.
    fn kids(&mut self, kids: &[Kid], owner: ObjectId) -> Vec<Object> {
        kids.iter()
            .filter_map(|kid| match kid {
                Kid::Content(mcid) => {
                    if let Some(slot) = self.tree.owners.get_mut(*mcid as usize) {
                        *slot = Object::Reference(owner);
                    }
                    Some(Object::Integer(i64::from(*mcid)))
                }
                Kid::Link(index) => {
                    let annotation = *self.plan.links.get(*index)?;
                    Some(self.object_reference(annotation, owner))
                }
                Kid::Node(node) => Some(Object::Reference(self.element(node, owner))),
            })
            .collect()
    }
}

/// Writes the Sect element `id` of a deck section with its `kids`.
fn close_section(doc: &mut LoDocument, id: ObjectId, kids: Vec<Object>, document: ObjectId) {
    let mut dict = element_dict("Sect", document);
    dict.set("K", Object::Array(kids));
    doc.objects.insert(id, Object::Dictionary(dict));
}

/// A structure element (its optional `/Type /StructElem` left out: it
/// costs bytes on every element and no reader needs it).
fn element_dict(name: &str, parent: ObjectId) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("S", Object::Name(name.as_bytes().to_vec()));
    dict.set("P", Object::Reference(parent));
    dict
}

/// The annotations of `page` of this subtype, in the order `annotations`
/// wrote them.
fn annotations_of(doc: &LoDocument, page: ObjectId, subtype: &[u8]) -> Vec<ObjectId> {
    let Ok(annots) = doc
        .get_dictionary(page)
        .and_then(|dict| dict.get(b"Annots"))
        .and_then(Object::as_array)
    else {
        return Vec::new();
    };
    annots
        .iter()
        .filter_map(|annot| annot.as_reference().ok())
        .filter(|&id| {
            doc.get_dictionary(id)
                .and_then(|dict| dict.get(b"Subtype"))
                .and_then(Object::as_name)
                .is_ok_and(|name| name == subtype)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Color;
    use crate::frame::{tagged, FillRect, Layer, PageKind};
    use crate::geom::{Pt, Rect, Size};

    fn page_with(levels: &[Level]) -> Page {
        let mark = || {
            Item::Rect(FillRect {
                rect: Rect::from_size(Size::new(Pt(1.0), Pt(1.0))),
                color: Color::WHITE,
                layer: Layer::Content,
                opacity: 100,
            })
        };
        let items = levels
            .iter()
            .filter_map(|level| tagged(Role::Heading(*level), vec![mark()]))
            .collect();
        Page::new(
            PageKind::Slide,
            Size::new(Pt(10.0), Pt(10.0)),
            Color::WHITE,
            items,
        )
    }

    fn names(levels: &[Level]) -> [&'static str; 3] {
        names_of(levels, [Level::Deck, Level::Section, Level::Slide])
    }

    fn names_of<const N: usize>(levels: &[Level], asked: [Level; N]) -> [&'static str; N] {
        let headings = Headings::of(&[page_with(levels)]);
        asked.map(|level| headings.name(level))
    }

    #[test]
    fn body_headings_come_under_the_slide_title_closed_up() {
        use Level::{Body, Slide};
        // A Marp deck's slide (H1) with `##` and `####` in its body.
        let levels = [Slide, Body(2), Body(4)];
        assert_eq!(names_of(&levels, levels), ["H1", "H2", "H3"]);
        let deep = [
            Level::Deck,
            Level::Section,
            Slide,
            Body(1),
            Body(2),
            Body(3),
            Body(4),
        ];
        assert_eq!(
            names_of(&deep, deep),
            ["H1", "H2", "H3", "H4", "H5", "H6", "H6"]
        );
    }

    #[test]
    fn heading_levels_are_closed_up_from_h1() {
        use Level::{Deck, Section, Slide};
        assert_eq!(names(&[Deck, Section, Slide]), ["H1", "H2", "H3"]);
        // No title slide: the dividers' titles are the top level.
        assert_eq!(names(&[Section, Slide])[1..], ["H1", "H2"]);
        // No title slide and no dividers (a Marp deck): slides are H1.
        assert_eq!(names(&[Slide])[2], "H1");
        // A title slide and slides, dividers left out.
        assert_eq!(names(&[Deck, Slide]), ["H1", "H2", "H2"]);
    }

    /// A list on each page, an item in it holding the page's one MCID.
    fn list_page() -> PageTags {
        PageTags {
            kids: vec![Kid::Node(Node {
                role: Role::List,
                kids: vec![Kid::Node(Node {
                    role: Role::ListItem,
                    kids: vec![Kid::Content(0)],
                })],
            })],
            mcids: 1,
        }
    }

    #[test]
    fn sections_and_elements_are_numbered_in_page_order() {
        let mut doc = LoDocument::with_version("1.7");
        let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog" });
        doc.trailer.set("Root", Object::Reference(catalog));
        let page_ids: Vec<ObjectId> = (0..4)
            .map(|_| doc.add_object(lopdf::dictionary! { "Type" => "Page" }))
            .collect();
        // A title page in no section, a section of two pages, one of one.
        let sections = [1..3, 3..4];
        let pages = (0..4).map(|_| list_page()).collect();
        write_structure(&mut doc, pages, &page_ids, &sections, Headings::ALL).unwrap();
        let dict = |number: u32| doc.get_dictionary((number, 0)).unwrap();
        let kids = |number: u32| dict(number).get(b"K").unwrap().clone();
        let refs = |numbers: &[u32]| {
            Object::Array(numbers.iter().map(|&n| Object::Reference((n, 0))).collect())
        };
        // The root is 6 and the Document 7 (after the catalog and four
        // pages); then the title page's list and item (8, 9), the first
        // section's Sect (10) before its pages' lists and items (11 to
        // 14), the second Sect (15) and its page's (16, 17).
        assert_eq!(kids(6), Object::Reference((7, 0)));
        assert_eq!(kids(7), refs(&[8, 10, 15]));
        assert_eq!(kids(10), refs(&[11, 13]));
        assert_eq!(kids(15), refs(&[16]));
        assert_eq!(kids(11), Object::Reference((12, 0)));
        assert_eq!(kids(12), Object::Integer(0));
        for (element, parent) in [(8, 7), (9, 8), (10, 7), (11, 10), (13, 10), (16, 15)] {
            assert_eq!(
                dict(element).get(b"P").unwrap(),
                &Object::Reference((parent, 0)),
                "the parent of {element}"
            );
        }
        assert_eq!(doc.max_id, 17);
    }
}
