//! Which slide keys go with which layouts: one table, read by the checks
//! (a key written on a slide whose layout does not take it is an error at
//! the key), by the JSON Schema's conditions (`deckgen schema`), and so by
//! the generated reference, which reads the schema.

use serde_json::{json, Map, Value};
use serde_saphyr::Spanned;

use crate::diag::Span;

use super::arrangement::LayoutName;
use super::raw::RawSlide;
use super::validate::span;

/// A slide key that only some layouts take.
pub(crate) struct LayoutKey {
    pub key: &'static str,
    /// The layouts that take it, the one to suggest first.
    pub layouts: &'static [LayoutName],
    /// Where the slide gives the key, if it does.
    pub written: fn(&RawSlide) -> Option<Span>,
    /// What to say instead of "only with …" when the key is written on a
    /// layout that has its own way to say the same thing.
    pub instead: Option<(LayoutName, &'static str)>,
}

/// The layouts that show a picture from `image`, with its `alt` and `credit`.
const WITH_IMAGE: &[LayoutName] = &[
    LayoutName::Standard,
    LayoutName::Full,
    LayoutName::ImageLeft,
    LayoutName::ImageRight,
];
/// The layouts that have a caption, and so may have a body under it.
const TAKES_BODY: &[LayoutName] = &[
    LayoutName::Standard,
    LayoutName::Full,
    LayoutName::ImageLeft,
    LayoutName::ImageRight,
    LayoutName::Pair,
];
/// Every layout but `full`, whose picture covers the page already.
const UNDER_CONTENT: &[LayoutName] = &[
    LayoutName::Standard,
    LayoutName::ImageLeft,
    LayoutName::ImageRight,
    LayoutName::Quote,
    LayoutName::Statement,
    LayoutName::Pair,
];

fn written<T>(value: &Option<Spanned<T>>) -> Option<Span> {
    value.as_ref().map(span)
}

/// Every layout-bound slide key, in the order the checks report them.
pub(crate) const LAYOUT_KEYS: &[LayoutKey] = &[
    LayoutKey {
        key: "band",
        layouts: &[LayoutName::Full],
        written: |raw| written(&raw.band),
        instead: None,
    },
    LayoutKey {
        key: "split",
        layouts: &[LayoutName::ImageLeft, LayoutName::ImageRight],
        written: |raw| written(&raw.split),
        instead: None,
    },
    LayoutKey {
        key: "attribution",
        layouts: &[LayoutName::Quote],
        written: |raw| written(&raw.attribution),
        instead: None,
    },
    LayoutKey {
        key: "images",
        layouts: &[LayoutName::Pair],
        written: |raw| written(&raw.images),
        instead: None,
    },
    LayoutKey {
        key: "body",
        layouts: TAKES_BODY,
        written: |raw| written(&raw.body),
        instead: None,
    },
    LayoutKey {
        key: "credit",
        layouts: WITH_IMAGE,
        written: |raw| written(&raw.credit),
        instead: Some((
            LayoutName::Pair,
            "`credit` does not go with layout `pair` (give each picture under `images` its own `credit`)",
        )),
    },
    LayoutKey {
        key: "alt",
        layouts: WITH_IMAGE,
        written: |raw| written(&raw.alt),
        instead: None,
    },
    LayoutKey {
        key: "background_image",
        layouts: UNDER_CONTENT,
        written: |raw| written(&raw.background_image),
        instead: Some((
            LayoutName::Full,
            "`background_image` does not go with layout `full` (its `image` covers the page already)",
        )),
    },
    LayoutKey {
        key: "image",
        layouts: WITH_IMAGE,
        written: |raw| written(&raw.image),
        instead: None,
    },
];

impl LayoutKey {
    /// Whether `layout` takes this key.
    pub fn goes_with(&self, layout: LayoutName) -> bool {
        self.layouts.contains(&layout)
    }
}

/// Whether `layout` takes `key`; keys outside the table go with every layout.
pub(crate) fn takes(layout: LayoutName, key: &str) -> bool {
    LAYOUT_KEYS
        .iter()
        .find(|entry| entry.key == key)
        .is_none_or(|entry| entry.goes_with(layout))
}

/// The slide schema's conditions: for each layout a slide names, the keys
/// it must not give. (A slide that leaves `layout` to its section is not
/// checked here; `deckgen check` knows the section's.)
pub(super) fn add_conditions(schema: &mut schemars::Schema) {
    let conditions: Vec<Value> = LayoutName::ALL
        .into_iter()
        .map(|layout| {
            let refused: Map<String, Value> = LAYOUT_KEYS
                .iter()
                .filter(|entry| !entry.goes_with(layout))
                .map(|entry| (entry.key.to_string(), Value::Bool(false)))
                .collect();
            json!({
                "if": {
                    "properties": { "layout": { "const": layout.name() } },
                    "required": ["layout"]
                },
                "then": { "properties": refused }
            })
        })
        .collect();
    schema.insert("allOf".into(), Value::Array(conditions));
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diag::Diagnostics;
    use crate::model::{deck_schema, parse_and_validate};

    /// A value each layout-bound key takes.
    fn value(key: &str) -> &'static str {
        match key {
            "band" => "top",
            "split" => "0.5",
            "images" => "[a.png, b.png]",
            "body" => "Some *words*.",
            "image" | "background_image" => "p.png",
            _ => "Words",
        }
    }

