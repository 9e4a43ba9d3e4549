//! Code blocks: the fence's info string read, the lines kept (plain until
//! the deck's code is highlighted).

use std::ops::Range;

use crate::diag::Severity;

use super::super::{code, highlight, CodeBlock, MOST_CODE_LINES};
use super::Reader;

/// A code block from its fence's info string and its text, which stands at
/// `range` of the body (fences included); problems with the fence reported.
pub(super) fn code_block(
    info: &str,
    fenced: bool,
    text: &str,
    range: Range<usize>,
    reader: &mut Reader<'_, '_>,
) -> CodeBlock {
    if fenced && !closed_fence(&reader.text[range.clone()]) {
        let fence: String = reader.text[range.start..]
            .trim_start()
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        let message = format!(
            "the code block opened with {fence} is never closed (end it with a line of {fence})"
        );
        reader.report(Severity::Error, range.start, message);
    }
    let info = code::info(info);
    for unread in &info.unread {
        let message = format!(
            "cannot read `{unread}` after the code's language (lines to stand out are written `{{2,4-6}}`, line numbers `{{lines:true}}` or `{{.rust .numberLines}}`)"
        );
        reader.report(Severity::Warning, range.start, message);
    }
    let mut lines = code::lines(text);
    if lines.len() > MOST_CODE_LINES {
        let message = format!(
            "the code block has {} lines; the most a code block may have is {MOST_CODE_LINES}",
            lines.len()
        );
        reader.report(Severity::Error, range.start, message);
        lines.truncate(MOST_CODE_LINES);
    }
    if let Some(past) = info
        .highlighted
        .iter()
        .find(|line| **line as usize > lines.len())
    {
        let message = format!(
            "line {past} of the code is marked to stand out, but the code has {} lines",
            lines.len()
        );
        reader.report(Severity::Warning, range.start, message);
    }
    let language = info.language.as_deref().map(highlight::language);
    // Plain for now: `CodeToHighlight` highlights the deck's code at once.
    let lines = lines.iter().map(|line| highlight::plain(line)).collect();
    let language = match (language, info.language) {
        (Some(highlight::Language::Unknown), Some(written)) => {
            let message = format!("unknown code language `{written}`; the code is shown plain");
            reader.report(Severity::Warning, range.start, message);
            None
        }
        (_, language) => language,
    };
    CodeBlock {
        language,
        lines,
        first_line_number: info.first_line_number,
        highlighted: info.highlighted,
    }
}

/// Whether the fenced code block written as `source` ends with a closing
/// fence (in a quote or a list, after its markers).
pub(super) fn closed_fence(source: &str) -> bool {
    let opening = source.trim_start();
    let mark = opening.chars().next().unwrap_or('`');
    let length = opening.chars().take_while(|c| *c == mark).count();
    let mut lines = source.trim_end().lines();
    lines.next();
    lines.last().is_some_and(|last| {
        let last = last.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        let run = last.chars().take_while(|c| *c == mark).count();
        run >= length && last[run..].trim().is_empty()
    })
}
