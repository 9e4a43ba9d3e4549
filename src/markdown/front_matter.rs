//! The front matter: YAML between `---` lines at the top of the file (and
//! in further blocks, as Pandoc allows), or Pandoc's `%` title block, read
//! with the deck's own YAML reader at its lines in the Markdown file.
//!
//! It takes the deck's keys (all but `sections`), `convention`, which
//! forces a convention, and every key Marp or Pandoc defines: the ones
//! deckgen has a counterpart for are mapped onto it, the others get one
//! note each (see `tools`).

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostics, Span};
use crate::model::check_front_matter_keys;
use crate::model::raw::{PageNumbersValue, RawTheme};
use crate::source;

use super::directives::{LookSet, Looks};
use super::tools;

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

/// Text given as one value or a list of them, as Marp and Pandoc take
/// `author`, `class`, `institute`...: Pandoc's `{name: ...}` authors by
/// their name.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Texts(pub Vec<String>);

impl Texts {
    /// The texts joined by `separator`.
    pub(crate) fn joined(&self, separator: &str) -> String {
        self.0.join(separator)
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextsVisitor;
        impl<'de> serde::de::Visitor<'de> for TextsVisitor {
            type Value = Texts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text, or a list of texts")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Texts, E> {
                Ok(Texts(vec![text.trim().to_string()]))
            }
            fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<Texts, E> {
                Ok(Texts(vec![number.to_string()]))
            }
            fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<Texts, E> {
                Ok(Texts(vec![number.to_string()]))
            }
            fn visit_f64<E: serde::de::Error>(self, number: f64) -> Result<Texts, E> {
                Ok(Texts(vec![number.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut items: A,
            ) -> Result<Texts, A::Error> {
                let mut texts = Vec::new();
                while let Some(item) = items.next_element::<Item>()? {
                    texts.extend(item.0);
                }
                Ok(Texts(texts))
            }
        }
        deserializer.deserialize_any(TextsVisitor)
    }
}

/// One item of a list of texts: text, or a mapping whose `name` is.
struct Item(Option<String>);

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Text(Texts),
            Named { name: Texts },
            Other(serde::de::IgnoredAny),
        }
        Ok(Item(match Either::deserialize(deserializer)? {
            Either::Text(texts) | Either::Named { name: texts } => Some(texts.joined(" ")),
            Either::Other(_) => None,
        }))
    }
}

/// Marp's `headingDivider`: a level (it and every higher one divide), or
/// a list of the levels that do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Levels(pub Vec<u8>);

impl Levels {
    /// Whether a heading of `level` starts a slide.
    pub(crate) fn divides(&self, level: u8) -> bool {
        self.0.contains(&level)
    }

    /// `headingDivider: 2` as the levels it divides at.
    pub(crate) fn up_to(level: u8) -> Levels {
        Levels((1..=level.min(6)).collect())
    }
}

impl<'de> Deserialize<'de> for Levels {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LevelsVisitor;
        impl<'de> serde::de::Visitor<'de> for LevelsVisitor {
            type Value = Levels;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a heading level from 1 to 6, or a list of them")
            }
            fn visit_u64<E: serde::de::Error>(self, level: u64) -> Result<Levels, E> {
                match u8::try_from(level) {
                    Ok(level @ 1..=6) => Ok(Levels::up_to(level)),
                    _ => Err(E::custom(LEVELS_EXPECTED)),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, level: i64) -> Result<Levels, E> {
                self.visit_u64(u64::try_from(level).unwrap_or(0))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut items: A,
            ) -> Result<Levels, A::Error> {
                let mut levels = Vec::new();
                while let Some(level) = items.next_element::<u64>()? {
                    match u8::try_from(level) {
                        Ok(level @ 1..=6) => levels.push(level),
                        _ => return Err(serde::de::Error::custom(LEVELS_EXPECTED)),
                    }
                }
                Ok(Levels(levels))
            }
        }
        deserializer.deserialize_any(LevelsVisitor)
    }
}

const LEVELS_EXPECTED: &str = "expected a heading level from 1 to 6, or a list of them";

/// `theme:` in front matter: deckgen's theme keys, or a Marp or Beamer
/// theme's name (a list of names, as some Pandoc decks give it).
#[derive(Debug)]
pub(crate) enum ThemeKey {
    Named(String),
    Deckgen(Box<RawTheme>),
}

