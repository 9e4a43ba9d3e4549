//! A stable text form of a laid-out document, one line per page and per
//! item, with lengths rounded to 0.01 pt: for snapshot tests of layout.

use std::fmt::Write;

use crate::geom::Rect;

use super::{untagged, Document, Item, LinkTarget, OutlineEntry, Page, Step};

/// `document` as text: each page and its items, then the outline.
pub fn dump(document: &Document) -> String {
    let mut out = String::new();
    for (index, page) in document.pages.iter().enumerate() {
        page_lines(&mut out, index, page);
        for item in untagged(&page.items) {
            item_line(&mut out, document, item);
        }
    }
    for entry in &document.outline {
        outline_line(&mut out, document, entry, "");
        for child in &entry.children {
            outline_line(&mut out, document, child, "  ");
        }
    }
    out
}

/// The page's number, size and background, and what else it has that
/// most pages do not: a label other than its number, a transition, a step.
fn page_lines(out: &mut String, index: usize, page: &Page) {
    let size = page.size;
    let _ = writeln!(
        out,
        "page {} {:.2}x{:.2} {}",
        index + 1,
        size.width.0,
        size.height.0,
        page.background
    );
    if page.label != (index + 1).to_string() {
        let _ = writeln!(out, "  label {:?}", page.label);
    }
    if let Some(transition) = &page.transition {
        let _ = writeln!(out, "  transition {transition:?}");
    }
    if page.step != Step::ONLY {
        let _ = writeln!(out, "  step {} of {}", page.step.number, page.step.count);
    }
}

/// One item of a page (a tagged node's items come in its place).
fn item_line(out: &mut String, document: &Document, item: &Item) {
    let _ = match item {
        Item::Text(run) => writeln!(
            out,
            "  text {} {:.2}pt {} base {:.2},{:.2} box {} {:?}",
            run.glyphs
                .first()
                .map_or_else(String::new, |g| key(&g.face.key().0)),
            run.size.0,
            run.color,
            run.origin.x.0,
            run.origin.y.0,
            rect(&run.bounds),
            run.text
        ),
        Item::Image(image) => writeln!(
            out,
            "  image {} at {}{}",
            key(&image.image.key().0),
            rect(&image.placed),
            image
                .clip
                .map(|c| format!(" clip {}", rect(&c)))
                .unwrap_or_default()
        ),
        Item::Rect(fill) => writeln!(out, "  rect {} {}", rect(&fill.rect), fill.color),
        Item::Line(line) => writeln!(
            out,
            "  line {:.2},{:.2} to {:.2},{:.2} {:.2}pt {}",
            line.from.x.0, line.from.y.0, line.to.x.0, line.to.y.0, line.thickness.0, line.color
        ),
        Item::Link(link) => match &link.target {
            LinkTarget::Url(url) => writeln!(out, "  link {} {url}", rect(&link.rect)),
            LinkTarget::Named(name) => writeln!(
                out,
                "  link {} {}",
                rect(&link.rect),
                page_of(document, name)
            ),
        },
        Item::Group(group) => writeln!(
            out,
            "  group of {} items at {}",
            untagged(&group.items).len(),
            rect(&group.bounds())
        ),
        // `untagged` lists their items in their place.
        Item::Tagged(_) => Ok(()),
    };
}

/// An outline entry and the page it opens, indented by `indent`.
fn outline_line(out: &mut String, document: &Document, entry: &OutlineEntry, indent: &str) {
    let _ = writeln!(
        out,
        "{indent}outline {:?} -> {}",
        entry.title,
        page_of(document, &entry.destination)
    );
}

fn rect(r: &Rect) -> String {
    format!(
        "{:.2},{:.2} {:.2}x{:.2}",
        r.x.0, r.y.0, r.width.0, r.height.0
    )
}

/// The first three bytes of a face's or an image's key, in hex.
fn key(bytes: &[u8]) -> String {
    bytes[..3].iter().map(|b| format!("{b:02x}")).collect()
}

/// A named destination, shown as the page it opens.
fn page_of(document: &Document, name: &str) -> String {
    match document.destinations.get(name) {
        Some(page) => format!("page {}", page + 1),
        None => format!("unknown destination {name:?}"),
    }
}
