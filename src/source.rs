//! Reading the deck file: bytes to UTF-8 text to serde values with spans.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, Location};

use crate::diag::{io_reason, Diagnostic, Diagnostics, Severity, Span};
use crate::files::{self, FileError, FileKind};
use crate::suggest::did_you_mean;

/// The span of a serde-saphyr location; unknown locations become `None`.
pub fn span_of(location: &Location) -> Option<Span> {
    let (line, column) = (location.line(), location.column());
    (line > 0).then(|| Span::new(line as u32, column.max(1) as u32))
}

/// Reads the deck file (named as the user wrote it) as UTF-8 text, and
/// keeps it in `diagnostics` to show the lines its problems point at.
pub fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    let bytes = match files::read(path, FileKind::Deck) {
        Ok(bytes) => bytes,
        Err(FileError::Io(err)) => {
            let message = format!("cannot read the deck file ({})", io_reason(&err));
            diagnostics.error(path, None, message);
            return None;
        }
        Err(refused) => {
            let problem = match refused {
                FileError::Folder => "is a folder, not a file".to_string(),
                FileError::NotRegular => "is not a regular file".to_string(),
                too_large => too_large.to_string(),
            };
            diagnostics.error(path, None, format!("the deck file {problem}"));
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
            let span = err.without_snippet().location().as_ref().and_then(span_of);
            let err = original(&err);
            let diagnostic = match explained(err, text, span) {
                Some(Explained {
                    span,
                    message,
                    hint,
                }) => Diagnostic::new(Severity::Error, shown, Some(span), message).with_hint(hint),
                None => {
                    let mut message = yaml_message(err);
                    if let Some(key) = span.and_then(|span| key_at(text, span)) {
                        // "invalid value" alone leaves the reader to find whose.
                        // A type's own check words its refusal "expected ...".
                        let rest = message.strip_prefix("invalid value (").or_else(|| {
                            message
                                .strip_prefix("invalid YAML (expected ")
                                .map(|_| &message["invalid YAML (".len()..])
                        });
                        if let Some(rest) = rest {
                            message = format!("invalid value for `{key}` ({rest}");
                        }
                    }
                    let diagnostic = Diagnostic::new(Severity::Error, shown, span, message);
                    match yaml_hint(err) {
                        Some(hint) => diagnostic.with_hint(hint),
                        None => diagnostic,
                    }
                }
            };
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// The key whose value stands at `span` of `text`: the `key:` just
/// before it on its line, or ending the line above when the value starts
/// a line of its own (a list or mapping under the key).
fn key_at(text: &str, span: Span) -> Option<String> {
    let line = span.line as usize;
    let this = text.lines().nth(line.checked_sub(1)?)?;
    let before: String = this.chars().take(span.column as usize - 1).collect();
    let before = before.trim_end();
    let before = match before.trim_start().trim_start_matches("- ").trim() {
        "" => text.lines().nth(line.checked_sub(2)?)?.trim_end(),
        _ => before,
    };
    let key = before.strip_suffix(':')?;
    let start = key
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-')))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let key = &key[start..];
    (!key.is_empty()).then(|| key.to_string())
}

/// The error itself, out of the wrappers that add a snippet or an alias's place.
fn original(mut err: &YamlError) -> &YamlError {
    while let YamlError::AliasError { error, .. } | YamlError::WithSnippet { error, .. } = err {
        err = error;
    }
    err
}

/// What a deck that nests too deeply is told.
const TOO_DEEP: &str =
    "the deck nests lists and mappings too deeply (a deck needs four levels; the limit is 64)";

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
        YamlError::Budget {
            breach: serde_saphyr::budget::BudgetBreach::Depth { .. },
            ..
        } => TOO_DEEP.into(),
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
        // The parser's own guard against deep nesting has no variant of its own.
        _ if cause(err).contains("recursion limit") => TOO_DEEP.into(),
        _ => format!("invalid YAML ({})", cause(err)),
    }
}

/// What usually fixes a YAML error the parser words well enough.
fn yaml_hint(err: &YamlError) -> Option<&'static str> {
    let text = err.to_string();
    if text.contains("unclosed quote") {
        Some("close the quote; inside single quotes, write `''` for a `'`")
    } else {
        None
    }
}

/// A YAML mistake beginners make, in our words: where it really is, what
/// it is, and what fixes it.
#[derive(Debug, PartialEq)]
struct Explained {
    span: Span,
    message: String,
    hint: String,
}

