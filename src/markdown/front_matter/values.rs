//! The front matter's values that Marp and Pandoc take in more than one
//! shape: texts or lists of them, heading levels, themes.

use serde::Deserialize;

use crate::model::raw::RawTheme;

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
