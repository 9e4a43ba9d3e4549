//! LaTeX math source to a tree of math atoms, with macros expanded.
//!
//! A small recursive-descent parser over tokens. Every command it does not
//! know is an error naming the command: a formula is typeset whole or not
//! at all, never with pieces silently dropped.

mod alphabet;
mod args;
mod command;
mod enclose;
mod environment;
mod lex;
mod macros;
mod node;
mod text;

use std::ops::Range;

use super::symbols::{self, Class};
use super::{Limits, MathError};
use alphabet::{alphabet_of, restyle};
use command::with_limits;
use lex::{tokenize, Tok, Token};
use text::{size_factor, verb_node};

pub use macros::MacroTable;
pub use node::{Align, Alphabet, Array, CancelStrokes, Node, StyleSwitch};

/// Bounds on what one formula may ask, each an error when passed: they
/// keep a hostile or mistaken formula from taking unbounded time or memory.
pub const MAX_SOURCE: usize = 20_000;
pub const MAX_DEPTH: usize = 50;
/// Tokens macro expansion may produce in one formula.
pub const MAX_EXPANSION: usize = 50_000;

pub struct Parser<'m> {
    /// The tokens still to read, last first (macro expansions push onto it).
    stack: Vec<Token>,
    macros: &'m mut MacroTable,
    expanded: usize,
    depth: usize,
    source_len: usize,
    /// How many environments the parser is inside (`\hline` is allowed).
    in_array: usize,
}

type Parsed<T> = Result<T, MathError>;

/// Where a group or argument ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Until {
    Close,
    /// `\right`, for `\left`.
    Right,
    /// `\end{..}` or `&` or `\\`, in an environment.
    Cell,
    /// A line of the whole formula: `\\` or `\newline` or the end.
    Line,
    /// A line of `\substack`: `\\` or `}`.
    StackLine,
}

