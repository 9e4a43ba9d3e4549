//! From a validated deck to pages of placed items.
//!
//! Pure: reads no files and cannot fail. Text that must be cut and glyphs the
//! font lacks become warnings that name the slide.

mod block;
mod check;
mod chrome;
mod divider;
mod fit;
mod grid;
mod slide;
mod title;

pub use check::check_page;
pub use fit::{fit_image, Placement};

use std::collections::BTreeSet;

use crate::diag::{Diagnostics, Span};
use crate::frame::{DocInfo, Document, OutlineEntry};
use crate::image::ImageStore;
use crate::model::{Deck, Section, Slide};
use crate::text::FontSet;

/// Shared by every page's layout: the inputs and the warning sink.
struct Context<'a> {
    deck: &'a Deck,
    fonts: &'a FontSet,
    images: &'a ImageStore,
    diagnostics: &'a mut Diagnostics,
    /// Missing glyphs already warned about, by place: a section title is
    /// set on every slide of its section, but its `→` is one problem.
    missing_glyphs: BTreeSet<(Option<Span>, char)>,
}

/// Lays out every page of `deck`, in order, with its outline and metadata.
pub fn layout(
    deck: &Deck,
    fonts: &FontSet,
    images: &ImageStore,
    diagnostics: &mut Diagnostics,
) -> Document {
    let mut context = Context {
        deck,
        fonts,
        images,
        diagnostics,
        missing_glyphs: BTreeSet::new(),
    };
    let mut pages = Vec::new();
    if deck.title_slide {
        pages.push(title::title_page(&mut context));
    }
    let mut outline = Vec::new();
    for (index, section) in deck.sections.iter().enumerate() {
        let first_page = pages.len();
        if section.divider {
            let page = divider::divider_page(&mut context, section, index);
            pages.push(chrome::with_chrome(&mut context, page, pages.len()));
        }
        let mut children = Vec::new();
        for (number, slide) in section.slides.iter().enumerate() {
            children.push(OutlineEntry {
                title: outline_label(section, slide),
                page: pages.len(),
                children: Vec::new(),
            });
            let page = slide::slide_page(&mut context, section, slide, number + 1);
            pages.push(chrome::with_chrome(&mut context, page, pages.len()));
        }
        outline.push(OutlineEntry {
            title: section.title.text.clone(),
            page: first_page,
            children,
        });
    }
    // A section with neither divider nor slides opens where the next one
    // starts, or on the last page when it is the last section.
    for entry in &mut outline {
        entry.page = entry.page.min(pages.len().saturating_sub(1));
    }
    if cfg!(debug_assertions) {
        for (index, page) in pages.iter().enumerate() {
            let problems = check_page(page);
            assert!(problems.is_empty(), "page {}: {problems:#?}", index + 1);
        }
    }
    Document {
        pages,
        outline,
        info: DocInfo {
            title: deck.meta.title.text.clone(),
            author: deck.meta.author.as_ref().map(|t| t.text.clone()),
            subject: deck.meta.subtitle.as_ref().map(|t| t.text.clone()),
            language: deck.meta.language.clone(),
        },
    }
}

/// A slide's bookmark: its own title, or its caption when the title is the section's.
fn outline_label(section: &Section, slide: &Slide) -> String {
    let own_title = slide
        .title
        .as_ref()
        .filter(|t| t.text != section.title.text);
    let label = own_title
        .or(slide.caption.as_ref())
        .map_or(section.title.text.as_str(), |t| t.text.as_str());
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How warnings name a slide: "slide 2 in section `Intro`".
fn slide_name(section: &Section, number: usize) -> String {
    format!("slide {number} in section {}", quoted_name(section))
}

/// A section's title in backticks, shortened so a message stays one readable line.
fn quoted_name(section: &Section) -> String {
    const LONGEST: usize = 40;
    let title = &section.title.text;
    if title.chars().count() <= LONGEST {
        format!("`{title}`")
    } else {
        let start: String = title.chars().take(LONGEST - 1).collect();
        format!("`{}…`", start.trim_end())
    }
}

#[cfg(test)]
mod tests;
