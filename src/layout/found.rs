//! The problems a run of pages finds, kept apart from the deck's sink so
//! runs can be laid out on several threads and their problems told in deck
//! order, as one thread laying out every page would tell them.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Severity, Span};

/// A problem told once per deck, however many pages meet it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Once {
    /// A character the fonts lack, at its place: a section title is set on
    /// every slide of its section, but its `→` is one problem.
    MissingGlyph(Option<Span>, char),
    /// Text of a colour (and furniture or not) hard to read on a colour or
    /// picture: a theme's choice is one problem, not one per slide.
    LowContrast(String, String),
}

/// The problems of some pages, in the order they were found.
#[derive(Debug, Default)]
pub(super) struct Found {
    problems: Vec<(Option<Once>, Diagnostic)>,
    told: BTreeSet<Once>,
}

impl Found {
    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.problems.push((None, diagnostic));
    }

    pub(super) fn warning(&mut self, file: &Path, span: Option<Span>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Warning, file, span, message));
    }

    pub(super) fn note(&mut self, file: &Path, span: Option<Span>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Note, file, span, message));
    }

    /// Whether `once` is not yet told by these pages.
    pub(super) fn is_new(&self, once: &Once) -> bool {
        !self.told.contains(once)
    }

    /// `diagnostic`, the first telling of `once` on these pages.
    pub(super) fn push_once(&mut self, once: Once, diagnostic: Diagnostic) {
        self.told.insert(once.clone());
        self.problems.push((Some(once), diagnostic));
    }

    /// Adds what the pages after these found, but for what these told already.
    pub(super) fn then(&mut self, later: Found) {
        for (once, diagnostic) in later.problems {
            match once {
                Some(once) if self.told.contains(&once) => {}
                Some(once) => self.push_once(once, diagnostic),
                None => self.push(diagnostic),
            }
        }
    }

    /// Tells every problem found to `diagnostics`.
    pub(super) fn report(self, diagnostics: &mut Diagnostics) {
        for (_, diagnostic) in self.problems {
            diagnostics.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_tell_only_what_earlier_pages_have_not_told() {
        let file = Path::new("deck.yaml");
        let warning = |text: &str| Diagnostic::new(Severity::Warning, file, None, text);
        let arrow = |line| Once::MissingGlyph(Some(Span::new(line, 1)), '→');
        let mut deck = Found::default();
        let mut first = Found::default();
        first.push_once(arrow(3), warning("the arrow on line 3, first told"));
        first.warning(file, None, "a problem without a key");
        let mut second = Found::default();
        second.push_once(arrow(3), warning("the arrow on line 3, told again"));
        second.push_once(arrow(4), warning("the arrow on line 4"));
        second.warning(file, None, "another problem without a key");
        let mut third = Found::default();
        third.push_once(arrow(4), warning("the arrow on line 4, told again"));
        for part in [first, second, third] {
            deck.then(part);
        }
        let mut diagnostics = Diagnostics::new();
        deck.report(&mut diagnostics);
        let told: Vec<&str> = diagnostics
            .sorted()
            .into_iter()
            .map(|problem| problem.message.as_str())
            .collect();
        assert_eq!(
            told,
            [
                "the arrow on line 3, first told",
                "a problem without a key",
                "the arrow on line 4",
                "another problem without a key"
            ]
        );
    }
}
