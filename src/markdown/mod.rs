//! Markdown decks: a talk written with Pandoc's or Marp's slide
//! conventions, read into the same raw deck a YAML deck is read into,
//! with every value spanned at its place in the `.md` file. Validation,
//! every message, the layouts and every build option then work unchanged;
//! `deckgen import` writes that raw deck out as YAML.

mod blocks;
mod detect;
mod directives;
mod front_matter;
mod import;
mod marp;
mod pandoc;
mod position;
mod slide;
mod tools;

use std::path::Path;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostics, SectionAndSlide, Severity, Span};
use crate::model::raw::RawDeck;
use crate::suggest::did_you_mean;

pub(crate) use import::to_yaml;
use position::Lines;
pub(crate) use tools::defined_by;

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

    /// Whether the picture `url` names a file beside the deck that is not
    /// there (a web address never is).
    pub(crate) fn is_missing(&self, url: &str) -> bool {
        crate::image::is_missing(url, crate::folder_of(self.shown))
    }

    /// Warns that the picture `url`, written at `at`, is left out because
    /// its file is not there, as Marp builds such a deck with a broken
    /// picture.
    pub(crate) fn leave_out_missing(&mut self, url: &str, at: usize) {
        let span = self.lines.span(at);
        let message = crate::image::missing_warning(url);
        self.diagnostics.warning(self.shown, Some(span), message);
    }

    /// Whether the picture `url`, written at `at`, is there to show (or is
    /// a web address); one that is not is left out with a warning.
    pub(crate) fn picture_is_there(&mut self, url: &str, at: usize) -> bool {
        let missing = self.is_missing(url);
        if missing {
            self.leave_out_missing(url, at);
        }
        !missing
    }
}

/// Reads Markdown deck `text` (`shown` as the user named it) into a raw
/// deck. `None` when it cannot be read into one; every problem found is
/// reported.
pub(crate) fn read(text: &str, shown: &Path, diagnostics: &mut Diagnostics) -> Option<RawDeck> {
    let lines = Lines::new(text);
    // Later YAML blocks are read first only where they hold keys front
    // matter takes: in a Marp deck a `---` is a slide's rule, and Marp
    // reads no later block. Pandoc reads every later block that is a YAML
    // mapping as metadata, whatever its keys: a Pandoc deck is read again
    // so, when that finds more blocks.
    let mut found = Diagnostics::new();
    let narrow = front_matter::split(text, &front_matter::is_key);
    let narrow_blocks = narrow.yaml.len();
    let mut parts = read_parts(narrow, &lines, shown, &mut found);
    if let Some((_, _, _, Convention::Pandoc)) = parts {
        let wide = front_matter::split(text, &|_| true);
        if wide.yaml.len() > narrow_blocks {
            found = Diagnostics::new();
            parts = read_parts(wide, &lines, shown, &mut found);
        }
    }
    for problem in found.sorted() {
        diagnostics.push(problem.clone());
    }
    let (split, blocks, mut front, convention) = parts?;
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
    let first_looks = front.looks(shown, reading.diagnostics);
    // Without a title, Pandoc makes no title slide and Marp never does.
    let untitled = front.title.is_none();
    let title = deck_title(&mut front, &blocks, &lines, shown);
    let sections = if marp {
        let divider = marp::heading_divider(&blocks, front.heading_divider.take().map(|d| d.value));
        let start = split.body_start;
        let section = marp::section(
            &blocks,
            start,
            first_looks,
            divider.as_ref(),
            &title,
            &mut reading,
        );
        vec![section]
    } else {
        let level = match front.slide_level.take() {
            Some(level) => level.value,
            None => pandoc::slide_level(&blocks),
        };
        pandoc::sections(&blocks, &title, level, &mut reading)
    };
    let transition = front.transition(shown, reading.diagnostics);
    let language = language(&mut front, shown, reading.diagnostics);
    Some(RawDeck {
        title,
        subtitle: front.subtitle.take().map(|s| front_matter::joined(&s, " ")),
        author: front.author_line(),
        // A date that was only a TeX command (`\today`) is none.
        date: front
            .date
            .take()
            .map(|d| front_matter::joined(&d, " "))
            .filter(|d| !d.value.is_empty()),
        language,
        title_slide: front.title_slide.or((marp || untitled).then_some(false)),
        agenda: front.agenda,
        duration: front.duration,
        transition,
        transition_duration: front.transition_duration,
        incremental: front.incremental.map(|incremental| incremental.value),
        marp_fragments: marp,
        theme,
        sections: lines.spanned(sections, split.body_start),
    })
}

