//! The display list: what layout produces and the PDF writer draws.
//!
//! Plain data in points, top-left origin, y down. Everything is already
//! measured and placed; the writer only translates it.

use std::collections::BTreeMap;

use crate::color::Color;
use crate::geom::{Point, Pt, Rect, Size, Transform};
use crate::image::ImageHandle;
use crate::model::Transition;
use crate::text::Glyph;

mod document;
#[cfg(test)]
mod dump;
mod walk;

#[cfg(test)]
pub use dump::dump;
pub use walk::{all_items, move_down, placed_links, untagged};

/// A laid-out deck.
#[derive(Debug, Clone)]
pub struct Document {
    pub pages: Vec<Page>,
    /// Bookmarks: sections with their slides as children.
    pub outline: Vec<OutlineEntry>,
    /// Named destinations, each name with the page it opens, from 0:
    /// every target of a link or a bookmark is one of these, so viewers
    /// that follow only named destinations (pdfpc) follow them all.
    pub destinations: BTreeMap<String, usize>,
    pub info: DocInfo,
}

/// Document metadata for the PDF's Info dictionary and catalog.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    pub title: String,
    pub author: Option<String>,
    /// The subtitle.
    pub subject: Option<String>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// Whether the PDF asks to open full screen.
    pub fullscreen: bool,
}

/// One bookmark and the bookmarks under it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    /// The named destination it opens (a key of [`Document::destinations`]).
    pub destination: String,
    pub children: Vec<OutlineEntry>,
}

/// One page: its size, background and what is drawn on it, in order, and
/// what a viewer shows around it.
#[derive(Debug, Clone)]
pub struct Page {
    pub size: Size,
    pub background: Color,
    pub items: Vec<Item>,
    /// The page's name in a viewer: the number printed on it, or "Title".
    pub label: String,
    pub transition: Option<PageTransition>,
    /// The slide's speaker notes.
    pub notes: Option<String>,
    pub kind: PageKind,
    /// Which step of its slide the page shows.
    pub step: Step,
}

/// Which step of its slide a page shows, when presenting: the steps of a
/// slide are pages one after another, each showing a little more, all with
/// the slide's label and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// From 1.
    pub number: usize,
    /// How many steps the slide has, at least 1.
    pub count: usize,
}

impl Step {
    /// The one step of a page shown all at once.
    pub const ONLY: Step = Step {
        number: 1,
        count: 1,
    };

    /// Whether the page shows its slide whole.
    pub fn is_last(self) -> bool {
        self.number == self.count
    }
}

/// What a page of a deck is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Title,
    Agenda,
    Divider,
    Slide,
    /// A sheet of paper holding slides: a handout or notes page.
    Paper,
}

impl Page {
    /// A page with these items, not yet labelled, with no transition or notes.
    pub fn new(kind: PageKind, size: Size, background: Color, items: Vec<Item>) -> Page {
        Page {
            size,
            background,
            items,
            label: String::new(),
            transition: None,
            notes: None,
            kind,
            step: Step::ONLY,
        }
    }

    /// The page's drawing, background included, as a group placed by `transform`.
    pub fn as_group(&self, transform: Transform) -> Group {
        let mut items = Vec::with_capacity(self.items.len() + 1);
        items.push(Item::Rect(FillRect {
            rect: Rect::from_size(self.size),
            color: self.background,
            layer: Layer::Underlay,
            opacity: 100,
        }));
        items.extend(self.items.iter().cloned());
        Group {
            transform,
            size: self.size,
            items,
        }
    }
}

/// How a page appears when the viewer turns to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageTransition {
    pub transition: Transition,
    /// Seconds; the viewer's default (one second) when unset.
    pub duration: Option<f64>,
}

/// Something on a page.
#[derive(Debug, Clone)]
pub enum Item {
    Text(TextRun),
    Image(ImageItem),
    Rect(FillRect),
    Line(StrokedLine),
    Link(LinkArea),
    Group(Group),
    /// Items that form one element of the document's structure, for
    /// readers that read aloud or reflow: see [`Tagged`].
    Tagged(Tagged),
}

impl Item {
    /// The layer the item is drawn in.
    pub fn layer(&self) -> Layer {
        match self {
            Item::Image(image) => image.layer,
            Item::Rect(fill) => fill.layer,
            Item::Text(_) | Item::Line(_) | Item::Link(_) | Item::Group(_) | Item::Tagged(_) => {
                Layer::Content
            }
        }
    }

    /// The area the item covers on the page.
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Text(run) => run.bounds,
            Item::Image(image) => image.visible(),
            Item::Rect(fill) => fill.rect,
            Item::Line(line) => line.bounds(),
            Item::Link(link) => link.rect,
            Item::Group(group) => group.bounds(),
            Item::Tagged(node) => node
                .items
                .iter()
                .map(Item::bounds)
                .reduce(|a, b| a.union(&b))
                .unwrap_or_default(),
        }
    }
}

/// Another page's drawing, scaled and placed: a slide on a handout. Its
/// items are in the drawing's own coordinates.
#[derive(Debug, Clone)]
pub struct Group {
    pub transform: Transform,
    /// The drawing's page size; the group shows exactly that area.
    pub size: Size,
    pub items: Vec<Item>,
}

impl Group {
    /// The area the group covers on the page.
    pub fn bounds(&self) -> Rect {
        self.transform.apply(&Rect::from_size(self.size))
    }
}

