//! Text inside math: `\text{..}` and its kin, with math between `$`s.

use super::super::symbols::Class;
use super::super::Limits;
use super::super::MathError;
use super::lex::{token_text, Tok, Token};
use super::{Alphabet, Node, Parsed, Parser, Until};

impl Parser<'_> {
    /// `\text{..}` and its kin: text in `alphabet`, with `\textbf{..}`
    /// and the like inside, and math between `$`s.
    pub(super) fn text_argument(&mut self, after: &Token, alphabet: Alphabet) -> Parsed<Node> {
        self.skip_spaces();
        let Some(open) = self.next() else {
            return Err(self.missing_argument(after));
        };
        match open.kind {
            Tok::Open => Ok(Node::Group(self.text_group(alphabet)?)),
            Tok::Char(c) => Ok(text_node(c.to_string(), alphabet)),
            _ => Err(self.missing_argument(after)),
        }
    }

    /// Text up to the `}` that closes it (after its `{`).
    pub(super) fn text_group(&mut self, mut alphabet: Alphabet) -> Parsed<Vec<Node>> {
        self.enter_group()?;
        let mut parts = Vec::new();
        let mut text = String::new();
        let flush = |parts: &mut Vec<Node>, text: &mut String, alphabet: Alphabet| {
            if !text.is_empty() {
                parts.push(text_node(std::mem::take(text), alphabet));
            }
        };
        loop {
            let Some(token) = self.next() else {
                return Err(self.error("missing a `}` to close the text", self.end_range()));
            };
            match &token.kind {
                Tok::Close => break,
                Tok::Open => {
                    flush(&mut parts, &mut text, alphabet);
                    parts.extend(self.text_group(alphabet)?);
                }
                Tok::Space => text.push(' '),
                Tok::Char('$') => {
                    flush(&mut parts, &mut text, alphabet);
                    parts.push(Node::Group(self.inline_math(&token)?));
                }
                Tok::Char(c) => text.push(*c),
                Tok::Verb(verbatim) => {
                    flush(&mut parts, &mut text, alphabet);
                    parts.push(verb_node(verbatim.clone()));
                }
                Tok::Sup => text.push('^'),
                Tok::Sub => text.push('_'),
                Tok::Align => text.push('&'),
                Tok::Param(_) => {
                    return Err(self.error("a macro parameter outside a macro", token.range))
                }
                Tok::Command(name) => {
                    let name = name.clone();
                    match name.as_str() {
                        " " | "," | ";" | ":" | "quad" | "qquad" | "nobreakspace" => text.push(' '),
                        "{" | "}" | "$" | "%" | "&" | "#" | "_" => text.push_str(&name),
                        "textbackslash" => text.push('\\'),
                        "i" => text.push('ı'),
                        "j" => text.push('ȷ'),
                        _ if text_accent(&name).is_some() => {
                            let mark = text_accent(&name).unwrap_or('\u{301}');
                            let base = self.accent_base(&token)?;
                            text.push_str(&with_accent(&base, mark));
                        }
                        "underline" | "sout" => {
                            flush(&mut parts, &mut text, alphabet);
                            let body = vec![self.text_argument(&token, alphabet)?];
                            parts.push(match name.as_str() {
                                "sout" => Node::Strike(body),
                                _ => Node::Line { over: false, body },
                            });
                        }
                        "textdollar" => text.push('$'),
                        "textbf" | "textit" | "emph" | "textrm" | "textup" | "textnormal"
                        | "textsf" | "texttt" | "text" | "textmd" => {
                            flush(&mut parts, &mut text, alphabet);
                            let inner = text_alphabet(&name, alphabet);
                            parts.push(self.text_argument(&token, inner)?);
                        }
                        "bf" | "it" | "rm" | "sf" | "tt" | "bfseries" | "itshape" | "upshape"
                        | "rmfamily" | "sffamily" | "ttfamily" | "normalfont" => {
                            flush(&mut parts, &mut text, alphabet);
                            alphabet = text_alphabet(&name, alphabet);
                        }
                        "tiny" | "scriptsize" | "footnotesize" | "small" | "normalsize"
                        | "large" | "Large" | "LARGE" | "huge" | "Huge" => {
                            flush(&mut parts, &mut text, alphabet);
                            let factor = size_factor(&name);
                            let body = self.text_group(alphabet)?;
                            parts.push(Node::Size { factor, body });
                            self.depth -= 1;
                            return Ok(parts);
                        }
                        // Macros and symbols (`\LaTeX`, `\alpha`): as in math.
                        _ => {
                            flush(&mut parts, &mut text, alphabet);
                            if let Some(node) = self.command(&name, token, Alphabet::Roman)? {
                                parts.push(node);
                            }
                        }
                    }
                }
            }
        }
        flush(&mut parts, &mut text, alphabet);
        self.depth -= 1;
        Ok(parts)
    }

    /// Math inside text, up to the closing `$` (after the opening one).
    pub(super) fn inline_math(&mut self, open: &Token) -> Parsed<Vec<Node>> {
        let mut inner: Vec<Token> = Vec::new();
        loop {
            let Some(token) = self.next() else {
                return Err(self.error("missing a `$` to close the math", open.range.clone()));
            };
            if token.kind == Tok::Char('$') {
                break;
            }
            inner.push(token);
        }
        self.parse_tokens(inner)
    }

    /// Parses `tokens` as a group of their own.
    pub(super) fn parse_tokens(&mut self, tokens: Vec<Token>) -> Parsed<Vec<Node>> {
        self.stack.push(Token {
            kind: Tok::Close,
            range: self.end_range(),
        });
        self.stack.extend(tokens.into_iter().rev());
        let (list, _) = self.list(Until::Close)?;
        Ok(list)
    }

    /// The letters a text accent goes on: one character, `\i` or `\j`
    /// (dotless), or a group of them.
    fn accent_base(&mut self, after: &Token) -> Parsed<String> {
        let tokens = self.argument_tokens(after)?;
        let mut text = String::new();
        for token in tokens {
            match &token.kind {
                Tok::Char(c) => text.push(*c),
                Tok::Command(name) if name == "i" => text.push('ı'),
                Tok::Command(name) if name == "j" => text.push('ȷ'),
                Tok::Space => text.push(' '),
                _ => {
                    let name = token_text(&after.kind);
                    return Err(MathError {
                        message: format!(
                            "`{name}` accents letters, not `{}`",
                            token_text(&token.kind).trim_end()
                        ),
                        range: token.range,
                        command: Some(name),
                    });
                }
            }
        }
        Ok(text)
    }
}

