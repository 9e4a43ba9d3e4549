//! The deck file as serde reads it, before validation.
//!
//! Every value a later check may reject is kept as a [`Spanned`] string so the
//! error can point at its line. Serde stops at the first structural error
//! (a syntax error, a wrong type), so those are reported one at a time;
//! unknown keys are left to `keys` (serde skips them here), and everything
//! checked afterwards in `validate` is reported all at once.
//!
//! The same structs describe the deck format as a JSON Schema (`deckgen
//! schema`): each field's doc comment is its key's description, and
//! `schemars(with = ...)` names what a [`Spanned`] value looks like in YAML.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::schema::{
    AspectName, Colour, FitName, Minutes, Ppi, Seconds, SlideId, TransitionName, TypeSize,
};

/// A deckgen deck: a talk as sections of slides, turned into a PDF by
/// `deckgen deck.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "deckgen deck")]
pub(crate) struct RawDeck {
    /// The talk's title: on the title slide and the PDF's Title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Under the title on the title slide, and the PDF's Subject.
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Spanned<String>>,
    /// On the title slide, and the PDF's Author.
    #[schemars(with = "Option<String>")]
    pub author: Option<Spanned<String>>,
    /// On the title slide, as written (free text).
    #[schemars(with = "Option<String>")]
    pub date: Option<Spanned<String>>,
    /// The talk's language as a BCP 47 tag such as `en` or `de-CH`: the PDF's /Lang.
    #[schemars(with = "Option<String>")]
    pub language: Option<Spanned<String>>,
    /// Whether the deck opens with a title slide. Default: true.
    pub title_slide: Option<bool>,
    /// Whether a slide listing the sections, each a link to it, follows the
    /// title slide. Default: false.
    pub agenda: Option<bool>,
    /// How long the talk should take, in whole minutes, for the presenter console's timer.
    #[schemars(with = "Option<Minutes>")]
    pub duration: Option<Spanned<f64>>,
    /// The transition of every page, unless its section or slide sets its own:
    /// a style and its options, such as `fade`, `wipe left` or `split vertical out`.
    #[schemars(with = "Option<TransitionName>")]
    pub transition: Option<Spanned<String>>,
    /// How long every page's transition takes, in seconds, unless its
    /// section or slide sets its own.
    #[schemars(with = "Option<Seconds>")]
    pub transition_duration: Option<Spanned<f64>>,
    /// The look of the deck: page shape, fonts, colours and type sizes.
    pub theme: Option<RawTheme>,
    /// The sections of the talk, in order: at least one.
    #[schemars(with = "Vec<RawSection>", length(min = 1))]
    pub sections: Spanned<Vec<RawSection>>,
}

/// `theme:`; every key is optional.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawTheme {
    /// The page shape: `16:9` (the default, 338.67 x 190.5 mm), `4:3`,
    /// `16:10`, `a4` or `letter`, all landscape.
    #[schemars(with = "Option<AspectName>")]
    pub aspect: Option<Spanned<String>>,
    /// Your regular face: a family name with an optional style (`Noto
    /// Serif`, `Noto Serif Light`) among installed fonts and `font_paths`, or
    /// a TTF, OTF or TTC file relative to the deck's folder.
    /// Default: Noto Sans, built in.
    #[schemars(with = "Option<String>")]
    pub font: Option<Spanned<String>>,
    /// Your face for titles, a family name or a file. Default: the bold of
    /// `font`'s family when `font` is a family, else Noto Sans Bold, built in.
    #[schemars(with = "Option<String>")]
    pub bold_font: Option<Spanned<String>>,
    /// Folders of fonts, relative to the deck's folder, searched for family
    /// names before the installed fonts. Default: none.
    #[schemars(with = "Option<Vec<String>>")]
    pub font_paths: Option<Vec<Spanned<String>>>,
    /// The page colour. Default: `#ffffff`.
    #[schemars(with = "Option<Colour>")]
    pub background: Option<Spanned<String>>,
    /// The colour of text. Default: `#1d1d1f`.
    #[schemars(with = "Option<Colour>")]
    pub text_color: Option<Spanned<String>>,
    /// The colour of section dividers and the title slide's rule. Default: `#2f6fde`.
    #[schemars(with = "Option<Colour>")]
    pub accent: Option<Spanned<String>>,
    /// The size of titles in points, an upper bound: long titles shrink. Default: 40.
    #[schemars(with = "Option<TypeSize>")]
    pub title_size: Option<Spanned<f64>>,
    /// The size of captions in points, an upper bound: long captions shrink. Default: 24.
    #[schemars(with = "Option<TypeSize>")]
    pub caption_size: Option<Spanned<f64>>,
    /// Whether every page but the title slide shows its number. Default: true.
    pub page_numbers: Option<bool>,
    /// Small text at the bottom of every page but the title slide.
    #[schemars(with = "Option<String>")]
    pub footer: Option<Spanned<String>>,
    /// How the PDF opens in a viewer.
    pub present: Option<RawPresent>,
    /// The words deckgen writes by itself, in your words. Default: in the
    /// deck's `language` (English when deckgen has no words for it).
    pub strings: Option<RawStrings>,
    /// Resample images sharper than this many pixels per inch at the size
    /// they are shown (a whole number). Default: none, every image as it is.
    #[schemars(with = "Option<Ppi>")]
    pub max_ppi: Option<Spanned<f64>>,
}

