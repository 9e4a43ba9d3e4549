//! The front matter: YAML between `---` lines at the top of the file (and
//! in further blocks, as Pandoc allows), or Pandoc's `%` title block, read
//! with the deck's own YAML reader at its lines in the Markdown file.
//!
//! It takes the deck's keys (all but `sections`), `convention`, which
//! forces a convention, and every key Marp or Pandoc defines: the ones
//! deckgen has a counterpart for are mapped onto it, the others get one
//! note each (see `tools`).

mod looks;
mod split;
mod values;

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::body::tex::TexPiece;
use crate::diag::{Diagnostics, Span};
use crate::model::check_front_matter_keys;
use crate::source;

use super::tools;

pub(crate) use split::{invisible_fences, split, Split, TitleBlock};
pub(crate) use values::{Levels, Texts, ThemeKey};

/// The keys the front matter maps beyond the deck's own.
pub(crate) const MARKDOWN_KEYS: &[&str] = &[
    "convention",
    "marp",
    "paginate",
    "class",
    "size",
    "header",
    "footer",
    "lang",
    "aspectratio",
    "slide-level",
    "slide_level",
    "incremental",
    "math",
    "headingDivider",
    "institute",
    "backgroundColor",
    "backgroundImage",
    "color",
    "_class",
    "_backgroundColor",
    "_backgroundImage",
    "_color",
];

/// The front matter as read.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FrontMatter {
    pub title: Option<Spanned<Texts>>,
    pub subtitle: Option<Spanned<Texts>>,
    pub author: Option<Spanned<Texts>>,
    pub date: Option<Spanned<Texts>>,
    pub language: Option<Spanned<String>>,
    pub title_slide: Option<bool>,
    pub agenda: Option<bool>,
    pub duration: Option<Spanned<f64>>,
    pub transition: Option<Spanned<String>>,
    pub transition_duration: Option<Spanned<f64>>,
    /// A deckgen theme (a mapping) or a Marp or Beamer theme's name.
    pub theme: Option<Spanned<ThemeKey>>,
    pub convention: Option<Spanned<String>>,
    pub marp: Option<bool>,
    pub paginate: Option<Spanned<bool>>,
    pub class: Option<Spanned<Texts>>,
    pub size: Option<Spanned<String>>,
    pub header: Option<Spanned<String>>,
    pub footer: Option<Spanned<String>>,
    /// Marp's and Pandoc's name for `language`.
    pub lang: Option<Spanned<String>>,
    /// Beamer's page shape: `169`, `43`, `1610`...
    pub aspectratio: Option<Spanned<Texts>>,
    /// Pandoc's slide level (`slide_level` as some templates spell it).
    #[serde(rename = "slide-level", alias = "slide_level")]
    pub slide_level: Option<Spanned<u8>>,
    /// Pandoc's `incremental`: lists revealed item by item.
    pub incremental: Option<Spanned<bool>>,
    /// Marp's `math`: `katex` or `mathjax`.
    pub math: Option<Spanned<String>>,
    /// Marp's `headingDivider`: the heading levels that start a slide.
    #[serde(rename = "headingDivider")]
    pub heading_divider: Option<Spanned<Levels>>,
    /// Pandoc's authors' affiliations.
    pub institute: Option<Spanned<Texts>>,
    #[serde(rename = "backgroundColor")]
    pub background_color: Option<Spanned<String>>,
    #[serde(rename = "backgroundImage")]
    pub background_image: Option<Spanned<String>>,
    pub color: Option<Spanned<String>>,
    #[serde(rename = "_class")]
    pub first_class: Option<Spanned<Texts>>,
    #[serde(rename = "_backgroundColor")]
    pub first_background_color: Option<Spanned<String>>,
    #[serde(rename = "_backgroundImage")]
    pub first_background_image: Option<Spanned<String>>,
    #[serde(rename = "_color")]
    pub first_color: Option<Spanned<String>>,
    /// How many of the keys deckgen ignores only Marp defines, and how
    /// many only Pandoc's writers do: signs of the deck's conventions.
    #[serde(skip)]
    pub ignored_keys: Option<(usize, usize)>,
}

