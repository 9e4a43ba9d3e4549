//! From the raw YAML values to a [`Deck`], collecting every problem.

use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::body::{Body, DeckLines, ListSteps};
use crate::color::Color;
use crate::diag::{Diagnostics, Span};
use crate::source;

use super::arrangement::{Focus, LayoutName};
use super::keys::check_keys;
use super::raw::{RawDeck, RawSection, RawSlide, RawStrings, RawTheme};
use super::theme::Preset;
use super::values::normalize;
use super::{Deck, Fit, Link, Meta, Section, Slide, StringKey, Strings, Text, Theme};

/// The most characters a text field may hold; notes may be longer.
pub const LONGEST_TEXT: usize = 10_000;
pub const LONGEST_NOTES: usize = 100_000;
/// The most slides a deck may have (sections count as slides for this).
pub const MOST_SLIDES: usize = 10_000;

/// Parses deck `text` and validates it. `shown` is the deck file as the user
/// named it; relative paths in the deck resolve against `deck_dir`.
///
/// Returns `None` only when the YAML could not be read into a deck at all.
/// Otherwise every problem with a value is reported and the deck comes back
/// with defaults in their place, so the files it names can still be checked;
/// the caller must not build from it when `diagnostics` has errors.
pub fn parse_and_validate(
    text: &str,
    shown: &Path,
    deck_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Deck> {
    let mut deck = parse_and_validate_plain(text, shown, deck_dir, diagnostics)?;
    let code = deck.code_to_highlight();
    deck.put_highlighted(code.highlight());
    Some(deck)
}

/// [`parse_and_validate`], the deck's code left plain: a build highlights
/// it ([`Deck::code_to_highlight`]) while it loads the images.
pub(crate) fn parse_and_validate_plain(
    text: &str,
    shown: &Path,
    deck_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Deck> {
    let has_content = text
        .lines()
        .any(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'));
    if !has_content {
        let message = "the deck file is empty (a deck needs at least `title` and `sections`)";
        diagnostics.error(shown, Some(Span::new(1, 1)), message);
        return None;
    }
    let keys_checked = check_keys(text, shown, diagnostics);
    let raw: RawDeck = source::parse(text, shown, diagnostics)?;
    if !keys_checked {
        // Never build from a deck whose typos went unseen.
        let message = "cannot check this deck's keys (its YAML reads differently as plain data)";
        diagnostics.error(shown, None, message);
    }
    let lines = DeckLines::new(text);
    let mut checker = Checker {
        shown,
        deck_dir,
        deck_lines: Some(&lines),
        markdown: false,
        diagnostics,
        lists: ListSteps::default(),
        math_macros: crate::math::Macros::default(),
    };
    Some(checker.deck(raw))
}

/// Validates a deck read by another reader (a Markdown deck) into the
/// same raw values the YAML reader makes, with spans in its file; its code
/// is left plain, as [`parse_and_validate_plain`] leaves it.
pub(crate) fn validate_raw(
    raw: RawDeck,
    shown: &Path,
    deck_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Deck {
    // A Markdown slide's body is a part of the file as written.
    let mut checker = Checker {
        shown,
        deck_dir,
        deck_lines: None,
        markdown: true,
        diagnostics,
        lists: ListSteps::default(),
        math_macros: crate::math::Macros::default(),
    };
    checker.deck(raw)
}

pub(super) struct Checker<'a> {
    pub(super) shown: &'a Path,
    pub(super) deck_dir: &'a Path,
    /// The YAML deck's lines, to place problems inside a `body` scalar;
    /// `None` where a body is copied from the file as is (Markdown decks).
    pub(super) deck_lines: Option<&'a DeckLines<'a>>,
    /// Whether the deck is a Markdown deck, whose links and pictures are
    /// read as Marp and Pandoc read them (see `body::Context::markdown`).
    pub(super) markdown: bool,
    pub(super) diagnostics: &'a mut Diagnostics,
    /// Which lists of the slide being read show their items one at a time.
    pub(super) lists: ListSteps,
    /// The theme's math macros, which every formula in a body may use.
    pub(super) math_macros: crate::math::Macros,
}

pub(super) fn span(value: &Spanned<impl Sized>) -> Span {
    source::span_of(&value.referenced).unwrap_or(Span::new(1, 1))
}

impl Checker<'_> {
    pub(super) fn error(&mut self, span: Span, message: String) {
        self.diagnostics.error(self.shown, Some(span), message);
    }

    fn deck(&mut self, raw: RawDeck) -> Deck {
        let title = self.required_text("title", raw.title);
        let language_span = raw.language.as_ref().map(span);
        let language = raw.language.and_then(|tag| self.language(tag));
        let mut raw_theme = raw.theme.unwrap_or_default();
        let deck_strings = raw_theme.strings.take();
        // The theme first: the formulas in bodies use its macros.
        let (theme, file_strings) = self.theme(raw_theme);
        self.math_macros = theme.math_macros().clone();
        if raw.sections.value.is_empty() {
            self.error(
                span(&raw.sections),
                "`sections` must list at least one section".into(),
            );
        }
        let sections_span = span(&raw.sections);
        self.lists.marp_fragments = raw.marp_fragments;
        let mut sections: Vec<Section> = raw
            .sections
            .value
            .into_iter()
            .map(|s| self.section(s, raw.incremental))
            .collect();
        let slides: usize = sections.iter().map(|s| 1 + s.slides.len()).sum();
        if slides > MOST_SLIDES {
            let message = format!(
                "the deck has {slides} sections and slides; the most deckgen builds is {MOST_SLIDES} (split the talk into several decks)"
            );
            self.error(sections_span, message);
        }
        self.check_ids_and_links(&mut sections);
        let title_slide = raw.title_slide.unwrap_or(true);
        let pages = usize::from(title_slide)
            + sections
                .iter()
                .map(|s| usize::from(s.divider) + s.slides.len())
                .sum::<usize>();
        if pages == 0 && !sections.is_empty() {
            let message = "the deck has no pages (`title_slide` is false and no section has a divider or slides)";
            self.error(sections_span, message.into());
        }
        let given = RawStrings::over(deck_strings, file_strings);
        let strings = self.strings(language.as_deref(), language_span, given);
        Deck {
            file: self.shown.to_path_buf(),
            meta: Meta {
                title,
                subtitle: self.optional_text("subtitle", raw.subtitle),
                author: self.optional_text("author", raw.author),
                date: self.optional_text("date", raw.date),
                language,
            },
            theme,
            title_slide,
            agenda: raw.agenda.unwrap_or(false),
            duration: raw.duration.and_then(|minutes| self.minutes(minutes)),
            transition: self.transition_choice(raw.transition, raw.transition_duration),
            sections,
            strings,
        }
    }

    /// The built-in words for `language`, with the deck's `strings` in
    /// their place; English, with a note, for a language deckgen has none for.
    fn strings(
        &mut self,
        language: Option<&str>,
        language_span: Option<Span>,
        given: Option<RawStrings>,
    ) -> Strings {
        let mut strings = match language.map(|tag| (tag, Strings::builtin(tag))) {
            None => Strings::default(),
            Some((_, Some(builtin))) => builtin,
            Some((tag, None)) => {
                let message = format!(
                    "deckgen has no built-in words for language `{tag}`; dividers, the agenda and handouts say them in English (set `theme.strings` to change them)"
                );
                self.diagnostics.note(self.shown, language_span, message);
                Strings::default()
            }
        };
        let given = given.unwrap_or_default();
        let given = [
            (StringKey::Section, given.section),
            (StringKey::Agenda, given.agenda),
            (StringKey::PageOf, given.page_of),
            (StringKey::NotesContinued, given.notes_continued),
            (StringKey::Title, given.title),
            (StringKey::OpenQuote, given.open_quote),
            (StringKey::CloseQuote, given.close_quote),
        ];
        for (key, text) in given {
            if let Some(text) = text {
                strings.set(key, text.value.trim().to_string());
            }
        }
        strings
    }

    /// The deck's theme over the theme files it extends: the nearest
    /// file's keys win over the farther ones', and the deck's own win over
    /// all; the preset is the nearest one set. Also the `strings` the
    /// theme files set, the nearest file's winning, for the deck's own to
    /// go over.
    fn theme(&mut self, mut raw: RawTheme) -> (Theme, Option<RawStrings>) {
        let files = self.theme_files(raw.extends.take());
        let read: Vec<PathBuf> = files.iter().map(|file| file.shown.clone()).collect();
        let mut presets = Vec::new();
        let mut levels = Vec::new();
        let mut strings = None;
        for mut file in files.into_iter().rev() {
            strings = RawStrings::over(file.raw.strings.take(), strings);
            let mut checker = Checker {
                shown: &file.shown,
                deck_dir: &file.dir,
                deck_lines: None,
                markdown: false,
                diagnostics: &mut *self.diagnostics,
                lists: ListSteps::default(),
                math_macros: crate::math::Macros::default(),
            };
            presets.push(file.raw.preset.take().and_then(|name| checker.preset(name)));
            levels.push(file);
        }
        presets.push(raw.preset.take().and_then(|name| self.preset(name)));
        let preset = presets.into_iter().flatten().last();
        let mut theme = preset.unwrap_or(Preset::Light).theme();
        for file in levels {
            let mut checker = Checker {
                shown: &file.shown,
                deck_dir: &file.dir,
                deck_lines: None,
                markdown: false,
                diagnostics: &mut *self.diagnostics,
                lists: ListSteps::default(),
                math_macros: crate::math::Macros::default(),
            };
            if let Some(preset) = preset {
                checker.note_preset_overrides(&file.raw, preset);
            }
            theme = checker.theme_keys(file.raw, theme);
        }
        if let Some(preset) = preset {
            self.note_preset_overrides(&raw, preset);
        }
        let theme = Theme {
            files: read,
            ..self.theme_keys(raw, theme)
        };
        (theme, strings)
    }

    /// Notes each colour and type size `raw` sets to other than what the
    /// chosen `preset` gives: such a key wins over the preset, so a deck
    /// that sets `background` and switches to `preset: dark` stays light.
    fn note_preset_overrides(&mut self, raw: &RawTheme, preset: Preset) {
        let given = preset.theme();
        let name = preset.name();
        let colours = [
            ("background", &raw.background, given.background),
            ("text_color", &raw.text_color, given.text_color),
            ("accent", &raw.accent, given.accent),
        ];
        let mut overrides = Vec::new();
        for (key, value, preset_value) in colours {
            let Some(value) = value else { continue };
            if let Some(colour) = Color::parse(value.value.trim()).filter(|c| *c != preset_value) {
                let written = format!("\"{colour}\"");
                overrides.push((key, span(value), written, preset_value.to_string()));
            }
        }
        let sizes = [
            ("title_size", &raw.title_size, given.title_size),
            ("caption_size", &raw.caption_size, given.caption_size),
        ];
        for (key, value, preset_value) in sizes {
            let Some(value) = value else { continue };
            if value.value != preset_value.0 {
                overrides.push((
                    key,
                    span(value),
                    value.value.to_string(),
                    preset_value.0.to_string(),
                ));
            }
        }
        for (key, at, value, preset_value) in overrides {
            let message = format!(
                "`{key}: {value}` wins over the `{name}` preset's {preset_value} (leave `{key}` out to use the preset's)"
            );
            self.diagnostics.note(self.shown, Some(at), message);
        }
    }

    /// `base` with the keys `raw` sets (all but `preset` and `extends`).
    fn theme_keys(&mut self, raw: RawTheme, base: Theme) -> Theme {
        Theme {
            preset: base.preset,
            aspect: raw.aspect.map_or(base.aspect, |a| self.aspect(a)),
            font: match raw.font {
                Some(value) => self.font_choice("font", value),
                None => base.font,
            },
            bold_font: match raw.bold_font {
                Some(value) => self.font_choice("bold_font", value),
                None => base.bold_font,
            },
            mono_font: match raw.mono_font {
                Some(value) => self.font_choice("mono_font", value),
                None => base.mono_font,
            },
            font_paths: match raw.font_paths {
                Some(folders) => folders
                    .into_iter()
                    .filter_map(|folder| self.file_ref("font_paths", folder))
                    .collect(),
                None => base.font_paths,
            },
            background: self.color("background", raw.background, base.background),
            text_color: self.color("text_color", raw.text_color, base.text_color),
            accent: self.color("accent", raw.accent, base.accent),
            error_color: self.color("error_color", raw.error_color, base.error_color),
            math_macros: match raw.math_macros {
                Some(macros) => self.math_macros(macros, base.math_macros),
                None => base.math_macros,
            },
            title_size: self.size("title_size", raw.title_size, base.title_size),
            caption_size: self.size("caption_size", raw.caption_size, base.caption_size),
            page_numbers: raw
                .page_numbers
                .map_or(base.page_numbers, |value| self.page_numbers(value)),
            progress: raw.progress.unwrap_or(base.progress),
            footer: match raw.footer {
                Some(footer) => self.optional_text("footer", Some(footer)),
                None => base.footer,
            },
            fullscreen: raw
                .present
                .and_then(|present| present.fullscreen)
                .unwrap_or(base.fullscreen),
            max_ppi: match raw.max_ppi {
                Some(ppi) => self.max_ppi(ppi),
                None => base.max_ppi,
            },
            max_pixels: match raw.max_megapixels {
                Some(megapixels) => self.max_pixels(megapixels),
                None => base.max_pixels,
            },
            logo: match raw.logo {
                Some(path) => self.file_ref("logo", path),
                None => base.logo,
            },
            logo_on_title: raw.logo_on_title.unwrap_or(base.logo_on_title),
            logo_position: raw
                .logo_position
                .and_then(|name| self.logo_position(name))
                .unwrap_or(base.logo_position),
            files: base.files,
        }
    }

    /// A section; `incremental` is the deck's.
    fn section(&mut self, raw: RawSection, incremental: Option<bool>) -> Section {
        let layout = raw.layout.and_then(|name| self.layout_name(name));
        let incremental = raw.incremental.or(incremental);
        Section {
            title: self.required_text("title", raw.title),
            intro: self.optional_text("intro", raw.intro),
            divider: raw.divider.unwrap_or(true),
            transition: self.transition_choice(raw.transition, raw.transition_duration),
            slides: raw
                .slides
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| self.slide(s, layout, incremental))
                .collect(),
        }
    }

    /// The slide, or `None` when it has nothing to show (an error);
    /// `layout` and `incremental` are its section's.
    fn slide(
        &mut self,
        raw: Spanned<RawSlide>,
        layout: Option<LayoutName>,
        incremental: Option<bool>,
    ) -> Option<Slide> {
        let slide_span = span(&raw);
        let mut raw = raw.value;
        let own_incremental = raw.incremental.as_ref().map(|value| value.value);
        self.lists.incremental = own_incremental.or(incremental).unwrap_or(false);
        let mut body = None;
        let content = self.content(slide_span, layout, &mut raw, &mut body);
        let focus = raw.focus.map_or(Focus::CENTRE, |focus| self.focus(focus));
        let credit = self.optional_text("credit", raw.credit);
        let background = raw
            .background
            .map(|colour| self.color("background", Some(colour), Color::WHITE));
        let background_image = raw
            .background_image
            .and_then(|path| self.file_ref("background_image", path));
        let text_color = raw
            .text_color
            .map(|colour| self.color("text_color", Some(colour), Color::WHITE));
        let id = raw.id.and_then(|id| self.slide_id(id));
        let untitled = raw
            .title
            .as_ref()
            .is_some_and(|title| normalize(&title.value, " ").is_empty());
        let title = self.optional_text("title", raw.title);
        let fit = raw.fit.map_or(Fit::Contain, |fit| self.fit(fit));
        let notes = self.optional_text("notes", raw.notes).map(|t| t.text);
        let link = raw.link.and_then(|link| self.link(link));
        let transition = self.transition_choice(raw.transition, raw.transition_duration);
        let lists_stepped = body.as_ref().is_some_and(|body: &Body| {
            body.all_blocks()
                .into_iter()
                .any(|block| matches!(block, crate::body::Block::List(list) if list.incremental))
        });
        if let (Some(asked), false) = (&raw.incremental, lists_stepped) {
            if asked.value {
                let message = "`incremental: true`, but the slide has no list to show item by item";
                self.diagnostics
                    .note(self.shown, Some(span(asked)), message);
            }
        }
        Some(Slide {
            span: slide_span,
            id,
            title,
            untitled,
            content: content?,
            body,
            fit,
            focus,
            credit,
            background,
            background_image,
            text_color,
            notes,
            link,
            transition,
        })
    }

    /// Slide ids are unique, and every `#id` link names one. In a
    /// Markdown deck a link to no slide is a warning and its text stays
    /// unlinked, as Marp and Pandoc leave a link to no heading.
    fn check_ids_and_links(&mut self, sections: &mut [Section]) {
        let slides = || sections.iter().flat_map(|section| &section.slides);
        let mut ids: Vec<&Text> = Vec::new();
        for id in slides().filter_map(|slide| slide.id.as_ref()) {
            match ids.iter().find(|earlier| earlier.text == id.text) {
                Some(earlier) => self.error(
                    id.span,
                    format!(
                        "slide id `{}` is already used on line {}",
                        id.text, earlier.span.line
                    ),
                ),
                None => ids.push(id),
            }
        }
        let names: Vec<String> = ids.iter().map(|id| id.text.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let links = slides().flat_map(|slide| {
            let body = slide.body.iter().flat_map(|body| body.links());
            slide.link.iter().chain(body)
        });
        let markdown = self.markdown;
        let mut dead = Vec::new();
        for link in links {
            let Link::Slide(target) = link else {
                continue;
            };
            if !names.contains(&target.text.as_str()) {
                dead.push(target.clone());
            }
        }
        for target in &dead {
            let id = &target.text;
            let closest = crate::suggest::closest(id, &names);
            if !markdown {
                let hint = match closest {
                    Some(hit) => format!("did you mean `#{hit}`?"),
                    None => format!("give the slide to open `id: {id}`"),
                };
                let message = format!("the link `#{id}` names no slide ({hint})");
                self.error(target.span, message);
                continue;
            }
            let hint = match closest {
                Some(hit) => format!("did you mean `#{hit}`?"),
                None => format!("give the slide's heading `{{#{id}}}` to link to it"),
            };
            let message =
                format!("the link `#{id}` names no slide, so its text is shown unlinked ({hint})");
            self.diagnostics
                .warning(self.shown, Some(target.span), message);
        }
        if markdown && !dead.is_empty() {
            let dead = |id: &str| !names.contains(&id);
            for slide in sections.iter_mut().flat_map(|section| &mut section.slides) {
                if matches!(&slide.link, Some(Link::Slide(target)) if dead(&target.text)) {
                    slide.link = None;
                }
                if let Some(body) = &mut slide.body {
                    body.unlink_slides(&dead);
                }
            }
        }
    }

    /// `theme.math_macros` added to `base`, each name and body checked:
    /// a macro that cannot be defined is an error at its value.
    fn math_macros(
        &mut self,
        macros: std::collections::BTreeMap<String, Spanned<String>>,
        mut base: crate::math::Macros,
    ) -> crate::math::Macros {
        for (name, body) in macros {
            if let Err(problem) = base.define(&name, &body.value) {
                let message = format!("`math_macros`: {problem}");
                self.error(span(&body), message);
            }
        }
        base
    }
}
