//! The deck format as a JSON Schema (draft 7), generated from the serde
//! structs that read a deck, so the two cannot drift apart. Editors use it
//! to complete and check keys as you type (`deckgen init` points
//! `deck.yaml` at it).
//!
//! The types here stand for what a [`serde_saphyr::Spanned`] value in
//! `raw` holds, each with the rule `validate` applies to it: the limits
//! live here, beside the schema that states them, and `validate` applies
//! the same constants. The key check (`keys`) reads its allowed keys from
//! this schema, so the serde structs in `raw` are the one place a key is
//! declared.

use std::borrow::Cow;

use schemars::{generate::SchemaSettings, json_schema, JsonSchema, Schema, SchemaGenerator};

use super::raw::RawDeck;
use super::{
    Aspect, Band, Fit, LayoutName, LogoPosition, Preset, Transition, TransitionStyle, MAX_PPI,
    MEGAPIXELS, SPLIT,
};

/// The JSON Schema of a deck file.
pub fn deck_schema() -> serde_json::Value {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawDeck>()
        .to_value()
}

/// Implements [`JsonSchema`] for a type that stands for a value's rule,
/// inlined where it is used so the key's own description stays beside it.
macro_rules! rule {
    ($type:ident, $name:literal, $schema:expr) => {
        pub(super) struct $type;

        impl JsonSchema for $type {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

rule!(
    AspectName,
    "Aspect",
    json_schema!({ "type": "string", "enum": Aspect::NAMES })
);
rule!(
    LayoutNameRule,
    "Layout",
    json_schema!({ "type": "string", "enum": LayoutName::NAMES })
);
rule!(
    PresetName,
    "Preset",
    json_schema!({ "type": "string", "enum": Preset::NAMES })
);
rule!(
    PageNumbersRule,
    "PageNumbers",
    json_schema!({ "anyOf": [{ "type": "boolean" }, { "type": "string", "enum": ["total"] }] })
);
rule!(
    FocusRule,
    "Focus",
    json_schema!({
        "type": "array",
        "items": { "type": "number", "minimum": 0, "maximum": 1 },
        "minItems": 2,
        "maxItems": 2
    })
);
rule!(
    BandName,
    "Band",
    json_schema!({ "type": "string", "enum": Band::NAMES })
);
rule!(
    LogoPositionName,
    "LogoPosition",
    json_schema!({ "type": "string", "enum": LogoPosition::NAMES })
);
rule!(
    Split,
    "Split",
    json_schema!({ "type": "number", "minimum": SPLIT.start(), "maximum": SPLIT.end() })
);
rule!(
    FitName,
    "Fit",
    json_schema!({ "type": "string", "enum": Fit::NAMES })
);
/// What a colour value looks like; the key check knows colours by it.
pub(super) const COLOUR_PATTERN: &str = "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$";

rule!(
    Colour,
    "Colour",
    json_schema!({ "type": "string", "pattern": COLOUR_PATTERN })
);
rule!(
    SlideId,
    "SlideId",
    json_schema!({ "type": "string", "pattern": "^[A-Za-z0-9._-]+$" })
);
/// Type sizes outside this range are a mistake, not a style.
pub(super) const SIZE_RANGE: std::ops::RangeInclusive<f64> = 6.0..=300.0;
/// A talk's length in minutes: up to a day.
pub(super) const MINUTES: std::ops::RangeInclusive<f64> = 1.0..=1440.0;
/// The longest transition, in seconds; longer is a mistake.
pub(super) const LONGEST_TRANSITION: f64 = 10.0;

rule!(
    TypeSize,
    "TypeSize",
    json_schema!({ "type": "number", "minimum": SIZE_RANGE.start(), "maximum": SIZE_RANGE.end() })
);
rule!(
    Ppi,
    "Ppi",
    json_schema!({ "type": "integer", "minimum": MAX_PPI.start(), "maximum": MAX_PPI.end() })
);
rule!(
    Megapixels,
    "Megapixels",
    json_schema!({ "type": "number", "minimum": MEGAPIXELS.start(), "maximum": MEGAPIXELS.end() })
);
rule!(
    Minutes,
    "Minutes",
    json_schema!({ "type": "integer", "minimum": MINUTES.start(), "maximum": MINUTES.end() })
);
rule!(
    Seconds,
    "Seconds",
    json_schema!({ "type": "number", "exclusiveMinimum": 0, "maximum": LONGEST_TRANSITION })
);
rule!(
    TransitionName,
    "Transition",
    json_schema!({ "type": "string", "pattern": transition_pattern() })
);

/// Each style with the options it takes, as `^(none|wipe( +(right|up|left|down))*|...)$`.
fn transition_pattern() -> String {
    let styles: Vec<String> = TransitionStyle::NAMES
        .iter()
        .map(|name| {
            let options = Transition::parse(name).map_or(&[][..], |t| t.style.options());
            if options.is_empty() {
                name.to_string()
            } else {
                format!("{name}( +({}))*", options.join("|"))
            }
        })
        .collect();
    format!("^({})$", styles.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_description() {
        fn walk(node: &serde_json::Value, path: &str) {
            if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
                for (key, property) in properties {
                    let described = property.get("description").and_then(|d| d.as_str());
                    assert!(described.is_some_and(|d| !d.is_empty()), "{path}.{key}");
                }
            }
            if let Some(children) = node.as_object() {
                for (key, child) in children {
                    walk(child, &format!("{path}/{key}"));
                }
            }
        }
        walk(&deck_schema(), "");
    }

    #[test]
    fn slides_take_alt_as_text() {
        let schema = deck_schema();
        let slide = &schema["definitions"]["RawSlide"]["properties"]["alt"];
        assert_eq!(
            slide["type"],
            serde_json::json!(["string", "null"]),
            "{slide}"
        );
        let description = slide["description"].as_str().unwrap_or_default();
        assert!(
            description.contains("`alt: \"\"` marks the image as decorative"),
            "{description}"
        );
    }

    #[test]
    fn transitions_match_the_styles_and_their_options() {
        let pattern = transition_pattern();
        assert!(pattern.starts_with("^(none|fade|dissolve|wipe( +(right|up|left|down))*|"));
        assert!(pattern.ends_with("|fly( +(right|down))*)$"));
    }
}
