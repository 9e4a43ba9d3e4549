//! Problems found in a deck: errors and warnings, each with a place.
//!
//! Every stage pushes into one [`Diagnostics`] sink and carries on, so a
//! single run reports everything; the CLI prints them at the end.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub line: u32,
    pub column: u32,
}

impl Span {
    pub fn new(line: u32, column: u32) -> Span {
        Span { line, column }
    }
}

/// A file the deck names (an image or a font), with where it was named.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRef {
    /// The path as written in the deck, for messages.
    pub written: String,
    /// The path resolved against the deck file's folder.
    pub path: PathBuf,
    /// Where the path was written.
    pub span: Span,
}

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, printed as `error: FILE:LINE:COLUMN: message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the place refers to, as the user named it.
    pub file: PathBuf,
    /// Where in `file`; `None` when the problem is about the whole file.
    pub span: Option<Span>,
    /// Lowercase, no final period, user values in backticks.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.file.display())?;
        if let Some(span) = self.span {
            write!(f, ":{}:{}", span.line, span.column)?;
        }
        // A user value with a line break in it must not split the line.
        let message: String = self
            .message
            .chars()
            .flat_map(|c| match c {
                '\n' => "\\n".chars().collect::<Vec<_>>(),
                '\t' => "\\t".chars().collect(),
                c if c.is_control() => c.escape_unicode().collect(),
                c => vec![c],
            })
            .collect();
        write!(f, ": {message}")
    }
}

/// The sink every stage reports into.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Records an error at `span` in `file`.
    pub fn error(&mut self, file: &Path, span: Option<Span>, message: impl Into<String>) {
        self.push(Severity::Error, file, span, message.into());
    }

    /// Records a warning at `span` in `file`.
    pub fn warning(&mut self, file: &Path, span: Option<Span>, message: impl Into<String>) {
        self.push(Severity::Warning, file, span, message.into());
    }

    fn push(&mut self, severity: Severity, file: &Path, span: Option<Span>, message: String) {
        let diagnostic = Diagnostic {
            severity,
            file: file.to_path_buf(),
            span,
            message,
        };
        // The same character missing on one slide twice, say, is one problem.
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// All problems, sorted by file and place so the output reads top to bottom.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
        items
    }
}

/// The reason part of an I/O error, lowercase, without the "(os error N)".
pub fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = text.split(" (os error").next().unwrap_or_default();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::from("unknown error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_file_line_column_message() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            Path::new("talk.yaml"),
            Some(Span::new(14, 9)),
            "unknown key `captoin`",
        );
        diagnostics.warning(Path::new("talk.yaml"), None, "something");
        let lines: Vec<String> = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "warning: talk.yaml: something",
                "error: talk.yaml:14:9: unknown key `captoin`"
            ]
        );
        assert!(diagnostics.has_errors());
        assert_eq!(diagnostics.count(Severity::Warning), 1);
    }

    #[test]
    fn a_message_stays_on_one_line() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            Path::new("d.yaml"),
            Some(Span::new(1, 1)),
            "bad `#fff\nblue\u{7}`",
        );
        let line = diagnostics.sorted()[0].to_string();
        assert_eq!(line, "error: d.yaml:1:1: bad `#fff\\nblue\\u{7}`");
    }

    #[test]
    fn repeated_problems_are_reported_once() {
        let mut diagnostics = Diagnostics::new();
        for _ in 0..3 {
            diagnostics.warning(Path::new("a.yaml"), Some(Span::new(1, 1)), "same");
        }
        assert_eq!(diagnostics.sorted().len(), 1);
    }
}
