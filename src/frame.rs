//! The display list: what layout produces and the PDF writer draws.
//!
//! Plain data in points, top-left origin, y down. Everything is already
//! measured and placed; the writer only translates it.

use std::collections::BTreeMap;

use crate::color::Color;
use crate::geom::{Point, Pt, Rect, Size, Transform};
use crate::image::{ImageHandle, ImageKey, ImageStore};
use crate::model::Transition;
use crate::text::Glyph;

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

impl Document {
    /// The largest size, in points, each image is placed at.
    pub fn largest_placements(&self) -> BTreeMap<ImageKey, Size> {
        let mut largest: BTreeMap<ImageKey, Size> = BTreeMap::new();
        let images = self.pages.iter().flat_map(|page| untagged(&page.items));
        for image in images.filter_map(|item| match item {
            Item::Image(image) => Some(image),
            _ => None,
        }) {
            let size = Size::new(image.placed.width, image.placed.height);
            largest
                .entry(image.image.key())
                .and_modify(|known| {
                    // Never distorted: one image is placed at one aspect.
                    if size.width > known.width {
                        *known = size;
                    }
                })
                .or_insert(size);
        }
        largest
    }

    /// The pages of each section of the deck (its divider and its slides),
    /// read from the outline; none on paper, where each slide is a part of
    /// its own.
    pub fn section_pages(&self) -> Vec<std::ops::Range<usize>> {
        if self.pages.iter().any(|page| page.kind == PageKind::Paper) {
            return Vec::new();
        }
        let page_of = |entry: &OutlineEntry| self.destinations.get(&entry.destination).copied();
        self.outline
            .iter()
            .filter_map(|section| {
                let divider = page_of(section).filter(|&page| {
                    self.pages.get(page).map(|p| p.kind) == Some(PageKind::Divider)
                });
                let pages: Vec<usize> = divider
                    .into_iter()
                    .chain(section.children.iter().filter_map(page_of))
                    .collect();
                // The last slide's later steps are the section's too.
                let last = *pages.iter().max()?;
                let steps_after = self
                    .pages
                    .get(last)
                    .map_or(0, |page| page.step.count.saturating_sub(page.step.number));
                Some(*pages.iter().min()?..last + steps_after + 1)
            })
            .collect()
    }

    /// The document with every slide on one page, all of it shown: its
    /// last step, with the transition of its first. For paper, and for
    /// slides built with `--no-steps`. Destinations that opened a slide's
    /// first step open its one page.
    pub fn whole_slides(self) -> Document {
        if self.pages.iter().all(|page| page.step == Step::ONLY) {
            return self;
        }
        let mut kept = Vec::new();
        // Where each page of the steps went: its slide's one page.
        let mut moved_to = Vec::with_capacity(self.pages.len());
        let mut transition = None;
        for page in self.pages {
            moved_to.push(kept.len());
            if page.step.number == 1 {
                transition = page.transition;
            }
            if page.step.is_last() {
                kept.push(Page {
                    transition,
                    step: Step::ONLY,
                    ..page
                });
            }
        }
        let destinations = self
            .destinations
            .into_iter()
            .map(|(name, page)| (name, moved_to.get(page).copied().unwrap_or(page)))
            .collect();
        Document {
            pages: kept,
            destinations,
            ..self
        }
    }

    /// Every colour turned to the gray of its lightness.
    pub fn to_grayscale(&mut self) {
        for page in &mut self.pages {
            page.background = page.background.to_gray();
            gray_items(&mut page.items);
        }
    }

    /// Every image item given the image `store` holds now for its key:
    /// the one redone after layout (resampled, turned gray), if it was.
    pub fn use_current_images(&mut self, store: &ImageStore) {
        for page in &mut self.pages {
            current_images(&mut page.items, store);
        }
    }
}

fn current_images(items: &mut [Item], store: &ImageStore) {
    for item in items {
        match item {
            Item::Image(image) => {
                if let Some(current) = store.current(image.image.key()) {
                    image.image = current.clone();
                }
            }
            Item::Group(group) => current_images(&mut group.items, store),
            Item::Tagged(node) => current_images(&mut node.items, store),
            Item::Text(_) | Item::Rect(_) | Item::Link(_) => {}
        }
    }
}

fn gray_items(items: &mut [Item]) {
    for item in items {
        match item {
            Item::Text(run) => run.color = run.color.to_gray(),
            Item::Rect(fill) => fill.color = fill.color.to_gray(),
            Item::Group(group) => gray_items(&mut group.items),
            Item::Tagged(node) => gray_items(&mut node.items),
            Item::Image(_) | Item::Link(_) => {}
        }
    }
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
            layer: Layer::Backdrop,
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
            Item::Text(_) | Item::Link(_) | Item::Group(_) | Item::Tagged(_) => Layer::Content,
        }
    }

    /// The area the item covers on the page.
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Text(run) => run.bounds,
            Item::Image(image) => image.visible(),
            Item::Rect(fill) => fill.rect,
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
/// skips: every filled rectangle (rules, bands, backgrounds), and every
/// item in no node (footers, page numbers, logos, the progress bar, the
/// chrome of handouts, decorative images). A [`Group`] (a slide drawn on a
/// sheet) starts afresh: its own items are artifacts unless a node inside
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
    /// The text the glyphs draw (their `cluster`s index into it).
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
    Backdrop,
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

/// A stable text form of a document, one line per page and per item, with
/// lengths rounded to 0.01 pt: for snapshot tests of layout.
#[cfg(test)]
pub fn dump(document: &Document) -> String {
    use std::fmt::Write;
    let rect = |r: &Rect| {
        format!(
            "{:.2},{:.2} {:.2}x{:.2}",
            r.x.0, r.y.0, r.width.0, r.height.0
        )
    };
    let key = |bytes: &[u8]| {
        bytes[..3]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    // Named destinations are shown as the pages they open.
    let page_of = |name: &str| match document.destinations.get(name) {
        Some(page) => format!("page {}", page + 1),
        None => format!("unknown destination {name:?}"),
    };
    let mut out = String::new();
    for (index, page) in document.pages.iter().enumerate() {
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
        for item in untagged(&page.items) {
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
                Item::Link(link) => match &link.target {
                    LinkTarget::Url(url) => writeln!(out, "  link {} {url}", rect(&link.rect)),
                    LinkTarget::Named(name) => {
                        writeln!(out, "  link {} {}", rect(&link.rect), page_of(name))
                    }
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
    }
    for entry in &document.outline {
        let _ = writeln!(
            out,
            "outline {:?} -> {}",
            entry.title,
            page_of(&entry.destination)
        );
        for child in &entry.children {
            let _ = writeln!(
                out,
                "  outline {:?} -> {}",
                child.title,
                page_of(&child.destination)
            );
        }
    }
    out
}