/// The parser's error `err` at `span` in `text` explained, when it is one
/// of the mistakes people make most: a tab in the indentation, a `: ` in
/// an unquoted value, a line indented unlike its neighbours, a key given
/// twice. The parser's own words for these name its state, not the fix,
/// and a tab is found a line early.
fn explained(err: &YamlError, text: &str, span: Option<Span>) -> Option<Explained> {
    let cause = cause(err);
    let lines: Vec<&str> = text.lines().collect();
    let line_of = |span: Span| lines.get(span.line as usize - 1).copied();
    if let YamlError::DuplicateMappingKey { key: Some(key), .. } = err {
        let span = span?;
        let first = first_of_key(&lines, span, key);
        let message = match first {
            Some(line) => format!("duplicate key `{key}` (first given on line {line})"),
            None => format!("duplicate key `{key}`"),
        };
        let hint = "a key may appear once in each mapping; remove one of them".to_string();
        return Some(Explained {
            span,
            message,
            hint,
        });
    }
    if cause.contains("tab") {
        // The tab is on the parser's line or the next.
        let from = span.map_or(0, |span| span.line as usize - 1);
        let (index, column) = (from..lines.len())
            .chain(0..from)
            .find_map(|index| indenting_tab(lines[index]).map(|column| (index, column)))?;
        return Some(Explained {
            span: Span::new(index as u32 + 1, column as u32),
            message: "a tab in the indentation: YAML indents with spaces, not tabs".into(),
            hint: "replace it with spaces, so the line lines up with the lines around it".into(),
        });
    }
    if cause.contains("mapping values are not allowed") {
        let span = span?;
        let (key, value, colon) = plain_value_with_colon(line_of(span)?)?;
        let quoted = if value.contains('"') {
            format!("'{}'", value.replace('\'', "''"))
        } else {
            format!("\"{value}\"")
        };
        return Some(Explained {
            span: Span::new(span.line, colon as u32),
            message: format!(
                "the value of `{key}` has `: ` in it, which YAML reads as the start of another key"
            ),
            hint: format!("quote the text: `{key}: {quoted}`"),
        });
    }
    let misplaced = [
        "did not find expected key",
        "did not find expected '-' indicator",
    ];
    if misplaced.iter().any(|words| cause.contains(words)) {
        let span = span?;
        // At the line's first character: its indentation is the mistake.
        let line = line_of(span)?;
        let column = line.chars().take_while(|c| *c == ' ').count() + 1;
        return Some(Explained {
            span: Span::new(span.line, column as u32),
            message: "this line is indented unlike the lines of its list or mapping".into(),
            hint: "give each `- ` item of a list, and each key of a mapping, the same number of spaces before it".into(),
        });
    }
    None
}

/// The column (from 1) of the first tab among the blanks `line` starts with.
fn indenting_tab(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    line[..indent].find('\t').map(|at| at + 1)
}

/// In a `key: value` line (perhaps a list item, `- key: value`) whose value
/// is plain (unquoted) text holding `: `: the key, the value, and the
/// column (from 1) of the colon in the value.
fn plain_value_with_colon(line: &str) -> Option<(&str, &str, usize)> {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").map_or(body, str::trim_start);
    let offset = line.len() - body.len();
    let (key, rest) = body.split_once(": ")?;
    let value = rest.trim_start();
    // Where the value starts in `line`, in bytes.
    let value_at = offset + key.len() + 2 + (rest.len() - value.len());
    let value = match value.find(" #") {
        Some(comment) => &value[..comment],
        None => value,
    }
    .trim_end();
    let quoted_or_nested = value.starts_with(['"', '\'', '[', '{', '|', '>']);
    if key.is_empty() || key.contains(' ') || quoted_or_nested {
        return None;
    }
    let inner = value
        .find(": ")
        .or_else(|| value.ends_with(':').then(|| value.len() - 1))?;
    let column = line[..value_at + inner].chars().count() + 1;
    Some((key, value, column))
}

/// The line (from 1) where `key` was first given in the mapping that gives
/// it again at `span`: the nearest line above at the same indentation
/// starting with `key:`, before any line indented less.
fn first_of_key(lines: &[&str], span: Span, key: &str) -> Option<usize> {
    let at = span.line as usize - 1;
    let indent = |line: &str| line.len() - line.trim_start().len();
    let depth = indent(lines.get(at)?);
    for index in (0..at).rev() {
        let line = lines[index];
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let here = indent(line);
        // A list item's first key stands after its `- `.
        let (key_indent, content) = match content.strip_prefix("- ") {
            Some(rest) => (here + 2 + indent(rest), rest.trim_start()),
            None => (here, content),
        };
        let given = content
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'));
        if key_indent == depth && given {
            return Some(index + 1);
        }
        if here < depth {
            return None;
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_colon_in_a_plain_value() {
        assert_eq!(
            plain_value_with_colon("      - caption: Result: 42  # why"),
            Some(("caption", "Result: 42", 24))
        );
        assert_eq!(
            plain_value_with_colon("title: Über: alles"),
            Some(("title", "Über: alles", 12))
        );
        assert_eq!(plain_value_with_colon("caption: \"Result: 42\""), None);
        assert_eq!(plain_value_with_colon("caption: plain"), None);
    }

    #[test]
    fn finds_the_tab_and_the_first_of_a_key() {
        assert_eq!(indenting_tab("  \t- a"), Some(3));
        assert_eq!(indenting_tab("a:\tb"), None);
        let lines = [
            "sections:",
            "  - title: S",
            "    slides:",
            "      - caption: a",
            "        image: a.png",
            "        caption: b",
            "      - caption: c",
            "        caption: d",
        ];
        assert_eq!(first_of_key(&lines, Span::new(6, 9), "caption"), Some(4));
        assert_eq!(first_of_key(&lines, Span::new(8, 9), "caption"), Some(7));
        assert_eq!(first_of_key(&lines, Span::new(5, 9), "title"), None);
    }
}