/// `theme.present:`, how the PDF opens in a viewer.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawPresent {
    /// Whether the PDF opens in full screen. Default: false.
    pub fullscreen: Option<bool>,
}

/// `theme.strings:`, each of deckgen's own words in your words.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawStrings {
    /// A divider's label; `{n}` is the section's number. Default: `Section {n}`.
    #[schemars(with = "Option<String>")]
    pub section: Option<Spanned<String>>,
    /// The agenda slide's title. Default: `Agenda`.
    #[schemars(with = "Option<String>")]
    pub agenda: Option<Spanned<String>>,
    /// A handout's page count; `{n}` the page, `{of}` the pages. Default: `page {n} of {of}`.
    #[schemars(with = "Option<String>")]
    pub page_of: Option<Spanned<String>>,
    /// The head of a notes page that goes on. Default: `Notes for page {n}, continued`.
    #[schemars(with = "Option<String>")]
    pub notes_continued: Option<Spanned<String>>,
    /// The title slide's page label in viewers. Default: `Title`.
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
}

/// One entry of `sections:`.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawSection {
    /// The section's title: on its divider slide, its bookmark, and the
    /// title of its slides that have none of their own.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// A short paragraph on the divider slide.
    #[schemars(with = "Option<String>")]
    pub intro: Option<Spanned<String>>,
    /// Whether the section opens with a divider slide. Default: true.
    pub divider: Option<bool>,
    /// The transition of the divider and the slides that set none.
    #[schemars(with = "Option<TransitionName>")]
    pub transition: Option<Spanned<String>>,
    /// How long the section's transitions take, in seconds.
    #[schemars(with = "Option<Seconds>")]
    pub transition_duration: Option<Spanned<f64>>,
    /// The section's slides, in order. `slides:` with nothing after it
    /// means no slides, like leaving it out.
    #[schemars(with = "Option<Vec<RawSlide>>")]
    pub slides: Option<Vec<Spanned<RawSlide>>>,
}

/// One entry of a section's `slides:`: a caption, an image, or both.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawSlide {
    /// A name for the slide, unique in the deck: `link: "#id"` opens it,
    /// and so does `talk.pdf#id`.
    #[schemars(with = "Option<SlideId>")]
    pub id: Option<Spanned<String>>,
    /// The slide's own title. Default: the section's title.
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    /// The text under the title; without an image, it is set large in the
    /// middle. Long captions wrap, then shrink to half size, then are cut.
    #[schemars(with = "Option<String>")]
    pub caption: Option<Spanned<String>>,
    /// A PNG, JPEG, GIF or WebP file, relative to the deck's folder.
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// How the image fills its box: `contain` (the default: all of it) or
    /// `cover` (the whole box, cropped evenly).
    #[schemars(with = "Option<FitName>")]
    pub fit: Option<Spanned<String>>,
    /// Speaker notes, never drawn on the slide.
    #[schemars(with = "Option<String>")]
    pub notes: Option<Spanned<String>>,
    /// Where clicking the image (or a text slide's caption) leads: a URL
    /// such as `https://example.org`, or `#id` of a slide.
    #[schemars(with = "Option<String>")]
    pub link: Option<Spanned<String>>,
    /// The slide's own transition.
    #[schemars(with = "Option<TransitionName>")]
    pub transition: Option<Spanned<String>>,
    /// How long the slide's transition takes, in seconds.
    #[schemars(with = "Option<Seconds>")]
    pub transition_duration: Option<Spanned<f64>>,
}
