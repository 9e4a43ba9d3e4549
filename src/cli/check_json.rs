//! `deckgen check --json`: the problems and the preflight table as one
//! JSON document for CI. Field names are stable; fields are added, never
//! renamed.

use std::path::Path;

use serde_json::{json, Value};

use crate::diag::{Diagnostic, Diagnostics, Severity};

use super::rows::Row;
use crate::preflight::Resolution;

/// The whole report. `pages` and `images` are null when the deck has errors.
pub(super) fn document(
    deck: &Path,
    diagnostics: &Diagnostics,
    pages: Option<usize>,
    rows: Option<&[Row]>,
) -> Value {
    json!({
        "deck": deck.display().to_string(),
        "ok": !diagnostics.has_errors(),
        "errors": diagnostics.count(Severity::Error),
        "warnings": diagnostics.count(Severity::Warning),
        "notes": diagnostics.count(Severity::Note),
        "pages": pages,
        "diagnostics": diagnostics.sorted().into_iter().map(diagnostic).collect::<Vec<_>>(),
        "images": rows.map(|rows| rows.iter().map(image).collect::<Vec<_>>()),
    })
}

fn diagnostic(diagnostic: &Diagnostic) -> Value {
    let place = diagnostic.slide.as_ref();
    json!({
        "severity": diagnostic.severity.label(),
        "file": diagnostic.file.display().to_string(),
        "line": diagnostic.span.map(|span| span.line),
        "column": diagnostic.span.map(|span| span.column),
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "section": place.map(|place| place.section),
        "section_title": place.and_then(|place| place.section_title.clone()),
        "slide": place.and_then(|place| place.slide),
        "line_text": diagnostic.to_string(),
    })
}

fn image(row: &Row) -> Value {
    let image = &row.image;
    let uses: Vec<Value> = image
        .uses
        .iter()
        .map(|used| json!({ "section": used.section, "slide": used.slide, "page": used.page }))
        .collect();
    let raster = match &image.resolution {
        Resolution::Raster(raster) => raster,
        Resolution::Vector { inside, .. } => {
            let inner: Vec<Value> = inside
                .iter()
                .map(|raster| {
                    json!({
                        "width": raster.width,
                        "height": raster.height,
                        "slide_ppi": tenths(raster.slide_ppi),
                        "print_ppi": tenths(raster.print_ppi),
                    })
                })
                .collect();
            return json!({
                "image": image.file.written,
                "uses": uses,
                "vector": true,
                "format": row.image.format,
                "bytes": row.bytes,
                "images_inside": inner,
            });
        }
    };
    json!({
        "image": image.file.written,
        "uses": uses,
        "width": raster.width,
        "height": raster.height,
        "format": row.image.format,
        "bytes": row.bytes,
        "slide_ppi": tenths(raster.slide_ppi),
        "print_ppi": tenths(raster.print_ppi),
        "needed_ppi": tenths(raster.needed_ppi),
        "low_on_screen": raster.low_on_screen(),
        "low_in_print": raster.low_in_print(),
        "oversized": raster.oversized(),
        "bytes_saved": row.bytes_saved(),
    })
}

fn tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