impl<'m> Parser<'m> {
    pub fn new(source: &str, macros: &'m mut MacroTable) -> Parser<'m> {
        let mut stack = tokenize(source, None);
        stack.reverse();
        Parser {
            stack,
            macros,
            expanded: 0,
            depth: 0,
            source_len: source.len(),
            in_array: 0,
        }
    }

    /// The whole formula; lines broken by `\\` stand centred one under
    /// another.
    pub fn parse(mut self) -> Parsed<Vec<Node>> {
        let mut lines = Vec::new();
        loop {
            let (line, ended) = self.list(Until::Line)?;
            // Tags go after the line, wherever they were written.
            let (tags, mut line): (Vec<Node>, Vec<Node>) =
                line.into_iter().partition(|n| matches!(n, Node::Tag(_)));
            line.extend(tags);
            lines.push(line);
            if ended.is_none() {
                break;
            }
        }
        if lines.len() == 1 {
            return Ok(lines.pop().unwrap_or_default());
        }
        let array = Array {
            rows: lines.into_iter().map(|line| vec![line]).collect(),
            columns: vec![Align::Center],
            pairs: false,
            column_gap: 1.0,
            display: false,
            vlines: Vec::new(),
            hlines: Vec::new(),
        };
        Ok(vec![Node::Array {
            array: Box::new(array),
            left: '\0',
            right: '\0',
        }])
    }

    fn error(&self, message: impl Into<String>, range: Range<usize>) -> MathError {
        MathError {
            message: message.into(),
            range,
            command: None,
        }
    }

    fn command_error(
        &self,
        message: impl Into<String>,
        name: &str,
        range: Range<usize>,
    ) -> MathError {
        MathError {
            message: message.into(),
            range,
            command: Some(format!("\\{name}")),
        }
    }

    fn end_range(&self) -> Range<usize> {
        self.source_len..self.source_len
    }

    fn next(&mut self) -> Option<Token> {
        self.stack.pop()
    }

    fn peek(&self) -> Option<&Tok> {
        self.stack.last().map(|t| &t.kind)
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(&Tok::Space) {
            self.stack.pop();
        }
    }

    /// One group deeper; refused past [`MAX_DEPTH`] groups, at the token
    /// that opened the group.
    fn enter_group(&mut self) -> Parsed<()> {
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
        Ok(())
    }

    /// Atoms up to `until`; returns them and the token that ended them.
    fn list(&mut self, until: Until) -> Parsed<(Vec<Node>, Option<Token>)> {
        self.enter_group()?;
        let mut list: Vec<Node> = Vec::new();
        let ended = loop {
            let Some(token) = self.next() else {
                if until == Until::Line {
                    break None;
                }
                let missing = match until {
                    Until::Right => "a `\\right` to close `\\left`",
                    Until::Cell => "an `\\end` to close the environment",
                    _ => "a `}` to close the group",
                };
                return Err(self.error(format!("missing {missing}"), self.end_range()));
            };
            match &token.kind {
                Tok::Space => {}
                Tok::Close => {
                    if matches!(until, Until::Close | Until::StackLine) {
                        break Some(token);
                    }
                    return Err(self.error("unmatched `}`", token.range));
                }
                Tok::Align => {
                    if until == Until::Cell {
                        break Some(token);
                    }
                    return Err(self.error("`&` outside an environment", token.range));
                }
                Tok::Sup | Tok::Sub => {
                    let base = list.pop().unwrap_or(Node::Group(Vec::new()));
                    let base = self.scripts(base, token)?;
                    list.push(base);
                }
                Tok::Char('\'') => {
                    let base = list.pop().unwrap_or(Node::Group(Vec::new()));
                    self.stack.push(token);
                    let base = self.scripts(
                        base,
                        Token {
                            kind: Tok::Sup,
                            range: 0..0,
                        },
                    )?;
                    list.push(base);
                }
                Tok::Command(name) => {
                    let name = name.clone();
                    if let Some(ended) = self.list_command(&name, token, until, &mut list)? {
                        break ended;
                    }
                }
                _ => {
                    if let Some(node) = self.atom(token, Alphabet::Normal)? {
                        list.push(node);
                    }
                }
            }
        };
        self.depth -= 1;
        Ok((list, ended))
    }

    /// A command in a list: `Some` with the token that ends the list when
    /// the command ends it or takes the rest of it (`\\`, `\over`,
    /// `\color`, `\displaystyle`), `None` when the list goes on.
    fn list_command(
        &mut self,
        name: &str,
        token: Token,
        until: Until,
        list: &mut Vec<Node>,
    ) -> Parsed<Option<Option<Token>>> {
        match name {
            "right" if until == Until::Right => return Ok(Some(Some(token))),
            "end" | "\\" | "cr" | "newline" if until == Until::Cell => {
                return Ok(Some(Some(token)))
            }
            "\\" | "cr" | "newline" if until == Until::Line => return Ok(Some(Some(token))),
            "\\" | "cr" if until == Until::StackLine => return Ok(Some(Some(token))),
            "tiny" | "scriptsize" | "footnotesize" | "small" | "normalsize" | "large" | "Large"
            | "LARGE" | "huge" | "Huge" => {
                let factor = size_factor(name);
                let (body, ended) = self.list(until)?;
                list.push(Node::Size { factor, body });
                return Ok(Some(ended));
            }
            "displaystyle" | "textstyle" | "scriptstyle" | "scriptscriptstyle" => {
                let style = match name {
                    "displaystyle" => StyleSwitch::Display,
                    "textstyle" => StyleSwitch::Text,
                    "scriptstyle" => StyleSwitch::Script,
                    _ => StyleSwitch::ScriptScript,
                };
                // The rest of the group, in that style.
                let (body, ended) = self.list(until)?;
                list.push(Node::Style { style, body });
                return Ok(Some(ended));
            }
            // `a \over b`: all before over all after, in the group.
            "over" | "atop" | "choose" | "brace" | "brack" | "above" => {
                return Ok(Some(self.infix_fraction(name, until, list)?));
            }
            "color" => {
                let color = self.color_argument(&token)?;
                let (body, ended) = self.list(until)?;
                list.push(Node::Color { color, body });
                return Ok(Some(ended));
            }
            "limits" | "nolimits" | "displaylimits" => self.limits_on_last(name, token, list)?,
            // The old font switches: the rest of the group in their alphabet.
            "rm" | "it" | "bf" | "sf" | "tt" | "cal" => {
                let alphabet = alphabet_of(name).unwrap_or_default();
                let (body, ended) = self.list(until)?;
                list.extend(body.into_iter().map(|node| restyle(node, alphabet)));
                return Ok(Some(ended));
            }
            _ => {
                if let Some(node) = self.command(name, token, Alphabet::Normal)? {
                    list.push(node);
                }
            }
        }
        Ok(None)
    }

    /// `a \over b` and its kin: all of `list` so far over the rest of the
    /// group (up to `until`), with a bar or not, between delimiters or not;
    /// the token that ends the group.
    fn infix_fraction(
        &mut self,
        name: &str,
        until: Until,
        list: &mut Vec<Node>,
    ) -> Parsed<Option<Token>> {
        let num = std::mem::take(list);
        // `\above` takes the bar's thickness.
        let bar = match name {
            "above" => {
                let (text, range) = self.length_text();
                self.length(&text, name, range)? > 0.0
            }
            other => other == "over",
        };
        let (den, ended) = self.list(until)?;
        let delims = match name {
            "choose" => Some(('(', ')')),
            "brace" => Some(('{', '}')),
            "brack" => Some(('[', ']')),
            _ => None,
        };
        list.push(Node::Frac {
            num,
            den,
            style: None,
            bar,
            delims,
        });
        Ok(ended)
    }

    /// `\limits`, `\nolimits`, `\displaylimits`: where the limits of the
    /// operator last in `list` go; refused after anything but an operator.
    fn limits_on_last(&mut self, name: &str, token: Token, list: &mut Vec<Node>) -> Parsed<()> {
        let limits = match name {
            "limits" => Limits::Always,
            "nolimits" => Limits::Never,
            _ => Limits::Display,
        };
        match list.pop() {
            Some(
                op @ (Node::Text { .. }
                | Node::Classed {
                    class: Class::Op, ..
                }
                | Node::Char {
                    class: Class::Op, ..
                }
                | Node::Limits { .. }),
            ) => {
                list.push(with_limits(op, limits));
                Ok(())
            }
            _ => Err(self.command_error(
                format!("`\\{name}` must follow an operator"),
                name,
                token.range,
            )),
        }
    }

    /// A base's sub- and superscripts, `token` being the first `^` or `_`.
    fn scripts(&mut self, base: Node, token: Token) -> Parsed<Node> {
        let (base, mut sub, mut sup) = match base {
            Node::Scripts { base, sub, sup } if sub.is_none() || sup.is_none() => (*base, sub, sup),
            other => (other, None, None),
        };
        let mut token = Some(token);
        while let Some(t) = token.take() {
            match t.kind {
                Tok::Sup => {
                    if sup.is_some() {
                        return Err(self.error("double superscript", t.range));
                    }
                    // Primes: `f'` is `f^{\prime}`, `f'^2` is `f^{\prime 2}`.
                    let mut primes = Vec::new();
                    while self.peek() == Some(&Tok::Char('\'')) {
                        self.next();
                        primes.push(Node::Char {
                            c: '′',
                            class: Class::Ord,
                            alphabet: Alphabet::Roman,
                        });
                    }
                    if primes.is_empty() {
                        sup = Some(self.argument(&t)?);
                    } else {
                        self.skip_spaces();
                        if self.peek() == Some(&Tok::Sup) {
                            let again = self.next().expect("peeked");
                            primes.extend(self.argument(&again)?);
                        }
                        sup = Some(primes);
                    }
                }
                Tok::Sub => {
                    if sub.is_some() {
                        return Err(self.error("double subscript", t.range));
                    }
                    sub = Some(self.argument(&t)?);
                }
                _ => unreachable!("scripts start with ^ or _"),
            }
            self.skip_spaces();
            if matches!(self.peek(), Some(Tok::Sup | Tok::Sub | Tok::Char('\''))) {
                let next = self.next().expect("peeked");
                if next.kind == Tok::Char('\'') {
                    self.stack.push(next);
                    token = Some(Token {
                        kind: Tok::Sup,
                        range: 0..0,
                    });
                } else {
                    token = Some(next);
                }
            }
        }
        Ok(Node::Scripts {
            base: Box::new(base),
            sub,
            sup,
        })
    }

    fn atom(&mut self, token: Token, alphabet: Alphabet) -> Parsed<Option<Node>> {
        match token.kind {
            Tok::Char(c) => {
                let c = match c {
                    '-' => '−',
                    '*' => '∗',
                    c => c,
                };
                Ok(Some(Node::Char {
                    c,
                    class: symbols::char_class(c),
                    alphabet,
                }))
            }
            Tok::Open => {
                let (list, _) = self.list(Until::Close)?;
                Ok(Some(Node::Group(
                    list.into_iter().map(|n| restyle(n, alphabet)).collect(),
                )))
            }
            Tok::Param(_) => Err(self.error("a macro parameter outside a macro", token.range)),
            Tok::Verb(text) => Ok(Some(verb_node(text))),
            Tok::Space => Ok(None),
            _ => Err(self.error("unexpected token", token.range)),
        }
    }
}
