//! Marp's fragmented lists: those it shows item by item.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Whether the list whose first marker starts `source` is one Marp shows
/// item by item: Marpit makes a fragment of every item marked `*`, or
/// numbered with a `)` after the number (`numbered`).
pub(super) fn is_marp_fragment(source: &str, numbered: bool) -> bool {
    let marker = source.trim_start();
    if numbered {
        let after = marker.trim_start_matches(|c: char| c.is_ascii_digit());
        after.starts_with(')')
    } else {
        marker.starts_with('*')
    }
}

/// `markdown`, a Marp deck's slide body, with each list Marp shows item
/// by item standing in a `::: incremental` div: the body that shows the
/// same steps in a YAML deck (`deckgen import`). Only lists at the top
/// level are wrapped, and only when every list inside them is such a list
/// too (a div would step through the others as well); the rest are left
/// as written.
pub fn marp_fragments_as_divs(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // The top-level list open, if any: where it starts, and whether it
    // and every list in it are fragments so far.
    let mut open: Option<(usize, bool)> = None;
    let mut depth = 0usize;
    let mut wrapped: Vec<Range<usize>> = Vec::new();
    for (event, at) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::List(first)) => {
                let fragment = is_marp_fragment(&markdown[at.start..], first.is_some());
                match &mut open {
                    None if depth == 0 => open = Some((at.start, fragment)),
                    Some((_, all)) => *all &= fragment,
                    None => {}
                }
                depth += 1;
            }
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some((start, true)) = open.take() {
                        wrapped.push(start..at.end);
                    }
                    open = None;
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(markdown.len() + wrapped.len() * 24);
    let mut from = 0;
    for list in wrapped {
        let line_start = markdown[..list.start].rfind('\n').map_or(0, |at| at + 1);
        out.push_str(&markdown[from..line_start]);
        out.push_str("::: incremental\n");
        let text = markdown[line_start..list.end].trim_end_matches('\n');
        out.push_str(text);
        out.push_str("\n:::\n");
        from = list.end;
    }
    out.push_str(&markdown[from..]);
    out
}
