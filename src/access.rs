//! What a deck owes readers who cannot see it, checked after validation:
//! an `alt` on every image and, for a PDF/UA-1 claim, its language.

use crate::diag::{Diagnostic, Diagnostics, Severity, Span};
use crate::model::Deck;

/// How much a run asks of the deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Nothing (a plain build: the PDF is tagged, and claims nothing).
    #[default]
    Quiet,
    /// A note for each image without `alt` (`deckgen check`).
    Notes,
    /// What a PDF/UA-1 claim needs (`--pdf-standard ua-1`): an error for
    /// each image without `alt`, and for a deck without `language`.
    Ua1,
}

/// Reports what `deck` lacks for `access`.
pub fn check(deck: &Deck, access: Access, diagnostics: &mut Diagnostics) {
    let severity = match access {
        Access::Quiet => return,
        Access::Notes => Severity::Note,
        Access::Ua1 => Severity::Error,
    };
    let slides = deck.sections().iter().flat_map(|section| section.slides());
    for image in slides.flat_map(|slide| slide.images_without_alt()) {
        let message = format!(
            "image `{}` has no `alt` (say what it shows, or write `alt: \"\"` if it only decorates)",
            image.written
        );
        diagnostics.push(Diagnostic::new(
            severity,
            deck.file(),
            Some(image.span),
            message,
        ));
    }
    if access == Access::Ua1 && deck.meta().language().is_none() {
        let message = "missing required key `language` for `--pdf-standard ua-1` (PDF/UA-1 needs the document's language, such as `language: en`)";
        diagnostics.error(deck.file(), Some(Span::new(1, 1)), message);
    }
}
