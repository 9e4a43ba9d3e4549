//! Text must stand out from what is under it: a contrast ratio of at least
//! 4.5:1 (WCAG 2 level AA for body text), or the build and `check` warn,
//! naming the slide.

use crate::color::Color;
use crate::diag::Span;
use crate::frame::{untagged, Item, Layer, Page};

use super::Context;

/// WCAG 2, level AA, for text under 18 pt: the strictest case, kept for all.
pub(super) const LEAST_CONTRAST: f64 = 4.5;

/// The worst contrast of any text on `page` with what is under it, with
/// the colours, when it is below [`LEAST_CONTRAST`]. A band a photo shows
/// through counts at its worst: mixed with black or with white.
fn worst(page: &Page) -> Option<(f64, Color, Color)> {
    let items = untagged(&page.items);
    let bands: Vec<_> = items
        .iter()
        .filter_map(|item| match item {
            Item::Rect(fill) if fill.layer == Layer::Band => Some(fill),
            _ => None,
        })
        .collect();
    let mut worst: Option<(f64, Color, Color)> = None;
    for item in &items {
        let Item::Text(run) = item else { continue };
        let under: Vec<Color> = match bands.iter().find(|b| b.rect.contains(&run.bounds)) {
            Some(band) => {
                let show = 1.0 - f64::from(band.opacity) / 100.0;
                [Color::rgb(0, 0, 0), Color::WHITE]
                    .map(|photo| band.color.mix(photo, show))
                    .into()
            }
            None => vec![page.background],
        };
        for under in under {
            let ratio = run.color.contrast(under);
            if ratio < LEAST_CONTRAST && worst.is_none_or(|(known, _, _)| ratio < known) {
                worst = Some((ratio, run.color, under));
            }
        }
    }
    worst
}

impl Context<'_> {
    /// Warns when text on `page` (the content of `what`, written at `span`)
    /// is hard to read; once per pair of colours, so a theme's choice is
    /// one warning, not one per slide.
    pub(super) fn check_contrast(&mut self, page: &Page, what: &str, span: Option<Span>) {
        let Some((ratio, text, under)) = worst(page) else {
            return;
        };
        if !self
            .low_contrast
            .insert((text.to_string(), under.to_string()))
        {
            return;
        }
        let message = format!(
            "text in `{text}` on `{under}` on {what} has a contrast of {ratio:.1}:1, below {LEAST_CONTRAST}:1 (WCAG AA)"
        );
        let warning = crate::diag::Diagnostic::new(
            crate::diag::Severity::Warning,
            self.deck.file(),
            span,
            message,
        );
        self.diagnostics
            .push(warning.with_hint("choose a `text_color` and `background` further apart"));
    }
}
