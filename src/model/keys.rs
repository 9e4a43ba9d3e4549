//! Every unknown key at once, and colours lost to YAML comments.
//!
//! Serde stops at the first unknown key, so before the typed read a quick
//! pass reads only the mappings' keys, with their places, and checks each
//! against the keys its level accepts. Those come from the deck's JSON
//! Schema, which is generated from the serde structs in `raw`: a key added
//! there is known here, in the schema and to serde at once. The same pass
//! sees the one mistake the typed read cannot: `accent: #2f6fde` unquoted is
//! an empty value and a comment, which would silently leave the default
//! colour in place.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::span_of;

use super::schema::{deck_schema, COLOUR_PATTERN};
use super::tree::{self, Node};

/// The deck's schema, generated once.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(deck_schema)
}

/// The schemas a value at `node` may match: `$ref`s followed, `anyOf`,
/// `oneOf` and `allOf` spread out.
fn alternatives<'a>(node: &'a Value, found: &mut Vec<&'a Value>) {
    if let Some(target) = node.get("$ref").and_then(Value::as_str) {
        if let Some(target) = schema().pointer(target.trim_start_matches('#')) {
            alternatives(target, found);
        }
        return;
    }
    let mut spread = false;
    for key in ["anyOf", "oneOf", "allOf"] {
        for alternative in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            alternatives(alternative, found);
            spread = true;
        }
    }
    // A mapping's own keys stand beside its `allOf` conditions.
    if !spread || node.get("properties").is_some() {
        found.push(node);
    }
}

fn all_alternatives(node: &Value) -> Vec<&Value> {
    let mut found = Vec::new();
    alternatives(node, &mut found);
    found
}

/// The keys a mapping matching `node` takes, in the order `raw` declares them.
fn properties(node: &Value) -> Option<&serde_json::Map<String, Value>> {
    all_alternatives(node)
        .into_iter()
        .find_map(|alternative| alternative.get("properties")?.as_object())
}

/// Every key any level takes, for "not allowed here".
fn every_key() -> &'static BTreeSet<String> {
    fn collect(node: &Value, keys: &mut BTreeSet<String>) {
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            keys.extend(properties.keys().cloned());
        }
        match node {
            Value::Object(map) => map.values().for_each(|child| collect(child, keys)),
            Value::Array(items) => items.iter().for_each(|child| collect(child, keys)),
            _ => {}
        }
    }
    static KEYS: OnceLock<BTreeSet<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = BTreeSet::new();
        collect(schema(), &mut keys);
        keys
    })
}

/// Reports every key of `text` that its mapping does not accept. Returns
/// whether the keys could be read at all; YAML that cannot be read here is
/// normally refused by the typed read too, which says why.
pub(crate) fn check_keys(text: &str, shown: &Path, diagnostics: &mut Diagnostics) -> bool {
    let Some(root) = tree::read(text) else {
        return false;
    };
    let mut checker = KeyChecker { shown, diagnostics };
    checker.value(&root, schema());
    true
}

/// Reports every key of theme file `text` that `theme:` does not accept.
/// Returns whether the keys could be read at all.
pub(crate) fn check_theme_keys(text: &str, shown: &Path, diagnostics: &mut Diagnostics) -> bool {
    check_keys_of("RawTheme", text, shown, diagnostics)
}

