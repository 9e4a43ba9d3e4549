//! The look of every page in one value: the theme's colours and type
//! sizes, and the spacing, type scales and line heights that layout uses.
//!
//! The slide layouts read their measures from here, so a theme (or a
//! preset) changes the look in one place: [`Style::of`] fills the value in
//! from the deck's [`Theme`].

use crate::color::Color;
use crate::geom::{Pt, Size};
use crate::model::{Preset, Slide, Theme};
use crate::text::Weight;

use super::block::{Align, TextStyle};
use super::body::{BodyStyle, Palette};

/// Baseline-to-baseline distances, as multiples of the type size.
#[derive(Debug, Clone, Copy)]
pub(super) struct Leading {
    /// Slide titles: tight, they are short and bold.
    pub title: f64,
    /// Captions, on slides and text slides.
    pub body: f64,
    /// The title slide, dividers and the agenda.
    pub display: f64,
    /// The footer and page numbers.
    pub footer: f64,
}

/// The regions of a page, as shares of its size.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spacing {
    /// Side margins, of the page width.
    pub side_margin: f64,
    /// Top margin, of the page height.
    pub top_margin: f64,
    /// Space under the footer band, of the page height.
    pub bottom_margin: f64,
    /// Footer text size, of the page height (12 pt on a 16:9 slide).
    pub footer_size: f64,
    /// The usual gap between stacked blocks, of the page height.
    pub gap: f64,
}

/// The sizes of what stands around every slide's content: the logo and
/// the progress bar.
#[derive(Debug, Clone, Copy)]
pub(super) struct ChromeRoom {
    /// A logo's height, of the top margin, at most.
    pub logo_height: f64,
    /// A logo's width, in multiples of its height, at most.
    pub logo_widest: f64,
    /// The progress bar's height, of the usual gap, and its least height.
    pub progress_height: f64,
    pub progress_least: Pt,
}

/// How a content slide shares its room.
#[derive(Debug, Clone, Copy)]
pub(super) struct SlideRoom {
    /// Lines a title may take before it shrinks.
    pub title_lines: f64,
    /// Lines a caption above an image may take before it shrinks.
    pub caption_lines: f64,
    /// The title's share of the content height, at most.
    pub title_share: f64,
    /// The caption's share of the content height, at most, on an image slide.
    pub caption_share: f64,
    /// A text slide's caption is set this much larger than the caption size.
    pub text_slide_scale: f64,
    /// The share of the room under the title that a caption and body may
    /// take above a picture; the picture has the rest.
    pub body_share_above_picture: f64,
}

/// How an `image-left` or `image-right` slide shares its room.
#[derive(Debug, Clone, Copy)]
pub(super) struct BesideRoom {
    /// The gap between the image and the text, in multiples of the usual gap.
    pub gutter: f64,
    /// The title's share of the content height, at most.
    pub title_share: f64,
    /// The caption's share of the content height, at most.
    pub caption_share: f64,
}

/// How a `full` slide's band shares the page.
#[derive(Debug, Clone, Copy)]
pub(super) struct FullRoom {
    /// The title's share of the page height on the band, at most.
    pub title_share: f64,
    /// The caption's share of the page height on the band, at most.
    pub caption_share: f64,
    /// A caption and body's share of the page height on the band, at most.
    pub body_share: f64,
}

/// How a `pair` slide shares its room.
#[derive(Debug, Clone, Copy)]
pub(super) struct PairRoom {
    /// A picture's own caption, relative to the caption size.
    pub entry_caption_scale: f64,
    /// The room a picture's caption may take, of the content height.
    pub entry_caption_share: f64,
    /// The room the slide's caption may take, of the content height.
    pub caption_share: f64,
    /// The room the slide's caption and body may take under the pictures,
    /// of the content height.
    pub body_share: f64,
    /// The gap between cells, in multiples of the usual gap.
    pub gutter: f64,
}

/// Type sizes of `quote` and `statement` slides.
#[derive(Debug, Clone, Copy)]
pub(super) struct QuoteScales {
    /// A quotation is set this much larger than the caption size.
    pub quote: f64,
    /// A statement is set this much larger than the caption size, at most.
    pub statement: f64,
    /// The attribution, relative to the caption size.
    pub attribution: f64,
}

