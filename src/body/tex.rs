//! Raw LaTeX in a body, as Pandoc decks written for Beamer have it:
//! `\textbf{...}`, `\emph{...}`, `\alert{...}`, `\texttt{...}`, `\url{...}`
//! and `\href{...}{...}` become styles and links, `\includegraphics{...}`
//! a picture, `\textcolor{...}{...}` and `\textrm{...}` keep their words,
//! `\LaTeX` is its name; any other command is dropped with its arguments and named,
//! never printed. Math between `$` signs is left as it is.

/// A style a command gives its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TexStyle {
    /// `\textbf`, `\alert` (Beamer's alert colour; deckgen's bold)
    Strong,
    /// `\emph`, `\textit`
    Emphasis,
    /// `\texttt`
    Code,
}

/// A piece of text with raw LaTeX read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TexPiece {
    /// Text, with the styles the commands around it give (outermost first).
    Text(String, Vec<TexStyle>),
    /// `\url{u}` (text and target the same) or `\href{u}{text}`.
    Link {
        text: String,
        url: String,
        styles: Vec<TexStyle>,
    },
    /// `\includegraphics[...]{file}`: the file.
    Picture(String),
    /// A command deckgen has no counterpart for, dropped: its name.
    Dropped(String),
}

/// Whether `text` holds a command (`\` and a letter) outside math.
pub(crate) fn has_command(text: &str) -> bool {
    let mut in_math = false;
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        if b == b'$' {
            in_math = !in_math;
        }
        !in_math && b == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    })
}

/// `text` read into pieces.
pub(crate) fn read(text: &str) -> Vec<TexPiece> {
    let mut pieces = Vec::new();
    read_into(text, &[], &mut pieces, true);
    pieces
}

