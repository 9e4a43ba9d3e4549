//! Alphabets: `\mathbf{..}` and its kin set the letters they hold.

use super::text::text_alphabet;
use super::{Alphabet, Node};

pub(super) fn alphabet_of(name: &str) -> Option<Alphabet> {
    Some(match name {
        "mathrm" | "mathup" | "rm" => Alphabet::Roman,
        "mathit" | "mathnormal" | "it" => Alphabet::Italic,
        "mathbf" | "bf" | "bold" | "mathbfup" => Alphabet::Bold,
        "boldsymbol" | "bm" | "pmb" | "mathbfit" => Alphabet::BoldItalic,
        "mathbb" | "Bbb" => Alphabet::DoubleStruck,
        "mathcal" | "mathscr" | "cal" => Alphabet::Script,
        "mathfrak" | "frak" => Alphabet::Fraktur,
        "mathsf" | "sf" | "mathsfup" => Alphabet::SansSerif,
        "mathsfit" => Alphabet::SansSerifItalic,
        "mathbfsf" => Alphabet::SansSerifBold,
        "mathtt" | "tt" => Alphabet::Monospace,
        _ => return None,
    })
}

/// Sets the letters of `node` (and what it holds) in `alphabet`.
pub(super) fn restyle(node: Node, alphabet: Alphabet) -> Node {
    let list = |nodes: Vec<Node>| nodes.into_iter().map(|n| restyle(n, alphabet)).collect();
    match node {
        Node::Char {
            c,
            class,
            alphabet: old,
        } => Node::Char {
            c,
            class,
            alphabet: if old == Alphabet::Normal {
                alphabet
            } else {
                old
            },
        },
        Node::Group(body) => Node::Group(list(body)),
        Node::Scripts { base, sub, sup } => Node::Scripts {
            base: Box::new(restyle(*base, alphabet)),
            sub: sub.map(list),
            sup: sup.map(list),
        },
        Node::Text {
            text,
            class,
            limits,
            alphabet: old,
        } => Node::Text {
            text,
            class,
            limits,
            alphabet: match alphabet {
                Alphabet::Bold | Alphabet::BoldItalic => text_alphabet("bf", old),
                _ => old,
            },
        },
        Node::Classed { class, body } => Node::Classed {
            class,
            body: list(body),
        },
        Node::Frac {
            num,
            den,
            style,
            bar,
            delims,
        } => Node::Frac {
            num: list(num),
            den: list(den),
            style,
            bar,
            delims,
        },
        Node::Sqrt { index, body } => Node::Sqrt {
            index,
            body: list(body),
        },
        Node::Delimited { left, right, body } => Node::Delimited {
            left,
            right,
            body: list(body),
        },
        Node::Accent { c, stretchy, body } => Node::Accent {
            c,
            stretchy,
            body: list(body),
        },
        Node::Line { over, body } => Node::Line {
            over,
            body: list(body),
        },
        Node::Style { style, body } => Node::Style {
            style,
            body: list(body),
        },
        Node::Color { color, body } => Node::Color {
            color,
            body: list(body),
        },
        Node::Size { factor, body } => Node::Size {
            factor,
            body: list(body),
        },
        Node::Limits { op, limits } => Node::Limits {
            op: Box::new(restyle(*op, alphabet)),
            limits,
        },
        other => other,
    }
}