/// Items that a reader takes as one element of the document's structure
/// (a heading, a figure, a list item), in the page's reading order.
///
/// Tagging is by position: a text or image directly in a node's `items` is
/// that node's content, a link there is its annotation, a node there is a
/// child element. Everything else is an artifact, which a screen reader
/// skips: every filled rectangle (rules, bands, backgrounds), every stroked
/// line, and every item in no node (footers, page numbers, logos, the
/// progress bar, the chrome of handouts, decorative images). A [`Group`] (a
/// slide drawn on a sheet) starts afresh: its own items are artifacts unless a node inside
/// it holds them, and those nodes are children of the node around the group.
#[derive(Debug, Clone)]
pub struct Tagged {
    pub role: Role,
    pub items: Vec<Item>,
}

/// `items` as one element of the structure; nothing when there are none.
pub fn tagged(role: Role, items: Vec<Item>) -> Option<Item> {
    (!items.is_empty()).then_some(Item::Tagged(Tagged { role, items }))
}

/// What a [`Tagged`] node is to a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A heading, at the level of what it names.
    Heading(Level),
    /// A paragraph: a caption, a credit, an attribution, a page of notes.
    Paragraph,
    /// A picture, with what it shows for readers who cannot see it (`None`
    /// when the deck does not say). A decorative picture is no figure: it
    /// is left out of every node, as an artifact.
    Figure {
        alt: Option<String>,
    },
    /// A list (the agenda), its items [`Role::ListItem`] nodes, each
    /// holding a [`Role::ListBody`].
    List,
    ListItem,
    ListBody,
    /// The marker of a list item (its bullet or number), before its
    /// [`Role::ListBody`].
    Label,
    /// A quotation (the `quote` layout, a block quote in a body).
    Quote,
    /// A link: its link area, and the text that is its label if any.
    Link,
    /// A part of the document: a slide on a sheet of paper.
    Section,
    /// A block of computer code.
    Code,
    /// A table: a [`Role::TableHead`] and a [`Role::TableBody`] of
    /// [`Role::TableRow`]s.
    Table,
    TableHead,
    TableBody,
    TableRow,
    /// A header cell, heading its column.
    TableHeader,
    TableCell,
    /// A formula, with its TeX source for readers that cannot see it; an
    /// inline one stands inside its paragraph.
    Formula {
        alt: String,
    },
}

/// The level of a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The deck's title.
    Deck,
    /// A section's title, and the agenda's.
    Section,
    /// A slide's title.
    Slide,
    /// A heading inside a slide's body, at its level as written (1 for
    /// `#`); below the slide's title, whatever the number.
    Body(u8),
}

/// One line of text, shaped and placed.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub size: Pt,
    pub color: Color,
    /// The start of the baseline.
    pub origin: Point,
    /// The glyphs to draw, each naming its face, advances in em at `size`.
    pub glyphs: Vec<Glyph>,
    /// The text the glyphs draw: each glyph's `range` is the bytes of it
    /// the glyph was shaped from, which copy and search read.
    pub text: String,
    /// The line's box: its width, and the line height it was given.
    pub bounds: Rect,
}

/// An image drawn into a rectangle, cropped to `clip` if set.
#[derive(Debug, Clone)]
pub struct ImageItem {
    pub image: ImageHandle,
    /// Where the whole image goes; may exceed `clip`.
    pub placed: Rect,
    pub clip: Option<Rect>,
    pub layer: Layer,
}

impl ImageItem {
    /// The part of the image that shows.
    pub fn visible(&self) -> Rect {
        match self.clip {
            Some(clip) => self.placed.intersection(&clip).unwrap_or(clip),
            None => self.placed,
        }
    }
}

/// What an image or a rectangle is to the page: items in different layers
/// may overlap (text on its band, a band on a full-page photo); items in
/// one layer may not, but for marks, which stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layer {
    /// Under everything: a photo covering the page.
    Underlay,
    /// A shape that text stands on, over the backdrop.
    Band,
    /// A mark in or under a slide body's text: a code panel, an inline
    /// code chip, a link's underline, a table's rules, a quote's bar.
    Mark,
    /// The page's own content, text always among it.
    #[default]
    Content,
}

/// A filled rectangle, such as a rule.
#[derive(Debug, Clone)]
pub struct FillRect {
    pub rect: Rect,
    pub color: Color,
    pub layer: Layer,
    /// How much of what is under it shows through: in percent of the
    /// colour, 100 for an opaque fill.
    pub opacity: u8,
}

/// A straight line stroked between two points, such as the stroke of a
/// cancelled term (`\cancel`); always an artifact, as rules are.
#[derive(Debug, Clone)]
pub struct StrokedLine {
    pub from: Point,
    pub to: Point,
    pub thickness: Pt,
    pub color: Color,
}

impl StrokedLine {
    /// The box around the line's ends, grown by half its thickness on
    /// every side: the ink of its butt ends stays inside.
    pub fn bounds(&self) -> Rect {
        let half = self.thickness * 0.5;
        let (left, right) = (self.from.x.min(self.to.x), self.from.x.max(self.to.x));
        let (top, bottom) = (self.from.y.min(self.to.y), self.from.y.max(self.to.y));
        Rect::new(
            left - half,
            top - half,
            right - left + self.thickness,
            bottom - top + self.thickness,
        )
    }
}

/// A clickable area.
#[derive(Debug, Clone)]
pub struct LinkArea {
    pub rect: Rect,
    pub target: LinkTarget,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Url(String),
    /// A named destination of the document (a key of [`Document::destinations`]).
    Named(String),
}

impl std::fmt::Display for LinkTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            LinkTarget::Url(url) => f.write_str(url),
            LinkTarget::Named(name) => write!(f, "#{name}"),
        }
    }
}
