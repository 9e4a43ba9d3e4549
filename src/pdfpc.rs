//! The `.pdfpc` file beside the PDF: speaker notes, the talk's length and
//! the steps of slides for the pdfpc presenter console, in its JSON format
//! version 2 (<https://pdfpc.github.io/schema/pdfpc/2>).
//!
//! A slide shown step by step is pages that share its label; pdfpc groups
//! such pages into one slide by itself, and the file marks each later
//! step as an overlay of the first too (`overlay`, its place among the
//! steps from 0, and `forcedOverlay`), so they stay one slide when the
//! grouping by labels is turned off (`pdfpc --disable-auto-grouping`).
//!
//! pdfpc shows notes as Markdown (rendered by Discount) and wraps them; as
//! plain text (`disableMarkdown`) it shows each line unwrapped in a
//! monospace box, cut off at the window's edge. So the notes are written
//! as Markdown that shows exactly their text: see [`markdown`].

use serde::Serialize;

use crate::frame::Document;

/// The whole file. Field names and rules follow pdfpc's published schema.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PdfpcFile<'a> {
    pdfpc_format: u32,
    /// Minutes, at least 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<u32>,
    pages: Vec<PdfpcPage<'a>>,
}

/// One page with notes, or a later step of a slide.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PdfpcPage<'a> {
    /// The page, from 0.
    idx: usize,
    /// The page label, as the PDF's `/PageLabels` give it.
    label: &'a str,
    /// The page's place among the pages of its label (its slide's steps),
    /// from 0.
    overlay: usize,
    /// A later step of a slide: an overlay of the page before it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    forced_overlay: bool,
    /// The notes, as Markdown: every step of a slide has its slide's.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// The `.pdfpc` text for `document`, or `None` when no page has notes and
/// no slide has steps. `duration` is the talk's length in minutes.
pub fn pdfpc_file(document: &Document, duration: Option<u32>) -> Option<String> {
    let pages: Vec<PdfpcPage<'_>> = document
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.notes.is_some() || page.step.number > 1)
        .map(|(idx, page)| PdfpcPage {
            idx,
            label: &page.label,
            overlay: page.step.number - 1,
            forced_overlay: page.step.number > 1,
            note: page.notes.as_deref().map(markdown),
        })
        .collect();
    if pages.is_empty() {
        return None;
    }
    let file = PdfpcFile {
        pdfpc_format: 2,
        duration,
        pages,
    };
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&file)
        .ok()
        .map(|json| json + "\n")
}

/// `notes` as Markdown that Discount (pdfpc's renderer) shows as exactly
/// this text, wrapped to the notes pane:
///
/// - every line break stays a line break (two spaces end the line), and a
///   blank line still separates paragraphs;
/// - a line's leading spaces become no-break spaces (`&#160;`), so an
///   indented line stays indented and is not read as code (a tab in notes
///   is already four spaces: see `model::validate`);
/// - what Markdown reads as markup is escaped: `\` `` ` `` `*` `_` `{` `}`
///   `[` `]` `(` `)` `>` `|` `^` anywhere with a backslash, `<` `&` `~` as
///   HTML entities (Discount keeps the backslash before `~`); at the start
///   of a line `#` `+` `-` and the `.` or `)` after a number (headings and
///   lists), and `=` (a heading's underline);
/// - so is what Discount's SmartyPants would turn into other characters:
///   a `-` after another (dashes), a `.` after another (`...`, an
///   ellipsis), the `/` of a fraction such as `1/2` (`(c)`, `(r)` and
///   `(tm)` are covered by the brackets). Straight quotes may still be
///   shown curly.
pub fn markdown(notes: &str) -> String {
    let lines: Vec<&str> = notes.lines().map(str::trim_end).collect();
    let mut out = String::with_capacity(notes.len() + notes.len() / 8);
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            // A hard line break, unless this line or the one before is
            // blank (a paragraph break).
            if !line.is_empty() && !lines[index - 1].is_empty() {
                out.push_str("  ");
            }
            out.push('\n');
        }
        markdown_line(line, &mut out);
    }
    out
}

/// One line of notes (no trailing whitespace) as Markdown, onto `out`.
fn markdown_line(line: &str, out: &mut String) {
    let text = line.trim_start();
    let indent = line[..line.len() - text.len()].chars().count();
    out.push_str(&"&#160;".repeat(indent));
    // The end of a list marker (`1.` or `1)`) when the line starts with one.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let marker_end = (digits > 0).then_some(digits);
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let line_start = at == 0;
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '~' => out.push_str("&#126;"),
            '=' if line_start => out.push_str("&#61;"),
            '/' if previous.is_some_and(|p: char| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                out.push_str("&#47;")
            }
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '>' | '|' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' if line_start => {
                out.push('\\');
                out.push(c);
            }
            '-' if previous == Some('-') => out.push_str("\\-"),
            '.' if previous == Some('.') => out.push_str("\\."),
            '.' if Some(at) == marker_end => out.push_str("\\."),
            _ => out.push(c),
        }
        previous = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn plain_notes_stay_as_they_are_and_keep_their_lines() {
        assert_eq!(markdown("Say hello."), "Say hello.");
        assert_eq!(
            markdown("Two lines:\nthe second one."),
            "Two lines:  \nthe second one."
        );
        assert_eq!(markdown("One.\n\nTwo. \n"), "One.\n\nTwo.");
    }

    #[test]
    fn the_documented_example_holds() {
        // docs/deck-format.md, "Presenting" (the `.pdfpc` file).
        assert_eq!(
            markdown("Two lines:\n*not* emphasis -- 1/2"),
            "Two lines:  \n\\*not\\* emphasis -\\- 1&#47;2"
        );
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            markdown("*not* _em_ `code` [a](b) <b>x</b> & ~~y~~ a|b 2^3 {c}"),
            "\\*not\\* \\_em\\_ \\`code\\` \\[a\\]\\(b\\) &lt;b\\>x&lt;/b\\> &amp; &#126;&#126;y&#126;&#126; a\\|b 2\\^3 \\{c\\}"
        );
        assert_eq!(markdown("back\\slash"), "back\\\\slash");
    }

    #[test]
    fn line_starts_are_not_read_as_headings_lists_or_code() {
        assert_eq!(
            markdown("# one\n- two\n+ three\n12. four\n> five\n===\n    six"),
            "\\# one  \n\\- two  \n\\+ three  \n12\\. four  \n\\> five  \n&#61;==  \n&#160;&#160;&#160;&#160;six"
        );
        // Only at the start of a line.
        assert_eq!(markdown("a - b # c 1. d"), "a - b # c 1. d");
    }

    #[test]
    fn smartypants_replacements_are_prevented() {
        assert_eq!(markdown("a--b---c"), "a-\\-b-\\-\\-c");
        assert_eq!(markdown("wait..."), "wait.\\.\\.");
        assert_eq!(markdown("1/2 (c)"), "1&#47;2 \\(c\\)");
        assert_eq!(markdown("and/or 10/x"), "and/or 10/x");
    }
}