/// Reads `text`, set in `styles`, into `pieces`; when not `shown` (inside a
/// dropped command's arguments) only pictures are kept.
fn read_into(text: &str, styles: &[TexStyle], pieces: &mut Vec<TexPiece>, shown: bool) {
    let mut plain = String::new();
    let mut rest = text;
    let flush = |plain: &mut String, pieces: &mut Vec<TexPiece>| {
        if shown && !plain.is_empty() {
            pieces.push(TexPiece::Text(std::mem::take(plain), styles.to_vec()));
        }
        plain.clear();
    };
    while let Some(c) = rest.chars().next() {
        if c == '$' {
            // Math: left whole, for the math reader.
            let end = rest[1..].find('$').map_or(rest.len(), |end| end + 2);
            plain.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let Some(after) = rest.strip_prefix('\\') else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let name_end = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        if name_end == 0 {
            // `\{`, `\%` and the like are the character itself; a lone
            // backslash stays.
            match after.chars().next() {
                Some(escaped @ ('{' | '}' | '%' | '&' | '#' | '_')) => {
                    plain.push(escaped);
                    rest = &after[1..];
                }
                _ => {
                    plain.push('\\');
                    rest = after;
                }
            }
            continue;
        }
        let name = &after[..name_end];
        let (arguments, left) = arguments(&after[name_end..]);
        flush(&mut plain, pieces);
        rest = left;
        let styled = |style: TexStyle| {
            let mut inner = styles.to_vec();
            inner.push(style);
            inner
        };
        let first = arguments.first().copied().unwrap_or("");
        match name {
            "textbf" | "alert" => read_into(first, &styled(TexStyle::Strong), pieces, shown),
            "emph" | "textit" | "textsl" => {
                read_into(first, &styled(TexStyle::Emphasis), pieces, shown)
            }
            "texttt" => read_into(first, &styled(TexStyle::Code), pieces, shown),
            "url" if shown => pieces.push(TexPiece::Link {
                text: first.to_string(),
                url: first.to_string(),
                styles: styled(TexStyle::Code),
            }),
            "href" if shown => {
                let text = arguments.get(1).copied().unwrap_or(first);
                pieces.push(TexPiece::Link {
                    text: text.to_string(),
                    url: first.to_string(),
                    styles: styles.to_vec(),
                });
            }
            "includegraphics" => pieces.push(TexPiece::Picture(first.trim().to_string())),
            // Colour and plain-face commands keep their words as they are.
            "textcolor" | "colorbox" => {
                let words = arguments.get(1).copied().unwrap_or("");
                read_into(words, styles, pieces, shown);
            }
            "textrm" | "textsf" | "textup" | "textnormal" | "mbox" => {
                read_into(first, styles, pieces, shown)
            }
            "LaTeX" | "TeX" if shown => {
                pieces.push(TexPiece::Text(name.to_string(), styles.to_vec()))
            }
            // TeX's spacing primitives take a bare length, not a `{}` one.
            "vskip" | "hskip" | "kern" if arguments.is_empty() => {
                pieces.push(TexPiece::Dropped(name.to_string()));
                rest = after_length(rest);
            }
            _ => {
                pieces.push(TexPiece::Dropped(name.to_string()));
                for argument in arguments {
                    read_into(argument, styles, pieces, false);
                }
            }
        }
    }
    flush(&mut plain, pieces);
}

/// What follows the length at the start of `text` (` 0.2cm`, `-3pt`):
/// spaces, a signed number and a unit of two letters; `text` itself when
/// no number starts it.
fn after_length(text: &str) -> &str {
    let trimmed = text.trim_start_matches([' ', '\t']);
    let unsigned = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    let digits = unsigned
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(unsigned.len());
    if digits == 0 {
        return text;
    }
    let unit = unsigned[digits..].trim_start_matches(' ');
    let letters = unit
        .char_indices()
        .take(2)
        .take_while(|(_, c)| c.is_ascii_alphabetic())
        .count();
    &unit[letters..]
}

/// The `{arguments}` that follow a command's name (its `[options]`
/// skipped), and what follows them. Spaces between them are skipped; an
/// unclosed one runs to the end.
fn arguments(text: &str) -> (Vec<&str>, &str) {
    let mut arguments = Vec::new();
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let (open, close) = match trimmed.chars().next() {
            Some('{') => ('{', '}'),
            Some('[') if arguments.is_empty() => ('[', ']'),
            _ => return (arguments, rest),
        };
        let mut depth = 0usize;
        let mut end = trimmed.len();
        for (i, c) in trimmed.char_indices() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    end = i;
                    break;
                }
            }
        }
        let inner = &trimmed[1..end.max(1)];
        if open == '{' {
            arguments.push(inner);
        }
        rest = trimmed.get(end + 1..).unwrap_or("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str, styles: &[TexStyle]) -> TexPiece {
        TexPiece::Text(text.to_string(), styles.to_vec())
    }

    #[test]
    fn style_commands_become_styles() {
        assert_eq!(
            read(r"a \textbf{bold \emph{both}} and \alert{loud} \texttt{x}"),
            [
                text("a ", &[]),
                text("bold ", &[TexStyle::Strong]),
                text("both", &[TexStyle::Strong, TexStyle::Emphasis]),
                text(" and ", &[]),
                text("loud", &[TexStyle::Strong]),
                text(" ", &[]),
                text("x", &[TexStyle::Code]),
            ]
        );
    }

    #[test]
    fn links_pictures_and_other_commands() {
        assert_eq!(
            read(r"\href{https://a.org}{A} \url{https://b.org}"),
            [
                TexPiece::Link {
                    text: "A".into(),
                    url: "https://a.org".into(),
                    styles: vec![]
                },
                text(" ", &[]),
                TexPiece::Link {
                    text: "https://b.org".into(),
                    url: "https://b.org".into(),
                    styles: vec![TexStyle::Code]
                },
            ]
        );
        assert_eq!(
            read(r"\centerline{\includegraphics[width=3in]{img/m.pdf}}"),
            [
                TexPiece::Dropped("centerline".into()),
                TexPiece::Picture("img/m.pdf".into()),
            ]
        );
        assert_eq!(
            read(r"\framesubtitle{Look} then \pause done"),
            [
                TexPiece::Dropped("framesubtitle".into()),
                text(" then ", &[]),
                TexPiece::Dropped("pause".into()),
                text(" done", &[]),
            ]
        );
        // A skip's bare length goes with it.
        assert_eq!(
            read(r"\vskip 0.2cm after \hskip-3pt \kern x"),
            [
                TexPiece::Dropped("vskip".into()),
                text(" after ", &[]),
                TexPiece::Dropped("hskip".into()),
                text(" ", &[]),
                TexPiece::Dropped("kern".into()),
                text(" x", &[]),
            ]
        );
    }

    #[test]
    fn math_and_escapes_are_left_alone() {
        assert_eq!(
            read(r"$\alpha$ costs 5\% \\"),
            [text(r"$\alpha$ costs 5% \\", &[])]
        );
        assert!(!has_command(r"$\alpha + \beta$ and 5\%"));
        assert!(has_command(r"see \textbf{this}"));
    }
}
