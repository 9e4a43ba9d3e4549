//! What a whole laid-out deck answers and how it is changed as a whole:
//! the size each image is placed at, the pages of each section, one page
//! per slide, grayscale; and its text form for snapshot tests.

use std::collections::BTreeMap;

use crate::geom::Size;
use crate::image::{ImageKey, ImageStore};

use super::{untagged, Document, Item, OutlineEntry, Page, PageKind, Step};

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
            Item::Text(_) | Item::Rect(_) | Item::Line(_) | Item::Link(_) => {}
        }
    }
}

fn gray_items(items: &mut [Item]) {
    for item in items {
        match item {
            Item::Text(run) => run.color = run.color.to_gray(),
            Item::Rect(fill) => fill.color = fill.color.to_gray(),
            Item::Line(line) => line.color = line.color.to_gray(),
            Item::Group(group) => gray_items(&mut group.items),
            Item::Tagged(node) => gray_items(&mut node.items),
            Item::Image(_) | Item::Link(_) => {}
        }
    }
}

/// A stable text form of a document, one line per page and per item, with
/// lengths rounded to 0.01 pt: for snapshot tests of layout.
#[cfg(test)]
pub fn dump(document: &Document) -> String {
    use super::LinkTarget;
    use crate::geom::Rect;
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
                Item::Line(line) => writeln!(
                    out,
                    "  line {:.2},{:.2} to {:.2},{:.2} {:.2}pt {}",
                    line.from.x.0,
                    line.from.y.0,
                    line.to.x.0,
                    line.to.y.0,
                    line.thickness.0,
                    line.color
                ),
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
