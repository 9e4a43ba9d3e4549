//! Code blocks: the fence's info string (language, line numbers, lines to
//! stand out) and the code's lines, tabs expanded.
//!
//! One convention each, both documented in docs/deck-format.md:
//! - Pandoc's attributes: ```` ```{.rust .numberLines startFrom="10"} ````
//!   numbers the lines (from 1 unless `startFrom` says).
//! - Slidev's braces: ```` ```rust {2,4-6} ```` makes lines stand out, and a
//!   second group ```` {lines:true,startLine:10} ```` numbers them.

use std::collections::BTreeSet;

/// Columns between tab stops when a tab is expanded.
const TAB_STOP: usize = 4;

/// What a fence's info string says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Info {
    pub language: Option<String>,
    pub first_line_number: Option<u32>,
    pub highlighted: BTreeSet<u32>,
    /// Parts of the info string that could not be read, as written.
    pub unread: Vec<String>,
}

/// Reads a fence's info string.
pub(super) fn info(written: &str) -> Info {
    let written = written.trim();
    let mut info = Info::default();
    if let Some(attributes) = written
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
    {
        pandoc_attributes(attributes, &mut info);
        return info;
    }
    let (language, rest) = match written.find(|c: char| c.is_whitespace() || c == '{') {
        Some(at) => (&written[..at], written[at..].trim()),
        None => (written, ""),
    };
    if !language.is_empty() {
        info.language = Some(language.to_string());
    }
    let mut rest = rest;
    while let Some(group) = rest.strip_prefix('{') {
        let Some(end) = group.find('}') else {
            info.unread.push(rest.to_string());
            break;
        };
        slidev_group(&group[..end], &mut info);
        rest = group[end + 1..].trim_start();
    }
    if !rest.is_empty() && !rest.starts_with('{') {
        info.unread.push(rest.to_string());
    }
    info
}

/// `.rust .numberLines startFrom="10"`.
fn pandoc_attributes(attributes: &str, info: &mut Info) {
    let mut numbered = false;
    let mut start = None;
    for token in attributes.split_whitespace() {
        if let Some(class) = token.strip_prefix('.') {
            match class {
                "numberLines" | "number-lines" | "numberlines" => numbered = true,
                _ if info.language.is_none() => info.language = Some(class.to_string()),
                _ => {}
            }
        } else if let Some((key, value)) = token.split_once('=') {
            let value = value.trim_matches('"').trim_matches('\'');
            match (key, value.parse::<u32>()) {
                ("startFrom" | "start-from", Ok(number)) => start = Some(number),
                ("startFrom" | "start-from", Err(_)) => info.unread.push(token.to_string()),
                _ => {}
            }
        }
    }
    if numbered || start.is_some() {
        info.first_line_number = Some(start.unwrap_or(1));
    }
}

/// One `{...}` after the language: lines (`2,4-6`) or options (`lines:true`).
fn slidev_group(group: &str, info: &mut Info) {
    if group.contains(':') {
        let mut numbered = false;
        let mut start = None;
        for option in group.split(',') {
            match option.split_once(':').map(|(k, v)| (k.trim(), v.trim())) {
                Some(("lines", "true")) => numbered = true,
                Some(("lines", "false")) => {}
                Some(("startLine", value)) if value.parse::<u32>().is_ok() => {
                    start = value.parse().ok();
                }
                _ => info.unread.push(format!("{{{group}}}")),
            }
        }
        if numbered {
            info.first_line_number = Some(start.unwrap_or(1));
        }
        return;
    }
    match line_ranges(group) {
        Some(lines) => info.highlighted.extend(lines),
        None => info.unread.push(format!("{{{group}}}")),
    }
}

/// `2,4-6` as the lines it names; `None` when it is not such a list.
/// `*` and `all` (Slidev's "every line") name none: nothing stands out.
fn line_ranges(written: &str) -> Option<BTreeSet<u32>> {
    let mut lines = BTreeSet::new();
    for part in written.split(',').map(str::trim) {
        if part.is_empty() || part == "*" || part == "all" {
            continue;
        }
        let (from, to) = part.split_once('-').unwrap_or((part, part));
        let (from, to) = (
            from.trim().parse::<u32>().ok()?,
            to.trim().parse::<u32>().ok()?,
        );
        if from == 0 || to < from || to - from > super::MOST_CODE_LINES as u32 {
            return None;
        }
        lines.extend(from..=to);
    }
    Some(lines)
}

/// The lines of a code block's `text`, tabs expanded, the final line
/// break dropped; carriage returns go.
pub(super) fn lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n').map(expand_tabs).collect()
}

/// `line` with each tab turned into the spaces up to the next tab stop, and
/// control characters (which have no glyph) dropped.
fn expand_tabs(line: &str) -> String {
    let mut expanded = String::with_capacity(line.len());
    let mut column = 0;
    for c in line.chars() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                expanded.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            c if c.is_control() || c == '\u{feff}' => {}
            c => {
                expanded.push(c);
                column += 1;
            }
        }
    }
    expanded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_alone_or_with_slidev_braces() {
        assert_eq!(info("").language, None);
        let plain = info("rust");
        assert_eq!(plain.language.as_deref(), Some("rust"));
        assert_eq!(plain.first_line_number, None);
        let marked = info("rust {2,4-6} {lines:true,startLine:10}");
        assert_eq!(marked.language.as_deref(), Some("rust"));
        assert_eq!(
            marked.highlighted.into_iter().collect::<Vec<_>>(),
            [2, 4, 5, 6]
        );
        assert_eq!(marked.first_line_number, Some(10));
        assert!(marked.unread.is_empty());
        assert_eq!(info("py{3}").highlighted.len(), 1);
    }

    #[test]
    fn pandoc_attributes_number_lines() {
        let numbered = info("{.python .numberLines startFrom=\"10\"}");
        assert_eq!(numbered.language.as_deref(), Some("python"));
        assert_eq!(numbered.first_line_number, Some(10));
        assert_eq!(info("{.numberLines .c}").first_line_number, Some(1));
        assert_eq!(info("{.numberLines .c}").language.as_deref(), Some("c"));
    }

    #[test]
    fn what_cannot_be_read_is_kept_to_report() {
        assert_eq!(info("rust {2,x}").unread, ["{2,x}"]);
        assert_eq!(info("rust {5-2}").unread, ["{5-2}"]);
        assert_eq!(info("rust {0}").unread, ["{0}"]);
        assert_eq!(info("rust extra").unread, ["extra"]);
        assert_eq!(info("rust {2").unread, ["{2"]);
        assert_eq!(info("rust {1-4000000000}").unread, ["{1-4000000000}"]);
    }

    #[test]
    fn lines_keep_indentation_and_blank_lines_and_expand_tabs() {
        assert_eq!(
            lines("fn f() {\n\tx\n\n  a\tb\r\n}\n"),
            ["fn f() {", "    x", "", "  a b", "}"]
        );
        assert!(lines("").is_empty());
        assert_eq!(lines("\n"), [""]);
    }
}
