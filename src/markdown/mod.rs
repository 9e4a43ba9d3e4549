//! Markdown decks: a talk written with Pandoc's or Marp's slide
//! conventions, read into the same raw deck a YAML deck is read into,
//! with every value spanned at its place in the `.md` file. Validation,
//! every message, the layouts and every build option then work unchanged;
//! `deckgen import` writes that raw deck out as YAML.

mod blocks;
mod directives;
mod front_matter;
mod import;
mod marp;
mod pandoc;
mod position;
mod slide;

use std::path::Path;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostics, SlidePlace, Span};
use crate::model::raw::{RawDeck, RawSection};
use crate::suggest::did_you_mean;

pub(crate) use import::to_yaml;
use position::Lines;

/// Whether `path` names a Markdown deck: `.md` or `.markdown`.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The slide conventions a Markdown deck follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    Pandoc,
    Marp,
}

impl Convention {
    const NAMES: &'static [&'static str] = &["pandoc", "marp"];
}

/// What the readers of one file share: its lines, its name and the sink.
pub(crate) struct Reading<'a> {
    pub lines: &'a Lines<'a>,
    pub shown: &'a Path,
    pub diagnostics: &'a mut Diagnostics,
    /// Whether the deck follows Marp's conventions.
    pub marp: bool,
}

impl Reading<'_> {
    pub(crate) fn error(&mut self, at: usize, message: impl Into<String>) {
        let span = self.lines.span(at);
        self.diagnostics.error(self.shown, Some(span), message);
    }

    pub(crate) fn note(&mut self, at: usize, message: impl Into<String>) {
        let span = self.lines.span(at);
        self.diagnostics.note(self.shown, Some(span), message);
    }
}

/// Reads Markdown deck `text` (`shown` as the user named it) into a raw
/// deck. `None` when it cannot be read into one; every problem found is
/// reported.
pub(crate) fn read(text: &str, shown: &Path, diagnostics: &mut Diagnostics) -> Option<RawDeck> {
    let lines = Lines::new(text);
    let split = front_matter::split(text);
    let mut front = match &split.yaml {
        Some(yaml) => front_matter::read(yaml, shown, diagnostics)?,
        None => Default::default(),
    };
    let blocks = blocks::read(split.body, split.body_start);
    let convention = match front.convention.take() {
        Some(name) => match name.value.trim() {
            "pandoc" => Convention::Pandoc,
            "marp" => Convention::Marp,
            other => {
                let span = crate::source::span_of(&name.referenced);
                let hint = match did_you_mean(other, Convention::NAMES) {
                    hint if hint.is_empty() => " (expected `pandoc` or `marp`)".to_string(),
                    hint => hint,
                };
                let message = format!("unknown convention `{other}`{hint}");
                diagnostics.error(shown, span, message);
                return None;
            }
        },
        None if front.marp == Some(true) || marp::looks_like_marp(&blocks) => Convention::Marp,
        None => Convention::Pandoc,
    };
    let marp = convention == Convention::Marp;
    if blocks.is_empty() {
        let message = "the deck has no slides (write them after the front matter: a `## Title` starts one, a `---` line too)";
        let span = lines.span(split.body_start);
        diagnostics.error(shown, Some(span), message);
        return None;
    }
    let mut reading = Reading {
        lines: &lines,
        shown,
        diagnostics,
        marp,
    };
    let theme = front.theme(marp, shown, reading.diagnostics);
    let title = front.title.take().or_else(|| {
        // Marp decks are often titled only by their first slide's heading.
        marp.then(|| {
            blocks.iter().find_map(|block| match block {
                blocks::Block::Heading { text, at, .. } => Some(lines.spanned(text.clone(), *at)),
                _ => None,
            })
        })
        .flatten()
    });
    let Some(title) = title else {
        let message = "the deck has no title (give it `title:` in front matter between `---` lines at the top)";
        reading
            .diagnostics
            .error(shown, Some(Span::new(1, 1)), message);
        return None;
    };
    let sections = if marp {
        let drafts = marp::slides(&blocks, split.body_start, &mut reading);
        let slides = drafts
            .into_iter()
            .map(|draft| draft.into_raw(&mut reading))
            .collect();
        vec![RawSection {
            title: Spanned::new(title.value.clone(), title.referenced, title.defined),
            intro: None,
            divider: Some(false),
            transition: None,
            transition_duration: None,
            incremental: None,
            slides: Some(slides),
            layout: None,
        }]
    } else {
        pandoc::sections(&blocks, &title, &mut reading)
    };
    Some(RawDeck {
        title,
        subtitle: front.subtitle,
        author: front.author,
        date: front.date,
        language: front.language,
        title_slide: front.title_slide.or(marp.then_some(false)),
        agenda: front.agenda,
        duration: front.duration,
        transition: front.transition,
        transition_duration: front.transition_duration,
        incremental: front.incremental,
        marp_fragments: marp,
        theme,
        sections: lines.spanned(sections, split.body_start),
    })
}

