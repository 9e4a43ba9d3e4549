//! The look of a deck: page size, fonts, colours, type sizes.

use crate::color::Color;
use crate::geom::{Pt, Size};

use super::{FileRef, Span, Text};

/// Page shape, from `theme.aspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// 13.333 x 7.5 in, the default.
    Wide16x9,
    Standard4x3,
    Wide16x10,
    A4,
    Letter,
}

impl Aspect {
    /// Every aspect, in the order the deck format lists them.
    pub const ALL: [Aspect; 5] = [
        Aspect::Wide16x9,
        Aspect::Standard4x3,
        Aspect::Wide16x10,
        Aspect::A4,
        Aspect::Letter,
    ];

    /// The names a deck may use, lowercase.
    pub const NAMES: &'static [&'static str] = &["16:9", "4:3", "16:10", "a4", "letter"];

    /// Reads an aspect name; `a4` and `letter` in any case.
    pub fn parse(name: &str) -> Option<Aspect> {
        let lower = name.trim().to_ascii_lowercase();
        Aspect::NAMES
            .iter()
            .position(|known| *known == lower)
            .map(|index| Aspect::ALL[index])
    }

    /// The page size, landscape, as docs/deck-format.md gives it ("The PDF").
    pub fn page_size(self) -> Size {
        let (width, height) = match self {
            Aspect::Wide16x9 => (Pt::inch(40.0 / 3.0), Pt::inch(7.5)),
            Aspect::Standard4x3 => (Pt::mm(254.0), Pt::mm(190.5)),
            Aspect::Wide16x10 => (Pt::mm(254.0), Pt::mm(158.75)),
            Aspect::A4 => (Pt::mm(297.0), Pt::mm(210.0)),
            Aspect::Letter => (Pt::mm(279.4), Pt::mm(215.9)),
        };
        Size::new(width, height)
    }
}

/// Whether and how pages are numbered, from `theme.page_numbers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageNumbers {
    /// `false`: no numbers.
    Off,
    /// `true`: "7".
    Plain,
    /// `total`: "7 / 24".
    Total,
}

/// The corner of the page `theme.logo` stands in, from `theme.logo_position`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoPosition {
    /// The default: in the top margin, flush with the right margin.
    TopRight,
    TopLeft,
    /// In the footer's row, flush right; the page number moves left of it.
    BottomRight,
    /// In the footer's row, flush left; the footer text moves right of it.
    BottomLeft,
}

impl LogoPosition {
    /// The names `logo_position:` takes.
    pub const NAMES: &'static [&'static str] =
        &["top-right", "top-left", "bottom-right", "bottom-left"];
    const ALL: [LogoPosition; 4] = [
        LogoPosition::TopRight,
        LogoPosition::TopLeft,
        LogoPosition::BottomRight,
        LogoPosition::BottomLeft,
    ];

    /// Reads a position name.
    pub fn parse(name: &str) -> Option<LogoPosition> {
        LogoPosition::NAMES
            .iter()
            .position(|known| *known == name.trim())
            .map(|index| LogoPosition::ALL[index])
    }

    /// Whether the logo stands in the footer's row.
    pub fn at_bottom(self) -> bool {
        matches!(self, LogoPosition::BottomRight | LogoPosition::BottomLeft)
    }

    /// Whether the logo stands at the right edge.
    pub fn at_right(self) -> bool {
        matches!(self, LogoPosition::TopRight | LogoPosition::BottomRight)
    }
}

/// A starting look, from `theme.preset`; the theme's own keys win.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Dark text on white (the default: deckgen's look of version 1).
    Light,
    /// Light text on a near-black page.
    Dark,
    /// Black on white, a stronger accent and larger type.
    Contrast,
    /// For printing: white pages, dark text, colour only on rules (dividers
    /// are white with an accent rule instead of filled).
    Ink,
}

