//! Pandoc's fenced divs (`::: {.column width="40%"}` ... `:::`), which
//! CommonMark does not know: found line by line before pulldown-cmark reads
//! the Markdown between them, skipping the lines of fenced code.

use std::ops::Range;

use super::MOST_DEPTH;

/// A part of a body: Markdown to read, or a div holding more parts.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Part {
    /// Markdown, as a byte range of the body.
    Markdown(Range<usize>),
    Div(Div),
}

/// A fenced div.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Div {
    /// Where its opening fence starts.
    pub at: usize,
    /// The opening fence's line, for messages.
    pub fence: String,
    /// `.name` classes, and a lone word (`::: columns`).
    pub classes: Vec<String>,
    /// `key=value` attributes, the value unquoted, each with where it is.
    pub attributes: Vec<(String, String, usize)>,
    pub parts: Vec<Part>,
}

impl Div {
    pub fn has_class(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }
}

/// A problem with the fences, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FenceProblem {
    pub at: usize,
    pub message: String,
}

/// What a fence line is.
enum Fence<'a> {
    /// `:::` alone.
    Close,
    /// `::: {attributes}` or `::: word`: what follows the colons.
    Open(&'a str),
}

/// The parts of `body`, and the problems with its fences: a `:::` that
/// closes nothing, a div never closed (it is closed at the end).
pub(super) fn parts(body: &str) -> (Vec<Part>, Vec<FenceProblem>) {
    let mut problems = Vec::new();
    // The open divs, innermost last, under the body itself.
    let mut open: Vec<Div> = Vec::new();
    let mut top: Vec<Part> = Vec::new();
    let mut markdown_from = 0;
    let mut code: Option<(char, usize)> = None;
    // Fences opened past the depth limit, and so read as text.
    let mut ignored = 0;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some(next) = code_fence(line, code) {
            code = next;
            continue;
        }
        if code.is_some() {
            continue;
        }
        let Some(fence) = div_fence(line) else {
            continue;
        };
        match fence {
            Fence::Open(_) if open.len() >= MOST_DEPTH => {
                if ignored == 0 {
                    problems.push(FenceProblem {
                        at: start,
                        message: format!(
                            "divs nest more than {MOST_DEPTH} deep (the most is {MOST_DEPTH})"
                        ),
                    });
                }
                ignored += 1;
                continue;
            }
            Fence::Close if ignored > 0 => {
                ignored -= 1;
                continue;
            }
            _ => {}
        }
        let parts = open.last_mut().map_or(&mut top, |div| &mut div.parts);
        if markdown_from < start {
            parts.push(Part::Markdown(markdown_from..start));
        }
        markdown_from = at;
        match fence {
            Fence::Open(attributes) => {
                let (classes, attributes) =
                    read_attributes(attributes, start + line.find(attributes).unwrap_or(0));
                open.push(Div {
                    at: start + (line.len() - line.trim_start().len()),
                    fence: line.trim().to_string(),
                    classes,
                    attributes,
                    parts: Vec::new(),
                });
            }
            Fence::Close => match open.pop() {
                Some(div) => open
                    .last_mut()
                    .map_or(&mut top, |outer| &mut outer.parts)
                    .push(Part::Div(div)),
                None => problems.push(FenceProblem {
                    at: start + (line.len() - line.trim_start().len()),
                    message: "`:::` closes no div (a div opens with `::: {.class}` or `::: name`)"
                        .into(),
                }),
            },
        }
    }
    let parts = open.last_mut().map_or(&mut top, |div| &mut div.parts);
    if markdown_from < body.len() {
        parts.push(Part::Markdown(markdown_from..body.len()));
    }
    while let Some(div) = open.pop() {
        problems.push(FenceProblem {
            at: div.at,
            message: format!(
                "the div `{}` is never closed (end it with a line of `:::`)",
                div.fence
            ),
        });
        open.last_mut()
            .map_or(&mut top, |outer| &mut outer.parts)
            .push(Part::Div(div));
    }
    (top, problems)
}

/// How a code fence on `line` changes the open one (`code`: its character
/// and length): `Some(new state)` when the line is a fence that opens or
/// closes, `None` when it is no fence for the open code.
fn code_fence(line: &str, code: Option<(char, usize)>) -> Option<Option<(char, usize)>> {
    let trimmed = line.trim();
    let mark = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = trimmed.chars().take_while(|c| *c == mark).count();
    if length < 3 {
        return None;
    }
    match code {
        None => {
            let info = &trimmed[length..];
            (mark == '~' || !info.contains('`')).then_some(Some((mark, length)))
        }
        Some((open, least)) => {
            let closes = mark == open && length >= least && trimmed[length..].trim().is_empty();
            closes.then_some(None)
        }
    }
}

