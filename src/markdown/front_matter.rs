//! The front matter: YAML between `---` lines at the top of the file, read
//! with the deck's own YAML reader at its lines in the Markdown file.
//!
//! It takes the deck's keys (all but `sections`), Marp's own keys
//! (`marp`, `paginate`, `theme` as a name, `class`, `size`, `header`,
//! `footer`, `math`) and `convention`, which forces a convention.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostics, Span};
use crate::model::check_front_matter_keys;
use crate::model::raw::{PageNumbersValue, RawTheme};
use crate::source;

/// The keys the front matter takes beyond the deck's own.
pub(crate) const MARKDOWN_KEYS: &[&str] = &[
    "convention",
    "marp",
    "paginate",
    "class",
    "size",
    "header",
    "footer",
    "math",
];

/// The front matter as read.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FrontMatter {
    pub title: Option<Spanned<String>>,
    pub subtitle: Option<Spanned<String>>,
    pub author: Option<Spanned<String>>,
    pub date: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    pub title_slide: Option<bool>,
    pub agenda: Option<bool>,
    pub duration: Option<Spanned<f64>>,
    pub transition: Option<Spanned<String>>,
    pub transition_duration: Option<Spanned<f64>>,
    /// A deckgen theme (a mapping) or a Marp theme's name.
    pub theme: Option<Spanned<ThemeKey>>,
    pub convention: Option<Spanned<String>>,
    pub marp: Option<bool>,
    pub paginate: Option<Spanned<bool>>,
    pub class: Option<Spanned<String>>,
    pub size: Option<Spanned<String>>,
    pub header: Option<Spanned<String>>,
    pub footer: Option<Spanned<String>>,
    /// Marp's formula renderer: `katex` or `mathjax`, typeset the same here.
    pub math: Option<Spanned<String>>,
}

/// `theme:` in front matter: deckgen's theme keys, or a Marp theme's name.
#[derive(Debug)]
pub(crate) enum ThemeKey {
    Marp(String),
    Deckgen(Box<RawTheme>),
}

impl<'de> Deserialize<'de> for ThemeKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ThemeVisitor;
        impl<'de> serde::de::Visitor<'de> for ThemeVisitor {
            type Value = ThemeKey;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("theme keys, or the name of a Marp theme")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<ThemeKey, E> {
                Ok(ThemeKey::Marp(name.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ThemeKey, A::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                RawTheme::deserialize(deserializer).map(|theme| ThemeKey::Deckgen(Box::new(theme)))
            }
        }
        deserializer.deserialize_any(ThemeVisitor)
    }
}

/// The front matter's YAML and where the Markdown after it starts.
#[derive(Debug, PartialEq)]
pub(crate) struct Split<'a> {
    /// The front matter with the lines before it blank, so the YAML
    /// reader's lines are the Markdown file's; `None` without front matter.
    pub yaml: Option<String>,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// The byte offset of `body` in the file.
    pub body_start: usize,
}

/// Splits `text` into its front matter (from a first line `---` to the
/// next line `---` or `...`) and the Markdown after it.
pub(crate) fn split(text: &str) -> Split<'_> {
    let none = Split {
        yaml: None,
        body: text,
        body_start: 0,
    };
    let first = text.split_inclusive('\n').next().unwrap_or_default();
    if first.trim_end() != "---" {
        return none;
    }
    let mut at = first.len();
    for line in text[at..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            let yaml = format!("\n{}", &text[first.len()..at]);
            let body_start = at + line.len();
            return Split {
                yaml: Some(yaml),
                body: &text[body_start..],
                body_start,
            };
        }
        at += line.len();
    }
    none
}

/// Reads the front matter's `yaml`: every unknown key is reported, and
/// `None` means it could not be read at all (also reported).
pub(crate) fn read(yaml: &str, shown: &Path, diagnostics: &mut Diagnostics) -> Option<FrontMatter> {
    if yaml.trim().is_empty() {
        return Some(FrontMatter::default());
    }
    check_front_matter_keys(yaml, shown, diagnostics, MARKDOWN_KEYS);
    source::parse(yaml, shown, diagnostics)
}

impl FrontMatter {
    /// The deck's theme: the `theme:` keys with Marp's keys mapped onto
    /// them; the Marp keys deckgen has no counterpart for get a note.
    pub(crate) fn theme(
        &mut self,
        marp: bool,
        shown: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<RawTheme> {
        let mut note = |span: Span, message: String| diagnostics.note(shown, Some(span), message);
        let mut theme = None;
        if let Some(key) = self.theme.take() {
            match key.value {
                ThemeKey::Deckgen(keys) => theme = Some(*keys),
                ThemeKey::Marp(name) if name.trim() == "default" => {}
                ThemeKey::Marp(name) => note(
                    span_of(&key.referenced),
                    format!("Marp theme `{name}` has no deckgen counterpart; the deck keeps deckgen's look (give `theme:` deckgen's theme keys to change it)"),
                ),
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
        if let Some(footer) = self.footer.take() {
            set(&mut |theme| {
                theme.footer.get_or_insert_with(|| clone_spanned(&footer));
            });
        }
        if let Some(size) = self.size.take() {
            match size.value.trim() {
                "16:9" | "4:3" => set(&mut |theme| {
                    theme.aspect.get_or_insert_with(|| clone_spanned(&size));
                }),
                other => note(
                    span(&size),
                    format!("Marp size `{other}` has no deckgen counterpart; the deck is 16:9 (set `theme.aspect` for another shape)"),
                ),
            }
        }
        if let Some(class) = self.class.take() {
            for word in class.value.split_whitespace() {
                if word == "invert" {
                    let dark = Spanned::new("dark".to_string(), class.referenced, class.defined);
                    set(&mut |theme| {
                        theme.preset.get_or_insert_with(|| clone_spanned(&dark));
                    });
                } else {
                    note(
                        span(&class),
                        format!("Marp class `{word}` has no deckgen counterpart; it is ignored"),
                    );
                }
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
        if let Some(header) = self.header.take() {
            note(
                span(&header),
                "Marp's `header` has no deckgen counterpart; it is not shown (deckgen has a `footer`)".into(),
            );
        }
        theme
    }
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

    #[test]
    fn front_matter_keeps_its_lines() {
        let text = "---\ntitle: T\n---\n# A\n";
        let split = split(text);
        assert_eq!(split.yaml.as_deref(), Some("\ntitle: T\n"));
        assert_eq!(split.body, "# A\n");
        assert_eq!(split.body_start, 17);
    }

    #[test]
    fn no_front_matter_without_a_closing_line() {
        for text in ["# A\n---\nb: c\n---\n", "---\ntitle: T\n"] {
            let split = split(text);
            assert_eq!((split.yaml, split.body_start), (None, 0), "{text}");
        }
    }
}
