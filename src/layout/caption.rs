//! Captions: a block of words as any text (with links over the URLs in
//! it), or, when a caption holds formulas, its words and formulas set
//! together (see [`FormulaCaption`]) in the same style, shrinking alike.

use crate::body::Inline;
use crate::diag::{Diagnostic, Severity};
use crate::frame::Item;
use crate::geom::Pt;

use super::block::{Block, Subject, TextStyle};
use super::body::FormulaCaption;
use super::links::url_links;
use super::style::Style;
use super::Context;

/// A caption fitted to its box, ready to be placed.
pub(super) enum CaptionBlock<'t> {
    /// Words alone, `text`, set as any block of text.
    Words { text: &'t str, block: Block },
    /// Words and formulas.
    Formulas(FormulaCaption),
}

/// A caption placed: the links over the URLs in its words, then its
/// lines. A caption with formulas has its links among its lines, each
/// with its words.
pub(super) struct PlacedCaption {
    pub links: Vec<Item>,
    pub lines: Vec<Item>,
}

impl CaptionBlock<'_> {
    pub fn height(&self) -> Pt {
        match self {
            CaptionBlock::Words { block, .. } => block.height(),
            CaptionBlock::Formulas(caption) => caption.height(),
        }
    }

    /// Its items, its top-left corner at `x`, `y`, aligned within `width`.
    pub fn place(&self, x: Pt, y: Pt, width: Pt) -> PlacedCaption {
        match self {
            CaptionBlock::Words { text, block } => PlacedCaption {
                links: url_links(text, block, x, y, width),
                lines: block.place(x, y, width),
            },
            CaptionBlock::Formulas(caption) => PlacedCaption {
                links: Vec::new(),
                lines: caption.place(x, y, width),
            },
        }
    }

    /// Its links, then its lines, as [`CaptionBlock::place`] places them.
    pub fn place_all(&self, x: Pt, y: Pt, width: Pt) -> Vec<Item> {
        let placed = self.place(x, y, width);
        let mut items = placed.links;
        items.extend(placed.lines);
        items
    }
}

impl Context<'_> {
    /// A caption, `subject` (its words and `formulas`, if it holds any),
    /// fitted into `width` x `max_height` in `style`, shrinking to half
    /// its size at most, with the warnings of any text that does not fit.
    pub(super) fn caption<'t>(
        &mut self,
        subject: &Subject<'t>,
        formulas: Option<&[Inline]>,
        style: TextStyle,
        width: Pt,
        max_height: Pt,
    ) -> CaptionBlock<'t> {
        let floor = style.size / 2.0;
        self.caption_with_floor(subject, formulas, style, floor, width, max_height)
    }

    /// As [`Context::caption`], shrinking to `floor` at most.
    pub(super) fn caption_with_floor<'t>(
        &mut self,
        subject: &Subject<'t>,
        formulas: Option<&[Inline]>,
        style: TextStyle,
        floor: Pt,
        width: Pt,
        max_height: Pt,
    ) -> CaptionBlock<'t> {
        let Some(pieces) = formulas else {
            let block = self.block_with_floor(subject, style, floor, width, max_height);
            return CaptionBlock::Words {
                text: subject.text,
                block,
            };
        };
        let style = self.spaced_for_font(style);
        self.warn_missing_glyphs_of(subject, style.weight);
        // However large the theme asks, a line must fit the box's height.
        let max_size = style.size.min(max_height / style.line_height);
        let sized = TextStyle {
            size: max_size,
            ..style
        };
        // The body's error colour, made to read on the caption's text colour.
        let error = Style {
            text: style.color,
            ..self.style
        }
        .body()
        .palette
        .error;
        let caption = FormulaCaption::fit(
            self.fonts,
            pieces,
            (sized, error),
            floor.min(max_size),
            width,
            max_height,
        );
        if caption.fits() {
            self.note_shrunk(subject, style.size, caption.size());
        } else {
            let message = format!(
                "{} does not fit even at {:.1} pt; what does not fit is left out",
                subject.what,
                caption.size().0
            );
            let warning =
                Diagnostic::new(Severity::Warning, self.deck.file(), subject.span, message);
            self.found
                .push(warning.with_hint("shorten the text, or give a formula a slide of its own"));
        }
        CaptionBlock::Formulas(caption)
    }
}
