//! Walks over a page's items: moving them, listing them through groups and
//! tagged nodes, and finding its links.

use crate::geom::{Pt, Rect};

use super::{Item, LinkTarget};

/// Moves `items` down the page by `by`: a block set at one place, then
/// put where it belongs once its height is known.
pub fn move_down(items: &mut [Item], by: Pt) {
    let down = |rect: &mut Rect| rect.y = rect.y + by;
    for item in items {
        match item {
            Item::Text(run) => {
                run.origin.y = run.origin.y + by;
                down(&mut run.bounds);
            }
            Item::Image(image) => {
                down(&mut image.placed);
                if let Some(clip) = &mut image.clip {
                    down(clip);
                }
            }
            Item::Rect(fill) => down(&mut fill.rect),
            Item::Line(line) => {
                line.from.y = line.from.y + by;
                line.to.y = line.to.y + by;
            }
            Item::Link(link) => down(&mut link.rect),
            Item::Group(group) => group.transform.offset.y = group.transform.offset.y + by,
            Item::Tagged(node) => move_down(&mut node.items, by),
        }
    }
}

/// Every item in `items`, each group followed by its own items, depth
/// first; a [`Tagged`] node stands for its items, which are listed in its
/// place (it draws nothing of its own).
pub fn all_items(items: &[Item]) -> Vec<&Item> {
    let mut found = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Tagged(node) => found.extend(all_items(&node.items)),
            Item::Group(group) => {
                found.push(item);
                found.extend(all_items(&group.items));
            }
            _ => found.push(item),
        }
    }
    found
}

/// `items` with every [`Tagged`] node replaced by its items, in order;
/// groups are kept as they are.
pub fn untagged(items: &[Item]) -> Vec<&Item> {
    let mut found = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Tagged(node) => found.extend(untagged(&node.items)),
            _ => found.push(item),
        }
    }
    found
}

/// Every link in `items` with its area on the page: links inside groups
/// are mapped through the groups' transforms.
pub fn placed_links(items: &[Item]) -> Vec<(Rect, &LinkTarget)> {
    let mut found = Vec::new();
    for item in items {
        match item {
            Item::Link(link) => found.push((link.rect, &link.target)),
            Item::Group(group) => found.extend(
                placed_links(&group.items)
                    .into_iter()
                    .map(|(rect, target)| (group.transform.apply(&rect), target)),
            ),
            Item::Tagged(node) => found.extend(placed_links(&node.items)),
            _ => {}
        }
    }
    found
}
