//! LaTeX source to tokens: commands, characters, groups and scripts.

use std::ops::Range;

/// A token of the source: where it came from, in bytes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub(super) kind: Tok,
    pub(super) range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// `\name`, or `\` and one non-letter.
    Command(String),
    Char(char),
    Space,
    Open,
    Close,
    Sup,
    Sub,
    Align,
    /// `#1`..`#9` in a macro's body.
    Param(u8),
    /// `\verb|text|`: its text as written (`\verb*` shows spaces as `␣`).
    Verb(String),
}

/// The text of a `\verb` (after its name): an optional `*`, then any
/// character but a letter as the delimiter, up to its next occurrence.
/// `None` (nothing taken) when there is no closing delimiter.
fn verbatim(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<String> {
    let mut ahead = chars.clone();
    let star = ahead.next_if(|&(_, c)| c == '*').is_some();
    let (_, delimiter) = ahead.next().filter(|&(_, c)| !c.is_ascii_alphabetic())?;
    let mut text = String::new();
    loop {
        let (_, c) = ahead.next()?;
        if c == delimiter {
            break;
        }
        text.push(if star && c == ' ' { '␣' } else { c });
    }
    *chars = ahead;
    Some(text)
}

pub(super) fn tokenize(source: &str, offset: Option<Range<usize>>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = match c {
            '\\' => {
                let mut name = String::new();
                match chars.peek().copied() {
                    Some((_, letter)) if letter.is_ascii_alphabetic() => {
                        while let Some(&(_, letter)) = chars.peek() {
                            if !letter.is_ascii_alphabetic() {
                                break;
                            }
                            name.push(letter);
                            chars.next();
                        }
                        if name == "verb" {
                            if let Some(text) = verbatim(&mut chars) {
                                let end = chars.peek().map_or(source.len(), |&(i, _)| i);
                                let range = offset.clone().unwrap_or(start..end);
                                tokens.push(Token {
                                    kind: Tok::Verb(text),
                                    range,
                                });
                                continue;
                            }
                        }
                        // Spaces after a command word are part of it.
                        while chars.peek().is_some_and(|&(_, s)| s.is_whitespace()) {
                            chars.next();
                        }
                    }
                    Some((_, other)) => {
                        name.push(other);
                        chars.next();
                    }
                    None => {}
                }
                match name.as_str() {
                    "bgroup" => Tok::Open,
                    "egroup" => Tok::Close,
                    _ => Tok::Command(name),
                }
            }
            '{' => Tok::Open,
            '}' => Tok::Close,
            '^' => Tok::Sup,
            '_' => Tok::Sub,
            '&' => Tok::Align,
            '%' => {
                // A comment runs to the end of the line.
                while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                    chars.next();
                }
                continue;
            }
            '#' => match chars.peek().copied() {
                Some((_, d @ '1'..='9')) => {
                    chars.next();
                    Tok::Param(d as u8 - b'0')
                }
                _ => Tok::Char('#'),
            },
            '~' => Tok::Space,
            c if c.is_whitespace() => Tok::Space,
            c => Tok::Char(c),
        };
        let end = chars.peek().map_or(source.len(), |&(i, _)| i);
        let range = offset.clone().unwrap_or(start..end);
        tokens.push(Token { kind, range });
    }
    tokens
}

/// A token as the source spelled it (near enough, for raw arguments).
pub(super) fn token_text(kind: &Tok) -> String {
    match kind {
        Tok::Command(name) if name.chars().all(|c| c.is_ascii_alphabetic()) => format!("\\{name} "),
        Tok::Command(name) => format!("\\{name}"),
        Tok::Char(c) => c.to_string(),
        Tok::Space => " ".into(),
        Tok::Open => "{".into(),
        Tok::Close => "}".into(),
        Tok::Sup => "^".into(),
        Tok::Sub => "_".into(),
        Tok::Align => "&".into(),
        Tok::Param(n) => format!("#{n}"),
        Tok::Verb(text) => {
            let delimiter = ['|', '!', '+', '/', '"']
                .into_iter()
                .find(|&d| !text.contains(d))
                .unwrap_or('|');
            format!("\\verb{delimiter}{text}{delimiter}")
        }
    }
}
