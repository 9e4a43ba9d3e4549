//! A block of text: fitted into a width and a height, then placed.

use crate::color::Color;
use crate::diag::{Diagnostic, Severity};
use crate::frame::{Item, TextRun};
use crate::geom::{Point, Pt, Rect};
use std::ops::Range;

use crate::text::{fit_text, FitRequest, FittedText, Line, Weight};

use super::found::Once;
use super::Context;

/// A font whose ascent plus descent passes this (in em) is set with lines
/// that far apart. Latin fonts reach 1.1 to 1.4 em (Noto Sans 1.36) and keep
/// the style's spacing; Noto Nastaliq Urdu reaches 2.5 em.
const TALL_FONT_REACH: f64 = 1.5;

/// Text set this many points smaller than its style asks, or more, is
/// mentioned by `deckgen check`; less is rounding, not shrinking.
const SHRINK_WORTH_A_NOTE: f64 = 0.05;

/// Horizontal alignment of the lines of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    /// Where a line `line_width` wide starts in `x .. x + width`: a
    /// right-to-left line (`rtl`) asked to stand left starts at the right.
    pub fn line_start(self, x: Pt, width: Pt, line_width: Pt, rtl: bool) -> Pt {
        let align = match self {
            Align::Left if rtl => Align::Right,
            align => align,
        };
        match align {
            Align::Left => x,
            Align::Center => x + (width - line_width) / 2.0,
            Align::Right => x + width - line_width,
        }
    }
}

/// How a block of text is set.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextStyle {
    pub weight: Weight,
    /// The size used when the text fits; long text shrinks from it.
    pub size: Pt,
    pub color: Color,
    pub align: Align,
    /// Baseline-to-baseline distance as a multiple of the size.
    pub line_height: f64,
}

/// What a block of text is, for warnings: "the caption of slide 2 in section `Intro`".
pub(super) struct Subject<'a> {
    pub text: &'a str,
    pub span: Option<crate::diag::Span>,
    pub what: String,
}

/// Text fitted to its box, ready to be placed.
pub(super) struct Block {
    fitted: FittedText,
    style: TextStyle,
    ascender: f64,
    descender: f64,
}

impl Block {
    pub fn height(&self) -> Pt {
        self.fitted.height(self.style.line_height)
    }

    pub fn width(&self) -> Pt {
        self.fitted.width()
    }

    /// How many lines the block has.
    pub fn line_count(&self) -> usize {
        self.fitted.lines.len()
    }

    /// The distance from one line's top to the next one's.
    pub fn line_pitch(&self) -> Pt {
        self.fitted.size * self.style.line_height
    }

    /// The same block with only the lines in `range`: a piece of text that
    /// continues on another page.
    pub fn lines(&self, range: Range<usize>) -> Block {
        Block {
            fitted: FittedText {
                lines: self.fitted.lines[range].to_vec(),
                ..self.fitted.clone()
            },
            ..*self
        }
    }

    /// The block's lines as text runs, the first line's top at `y`, aligned
    /// within `x .. x + width`.
    pub fn place(&self, x: Pt, y: Pt, width: Pt) -> Vec<Item> {
        let size = self.fitted.size;
        let line_height = size * self.style.line_height;
        // Centre the font's ascent-to-descent box in each line's slot.
        let half_leading = (line_height - size * (self.ascender + self.descender)) / 2.0;
        let baseline = half_leading + size * self.ascender;
        self.slots(x, y, width)
            .map(|(line, left, top)| {
                Item::Text(TextRun {
                    size,
                    color: self.style.color,
                    origin: Point::new(left, top + baseline),
                    glyphs: line.glyphs.clone(),
                    text: line.text.clone(),
                    bounds: Rect::new(left, top, size * line.width, line_height),
                })
            })
            .collect()
    }

    /// Where the text in bytes `range` of the fitted text shows when the
    /// block is placed as [`Block::place`] places it: one rectangle per line
    /// it touches, as tall as the line.
    pub fn cover(&self, range: Range<usize>, x: Pt, y: Pt, width: Pt) -> Vec<Rect> {
        let size = self.fitted.size;
        let line_height = size * self.style.line_height;
        self.slots(x, y, width)
            .filter_map(|(line, left, top)| {
                let mut pen = left;
                let mut span: Option<(Pt, Pt)> = None;
                for glyph in &line.glyphs {
                    let end = pen + size * glyph.advance;
                    if range.contains(&(line.start + glyph.range.start)) {
                        span = Some(span.map_or((pen, end), |(a, b)| (a.min(pen), b.max(end))));
                    }
                    pen = end;
                }
                let (from, to) = span?;
                Some(Rect::new(from, top, to - from, line_height))
            })
            .collect()
    }