/// Whether a later YAML block may hold `key`: a deck key, one deckgen
/// maps, one Marp or Pandoc defines, or one Pandoc ignores (ending in `_`).
pub(crate) fn is_key(key: &str) -> bool {
    crate::model::is_deck_key(key)
        || MARKDOWN_KEYS.contains(&key)
        || tools::ignored(key).is_some()
        || key.ends_with('_')
}

/// A YAML block of the front matter that is no mapping of keys at all:
/// Marp leaves such a block out, Pandoc refuses the file.
#[derive(Debug)]
pub(crate) struct Unreadable {
    /// Why the block cannot be read: an error at its place.
    pub problems: Diagnostics,
    /// The block's text, with the lines before it blank.
    pub yaml: String,
}

/// Reads the front matter's YAML `blocks`: every unknown key is reported,
/// every key Marp or Pandoc defines and deckgen ignores is noted, and so
/// are, in one note, the keys nobody defines (a template's). `Ok(None)`
/// means a block could not be read (reported); `Err` that a block is no
/// mapping of keys at all, which is the caller's to report. A later
/// block's value wins over an earlier one's.
pub(crate) fn read(
    blocks: &[String],
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Option<FrontMatter>, Unreadable> {
    let mut front = FrontMatter::default();
    let mut templates = Vec::new();
    for yaml in blocks {
        if yaml.trim().is_empty() {
            continue;
        }
        if !crate::model::is_yaml_mapping(yaml) {
            let mut problems = Diagnostics::new();
            if source::parse::<FrontMatter>(yaml, shown, &mut problems).is_none() {
                let yaml = yaml.clone();
                return Err(Unreadable { problems, yaml });
            }
        }
        let others = tools::names();
        let aside =
            check_front_matter_keys(yaml, shown, diagnostics, MARKDOWN_KEYS, &others, &|name| {
                tools::ignored(name).is_some() || name.ends_with('_')
            });
        let mut ignored = (0, 0);
        for (name, span) in aside.theirs {
            let message = match tools::ignored(&name) {
                Some(key) => {
                    match key.tool {
                        "Marp" | "Marp CLI" => ignored.0 += 1,
                        "Jekyll" => {}
                        tool if !tool.contains("Marp") => ignored.1 += 1,
                        _ => {}
                    }
                    tools::ignored_note(&name, key)
                }
                None => {
                    format!("`{name}` ends in `_`, which Pandoc ignores; deckgen ignores it too")
                }
            };
            diagnostics.note(shown, span, message);
        }
        templates.extend(aside.templates);
        let Some(mut later) = source::parse::<FrontMatter>(yaml, shown, diagnostics) else {
            return Ok(None);
        };
        later.ignored_keys = Some(ignored);
        front.take_over(later);
    }
    if let Some((_, span)) = templates.first() {
        let names: Vec<String> = templates
            .iter()
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        diagnostics.note(shown, *span, templates_note(&names));
    }
    Ok(Some(front))
}

/// The note on front-matter keys nobody defines, `names` written as code.
fn templates_note(names: &[String]) -> String {
    let (are, them) = match names.len() {
        1 => ("is", "it"),
        _ => ("are", "them"),
    };
    format!(
        "{} {are} no key of deckgen's, Marp's or Pandoc's slides (a template's own, most often): Pandoc hands {them} to its template, Marp ignores {them}, and so does deckgen",
        names.join(", ")
    )
}

impl FrontMatter {
    /// `later`'s values over this one's, as Pandoc reads a later block.
    fn take_over(&mut self, later: FrontMatter) {
        macro_rules! over {
            ($($field:ident),*) => {
                let FrontMatter { $($field),* } = later;
                $(if $field.is_some() {
                    self.$field = $field;
                })*
            };
        }
        over!(
            title,
            subtitle,
            author,
            date,
            language,
            title_slide,
            agenda,
            duration,
            transition,
            transition_duration,
            theme,
            convention,
            marp,
            paginate,
            class,
            size,
            header,
            footer,
            lang,
            aspectratio,
            slide_level,
            incremental,
            math,
            heading_divider,
            institute,
            background_color,
            background_image,
            color,
            first_class,
            first_background_color,
            first_background_image,
            first_color,
            ignored_keys
        );
    }

    /// The title block's title, authors and date, where no YAML gives them.
    pub(crate) fn fill_from(&mut self, block: TitleBlock, lines: &super::position::Lines<'_>) {
        if let (None, Some((title, at))) = (&self.title, block.title) {
            self.title = Some(lines.spanned(Texts(vec![title]), at));
        }
        if let (None, Some((authors, at))) = (&self.author, block.authors) {
            self.author = Some(lines.spanned(Texts(authors), at));
        }
        if let (None, Some((date, at))) = (&self.date, block.date) {
            self.date = Some(lines.spanned(Texts(vec![date]), at));
        }
    }

    /// The author line: the authors, then their institutes, as Beamer
    /// sets them on its title slide.
    pub(crate) fn author_line(&mut self) -> Option<Spanned<String>> {
        let authors = self.author.take().map(|a| joined(&a, ", "));
        let institutes = self.institute.take().map(|i| joined(&i, ", "));
        match (authors, institutes) {
            (Some(mut authors), Some(institutes)) => {
                authors.value = format!("{} · {}", authors.value, institutes.value);
                Some(authors)
            }
            (authors, institutes) => authors.or(institutes),
        }
    }

    /// The deck's `transition`, unless it is one of Marp's or reveal.js's
    /// that deckgen has not (noted, and left out).
    pub(crate) fn transition(
        &mut self,
        shown: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<Spanned<String>> {
        let transition = self.transition.take()?;
        let name = transition.value.trim();
        if !tools::OTHER_TRANSITIONS.contains(&name) {
            return Some(transition);
        }
        let message = format!(
            "transition `{name}` is Marp's or reveal.js's, and deckgen has none like it; it is ignored (deckgen's: {})",
            crate::model::TransitionStyle::NAMES.join(", ")
        );
        diagnostics.note(shown, Some(span(&transition)), message);
        None
    }

    /// The deck's `language`: deckgen's key, else Marp's or Pandoc's `lang`.
    pub(crate) fn language(&mut self) -> Option<Spanned<String>> {
        self.language.take().or(self.lang.take())
    }
}

/// `texts` as one text, spanned where they were written.
/// `texts` joined by `separator`, less any HTML tags and TeX commands:
/// Pandoc reads a value as Markdown, and Beamer shows a tag's text, not
/// the tag, and typesets a command (`\today`), which deckgen leaves out.
pub(crate) fn joined(texts: &Spanned<Texts>, separator: &str) -> Spanned<String> {
    let mut text = texts.value.joined(separator);
    if text.contains('<') {
        text = super::blocks::shown_text(&text).unwrap_or(text);
    }
    if crate::body::tex::has_command(&text) {
        let words = crate::body::tex::read(&text)
            .into_iter()
            .map(|piece| match piece {
                TexPiece::Text(words, _) => words,
                TexPiece::Link { text, .. } => text,
                TexPiece::Picture(_) | TexPiece::Dropped(_) => String::new(),
            });
        text = words.collect::<String>().trim().to_string();
    }
    Spanned::new(text, texts.referenced, texts.defined)
}

fn span<T>(value: &Spanned<T>) -> Span {
    span_of(&value.referenced)
}

fn span_of(location: &serde_saphyr::Location) -> Span {
    source::span_of(location).unwrap_or(Span::new(1, 1))
}

fn clone_spanned<T: Clone>(value: &Spanned<T>) -> Spanned<T> {
    Spanned::new(value.value.clone(), value.referenced, value.defined)
}
