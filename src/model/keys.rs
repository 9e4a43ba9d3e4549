//! Every unknown key at once, and colours lost to YAML comments.
//!
//! Serde stops at the first unknown key, so before the typed read a quick
//! pass reads only the mappings' keys, with their places, and checks each
//! against the keys its level accepts. The same pass sees the one mistake
//! the typed read cannot: `accent: #2f6fde` unquoted is an empty value and a
//! comment, which would silently leave the default colour in place.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::span_of;
use crate::suggest::did_you_mean;

use super::tree::{self, Node};

/// Keys of the top-level mapping.
pub(crate) const DECK_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "author",
    "date",
    "language",
    "title_slide",
    "agenda",
    "duration",
    "transition",
    "transition_duration",
    "theme",
    "sections",
];
/// Keys under `theme:`.
pub(crate) const THEME_KEYS: &[&str] = &[
    "aspect",
    "font",
    "bold_font",
    "background",
    "text_color",
    "accent",
    "title_size",
    "caption_size",
    "page_numbers",
    "footer",
    "present",
    "max_ppi",
];
/// Keys under `theme.present:`.
pub(crate) const PRESENT_KEYS: &[&str] = &["fullscreen"];
/// Theme keys whose values are colours.
const COLOR_KEYS: &[&str] = &["background", "text_color", "accent"];
/// Keys of a section.
pub(crate) const SECTION_KEYS: &[&str] = &[
    "title",
    "intro",
    "divider",
    "transition",
    "transition_duration",
    "slides",
];
/// Keys of a slide.
pub(crate) const SLIDE_KEYS: &[&str] = &[
    "id",
    "title",
    "caption",
    "image",
    "fit",
    "notes",
    "link",
    "transition",
    "transition_duration",
];

/// Reports every key of `text` that its mapping does not accept. Returns
/// whether the keys could be read at all; YAML that cannot be read here is
/// normally refused by the typed read too, which says why.
pub(crate) fn check_keys(text: &str, shown: &Path, diagnostics: &mut Diagnostics) -> bool {
    let Some(root) = tree::read(text) else {
        return false;
    };
    let mut checker = KeyChecker { shown, diagnostics };
    checker.mapping(&root, DECK_KEYS);
    for (key, value) in &root.entries {
        match key.value.as_str() {
            "theme" => {
                checker.mapping(value, THEME_KEYS);
                checker.colours(value);
                let present = value.entries.iter().filter(|(k, _)| k.value == "present");
                for (_, present) in present {
                    checker.mapping(present, PRESENT_KEYS);
                }
            }
            "sections" => {
                for section in &value.items {
                    let section = &section.value;
                    checker.mapping(section, SECTION_KEYS);
                    let slides = section.entries.iter().filter(|(k, _)| k.value == "slides");
                    for slide in slides.flat_map(|(_, v)| &v.items) {
                        checker.mapping(&slide.value, SLIDE_KEYS);
                    }
                }
            }
            _ => {}
        }
    }
    true
}

struct KeyChecker<'a> {
    shown: &'a Path,
    diagnostics: &'a mut Diagnostics,
}