    /// Each visible line with its left edge and top.
    fn slots(&self, x: Pt, y: Pt, width: Pt) -> impl Iterator<Item = (&Line, Pt, Pt)> + '_ {
        let size = self.fitted.size;
        let line_height = size * self.style.line_height;
        self.fitted
            .lines
            .iter()
            .enumerate()
            // A line of invisible characters (a zero-width space, say) draws nothing.
            .filter(|(_, line)| line.width > 0.0)
            .map(move |(index, line)| {
                let left = self
                    .style
                    .align
                    .line_start(x, width, size * line.width, line.rtl);
                (line, left, y + line_height * index as f64)
            })
    }
}

impl Context<'_> {
    /// Fits `subject` into `width` x `max_height` in `style`, shrinking to
    /// half its size at most, warning about missing glyphs and about text
    /// that had to be broken or cut.
    pub(super) fn block(
        &mut self,
        subject: &Subject,
        style: TextStyle,
        width: Pt,
        max_height: Pt,
    ) -> Block {
        self.block_with_floor(subject, style, style.size / 2.0, width, max_height)
    }

    /// As [`Context::block`], shrinking to `floor` at most.
    pub(super) fn block_with_floor(
        &mut self,
        subject: &Subject,
        style: TextStyle,
        floor: Pt,
        width: Pt,
        max_height: Pt,
    ) -> Block {
        let stack = self.fonts.stack(style.weight);
        let face = stack.primary;
        let style = self.spaced_for_font(style);
        self.warn_missing_glyphs_of(subject, style.weight);
        // However large the theme asks, a line must fit the box's height.
        let max_size = style.size.min(max_height / style.line_height);
        let fitted = fit_text(
            &stack,
            &FitRequest {
                text: subject.text,
                max_size,
                min_size: floor.min(max_size),
                width,
                height: max_height,
                line_height: style.line_height,
            },
        );
        let file = self.deck.file();
        if fitted.cut {
            let message = format!("{} does not fit; cut with an ellipsis", subject.what);
            let warning = Diagnostic::new(Severity::Warning, file, subject.span, message);
            self.found.push(
                warning.with_hint("shorten the text; it was already shrunk to half its size"),
            );
        } else if fitted.broke_words {
            let message = format!(
                "{} has a word too long for a line; broken between letters",
                subject.what
            );
            self.found.warning(file, subject.span, message);
        } else {
            self.note_shrunk(subject, style.size, fitted.size);
        }
        Block {
            fitted,
            style,
            ascender: face.ascender(),
            descender: face.descender(),
        }
    }

    /// `style` with its lines spaced by its font's whole reach when the
    /// font reaches far above and below the baseline (Nastaliq, say), so
    /// lines never touch.
    pub(super) fn spaced_for_font(&self, style: TextStyle) -> TextStyle {
        let face = self.fonts.stack(style.weight).primary;
        let reach = face.ascender() + face.descender();
        TextStyle {
            line_height: if reach > TALL_FONT_REACH {
                style.line_height.max(reach)
            } else {
                style.line_height
            },
            ..style
        }
    }

    /// A warning for each character of `subject` the fonts of `weight`
    /// have no glyph for, once per place.
    pub(super) fn warn_missing_glyphs_of(&mut self, subject: &Subject, weight: Weight) {
        for c in self.fonts.stack(weight).missing_chars(subject.text) {
            let once = Once::MissingGlyph(subject.span, c);
            if !self.found.is_new(&once) {
                continue;
            }
            let message = format!(
                "the font has no glyph for `{c}` (U+{:04X}), used in {}",
                u32::from(c),
                subject.what
            );
            let warning =
                Diagnostic::new(Severity::Warning, self.deck.file(), subject.span, message);
            self.found.push_once(
                once,
                warning.with_hint("set `theme.font` to a font that has it"),
            );
        }
    }

    /// The note that `subject`, asked at `asked`, is set smaller, at `set`.
    pub(super) fn note_shrunk(&mut self, subject: &Subject, asked: Pt, set: Pt) {
        if set.0 < asked.0 - SHRINK_WORTH_A_NOTE {
            let message = format!(
                "{} is shrunk from {} pt to {:.1} pt to fit",
                subject.what, asked.0, set.0
            );
            self.found.note(self.deck.file(), subject.span, message);
        }
    }
}