impl Preset {
    /// The names `preset:` takes.
    pub const NAMES: &'static [&'static str] = &["light", "dark", "contrast", "ink"];
    const ALL: [Preset; 4] = [Preset::Light, Preset::Dark, Preset::Contrast, Preset::Ink];

    /// Reads a preset name.
    pub fn parse(name: &str) -> Option<Preset> {
        Preset::NAMES
            .iter()
            .position(|known| *known == name.trim())
            .map(|index| Preset::ALL[index])
    }

    /// The name `preset:` gives it.
    pub fn name(self) -> &'static str {
        let index = Preset::ALL.iter().position(|preset| *preset == self);
        Preset::NAMES[index.expect("every preset is in ALL")]
    }

    /// The theme this preset starts from.
    pub fn theme(self) -> Theme {
        let light = Theme::default();
        match self {
            Preset::Light => light,
            Preset::Dark => Theme {
                preset: self,
                background: Color::rgb(0x1d, 0x1d, 0x1f),
                text_color: Color::rgb(0xf5, 0xf5, 0xf7),
                accent: Color::rgb(0x6e, 0xa8, 0xfe),
                error_color: Color::rgb(0xff, 0x6b, 0x6b),
                ..light
            },
            Preset::Contrast => Theme {
                preset: self,
                background: Color::WHITE,
                text_color: Color::rgb(0, 0, 0),
                accent: Color::rgb(0x00, 0x3a, 0xb0),
                title_size: Pt(44.0),
                caption_size: Pt(28.0),
                ..light
            },
            Preset::Ink => Theme {
                preset: self,
                background: Color::WHITE,
                text_color: Color::rgb(0x11, 0x11, 0x11),
                ..light
            },
        }
    }
}

/// How `theme.font`, `theme.bold_font` or `theme.mono_font` names a face.
#[derive(Debug, Clone, PartialEq)]
pub enum FontChoice {
    /// A font file: a value with a folder in it, or ending like a font file.
    File(FileRef),
    /// A family with optional style words (`Noto Serif Bold`).
    Family { name: String, span: Span },
}

impl FontChoice {
    /// Whether a font value names a file rather than a family: it has a
    /// folder in it or ends in `.ttf`, `.otf`, `.ttc` or `.otc`.
    pub fn is_path(written: &str) -> bool {
        let lower = written.to_lowercase();
        written.contains('/')
            || written.contains('\\')
            || [".ttf", ".otf", ".ttc", ".otc"]
                .iter()
                .any(|ext| lower.ends_with(ext))
    }
}

/// The pixels per inch `theme.max_ppi` and `--max-ppi` accept.
pub const MAX_PPI: std::ops::RangeInclusive<u32> = 10..=10_000;

/// The contrast the dark preset's dividers give their text: WCAG AA, as
/// the contrast check asks of all text.
const DIVIDER_CONTRAST: f64 = 4.5;

/// The megapixels `theme.max_megapixels` and `--max-megapixels` accept:
/// a thousand pixels to ten gigapixels.
pub const MEGAPIXELS: std::ops::RangeInclusive<f64> = 0.001..=10_000.0;

/// Everything under `theme:`, with defaults filled in. Built only by
/// validation; read through its accessors.
#[derive(Debug, Clone)]
pub struct Theme {
    pub(super) preset: Preset,
    pub(super) aspect: Aspect,
    pub(super) font: Option<FontChoice>,
    pub(super) bold_font: Option<FontChoice>,
    pub(super) mono_font: Option<FontChoice>,
    pub(super) font_paths: Vec<FileRef>,
    pub(super) background: Color,
    pub(super) text_color: Color,
    pub(super) accent: Color,
    pub(super) error_color: Color,
    pub(super) math_macros: crate::math::Macros,
    pub(super) title_size: Pt,
    pub(super) caption_size: Pt,
    pub(super) page_numbers: PageNumbers,
    pub(super) progress: bool,
    pub(super) footer: Option<Text>,
    pub(super) fullscreen: bool,
    pub(super) max_ppi: Option<u32>,
    pub(super) max_pixels: Option<u64>,
    pub(super) logo: Option<FileRef>,
    pub(super) logo_on_title: bool,
    pub(super) logo_position: LogoPosition,
    pub(super) files: Vec<std::path::PathBuf>,
}