/// `\tiny` .. `\Huge` as a share of the normal size (LaTeX's at 10 pt).
pub(super) fn size_factor(name: &str) -> f64 {
    match name {
        "tiny" => 0.5,
        "scriptsize" => 0.7,
        "footnotesize" => 0.8,
        "small" => 0.9,
        "large" => 1.2,
        "Large" => 1.44,
        "LARGE" => 1.728,
        "huge" => 2.074,
        "Huge" => 2.488,
        _ => 1.0,
    }
}

/// The alphabet a text command sets its text in, inside `current`.
pub(super) fn text_alphabet(name: &str, current: Alphabet) -> Alphabet {
    let bold = matches!(current, Alphabet::Bold | Alphabet::BoldItalic);
    let italic = matches!(current, Alphabet::Italic | Alphabet::BoldItalic);
    match name {
        "textbf" | "bf" | "bfseries" => {
            if italic {
                Alphabet::BoldItalic
            } else {
                Alphabet::Bold
            }
        }
        "textit" | "emph" | "it" | "itshape" => {
            if bold {
                Alphabet::BoldItalic
            } else {
                Alphabet::Italic
            }
        }
        "textsf" | "sf" | "sffamily" => Alphabet::SansSerif,
        "texttt" | "tt" | "ttfamily" => Alphabet::Monospace,
        "textmd" | "upshape" => Alphabet::Roman,
        "text" => current,
        _ => Alphabet::Roman,
    }
}

pub(super) fn text_node(text: String, alphabet: Alphabet) -> Node {
    // TeX's text ligatures: dashes and curly quotes.
    let text = text
        .replace("---", "—")
        .replace("--", "–")
        .replace("``", "“")
        .replace("''", "”")
        .replace('`', "‘")
        .replace('\'', "’");
    Node::Text {
        text,
        class: Class::Ord,
        limits: Limits::Never,
        alphabet,
    }
}

/// `\verb`'s text: monospace, as written (no ligatures).
pub(super) fn verb_node(text: String) -> Node {
    Node::Text {
        text,
        class: Class::Ord,
        limits: Limits::Never,
        alphabet: Alphabet::Monospace,
    }
}

/// The combining mark a text accent command (`\'`, `\"`, `\v` ..) puts on
/// the letter after it.
fn text_accent(name: &str) -> Option<char> {
    Some(match name {
        "'" => '\u{301}',
        "`" => '\u{300}',
        "^" => '\u{302}',
        "\"" => '\u{308}',
        "~" => '\u{303}',
        "=" => '\u{304}',
        "." => '\u{307}',
        "u" => '\u{306}',
        "v" => '\u{30C}',
        "H" => '\u{30B}',
        "r" => '\u{30A}',
        "c" => '\u{327}',
        "k" => '\u{328}',
        _ => return None,
    })
}

/// `text` with `mark` on its first character, composed into one character
/// where Unicode has it (`a` and an acute accent are `á`).
fn with_accent(text: &str, mark: char) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return mark.to_string();
    };
    let accented: String = [first, mark].into_iter().chain(chars).collect();
    accented.nfc().collect()
}
