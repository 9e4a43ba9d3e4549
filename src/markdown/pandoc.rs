//! Pandoc's slide conventions, as Beamer and reveal.js read them: a
//! heading at the slide level starts a slide with that title, a heading
//! above it a section, a rule a slide without a title. The slide level is
//! `slide-level` when the front matter gives it, else Pandoc's: the
//! highest level of a heading followed directly by content.

use serde_saphyr::Spanned;

use crate::model::raw::{RawSection, RawSlide};

use super::blocks::Block;
use super::slide::Draft;
use super::Reading;

/// A section being read.
struct Open {
    title: Spanned<String>,
    /// Whether the section was written (`#`) or stands for slides before any.
    written: bool,
    /// What comes between its heading and its first slide.
    preamble: Draft,
    slides: Vec<Spanned<RawSlide>>,
}

/// The slide level Pandoc finds in `blocks`: the highest level of a
/// heading followed directly by content (not a heading, not a rule); 6
/// without one. A `#` followed by nothing but plain words and then a `##`
/// does not count: deckgen reads that as a section with an intro.
pub(crate) fn slide_level(blocks: &[Block]) -> u8 {
    let mut level = 6;
    for (index, block) in blocks.iter().enumerate() {
        let Block::Heading { level: this, .. } = block else {
            continue;
        };
        let mut after = blocks[index + 1..].iter();
        let content = match after.next() {
            None | Some(Block::Heading { .. } | Block::Rule { .. }) => false,
            Some(first) => *this != 1 || !an_intro(first, after),
        };
        if content {
            level = level.min(*this);
        }
    }
    level
}

/// Whether `first` and the blocks `after` it up to the next heading are
/// plain words followed by a `##`.
fn an_intro<'a>(first: &Block, mut after: impl Iterator<Item = &'a Block>) -> bool {
    let plain = |block: &Block| matches!(block, Block::Text { rich: false, .. });
    plain(first)
        && after
            .find(|block| !plain(block))
            .is_some_and(|next| matches!(next, Block::Heading { level: 2, .. }))
}

/// The sections of a Pandoc body at `slide_level` (0: only rules start
/// slides); slides before the first section go in a section named
/// `deck_title` without a divider.
pub(crate) fn sections(
    blocks: &[Block],
    deck_title: &Spanned<String>,
    slide_level: u8,
    reading: &mut Reading<'_>,
) -> Vec<RawSection> {
    let mut sections = Vec::new();
    let mut open = Open {
        title: Spanned::new(
            deck_title.value.clone(),
            deck_title.referenced,
            deck_title.defined,
        ),
        written: false,
        preamble: Draft::default(),
        slides: Vec::new(),
    };
    // The slide being read; `None` while in a section's preamble.
    let mut slide: Option<Draft> = None;
    for block in blocks {
        match block {
            Block::Heading {
                level, text, at, ..
            } if *level < slide_level => {
                close_slide(&mut slide, &mut open, reading);
                let done = std::mem::replace(
                    &mut open,
                    Open {
                        title: reading.lines.spanned(text.clone(), *at),
                        written: true,
                        preamble: Draft {
                            start: *at,
                            ..Draft::default()
                        },
                        slides: Vec::new(),
                    },
                );
                sections.extend(finish(done, reading));
            }
            Block::Heading { level, at, .. } if *level == slide_level && slide_level > 0 => {
                close_slide(&mut slide, &mut open, reading);
                let mut draft = Draft {
                    start: *at,
                    ..Draft::default()
                };
                draft.add(block, true, reading);
                slide = Some(draft);
            }
            Block::Rule { at } => {
                close_slide(&mut slide, &mut open, reading);
                slide = Some(Draft {
                    start: *at,
                    ..Draft::default()
                });
            }
            _ => match &mut slide {
                Some(draft) => draft.add(block, false, reading),
                None if open.written => open.preamble.add(block, false, reading),
                None => {
                    let mut draft = Draft {
                        start: block.at(),
                        ..Draft::default()
                    };
                    draft.add(block, false, reading);
                    slide = Some(draft);
                }
            },
        }
    }
    close_slide(&mut slide, &mut open, reading);
    sections.extend(finish(open, reading));
    sections
}

fn close_slide(slide: &mut Option<Draft>, open: &mut Open, reading: &mut Reading<'_>) {
    if let Some(draft) = slide.take() {
        if !draft.is_empty() || !draft.notes.is_empty() {
            open.slides.push(draft.into_raw(reading));
        }
    }
}

/// The section: text alone between its heading and first slide is the
/// divider's intro; anything more makes a slide of it. A section for
/// slides before any `#` exists only when there are some.
fn finish(open: Open, reading: &mut Reading<'_>) -> Option<RawSection> {
    let Open {
        title,
        written,
        preamble,
        mut slides,
    } = open;
    if !written && slides.is_empty() {
        return None;
    }
    let text_only = !preamble.rich
        && preamble.images.is_empty()
        && preamble.backgrounds.is_empty()
        && preamble.keys.is_empty()
        && preamble.notes.is_empty();
    let mut intro = None;
    if text_only {
        if let Some((_, at)) = preamble.texts.first() {
            let texts: Vec<&str> = preamble.texts.iter().map(|(t, _)| t.as_str()).collect();
            intro = Some(reading.lines.spanned(texts.join("\n"), *at));
        }
    } else {
        slides.insert(0, preamble.into_raw(reading));
    }
    Some(RawSection {
        title,
        intro,
        divider: (!written).then_some(false),
        transition: None,
        transition_duration: None,
        incremental: None,
        slides: Some(slides),
        layout: None,
    })
}
