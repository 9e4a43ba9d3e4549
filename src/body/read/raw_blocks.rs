//! Pandoc's raw blocks, a fence whose info string is `{=format}`: what
//! Pandoc passes to one output format as it is. LaTeX (Beamer's) is read
//! as raw LaTeX in a paragraph is, HTML as HTML; a block for any other
//! format is left out, with a note.

use crate::diag::Severity;

use super::super::Inline;
use super::{Builder, Leaf, Reader};

/// The output format a fence's info string `{=format}` names, if it is
/// one of Pandoc's raw blocks.
pub(super) fn raw_format(info: &str) -> Option<&str> {
    let format = info.trim().strip_prefix("{=")?.strip_suffix('}')?.trim();
    let word = !format.is_empty()
        && format
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'));
    word.then_some(format)
}

impl Builder {
    /// A raw block for output `format` holding `text`, whose fence starts
    /// at `at`.
    pub(super) fn raw_block(
        &mut self,
        format: &str,
        text: &str,
        at: usize,
        reader: &mut Reader<'_, '_>,
    ) {
        match format {
            "tex" | "latex" | "beamer" => {
                // A paragraph per stretch between blank lines, as LaTeX
                // reads it; each read for its commands.
                for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    let mut leaf = Leaf::default();
                    leaf.inlines.push(Inline::Text {
                        text: paragraph.replace('\n', " "),
                        style: Default::default(),
                    });
                    leaf.text_seen = true;
                    self.last_at = at;
                    self.paragraph(leaf, reader);
                }
            }
            "html" | "html5" | "revealjs" => {
                self.inline_html(text, at, reader);
                self.close_implicit(reader);
            }
            other => {
                let message = format!(
                    "a raw `{other}` block is for Pandoc's `{other}` output alone; it is left out"
                );
                reader.report(Severity::Note, at, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_formats_are_read_from_the_fence() {
        assert_eq!(raw_format("{=tex}"), Some("tex"));
        assert_eq!(raw_format(" {=html5} "), Some("html5"));
        assert_eq!(raw_format("{.tex}"), None);
        assert_eq!(raw_format("latex"), None);
        assert_eq!(raw_format("{=}"), None);
    }
}
