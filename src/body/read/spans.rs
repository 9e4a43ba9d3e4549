//! Pandoc's bracketed spans, `[text]{.alert}`: the brackets and the
//! attributes are never printed, and the classes deckgen has a style for
//! give it to the text between them.

use super::super::{attributes, Inline, InlineStyle, TextSize};
use super::leaves::push_text;

/// A piece of a leaf's inlines while spans are matched.
enum Piece {
    Inline(Inline),
    /// A `[` that may open a span, in the style of the text it stood in.
    Open(InlineStyle),
    /// `]{...}`: a span's end and its attribute group, in the style of the
    /// text it stood in.
    Close(String, InlineStyle),
    /// A plain `]`: it closes the nearest `[` still open (`[1]`), so that
    /// `[` opens no span, and both stay text.
    Bracket(InlineStyle),
}

/// `inlines` with each `[text]{attributes}` span read: its brackets and
/// attributes gone, its classes applied. Brackets pair as Pandoc pairs
/// them, each `]` with the nearest `[` still open; a `[` or `]{...}` that
/// pairs with nothing, or pairs with a plain `]`, stays text.
pub(super) fn read(inlines: Vec<Inline>) -> Vec<Inline> {
    let may_hold = |inline: &Inline| matches!(inline, Inline::Text { text, style } if !style.code && text.contains("]{"));
    if !inlines.iter().any(may_hold) {
        return inlines;
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, style } if !style.code => cut(&text, &style, &mut pieces),
            other => pieces.push(Piece::Inline(other)),
        }
    }
    // Innermost spans first: each `]` or `]{...}` closes the last `[`
    // still open.
    let mut open: Vec<usize> = Vec::new();
    for index in 0..pieces.len() {
        match &pieces[index] {
            Piece::Open(_) => open.push(index),
            Piece::Bracket(_) => {
                open.pop();
            }
            Piece::Close(group, _) => {
                let Some(start) = open.pop() else { continue };
                let group = group.clone();
                for piece in &mut pieces[start + 1..index] {
                    match piece {
                        Piece::Inline(Inline::Text { text, style }) => apply(&group, text, style),
                        // Brackets inside that stay text take the style too.
                        Piece::Open(style) | Piece::Close(_, style) | Piece::Bracket(style) => {
                            apply(&group, &mut String::new(), style)
                        }
                        Piece::Inline(_) => {}
                    }
                }
                pieces[start] = Piece::Inline(Inline::Text {
                    text: String::new(),
                    style: InlineStyle::default(),
                });
                pieces[index] = Piece::Inline(Inline::Text {
                    text: String::new(),
                    style: InlineStyle::default(),
                });
            }
            Piece::Inline(_) => {}
        }
    }
    let mut inlines = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Inline(Inline::Text { text, style }) => push_text(&mut inlines, &text, style),
            Piece::Inline(inline) => inlines.push(inline),
            Piece::Open(style) => push_text(&mut inlines, "[", style),
            Piece::Close(group, style) => push_text(&mut inlines, &format!("]{group}"), style),
            Piece::Bracket(style) => push_text(&mut inlines, "]", style),
        }
    }
    inlines
}

/// `text` in `style` cut into pieces at each `[`, `]{...}` and `]`.
fn cut(text: &str, style: &InlineStyle, pieces: &mut Vec<Piece>) {
    let plain = |text: &str| {
        Piece::Inline(Inline::Text {
            text: text.to_string(),
            style: style.clone(),
        })
    };
    let mut rest = text;
    while let Some(at) = rest.find(['[', ']']) {
        let after = &rest[at + 1..];
        let (marker, length) = if rest[at..].starts_with('[') {
            (Piece::Open(style.clone()), 1)
        } else {
            match attributes::leading(after) {
                Some(length) => {
                    let group = after[..length].to_string();
                    (Piece::Close(group, style.clone()), 1 + length)
                }
                None => (Piece::Bracket(style.clone()), 1),
            }
        };
        pieces.push(plain(&rest[..at]));
        pieces.push(marker);
        rest = &rest[at + length..];
    }
    pieces.push(plain(rest));
}

/// The style the classes of attribute group `group` (`{.alert}`) give
/// `text`: Beamer's `.alert` stands out as bold (as `\alert` does),
/// `.underline` is underlined, `.smallcaps` is set in small capitals
/// (capitals at the small size), `.mark` is bold too. Other classes, ids
/// and keys (`style="color: red"`) leave the text as it is.
fn apply(group: &str, text: &mut String, style: &mut InlineStyle) {
    let classes = group
        .trim_matches(['{', '}'])
        .split_whitespace()
        .filter_map(|word| word.strip_prefix('.'));
    for class in classes {
        match class {
            "alert" | "mark" => style.strong = true,
            "underline" => style.underline = true,
            "smallcaps" => {
                *text = text.to_uppercase();
                if style.size == TextSize::Normal {
                    style.size = TextSize::Small;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Inline {
        Inline::Text {
            text: text.into(),
            style: InlineStyle::default(),
        }
    }

    fn strong(text: &str) -> Inline {
        Inline::Text {
            text: text.into(),
            style: InlineStyle {
                strong: true,
                ..InlineStyle::default()
            },
        }
    }

    #[test]
    fn a_span_loses_its_brackets_and_takes_its_style() {
        assert_eq!(
            read(vec![text("Mind [the gap]{.alert} here")]),
            [text("Mind "), strong("the gap"), text(" here")]
        );
        assert_eq!(
            read(vec![text("[red]{style=\"color: red\"} and [1] and a]{.x}")]),
            [text("red and [1] and a]{.x}")]
        );
        // `[1]` pairs its own brackets: the `]{.x}` after it closes no span.
        assert_eq!(
            read(vec![text(
                "See [1] and [b]{.alert}, then [a [1] c]{.alert} x]{.x}"
            )]),
            [
                text("See [1] and "),
                strong("b"),
                text(", then "),
                strong("a [1] c"),
                text(" x]{.x}")
            ]
        );
        let nested = read(vec![text("[a [b]{.underline} c]{#id .alert}")]);
        let underlined_bold = InlineStyle {
            strong: true,
            underline: true,
            ..InlineStyle::default()
        };
        assert_eq!(
            nested,
            [
                strong("a "),
                Inline::Text {
                    text: "b".into(),
                    style: underlined_bold
                },
                strong(" c")
            ]
        );
        let small_caps = read(vec![text("[Ada]{.smallcaps}")]);
        assert_eq!(
            small_caps,
            [Inline::Text {
                text: "ADA".into(),
                style: InlineStyle {
                    size: TextSize::Small,
                    ..InlineStyle::default()
                }
            }]
        );
    }
}