impl Theme {
    /// The preset the theme starts from. Default: light.
    pub fn preset(&self) -> Preset {
        self.preset
    }
    /// Default: 16:9.
    pub fn aspect(&self) -> Aspect {
        self.aspect
    }
    /// Regular face. Default: Noto Sans Regular, built in.
    pub fn font(&self) -> Option<&FontChoice> {
        self.font.as_ref()
    }
    /// Face for titles. Default: the bold of `font`'s family when it names
    /// one, else Noto Sans Bold, built in.
    pub fn bold_font(&self) -> Option<&FontChoice> {
        self.bold_font.as_ref()
    }
    /// Face for code. Default: Noto Sans Mono, built in.
    pub fn mono_font(&self) -> Option<&FontChoice> {
        self.mono_font.as_ref()
    }
    /// Folders searched for font families first. Default: none.
    pub fn font_paths(&self) -> &[FileRef] {
        &self.font_paths
    }
    /// Default: `#ffffff`.
    pub fn background(&self) -> Color {
        self.background
    }
    /// Default: `#1d1d1f`.
    pub fn text_color(&self) -> Color {
        self.text_color
    }
    /// Section slides and rules. Default: `#2f6fde`.
    pub fn accent(&self) -> Color {
        self.accent
    }
    /// A formula that cannot be typeset, shown as its source. Default:
    /// `#cc0000`, KaTeX's `errorColor`.
    pub fn error_color(&self) -> Color {
        self.error_color
    }
    /// The deck's own math macros. Default: none.
    pub fn math_macros(&self) -> &crate::math::Macros {
        &self.math_macros
    }
    /// Upper bound for titles; long ones shrink. Default: 40 pt.
    pub fn title_size(&self) -> Pt {
        self.title_size
    }
    /// Upper bound for captions; long ones shrink. Default: 24 pt.
    pub fn caption_size(&self) -> Pt {
        self.caption_size
    }
    /// On every page but the title slide. Default: plain numbers.
    pub fn page_numbers(&self) -> PageNumbers {
        self.page_numbers
    }
    /// A thin bar along the bottom of every page but the title slide,
    /// as long as the share of the talk done. Default: false.
    pub fn progress(&self) -> bool {
        self.progress
    }
    /// Small text at the bottom of every page but the title slide. Default: none.
    pub fn footer(&self) -> Option<&Text> {
        self.footer.as_ref()
    }
    /// `present.fullscreen`: the PDF opens full screen. Default: false.
    pub fn fullscreen(&self) -> bool {
        self.fullscreen
    }
    /// Resample images sharper than this at their placed size. Default: none.
    pub fn max_ppi(&self) -> Option<u32> {
        self.max_ppi
    }
    /// `max_megapixels` in pixels: images of more are refused before
    /// they are decoded. Default: none, deckgen's own limit.
    pub fn max_pixels(&self) -> Option<u64> {
        self.max_pixels
    }
    /// A small image on every page but the title slide. Default: none.
    pub fn logo(&self) -> Option<&FileRef> {
        self.logo.as_ref()
    }
    /// Whether the logo stands on the title slide too. Default: false.
    pub fn logo_on_title(&self) -> bool {
        self.logo_on_title
    }
    /// The corner the logo stands in. Default: top right.
    pub fn logo_position(&self) -> LogoPosition {
        self.logo_position
    }
    /// What section dividers are filled with: the accent, except on the
    /// `ink` preset (none: white pages with an accent rule, for print) and
    /// the `dark` one, where a pale accent would glare: there, the accent
    /// taken towards the page colour, halfway or further, until the text
    /// reads on it at 4.5:1 (`#46638f` for the preset's own accent).
    pub fn divider_fill(&self) -> Option<Color> {
        match self.preset {
            Preset::Ink => None,
            Preset::Light | Preset::Contrast => Some(self.accent),
            Preset::Dark => {
                let steps = (5..=10).map(|tenths| f64::from(tenths) / 10.0);
                let fills = steps.map(|share| self.accent.mix(self.background, share));
                let mut fills = fills.peekable();
                let first = *fills.peek().expect("six shares");
                Some(
                    fills
                        .find(|fill| fill.contrast(self.text_color) >= DIVIDER_CONTRAST)
                        .unwrap_or(first),
                )
            }
        }
    }

