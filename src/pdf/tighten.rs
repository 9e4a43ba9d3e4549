//! Page content said in fewer bytes, drawing the same.
//!
//! printpdf writes each glyph of a `TJ` as a hex string of its own, places
//! each line with a full `1 0 0 1 x y Tm`, and sets the fill colour again
//! for every line of text. On a slide of a title and a caption that is about
//! 15 of the 400 bytes a page costs, deflated. Here each page's content is
//! read back and written again with:
//! - the glyphs between two adjustments in one hex string (`<00150010>`),
//!   and a `TJ` of one string as `Tj`;
//! - the first placement of a text object as `x y Td`: after `BT` the line
//!   matrix is the identity, so it means the same as `1 0 0 1 x y Tm`;
//! - no fill colour set to the colour already in force (followed through
//!   `q` and `Q`).

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, StringFormat};

/// Rewrites the content stream of every page of `doc` (printpdf's: one
/// unfiltered stream a page).
pub(super) fn tighten_pages(doc: &mut Document) {
    let contents: Vec<lopdf::ObjectId> = doc
        .get_pages()
        .into_values()
        .filter_map(|page| doc.get_dictionary(page).ok()?.get(b"Contents").ok())
        .filter_map(|contents| contents.as_reference().ok())
        .collect();
    for id in contents {
        let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else {
            continue;
        };
        if stream.dict.has(b"Filter") {
            continue;
        }
        let Ok(content) = Content::decode(&stream.content) else {
            continue;
        };
        let tightened = Content {
            operations: tighten(content.operations),
        };
        if let Ok(bytes) = tightened.encode() {
            stream.set_content(bytes);
        }
    }
}

/// `operations`, drawing the same in fewer bytes.
fn tighten(operations: Vec<Operation>) -> Vec<Operation> {
    let mut out = Vec::with_capacity(operations.len());
    // The fill colour in force (its operator and operands), when known, and
    // those `q` saved.
    let mut fill: Option<(String, Vec<Object>)> = None;
    let mut saved = Vec::new();
    let mut line_matrix_is_identity = false;
    for mut operation in operations {
        match operation.operator.as_str() {
            "q" => saved.push(fill.clone()),
            "Q" => fill = saved.pop().flatten(),
            "BT" => line_matrix_is_identity = true,
            "rg" | "g" | "k" => {
                let colour = (operation.operator.clone(), operation.operands.clone());
                if fill.as_ref() == Some(&colour) {
                    continue;
                }
                fill = Some(colour);
            }
            // Colour spaces and colours in them: not followed.
            "cs" | "sc" | "scn" => fill = None,
            "Tm" => {
                let translation = match operation.operands.as_slice() {
                    [a, b, c, d, x, y] if is_identity([a, b, c, d]) => Some([x, y]),
                    _ => None,
                };
                if let (true, Some([x, y])) = (line_matrix_is_identity, translation) {
                    operation = Operation::new("Td", vec![x.clone(), y.clone()]);
                }
                line_matrix_is_identity = false;
            }
            "Td" | "TD" | "T*" | "'" | "\"" => line_matrix_is_identity = false,
            "TJ" => operation = joined(operation),
            _ => {}
        }
        out.push(operation);
    }
    out
}

/// Whether `[a, b, c, d]` is `1 0 0 1`.
fn is_identity(matrix: [&Object; 4]) -> bool {
    let number = |object: &Object| object.as_float().ok();
    matrix.map(number) == [Some(1.0), Some(0.0), Some(0.0), Some(1.0)]
}

/// A `TJ` with neighbouring hex strings joined, or a `Tj` when one string is all.
fn joined(operation: Operation) -> Operation {
    let Some(Object::Array(items)) = operation.operands.first() else {
        return operation;
    };
    let mut merged: Vec<Object> = Vec::with_capacity(items.len());
    for item in items {
        match (merged.last_mut(), item) {
            (
                Some(Object::String(before, StringFormat::Hexadecimal)),
                Object::String(bytes, StringFormat::Hexadecimal),
            ) => before.extend_from_slice(bytes),
            _ => merged.push(item.clone()),
        }
    }
    match merged.as_slice() {
        [Object::String(..)] => Operation::new("Tj", merged),
        _ => Operation::new("TJ", vec![Object::Array(merged)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tightened(content: &str) -> String {
        let operations = Content::decode(content.as_bytes()).unwrap().operations;
        let bytes = Content {
            operations: tighten(operations),
        }
        .encode()
        .unwrap();
        String::from_utf8(bytes).unwrap().replace('\n', " ")
    }

    #[test]
    fn glyphs_join_and_the_first_placement_is_a_td() {
        assert_eq!(
            tightened("BT /F1 40 Tf 1 0 0 1 48 466.38 Tm [<0015><000f> 20 <0010>] TJ 1 0 0 1 60 466.38 Tm [<0002><0003>] TJ ET"),
            "BT /F1 40 Tf 48 466.38 Td [<0015000F> 20<0010>] TJ 1 0 0 1 60 466.38 Tm <00020003> Tj ET"
        );
        // A turned matrix stays a matrix.
        assert_eq!(
            tightened("BT 0 1 -1 0 48 40 Tm [<0015>] TJ ET"),
            "BT 0 1 -1 0 48 40 Tm <0015> Tj ET"
        );
    }

    #[test]
    fn a_colour_already_in_force_is_not_set_again() {
        assert_eq!(
            tightened(
                "0.1 0.2 0.3 rg BT ET 0.1 0.2 0.3 rg q 1 g Q 0.1 0.2 0.3 rg 1 g 0.1 0.2 0.3 rg"
            ),
            "0.1 0.2 0.3 rg BT ET q 1 g Q 1 g 0.1 0.2 0.3 rg"
        );
        // After a colour space, the colour is set again.
        assert_eq!(tightened("0 g /CS0 cs 1 sc 0 g"), "0 g /CS0 cs 1 sc 0 g");
    }
}