impl KeyChecker<'_> {
    /// An empty colour value is almost always `#rrggbb` read as a comment.
    fn colours(&mut self, theme: &Node) {
        for (key, value) in &theme.entries {
            if value.empty && COLOR_KEYS.contains(&key.value.as_str()) {
                let message = format!(
                    "`{name}` has no value (a `#` starts a YAML comment: quote the colour, as in `{name}: \"#2f6fde\"`)",
                    name = key.value.as_str()
                );
                self.diagnostics
                    .error(self.shown, span_of(&key.referenced), message);
            }
        }
    }

    fn mapping(&mut self, node: &Node, allowed: &[&str]) {
        for (key, _) in &node.entries {
            let name = key.value.as_str();
            if allowed.contains(&name) {
                continue;
            }
            let elsewhere = [
                DECK_KEYS,
                THEME_KEYS,
                PRESENT_KEYS,
                SECTION_KEYS,
                SLIDE_KEYS,
            ]
            .iter()
            .any(|keys| keys.contains(&name));
            let hint = match did_you_mean(name, allowed) {
                hint if hint.is_empty() && elsewhere => format!(" (`{name}` is not allowed here)"),
                hint => hint,
            };
            let message = format!("unknown key `{name}`{hint}");
            let allowed: Vec<String> = allowed.iter().map(|key| format!("`{key}`")).collect();
            let diagnostic = Diagnostic::new(
                Severity::Error,
                self.shown,
                span_of(&key.referenced),
                message,
            );
            self.diagnostics
                .push(diagnostic.with_hint(format!("allowed here: {}", allowed.join(", "))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::raw::RawDeck;

    /// Every key in the tables is a field of the serde structs: a value of
    /// an impossible type under it fails the typed read (serde would skip a
    /// key that is not a field).
    #[test]
    fn every_listed_key_is_a_field() {
        // Valid decks: `{name}` marks the line of a key the level needs
        // (given here with a good value), `{key}` where another key goes.
        type Level<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
        let levels: [Level; 5] = [
            (
                "{title}\n{sections}\n{key}\n",
                &[("title", "T"), ("sections", "[]")],
                DECK_KEYS,
            ),
            ("title: T\nsections: []\ntheme:\n  {key}\n", &[], THEME_KEYS),
            (
                "title: T\nsections: []\ntheme:\n  present:\n    {key}\n",
                &[],
                PRESENT_KEYS,
            ),
            (
                "title: T\nsections:\n  - {title}\n    {key}\n",
                &[("title", "S")],
                SECTION_KEYS,
            ),
            (
                "title: T\nsections:\n  - title: S\n    slides:\n      - {notes}\n        {key}\n",
                &[("notes", "n")],
                SLIDE_KEYS,
            ),
        ];
        for (template, needed, keys) in levels {
            let fill = |bad: &str| {
                let mut yaml = template.to_string();
                for (name, good) in needed {
                    let value = if *name == bad { "[[x]]" } else { good };
                    yaml = yaml.replace(&format!("{{{name}}}"), &format!("{name}: {value}"));
                }
                let other = needed.iter().all(|(name, _)| *name != bad) && !bad.is_empty();
                yaml.replace(
                    "{key}",
                    &if other {
                        format!("{bad}: [[x]]")
                    } else {
                        String::new()
                    },
                )
            };
            let valid = fill("");
            assert!(serde_saphyr::from_str::<RawDeck>(&valid).is_ok(), "{valid}");
            for key in keys {
                let yaml = fill(key);
                assert!(
                    serde_saphyr::from_str::<RawDeck>(&yaml).is_err(),
                    "`{key}` is not a field:\n{yaml}"
                );
            }
        }
    }

    /// Every field of the serde structs is in the tables: a deck setting
    /// every listed key leaves no field unset.
    #[test]
    fn every_field_is_listed() {
        let mut yaml = String::new();
        let value = |key: &str| match key {
            "title_slide" | "page_numbers" | "divider" | "agenda" | "fullscreen" => "true",
            "title_size" | "caption_size" | "duration" | "transition_duration" | "max_ppi" => "30",
            "present" => "{fullscreen: true}",
            _ => "x",
        };
        for key in DECK_KEYS
            .iter()
            .filter(|k| !["theme", "sections"].contains(k))
        {
            yaml += &format!("{key}: {}\n", value(key));
        }
        yaml += "theme:\n";
        for key in THEME_KEYS {
            yaml += &format!("  {key}: {}\n", value(key));
        }
        yaml += "sections:\n  - slides:\n      - ";
        yaml += &SLIDE_KEYS
            .iter()
            .map(|k| format!("{k}: {}", value(k)))
            .collect::<Vec<_>>()
            .join("\n        ");
        yaml += "\n";
        for key in SECTION_KEYS.iter().filter(|k| **k != "slides") {
            yaml += &format!("    {key}: {}\n", value(key));
        }
        let mut diagnostics = Diagnostics::new();
        check_keys(&yaml, Path::new("d.yaml"), &mut diagnostics);
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
        let raw: RawDeck = serde_saphyr::from_str(&yaml).expect(&yaml);
        let dump = format!("{raw:?}");
        assert!(
            !dump.contains("None"),
            "a field is not in the tables: {dump}"
        );
    }

    /// Scalars that only a typed read accepts must not switch the check off.
    #[test]
    fn odd_scalars_do_not_hide_unknown_keys() {
        for value in [
            ".NaN",
            ".inf",
            "-.inf",
            "1e400",
            "~",
            "!!str 12",
            "2026-11-26",
            "yes",
        ] {
            let yaml = format!("title: {value}\nauthr: x\nsections: []\n");
            let mut diagnostics = Diagnostics::new();
            check_keys(&yaml, Path::new("d.yaml"), &mut diagnostics);
            assert!(diagnostics.has_errors(), "`{value}` hid the unknown key");
        }
    }

    #[test]
    fn reports_every_unknown_key_with_its_place() {
        let yaml = "title: T\ntheem: {}\ntheme:\n  acent: '#fff'\nsections:\n  - title: S\n    slide: []\n    slides:\n      - captoin: x\n        imgae: y\n        1: z\n";
        let mut diagnostics = Diagnostics::new();
        check_keys(yaml, Path::new("d.yaml"), &mut diagnostics);
        let lines: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "error: d.yaml:2:1: unknown key `theem` (did you mean `theme`?)",
                "error: d.yaml:4:3: unknown key `acent` (did you mean `accent`?)",
                "error: d.yaml:7:5: unknown key `slide` (did you mean `slides`?)",
                "error: d.yaml:9:9: unknown key `captoin` (did you mean `caption`?)",
                "error: d.yaml:10:9: unknown key `imgae` (did you mean `image`?)",
                "error: d.yaml:11:9: unknown key `1`",
            ]
        );
    }
}
