//! The validated deck: what layout and the PDF writer trust without checking.
//!
//! A [`Deck`] comes only out of [`parse_and_validate`] (or, for a deck read
//! from Markdown, `validate_raw`): paths are resolved,
//! colours parsed, enums known, and every value keeps its [`Span`] so later
//! stages can still point at the line a warning is about.

mod arrangement;
mod choices;
mod content;
mod extends;
mod keys;
mod layout_keys;
mod places;
pub(crate) mod raw;
mod schema;
mod strings;
mod theme;
mod transition;
pub(crate) mod tree;
mod validate;
mod values;

use std::borrow::Cow;
use std::path::PathBuf;

use crate::body::Body;
use crate::color::Color;
pub use crate::diag::FileRef;
use crate::diag::Span;

pub use arrangement::{Band, Focus, LayoutName, Side, DEFAULT_SPLIT, PAIR_IMAGES, SPLIT};
pub(crate) use keys::{check_front_matter_keys, check_slide_keys, is_deck_key, is_yaml_mapping};
pub use places::SlideStarts;
pub use schema::deck_schema;
pub use strings::{StringKey, Strings};
pub use theme::{
    Aspect, FontChoice, LogoPosition, PageNumbers, Preset, Theme, MAX_PPI, MEGAPIXELS,
};
pub use transition::{Dimension, Direction, Motion, Transition, TransitionStyle};
pub use validate::parse_and_validate;
pub(crate) use validate::{parse_and_validate_plain, validate_raw};

/// A piece of text with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

/// A caption (a slide's, a quotation, a statement, a picture's in a
/// `pair`): its text, and the formulas written in it, typeset.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// As written; in a caption without formulas, `\$` is read as `$`.
    pub text: Text,
    /// Its words and formulas in order, when it holds a formula (`$..$`,
    /// `\(..\)`, `$$..$$`, `\[..\]`, as in a body); `None` for words alone.
    pub formulas: Option<Vec<crate::body::Inline>>,
}

/// A whole deck, validated. Built only by [`parse_and_validate`]; read
/// through its accessors.
#[derive(Debug, Clone)]
pub struct Deck {
    file: PathBuf,
    meta: Meta,
    theme: Theme,
    title_slide: bool,
    agenda: bool,
    duration: Option<u32>,
    transition: TransitionChoice,
    sections: Vec<Section>,
    strings: Strings,
}

impl Deck {
    /// The deck file as the user named it, for messages.
    pub fn file(&self) -> &std::path::Path {
        &self.file
    }
    /// Deck-level facts: the title slide and the PDF metadata.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }
    /// The look of the deck.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    /// Whether the deck opens with a title slide. Default: true.
    pub fn title_slide(&self) -> bool {
        self.title_slide
    }
    /// Whether a slide listing the sections follows the title slide. Default: false.
    pub fn agenda(&self) -> bool {
        self.agenda
    }
    /// How long the talk should take, in minutes (for presenter consoles).
    pub fn duration(&self) -> Option<u32> {
        self.duration
    }
    /// The transition of every page that sets none nearer.
    pub fn transition(&self) -> TransitionChoice {
        self.transition
    }
    /// At least one section.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
    /// The words deckgen writes by itself (the key `strings`), in the
    /// deck's language.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }
    /// Every piece of text the deck writes on its pages (notes included,
    /// for notes pages, and the built-in words), in deck order, each with
    /// its place in the deck file where it has one (a slide's notes: the
    /// slide's).
    pub fn texts(&self) -> impl Iterator<Item = (&str, Option<Span>)> {
        let meta = &self.meta;
        fn placed(text: &Text) -> (&str, Option<Span>) {
            (text.text.as_str(), Some(text.span))
        }
        let deck_level = [
            Some(&meta.title),
            meta.subtitle.as_ref(),
            meta.author.as_ref(),
            meta.date.as_ref(),
        ];
        // The footer may come from a theme file: no place in the deck.
        let footer = self.theme.footer().map(|text| (text.text.as_str(), None));
        let sections = self.sections.iter().flat_map(move |section| {
            let own = [Some(&section.title), section.intro.as_ref()];
            let slides = section.slides.iter().flat_map(move |slide| {
                let own = [slide.title.as_ref(), slide.credit.as_ref()];
                let notes = slide
                    .notes
                    .as_deref()
                    .map(|notes| (notes, Some(slide.span)));
                let body = slide.body.iter().flat_map(|body| {
                    let place = Some(body.span);
                    body.texts().into_iter().map(move |text| (text, place))
                });
                own.into_iter()
                    .flatten()
                    .chain(slide.content.texts())
                    .map(placed)
                    .chain(body)
                    .chain(notes)
            });
            own.into_iter().flatten().map(placed).chain(slides)
        });
        deck_level
            .into_iter()
            .flatten()
            .map(placed)
            .chain(footer)
            .chain(sections)
            .chain(self.strings.all().map(|word| (word, None)))
    }
    /// The code of the deck's bodies to highlight: all of it when the deck
    /// was read plain, for [`Deck::put_highlighted`].
    pub(crate) fn code_to_highlight(&mut self) -> crate::body::CodeToHighlight {
        crate::body::CodeToHighlight::of(self.bodies_mut())
    }
    /// Puts the highlighted code of [`Deck::code_to_highlight`] back.
    pub(crate) fn put_highlighted(&mut self, code: crate::body::HighlightedCode) {
        code.put_into(self.bodies_mut());
    }
    fn bodies_mut(&mut self) -> impl Iterator<Item = &mut Body> {
        self.sections
            .iter_mut()
            .flat_map(|section| &mut section.slides)
            .filter_map(|slide| slide.body.as_mut())
    }
    /// Every image file the deck names, in the order it uses them (the
    /// logo first).
    pub fn image_files(&self) -> impl Iterator<Item = &FileRef> {
        self.theme.logo().into_iter().chain(
            self.sections
                .iter()
                .flat_map(|section| &section.slides)
                .flat_map(Slide::image_files),
        )
    }
}

