//! What a viewer does with the document when presenting: page labels,
//! transitions, full-screen opening and named destinations.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId};

use crate::frame::{Page, PageTransition};
use crate::model::{Dimension, Direction, Motion, TransitionStyle};

use super::annotations::named_destination;
use super::metadata::text_string;

/// The `/PageLabels` number tree: runs of consecutive numbers become one
/// decimal range, any other label a prefix-only range of its own.
pub(super) fn page_labels(pages: &[Page]) -> Dictionary {
    let mut nums = Vec::new();
    let mut previous: Option<u64> = None;
    for (index, page) in pages.iter().enumerate() {
        let number: Option<u64> = page.label.parse().ok().filter(|n| *n > 0);
        let continues = matches!((previous, number), (Some(p), Some(n)) if n == p + 1);
        if !continues {
            let mut range = Dictionary::new();
            match number {
                Some(number) => {
                    range.set("S", Object::Name(b"D".to_vec()));
                    if number != 1 {
                        range.set("St", Object::Integer(number as i64));
                    }
                }
                None => range.set("P", text_string(&page.label)),
            }
            nums.push(Object::Integer(index as i64));
            nums.push(Object::Dictionary(range));
        }
        previous = number;
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", Object::Array(nums));
    tree
}

/// Sets `/Trans` on every page that has a transition.
pub(super) fn write_transitions(doc: &mut LoDocument, pages: &[Page], page_ids: &[ObjectId]) {
    for (page, &page_id) in pages.iter().zip(page_ids) {
        let Some(transition) = &page.transition else {
            continue;
        };
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page_id) {
            dict.set("Trans", transition_dict(transition));
        }
    }
}

/// The transition dictionary (ISO 32000-1, table 162).
fn transition_dict(page: &PageTransition) -> Dictionary {
    let transition = page.transition;
    let style: &[u8] = match transition.style {
        TransitionStyle::None => b"R",
        TransitionStyle::Fade => b"Fade",
        TransitionStyle::Dissolve => b"Dissolve",
        TransitionStyle::Wipe => b"Wipe",
        TransitionStyle::Push => b"Push",
        TransitionStyle::Cover => b"Cover",
        TransitionStyle::Uncover => b"Uncover",
        TransitionStyle::Split => b"Split",
        TransitionStyle::Blinds => b"Blinds",
        TransitionStyle::Box => b"Box",
        TransitionStyle::Glitter => b"Glitter",
        TransitionStyle::Fly => b"Fly",
    };
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Trans".to_vec()));
    dict.set("S", Object::Name(style.to_vec()));
    if let Some(seconds) = page.duration {
        dict.set("D", Object::Real(seconds as f32));
    }
    if let Some(dimension) = transition.dimension {
        let name: &[u8] = match dimension {
            Dimension::Horizontal => b"H",
            Dimension::Vertical => b"V",
        };
        dict.set("Dm", Object::Name(name.to_vec()));
    }
    if let Some(motion) = transition.motion {
        let name: &[u8] = match motion {
            Motion::In => b"I",
            Motion::Out => b"O",
        };
        dict.set("M", Object::Name(name.to_vec()));
    }
    if let Some(direction) = transition.direction {
        let degrees = match direction {
            Direction::Right => 0,
            Direction::Up => 90,
            Direction::Left => 180,
            Direction::Down => 270,
            Direction::DownRight => 315,
        };
        dict.set("Di", Object::Integer(degrees));
    }
    dict
}

/// The catalog's `/Names` dictionary with its `/Dests` name tree: each
/// name opens a view of its whole page. One node holds every name, sorted
/// by bytes as a name tree must be (a `BTreeMap` of ASCII names is).
pub(super) fn named_destinations(
    destinations: &BTreeMap<String, usize>,
    page_ids: &[ObjectId],
) -> Option<Dictionary> {
    let mut names = Vec::with_capacity(destinations.len() * 2);
    for (name, index) in destinations {
        if let Some(&page) = page_ids.get(*index) {
            names.push(named_destination(name));
            names.push(Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"Fit".to_vec()),
            ]));
        }
    }
    if names.is_empty() {
        return None;
    }
    let mut tree = Dictionary::new();
    tree.set("Names", Object::Array(names));
    let mut catalog_names = Dictionary::new();
    catalog_names.set("Dests", tree);
    Some(catalog_names)
}

/// How the viewer opens the document: full screen when asked, else with
/// the outline when there is one. Leaving full screen shows the outline
/// too: `/NonFullScreenPageMode` belongs in the viewer preferences, where
/// readers look for it, not in the catalog.
pub(super) fn set_page_mode(
    catalog: &mut Dictionary,
    preferences: &mut Dictionary,
    fullscreen: bool,
    has_outline: bool,
) {
    let windowed: &[u8] = if has_outline {
        b"UseOutlines"
    } else {
        b"UseNone"
    };
    if fullscreen {
        catalog.set("PageMode", Object::Name(b"FullScreen".to_vec()));
        preferences.set("NonFullScreenPageMode", Object::Name(windowed.to_vec()));
    } else {
        catalog.set("PageMode", Object::Name(windowed.to_vec()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Color;
    use crate::geom::{Pt, Size};
    use crate::model::Transition;

    fn labelled(labels: &[&str]) -> Vec<Page> {
        labels
            .iter()
            .map(|label| Page {
                label: label.to_string(),
                ..Page::new(
                    crate::frame::PageKind::Slide,
                    Size::new(Pt(10.0), Pt(10.0)),
                    Color::WHITE,
                    Vec::new(),
                )
            })
            .collect()
    }

    /// lopdf's debug form without spaces, which it places unevenly.
    fn compact(value: impl std::fmt::Debug) -> String {
        format!("{value:?}").split_whitespace().collect()
    }

    fn nums(labels: &[&str]) -> String {
        compact(page_labels(&labelled(labels)).get(b"Nums").unwrap())
    }

    #[test]
    fn a_title_page_then_numbers_is_two_ranges() {
        let with_title = nums(&["Title", "2", "3", "4"]);
        assert_eq!(with_title, "[0<</P(Title)>>1<</S/D/St2>>]");
        assert_eq!(nums(&["1", "2", "3"]), "[0<</S/D>>]");
    }

    #[test]
    fn a_gap_in_the_numbers_starts_a_new_range() {
        assert_eq!(nums(&["1", "2", "5"]), "[0<</S/D>>2<</S/D/St5>>]");
    }

    #[test]
    fn transitions_carry_their_options() {
        let page = PageTransition {
            transition: Transition::parse("split vertical in").unwrap(),
            duration: Some(0.5),
        };
        assert_eq!(
            compact(transition_dict(&page)),
            "<</Type/Trans/S/Split/D0.5/Dm/V/M/I>>"
        );
        let wipe = PageTransition {
            transition: Transition::parse("wipe up").unwrap(),
            duration: None,
        };
        assert_eq!(
            compact(transition_dict(&wipe)),
            "<</Type/Trans/S/Wipe/Di90>>"
        );
    }
}
