//! The deck file as serde reads it, before validation.
//!
//! Every value a later check may reject is kept as a [`Spanned`] string so the
//! error can point at its line. Serde stops at the first structural error
//! (a syntax error, a wrong type), so those are reported one at a time;
//! unknown keys are left to `keys` (serde skips them here), and everything
//! checked afterwards in `validate` is reported all at once.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// The top-level mapping of a deck file.
#[derive(Debug, Deserialize)]
pub(crate) struct RawDeck {
    pub title: Spanned<String>,
    pub subtitle: Option<Spanned<String>>,
    pub author: Option<Spanned<String>>,
    pub date: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    pub title_slide: Option<bool>,
    pub agenda: Option<bool>,
    pub duration: Option<Spanned<f64>>,
    pub transition: Option<Spanned<String>>,
    pub transition_duration: Option<Spanned<f64>>,
    pub theme: Option<RawTheme>,
    pub sections: Spanned<Vec<RawSection>>,
}

/// `theme:`; every key is optional.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawTheme {
    pub aspect: Option<Spanned<String>>,
    pub font: Option<Spanned<String>>,
    pub bold_font: Option<Spanned<String>>,
    pub background: Option<Spanned<String>>,
    pub text_color: Option<Spanned<String>>,
    pub accent: Option<Spanned<String>>,
    pub title_size: Option<Spanned<f64>>,
    pub caption_size: Option<Spanned<f64>>,
    pub page_numbers: Option<bool>,
    pub footer: Option<Spanned<String>>,
    pub max_ppi: Option<Spanned<f64>>,
    pub present: Option<RawPresent>,
}

/// `theme.present:`, how the PDF opens in a viewer.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawPresent {
    pub fullscreen: Option<bool>,
}

/// One entry of `sections:`.
#[derive(Debug, Deserialize)]
pub(crate) struct RawSection {
    pub title: Spanned<String>,
    pub intro: Option<Spanned<String>>,
    pub divider: Option<bool>,
    pub transition: Option<Spanned<String>>,
    pub transition_duration: Option<Spanned<f64>>,
    /// `slides:` with nothing after it means no slides, like leaving it out.
    pub slides: Option<Vec<Spanned<RawSlide>>>,
}

/// One entry of a section's `slides:`.
#[derive(Debug, Deserialize)]
pub(crate) struct RawSlide {
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub caption: Option<Spanned<String>>,
    pub image: Option<Spanned<String>>,
    pub fit: Option<Spanned<String>>,
    pub notes: Option<Spanned<String>>,
    pub link: Option<Spanned<String>>,
    pub transition: Option<Spanned<String>>,
    pub transition_duration: Option<Spanned<f64>>,
}
