//! Clickable areas: URLs written in text, and where a slide's `link` leads;
//! the names of the destinations that links and bookmarks open.

use std::ops::Range;

use linkify::{LinkFinder, LinkKind};

use crate::frame::{Item, LinkArea, LinkTarget};
use crate::geom::Pt;
use crate::model::Link;

use super::block::Block;

/// Link areas over every URL written in `text`, which `block` sets with its
/// top-left corner at `x`, `y` in `width`: one area per line a URL touches,
/// over exactly its glyphs.
pub(super) fn url_links(text: &str, block: &Block, x: Pt, y: Pt, width: Pt) -> Vec<Item> {
    urls(text)
        .into_iter()
        .flat_map(|(range, url)| {
            block
                .cover(range, x, y, width)
                .into_iter()
                .map(move |rect| {
                    Item::Link(LinkArea {
                        rect,
                        target: LinkTarget::Url(url.clone()),
                    })
                })
        })
        .collect()
}

/// Every URL written in `text`: its bytes, and the URL.
pub(super) fn urls(text: &str) -> Vec<(Range<usize>, String)> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder
        .links(text)
        .map(|url| (url.start()..url.end(), url.as_str().to_string()))
        .collect()
}

/// Where a slide's `link` leads: a URL, or the named destination of the
/// slide whose `id` it gives (validation made sure that slide exists).
pub(super) fn link_target(link: &Link) -> LinkTarget {
    match link {
        Link::Url(url) => LinkTarget::Url(url.clone()),
        Link::Slide(id) => LinkTarget::Named(id.text.clone()),
    }
}

/// The named destination of section `index` (from 0): `section:1` opens
/// the first section's first page. Slide ids cannot hold a `:`, so no id
/// takes a generated name.
pub(super) fn section_destination(index: usize) -> String {
    format!("section:{}", index + 1)
}

/// The named destination of slide `slide` of section `section` (both from
/// 0): `slide:2.3` is the third slide of the second section.
pub(super) fn slide_destination(section: usize, slide: usize) -> String {
    format!("slide:{}.{}", section + 1, slide + 1)
}
