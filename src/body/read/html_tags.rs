//! HTML met in a body: each tag does what it means (see
//! [`html::Meaning`]) and is never printed, the text between tags is kept.

use crate::diag::Severity;

use super::super::{html, Inline};
use super::{Builder, Open, Picture, Reader};

/// How the note on HTML tags deckgen has no counterpart for starts.
const OTHER_HTML_NOTE: &str = "HTML tags deckgen has no counterpart for show only their text";

impl Reader<'_, '_> {
    /// Says once per deck that HTML tags deckgen has no counterpart for
    /// show only their text, naming the first, `<name>` at `at`.
    pub(super) fn note_html_once(&mut self, name: &str, at: usize) {
        let said = self
            .diagnostics
            .sorted()
            .iter()
            .any(|d| d.message.starts_with(OTHER_HTML_NOTE));
        if !said {
            let message = format!("{OTHER_HTML_NOTE} (the first is `<{name}>`)");
            self.report(Severity::Note, at, message);
        }
    }
}

impl Builder {
    /// HTML, which starts at `at`: comments say nothing, each tag does
    /// what it means (see [`html::Meaning`]) and is never printed, the text
    /// between tags is kept; what `<style>` and `<script>` hold is not.
    pub(super) fn inline_html(&mut self, html: &str, at: usize, reader: &mut Reader<'_, '_>) {
        for (piece, offset) in html::pieces(html) {
            match piece {
                html::Piece::Comment(_) => {}
                html::Piece::Text(_) if self.hidden_html > 0 => {}
                html::Piece::Text(text) => {
                    let text = html::decode_entities(text);
                    if !text.trim().is_empty()
                        || matches!(self.open.last(), Some(Open::Paragraph { .. }))
                    {
                        self.text(&text, false);
                    }
                }
                html::Piece::Tag(tag) => self.html_tag(tag, at + offset, reader),
            }
        }
    }

    /// What one HTML tag, at `at`, does.
    pub(super) fn html_tag(&mut self, tag: html::HtmlTag, at: usize, reader: &mut Reader<'_, '_>) {
        let count = |open: bool, counter: &mut usize| {
            if open {
                *counter += 1;
            } else {
                *counter = counter.saturating_sub(1);
            }
        };
        match tag.meaning() {
            html::Meaning::Break => self.leaf().inlines.push(Inline::Break),
            html::Meaning::Style(style, open) => {
                let counter = match style {
                    html::HtmlStyle::Strong => &mut self.style.strong,
                    html::HtmlStyle::Emphasis => &mut self.style.emphasis,
                    html::HtmlStyle::Code => &mut self.style.code,
                    html::HtmlStyle::Strike => &mut self.style.strike,
                    html::HtmlStyle::Underline => &mut self.style.underline,
                    html::HtmlStyle::Small => &mut self.style.small,
                    html::HtmlStyle::Subscript => &mut self.style.subscript,
                    html::HtmlStyle::Superscript => &mut self.style.superscript,
                };
                count(open, counter);
            }
            html::Meaning::Picture { src, alt } => {
                let picture = Picture { url: src, alt };
                self.leaf().pictures.push((picture, at));
            }
            html::Meaning::Paragraph => self.close_implicit(reader),
            html::Meaning::Hidden => count(!tag.closing, &mut self.hidden_html),
            html::Meaning::Text => {}
            html::Meaning::Other => {
                if !tag.closing {
                    reader.note_html_once(&tag.name, at);
                }
            }
        }
    }
}
