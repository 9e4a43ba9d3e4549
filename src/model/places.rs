//! Which slide a place in the deck file belongs to, so a problem can say
//! "section 3 `Debugging Models`, slide 2" under its line.
//!
//! Read from the YAML's shape alone, so it works on decks that do not
//! validate, or whose values are of the wrong type.

use serde_saphyr::Spanned;

use crate::diag::{SectionAndSlide, Span};
use crate::source::span_of;

use super::tree::{self, Node};

/// Where the sections and slides of a deck file start.
#[derive(Debug, Default)]
pub struct SlideStarts {
    /// Where each top-level key starts, and whether it is `sections`.
    top_keys: Vec<(Span, bool)>,
    sections: Vec<SectionPlaces>,
}

#[derive(Debug)]
struct SectionPlaces {
    start: Span,
    title: Option<String>,
    /// Where each key of the section starts, and whether it is `slides`.
    keys: Vec<(Span, bool)>,
    /// Where each slide starts.
    slides: Vec<Span>,
}

impl SlideStarts {
    /// The places of the deck in `text`; none when it is not YAML.
    pub fn read(text: &str) -> SlideStarts {
        let Some(root) = tree::read(text) else {
            return SlideStarts::default();
        };
        let top_keys = keys_of(&root, "sections");
        let sections = root
            .get("sections")
            .map(|sections| sections.items.iter().filter_map(section_places).collect())
            .unwrap_or_default();
        SlideStarts { top_keys, sections }
    }

    /// The section, and the slide in it, that hold `span`. A place belongs
    /// to the last key or item that starts at or before it.
    pub fn place_of(&self, span: Span) -> Option<SectionAndSlide> {
        if !last_at_or_before(&self.top_keys, span)?.1 {
            return None;
        }
        let (index, section) = self
            .sections
            .iter()
            .enumerate()
            .rfind(|(_, section)| section.start <= span)?;
        let in_slides = last_at_or_before(&section.keys, span).is_some_and(|(_, slides)| *slides);
        let slide = in_slides
            .then(|| section.slides.iter().rposition(|start| *start <= span))
            .flatten();
        Some(SectionAndSlide {
            section: index + 1,
            section_title: section.title.clone(),
            slide: slide.map(|index| index + 1),
        })
    }
}

fn section_places(item: &Spanned<Node>) -> Option<SectionPlaces> {
    let section = &item.value;
    Some(SectionPlaces {
        start: span_of(&item.referenced)?,
        title: section.get("title").and_then(|title| title.text.clone()),
        keys: keys_of(section, "slides"),
        slides: section
            .get("slides")
            .map(|slides| {
                let starts = slides.items.iter();
                starts.filter_map(|s| span_of(&s.referenced)).collect()
            })
            .unwrap_or_default(),
    })
}

/// Where each key of `node` starts, marking the one named `marked`.
fn keys_of(node: &Node, marked: &str) -> Vec<(Span, bool)> {
    let mut keys: Vec<(Span, bool)> = node
        .entries
        .iter()
        .filter_map(|(key, _)| Some((span_of(&key.referenced)?, key.value == marked)))
        .collect();
    keys.sort();
    keys
}

fn last_at_or_before(starts: &[(Span, bool)], span: Span) -> Option<&(Span, bool)> {
    starts.iter().rfind(|(start, _)| *start <= span)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: &str = "\
title: T
sections:
  - title: Intro
    slides:
      - caption: a
      - caption: b
        image: b.png
    transition: fade
  - title: Debugging Models
    slides: [{caption: c}, {caption: d}]
theme:
  accent: blue
";

    fn place(line: u32, column: u32) -> Option<String> {
        SlideStarts::read(DECK)
            .place_of(Span::new(line, column))
            .map(|place| place.to_string())
    }

    #[test]
    fn finds_the_slide_of_a_line() {
        assert_eq!(place(1, 8), None);
        assert_eq!(place(3, 12), Some("section 1 `Intro`".into()));
        assert_eq!(place(5, 18), Some("section 1 `Intro`, slide 1".into()));
        assert_eq!(place(7, 16), Some("section 1 `Intro`, slide 2".into()));
        assert_eq!(place(8, 17), Some("section 1 `Intro`".into()));
        assert_eq!(
            place(10, 37),
            Some("section 2 `Debugging Models`, slide 2".into())
        );
        assert_eq!(place(12, 11), None);
    }

    #[test]
    fn reads_nothing_from_broken_yaml() {
        let places = SlideStarts::read("title: \"unclosed\n");
        assert_eq!(places.place_of(Span::new(1, 8)), None);
    }
}
