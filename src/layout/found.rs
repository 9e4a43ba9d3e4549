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
