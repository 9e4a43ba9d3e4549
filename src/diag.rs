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
    /// The file it was written in: the deck, or a theme file it extends.
    pub named_in: PathBuf,
    /// `page: N` beside the path: the page of a PDF figure to show.
    pub page: Option<PageChoice>,
}

/// A page of a PDF figure (1-based), and where `page:` was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageChoice {
    pub number: u32,
    pub span: Span,
}

/// How bad a problem is: errors stop the build, warnings do not, and notes
/// are what only `deckgen check` mentions (text shrunk to fit, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    /// How the problem's line starts: `error` or `warning`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// The slide (or section) of the deck a place in the deck file belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionAndSlide {
    /// The section's number, from 1.
    pub section: usize,
    /// The section's title, when it is text.
    pub section_title: Option<String>,
    /// The slide's number within its section, from 1; `None` for a place
    /// in the section but in none of its slides.
    pub slide: Option<usize>,
}

impl fmt::Display for SectionAndSlide {
    /// "section 3 `Debugging Models`, slide 2".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "section {}", self.section)?;
        if let Some(title) = &self.section_title {
            write!(f, " `{}`", one_line(title))?;
        }
        if let Some(slide) = self.slide {
            write!(f, ", slide {slide}")?;
        }
        Ok(())
    }
}

/// One problem. Its first line is the contract's
/// `error: FILE:LINE:COLUMN: message`; a hint and the slide it is on may follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the place refers to, as the user named it.
    pub file: PathBuf,
    /// Where in `file`; `None` when the problem is about the whole file.
    pub span: Option<Span>,
    /// Lowercase, no final period, user values in backticks.
    pub message: String,
    /// What might fix it, when the message alone may not say.
    pub hint: Option<String>,
    /// The slide the place belongs to, when it is in one.
    pub slide: Option<SectionAndSlide>,
}

impl Diagnostic {
    /// A problem with no hint, not yet placed on a slide.
    pub fn new(
        severity: Severity,
        file: &Path,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            span,
            message: message.into(),
            hint: None,
            slide: None,
        }
    }

    /// The same problem with a hint.
    pub fn with_hint(self, hint: impl Into<String>) -> Diagnostic {
        Diagnostic {
            hint: Some(hint.into()),
            ..self
        }
    }

    /// The contract's line without its label: `FILE:LINE:COLUMN: message`.
    pub fn headline(&self) -> String {
        let mut line = self.file.display().to_string();
        if let Some(span) = self.span {
            line += &format!(":{}:{}", span.line, span.column);
        }
        format!("{line}: {}", one_line(&self.message))
    }
}

impl fmt::Display for Diagnostic {
    /// The contract's line: `error: FILE:LINE:COLUMN: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.label(), self.headline())
    }
}

/// `text` on one line: a user value with a line break in it must not split
/// the line a script reads.
fn one_line(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '\n' => "\\n".chars().collect::<Vec<_>>(),
            '\t' => "\\t".chars().collect(),
            c if c.is_control() => c.escape_unicode().collect(),
            c => vec![c],
        })
        .collect()
}

/// The sink every stage reports into, with the text of the files the
/// problems point into, so they can be shown with their lines.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    sources: Vec<(PathBuf, String)>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Records an error at `span` in `file`.
    pub fn error(&mut self, file: &Path, span: Option<Span>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Error, file, span, message));
    }

    /// Records a warning at `span` in `file`.
    pub fn warning(&mut self, file: &Path, span: Option<Span>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Warning, file, span, message));
    }

    /// Records a note: what `deckgen check` mentions and a build does not.
    pub fn note(&mut self, file: &Path, span: Option<Span>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Note, file, span, message));
    }

    /// Records a problem built by the caller, say one with a hint.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        // The same character missing on one slide twice, say, is one problem.
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    /// Keeps the text of `file`, to show the lines its problems point at.
    pub fn add_source(&mut self, file: &Path, text: &str) {
        self.sources.push((file.to_path_buf(), text.to_string()));
    }

    /// The text of `file`, if it was kept.
    pub fn source(&self, file: &Path) -> Option<&str> {
        self.sources
            .iter()
            .find(|(path, _)| path == file)
            .map(|(_, text)| text.as_str())
    }

    /// Names the slide of every problem placed in `file`, as `place_of` finds it.
    pub fn place_on_slides(
        &mut self,
        file: &Path,
        place_of: impl Fn(Span) -> Option<SectionAndSlide>,
    ) {
        for diagnostic in self.items.iter_mut().filter(|d| d.file == file) {
            diagnostic.slide = diagnostic.span.and_then(&place_of);
        }
    }

    /// Whether any problem points at a place in `file`.
    pub fn points_into(&self, file: &Path) -> bool {
        self.items
            .iter()
            .any(|d| d.file == file && d.span.is_some())
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
    fn names_the_slide() {
        let place = SectionAndSlide {
            section: 3,
            section_title: Some("Debugging Models".into()),
            slide: Some(2),
        };
        assert_eq!(place.to_string(), "section 3 `Debugging Models`, slide 2");
        let section_only = SectionAndSlide {
            slide: None,
            ..place
        };
        assert_eq!(section_only.to_string(), "section 3 `Debugging Models`");
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