/// Deck-level facts: the title slide and the PDF metadata.
#[derive(Debug, Clone)]
pub struct Meta {
    title: Text,
    subtitle: Option<Text>,
    author: Option<Text>,
    date: Option<Text>,
    language: Option<String>,
}

impl Meta {
    /// The talk's title.
    pub fn title(&self) -> &Text {
        &self.title
    }
    /// Under the title on the title slide.
    pub fn subtitle(&self) -> Option<&Text> {
        self.subtitle.as_ref()
    }
    /// The speaker.
    pub fn author(&self) -> Option<&Text> {
        self.author.as_ref()
    }
    /// Free text, as written.
    pub fn date(&self) -> Option<&Text> {
        self.date.as_ref()
    }
    /// A BCP 47 tag such as `en` or `de-CH`.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }
}

/// A section: a divider slide, a bookmark, and its slides.
#[derive(Debug, Clone)]
pub struct Section {
    title: Text,
    intro: Option<Text>,
    divider: bool,
    transition: TransitionChoice,
    slides: Vec<Slide>,
}

impl Section {
    /// On its divider, its bookmark, and its slides without a title.
    pub fn title(&self) -> &Text {
        &self.title
    }
    /// A short paragraph on the divider slide.
    pub fn intro(&self) -> Option<&Text> {
        self.intro.as_ref()
    }
    /// Whether to emit a divider slide. Default: true.
    pub fn divider(&self) -> bool {
        self.divider
    }
    /// The transition of the divider and the slides that set none.
    pub fn transition(&self) -> TransitionChoice {
        self.transition
    }
    /// The section's slides, in order.
    pub fn slides(&self) -> &[Slide] {
        &self.slides
    }
}

/// One content slide.
#[derive(Debug, Clone)]
pub struct Slide {
    span: Span,
    id: Option<Text>,
    title: Option<Text>,
    /// `title: ""`: the slide shows no title at all, not even its section's.
    untitled: bool,
    content: Content,
    body: Option<Body>,
    fit: Fit,
    focus: Focus,
    credit: Option<Text>,
    background: Option<Color>,
    background_image: Option<FileRef>,
    text_color: Option<Color>,
    notes: Option<String>,
    link: Option<Link>,
    transition: TransitionChoice,
}

