//! Text must stand out from what is under it: a contrast ratio of at least
//! 4.5:1 (WCAG 2 level AA for body text), or the build and `check` warn,
//! naming the slide. Under the text may be the page colour, a `full`
//! slide's band, or a `background_image`; the footer and page number,
//! faded on purpose, are held to 3:1.

use crate::color::Color;
use crate::diag::{Diagnostic, Severity, Span};
use crate::frame::{untagged, FillRect, ImageItem, Item, Layer, Page, TextRun};
use crate::geom::Rect;

use super::chrome::has_chrome;
use super::found::Once;
use super::grid::Grid;
use super::Context;

/// WCAG 2, level AA, for text under 18 pt: the strictest case, kept for all.
pub(super) const LEAST_CONTRAST: f64 = 4.5;
/// For the footer and page number, which fade towards the page on
/// purpose: deckgen's own floor, under WCAG's 3:1 for large text, because
/// the light preset's dividers give their footer 2.7:1 by design; below
/// 2.5:1, footer-sized text is hard to make out.
const LEAST_FURNITURE: f64 = 2.5;
/// Over a picture, the contrast is read where it is lowest but for this
/// share of what is under the text, so a few dark pixels in a light sky
/// do not count, and a dark tenth of it does.
const SPARED_SHARE: f64 = 0.1;

/// What is under a line of text.
#[derive(Debug, Clone, PartialEq)]
enum Under {
    Colour(Color),
    /// The picture with this name as the deck wrote it.
    Picture(String),
}

/// A line of text too faint on what is under it.
#[derive(Debug, Clone, PartialEq)]
struct Finding {
    ratio: f64,
    text: Color,
    under: Under,
    /// The footer or page number rather than the slide's own text.
    furniture: bool,
}

impl Finding {
    fn least(&self) -> f64 {
        if self.furniture {
            LEAST_FURNITURE
        } else {
            LEAST_CONTRAST
        }
    }

    fn message(&self, what: &str) -> String {
        let (ratio, least, text) = (self.ratio, self.least(), self.text);
        let whose = if self.furniture {
            "the footer or page number"
        } else {
            "text"
        };
        let rule = if self.furniture {
            "the least for faded page furniture"
        } else {
            "WCAG AA"
        };
        let (under, where_) = match &self.under {
            Under::Colour(under) => (format!("`{under}`"), ""),
            Under::Picture(picture) => (
                format!("the picture `{picture}`"),
                " where the picture under it reads worst",
            ),
        };
        format!(
            "{whose} in `{text}` on {under} on {what} has a contrast of {ratio:.1}:1{where_}, below {least}:1 ({rule})"
        )
    }

    fn hint(&self) -> &'static str {
        match (&self.under, self.furniture) {
            (Under::Colour(_), false) => "choose a `text_color` and `background` further apart",
            (Under::Colour(_), true) => {
                "the footer and page number fade towards the page colour; choose a `background` nearer white or black"
            }
            (Under::Picture(_), false) => {
                "choose a calmer `background_image`, or a `text_color` that stands out from it"
            }
            (Under::Picture(_), true) => {
                "the footer stands on the `background_image`; choose a picture that is calm along its lower edge"
            }
        }
    }
}

/// What a picture under a line of text gives the contrast check.
enum OnPicture {
    /// The picture does not reach under the text.
    Beside,
    /// It does, but its pixels were not measured: a vector figure (SVG or
    /// PDF), which is never decoded to pixels, so the text is not judged.
    Unmeasured,
    /// The contrast and the picture's name as the deck wrote it.
    Measured(f64, String),
}

/// The contrast of `run` with the picture `image` under it, read where it
/// is lowest but for [`SPARED_SHARE`] of the covered part.
fn on_picture(context: &Context, run: &TextRun, image: &ImageItem) -> OnPicture {
    let Some(covered) = run.bounds.intersection(&image.visible()) else {
        return OnPicture::Beside;
    };
    let Some(color_grid) = context.images.color_grid(image.image.key()) else {
        return OnPicture::Unmeasured;
    };
    let placed = image.placed;
    let share_x = |x: crate::geom::Pt| (x - placed.x).0 / placed.width.0;
    let share_y = |y: crate::geom::Pt| (y - placed.y).0 / placed.height.0;
    let cells = color_grid.under(
        share_x(covered.x),
        share_y(covered.y),
        share_x(covered.right()),
        share_y(covered.bottom()),
    );
    let mut ratios: Vec<f64> = cells
        .iter()
        .map(|&[r, g, b]| run.color.contrast(Color::rgb(r, g, b)))
        .collect();
    ratios.sort_by(f64::total_cmp);
    let spared = (ratios.len() as f64 * SPARED_SHARE).floor() as usize;
    let Some(last) = ratios.len().checked_sub(1) else {
        return OnPicture::Unmeasured;
    };
    OnPicture::Measured(ratios[spared.min(last)], image.image.file().written.clone())
}

