//! What an SVG loses on its way to the PDF that the user must hear about:
//! text in a script no font of the deck has (drawn as boxes), HTML in
//! `<foreignObject>` (not drawn), and gradients that repeat or reflect
//! (drawn padded). Each is a note for a warning naming the figure.

use std::collections::BTreeSet;

use unicode_script::{Script, UnicodeScript};

use super::svg::{for_each_text, FontFiles};

/// The most characters, labels or gradients a note lists by name.
const LISTED: usize = 5;
/// The most characters of a lost label a note quotes.
const QUOTED_CHARS: usize = 40;

/// A note when the SVG's text has characters none of `fonts` has.
pub(super) fn missing_glyphs(tree: &usvg::Tree, fonts: &FontFiles) -> Option<String> {
    let charmaps: Vec<skrifa::charmap::Charmap> = fonts
        .0
        .iter()
        .filter_map(|(data, index)| skrifa::FontRef::from_index(data, *index).ok())
        .map(|font| skrifa::MetadataProvider::charmap(&font))
        .collect();
    let mut missing: Vec<char> = Vec::new();
    for_each_text(tree.root(), &mut |text| {
        for chunk in text.chunks() {
            for c in chunk.text().chars() {
                if drawn_as_glyph(c)
                    && !missing.contains(&c)
                    && !charmaps.iter().any(|map| map.map(c).is_some())
                {
                    missing.push(c);
                }
            }
        }
    });
    if missing.is_empty() {
        return None;
    }
    let scripts: BTreeSet<&str> = missing
        .iter()
        .map(|c| c.script())
        .filter(|script| !matches!(script, Script::Common | Script::Inherited | Script::Unknown))
        .map(|script| script.full_name())
        .collect();
    let which = if scripts.is_empty() {
        "some of its text is".to_string()
    } else {
        let names: Vec<&str> = scripts.into_iter().collect();
        format!("its {} text is", and_list(&names))
    };
    let listed: Vec<String> = missing
        .iter()
        .take(LISTED)
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    Some(format!(
        "{which} drawn as boxes: no font of the deck has {}; set `theme.font` to a font that has them",
        listed_with_more(&listed, missing.len())
    ))
}

/// Whether `c` needs a glyph of its own: not a space, a control or a
/// format character (a joiner, a direction mark), which fonts need not have.
fn drawn_as_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'))
}

/// A note naming the gradients the SVG asks to repeat or reflect past
/// their ends, which svg2pdf draws padded (their end colours extended).
pub(super) fn spread_gradients(tree: &usvg::Tree) -> Option<String> {
    let linear = tree
        .linear_gradients()
        .iter()
        .map(|g| (g.id(), g.spread_method()));
    let radial = tree
        .radial_gradients()
        .iter()
        .map(|g| (g.id(), g.spread_method()));
    let spread: Vec<String> = linear
        .chain(radial)
        .filter_map(|(id, method)| {
            let method = match method {
                usvg::SpreadMethod::Pad => return None,
                usvg::SpreadMethod::Reflect => "reflect",
                usvg::SpreadMethod::Repeat => "repeat",
            };
            Some(format!("`{id}` (`spreadMethod=\"{method}\"`)"))
        })
        .collect();
    let (what, is) = match spread.len() {
        0 => return None,
        1 => ("gradient", "is"),
        _ => ("gradients", "are"),
    };
    Some(format!(
        "its {what} {} {is} drawn as `pad` (the end colours fill the rest of the shape): svg2pdf does not repeat or reflect gradients",
        listed_with_more(&spread, spread.len())
    ))
}

/// A note when the SVG has `<foreignObject>` content that is not drawn:
/// HTML (Mermaid's and draw.io's labels), which neither usvg nor a PDF
/// can show. One inside a `<switch>` with another choice is not missed:
/// the other choice is drawn.
pub(super) fn foreign_objects(xml: &roxmltree::Document) -> Option<String> {
    let dropped: Vec<roxmltree::Node> = xml
        .descendants()
        .filter(|node| node.has_tag_name("foreignObject"))
        .filter(|node| !has_fallback(*node))
        // One inside another is counted with the outer one.
        .filter(|node| {
            !node
                .ancestors()
                .skip(1)
                .any(|a| a.has_tag_name("foreignObject"))
        })
        .collect();
    if dropped.is_empty() {
        return None;
    }
    let labels: Vec<String> = dropped
        .iter()
        .filter_map(|node| {
            let text: Vec<&str> = node
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .flat_map(str::split_whitespace)
                .collect();
            let text = text.join(" ");
            (!text.is_empty()).then(|| quoted(&text))
        })
        .collect();
    let what = if dropped.len() == 1 {
        "a `<foreignObject>` (HTML inside SVG) is not drawn".to_string()
    } else {
        format!(
            "{} `<foreignObject>` elements (HTML inside SVG) are not drawn",
            dropped.len()
        )
    };
    let whose = if dropped.len() == 1 { "its" } else { "their" };
    let text = match labels.len() {
        0 => String::new(),
        count => format!(", nor {whose} text {}", listed_with_more(&labels, count)),
    };
    Some(format!(
        "{what}{text}; export the figure with plain SVG text (Mermaid: `htmlLabels: false`) or as PDF"
    ))
}

/// Whether `node` is a choice of a `<switch>` that has another one.
fn has_fallback(node: roxmltree::Node) -> bool {
    node.parent().is_some_and(|parent| {
        parent.has_tag_name("switch")
            && parent
                .children()
                .any(|child| child.is_element() && !child.has_tag_name("foreignObject"))
    })
}

/// `text` in quotation marks, cut to [`QUOTED_CHARS`] characters.
fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTED_CHARS).collect();
    if chars.next().is_some() {
        format!("\"{head}...\"")
    } else {
        format!("\"{head}\"")
    }
}

/// The first [`LISTED`] of `items` (of `count` in all), as a list.
fn listed_with_more(items: &[String], count: usize) -> String {
    let shown: Vec<&str> = items.iter().take(LISTED).map(String::as_str).collect();
    if count > shown.len() {
        format!("{} and {} more", shown.join(", "), count - shown.len())
    } else {
        and_list(&shown)
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_name_the_first_few_and_count_the_rest() {
        let items: Vec<String> = (1..=7).map(|n| n.to_string()).collect();
        assert_eq!(listed_with_more(&items[..1], 1), "1");
        assert_eq!(listed_with_more(&items[..3], 3), "1, 2 and 3");
        assert_eq!(listed_with_more(&items, 7), "1, 2, 3, 4, 5 and 2 more");
        assert_eq!(
            quoted(&"x".repeat(41)),
            format!("\"{}...\"", "x".repeat(40))
        );
    }

    #[test]
    fn a_foreign_object_with_a_fallback_in_a_switch_is_not_missed() {
        let xml = |body: &str| format!(r#"<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>"#);
        let note = |body: &str| foreign_objects(&roxmltree::Document::parse(&xml(body)).unwrap());
        assert_eq!(
            note(
                r#"<switch><foreignObject><p>Start</p></foreignObject><text>Start</text></switch>"#
            ),
            None
        );
        assert_eq!(
            note(r#"<foreignObject><div><span>Start</span> <b>here</b></div></foreignObject>"#)
                .unwrap(),
            "a `<foreignObject>` (HTML inside SVG) is not drawn, nor its text \"Start here\"; export the figure with plain SVG text (Mermaid: `htmlLabels: false`) or as PDF"
        );
    }
}
