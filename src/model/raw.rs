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
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::schema::{
    AspectName, BandName, Colour, FitName, FocusRule, LayoutNameRule, LogoPositionName, Megapixels,
    Minutes, PageNumbersRule, Ppi, PresetName, Seconds, SlideId, Split, TransitionName, TypeSize,
};

/// A deckgen deck: a talk as sections of slides, turned into a PDF by
/// `deckgen deck.yaml`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
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
    /// Whether the items of every slide body's lists appear one at a time
    /// when presenting, a page per step, unless a section or slide says
    /// otherwise. Default: false.
    pub incremental: Option<bool>,
    /// Marp's fragmented lists (`*` bullets, `1)` numbers) appear one
    /// item at a time: set for a Marp deck, never written in YAML.
    #[serde(skip)]
    #[schemars(skip)]
    pub marp_fragments: bool,
    /// The look of the deck: page shape, fonts, colours and type sizes.
    pub theme: Option<RawTheme>,
    /// The sections of the talk, in order: at least one.
    #[schemars(with = "Vec<RawSection>", length(min = 1))]
    pub sections: Spanned<Vec<RawSection>>,
}

/// `theme:`; every key is optional.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawTheme {
    /// A theme file to start from: a YAML file of theme keys, relative to
    /// the file that names it. Its keys give way to the ones beside
    /// `extends`; a theme file may extend another.
    #[schemars(with = "Option<String>")]
    pub extends: Option<Spanned<String>>,
    /// A starting look: `light` (the default), `dark`, `contrast` (black
    /// on white, larger type) or `ink` (for printing: colour only on
    /// rules). The theme's other keys win over it.
    #[schemars(with = "Option<PresetName>")]
    pub preset: Option<Spanned<String>>,
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
    /// Your face for code in slide bodies, a family name or a file. Its
    /// bold (for keywords) is the same family's bold when it is a family.
    /// Default: Noto Sans Mono, built in.
    #[schemars(with = "Option<String>")]
    pub mono_font: Option<Spanned<String>>,
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
    /// The colour a formula that cannot be typeset is shown in, as its
    /// TeX source. Default: `#cc0000` (KaTeX's), `#ff6b6b` on `dark`.
    #[schemars(with = "Option<Colour>")]
    pub error_color: Option<Spanned<String>>,
    /// Macros every formula of the deck may use: each name (`\R`) to what
    /// it stands for (`\mathbb{R}`), `#1` to `#9` for its arguments.
    /// Default: none.
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub math_macros: Option<std::collections::BTreeMap<String, Spanned<String>>>,
    /// The size of titles in points, an upper bound: long titles shrink. Default: 40.
    #[schemars(with = "Option<TypeSize>")]
    pub title_size: Option<Spanned<f64>>,
    /// The size of captions in points, an upper bound: long captions shrink. Default: 24.
    #[schemars(with = "Option<TypeSize>")]
    pub caption_size: Option<Spanned<f64>>,
    /// Whether every page but the title slide shows its number: `true`
    /// (the default), `false`, or `total` for "7 / 24".
    #[schemars(with = "Option<PageNumbersRule>")]
    pub page_numbers: Option<Spanned<PageNumbersValue>>,
    /// A thin bar in the accent colour along the bottom of every page but
    /// the title slide, as long as the share of the talk done. Default: false.
    pub progress: Option<bool>,
    /// Small text at the bottom of every page but the title slide.
    #[schemars(with = "Option<String>")]
    pub footer: Option<Spanned<String>>,
    /// A small image (PNG, JPEG, GIF, WebP, SVG or PDF) in a corner of every page but
    /// the title slide (`logo_on_title` puts it there too), relative to the
    /// file that names it.
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    /// The logo's corner: `top-right` (the default), `top-left`,
    /// `bottom-right` or `bottom-left`.
    #[schemars(with = "Option<LogoPositionName>")]
    pub logo_position: Option<Spanned<String>>,
    /// Whether the logo stands on the title slide too, in its corner.
    /// Default: false.
    pub logo_on_title: Option<bool>,
    /// How the PDF opens in a viewer.
    pub present: Option<RawPresent>,
    /// The words deckgen writes by itself, in your words. Default: in the
    /// deck's `language` (English when deckgen has no words for it).
    pub strings: Option<RawStrings>,
    /// Resample images sharper than this many pixels per inch at the size
    /// they are shown (a whole number). Default: none, every image as it is.
    #[schemars(with = "Option<Ppi>")]
    pub max_ppi: Option<Spanned<f64>>,
    /// The most megapixels an image may have: larger ones are refused
    /// before they are decoded (`--max-megapixels` wins over it).
    /// Default: 100.
    #[schemars(with = "Option<Megapixels>")]
    pub max_megapixels: Option<Spanned<f64>>,
}

