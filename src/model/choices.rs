//! Theme and slide values that choose a look: `preset`, `page_numbers`
//! and `focus`, each checked with its problem reported at its line.

use serde_saphyr::Spanned;

use crate::suggest::did_you_mean;

use super::arrangement::Focus;
use super::raw::PageNumbersValue;
use super::theme::{LogoPosition, PageNumbers, Preset};
use super::validate::{span, Checker};
use super::values::ticked;

impl Checker<'_> {
    pub(super) fn preset(&mut self, value: Spanned<String>) -> Option<Preset> {
        let name = value.value.trim();
        let preset = Preset::parse(name);
        if preset.is_none() {
            let hint = match did_you_mean(name, Preset::NAMES) {
                hint if hint.is_empty() => format!(" (expected {})", ticked(Preset::NAMES)),
                hint => hint,
            };
            self.error(span(&value), format!("unknown preset `{name}`{hint}"));
        }
        preset
    }

    pub(super) fn logo_position(&mut self, value: Spanned<String>) -> Option<LogoPosition> {
        let name = value.value.trim();
        let position = LogoPosition::parse(name);
        if position.is_none() {
            let hint = match did_you_mean(name, LogoPosition::NAMES) {
                hint if hint.is_empty() => format!(" (expected {})", ticked(LogoPosition::NAMES)),
                hint => hint,
            };
            self.error(
                span(&value),
                format!("unknown logo_position `{name}`{hint}"),
            );
        }
        position
    }

    pub(super) fn page_numbers(&mut self, value: Spanned<PageNumbersValue>) -> PageNumbers {
        match &value.value {
            PageNumbersValue::Flag(true) => PageNumbers::Plain,
            PageNumbersValue::Flag(false) => PageNumbers::Off,
            PageNumbersValue::Word(word) if word.trim() == "total" => PageNumbers::Total,
            PageNumbersValue::Word(word) => {
                let message = format!(
                    "invalid `page_numbers` value `{}` (expected `true`, `false` or `total`)",
                    word.trim()
                );
                self.error(span(&value), message);
                PageNumbers::Plain
            }
        }
    }

    pub(super) fn focus(&mut self, value: Spanned<Vec<f64>>) -> Focus {
        match value.value[..] {
            [x, y] if (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y) => Focus { x, y },
            _ => {
                let written: Vec<String> = value.value.iter().map(f64::to_string).collect();
                let message = format!(
                    "invalid `focus` `[{}]` (expected `[x, y]`, each from 0 to 1, such as `[0.5, 0.3]`)",
                    written.join(", ")
                );
                self.error(span(&value), message);
                Focus::CENTRE
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::diag::Diagnostics;
    use crate::model::{parse_and_validate, Focus, PageNumbers, Preset};

    fn read(yaml: &str) -> (Option<crate::model::Deck>, Vec<String>) {
        let mut diagnostics = Diagnostics::new();
        let deck = parse_and_validate(yaml, Path::new("d.yaml"), Path::new(""), &mut diagnostics);
        let lines = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
        (deck, lines)
    }

    const SLIDE: &str = "sections:\n  - title: S\n    slides:\n      - caption: c\n";

    #[test]
    fn presets_page_numbers_and_focus_read() {
        let yaml = format!("title: T\ntheme:\n  preset: dark\n  page_numbers: total\n  progress: true\n  accent: '#ff0000'\n{SLIDE}        image: a.png\n        focus: [0.2, 1]\n");
        let (deck, problems) = read(&yaml);
        // The accent is no error, but `check` notes that it beats the preset's.
        assert_eq!(
            problems,
            ["note: d.yaml:6:11: `accent: \"#ff0000\"` wins over the `dark` preset's #6ea8fe (leave `accent` out to use the preset's)"]
        );
        let deck = deck.unwrap();
        let theme = deck.theme();
        assert_eq!(theme.preset(), Preset::Dark);
        assert_eq!(theme.page_numbers(), PageNumbers::Total);
        assert!(theme.progress());
        // The preset's colours, but the deck's own accent.
        assert_eq!(theme.background(), Preset::Dark.theme().background());
        assert_eq!(theme.accent().to_string(), "#ff0000");
        let slide = &deck.sections()[0].slides()[0];
        assert_eq!(slide.focus(), Focus { x: 0.2, y: 1.0 });
    }

    #[test]
    fn bad_values_are_errors_at_their_place() {
        let (_, errors) = read(&format!(
            "title: T\ntheme:\n  preset: drak\n  page_numbers: all\n{SLIDE}        image: a.png\n        focus: [0.5, 2]\n"
        ));
        assert_eq!(
            errors,
            [
                "error: d.yaml:3:11: unknown preset `drak` (did you mean `dark`?)",
                "error: d.yaml:4:17: invalid `page_numbers` value `all` (expected `true`, `false` or `total`)",
                "error: d.yaml:10:16: invalid `focus` `[0.5, 2]` (expected `[x, y]`, each from 0 to 1, such as `[0.5, 0.3]`)",
            ]
        );
    }
}
