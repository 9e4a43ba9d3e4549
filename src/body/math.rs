//! Where a body's Markdown holds formulas: `$...$` and `$$...$$` come from
//! pulldown-cmark's math extension (checked against Pandoc's dollar rule in
//! [`dollar_math_ends_before_digit`]); `\(...\)` and `\[...\]`, which
//! CommonMark would read as escaped brackets, are found here first and
//! masked, so pulldown-cmark sees each as one code span of the same length
//! and every offset stays the body's.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// A formula written `\(...\)` or `\[...\]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bracketed {
    /// Its bytes in the text, delimiters included.
    pub range: Range<usize>,
    /// `\[...\]`: a display formula.
    pub display: bool,
}

impl Bracketed {
    /// The formula's source: the text between its delimiters.
    pub fn source<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range.start + 2..self.range.end - 2]
    }
}

/// `text` with each `\(...\)` and `\[...\]` outside code turned into a code
/// span of the same length (so pulldown-cmark reads neither escapes nor
/// emphasis inside), and those formulas, in order. `options` are the ones
/// the text is then read with.
pub(super) fn mask_bracketed(text: &str, options: Options) -> (String, Vec<Bracketed>) {
    if !text.contains("\\(") && !text.contains("\\[") {
        return (text.to_string(), Vec::new());
    }
    let kept = kept_as_written(text, options);
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at + 1 < bytes.len() {
        if let Some(skip) = kept.iter().find(|range| range.contains(&at)) {
            at = skip.end;
            continue;
        }
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        let close = match bytes[at + 1] {
            b'(' => b')',
            b'[' => b']',
            // An escaped character, a backslash among them, is not an opening.
            _ => {
                at += 2;
                continue;
            }
        };
        match closing(bytes, at + 2, close) {
            Some(end) if end > at + 4 => {
                found.push(Bracketed {
                    range: at..end,
                    display: close == b']',
                });
                at = end;
            }
            _ => at += 2,
        }
    }
    let mut masked = text.as_bytes().to_vec();
    for formula in &found {
        let range = formula.range.clone();
        for (index, byte) in masked[range.clone()].iter_mut().enumerate() {
            let edge = index < 2 || index >= range.len() - 2;
            if edge {
                *byte = b'`';
            } else if !byte.is_ascii_whitespace() {
                *byte = b'x';
            }
        }
    }
    // Only ASCII bytes were written, each over a whole character's bytes
    // or over ASCII: still UTF-8.
    let masked = String::from_utf8(masked).unwrap_or_else(|_| text.to_string());
    (masked, found)
}

/// The end of a formula whose source starts at `from`: past the first
/// `\` + `close` not escaped inside it; `None` at a blank line (the
/// paragraph ends) or the text's end.
fn closing(bytes: &[u8], from: usize, close: u8) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if bytes.get(at + 1) == Some(&close) => return Some(at + 2),
            // A TeX command or escape: its next byte is its own.
            b'\\' => at += 2,
            b'\n' if blank_line_follows(&bytes[at + 1..]) => return None,
            _ => at += 1,
        }
    }
    None
}

/// Whether `rest` starts with a line of only spaces.
fn blank_line_follows(rest: &[u8]) -> bool {
    rest.iter()
        .take_while(|b| **b != b'\n')
        .all(|b| b.is_ascii_whitespace())
}

/// The bytes Markdown keeps as written, where no formula starts: code,
/// dollar math, HTML.
fn kept_as_written(text: &str, options: Options) -> Vec<Range<usize>> {
    let mut kept = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => kept.push(range),
            _ => {}
        }
    }
    kept
}

/// A formula found in plain text (see [`formulas_in_plain_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// Its bytes in the text, delimiters included.
    pub range: Range<usize>,
    /// Where its source (the TeX between its delimiters) starts.
    pub source_at: usize,
    pub source: String,
    /// `$$...$$` or `\[...\]`.
    pub display: bool,
}