/// The div fence on `line`, if it is one: at most three spaces, then three
/// colons or more.
fn div_fence(line: &str) -> Option<Fence<'_>> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let trimmed = line.trim();
    let colons = trimmed.chars().take_while(|c| *c == ':').count();
    if colons < 3 {
        return None;
    }
    // Pandoc allows colons after the attributes too.
    let rest = trimmed[colons..].trim().trim_end_matches(':').trim();
    if rest.is_empty() {
        Some(Fence::Close)
    } else {
        Some(Fence::Open(rest))
    }
}

/// The classes and `key=value` attributes of `written` (`{.a .b k="v"}` or
/// a lone word), which starts at byte `at` of the body.
fn read_attributes(written: &str, at: usize) -> (Vec<String>, Vec<(String, String, usize)>) {
    let Some(inner) = written
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
    else {
        return (vec![written.to_string()], Vec::new());
    };
    let mut classes = Vec::new();
    let mut attributes = Vec::new();
    let mut rest = inner;
    let mut offset = at + 1;
    loop {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        rest = trimmed;
        if rest.is_empty() {
            break;
        }
        let (token, length) = next_token(rest);
        if let Some(class) = token.strip_prefix('.') {
            classes.push(class.to_string());
        } else if let Some((key, value)) = token.split_once('=') {
            let value = value.trim_matches('"').trim_matches('\'');
            attributes.push((key.to_string(), value.to_string(), offset));
        }
        // `#id` and bare words say nothing a body uses.
        offset += length;
        rest = &rest[length..];
    }
    (classes, attributes)
}

/// The first attribute of `text` and its length: up to a space outside quotes.
fn next_token(text: &str) -> (&str, usize) {
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, c) if c.is_whitespace() => return (&text[..at], at),
            _ => {}
        }
    }
    (text, text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn div(part: &Part) -> &Div {
        match part {
            Part::Div(div) => div,
            Part::Markdown(_) => panic!("a div, got {part:?}"),
        }
    }

    #[test]
    fn columns_nest_with_their_attributes() {
        let body = "Lead\n\n:::: columns\n::: {.column width=\"40%\"}\nLeft\n:::\n::: {.column}\n```\n:::\n```\n:::\n::::\nAfter\n";
        let (found, problems) = parts(body);
        assert!(problems.is_empty(), "{problems:?}");
        let parts = found;
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0], Part::Markdown(0..6));
        let columns = div(&parts[1]);
        assert_eq!(columns.classes, ["columns"]);
        assert_eq!(columns.at, 6);
        assert_eq!(columns.parts.len(), 2);
        let left = div(&columns.parts[0]);
        assert_eq!(left.classes, ["column"]);
        assert_eq!(left.attributes[0].0, "width");
        assert_eq!(left.attributes[0].1, "40%");
        assert_eq!(&body[left.attributes[0].2..][..5], "width");
        let Part::Markdown(range) = &left.parts[0] else {
            panic!()
        };
        assert_eq!(&body[range.clone()], "Left\n");
        // The `:::` inside the code fence is code.
        let right = div(&columns.parts[1]);
        let Part::Markdown(range) = &right.parts[0] else {
            panic!()
        };
        assert_eq!(&body[range.clone()], "```\n:::\n```\n");
        assert_eq!(parts[2], Part::Markdown(body.len() - 6..body.len()));
    }

    #[test]
    fn unclosed_and_stray_fences_are_problems() {
        let (found, problems) = parts("::: {.column}\nx\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            problems,
            [FenceProblem {
                at: 0,
                message: "the div `::: {.column}` is never closed (end it with a line of `:::`)"
                    .into()
            }]
        );
        let (_, problems) = parts("x\n\n  :::\n");
        assert_eq!(problems[0].at, 5);
        assert!(problems[0].message.starts_with("`:::` closes no div"));
        // Four spaces in, it is text (an indented code block).
        let (found, problems) = parts("    :::\n");
        assert!(problems.is_empty());
        assert_eq!(found, [Part::Markdown(0..8)]);
    }
}