/// The file as `split` parts it: its Markdown blocks, its front matter
/// (with the title block's lines) and the conventions it follows.
fn read_parts<'a>(
    mut split: front_matter::Split<'a>,
    lines: &Lines<'_>,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(
    front_matter::Split<'a>,
    Vec<blocks::Block>,
    front_matter::FrontMatter,
    Convention,
)> {
    let blocks = blocks::read(&split.body, split.body_start);
    let mut front = match front_matter::read(&split.yaml, shown, diagnostics) {
        Ok(front) => front?,
        Err(unreadable) => unreadable_front_matter(unreadable, &blocks, diagnostics)?,
    };
    let title_block = split.title_block.take();
    let titled_by_block = title_block.is_some();
    if let Some(block) = title_block {
        front.fill_from(block, lines);
    }
    let convention = convention(&mut front, titled_by_block, &blocks, shown, diagnostics)?;
    Some((split, blocks, front, convention))
}

/// The deck's language, as its front matter says it. Without one a note
/// tells how to say it: a guess could be wrong (a French talk read out as
/// English is worse than none).
fn language(
    front: &mut front_matter::FrontMatter,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Spanned<String>> {
    let language = front.language();
    if language.is_none() {
        let message = "the deck does not say its language, so neither does its PDF, and screen readers guess it (give it one in front matter, such as `lang: en`)";
        diagnostics.note(shown, Some(Span::new(1, 1)), message);
    }
    language
}

/// The conventions the deck follows: as `convention:` says (an unknown
/// name is an error, and `None`), else as detected.
fn convention(
    front: &mut front_matter::FrontMatter,
    titled_by_block: bool,
    blocks: &[blocks::Block],
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Convention> {
    let Some(name) = front.convention.take() else {
        return Some(detect::convention(front, titled_by_block, blocks));
    };
    match name.value.trim() {
        "pandoc" => Some(Convention::Pandoc),
        "marp" => Some(Convention::Marp),
        other => {
            let span = crate::source::span_of(&name.referenced);
            let hint = match did_you_mean(other, Convention::NAMES) {
                hint if hint.is_empty() => " (expected `pandoc` or `marp`)".to_string(),
                hint => hint,
            };
            let message = format!("unknown convention `{other}`{hint}");
            diagnostics.error(shown, span, message);
            None
        }
    }
}

/// The deck's title: the front matter's, else its first heading, else
/// its file's name.
fn deck_title(
    front: &mut front_matter::FrontMatter,
    blocks: &[blocks::Block],
    lines: &Lines<'_>,
    shown: &Path,
) -> Spanned<String> {
    front
        .title
        .take()
        .map(|title| front_matter::joined(&title, " "))
        .or_else(|| {
            blocks.iter().find_map(|block| match block {
                blocks::Block::Heading { text, at, .. } => Some(lines.spanned(text.clone(), *at)),
                _ => None,
            })
        })
        .unwrap_or_else(|| {
            let stem = shown.file_stem().unwrap_or_default().to_string_lossy();
            lines.spanned(stem.into_owned(), 0)
        })
}

/// A front matter that is no mapping of keys at all: a Marp deck leaves
/// it out with a warning, as Marp does; a Pandoc deck is refused, as by
/// Pandoc. Either way an invisible character that keeps a `---` line from
/// ending the front matter is named.
fn unreadable_front_matter(
    unreadable: front_matter::Unreadable,
    blocks: &[blocks::Block],
    diagnostics: &mut Diagnostics,
) -> Option<front_matter::FrontMatter> {
    let hint = front_matter::invisible_fences(&unreadable.yaml);
    let marp = detect::convention(&front_matter::FrontMatter::default(), false, blocks)
        == Convention::Marp;
    for problem in unreadable.problems.sorted() {
        let mut problem = problem.clone();
        if hint.is_some() {
            problem.hint = hint.clone();
        }
        if marp {
            problem.severity = Severity::Warning;
            problem.message = format!(
                "the front matter cannot be read: {}; Marp leaves such a front matter out, and so does deckgen",
                problem.message
            );
        }
        diagnostics.push(problem);
    }
    marp.then(front_matter::FrontMatter::default)
}

/// Where the sections and slides of a Markdown deck start, so a problem
/// can say which slide it is on.
#[derive(Debug, Default)]
pub struct MarkdownSlideStarts {
    /// Each start, in file order, with the place it opens.
    starts: Vec<(Span, SectionAndSlide)>,
}

impl MarkdownSlideStarts {
    /// The places of Markdown deck `text`.
    pub fn read(text: &str, shown: &Path) -> MarkdownSlideStarts {
        let mut scratch = Diagnostics::new();
        let Some(raw) = read(text, shown, &mut scratch) else {
            return MarkdownSlideStarts::default();
        };
        let mut starts = Vec::new();
        for (index, section) in raw.sections.value.iter().enumerate() {
            let place = |slide| SectionAndSlide {
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
        MarkdownSlideStarts { starts }
    }

    /// The section, and the slide in it, that hold `span`.
    pub fn place_of(&self, span: Span) -> Option<SectionAndSlide> {
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
        let places = MarkdownSlideStarts::read(text, Path::new("talk.md"));
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