/// How a `quote` or `statement` slide shares its room, as shares of the
/// content area.
#[derive(Debug, Clone, Copy)]
pub(super) struct QuoteRoom {
    /// The quotation's width, centred.
    pub quote_width: f64,
    /// The attribution's width, centred, and its height at most.
    pub attribution_width: f64,
    pub attribution_share: f64,
    /// A statement's title's height, at most.
    pub statement_title_share: f64,
}

/// How the title slide, dividers and the agenda share the content area.
#[derive(Debug, Clone, Copy)]
pub(super) struct DisplayRoom {
    /// The deck title's height, of the content height, at most.
    pub deck_title_share: f64,
    /// The subtitle's height, of the content height, at most.
    pub subtitle_share: f64,
    /// The author line's and the date's height each, of the content height,
    /// at most.
    pub byline_share: f64,
    /// A divider's "Section N" label's height, of the content height, at most.
    pub section_label_share: f64,
    /// A divider's section title's height, of the content height, at most.
    pub section_title_share: f64,
    /// A divider's intro: its width and height, of the content area's, at most.
    pub intro_width: f64,
    pub intro_share: f64,
    /// The space under a divider's label, in multiples of the usual gap.
    pub label_gap: f64,
    /// The accent rule of the title slide and of a divider printed without
    /// a fill: its width, of the content width, and its height, of the
    /// usual gap (2 pt at least).
    pub rule_width: f64,
    pub rule_height: f64,
    /// The agenda's title's height, of the content height, at most.
    pub agenda_title_share: f64,
}

/// Type sizes of the title slide, dividers and the agenda, relative to the
/// theme's title and caption sizes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scales {
    /// The deck title, of the title size.
    pub deck_title: f64,
    /// The subtitle, of the caption size.
    pub subtitle: f64,
    /// Author and date, of the caption size.
    pub byline: f64,
    /// A divider's section title, of the title size.
    pub section_title: f64,
    /// A divider's "Section N" label, of the caption size.
    pub section_label: f64,
    /// An agenda entry's line height, of the caption size, when there is room.
    pub agenda_entry: f64,
    /// The width kept for an agenda entry's number, of the caption size.
    pub agenda_number: f64,
}

/// Everything layout needs to know about the look of a page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    /// The page size, from the theme's aspect.
    pub page: Size,
    /// The colour of text.
    pub text: Color,
    /// The page colour.
    pub background: Color,
    /// Dividers, the title slide's rule, agenda numbers.
    pub accent: Color,
    /// A formula that cannot be typeset, shown as its source.
    pub error: Color,
    /// Slide titles, an upper bound.
    pub title_size: Pt,
    /// Captions, an upper bound.
    pub caption_size: Pt,
    /// How far footer text fades towards the background.
    pub footer_fade: f64,
    /// What dividers are filled with (see [`Theme::divider_fill`]); `None`
    /// keeps them the page colour with an accent rule, for printing.
    pub divider_fill: Option<Color>,
    /// Whether code in slide bodies keeps the text colour, its tokens told
    /// apart by weight and shade only: the `ink` preset, for printing.
    pub plain_code: bool,
    /// How opaque the band under a `full` slide's text is, in percent:
    /// the photo shows through a little, the text stays readable.
    pub band_opacity: u8,
    pub leading: Leading,
    pub spacing: Spacing,
    pub chrome: ChromeRoom,
    pub slide: SlideRoom,
    pub beside: BesideRoom,
    pub full: FullRoom,
    pub pair: PairRoom,
    pub quote: QuoteScales,
    pub quote_room: QuoteRoom,
    pub scales: Scales,
    pub display: DisplayRoom,
}

impl Style {
    /// Text in the page's text colour.
    pub fn text_style(
        &self,
        weight: Weight,
        size: Pt,
        align: Align,
        line_height: f64,
    ) -> TextStyle {
        TextStyle {
            weight,
            size,
            color: self.text,
            align,
            line_height,
        }
    }