    /// A deck of one slide in `layout`, with a caption and, when `key` is
    /// given, that key.
    fn deck(layout: LayoutName, key: Option<&str>) -> String {
        let mut slide = format!("      - layout: {}\n        caption: C\n", layout.name());
        if let Some(key) = key {
            slide.push_str(&format!("        {key}: {}\n", value(key)));
        }
        format!("title: T\nsections:\n  - title: S\n    slides:\n{slide}")
    }

    /// The deck's errors on line 7, where the key is, that say it does not
    /// go with the layout (`alt` on a standard slide without an image is
    /// another error).
    fn errors_at_key(yaml: &str) -> Vec<String> {
        let mut diagnostics = Diagnostics::new();
        parse_and_validate(yaml, Path::new("d.yaml"), Path::new(""), &mut diagnostics);
        diagnostics
            .sorted()
            .iter()
            .map(ToString::to_string)
            .filter(|message| message.starts_with("error: d.yaml:7:"))
            .filter(|message| message.contains("does not go with layout"))
            .collect()
    }

    #[test]
    fn the_schema_and_the_checks_agree_on_every_layout_key() {
        let schema = jsonschema::validator_for(&deck_schema()).expect("a valid schema");
        let as_json = |yaml: &str| -> Value { serde_saphyr::from_str(yaml).expect("YAML") };
        let mut refused = 0;
        for layout in LayoutName::ALL {
            for entry in LAYOUT_KEYS {
                let yaml = deck(layout, Some(entry.key));
                let by_schema = !schema.is_valid(&as_json(&yaml));
                let by_checks = !errors_at_key(&yaml).is_empty();
                assert_eq!(
                    by_schema,
                    by_checks,
                    "`{}` on layout `{}`: {:?}",
                    entry.key,
                    layout.name(),
                    errors_at_key(&yaml)
                );
                assert_eq!(by_checks, !entry.goes_with(layout), "{yaml}");
                refused += usize::from(by_checks);
            }
        }
        // Each layout refuses some keys, and the table is what refuses them.
        assert!(refused > LayoutName::ALL.len());
    }

    #[test]
    fn a_key_on_a_layout_that_does_not_take_it_is_named_whole() {
        let at = |layout, key| errors_at_key(&deck(layout, Some(key)));
        assert_eq!(
            at(LayoutName::Quote, "band"),
            ["error: d.yaml:7:15: `band` does not go with layout `quote` (only with `full`; did you mean `layout: full`?)"]
        );
        assert_eq!(
            at(LayoutName::Pair, "credit"),
            ["error: d.yaml:7:17: `credit` does not go with layout `pair` (give each picture under `images` its own `credit`)"]
        );
        assert_eq!(
            at(LayoutName::Full, "background_image"),
            ["error: d.yaml:7:27: `background_image` does not go with layout `full` (its `image` covers the page already)"]
        );
    }
}
