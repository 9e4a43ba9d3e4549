//! Writing a laid-out [`Document`] as PDF bytes. The only place printpdf
//! appears; it writes no file and reads no clock.

mod actual_text;
mod annotations;
mod compact;
mod content;
mod deflate;
mod figures;
pub(crate) mod fonts;
mod images;
mod marks;
mod metadata;
mod outline;
mod page;
mod page_tree;
mod present;
mod resources;
mod serialize;
mod structure;
mod tidy;
mod xmp;
mod xref_stream;

use lopdf::{Object, StringFormat};
use printpdf::{PdfDocument, PdfSaveOptions};

use crate::frame::Document;

/// Choices the caller makes about the file.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The Creator entry, e.g. `deckgen 0.1.0`.
    pub creator: String,
    /// Creation and modification date, Unix seconds (from `SOURCE_DATE_EPOCH` or the clock).
    pub timestamp: i64,
    /// Open full screen, whatever the deck says.
    pub fullscreen: bool,
    /// Put each slide's speaker notes on its page as a Text annotation.
    pub notes_annotations: bool,
    /// How the objects are laid out in the file.
    pub layout: FileLayout,
    /// Whether the file is tagged, and whether it claims PDF/UA-1.
    pub tagging: Tagging,
}

/// How much of the structure for assistive technology the file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tagging {
    /// No structure tree, no marked content (`--no-tags`).
    Untagged,
    /// A structure tree and marked content, claiming no standard (the default).
    #[default]
    Tagged,
    /// Tagged, and claiming PDF/UA-1 in the XMP metadata (`--pdf-standard ua-1`).
    Ua1,
}

/// How the objects are laid out in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileLayout {
    /// Pages, outline and other small objects packed into compressed object
    /// streams, with a cross-reference stream (PDF 1.5): a few hundred bytes
    /// a page.
    #[default]
    Compact,
    /// Every object on its own and a classic cross-reference table, for
    /// tools that read only PDF 1.4 files.
    Plain,
}

/// Why the PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot embed a font ({0})")]
    Font(String),
    #[error("cannot serialize the PDF ({0})")]
    Serialize(String),
    #[error("internal error: {0}")]
    Internal(&'static str),
}

/// Serializes `document`: fonts subset and embedded once each, images once
/// each (their data moved out of the document's items once its pages are
/// drawn), the nested outline, metadata, and an `/ID` derived from the
/// content.
pub fn write(mut document: Document, options: &PdfOptions) -> Result<Vec<u8>, Error> {
    let mut pdf = PdfDocument::new(&document.info.title);
    let mut resources = resources::Resources::register(&mut pdf, &document);
    let tagged = options.tagging != Tagging::Untagged;
    let headings = structure::Headings::of(&document.pages);
    let (contents, tags) = page::draw(&mut document.pages, &mut resources, tagged, headings);
    pdf.pages = document.pages.iter().map(page::sheet).collect();
    if let Some(first) = pdf.pages.first_mut() {
        first.ops = resources.fonts.inventory();
    }
    let drawn_images = resources.images;
    resources.fonts.embed(&mut pdf)?;
    let save_options = PdfSaveOptions {
        optimize: true,
        // Fonts arrive subset (see `fonts`); printpdf embeds them as they are.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&save_options, &mut warnings);
    drop(pdf);
    doc.version = "1.7".to_string();
    images::embed(&mut doc, drawn_images)?;

    let page_ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    page::put_contents(&mut doc, &page_ids, contents)?;
    let outline = outline::write_outline(&mut doc, &document.outline);
    annotations::write_annotations(
        &mut doc,
        &document.pages,
        &document.destinations,
        &page_ids,
        options.notes_annotations,
    );
    if tagged {
        let sections = document.section_pages();
        structure::write_structure(&mut doc, tags, &page_ids, &sections, headings)?;
    }
    present::write_transitions(&mut doc, &document.pages, &page_ids);
    let destinations = present::named_destinations(&document.destinations, &page_ids);
    let info = metadata::info_dict(&document.info, &options.creator, options.timestamp);
    let info_id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    let claims = xmp::Claims {
        creator: &options.creator,
        timestamp: options.timestamp,
        ua1: options.tagging == Tagging::Ua1,
    };
    let metadata = doc.add_object(xmp::metadata_stream(&document.info, &claims));
    let catalog = doc
        .catalog_mut()
        .map_err(|e| Error::Serialize(e.to_string()))?;
    catalog.set("PageLayout", Object::Name(b"SinglePage".to_vec()));
    catalog.set("Metadata", Object::Reference(metadata));
    // Viewers show the deck's title, not the file's name.
    let mut preferences = lopdf::Dictionary::new();
    preferences.set("DisplayDocTitle", Object::Boolean(true));
    if let Some(root) = outline {
        catalog.set("Outlines", Object::Reference(root));
    }
    let fullscreen = options.fullscreen || document.info.fullscreen;
    present::set_page_mode(catalog, &mut preferences, fullscreen, outline.is_some());
    catalog.set("ViewerPreferences", Object::Dictionary(preferences));
    catalog.set("PageLabels", present::page_labels(&document.pages));
    if let Some(names) = destinations {
        catalog.set("Names", names);
    }
    if let Some(language) = &document.info.language {
        catalog.set("Lang", metadata::text_string(language));
    }
    page_tree::share_page_attributes(&mut doc);
    tidy::prune_and_renumber(&mut doc);
    doc.compress();

    // The /ID is a hash of the file, so the same input always gives the same
    // bytes (printpdf's own ID comes from a counter). Write once with a
    // placeholder of the same length, hash that, and put the hash in its place.
    let placeholder = Object::String(vec![0; 16], StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = save(doc, options.layout)?;
    let hole = format!("/ID[<{zeros}><{zeros}>]", zeros = "0".repeat(32));
    let at = bytes
        .windows(hole.len())
        .rposition(|window| window == hole.as_bytes())
        .ok_or(Error::Internal("the placeholder /ID is not in the trailer"))?;
    let mut key = Vec::new();
    serialize::hex(&mut key, &crate::content_key::of(&bytes, 0));
    let id = [&b"/ID[<"[..], &key, b"><", &key, b">]"].concat();
    bytes[at..at + hole.len()].copy_from_slice(&id);
    Ok(bytes)
}

/// Objects in one object stream: enough for the pages of a long deck to
/// share compression, few enough that a reader unpacks little to show a page.
const OBJECTS_PER_STREAM: usize = 200;

fn save(mut doc: lopdf::Document, layout: FileLayout) -> Result<Vec<u8>, Error> {
    match layout {
        FileLayout::Compact => compact::save(doc, OBJECTS_PER_STREAM, 9),
        FileLayout::Plain => {
            let mut bytes = Vec::with_capacity(compact::capacity(&doc));
            doc.save_to(&mut bytes)
                .map_err(|e| Error::Serialize(e.to_string()))?;
            Ok(bytes)
        }
    }
}