    /// This style on `slide`: its own background and text colour; on a
    /// dark background without a text colour, text turns light by itself.
    pub fn for_slide(self, slide: &Slide) -> Style {
        let background = slide.background().unwrap_or(self.background);
        let text = slide.text_color().unwrap_or_else(|| {
            if slide.background().is_some() {
                background.most_legible(&[self.text, self.background, Color::WHITE])
            } else {
                self.text
            }
        });
        Style {
            background,
            text,
            ..self
        }
    }

    /// How slide bodies are set in this style (its colours included, so
    /// ask again after [`Style::for_slide`]). Sizes follow DESIGN-BODIES'
    /// starting point, scaled to the caption size.
    pub fn body(&self) -> BodyStyle {
        use super::body::{CodeStyle, TableStyle};
        BodyStyle {
            size: self.caption_size,
            nested: 0.875,
            line_height: 1.3,
            block_gap: 0.6,
            item_gap: (0.3, 0.7),
            indent: 1.1,
            heading: (1.15, 1.0),
            code: CodeStyle {
                scale: 0.8,
                floor: 0.8,
                line_height: 1.3,
                padding: (0.5, 0.7),
            },
            table: TableStyle {
                scale: 0.9,
                line_height: 1.25,
                padding: (0.3, 0.6),
            },
            quote_bar: (Pt(4.0), 0.6),
            column_gap: 1.4,
            picture_share: 0.5,
            floor: 0.72,
            bullets: ["•", "◦", "▪"],
            palette: Palette::new(self.text, self.background, self.accent, self.plain_code)
                .with_error(self.error),
        }
    }

    /// The style of a deck with `theme`.
    pub fn of(theme: &Theme) -> Style {
        Style {
            page: theme.aspect().page_size(),
            text: theme.text_color(),
            background: theme.background(),
            accent: theme.accent(),
            error: theme.error_color(),
            title_size: theme.title_size(),
            caption_size: theme.caption_size(),
            footer_fade: 0.4,
            band_opacity: 85,
            divider_fill: theme.divider_fill(),
            plain_code: theme.preset() == Preset::Ink,
            leading: Leading {
                title: 1.15,
                body: 1.25,
                display: 1.2,
                footer: 1.3,
            },
            spacing: Spacing {
                side_margin: 0.05,
                top_margin: 0.065,
                bottom_margin: 0.035,
                footer_size: 12.0 / 540.0,
                gap: 0.026,
            },
            chrome: ChromeRoom {
                logo_height: 0.6,
                logo_widest: 4.0,
                progress_height: 0.25,
                progress_least: Pt(2.0),
            },
            slide: SlideRoom {
                title_lines: 2.0,
                caption_lines: 3.0,
                title_share: 0.25,
                caption_share: 0.3,
                text_slide_scale: 2.0,
                body_share_above_picture: 0.6,
            },
            beside: BesideRoom {
                gutter: 2.0,
                title_share: 0.35,
                caption_share: 0.55,
            },
            full: FullRoom {
                title_share: 0.2,
                caption_share: 0.2,
                body_share: 0.45,
            },
            pair: PairRoom {
                entry_caption_scale: 0.75,
                entry_caption_share: 0.15,
                caption_share: 0.2,
                body_share: 0.45,
                gutter: 1.5,
            },
            quote: QuoteScales {
                quote: 1.5,
                statement: 3.0,
                attribution: 0.9,
            },
            quote_room: QuoteRoom {
                quote_width: 0.85,
                attribution_width: 0.8,
                attribution_share: 0.2,
                statement_title_share: 0.2,
            },
            display: DisplayRoom {
                deck_title_share: 0.45,
                subtitle_share: 0.2,
                byline_share: 0.1,
                section_label_share: 0.15,
                section_title_share: 0.45,
                intro_width: 0.8,
                intro_share: 0.3,
                label_gap: 0.5,
                rule_width: 0.12,
                rule_height: 0.2,
                agenda_title_share: 0.25,
            },
            scales: Scales {
                deck_title: 1.5,
                subtitle: 1.1,
                byline: 0.8,
                section_title: 1.3,
                section_label: 0.75,
                agenda_entry: 1.9,
                agenda_number: 1.6,
            },
        }
    }
}