impl Slide {
    /// Where the slide's mapping starts.
    pub fn span(&self) -> Span {
        self.span
    }
    /// A name for the slide, unique in the deck: a link target and a named
    /// destination in the PDF (`talk.pdf#results`).
    pub fn id(&self) -> Option<&Text> {
        self.id.as_ref()
    }
    /// The slide's own title; `None` means it shows the section's title,
    /// unless it is [`untitled`](Slide::untitled).
    pub fn title(&self) -> Option<&Text> {
        self.title.as_ref()
    }
    /// Whether the slide shows no title (`title: ""`, or a Markdown slide
    /// with no heading): its content takes the title's room.
    pub fn untitled(&self) -> bool {
        self.untitled
    }
    /// What the slide shows.
    pub fn content(&self) -> &Content {
        &self.content
    }
    /// The slide's caption, whatever else it shows.
    pub fn caption(&self) -> Option<&Caption> {
        self.content.caption()
    }
    /// The blocks under the caption (`body:`, a Markdown slide's content):
    /// in the layouts that have a caption, which then stands as a lead
    /// above the body. A standard slide with only a body has
    /// [`Content::Body`].
    pub fn body(&self) -> Option<&Body> {
        self.body.as_ref()
    }
    /// How the image fills its box.
    pub fn fit(&self) -> Fit {
        self.fit
    }
    /// What a `cover` or `full` crop keeps in view. Default: the centre.
    pub fn focus(&self) -> Focus {
        self.focus
    }
    /// Who made the slide's picture, a small line at its lower edge.
    pub fn credit(&self) -> Option<&Text> {
        self.credit.as_ref()
    }
    /// The slide's own page colour. Default: the theme's.
    pub fn background(&self) -> Option<Color> {
        self.background
    }
    /// A picture covering the page under everything.
    pub fn background_image(&self) -> Option<&FileRef> {
        self.background_image.as_ref()
    }
    /// The slide's own text colour. Default: the theme's, or light on a
    /// dark `background`.
    pub fn text_color(&self) -> Option<Color> {
        self.text_color
    }
    /// Speaker notes, never drawn on a slide.
    pub fn notes(&self) -> Option<&str> {
        self.notes.as_deref()
    }
    /// Where clicking the image leads.
    pub fn link(&self) -> Option<&Link> {
        self.link.as_ref()
    }
    /// The slide's own transition choices.
    pub fn transition(&self) -> TransitionChoice {
        self.transition
    }
    /// How many steps the slide is shown in when presenting: one, unless
    /// its body pauses or shows the items of a list one at a time.
    pub fn step_count(&self) -> usize {
        self.body.as_ref().map_or(1, Body::step_count)
    }
    /// The slide as shown at each of its steps, in order: what a step does
    /// not show yet keeps its room and is not drawn ([`Body::at_step`]).
    /// The last step is the slide itself, all of it shown.
    pub fn steps(&self) -> Vec<Cow<'_, Slide>> {
        let count = self.step_count();
        (1..=count)
            .map(|step| match &self.body {
                Some(body) if step < count => Cow::Owned(Slide {
                    body: Some(body.at_step(step)),
                    ..self.clone()
                }),
                _ => Cow::Borrowed(self),
            })
            .collect()
    }
    /// Every image file the slide shows: its background, its content's,
    /// then its body's pictures.
    pub fn image_files(&self) -> impl Iterator<Item = &FileRef> {
        let body = self.body.iter().flat_map(|body| body.images());
        self.background_image
            .iter()
            .chain(self.content.images())
            .chain(body.map(|(image, _)| image))
    }
    /// Every image the slide shows that has no `alt`, its body's included.
    pub fn images_without_alt(&self) -> Vec<&FileRef> {
        let body = self.body.iter().flat_map(|body| body.images());
        let in_body = body
            .filter(|(_, alt)| alt.is_none())
            .map(|(image, _)| image);
        let mut images = self.content.images_without_alt();
        images.extend(in_body);
        images
    }
}

/// What a content slide shows: never nothing.
#[derive(Debug, Clone)]
pub enum Content {
    /// Only a caption, set large in the middle; with a body, a lead above it.
    Caption(Caption),
    /// Only a body ([`Slide::body`]), under the title.
    Body,
    /// Only an image, under the title.
    Image {
        image: FileRef,
        /// What the image shows; `None` when the deck does not say.
        alt: Option<Alt>,
    },
    /// A caption under the title, the image under it.
    CaptionAndImage {
        /// The text under the title.
        caption: Caption,
        /// The picture in the rest of the page.
        image: FileRef,
        alt: Option<Alt>,
    },
    /// `layout: full`: the image covers the page, the title and caption
    /// stand on a band across it.
    Full {
        image: FileRef,
        alt: Option<Alt>,
        caption: Option<Caption>,
        band: Band,
    },
    /// `layout: image-left` or `image-right`: the image takes `split` of the
    /// width on its `side`, the text stands on the other.
    Beside {
        image: FileRef,
        alt: Option<Alt>,
        caption: Option<Caption>,
        side: Side,
        /// The image's share of the width, within [`SPLIT`].
        split: f64,
    },
    /// `layout: quote`: the caption as a quotation, who said it under it.
    Quote {
        quote: Caption,
        attribution: Option<Text>,
    },
    /// `layout: statement`: the caption at display size.
    Statement(Caption),
    /// `layout: pair`: pictures side by side, each with its caption under
    /// it, the slide's caption under all of them.
    Pair {
        /// Two to four ([`PAIR_IMAGES`]).
        images: Vec<PairImage>,
        caption: Option<Caption>,
    },
}

