//! A tagged source page's marked-content ids taken out of its content.
//!
//! A PDF figure is drawn inside the Figure element of the slide that shows
//! it, and every marked-content id (MCID) on a page must name an element of
//! that page's own structure. The ids a tagged source page carries name
//! elements of the source's structure tree, which is not copied: left in,
//! they would collide with the page's own ids. So each `BDC` that gives an
//! MCID becomes a `BMC` of the same tag; other marks (optional content,
//! artifacts, ActualText without an id) are kept.

use std::collections::BTreeSet;

use lopdf::content::{Content, Operation};
use lopdf::Object;

/// `content` without marked-content ids; as it is when it has none, or
/// when it cannot be parsed (a content stream with inline images is left
/// as it is, as lopdf cannot rewrite those). `with_mcid` names the
/// property lists of the page's resources that give an MCID.
pub(super) fn without_mcids(content: Vec<u8>, with_mcid: &BTreeSet<Vec<u8>>) -> Vec<u8> {
    if !contains(&content, b"BDC") {
        return content;
    }
    let Ok(decoded) = Content::decode(&content) else {
        return content;
    };
    if decoded.operations.iter().any(|op| op.operator == "BI") {
        return content;
    }
    let mut changed = false;
    let operations: Vec<Operation> = decoded
        .operations
        .into_iter()
        .map(|op| {
            if op.operator == "BDC" && gives_mcid(&op.operands, with_mcid) {
                changed = true;
                Operation::new("BMC", op.operands.into_iter().take(1).collect())
            } else {
                op
            }
        })
        .collect();
    if !changed {
        return content;
    }
    Content { operations }.encode().unwrap_or(content)
}

/// Whether a `BDC`'s property list, written inline or named among those
/// `with_mcid` names, has an `/MCID`.
fn gives_mcid(operands: &[Object], with_mcid: &BTreeSet<Vec<u8>>) -> bool {
    match operands.get(1) {
        Some(Object::Dictionary(properties)) => properties.has(b"MCID"),
        Some(Object::Name(name)) => with_mcid.contains(name),
        _ => false,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operators(content: &[u8]) -> Vec<String> {
        Content::decode(content)
            .unwrap()
            .operations
            .iter()
            .map(|op| {
                let tag = op.operands.first().and_then(|o| o.as_name().ok());
                format!(
                    "{}{}",
                    op.operator,
                    tag.map(|t| format!(" {}", String::from_utf8_lossy(t)))
                        .unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn marks_with_an_id_lose_it_and_other_marks_stay() {
        let content = b"/P <</MCID 0>> BDC 0 0 m 1 1 l S EMC \
            /OC /oc1 BDC 0 0 m S EMC /Artifact BMC EMC \
            /Span <</ActualText (x)>> BDC EMC /P /mc2 BDC EMC"
            .to_vec();
        // `/oc1` names an optional content group, `/mc2` a list with an id.
        let with_mcid = BTreeSet::from([b"mc2".to_vec()]);
        let out = without_mcids(content, &with_mcid);
        assert!(!contains(&out, b"MCID"));
        assert_eq!(
            operators(&out),
            [
                "BMC P",
                "m",
                "l",
                "S",
                "EMC",
                "BDC OC",
                "m",
                "S",
                "EMC",
                "BMC Artifact",
                "EMC",
                "BDC Span",
                "EMC",
                "BMC P",
                "EMC"
            ]
        );
    }

    #[test]
    fn content_without_ids_is_kept_byte_for_byte() {
        let content = b"q 1 0 0 1 0 0 cm /Span <</ActualText (x)>> BDC EMC Q".to_vec();
        let none = BTreeSet::new();
        assert_eq!(without_mcids(content.clone(), &none), content);
        let plain = b"0 0 m 1 1 l S".to_vec();
        assert_eq!(without_mcids(plain.clone(), &none), plain);
    }
}
