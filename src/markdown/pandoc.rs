//! Pandoc's slide conventions, as Beamer and reveal.js read them: `#`
//! starts a section, `##` a slide with that title, a rule a slide without
//! one. Without any `##`, each `#` is a slide (Pandoc's slide level 1).

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

/// The sections of a Pandoc body; slides before the first `#` go in a
/// section named `deck_title` without a divider.
pub(crate) fn sections(
    blocks: &[Block],
    deck_title: &Spanned<String>,
    reading: &mut Reading<'_>,
) -> Vec<RawSection> {
    let slide_level = if blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 2, .. }))
    {
        2
    } else {
        1
    };
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
            Block::Heading { level, at, .. } if *level == slide_level => {
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