/// The contrast of `run` with what is under it, at its worst: on a band a
/// photo shows through, the band mixed with black or with white. `None`
/// when what is under it is not known (a vector figure).
fn under_run(
    context: &Context,
    page: &Page,
    run: &TextRun,
    bands: &[&FillRect],
    pictures: &[&ImageItem],
) -> Option<(f64, Under)> {
    // The fill drawn last under the whole line stands right under it.
    if let Some(band) = bands.iter().rev().find(|b| b.rect.contains(&run.bounds)) {
        let show = 1.0 - f64::from(band.opacity) / 100.0;
        return [Color::rgb(0, 0, 0), Color::WHITE]
            .map(|photo| band.color.mix(photo, show))
            .into_iter()
            .map(|under| (run.color.contrast(under), Under::Colour(under)))
            .min_by(|a, b| a.0.total_cmp(&b.0));
    }
    let mut worst: Option<(f64, Under)> = None;
    for image in pictures {
        match on_picture(context, run, image) {
            OnPicture::Beside => {}
            OnPicture::Unmeasured => return None,
            OnPicture::Measured(ratio, picture) => {
                if worst.as_ref().is_none_or(|(known, _)| ratio < *known) {
                    worst = Some((ratio, Under::Picture(picture)));
                }
            }
        }
    }
    Some(worst.unwrap_or_else(|| {
        (
            run.color.contrast(page.background),
            Under::Colour(page.background),
        )
    }))
}

/// The worst finding on `page` among the slide's own text, and the worst
/// among its footer and page number (the text in `footer`, if any).
fn worst(context: &Context, page: &Page, footer: Option<Rect>) -> Vec<Finding> {
    let items = untagged(&page.items);
    let bands: Vec<&FillRect> = items
        .iter()
        .filter_map(|item| match item {
            // Bands under a slide's text, and code panels and chips in bodies.
            Item::Rect(fill) if matches!(fill.layer, Layer::Band | Layer::Mark) => Some(fill),
            _ => None,
        })
        .collect();
    let pictures: Vec<&ImageItem> = items
        .iter()
        .filter_map(|item| match item {
            Item::Image(image) if image.layer == Layer::Underlay => Some(image),
            _ => None,
        })
        .collect();
    let mut worst: [Option<Finding>; 2] = [None, None];
    for item in &items {
        let Item::Text(run) = item else { continue };
        let furniture = footer.is_some_and(|footer| footer.contains(&run.bounds));
        let Some((ratio, under)) = under_run(context, page, run, &bands, &pictures) else {
            continue;
        };
        let finding = Finding {
            ratio,
            text: run.color,
            under,
            furniture,
        };
        let slot = &mut worst[usize::from(furniture)];
        if ratio < finding.least() && slot.as_ref().is_none_or(|known| ratio < known.ratio) {
            *slot = Some(finding);
        }
    }
    worst.into_iter().flatten().collect()
}

impl Context<'_> {
    /// Warns when text on `page` (`what`, written at `span`, with its
    /// footer) is hard to read; once per pair of colours, or of colour and
    /// picture, so a theme's choice is one warning, not one per slide.
    pub(super) fn check_contrast(&mut self, page: &Page, what: &str, span: Option<Span>) {
        let footer = has_chrome(self).then(|| Grid::new(&self.style, true).footer);
        for finding in worst(self, page, footer) {
            let under = match &finding.under {
                Under::Colour(colour) => colour.to_string(),
                Under::Picture(picture) => picture.clone(),
            };
            let once = Once::LowContrast(format!("{}{}", finding.text, finding.furniture), under);
            if !self.found.is_new(&once) {
                continue;
            }
            let warning = Diagnostic::new(
                Severity::Warning,
                self.deck.file(),
                span,
                finding.message(what),
            );
            self.found
                .push_once(once, warning.with_hint(finding.hint()));
        }
    }
}