/// The formulas in `text`, plain text such as a caption, found by a
/// body's rules: pulldown-cmark's dollar math checked against Pandoc's
/// rule, and `\(...\)` and `\[...\]` (see [`mask_bracketed`]), in order.
/// Dollars in a code span open none there either.
pub(super) fn formulas_in_plain_text(text: &str) -> Vec<Found> {
    let options = Options::ENABLE_MATH;
    let (masked, bracketed) = mask_bracketed(text, options);
    let mut found = Vec::new();
    for (event, at) in Parser::new_ext(&masked, options).into_offset_iter() {
        let (source, source_at, display) = match event {
            Event::Code(_) => match bracketed.iter().find(|f| f.range.start == at.start) {
                Some(formula) => (
                    formula.source(text).to_string(),
                    at.start + 2,
                    formula.display,
                ),
                None => continue,
            },
            Event::InlineMath(source) if !dollar_math_ends_before_digit(text, at.end) => {
                (source.to_string(), at.start + 1, false)
            }
            Event::DisplayMath(source) => (source.to_string(), at.start + 2, true),
            _ => continue,
        };
        found.push(Found {
            range: at,
            source_at,
            source,
            display,
        });
    }
    found
}

/// Pandoc's dollar rule on top of pulldown-cmark's: a closing `$` followed
/// by a digit closes nothing ("costs $5 and $10"), so the math span that
/// ends at `end` in `text` is text after all.
pub(super) fn dollar_math_ends_before_digit(text: &str, end: usize) -> bool {
    text.as_bytes()
        .get(end)
        .is_some_and(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options::ENABLE_MATH | Options::ENABLE_TABLES
    }

    fn found(text: &str) -> Vec<(&str, bool)> {
        let (masked, found) = mask_bracketed(text, options());
        assert_eq!(masked.len(), text.len());
        found
            .iter()
            .map(|formula| (formula.source(text), formula.display))
            .collect()
    }

    #[test]
    fn parentheses_are_inline_and_brackets_display() {
        assert_eq!(
            found(r"so \(a_1 + b\) and \[\frac{1}{2}\]"),
            [("a_1 + b", false), (r"\frac{1}{2}", true)]
        );
    }

    #[test]
    fn a_formula_keeps_its_backslashes_and_may_span_lines() {
        assert_eq!(
            found("\\[\n\\begin{matrix} a \\\\ b \\end{matrix}\n\\]\n"),
            [("\n\\begin{matrix} a \\\\ b \\end{matrix}\n", true)]
        );
    }

    #[test]
    fn code_dollar_math_and_escaped_backslashes_hold_no_formula() {
        assert!(found(r"`\(x\)` and $\(y\)$ and \\(z\\)").is_empty());
        assert!(found("```\n\\[x\\]\n```\n").is_empty());
    }

    #[test]
    fn a_blank_line_or_the_end_stops_an_open_formula() {
        assert!(found("\\(a\n\nb\\)").is_empty());
        assert!(found("\\[ never closed").is_empty());
        assert!(found(r"empty \(\)").is_empty());
    }

    #[test]
    fn the_masked_text_reads_as_one_code_span_per_formula() {
        let text = "a \\(x_*y*_ é\\) b";
        let (masked, _) = mask_bracketed(text, options());
        let events: Vec<_> = Parser::new_ext(&masked, options())
            .into_offset_iter()
            .filter_map(|(event, range)| matches!(event, Event::Code(_)).then_some(range))
            .collect();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0], 2..text.len() - 2);
    }

    /// Each formula found: as written, and whether it is a display one.
    fn in_plain_text(text: &str) -> Vec<(&str, bool)> {
        formulas_in_plain_text(text)
            .into_iter()
            .map(|found| {
                let end = found.source_at + found.source.len();
                assert_eq!(text[found.source_at..end], found.source);
                (&text[found.range], found.display)
            })
            .collect()
    }

    #[test]
    fn plain_text_holds_formulas_by_a_bodys_rules() {
        assert_eq!(
            in_plain_text(r"Euler: $e^{i\pi} + 1 = 0$, so \(a*b\) and $$x$$ or \[y\]"),
            [
                (r"$e^{i\pi} + 1 = 0$", false),
                (r"\(a*b\)", false),
                ("$$x$$", true),
                (r"\[y\]", true),
            ]
        );
        // Prices, escaped dollars and code hold no formula.
        for text in [r"costs $5 and $10", r"a \$x\$", "`$y$`", "$z$5"] {
            assert!(in_plain_text(text).is_empty(), "{text}");
        }
        assert_eq!(in_plain_text("*a* $b$ *c*"), [("$b$", false)]);
    }

    #[test]
    fn a_digit_after_the_closing_dollar_makes_it_text() {
        assert!(dollar_math_ends_before_digit("$x$5", 3));
        assert!(!dollar_math_ends_before_digit("$x$ 5", 3));
        assert!(!dollar_math_ends_before_digit("$x$", 3));
    }
}
