//! Raw LaTeX in a paragraph's text (see [`tex`]): styles, links and
//! pictures read, the rest dropped with a note.

use crate::diag::Severity;
use crate::model::Link;

use super::super::{tex, Inline};
use super::leaves::push_text;
use super::{Builder, Leaf, Picture, Reader};

impl Builder {
    /// Reads the raw LaTeX in `leaf`'s text (see [`tex`]): styles, links
    /// and pictures; the commands deckgen has no counterpart for are
    /// dropped, and a note names them.
    pub(super) fn read_tex(&mut self, leaf: &mut Leaf, reader: &mut Reader<'_, '_>) {
        let has_tex = leaf.inlines.iter().any(
            |inline| matches!(inline, Inline::Text { text, style } if !style.code && tex::has_command(text)),
        );
        if !has_tex {
            return;
        }
        let at = self.last_at;
        let mut inlines = Vec::new();
        let mut dropped: Vec<String> = Vec::new();
        for inline in std::mem::take(&mut leaf.inlines) {
            let (text, style) = match inline {
                Inline::Text { text, style } if !style.code && tex::has_command(&text) => {
                    (text, style)
                }
                other => {
                    inlines.push(other);
                    continue;
                }
            };
            for piece in tex::read(&text) {
                let styled = |styles: &[tex::TexStyle]| {
                    let mut style = style.clone();
                    for tex_style in styles {
                        match tex_style {
                            tex::TexStyle::Strong => style.strong = true,
                            tex::TexStyle::Emphasis => style.emphasis = true,
                            tex::TexStyle::Code => style.code = true,
                        }
                    }
                    style
                };
                match piece {
                    tex::TexPiece::Text(text, styles) => {
                        push_text(&mut inlines, &text, styled(&styles))
                    }
                    tex::TexPiece::Link { text, url, styles } => {
                        let mut style = styled(&styles);
                        let span = reader.context.origin.span(reader.text, at);
                        style.link = Link::read(&url, span).ok();
                        push_text(&mut inlines, &text, style);
                    }
                    tex::TexPiece::Picture(file) => leaf.pictures.push((
                        Picture {
                            url: file,
                            alt: String::new(),
                        },
                        at,
                    )),
                    tex::TexPiece::Dropped(name) => {
                        if !dropped.contains(&name) {
                            dropped.push(name);
                        }
                    }
                }
            }
        }
        if !dropped.is_empty() {
            let names: Vec<String> = dropped.iter().map(|name| format!("`\\{name}`")).collect();
            let message = format!(
                "raw LaTeX {} has no deckgen counterpart; it is dropped",
                names.join(", ")
            );
            reader.report(Severity::Note, at, message);
        }
        leaf.text_seen = inlines
            .iter()
            .any(|inline| matches!(inline, Inline::Text { text, .. } if !text.trim().is_empty()));
        leaf.inlines = inlines;
    }
}