impl<'de> Deserialize<'de> for ThemeKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ThemeVisitor;
        impl<'de> serde::de::Visitor<'de> for ThemeVisitor {
            type Value = ThemeKey;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("theme keys, or the name of a Marp or Beamer theme")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<ThemeKey, E> {
                Ok(ThemeKey::Named(name.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                items: A,
            ) -> Result<ThemeKey, A::Error> {
                let deserializer = serde::de::value::SeqAccessDeserializer::new(items);
                let names = Texts::deserialize(deserializer)?;
                Ok(ThemeKey::Named(names.joined(", ")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ThemeKey, A::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                RawTheme::deserialize(deserializer).map(|theme| ThemeKey::Deckgen(Box::new(theme)))
            }
        }
        deserializer.deserialize_any(ThemeVisitor)
    }
}

/// The front matter and title block, and the Markdown after them.
#[derive(Debug, PartialEq)]
pub(crate) struct Split<'a> {
    /// Each YAML block in file order, with the lines before it blank, so
    /// the YAML reader's lines are the Markdown file's. Pandoc takes a
    /// later block's value over an earlier one's.
    pub yaml: Vec<String>,
    /// Pandoc's `%` title block: the title, authors and date lines.
    pub title_block: Option<TitleBlock>,
    /// The Markdown after the front matter, further YAML blocks blanked
    /// (every offset kept).
    pub body: std::borrow::Cow<'a, str>,
    /// The byte offset of `body` in the file.
    pub body_start: usize,
}

/// Pandoc's title block: `% title`, `% author; author`, `% date`, each
/// with the byte offset of its text.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct TitleBlock {
    pub title: Option<(String, usize)>,
    pub authors: Option<(Vec<String>, usize)>,
    pub date: Option<(String, usize)>,
}

/// Splits `text` into its front matter (from a first line `---` to the
/// next line `---` or `...`) or `%` title block, and the Markdown after
/// it. `is_key` says which keys a later YAML block may hold: a block
/// with any other key is Markdown (a rule and what follows).
pub(crate) fn split<'a>(text: &'a str, is_key: &dyn Fn(&str) -> bool) -> Split<'a> {
    let (title_block, mut body_start) = title_block(text);
    let mut yaml = Vec::new();
    if title_block.is_none() {
        if let Some((block, end)) = yaml_block(text, 0, &|_| true) {
            yaml.push(block);
            body_start = end;
        }
    }
    let mut body = std::borrow::Cow::Borrowed(&text[body_start..]);
    // Later blocks: a `---` line after a blank one, not followed by one.
    let mut at = body_start;
    let mut blank_before = true;
    // Where the block just read ends: its lines are not looked at again.
    let mut resume = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let here = at;
        at += line.len();
        if here < resume {
            blank_before = false;
            continue;
        }
        if blank_before && line.trim_end() == "---" {
            if let Some((block, end)) = yaml_block(text, here, is_key) {
                resume = end;
                yaml.push(block);
                let masked = body.to_mut();
                let (from, to) = (here - body_start, end - body_start);
                let blank: String = masked[from..to]
                    .bytes()
                    .map(|b| if b == b'\n' { '\n' } else { ' ' })
                    .collect();
                masked.replace_range(from..to, &blank);
            }
        }
        blank_before = line.trim().is_empty();
    }
    Split {
        yaml,
        title_block,
        body,
        body_start,
    }
}

/// The YAML block whose `---` line starts at byte `start` of `text`, with
/// the lines before it blank, and where the Markdown after it starts:
/// `None` when the `---` is a rule (followed by a blank line, never
/// closed, or not a mapping of keys `is_key` takes).
fn yaml_block(text: &str, start: usize, is_key: &dyn Fn(&str) -> bool) -> Option<(String, usize)> {
    let first = text[start..].split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let open_end = start + first.len();
    let mut at = open_end;
    for (index, line) in text[open_end..].split_inclusive('\n').enumerate() {
        if index == 0 && start > 0 && line.trim().is_empty() {
            return None;
        }
        if matches!(line.trim_end(), "---" | "...") {
            let content = &text[open_end..at];
            if start > 0 {
                let keys = crate::model::tree::read(content)?;
                let takes = !keys.entries.is_empty()
                    && keys.entries.iter().all(|(key, _)| is_key(&key.value));
                if !takes {
                    return None;
                }
            }
            let lines_before = text[..open_end].matches('\n').count();
            let yaml = format!("{}{content}", "\n".repeat(lines_before));
            return Some((yaml, at + line.len()));
        }
        at += line.len();
    }
    None
}

