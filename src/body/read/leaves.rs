//! Leaves into blocks: paragraphs, the pictures standing alone in them,
//! and the inlines of headings and cells.

use crate::diag::{FileRef, Severity, Span};
use crate::model::{Alt, Text};

use super::super::{Block, Inline, InlineStyle};
use super::{spans, Builder, Context, Leaf, Open, Picture, Reader};

impl Builder {
    /// Adds `block` to the innermost container that holds blocks.
    pub(super) fn block(&mut self, block: Block) {
        let target = self.open.iter_mut().rev().find_map(|open| match open {
            Open::Blocks(blocks) | Open::Quote(blocks) | Open::Item { blocks, .. } => Some(blocks),
            _ => None,
        });
        if let Some(blocks) = target {
            blocks.push(block);
        }
    }

    /// A paragraph: pictures alone in it stand as blocks; a picture among
    /// text shows its bracket text (and a warning says so).
    pub(super) fn paragraph(&mut self, mut leaf: Leaf, reader: &mut Reader<'_, '_>) {
        leaf.inlines = spans::read(std::mem::take(&mut leaf.inlines));
        self.read_tex(&mut leaf, reader);
        if leaf.text_seen {
            for (picture, at) in &leaf.pictures {
                let message = format!(
                    "the picture `{}` stands among text, so only its description shows (give it a paragraph of its own)",
                    picture.url
                );
                reader.report(Severity::Warning, *at, message);
            }
        } else {
            for (picture, at) in leaf.pictures {
                let span = reader.context.origin.span(reader.text, at);
                let block = picture_block(picture, span, reader.context);
                match block {
                    Block::Image { image, alt } if is_left_out(&image, reader) => {
                        // Its description stands in its place.
                        if let Some(Alt::Text(alt)) = alt {
                            let style = InlineStyle::default();
                            self.text_block(vec![Inline::Text {
                                text: alt.text,
                                style,
                            }]);
                        }
                    }
                    block => self.block(block),
                }
            }
            return;
        }
        // A display formula stands on its own between the text before and after it.
        let mut text = Vec::new();
        for inline in leaf.inlines {
            match inline {
                Inline::Math(math) if math.display => {
                    self.text_block(std::mem::take(&mut text));
                    self.block(Block::Math(math));
                }
                inline => text.push(inline),
            }
        }
        self.text_block(text);
    }

    /// A paragraph of `inlines`, unless they are only spaces and breaks.
    pub(super) fn text_block(&mut self, inlines: Vec<Inline>) {
        let inlines = trim(inlines);
        if !inlines.is_empty() {
            self.block(Block::Paragraph(inlines));
        }
    }
}

/// Whether a paragraph's `leaf` is a pause: plain dots, `. . .`.
pub(super) fn is_pause_leaf(leaf: &Leaf) -> bool {
    match leaf.inlines.as_slice() {
        [Inline::Text { text, style }] => {
            *style == InlineStyle::default()
                && leaf.pictures.is_empty()
                && super::super::is_pause(text)
        }
        _ => false,
    }
}

/// Whether the picture `image` of a Markdown deck's body is left out,
/// with a warning, because its file is not there (see
/// `Context::markdown`).
fn is_left_out(image: &FileRef, reader: &mut Reader<'_, '_>) -> bool {
    let context = reader.context;
    if !context.markdown || !crate::image::is_missing(&image.written, context.deck_dir) {
        return false;
    }
    let message = crate::image::missing_warning(&image.written);
    let diagnostic =
        crate::diag::Diagnostic::new(Severity::Warning, context.shown, Some(image.span), message);
    reader.diagnostics.push(diagnostic);
    true
}

/// A heading's or a table cell's inlines: a picture there shows its
/// bracket text, and a warning says so.
pub(super) fn inline_only(leaf: Leaf, reader: &mut Reader<'_, '_>) -> Vec<Inline> {
    for (picture, at) in &leaf.pictures {
        let message = format!(
            "the picture `{}` stands in a heading or a table cell, so only its description shows",
            picture.url
        );
        reader.report(Severity::Warning, *at, message);
    }
    trim(spans::read(leaf.inlines))
}

/// A picture alone in its paragraph, as a block: its file resolved as a
/// slide's `image` is, its bracket text its `alt`.
pub(super) fn picture_block(picture: Picture, span: Span, context: Context<'_>) -> Block {
    let written = picture.url.trim().to_string();
    let alt = clean(picture.alt.trim());
    Block::Image {
        image: FileRef {
            path: context.deck_dir.join(&written),
            written,
            span,
            named_in: context.shown.to_path_buf(),
            page: None,
        },
        alt: (!alt.is_empty()).then_some(Alt::Text(Text { text: alt, span })),
    }
}

/// `text` without what has no glyph: control characters become spaces
/// (tabs, stray line feeds), a byte-order mark goes.
pub(super) fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '\u{feff}')
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Adds `text` in `style` to `inlines`, joined to the last piece when that
/// is set the same way.
pub(super) fn push_text(inlines: &mut Vec<Inline>, text: &str, style: InlineStyle) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text: last,
        style: last_style,
    }) = inlines.last_mut()
    {
        if *last_style == style {
            last.push_str(text);
            return;
        }
    }
    inlines.push(Inline::Text {
        text: text.to_string(),
        style,
    });
}

/// `inlines` without spaces at either end, nor breaks there.
pub(super) fn trim(mut inlines: Vec<Inline>) -> Vec<Inline> {
    while matches!(inlines.last(), Some(Inline::Break)) {
        inlines.pop();
    }
    while matches!(inlines.first(), Some(Inline::Break)) {
        inlines.remove(0);
    }
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text, .. }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|inline| !matches!(inline, Inline::Text { text, .. } if text.is_empty()));
    inlines
}
