//! A way round a bug of usvg 0.45's text layout (fixed upstream in 0.46,
//! resvg #929): where a run of text has several `<tspan>` styles, the glyphs
//! of each later span are merged into the first span's by cluster, and a
//! cluster of several glyphs (a Devanagari conjunct, a Bengali split vowel,
//! a letter with a combining accent) deletes the glyphs after it: letters
//! vanish, or, at the end of the text, usvg panics (resvg's
//! `text/text/glyph-splitting.svg`: `<tspan>H </tspan><tspan>नमस्ते</tspan>`).
//! deckgen now builds on usvg 0.49, which sets that text whole; the way
//! round stays as a guard against a panic or lost letters of its own.
//!
//! The SVG is parsed as it is first, the panic caught. If usvg panicked or
//! lost letters, it is parsed again with the tags of every `<tspan>` that
//! does not start a new line (no `x` or `y`) taken out, their text kept:
//! each run of text is then one span, which usvg sets without merging. The
//! text is all drawn; those tspans' own styles are lost, which the caller
//! warns about.

use std::cell::Cell;
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::sync::Once;

use super::svg::{for_each_text, read_xml, usvg_problem};
use super::Problem;

/// What parsing gave.
pub(super) enum Parsed {
    /// The SVG as it is.
    AsIs(usvg::Tree),
    /// The SVG with its tspans taken out, after usvg failed on them.
    WithoutTspans(usvg::Tree),
}

/// The note for the warning when the tspans were taken out.
pub(super) const NOTE: &str = "its `<tspan>` text is drawn without the tspans' own styles and offsets: usvg's text layout loses letters of it";

/// What usvg's text layout panicking on the SVG, tspans or not, says.
const PANICKED: &str = "usvg's text layout fails on its text";

/// Parses `xml` (the text `source`), working round usvg's span merging.
pub(super) fn parse(
    source: &str,
    xml: &roxmltree::Document,
    options: &usvg::Options,
) -> Result<Parsed, Problem> {
    match contained(|| usvg::Tree::from_xmltree(xml, options)) {
        Some(Ok(tree)) if !loses_letters(&tree) => return Ok(Parsed::AsIs(tree)),
        Some(Err(err)) => return Err(usvg_problem(err)),
        // A panic, or letters lost: parse it again without the tspans.
        Some(Ok(_)) | None => {}
    }
    let flat = without_tspans(source, xml);
    let flat_xml = read_xml(&flat)?;
    match contained(|| usvg::Tree::from_xmltree(&flat_xml, options)) {
        Some(Ok(tree)) => Ok(Parsed::WithoutTspans(tree)),
        Some(Err(err)) => Err(usvg_problem(err)),
        None => Err(Problem::UnreadableSvg(PANICKED.into())),
    }
}

/// Whether a run of text with several spans came out with fewer letters
/// than it has: usvg's merging deleted some. Text on a path is left out
/// (what passes the path's end is rightly not drawn).
fn loses_letters(tree: &usvg::Tree) -> bool {
    let mut loses = false;
    for_each_text(tree.root(), &mut |text| {
        let merged = text.chunks().iter().any(|chunk| {
            chunk.spans().len() > 1 && matches!(chunk.text_flow(), usvg::TextFlow::Linear)
        });
        let on_path = text
            .chunks()
            .iter()
            .any(|chunk| !matches!(chunk.text_flow(), usvg::TextFlow::Linear));
        if !merged || on_path {
            return;
        }
        let mut written: Vec<char> = text
            .chunks()
            .iter()
            .flat_map(|chunk| chunk.text().chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut drawn: Vec<char> = text
            .layouted()
            .iter()
            .flat_map(|span| &span.positioned_glyphs)
            .flat_map(|glyph| glyph.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        written.sort_unstable();
        drawn.sort_unstable();
        loses |= written != drawn;
    });
    loses
}

/// `source` with the start and end tags of every `<tspan>` that has no
/// `x` or `y` taken out, and such a tspan with no content taken out whole.
fn without_tspans(source: &str, xml: &roxmltree::Document) -> String {
    let mut cuts: Vec<Range<usize>> = Vec::new();
    for node in xml.descendants().filter(|n| n.has_tag_name("tspan")) {
        if node.has_attribute("x") || node.has_attribute("y") {
            continue;
        }
        let whole = node.range();
        match (node.first_child(), node.last_child()) {
            (Some(first), Some(last)) => {
                cuts.push(whole.start..first.range().start);
                cuts.push(last.range().end..whole.end);
            }
            _ => cuts.push(whole),
        }
    }
    cuts.sort_by_key(|cut| cut.start);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for cut in cuts {
        // Cuts never overlap: a tag is inside no other tag.
        out.push_str(&source[at..cut.start.max(at)]);
        at = at.max(cut.end);
    }
    out.push_str(&source[at..]);
    out
}

thread_local! {
    /// Whether a panic on this thread is being caught by [`contained`],
    /// and so is no news for the user.
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, giving `None` if it panics, without the panic's message (the
/// caller reports it). Panics elsewhere are reported as before.
fn contained<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    CONTAINED.with(|flag| flag.set(true));
    // usvg's parse shares nothing with the caller that a panic could leave
    // half changed: the tree it was building is dropped.
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|flag| flag.set(false));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tspans_that_start_no_line_lose_their_tags_and_keep_their_text() {
        let source = r#"<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2"><tspan fill="red">H </tspan><tspan>a<tspan font-weight="bold">b</tspan></tspan><tspan/><tspan x="5" y="9">next</tspan></text></svg>"#;
        let xml = roxmltree::Document::parse(source).unwrap();
        assert_eq!(
            without_tspans(source, &xml),
            r#"<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">H ab<tspan x="5" y="9">next</tspan></text></svg>"#
        );
    }
}
