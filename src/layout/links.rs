//! Clickable areas: URLs written in text, and where a slide's `link` leads.

use linkify::{LinkFinder, LinkKind};

use crate::frame::{Item, LinkArea, LinkTarget};
use crate::geom::Pt;
use crate::model::Link;

use super::block::Block;
use super::Context;

/// Link areas over every URL written in `text`, which `block` sets with its
/// top-left corner at `x`, `y` in `width`: one area per line a URL touches,
/// over exactly its glyphs.
pub(super) fn url_links(text: &str, block: &Block, x: Pt, y: Pt, width: Pt) -> Vec<Item> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder
        .links(text)
        .flat_map(|url| {
            block
                .cover(url.start()..url.end(), x, y, width)
                .into_iter()
                .map(move |rect| {
                    Item::Link(LinkArea {
                        rect,
                        target: LinkTarget::Url(url.as_str().to_string()),
                    })
                })
        })
        .collect()
}

impl Context<'_> {
    /// Where a slide's `link` leads: a URL, or the page of the slide it names.
    pub(super) fn link_target(&self, link: &Link) -> Option<LinkTarget> {
        match link {
            Link::Url(url) => Some(LinkTarget::Url(url.clone())),
            Link::Slide(id) => self
                .slide_pages
                .get(&id.text)
                .copied()
                .map(LinkTarget::Page),
        }
    }
}
