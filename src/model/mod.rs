//! The validated deck: what layout and the PDF writer trust without checking.
//!
//! A [`Deck`] comes only out of [`validate::validate`]: paths are resolved,
//! colours parsed, enums known, and every value keeps its [`Span`] so later
//! stages can still point at the line a warning is about.

mod keys;
mod places;
mod raw;
mod schema;
mod theme;
mod transition;
mod tree;
mod validate;

use std::path::PathBuf;

pub use crate::diag::FileRef;
use crate::diag::Span;

pub use places::SlidePlaces;
pub use schema::deck_schema;
pub use theme::{Aspect, Theme, MAX_PPI};
pub use transition::{Dimension, Direction, Motion, Transition, TransitionStyle};
pub use validate::parse_and_validate;

/// A piece of text with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

/// A whole deck, validated.
#[derive(Debug, Clone)]
pub struct Deck {
    /// The deck file as the user named it, for messages.
    pub file: PathBuf,
    pub meta: Meta,
    pub theme: Theme,
    /// Whether the deck opens with a title slide. Default: true.
    pub title_slide: bool,
    /// Whether a slide listing the sections follows the title slide. Default: false.
    pub agenda: bool,
    /// How long the talk should take, in minutes (for presenter consoles).
    pub duration: Option<u32>,
    /// The transition of every page that sets none nearer.
    pub transition: TransitionChoice,
    /// At least one section.
    pub sections: Vec<Section>,
}

/// Deck-level facts: the title slide and the PDF metadata.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: Text,
    pub subtitle: Option<Text>,
    pub author: Option<Text>,
    pub date: Option<Text>,
    /// A BCP 47 tag such as `en` or `de-CH`.
    pub language: Option<String>,
}

/// A section: a divider slide, a bookmark, and its slides.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: Text,
    pub intro: Option<Text>,
    /// Whether to emit a divider slide. Default: true.
    pub divider: bool,
    /// The transition of the divider and the slides that set none.
    pub transition: TransitionChoice,
    pub slides: Vec<Slide>,
}

/// One content slide: a caption, an image, or both.
#[derive(Debug, Clone)]
pub struct Slide {
    /// Where the slide's mapping starts.
    pub span: Span,
    /// A name for the slide, unique in the deck: a link target and a named
    /// destination in the PDF (`talk.pdf#results`).
    pub id: Option<Text>,
    /// The slide's own title; `None` means it shows the section's title.
    pub title: Option<Text>,
    pub caption: Option<Text>,
    pub image: Option<FileRef>,
    pub fit: Fit,
    /// Speaker notes, never drawn on a slide.
    pub notes: Option<String>,
    /// Where clicking the image leads.
    pub link: Option<Link>,
    pub transition: TransitionChoice,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// A URL such as `https://example.org`.
    Url(String),
    /// The slide with this `id` (written `#id`).
    Slide(Text),
}

/// What one level of the deck says about transitions; the nearest level
/// that sets the effect or the length wins, each on its own.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TransitionChoice {
    pub transition: Option<Transition>,
    /// Seconds.
    pub duration: Option<f64>,
}

impl TransitionChoice {
    /// This level's choices, falling back to `outer`'s where it makes none.
    pub fn within(self, outer: TransitionChoice) -> TransitionChoice {
        TransitionChoice {
            transition: self.transition.or(outer.transition),
            duration: self.duration.or(outer.duration),
        }
    }
}

/// How an image fills its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// The whole image, aspect kept, centred (the default).
    Contain,
    /// Fill the box, aspect kept, the overflow cropped evenly.
    Cover,
}

impl Fit {
    pub const NAMES: &'static [&'static str] = &["contain", "cover"];
}