/// `theme.present:`, how the PDF opens in a viewer.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawPresent {
    /// Whether the PDF opens in full screen. Default: false.
    pub fullscreen: Option<bool>,
}

/// `theme.strings:`, each of deckgen's own words in your words.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
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
    /// The mark opening a `quote` slide's quotation. Default: `“` (the language's).
    #[schemars(with = "Option<String>")]
    pub open_quote: Option<Spanned<String>>,
    /// The mark closing a `quote` slide's quotation. Default: `”` (the language's).
    #[schemars(with = "Option<String>")]
    pub close_quote: Option<Spanned<String>>,
}

impl RawStrings {
    /// `near`'s words, and `far`'s where `near` sets none.
    pub(crate) fn over(near: Option<RawStrings>, far: Option<RawStrings>) -> Option<RawStrings> {
        let Some(far) = far else {
            return near;
        };
        let near = near.unwrap_or_default();
        Some(RawStrings {
            section: near.section.or(far.section),
            agenda: near.agenda.or(far.agenda),
            page_of: near.page_of.or(far.page_of),
            notes_continued: near.notes_continued.or(far.notes_continued),
            title: near.title.or(far.title),
            open_quote: near.open_quote.or(far.open_quote),
            close_quote: near.close_quote.or(far.close_quote),
        })
    }
}

/// One entry of `sections:`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
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
    /// Default: the deck's `transition`.
    #[schemars(with = "Option<TransitionName>")]
    pub transition: Option<Spanned<String>>,
    /// How long the section's transitions take, in seconds. Default: the
    /// deck's `transition_duration`.
    #[schemars(with = "Option<Seconds>")]
    pub transition_duration: Option<Spanned<f64>>,
    /// Whether the items of the section's slides' lists appear one at a
    /// time when presenting. Default: the deck's `incremental`.
    pub incremental: Option<bool>,
    /// The section's slides, in order. `slides:` with nothing after it
    /// means no slides, like leaving it out.
    #[schemars(with = "Option<Vec<RawSlide>>")]
    pub slides: Option<Vec<Spanned<RawSlide>>>,
    /// The layout of the section's slides that set none: `standard` (the
    /// default), `full`, `image-left`, `image-right`, `quote`, `statement`
    /// or `pair`.
    #[schemars(with = "Option<LayoutNameRule>")]
    pub layout: Option<Spanned<String>>,
}

