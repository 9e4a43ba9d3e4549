//! The structure roles layouts give their items (see [`crate::frame::Tagged`]):
//! each layout lists its nodes in its reading order.

use crate::frame::{tagged, Item, Level, Role, Tagged};
use crate::model::Alt;

/// Lines of text as a heading at `level`.
pub(super) fn heading(level: Level, lines: Vec<Item>) -> Option<Item> {
    tagged(Role::Heading(level), lines)
}

/// Lines of text, and any link areas over them, as a paragraph; each area
/// becomes a link element inside it.
pub(super) fn paragraph(items: Vec<Item>) -> Option<Item> {
    tagged(Role::Paragraph, with_links(items))
}

/// A picture (and the link over it) as a figure that `alt` describes. A
/// decorative picture (`alt: ""`) stays an artifact; its link is still a
/// link element.
pub(super) fn figure(alt: Option<&Alt>, items: Vec<Item>) -> Vec<Item> {
    let alt = match alt {
        Some(Alt::Decorative(_)) => return with_links(items),
        Some(Alt::Text(text)) => Some(text.text.clone()),
        None => None,
    };
    tagged(Role::Figure { alt }, with_links(items))
        .into_iter()
        .collect()
}

/// `items` with each link area made a link element of its own.
pub(super) fn with_links(items: Vec<Item>) -> Vec<Item> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Link(_) => Item::Tagged(Tagged {
                role: Role::Link,
                items: vec![item],
            }),
            other => other,
        })
        .collect()
}
