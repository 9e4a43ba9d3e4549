//! Reading the deck file: bytes to UTF-8 text to serde values with spans.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, Location};

use crate::diag::{io_reason, Diagnostic, Diagnostics, Severity, Span};
use crate::suggest::did_you_mean;

/// The span of a serde-saphyr location; unknown locations become `None`.
pub fn span_of(location: &Location) -> Option<Span> {
    let (line, column) = (location.line(), location.column());
    (line > 0).then(|| Span::new(line as u32, column.max(1) as u32))
}

/// Reads the deck file (named as the user wrote it) as UTF-8 text, and
/// keeps it in `diagnostics` to show the lines its problems point at.
pub fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.error(
                path,
                None,
                format!("cannot read the deck file ({})", io_reason(&err)),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            diagnostics.add_source(path, &text);
            Some(text)
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count()
                + 1;
            diagnostics.error(
                path,
                Some(Span::new(line as u32, column as u32)),
                "the deck file is not valid UTF-8 text",
            );
            None
        }
    }
}

/// Parses YAML `text` into `T`. A structural problem (syntax, unknown or
/// missing key, wrong type) is reported at its place; serde stops there, so
/// only the first one is (`model` checks every key beforehand).
pub fn parse<T: DeserializeOwned>(
    text: &str,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let options = serde_saphyr::options! { with_snippet: false };
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(value) => Some(value),
        Err(err) => {
            let err = err.without_snippet();
            let span = err.location().as_ref().and_then(span_of);
            let message = yaml_message(err);
            let diagnostic = Diagnostic::new(Severity::Error, shown, span, message);
            diagnostics.push(match yaml_hint(err) {
                Some(hint) => diagnostic.with_hint(hint),
                None => diagnostic,
            });
            None
        }
    }
}

/// One line in our voice for a YAML or structure error.
fn yaml_message(err: &YamlError) -> String {
    match err {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            format!("unknown key `{field}`{}", did_you_mean(field, expected))
        }
        YamlError::SerdeMissingField { field, .. } => format!("missing required key `{field}`"),
        YamlError::DuplicateMappingKey { key: Some(key), .. } => format!("duplicate key `{key}`"),
        YamlError::MultipleDocuments { .. } => {
            "the file holds more than one YAML document (`---`); a deck is one document".into()
        }
        YamlError::Budget { .. } => {
            "the deck is too large once its aliases are expanded (is `*` used in a loop?)".into()
        }
        YamlError::InvalidScalar { ty, .. } => {
            let expected = match *ty {
                "boolean" => "`true` or `false`",
                "floating point" => "a number",
                other => other,
            };
            format!("invalid value (expected {expected})")
        }
        YamlError::InvalidBooleanStrict { .. } => {
            "invalid value (expected `true` or `false`)".into()
        }
        YamlError::NullIntoString { .. } => "missing value (expected text)".into(),
        YamlError::Unexpected { expected, .. } => {
            let expected = match *expected {
                "sequence start" => "a list of `- ` items",
                "mapping start" => "`key: value` lines",
                text if text.contains("scalar") => "text, not a list or mapping",
                other => other,
            };
            format!("invalid value (expected {expected})")
        }
        YamlError::SerdeInvalidType { .. } | YamlError::SerdeInvalidValue { .. } => {
            format!("invalid value ({})", cause(err))
        }
        _ => format!("invalid YAML ({})", cause(err)),
    }
}

/// What usually fixes a YAML error, for the ones people make most.
fn yaml_hint(err: &YamlError) -> Option<&'static str> {
    let text = err.to_string();
    if text.contains("tabs disallowed") {
        Some("indent with spaces; YAML does not allow tabs in indentation")
    } else if matches!(err, YamlError::DuplicateMappingKey { .. }) {
        Some("a key may appear once in each mapping; remove one of them")
    } else if text.contains("unclosed quote") {
        Some("close the quote; inside single quotes, write `''` for a `'`")
    } else {
        None
    }
}

/// serde-saphyr's own text for an error, without the place it appends.
fn cause(err: &YamlError) -> String {
    let text = err.to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = match first.find(" at line ") {
        Some(at) => &first[..at],
        None => first,
    };
    first.trim_end_matches('.').to_string()
}