/// Where the sections and slides of a Markdown deck start, so a problem
/// can say which slide it is on.
#[derive(Debug, Default)]
pub struct SlidePlaces {
    /// Each start, in file order, with the place it opens.
    starts: Vec<(Span, SlidePlace)>,
}

impl SlidePlaces {
    /// The places of Markdown deck `text`.
    pub fn read(text: &str, shown: &Path) -> SlidePlaces {
        let mut scratch = Diagnostics::new();
        let Some(raw) = read(text, shown, &mut scratch) else {
            return SlidePlaces::default();
        };
        let mut starts = Vec::new();
        for (index, section) in raw.sections.value.iter().enumerate() {
            let place = |slide| SlidePlace {
                section: index + 1,
                section_title: Some(section.title.value.clone()),
                slide,
            };
            // A written section (`#`) starts at its heading; the one section
            // of a Marp deck, or of slides before any `#`, has no place.
            if section.divider != Some(false) {
                starts.push((span_of(&section.title), place(None)));
            }
            for (number, slide) in section.slides.iter().flatten().enumerate() {
                starts.push((span_of(slide), place(Some(number + 1))));
            }
        }
        starts.sort_by_key(|(span, _)| *span);
        SlidePlaces { starts }
    }

    /// The section, and the slide in it, that hold `span`.
    pub fn place_of(&self, span: Span) -> Option<SlidePlace> {
        self.starts
            .iter()
            .rfind(|(start, _)| *start <= span)
            .map(|(_, place)| place.clone())
    }
}

fn span_of<T>(value: &Spanned<T>) -> Span {
    crate::source::span_of(&value.referenced).unwrap_or(Span::new(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, line: u32) -> Option<String> {
        let places = SlidePlaces::read(text, Path::new("talk.md"));
        places.place_of(Span::new(line, 1)).map(|p| p.to_string())
    }

    #[test]
    fn problems_are_placed_on_their_slides() {
        let pandoc = "---\ntitle: T\n---\n\n# Part\n\nIntro\n\n## A\n\nx\n\n## B\n\ny\n";
        assert_eq!(place(pandoc, 2), None);
        assert_eq!(place(pandoc, 7).as_deref(), Some("section 1 `Part`"));
        assert_eq!(
            place(pandoc, 11).as_deref(),
            Some("section 1 `Part`, slide 1")
        );
        assert_eq!(
            place(pandoc, 15).as_deref(),
            Some("section 1 `Part`, slide 2")
        );
        // A Marp deck titled by its first heading: that heading is on slide 1.
        let marp = "---\nmarp: true\n---\n\n# First\n\nx\n\n---\n\n# Second\n";
        assert_eq!(
            place(marp, 7).as_deref(),
            Some("section 1 `First`, slide 1")
        );
        assert_eq!(
            place(marp, 11).as_deref(),
            Some("section 1 `First`, slide 2")
        );
    }

    #[test]
    fn markdown_files_are_known_by_their_extension() {
        for (name, markdown) in [
            ("talk.md", true),
            ("a.MARKDOWN", true),
            ("deck.yaml", false),
        ] {
            assert_eq!(is_markdown(Path::new(name)), markdown, "{name}");
        }
    }
}