/// One entry of a section's `slides:`: a caption, an image, a body, or some of them.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, transform = super::layout_keys::add_conditions)]
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
    /// Blocks under the caption, written in Markdown: lists, **bold**,
    /// *italic*, `code`, links, fenced code (highlighted), tables, quotes,
    /// headings, pictures and Pandoc's `:::: columns`. With a caption, the
    /// caption stands as a lead above it. Not with layouts `quote` and
    /// `statement`.
    #[schemars(with = "Option<String>")]
    pub body: Option<Spanned<String>>,
    /// A PNG, JPEG, GIF, WebP, SVG or PDF file, relative to the deck's
    /// folder. SVG and PDF figures stay vectors.
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// What the slide's image shows, for readers who cannot see it: the
    /// text a screen reader reads. `alt: ""` marks the image as decorative.
    /// Slides with an image only (a `pair` entry takes its own `alt`).
    #[schemars(with = "Option<String>")]
    pub alt: Option<Spanned<String>>,
    /// The page of a PDF `image` to show, from 1. Default: 1.
    #[schemars(with = "Option<u32>", range(min = 1))]
    pub page: Option<Spanned<i64>>,
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
    /// The slide's own transition. Default: the section's `transition`.
    #[schemars(with = "Option<TransitionName>")]
    pub transition: Option<Spanned<String>>,
    /// How long the slide's transition takes, in seconds. Default: the
    /// section's `transition_duration`.
    #[schemars(with = "Option<Seconds>")]
    pub transition_duration: Option<Spanned<f64>>,
    /// Whether the items of the body's lists appear one at a time when
    /// presenting, a page per step (a `. . .` paragraph in the body
    /// pauses too). Default: the section's `incremental`.
    #[schemars(with = "Option<bool>")]
    pub incremental: Option<Spanned<bool>>,
    /// Who made the picture: a small line at its lower edge (on handouts
    /// too). Slides with an image only.
    #[schemars(with = "Option<String>")]
    pub credit: Option<Spanned<String>>,
    /// The slide's own page colour. Text turns light on a dark colour by
    /// itself, unless `text_color` is set. Default: the theme's `background`.
    #[schemars(with = "Option<Colour>")]
    pub background: Option<Spanned<String>>,
    /// A picture covering the slide's page, under everything; relative to
    /// the deck's folder.
    #[schemars(with = "Option<String>")]
    pub background_image: Option<Spanned<String>>,
    /// The colour of the slide's text. Default: the theme's `text_color`; on
    /// a slide with its own `background`, whichever of the theme's
    /// `text_color`, the theme's `background` and white reads best on it.
    #[schemars(with = "Option<Colour>")]
    pub text_color: Option<Spanned<String>>,
    /// What a `cover` or `full` crop keeps in view: `[x, y]`, each from 0
    /// (left, top) to 1 (right, bottom). Default: `[0.5, 0.5]`, the centre.
    #[schemars(with = "Option<FocusRule>")]
    pub focus: Option<Spanned<Vec<f64>>>,
    /// How the slide is arranged: `standard` (the default: title, caption,
    /// image under them), `full` (the image covers the page, the text on a
    /// band), `image-left` / `image-right` (the image beside the text),
    /// `quote` (the caption as a quotation), `statement` (the caption at
    /// display size) or `pair` (two to four pictures side by side, from
    /// `images`). Default: the section's `layout`.
    #[schemars(with = "Option<LayoutNameRule>")]
    pub layout: Option<Spanned<String>>,
    /// `layout: full` only: where the text band goes, `bottom` (the
    /// default) or `top`.
    #[schemars(with = "Option<BandName>")]
    pub band: Option<Spanned<String>>,
    /// `layout: image-left` / `image-right` only: the image's share of the
    /// width, from 0.3 to 0.7. Default: 0.5.
    #[schemars(with = "Option<Split>")]
    pub split: Option<Spanned<f64>>,
    /// `layout: pair` only: two to four pictures side by side, each a path
    /// or `{image, caption, alt, credit, fit, focus}`.
    #[schemars(with = "Option<Vec<RawPairItem>>", length(min = 2, max = 4))]
    pub images: Option<Spanned<Vec<Spanned<RawPairItem>>>>,
    /// `layout: quote` only: who said it, under the quotation.
    #[schemars(with = "Option<String>")]
    pub attribution: Option<Spanned<String>>,
}

/// `page_numbers:` as written: `true`, `false` or a word (`total`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub(crate) enum PageNumbersValue {
    Flag(bool),
    Word(String),
}

/// One entry of a `pair` slide's `images:`: a path, or a mapping.
#[derive(Debug)]
pub(crate) enum RawPairItem {
    Path(String),
    Entry(Box<RawPairImage>),
}

/// An entry of `images:` written as a mapping.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawPairImage {
    /// A PNG, JPEG, GIF, WebP, SVG or PDF file, relative to the deck's
    /// folder.
    #[schemars(with = "String")]
    pub image: Spanned<String>,
    /// The page of a PDF `image` to show, from 1. Default: 1.
    #[schemars(with = "Option<u32>", range(min = 1))]
    pub page: Option<Spanned<i64>>,
    /// Under this picture.
    #[schemars(with = "Option<String>")]
    pub caption: Option<Spanned<String>>,
    /// What the picture shows, for readers who cannot see it.
    #[schemars(with = "Option<String>")]
    pub alt: Option<Spanned<String>>,
    /// Who made this picture: a small line at its lower edge.
    #[schemars(with = "Option<String>")]
    pub credit: Option<Spanned<String>>,
    /// `contain` (the default) or `cover`.
    #[schemars(with = "Option<FitName>")]
    pub fit: Option<Spanned<String>>,
    /// What a `cover` crop keeps in view, `[x, y]` from 0 to 1.
    #[schemars(with = "Option<FocusRule>")]
    pub focus: Option<Spanned<Vec<f64>>>,
}

impl<'de> Deserialize<'de> for RawPairItem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> serde::de::Visitor<'de> for ItemVisitor {
            type Value = RawPairItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a path or a mapping with `image`")
            }
            fn visit_str<E: serde::de::Error>(self, path: &str) -> Result<RawPairItem, E> {
                Ok(RawPairItem::Path(path.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawPairItem, A::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                RawPairImage::deserialize(deserializer)
                    .map(|entry| RawPairItem::Entry(Box::new(entry)))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

impl Serialize for RawPairItem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RawPairItem::Path(path) => path.serialize(serializer),
            RawPairItem::Entry(entry) => entry.serialize(serializer),
        }
    }
}

impl JsonSchema for RawPairItem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PairImage".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let entry = generator.subschema_for::<RawPairImage>();
        schemars::json_schema!({ "anyOf": [{ "type": "string" }, entry] })
    }
}
