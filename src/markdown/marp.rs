//! Marp's conventions: slides split by `---`, a heading is a slide's
//! title, comments are notes, and `![bg]` pictures fill the page or one
//! side of it.

use serde_saphyr::Spanned;

use crate::model::raw::{RawSection, RawSlide};
use crate::model::SPLIT;

use super::blocks::{Block, Image};
use super::directives::Looks;
use super::front_matter::Levels;
use super::slide::Draft;
use super::Reading;

/// A picture as Marp reads its bracket text.
pub(crate) enum Picture {
    /// `![bg ...]`: part of the page's background.
    Background(Background),
    /// Any other picture, its size hints and filters taken out.
    Inline(Image),
    /// A CSS colour in place of a picture (`![bg](navy)`, `![](#fff)`):
    /// Marp's shorthand for the slide's background or text colour.
    Colour {
        background: bool,
        /// In deckgen's `#rrggbb`.
        colour: String,
        /// Where the picture starts.
        at: usize,
    },
}

/// A `![bg]` picture.
#[derive(Debug)]
pub(crate) struct Background {
    pub image: Image,
    /// `left` or `right`, with the share of the width (`right:40%`).
    pub side: Option<(Side, Option<(f64, usize)>)>,
    /// `contain`/`fit` or `cover`, where given.
    pub fit: Option<(&'static str, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Side {
    Left,
    Right,
}

/// Marp's CSS filters (`sepia`, `blur:10px`...), which deckgen does not
/// draw: a picture is shown as it is.
const FILTERS: &[&str] = &[
    "blur",
    "brightness",
    "contrast",
    "drop-shadow",
    "grayscale",
    "hue-rotate",
    "invert",
    "opacity",
    "saturate",
    "sepia",
];
/// Size hints: `w:600`, `height:30%`...
const SIZE_HINTS: &[&str] = &["w", "h", "width", "height"];

/// What kind of Marp picture keyword `name` is, and what deckgen does
/// instead, as a note says it; `None` for a word that is no keyword (part
/// of the picture's description).
fn unmapped(name: &str, value: &str, background: bool) -> Option<(&'static str, &'static str)> {
    const FITTED: &str = "deckgen fits a background to the page, as `contain` does";
    if SIZE_HINTS.contains(&name) && !value.is_empty() {
        Some(("size hint", "deckgen sizes pictures to their box"))
    } else if FILTERS.contains(&name) {
        let instead = "deckgen shows pictures as they are; `--grayscale` turns a whole deck gray";
        Some(("filter", instead))
    } else if !background {
        None
    } else if name == "auto"
        || name
            .strip_suffix('%')
            .is_some_and(|n| n.parse::<f64>().is_ok())
    {
        Some(("background size", FITTED))
    } else if name == "vertical" {
        Some((
            "picture keyword",
            "deckgen sets several backgrounds side by side",
        ))
    } else if name == "repeat" {
        Some(("picture keyword", "deckgen shows a background once"))
    } else {
        None
    }
}

/// Reads the keywords of `image`'s bracket text.
pub(crate) fn read_image(image: &Image, reading: &mut Reading<'_>) -> Picture {
    let mut background = false;
    let mut side = None;
    let mut fit = None;
    let mut alt = Vec::new();
    let mut offset = 0;
    for word in image.alt.split(' ') {
        let at = image.alt_at + offset;
        offset += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let (name, value) = word.split_once(':').unwrap_or((word, ""));
        match name {
            "bg" => background = true,
            "left" | "right" if background => {
                let share = value
                    .strip_suffix('%')
                    .and_then(|percent| percent.parse::<f64>().ok())
                    .map(|percent| (percent / 100.0, at + name.len() + 1));
                let which = if name == "left" {
                    Side::Left
                } else {
                    Side::Right
                };
                side = Some((which, share));
            }
            "contain" | "fit" if background => fit = Some(("contain", at)),
            "cover" if background => fit = Some(("cover", at)),
            _ => match unmapped(name, value, background) {
                Some((kind, instead)) => {
                    let message = format!("Marp {kind} `{word}` is ignored ({instead})");
                    reading.note(at, message);
                }
                None => alt.push(word),
            },
        }
    }
    let url = image.url.trim();
    if super::directives::parse_css_colour(url).is_some() {
        return Picture::Colour {
            background,
            colour: super::directives::css_colour(url),
            at: image.at,
        };
    }
    let image = Image {
        alt: alt.join(" "),
        ..image.clone()
    };
    if background {
        Picture::Background(Background { image, side, fit })
    } else {
        Picture::Inline(image)
    }
}

/// One `![bg]` makes a `full` slide, or `image-left`/`image-right` with
/// its split; several make a `pair`.
pub(crate) fn place_backgrounds(
    backgrounds: Vec<Background>,
    slide: &mut RawSlide,
    reading: &mut Reading<'_>,
) {
    let lines = reading.lines;
    let mut backgrounds =
        super::slide::at_most_a_pair(backgrounds, |background| background.image.at, reading);
    if backgrounds.len() == 1 {
        let Background { image, side, fit } = backgrounds.remove(0);
        let layout = match side {
            None => "full",
            Some((Side::Left, _)) => "image-left",
            Some((Side::Right, _)) => "image-right",
        };
        slide.layout = Some(lines.spanned(layout.into(), image.at));
        slide.image = Some(lines.spanned(image.url.clone(), image.at));
        slide.alt = super::slide::alt_of(&image, lines);
        if let Some((share, at)) = side.and_then(|(_, share)| share) {
            // Marp takes any share; deckgen's nearest is kept, and said.
            let kept = share.clamp(*SPLIT.start(), *SPLIT.end());
            if kept != share {
                let percent = |share: f64| (share * 100.0).round();
                let message = format!(
                    "a `![bg]` picture takes {}% to {}% of the width in deckgen: {}% is set as {}%",
                    percent(*SPLIT.start()),
                    percent(*SPLIT.end()),
                    percent(share),
                    percent(kept)
                );
                reading.note(at, message);
            }
            if share.is_finite() {
                slide.split = Some(lines.spanned(kept, at));
            }
        }
        if let Some((fit, at)) = fit {
            slide.fit = Some(lines.spanned(fit.into(), at));
        }
        return;
    }
    let at = backgrounds[0].image.at;
    slide.layout = Some(lines.spanned("pair".into(), at));
    let entries = backgrounds
        .into_iter()
        .map(|Background { image, fit, .. }| super::slide::pair_entry(&image, fit, lines))
        .collect();
    slide.images = Some(lines.spanned(entries, at));
}

/// The one section of a Marp deck, named `title`: the slides of
/// `blocks` (see `slides`), less those that showed only pictures that are
/// not there.
pub(crate) fn section(
    blocks: &[Block],
    start: usize,
    first: Looks,
    divider: Option<&Levels>,
    title: &Spanned<String>,
    reading: &mut Reading<'_>,
) -> RawSection {
    let slides = slides(blocks, start, first, divider, reading)
        .into_iter()
        .filter_map(|mut draft| {
            draft.leave_out_missing(reading);
            let shows = !draft.shows_nothing_for_want_of_pictures();
            shows.then(|| draft.into_raw(reading))
        })
        .collect();
    RawSection {
        title: Spanned::new(title.value.clone(), title.referenced, title.defined),
        intro: None,
        divider: Some(false),
        transition: None,
        transition_duration: None,
        incremental: None,
        slides: Some(slides),
        layout: None,
    }
}

/// The slides of a Marp body: one for each part between rules, and
/// before each heading `divider` names (Marp's `headingDivider`), the
/// first heading of each its title. `first` is what the front matter sets
/// for the first slide and, in its `local` part, every slide.
pub(crate) fn slides(
    blocks: &[Block],
    start: usize,
    first: Looks,
    divider: Option<&Levels>,
    reading: &mut Reading<'_>,
) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut carried = Default::default();
    let mut draft = Draft {
        start,
        ..Draft::default()
    };
    let mut first_part = true;
    for block in blocks {
        let divides = match block {
            Block::Rule { .. } => true,
            // A heading right after a rule (or after nothing but comments)
            // starts the slide it is on; no empty slide comes before it.
            Block::Heading { level, .. } => {
                divider.is_some_and(|levels| levels.divides(*level)) && !draft.is_empty()
            }
            _ => false,
        };
        if divides {
            let done = std::mem::replace(
                &mut draft,
                Draft {
                    start: block.at(),
                    ..Draft::default()
                },
            );
            // Marp makes no slide of an empty start before the first `---`.
            if !(first_part && done.is_empty() && done.notes.is_empty()) {
                drafts.push(done);
            }
            first_part = false;
            if let Block::Rule { .. } = block {
                continue;
            }
        }
        if first_part && draft.is_empty() && draft.notes.is_empty() {
            draft.start = block.at();
        }
        draft.add(block, true, reading);
    }
    // A `---` that ends the file starts a slide with nothing on it: Marp
    // shows a blank page, and deckgen, which draws no empty slide, leaves
    // it out.
    if !first_part && draft.is_empty() && draft.notes.is_empty() {
        let message = "the `---` that ends the file starts a slide with nothing on it; Marp shows a blank page, deckgen leaves it out";
        reading.note(draft.start, message);
    } else {
        drafts.push(draft);
    }
    if let Some(opening) = drafts.first_mut() {
        let own = std::mem::replace(&mut opening.looks, first);
        opening.looks.spot(own);
    }
    for draft in &mut drafts {
        draft.looks.carry(&mut carried);
    }
    drafts
}

/// The heading levels that start a Marp slide: the last
/// `<!-- headingDivider: ... -->` comment's, else the front matter's.
pub(crate) fn heading_divider(blocks: &[Block], front: Option<Levels>) -> Option<Levels> {
    blocks
        .iter()
        .rev()
        .find_map(|block| match block {
            Block::Comment { body, .. } => super::directives::heading_divider(body),
            _ => None,
        })
        .or(front)
}

/// Whether the body splits slides by `---` alone: it has a rule, and no
/// part between rules has two headings of level 1 or 2 (Pandoc's slides
/// start at such headings).
pub(crate) fn looks_like_marp(blocks: &[Block]) -> bool {
    let rules = blocks
        .iter()
        .filter(|b| matches!(b, Block::Rule { .. }))
        .count();
    if rules == 0 {
        return false;
    }
    blocks
        .split(|b| matches!(b, Block::Rule { .. }))
        .all(|part| {
            part.iter()
                .filter(|b| matches!(b, Block::Heading { level, .. } if *level <= 2))
                .count()
                <= 1
        })
}