/// Reports every key of `text` that the schema's `definition` does not take.
fn check_keys_of(
    definition: &str,
    text: &str,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> bool {
    let Some(root) = tree::read(text) else {
        return false;
    };
    let level = schema()
        .pointer(&format!("/definitions/{definition}"))
        .expect("the deck schema defines each level");
    let mut checker = KeyChecker { shown, diagnostics };
    checker.value(&root, level);
    true
}

/// Whether `text` is YAML holding a mapping of keys, whatever their values.
pub(crate) fn is_yaml_mapping(text: &str) -> bool {
    tree::read(text).is_some_and(|node| node.items.is_empty() && node.text.is_none())
}

/// Whether `name` is a top-level key of a deck.
pub(crate) fn is_deck_key(name: &str) -> bool {
    properties(schema()).is_some_and(|keys| keys.contains_key(name))
}

/// The top-level keys of a Markdown deck's front matter that are not
/// checked, each with its place.
#[derive(Debug, Default)]
pub(crate) struct KeysAside {
    /// The keys the caller's `aside` picked: another tool's.
    pub theirs: Vec<(String, Option<crate::diag::Span>)>,
    /// The keys nobody defines that are no near miss of a key anybody
    /// does: a template's own (Pandoc hands every key to its template, Marp
    /// ignores keys it has no directive for).
    pub templates: Vec<(String, Option<crate::diag::Span>)>,
}

/// Reports every key of a Markdown deck's front matter `text` that it
/// does not take: the deck's keys but `sections`, and `extra`. The keys
/// `aside` says are left unchecked, and returned with their places; so are
/// the keys nobody defines, unless they are a near miss of a key of
/// deckgen's, of `extra` or of `others` (the other tools' keys), which
/// stays an error with its did-you-mean.
pub(crate) fn check_front_matter_keys(
    text: &str,
    shown: &Path,
    diagnostics: &mut Diagnostics,
    extra: &[&str],
    others: &[&str],
    aside: &dyn Fn(&str) -> bool,
) -> KeysAside {
    let mut left = KeysAside::default();
    let Some(mut root) = tree::read(text) else {
        return left;
    };
    root.entries.retain(|(key, _)| {
        let known = extra.contains(&key.value.as_str()) || is_deck_key(&key.value);
        let put_aside = !known && aside(&key.value);
        if put_aside {
            left.theirs
                .push((key.value.to_string(), span_of(&key.referenced)));
        }
        !put_aside
    });
    let mut keys = properties(schema()).cloned().unwrap_or_default();
    keys.remove("sections");
    for key in extra {
        keys.entry(key.to_string()).or_insert(Value::Bool(true));
    }
    let mut checker = KeyChecker { shown, diagnostics };
    let allowed: Vec<&str> = keys.keys().map(String::as_str).collect();
    let anybody: Vec<&str> = allowed.iter().chain(others).copied().collect();
    root.entries.retain(|(key, _)| {
        let name = key.value.as_str();
        if keys.contains_key(name) {
            return true;
        }
        // A deckgen key out of place, or a near miss of anybody's key, is
        // an error; a key far from every key is a template's own.
        let near = near_miss(name, &anybody);
        if every_key().contains(name) || near.is_some() {
            let near: Vec<&str> = near.into_iter().collect();
            let suggested = if near.is_empty() { &allowed } else { &near };
            checker.unknown_with(key, suggested, &allowed, NO_TOOL_HAS_IT);
        } else {
            left.templates
                .push((name.to_string(), span_of(&key.referenced)));
        }
        false
    });
    checker.mapping(&root, &keys);
    left
}

/// The key of `candidates` that front-matter key `name` likely misspells:
/// one edit off (a swap of two letters counts as one), never the key that
/// `name`'s Marp `_` scope is put on (`_title` is no misspelt `title`).
/// A key farther off is more often a template's own (`dark` is no `date`).
fn near_miss<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    crate::suggest::closest(name, candidates).filter(|hit| {
        *hit != name.trim_start_matches('_')
            && strsim::osa_distance(&name.to_lowercase(), &hit.to_lowercase()) <= 1
    })
}

/// Said of a front-matter key that neither deckgen, Marp nor Pandoc has.
const NO_TOOL_HAS_IT: &str =
    " (neither deckgen, Marp nor Pandoc has it; remove it, or end its name in `_`, which Pandoc and deckgen skip)";

/// Reports every key of slide keys `text` (a Markdown deck's `<!--
/// deckgen: ... -->` comment) that a slide does not take.
pub(crate) fn check_slide_keys(text: &str, shown: &Path, diagnostics: &mut Diagnostics) -> bool {
    check_keys_of("RawSlide", text, shown, diagnostics)
}

struct KeyChecker<'a> {
    shown: &'a Path,
    diagnostics: &'a mut Diagnostics,
}

