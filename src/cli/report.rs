//! Problems as a person reads them: the contract's line
//! `error: FILE:LINE:COLUMN: message` first, then the line of the deck it
//! points at with a caret under the place, the slide it belongs to, and a
//! hint where one helps. Coloured on a terminal unless `NO_COLOR` is set.

use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diag::{Diagnostic, Diagnostics, Severity};

use super::{counted, listed};

/// Which problems to print, and how.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    /// Errors only (`--quiet`).
    pub quiet: bool,
    /// Notes too: what `deckgen check` mentions and a build does not.
    pub notes: bool,
    /// ANSI colours.
    pub color: bool,
}

impl Shown {
    /// What a run prints on standard error: colour when it is a terminal
    /// and `NO_COLOR` is unset or empty (no-color.org).
    pub fn on_stderr(quiet: bool, notes: bool) -> Shown {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Shown {
            quiet,
            notes,
            color: std::io::stderr().is_terminal() && !no_color,
        }
    }

    fn shows(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => true,
            Severity::Warning => !self.quiet,
            Severity::Note => self.notes && !self.quiet,
        }
    }
}

/// Prints every problem `shown` asks for on standard error, in order.
pub fn print(diagnostics: &Diagnostics, shown: Shown) {
    let renderer = if shown.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for diagnostic in diagnostics.sorted() {
        if shown.shows(diagnostic.severity) {
            let source = diagnostics.source(&diagnostic.file);
            let _ = writeln!(err, "{}\n", render(diagnostic, source, &renderer));
        }
    }
}

/// One problem met outside the deck (writing a file, watching a folder),
/// printed as every other problem is.
pub(super) fn print_one(severity: Severity, file: &Path, message: String, quiet: bool) {
    let mut diagnostics = Diagnostics::new();
    diagnostics.push(Diagnostic::new(severity, file, None, message));
    print(&diagnostics, Shown::on_stderr(quiet, false));
}

/// "2 errors, 1 warning".
pub(super) fn problems(diagnostics: &Diagnostics) -> String {
    listed(&[
        counted(diagnostics.count(Severity::Error), "error"),
        counted(diagnostics.count(Severity::Warning), "warning"),
    ])
}

/// One problem: its contract line, then what helps to fix it.
fn render(diagnostic: &Diagnostic, source: Option<&str>, renderer: &Renderer) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let mut group = Group::with_title(level.primary_title(diagnostic.headline()));
    let line = diagnostic
        .span
        .zip(source)
        .and_then(|(span, source)| Some((span, source.lines().nth(span.line as usize - 1)?)));
    if let Some((span, text)) = line {
        let snippet = Snippet::source(text)
            .line_start(span.line as usize)
            .annotation(AnnotationKind::Primary.span(token_at(text, span.column as usize)));
        group = group.element(snippet);
    }
    if let Some(place) = &diagnostic.slide {
        group = group.element(Level::NOTE.message(format!("in {place}")));
    }
    if let Some(hint) = &diagnostic.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    renderer.render(&[group])
}

/// The bytes of the YAML token that starts at `column` (from 1, in
/// characters) of `line`: a quoted value up to its closing quote, a key up
/// to its colon, anything else up to a comment or the end of the line.
fn token_at(line: &str, column: usize) -> Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(at, _)| at);
    let rest = &line[start..];
    let length = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map_or(rest.len(), |end| end + 2),
        // A tab in the indentation: the tab alone is the mistake.
        Some('\t') => 1,
        Some(_) => {
            let ends = [
                rest.find(": "),
                rest.find(" #"),
                rest.ends_with(':').then(|| rest.len() - 1),
            ];
            ends.into_iter().flatten().min().unwrap_or(rest.len())
        }
        None => 0,
    };
    // At least the character at the column, if there is one.
    let first = rest.chars().next().map_or(0, char::len_utf8);
    start..start + rest[..length].trim_end().len().max(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_at_a_column() {
        fn pick(line: &str, column: usize) -> &str {
            &line[token_at(line, column)]
        }
        assert_eq!(pick("  aspect: 16/9  # wide", 11), "16/9");
        assert_eq!(pick("  aspect: 16/9  # wide", 3), "aspect");
        assert_eq!(pick("      - captoin: Hello", 9), "captoin");
        assert_eq!(pick("  accent: 'blue sky' # no", 11), "'blue sky'");
        assert_eq!(pick("title: \"unclosed", 8), "\"unclosed");
        assert_eq!(pick("slides:", 1), "slides");
        assert_eq!(pick("  font: Schöne.ttf", 9), "Schöne.ttf");
        assert_eq!(pick("title:", 7), "");
    }
}