/// Pandoc's `%` title block at the top of `text`, and where the Markdown
/// after it starts.
fn title_block(text: &str) -> (Option<TitleBlock>, usize) {
    // Pandoc wants the block on the first line; an editor's pragma comment
    // (`<!-- @format -->`) or blank lines before it are passed over.
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let comment = trimmed.starts_with("<!--") && trimmed.ends_with("-->");
        if !(trimmed.is_empty() || comment) {
            break;
        }
        start += line.len();
    }
    if !text[start..].starts_with('%') {
        return (None, 0);
    }
    // Each `%` line with its continuation lines (they start with a space).
    let mut fields: Vec<(Vec<&str>, usize)> = Vec::new();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix('%') {
            if fields.len() == 3 {
                break;
            }
            let lead = rest.len() - rest.trim_start().len();
            fields.push((vec![rest.trim()], at + 1 + lead));
        } else if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            match fields.last_mut() {
                Some((lines, _)) => lines.push(line.trim()),
                None => break,
            }
        } else {
            break;
        }
        at += line.len();
    }
    let mut block = TitleBlock::default();
    fn given<'a>((lines, at): &(Vec<&'a str>, usize)) -> Option<(Vec<&'a str>, usize)> {
        let words: Vec<&str> = lines.iter().copied().filter(|l| !l.is_empty()).collect();
        (!words.is_empty()).then_some((words, *at))
    }
    if let Some((lines, at)) = fields.first().and_then(given) {
        block.title = Some((lines.join(" "), at));
    }
    if let Some((lines, at)) = fields.get(1).and_then(given) {
        let authors = lines
            .iter()
            .flat_map(|line| line.split(';'))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(String::from)
            .collect();
        block.authors = Some((authors, at));
    }
    if let Some((lines, at)) = fields.get(2).and_then(given) {
        block.date = Some((lines.join(" "), at));
    }
    (Some(block), at)
}

/// Whether a later YAML block may hold `key`: a deck key, one deckgen
/// maps, one Marp or Pandoc defines, or one Pandoc ignores (ending in `_`).
pub(crate) fn is_key(key: &str) -> bool {
    crate::model::is_deck_key(key)
        || MARKDOWN_KEYS.contains(&key)
        || tools::ignored(key).is_some()
        || key.ends_with('_')
}