    /// The theme files `extends` read, nearest first.
    pub fn files(&self) -> &[std::path::PathBuf] {
        &self.files
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            preset: Preset::Light,
            aspect: Aspect::Wide16x9,
            font: None,
            bold_font: None,
            mono_font: None,
            font_paths: Vec::new(),
            background: Color::WHITE,
            text_color: Color::rgb(0x1d, 0x1d, 0x1f),
            accent: Color::rgb(0x2f, 0x6f, 0xde),
            error_color: Color::rgb(0xcc, 0x00, 0x00),
            math_macros: crate::math::Macros::default(),
            title_size: Pt(40.0),
            caption_size: Pt(24.0),
            page_numbers: PageNumbers::Plain,
            progress: false,
            footer: None,
            fullscreen: false,
            max_ppi: None,
            max_pixels: None,
            logo: None,
            logo_on_title: false,
            logo_position: LogoPosition::TopRight,
            files: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_match_the_deck_format() {
        let mm = |aspect: Aspect| {
            let size = aspect.page_size();
            (
                (size.width.0 * 25.4 / 72.0 * 100.0).round() / 100.0,
                (size.height.0 * 25.4 / 72.0 * 100.0).round() / 100.0,
            )
        };
        assert_eq!(mm(Aspect::Wide16x9), (338.67, 190.5));
        assert_eq!(mm(Aspect::Standard4x3), (254.0, 190.5));
        assert_eq!(mm(Aspect::Wide16x10), (254.0, 158.75));
        assert_eq!(mm(Aspect::A4), (297.0, 210.0));
        assert_eq!(mm(Aspect::Letter), (279.4, 215.9));
        assert_eq!(Aspect::Wide16x9.page_size().width, Pt(960.0));
    }

    #[test]
    fn the_dark_presets_dividers_are_deepened_until_the_text_reads() {
        let dark = Preset::Dark.theme();
        let fill = dark.divider_fill().unwrap();
        assert_eq!(fill.to_string(), "#46638f");
        assert!(fill.contrast(dark.text_color()) >= DIVIDER_CONTRAST);
        // A pale accent is taken further towards the page.
        let pale = Theme {
            accent: Color::rgb(0xff, 0xf0, 0xa0),
            ..Preset::Dark.theme()
        };
        let fill = pale.divider_fill().unwrap();
        assert!(
            fill.contrast(pale.text_color()) >= DIVIDER_CONTRAST,
            "{fill}"
        );
        assert_eq!(
            Preset::Light.theme().divider_fill(),
            Some(Theme::default().accent())
        );
        assert_eq!(Preset::Ink.theme().divider_fill(), None);
        assert_eq!(Preset::Contrast.name(), "contrast");
    }

    #[test]
    fn aspect_names_parse() {
        assert_eq!(Aspect::parse("16:9"), Some(Aspect::Wide16x9));
        assert_eq!(Aspect::parse("A4"), Some(Aspect::A4));
        assert_eq!(Aspect::parse("Letter"), Some(Aspect::Letter));
        assert_eq!(Aspect::parse("16/9"), None);
    }
}