impl KeyChecker<'_> {
    /// Checks `node` and everything under it against `schema`.
    fn value(&mut self, node: &Node, schema: &Value) {
        if !node.entries.is_empty() {
            if let Some(properties) = properties(schema) {
                self.mapping(node, properties);
            }
        }
        if !node.items.is_empty() {
            let items = all_alternatives(schema)
                .into_iter()
                .find_map(|alternative| alternative.get("items"));
            for item in items.map_or(&[][..], |_| &node.items[..]) {
                self.value(&item.value, items.unwrap_or(&Value::Null));
            }
        }
    }

    fn mapping(&mut self, node: &Node, properties: &serde_json::Map<String, Value>) {
        let allowed: Vec<&str> = properties.keys().map(String::as_str).collect();
        for (key, value) in &node.entries {
            let name = key.value.as_str();
            let Some(property) = properties.get(name) else {
                self.unknown(key, &allowed);
                continue;
            };
            if value.empty && is_colour(property) {
                // An empty colour value is almost always `#rrggbb` read as a comment.
                let message = format!(
                    "`{name}` has no value (a `#` starts a YAML comment: quote the colour, as in `{name}: \"#2f6fde\"`)"
                );
                self.diagnostics
                    .error(self.shown, span_of(&key.referenced), message);
            }
            self.value(value, property);
        }
    }

    fn unknown(&mut self, key: &serde_saphyr::Spanned<tree::Key>, allowed: &[&str]) {
        self.unknown_with(key, allowed, allowed, "");
    }

    /// Reports unknown `key`, maybe a misspelling of one of `suggested`;
    /// `otherwise` is said when no hint is found.
    fn unknown_with(
        &mut self,
        key: &serde_saphyr::Spanned<tree::Key>,
        suggested: &[&str],
        allowed: &[&str],
        otherwise: &str,
    ) {
        let name = key.value.as_str();
        // A key Marp or Pandoc defines is theirs, not a typo of ours:
        // `math` is no misspelt `date`, `_class` no `class`.
        // A deckgen key out of place is said so, whoever else has it.
        let ours = every_key().contains(name);
        let theirs = if ours {
            None
        } else {
            crate::markdown::defined_by(name)
        };
        let hint = match theirs {
            Some(whose) => format!(" ({whose})"),
            None => match crate::suggest::closest(name, suggested) {
                // `_title` is no misspelt `title`: Marp's `_` scopes a key.
                // In front matter, a key a letter off: a farther one is
                // more often a template's own key (`dark` is no `date`).
                Some(hit)
                    if hit != name.trim_start_matches('_')
                        && (otherwise.is_empty()
                            || strsim::osa_distance(&name.to_lowercase(), &hit.to_lowercase())
                                <= 1) =>
                {
                    format!(" (did you mean `{hit}`?)")
                }
                _ if ours => format!(" (`{name}` is not allowed here)"),
                _ => otherwise.to_string(),
            },
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

/// Whether a value matching `node` is a colour.
fn is_colour(node: &Value) -> bool {
    all_alternatives(node).iter().any(|alternative| {
        alternative.get("pattern").and_then(Value::as_str) == Some(COLOUR_PATTERN)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys a level of the deck takes, as the check reports them.
    fn allowed(yaml: &str) -> String {
        let mut diagnostics = Diagnostics::new();
        check_keys(yaml, Path::new("d.yaml"), &mut diagnostics);
        let sorted = diagnostics.sorted();
        let hint = sorted[0].hint.as_deref().expect("a hint");
        hint.trim_start_matches("allowed here: ").replace('`', "")
    }

    #[test]
    fn every_level_takes_the_fields_of_its_struct() {
        assert_eq!(
            allowed("bad: 1\n"),
            "title, subtitle, author, date, language, title_slide, agenda, duration, transition, transition_duration, incremental, theme, sections"
        );
        assert_eq!(allowed("theme:\n  present:\n    bad: 1\n"), "fullscreen");
        assert_eq!(
            allowed("sections:\n  - bad: 1\n"),
            "title, intro, divider, transition, transition_duration, incremental, slides, layout"
        );
        assert_eq!(
            allowed("sections:\n  - slides:\n      - bad: 1\n"),
            "id, title, caption, body, image, alt, page, fit, notes, link, transition, transition_duration, incremental, credit, background, background_image, text_color, focus, layout, band, split, images, attribution"
        );
    }

    #[test]
    fn empty_colours_are_found_by_their_type() {
        let yaml = "theme:\n  accent: # blue\n  footer:\n";
        let mut diagnostics = Diagnostics::new();
        check_keys(yaml, Path::new("d.yaml"), &mut diagnostics);
        let lines: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            ["error: d.yaml:2:3: `accent` has no value (a `#` starts a YAML comment: quote the colour, as in `accent: \"#2f6fde\"`)"]
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
