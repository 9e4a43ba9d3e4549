//! Layout invariants: everything inside the page, nothing overlapping
//! within a layer (text on its band over a photo is layered, not
//! overlapping), but for the marks of a body's text, which stack.

use crate::frame::{untagged, Item, Layer, Page};
use crate::geom::Rect;

/// Every broken invariant on `page`, described; empty when the page is sound.
pub fn check_page(page: &Page) -> Vec<String> {
    let sheet = Rect::from_size(page.size);
    let mut problems = Vec::new();
    let items = untagged(&page.items);
    let drawn: Vec<&Item> = items
        .iter()
        .copied()
        .filter(|i| !matches!(i, Item::Link(_)))
        .collect();
    for item in items {
        let bounds = item.bounds();
        if !sheet.contains(&bounds) {
            problems.push(format!("{} leaves the page: {bounds:?}", describe(item)));
        }
        if bounds.width.0 <= 0.0 || bounds.height.0 <= 0.0 {
            problems.push(format!("{} has no area: {bounds:?}", describe(item)));
        }
    }
    for (i, a) in drawn.iter().enumerate() {
        for b in &drawn[i + 1..] {
            // Marks in a body's text stack by design: a highlighted line on
            // its code panel, a link's underline across an inline-code chip.
            let stacked_marks = a.layer() == Layer::Mark && b.layer() == Layer::Mark;
            if a.layer() == b.layer() && !stacked_marks && a.bounds().overlaps(&b.bounds()) {
                problems.push(format!("{} overlaps {}", describe(a), describe(b)));
            }
        }
    }
    problems
}

fn describe(item: &Item) -> String {
    match item {
        Item::Text(run) => format!("text `{}`", run.text),
        Item::Image(_) => "an image".to_string(),
        Item::Rect(_) => "a rule".to_string(),
        Item::Line(_) => "a line".to_string(),
        Item::Link(link) => format!("the link to {}", link.target),
        Item::Group(_) => "a placed page".to_string(),
        Item::Tagged(node) => format!("the {:?} of {} items", node.role, node.items.len()),
    }
}
