//! What a whole laid-out deck answers and how it is changed as a whole:
//! the size each image is placed at, the pages of each section, one page
//! per slide, grayscale.

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
