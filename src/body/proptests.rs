//! Bodies are untrusted text: random and hostile Markdown must read
//! without a panic, and in time that grows with its length only.

use std::path::Path;

use proptest::prelude::*;

use crate::diag::{Diagnostics, Span};

use super::{read, Context, DeckLines, Origin};

/// Pieces that open and close Markdown's and Pandoc's structures.
const PIECES: &[&str] = &[
    "- ",
    "  ",
    "    ",
    "> ",
    "1. ",
    "9) ",
    "[ ] ",
    "[x] ",
    "```",
    "```rust {2,x}\n",
    "~~~",
    ":::",
    ":::: columns\n",
    "::: {.column width=\"40%\"}\n",
    "::: {.column width=\"\n",
    "**",
    "*",
    "_",
    "~~",
    "`",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](#id)",
    "](x.png)",
    "|",
    "|---|:-:|\n",
    "---\n",
    "\n",
    "\n\n",
    "\t",
    "# ",
    "###### ",
    "<!--",
    "-->",
    "<br>",
    "<div>",
    "x",
    "é",
    "\u{0}",
    "\u{feff}",
    "{",
    "}",
    "%",
    "\\",
    "\r\n",
    "https://a.org",
    "<",
    ">",
];

fn any_body() -> impl Strategy<Value = String> {
    proptest::collection::vec((0..PIECES.len(), 1usize..4), 0..300).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(piece, times)| PIECES[piece].repeat(times))
            .collect()
    })
}

/// Reads `markdown` as a body of a YAML block scalar in `deck`.
fn read_in(deck: &str, start: Span, markdown: &str) {
    let origin = Origin::of_yaml_scalar(&DeckLines::new(deck), start, markdown);
    let context = Context {
        lists: super::ListSteps::default(),
        shown: Path::new("d.yaml"),
        deck_dir: Path::new(""),
        origin: &origin,
        span: start,
        macros: &crate::math::Macros::default(),
        markdown: false,
    };
    let mut diagnostics = Diagnostics::new();
    if let Some(body) = read(markdown, context, &mut diagnostics) {
        // Everything the model and layout ask of a body works on it too.
        let _ = (body.texts(), body.links(), body.images());
    }
    for problem in diagnostics.sorted() {
        let span = problem.span.expect("every body problem has a place");
        assert!(span.line >= 1 && span.column >= 1, "{problem}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bodies_read_without_a_panic(markdown in any_body()) {
        let indented: String = markdown.lines().map(|line| format!("    {line}\n")).collect();
        let deck = format!("- body: |\n{indented}");
        read_in(&deck, Span::new(2, 5), &markdown);
        read_in(&markdown, Span::new(1, 1), &markdown);
    }

    #[test]
    fn any_deck_text_maps_any_value(deck in ".{0,80}", value in ".{0,80}", line in 0u32..4, column in 0u32..30) {
        let origin = Origin::of_yaml_scalar(&DeckLines::new(&deck), Span::new(line, column), &value);
        for offset in 0..=value.len() + 1 {
            let _ = origin.span(&value, offset);
        }
    }
}

/// Structures repeated thousands of times, the shapes that make naive
/// parsers quadratic or blow their stack.
#[test]
fn hostile_bodies_read() {
    let hostile = [
        "[".repeat(20_000),
        "[a](".repeat(5_000),
        "*a".repeat(10_000) + &"a*".repeat(10_000),
        "**_".repeat(8_000),
        "`".repeat(20_000),
        ">".repeat(20_000) + " x",
        (0..1_500)
            .map(|level| format!("{}- x\n", " ".repeat(level % 40)))
            .collect(),
        "- ".repeat(10_000) + "x",
        ":::: columns\n".repeat(3_500),
        "::: {.column}\n:::\n".repeat(2_500),
        "|a".repeat(4_000) + "\n" + &"|-".repeat(4_000) + "\n",
        "```\n".repeat(10_000),
        "![".repeat(10_000),
        "<!--".repeat(10_000),
    ];
    for markdown in hostile {
        assert!(markdown.chars().count() <= super::LONGEST_BODY);
        read_in(&markdown, Span::new(1, 1), &markdown);
    }
}
