//! Marp's and Pandoc's keys mapped onto deckgen's theme and looks; the
//! ones deckgen has no counterpart for are noted.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostics, Span};
use crate::model::raw::{PageNumbersValue, RawTheme};

use super::super::directives::{self, LookSet, Looks};
use super::{clone_spanned, joined, span, span_of, FrontMatter, ThemeKey};

impl FrontMatter {
    /// The looks Marp's keys give the first slide (`_name`) and every
    /// slide (`backgroundImage`).
    pub(crate) fn looks(&mut self, shown: &Path, diagnostics: &mut Diagnostics) -> Looks {
        let mut looks = Looks::default();
        looks.local.background_image = self
            .background_image
            .take()
            .and_then(|image| picture(image, shown, diagnostics));
        let first: &mut LookSet = &mut looks.spot;
        first.background = self.first_background_color.take().map(css_colour);
        first.text_color = self.first_color.take().map(css_colour);
        first.background_image = self
            .first_background_image
            .take()
            .and_then(|image| picture(image, shown, diagnostics));
        if let Some(class) = self.first_class.take() {
            for word in class.value.0.iter().flat_map(|c| c.split_whitespace()) {
                match directives::class_background(word) {
                    Some(colour) => {
                        let colour = colour.to_string();
                        first.background =
                            Some(Spanned::new(colour, class.referenced, class.defined));
                    }
                    None => {
                        diagnostics.note(shown, Some(span(&class)), directives::class_note(word))
                    }
                }
            }
        }
        looks
    }

    /// The deck's theme: the `theme:` keys with Marp's and Pandoc's keys
    /// mapped onto them; the ones deckgen has no counterpart for get a note.
    pub(crate) fn theme(
        &mut self,
        marp: bool,
        shown: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<RawTheme> {
        let mut note = |span: Span, message: String| diagnostics.note(shown, Some(span), message);
        let mut theme = None;
        if let Some(key) = self.theme.take() {
            let tool = if marp { "Marp" } else { "Pandoc" };
            match key.value {
                ThemeKey::Deckgen(keys) => theme = Some(*keys),
                ThemeKey::Named(name) if name.trim() == "default" => {}
                ThemeKey::Named(name) => note(
                    span_of(&key.referenced),
                    format!("{tool} theme `{name}` has no deckgen counterpart; the deck keeps deckgen's look (give `theme:` deckgen's theme keys to change it)"),
                ),
            }
        }
        if let Some(math) = self.math.take() {
            if !matches!(math.value.trim(), "katex" | "mathjax") {
                note(
                    span(&math),
                    format!("Marp math `{}` is unknown (Marp takes `katex` or `mathjax`); formulas are typeset the same either way", math.value),
                );
            }
        }
        let mut set = |apply: &mut dyn FnMut(&mut RawTheme)| {
            apply(theme.get_or_insert_with(RawTheme::default));
        };
        match self.paginate.take() {
            Some(paginate) => {
                let flag = Spanned::new(
                    PageNumbersValue::Flag(paginate.value),
                    paginate.referenced,
                    paginate.defined,
                );
                set(&mut |theme| {
                    theme
                        .page_numbers
                        .get_or_insert_with(|| clone_spanned(&flag));
                });
            }
            // Marp numbers no page unless asked to.
            None if marp => set(&mut |theme| {
                theme.page_numbers.get_or_insert_with(|| {
                    super::super::position::spanned_at(
                        PageNumbersValue::Flag(false),
                        Span::new(1, 1),
                    )
                });
            }),
            None => {}
        }
        // deckgen has one line of small text: Marp's header joins it.
        let footer = match (self.header.take(), self.footer.take()) {
            (Some(mut header), Some(footer)) => {
                header.value = format!("{} · {}", header.value, footer.value);
                Some(header)
            }
            (header, footer) => footer.or(header),
        };
        if let Some(footer) = footer.filter(|f| !f.value.trim().is_empty()) {
            set(&mut |theme| {
                theme.footer.get_or_insert_with(|| clone_spanned(&footer));
            });
        }
        if let Some(colour) = self.background_color.take().map(css_colour) {
            set(&mut |theme| {
                theme
                    .background
                    .get_or_insert_with(|| clone_spanned(&colour));
            });
        }
        if let Some(colour) = self.color.take().map(css_colour) {
            set(&mut |theme| {
                theme
                    .text_color
                    .get_or_insert_with(|| clone_spanned(&colour));
            });
        }
        if let Some(aspect) = self.aspect(&mut note) {
            set(&mut |theme| {
                theme.aspect.get_or_insert_with(|| clone_spanned(&aspect));
            });
        }
        if let Some(class) = self.class.take() {
            for word in class.value.0.iter().flat_map(|c| c.split_whitespace()) {
                if directives::class_background(word).is_some() {
                    let dark = Spanned::new("dark".to_string(), class.referenced, class.defined);
                    set(&mut |theme| {
                        theme.preset.get_or_insert_with(|| clone_spanned(&dark));
                    });
                } else {
                    note(span(&class), directives::class_note(word));
                }
            }
        }
        theme
    }

    /// Marp's `size` or Beamer's `aspectratio` as deckgen's `aspect`; a
    /// shape deckgen has not is noted.
    fn aspect(&mut self, note: &mut dyn FnMut(Span, String)) -> Option<Spanned<String>> {
        let shape = self
            .size
            .take()
            .map(|size| ("Marp size", size))
            .or_else(|| {
                self.aspectratio
                    .take()
                    .map(|ratio| ("Beamer aspect ratio", joined(&ratio, "")))
            });
        let (what, shape) = shape?;
        let aspect = match shape.value.trim() {
            "16:9" | "169" => Some("16:9"),
            "4:3" | "43" => Some("4:3"),
            "16:10" | "1610" => Some("16:10"),
            _ => None,
        };
        match aspect {
            Some(aspect) => Some(Spanned::new(
                aspect.to_string(),
                shape.referenced,
                shape.defined,
            )),
            None => {
                note(
                    span(&shape),
                    format!("{what} `{}` has no deckgen counterpart; the deck is 16:9 (set `theme.aspect` for another shape)", shape.value.trim()),
                );
                None
            }
        }
    }
}

/// The picture a `backgroundImage` names; a CSS gradient is noted, and a
/// picture that is not there is left out with a warning.
fn picture(
    image: Spanned<String>,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Spanned<String>> {
    match directives::css_url(&image.value) {
        Some(path) if crate::image::is_missing(path, crate::folder_of(shown)) => {
            let message = crate::image::missing_warning(path);
            diagnostics.warning(shown, Some(span(&image)), message);
            None
        }
        Some(path) => Some(Spanned::new(
            path.to_string(),
            image.referenced,
            image.defined,
        )),
        None => {
            let message = directives::not_a_picture(&image.value);
            diagnostics.note(shown, Some(span(&image)), message);
            None
        }
    }
}

/// `colour` as deckgen writes colours (see `directives::css_colour`).
fn css_colour(colour: Spanned<String>) -> Spanned<String> {
    let value = directives::css_colour(&colour.value);
    Spanned::new(value, colour.referenced, colour.defined)
}
