//! Text inside math: `\text{..}` and its kin, with math between `$`s.

use super::super::symbols::Class;
use super::super::Limits;
use super::lex::{Tok, Token};
use super::{Alphabet, Node, Parsed, Parser, Until, MAX_DEPTH};

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
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let range = self
                .stack
                .last()
                .map_or(self.end_range(), |t| t.range.clone());
            return Err(self.error(
                format!("the formula nests deeper than {MAX_DEPTH} groups"),
                range,
            ));
        }
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
