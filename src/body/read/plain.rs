//! Plain text that may hold formulas (a caption): read for its formulas
//! by a body's rules, and nothing else of Markdown.

use crate::diag::Diagnostics;

use super::super::math::formulas_in_plain_text;
use super::super::{Inline, InlineStyle};
use super::{Context, Reader};

/// `text`, plain text such as a caption, as its text and formulas in
/// order: each formula typeset, its problems warnings at their places in
/// the deck file (the context's origin places them). Outside formulas,
/// `\$` is a dollar sign; the rest of the text stays as written.
pub fn read_formulas(
    text: &str,
    context: Context<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Inline> {
    let mut reader = Reader {
        text,
        context,
        diagnostics,
        too_deep: false,
        incremental_div: None,
    };
    let mut inlines = Vec::new();
    let words = |inlines: &mut Vec<Inline>, written: &str| {
        if !written.is_empty() {
            inlines.push(Inline::Text {
                text: written.replace("\\$", "$"),
                style: InlineStyle::default(),
            });
        }
    };
    let mut end = 0;
    for found in formulas_in_plain_text(text) {
        words(&mut inlines, &text[end..found.range.start]);
        let math = reader.formula(&found.source, found.display, found.source_at);
        inlines.push(Inline::Math(math));
        end = found.range.end;
    }
    words(&mut inlines, &text[end..]);
    inlines
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::body::{ListSteps, Origin};
    use crate::diag::Span;
    use crate::math::Macros;

    /// `text` read as a caption on line 3, column 14 of `d.yaml`: its pieces
    /// (formulas as `$source$`), and the problems reported.
    fn read(text: &str) -> (Vec<String>, Vec<String>) {
        let start = Span::new(3, 14);
        let origin = Origin::verbatim(start, text);
        let context = Context {
            shown: Path::new("d.yaml"),
            deck_dir: Path::new("."),
            origin: &origin,
            span: start,
            lists: ListSteps::default(),
            macros: &Macros::default(),
            markdown: false,
        };
        let mut diagnostics = Diagnostics::default();
        let pieces = read_formulas(text, context, &mut diagnostics)
            .into_iter()
            .map(|inline| match inline {
                Inline::Text { text, .. } => text,
                Inline::Math(math) if math.display => format!("$${}$$", math.source),
                Inline::Math(math) => format!("${}$", math.source),
                Inline::Break => "\n".to_string(),
            })
            .collect();
        let problems = diagnostics
            .sorted()
            .iter()
            .map(ToString::to_string)
            .collect();
        (pieces, problems)
    }

    #[test]
    fn formulas_stand_between_the_words_as_written() {
        let (pieces, problems) = read(r"Euler: $e^{i\pi}$ and \[x\] for \$5 *each*");
        assert_eq!(
            pieces,
            ["Euler: ", r"$e^{i\pi}$", " and ", "$$x$$", " for $5 *each*"]
        );
        assert!(problems.is_empty());
        let (pieces, _) = read(r"costs \$5 and $10");
        assert_eq!(pieces, ["costs $5 and $10"]);
    }

    #[test]
    fn a_formula_that_does_not_parse_is_a_warning_at_its_place() {
        let (pieces, problems) = read(r"ab $x + \nosuch$ cd");
        assert_eq!(pieces, ["ab ", r"$x + \nosuch$", " cd"]);
        assert_eq!(
            problems,
            [r"warning: d.yaml:3:22: unknown command `\nosuch`; the formula is shown as written"]
        );
    }
}