/// What an image is for a reader who cannot see it (`alt:`).
#[derive(Debug, Clone, PartialEq)]
pub enum Alt {
    /// What the image shows, read in its place.
    Text(Text),
    /// `alt: ""`: the image only decorates and is skipped.
    Decorative(Span),
}

/// One picture of a `pair` slide.
#[derive(Debug, Clone)]
pub struct PairImage {
    pub image: FileRef,
    /// Under this picture.
    pub caption: Option<Caption>,
    /// What the picture shows, for readers who cannot see it.
    pub alt: Option<Alt>,
    /// Who made the picture: a small line at its lower edge.
    pub credit: Option<Text>,
    pub fit: Fit,
    pub focus: Focus,
}

impl Content {
    /// The caption, if the slide has one.
    pub fn caption(&self) -> Option<&Caption> {
        match self {
            Content::Caption(caption)
            | Content::CaptionAndImage { caption, .. }
            | Content::Quote { quote: caption, .. }
            | Content::Statement(caption) => Some(caption),
            Content::Full { caption, .. }
            | Content::Beside { caption, .. }
            | Content::Pair { caption, .. } => caption.as_ref(),
            Content::Image { .. } | Content::Body => None,
        }
    }

    /// Every text the slide's content draws besides its title: the caption,
    /// a quote's attribution, the captions under a pair's pictures.
    pub fn texts(&self) -> Vec<&Text> {
        let mut texts: Vec<&Text> = self
            .caption()
            .map(|caption| &caption.text)
            .into_iter()
            .collect();
        match self {
            Content::Quote {
                attribution: Some(attribution),
                ..
            } => texts.push(attribution),
            Content::Pair { images, .. } => {
                let own = images.iter().flat_map(|entry| {
                    let caption = entry.caption.as_ref().map(|caption| &caption.text);
                    [caption, entry.credit.as_ref()]
                });
                texts.extend(own.flatten())
            }
            _ => {}
        }
        texts
    }

    /// What the slide's image shows (`alt:`), on layouts with one image;
    /// `None` when the slide has no such image or its `alt` is not written.
    pub fn alt(&self) -> Option<&Alt> {
        match self {
            Content::Image { alt, .. }
            | Content::CaptionAndImage { alt, .. }
            | Content::Full { alt, .. }
            | Content::Beside { alt, .. } => alt.as_ref(),
            Content::Caption(_)
            | Content::Body
            | Content::Quote { .. }
            | Content::Statement(_)
            | Content::Pair { .. } => None,
        }
    }

    /// Every image the slide shows that has no `alt`, in order.
    pub fn images_without_alt(&self) -> Vec<&FileRef> {
        match self {
            Content::Image { image, alt: None }
            | Content::CaptionAndImage {
                image, alt: None, ..
            }
            | Content::Full {
                image, alt: None, ..
            }
            | Content::Beside {
                image, alt: None, ..
            } => vec![image],
            Content::Pair { images, .. } => images
                .iter()
                .filter(|entry| entry.alt.is_none())
                .map(|entry| &entry.image)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Every image the slide shows, in order.
    pub fn images(&self) -> Vec<&FileRef> {
        match self {
            Content::Image { image, .. }
            | Content::CaptionAndImage { image, .. }
            | Content::Full { image, .. }
            | Content::Beside { image, .. } => vec![image],
            Content::Pair { images, .. } => images.iter().map(|entry| &entry.image).collect(),
            Content::Caption(_) | Content::Body | Content::Quote { .. } | Content::Statement(_) => {
                Vec::new()
            }
        }
    }
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// A URL such as `https://example.org`.
    Url(String),
    /// The slide with this `id` (written `#id`).
    Slide(Text),
}

impl Link {
    /// The link `written` at `span`: `#id` of a slide (whether a slide has
    /// that id is checked once all slides are read), or a URL with a
    /// scheme. The error is the message to report at `span`.
    pub(crate) fn read(written: &str, span: Span) -> Result<Link, String> {
        let link = written.trim();
        if let Some(id) = link.strip_prefix('#') {
            return Ok(Link::Slide(Text {
                text: id.to_string(),
                span,
            }));
        }
        let scheme_ok = link.split_once(':').is_some_and(|(scheme, rest)| {
            !rest.is_empty()
                && scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        });
        if scheme_ok && !link.contains(char::is_whitespace) {
            Ok(Link::Url(link.to_string()))
        } else {
            Err(format!("invalid link `{link}` (expected a URL such as `https://example.org`, or `#id` of a slide)"))
        }
    }
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