/// Reads the front matter's YAML `blocks`: every unknown key is reported,
/// every key Marp or Pandoc defines and deckgen ignores is noted, and
/// `None` means a block could not be read at all (also reported). A later
/// block's value wins over an earlier one's.
pub(crate) fn read(
    blocks: &[String],
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<FrontMatter> {
    let mut front = FrontMatter::default();
    for yaml in blocks {
        if yaml.trim().is_empty() {
            continue;
        }
        let aside = check_front_matter_keys(yaml, shown, diagnostics, MARKDOWN_KEYS, &|name| {
            tools::ignored(name).is_some() || name.ends_with('_')
        });
        let mut ignored = (0, 0);
        for (name, span) in aside {
            let message = match tools::ignored(&name) {
                Some(key) => {
                    match key.tool {
                        "Marp" => ignored.0 += 1,
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
        let mut later: FrontMatter = source::parse(yaml, shown, diagnostics)?;
        later.ignored_keys = Some(ignored);
        front.take_over(later);
    }
    Some(front)
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

    /// The looks Marp's keys give the first slide (`_name`) and every
    /// slide (`backgroundImage`).
    pub(crate) fn looks(&mut self, shown: &Path, diagnostics: &mut Diagnostics) -> Looks {
        let mut looks = Looks::default();
        looks.local.background_image = self
            .background_image
            .take()
            .and_then(|image| picture(image, shown, diagnostics));
        let first: &mut LookSet = &mut looks.spot;
        first.background = self.first_background_color.take().map(css_colour);
        first.text_color = self.first_color.take().map(css_colour);
        first.background_image = self
            .first_background_image
            .take()
            .and_then(|image| picture(image, shown, diagnostics));
        if let Some(class) = self.first_class.take() {
            for word in class.value.0.iter().flat_map(|c| c.split_whitespace()) {
                match super::directives::class_background(word) {
                    Some(colour) => {
                        let colour = colour.to_string();
                        first.background =
                            Some(Spanned::new(colour, class.referenced, class.defined));
                    }
                    None => diagnostics.note(
                        shown,
                        Some(span(&class)),
                        super::directives::class_note(word),
                    ),
                }
            }
        }
        looks
    }

    /// The deck's theme: the `theme:` keys with Marp's and Pandoc's keys
    /// mapped onto them; the ones deckgen has no counterpart for get a note.
    pub(crate) fn theme(
        &mut self,
        marp: bool,
        shown: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<RawTheme> {
        let mut note = |span: Span, message: String| diagnostics.note(shown, Some(span), message);
        let mut theme = None;
        if let Some(key) = self.theme.take() {
            let tool = if marp { "Marp" } else { "Pandoc" };
            match key.value {
                ThemeKey::Deckgen(keys) => theme = Some(*keys),
                ThemeKey::Named(name) if name.trim() == "default" => {}
                ThemeKey::Named(name) => note(
                    span_of(&key.referenced),
                    format!("{tool} theme `{name}` has no deckgen counterpart; the deck keeps deckgen's look (give `theme:` deckgen's theme keys to change it)"),
                ),
            }
        }
        if let Some(math) = self.math.take() {
            if !matches!(math.value.trim(), "katex" | "mathjax") {
                note(
                    span(&math),
                    format!("Marp math `{}` is unknown (Marp takes `katex` or `mathjax`); formulas are typeset the same either way", math.value),
                );
            }
        }
        let mut set = |apply: &mut dyn FnMut(&mut RawTheme)| {
            apply(theme.get_or_insert_with(RawTheme::default));
        };
        match self.paginate.take() {
            Some(paginate) => {
                let flag = Spanned::new(
                    PageNumbersValue::Flag(paginate.value),
                    paginate.referenced,
                    paginate.defined,
                );
                set(&mut |theme| {
                    theme
                        .page_numbers
                        .get_or_insert_with(|| clone_spanned(&flag));
                });
            }
            // Marp numbers no page unless asked to.
            None if marp => set(&mut |theme| {
                theme.page_numbers.get_or_insert_with(|| {
                    super::position::spanned_at(PageNumbersValue::Flag(false), Span::new(1, 1))
                });
            }),
            None => {}
        }
        // deckgen has one line of small text: Marp's header joins it.
        let footer = match (self.header.take(), self.footer.take()) {
            (Some(mut header), Some(footer)) => {
                header.value = format!("{} · {}", header.value, footer.value);
                Some(header)
            }
            (header, footer) => footer.or(header),
        };
        if let Some(footer) = footer.filter(|f| !f.value.trim().is_empty()) {
            set(&mut |theme| {
                theme.footer.get_or_insert_with(|| clone_spanned(&footer));
            });
        }
        if let Some(colour) = self.background_color.take().map(css_colour) {
            set(&mut |theme| {
                theme
                    .background
                    .get_or_insert_with(|| clone_spanned(&colour));
            });
        }
        if let Some(colour) = self.color.take().map(css_colour) {
            set(&mut |theme| {
                theme
                    .text_color
                    .get_or_insert_with(|| clone_spanned(&colour));
            });
        }
        let shape = self
            .size
            .take()
            .map(|size| ("Marp size", size))
            .or_else(|| {
                self.aspectratio
                    .take()
                    .map(|ratio| ("Beamer aspect ratio", joined(&ratio, "")))
            });
        if let Some((what, shape)) = shape {
            let aspect = match shape.value.trim() {
                "16:9" | "169" => Some("16:9"),
                "4:3" | "43" => Some("4:3"),
                "16:10" | "1610" => Some("16:10"),
                _ => None,
            };
            match aspect {
                Some(aspect) => {
                    let aspect = Spanned::new(aspect.to_string(), shape.referenced, shape.defined);
                    set(&mut |theme| {
                        theme.aspect.get_or_insert_with(|| clone_spanned(&aspect));
                    });
                }
                None => note(
                    span(&shape),
                    format!("{what} `{}` has no deckgen counterpart; the deck is 16:9 (set `theme.aspect` for another shape)", shape.value.trim()),
                ),
            }
        }
        if let Some(class) = self.class.take() {
            for word in class.value.0.iter().flat_map(|c| c.split_whitespace()) {
                if super::directives::class_background(word).is_some() {
                    let dark = Spanned::new("dark".to_string(), class.referenced, class.defined);
                    set(&mut |theme| {
                        theme.preset.get_or_insert_with(|| clone_spanned(&dark));
                    });
                } else {
                    note(span(&class), super::directives::class_note(word));
                }
            }
        }
        theme
    }
}

/// The picture a `backgroundImage` names; a CSS gradient is noted.
fn picture(
    image: Spanned<String>,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Spanned<String>> {
    match super::directives::css_url(&image.value) {
        Some(path) => Some(Spanned::new(
            path.to_string(),
            image.referenced,
            image.defined,
        )),
        None => {
            let message = super::directives::not_a_picture(&image.value);
            diagnostics.note(shown, Some(span(&image)), message);
            None
        }
    }
}

/// `colour` as deckgen writes colours (see `directives::css_colour`).
fn css_colour(colour: Spanned<String>) -> Spanned<String> {
    let value = super::directives::css_colour(&colour.value);
    Spanned::new(value, colour.referenced, colour.defined)
}

/// `texts` as one text, spanned where they were written.
pub(crate) fn joined(texts: &Spanned<Texts>, separator: &str) -> Spanned<String> {
    Spanned::new(
        texts.value.joined(separator),
        texts.referenced,
        texts.defined,
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn any_key(_: &str) -> bool {
        true
    }

    #[test]
    fn front_matter_keeps_its_lines() {
        let text = "---\ntitle: T\n---\n# A\n";
        let split = split(text, &any_key);
        assert_eq!(split.yaml, ["\ntitle: T\n"]);
        assert_eq!(split.body, "# A\n");
        assert_eq!(split.body_start, 17);
    }

    #[test]
    fn no_front_matter_without_a_closing_line() {
        for text in ["# A\n---\nb: c\n---\n", "---\ntitle: T\n"] {
            let split = split(text, &any_key);
            assert_eq!((split.yaml.len(), split.body_start), (0, 0), "{text}");
        }
    }

    #[test]
    fn later_yaml_blocks_are_read_and_blanked() {
        let text = "# A\n\n---\nauthor: Jo\n...\n\nText\n\n---\n\nMore\n\n---\nNot: a key\n---\n";
        let split = split(text, &|key| key == "author");
        assert_eq!(split.yaml, ["\n\n\nauthor: Jo\n"]);
        assert_eq!(
            split.body,
            "# A\n\n   \n          \n   \n\nText\n\n---\n\nMore\n\n---\nNot: a key\n---\n"
        );
    }

    #[test]
    fn pandoc_title_blocks() {
        let text = "% My title\n  on two lines\n% Jo Doe; Sam Roe\n  Al Poe\n% June 2026\n\n# A\n";
        let read = split(text, &any_key);
        assert_eq!(
            read.title_block,
            Some(TitleBlock {
                title: Some(("My title on two lines".into(), 2)),
                authors: Some((vec!["Jo Doe".into(), "Sam Roe".into(), "Al Poe".into()], 28)),
                date: Some(("June 2026".into(), 55)),
            })
        );
        assert_eq!(read.body, "\n# A\n");
        let after_a_pragma = split("<!-- @format -->\n\n% T\n\n# A\n", &any_key);
        assert_eq!(
            after_a_pragma.title_block.unwrap().title,
            Some(("T".into(), 20))
        );
        assert_eq!(after_a_pragma.body, "\n# A\n");
        let authors_only = split("%\n% Jo\n\n# A\n", &any_key);
        assert_eq!(
            authors_only.title_block,
            Some(TitleBlock {
                authors: Some((vec!["Jo".into()], 4)),
                ..TitleBlock::default()
            })
        );
    }
}
