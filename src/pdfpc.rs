//! The `.pdfpc` file beside the PDF: speaker notes and the talk's length
//! for the pdfpc presenter console, in its JSON format version 2
//! (<https://pdfpc.github.io/schema/pdfpc/2>).

use serde::Serialize;

use crate::frame::Document;

/// The whole file. Field names and rules follow pdfpc's published schema.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PdfpcFile<'a> {
    pdfpc_format: u32,
    /// Minutes, at least 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<u32>,
    /// Notes are shown as written, not read as Markdown.
    disable_markdown: bool,
    pages: Vec<PdfpcPage<'a>>,
}

/// One page with notes.
#[derive(Debug, Serialize)]
struct PdfpcPage<'a> {
    /// The page, from 0.
    idx: usize,
    /// The page label, as the PDF's `/PageLabels` give it.
    label: &'a str,
    /// Every page has a label of its own, so none is an overlay of another.
    overlay: u32,
    note: &'a str,
}

/// The `.pdfpc` text for `document`, or `None` when no page has notes.
/// `duration` is the talk's length in minutes.
pub fn pdfpc_file(document: &Document, duration: Option<u32>) -> Option<String> {
    let pages: Vec<PdfpcPage> = document
        .pages
        .iter()
        .enumerate()
        .filter_map(|(idx, page)| {
            Some(PdfpcPage {
                idx,
                label: &page.label,
                overlay: 0,
                note: page.notes.as_deref()?,
            })
        })
        .collect();
    if pages.is_empty() {
        return None;
    }
    let file = PdfpcFile {
        pdfpc_format: 2,
        duration,
        disable_markdown: true,
        pages,
    };
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&file)
        .ok()
        .map(|json| json + "\n")
}
