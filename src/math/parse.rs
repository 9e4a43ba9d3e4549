//! LaTeX math source to a tree of math atoms, with macros expanded.
//!
//! A small recursive-descent parser over tokens. Every command it does not
//! know is an error naming the command: a formula is typeset whole or not
//! at all, never with pieces silently dropped.

use std::collections::HashMap;
use std::ops::Range;

use super::symbols::{self, Class};
use super::{Limits, MathError};
use crate::color::Color;

/// A token of the source: where it came from, in bytes.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    kind: Tok,
    range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
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
}

/// Which letters a stretch of math is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Alphabet {
    /// Letters italic, digits and Greek capitals upright.
    #[default]
    Normal,
    Roman,
    Italic,
    Bold,
    BoldItalic,
    DoubleStruck,
    Script,
    Fraktur,
    SansSerif,
    SansSerifItalic,
    SansSerifBold,
    Monospace,
}

/// A style change inside a formula (`\displaystyle` ..).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleSwitch {
    Display,
    Text,
    Script,
    ScriptScript,
}

/// How a column of an array aligns its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A matrix-like environment's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Array {
    pub rows: Vec<Vec<Vec<Node>>>,
    /// Each column's alignment; columns past the list repeat its pattern
    /// (`aligned`: right, left, right, ..) or centre.
    pub columns: Vec<Align>,
    /// Alternate right/left columns with no gap inside a pair (`aligned`).
    pub pairs: bool,
    /// Space between columns, in em.
    pub column_gap: f64,
    /// Cells in display style (`aligned`, `gathered`) rather than text.
    pub display: bool,
    /// Vertical rules before each column (index) or after the last.
    pub vlines: Vec<usize>,
}

/// One atom of a formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One character (a letter, digit, operator or symbol).
    Char {
        c: char,
        class: Class,
        alphabet: Alphabet,
    },
    /// Upright text: `\text`, or the name of a function (`\sin`,
    /// `\operatorname`).
    Text {
        text: String,
        class: Class,
        limits: Limits,
        bold: bool,
    },
    /// A braced group: one ordinary atom.
    Group(Vec<Node>),
    /// An atom of a chosen class (`\mathrel{..}`, `\mathop`).
    Classed {
        class: Class,
        body: Vec<Node>,
    },
    Scripts {
        base: Box<Node>,
        sub: Option<Vec<Node>>,
        sup: Option<Vec<Node>>,
    },
    Frac {
        num: Vec<Node>,
        den: Vec<Node>,
        /// `\dfrac` forces display style, `\tfrac` text style.
        style: Option<StyleSwitch>,
        bar: bool,
        /// Delimiters around it (`\binom`).
        delims: Option<(char, char)>,
    },
    Sqrt {
        index: Option<Vec<Node>>,
        body: Vec<Node>,
    },
    /// `\left .. \middle .. \right`: `'\0'` for a `.`.
    Delimited {
        left: char,
        right: char,
        body: Vec<Node>,
    },
    /// `\middle`: a delimiter as tall as its `\left`..`\right` group.
    Middle(char),
    /// `\big(` and its kin: a delimiter of a fixed size (1 to 4).
    BigDelim {
        c: char,
        size: u8,
        class: Class,
    },
    Accent {
        c: char,
        stretchy: bool,
        body: Vec<Node>,
    },
    /// `\overline` (true) or `\underline`.
    Line {
        over: bool,
        body: Vec<Node>,
    },
    /// `\overbrace` (true) or `\underbrace`: takes its script as a label.
    Brace {
        over: bool,
        body: Vec<Node>,
    },
    /// `\overset`, `\underset`, `\stackrel`.
    Stack {
        base: Vec<Node>,
        over: Option<Vec<Node>>,
        under: Option<Vec<Node>>,
    },
    /// Horizontal space, in mu (1/18 em of the current size).
    Space(f64),
    Style {
        style: StyleSwitch,
        body: Vec<Node>,
    },
    Color {
        color: Color,
        body: Vec<Node>,
    },
    Array {
        array: Box<Array>,
        left: char,
        right: char,
    },
    /// `\not`: a slash through the next atom.
    Not(Box<Node>),
    /// `\phantom`: space as large as its body, drawn empty.
    Phantom(Vec<Node>),
    /// `\boxed`: a frame around its body.
    Boxed(Vec<Node>),
    /// A big operator whose limits `\limits` or `\nolimits` placed.
    Limits {
        op: Box<Node>,
        limits: Limits,
    },
}

/// Bounds on what one formula may ask, each an error when passed: they
/// keep a hostile or mistaken formula from taking unbounded time or memory.
pub const MAX_SOURCE: usize = 20_000;
pub const MAX_DEPTH: usize = 50;
/// Tokens macro expansion may produce in one formula.
pub const MAX_EXPANSION: usize = 50_000;

/// Macros: each name (with its `\`) maps to its number of parameters and
/// its body. Theme macros come in through [`super::Macros`]; `\newcommand`
/// in a formula adds to them for the rest of that formula.
#[derive(Debug, Clone, Default)]
pub struct MacroTable {
    defs: HashMap<String, (u8, String)>,
}

impl MacroTable {
    pub fn define(&mut self, name: &str, params: u8, body: &str) {
        self.defs
            .insert(name.to_string(), (params, body.to_string()));
    }

    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }
}

fn tokenize(source: &str, offset: Option<Range<usize>>) -> Vec<Token> {
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
                Tok::Command(name)
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

pub struct Parser<'m> {
    /// The tokens still to read, last first (macro expansions push onto it).
    stack: Vec<Token>,
    macros: &'m mut MacroTable,
    expanded: usize,
    depth: usize,
    source_len: usize,
}

type Parsed<T> = Result<T, MathError>;

/// Where a group or argument ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Until {
    End,
    Close,
    /// `\right`, for `\left`.
    Right,
    /// `\end{..}` or `&` or `\\`, in an environment.
    Cell,
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
        }
    }

    /// The whole formula.
    pub fn parse(mut self) -> Parsed<Vec<Node>> {
        let (list, _) = self.list(Until::End)?;
        Ok(list)
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

    /// Atoms up to `until`; returns them and the token that ended them.
    fn list(&mut self, until: Until) -> Parsed<(Vec<Node>, Option<Token>)> {
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
        let mut list: Vec<Node> = Vec::new();
        let ended = loop {
            let Some(token) = self.next() else {
                if until == Until::End {
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
                    if until == Until::Close {
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
                    match name.as_str() {
                        "right" if until == Until::Right => break Some(token),
                        "end" | "\\" | "cr" if until == Until::Cell => break Some(token),
                        "displaystyle" | "textstyle" | "scriptstyle" | "scriptscriptstyle" => {
                            let style = match name.as_str() {
                                "displaystyle" => StyleSwitch::Display,
                                "textstyle" => StyleSwitch::Text,
                                "scriptstyle" => StyleSwitch::Script,
                                _ => StyleSwitch::ScriptScript,
                            };
                            // The rest of the group, in that style.
                            let (body, ended) = self.list(until)?;
                            list.push(Node::Style { style, body });
                            break ended;
                        }
                        "color" => {
                            let color = self.color_argument(&token)?;
                            let (body, ended) = self.list(until)?;
                            list.push(Node::Color { color, body });
                            break ended;
                        }
                        "limits" | "nolimits" | "displaylimits" => {
                            let limits = match name.as_str() {
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
                                ) => list.push(with_limits(op, limits)),
                                _ => {
                                    return Err(self.command_error(
                                        format!("`\\{name}` must follow an operator"),
                                        &name,
                                        token.range,
                                    ))
                                }
                            }
                        }
                        _ => {
                            if let Some(node) = self.command(&name, token, Alphabet::Normal)? {
                                list.push(node);
                            }
                        }
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

    /// One argument: a braced group or a single token.
    fn argument(&mut self, after: &Token) -> Parsed<Vec<Node>> {
        self.argument_in(after, Alphabet::Normal)
    }

    fn argument_in(&mut self, after: &Token, alphabet: Alphabet) -> Parsed<Vec<Node>> {
        self.skip_spaces();
        let Some(token) = self.next() else {
            return Err(self.missing_argument(after));
        };
        match &token.kind {
            Tok::Open => {
                if alphabet == Alphabet::Normal {
                    let (list, _) = self.list(Until::Close)?;
                    Ok(list)
                } else {
                    self.list_in(alphabet)
                }
            }
            Tok::Command(name) => {
                let name = name.clone();
                Ok(self.command(&name, token, alphabet)?.into_iter().collect())
            }
            Tok::Close | Tok::Sup | Tok::Sub | Tok::Align | Tok::Space => {
                Err(self.missing_argument(after))
            }
            _ => Ok(self.atom(token, alphabet)?.into_iter().collect()),
        }
    }

    fn missing_argument(&self, after: &Token) -> MathError {
        match &after.kind {
            Tok::Command(name) => self.command_error(
                format!("`\\{name}` is missing an argument"),
                name,
                after.range.clone(),
            ),
            Tok::Sup => self.error("`^` is missing its superscript", after.range.clone()),
            Tok::Sub => self.error("`_` is missing its subscript", after.range.clone()),
            _ => self.error("missing an argument", after.range.clone()),
        }
    }

    /// A braced group whose letters are set in `alphabet` (after its `{`).
    fn list_in(&mut self, alphabet: Alphabet) -> Parsed<Vec<Node>> {
        let (list, _) = self.list(Until::Close)?;
        Ok(list
            .into_iter()
            .map(|node| restyle(node, alphabet))
            .collect())
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
            Tok::Space => Ok(None),
            _ => Err(self.error("unexpected token", token.range)),
        }
    }

    /// Raw text up to the matching `}` (after `{`), or one token.
    fn raw_argument(&mut self, after: &Token) -> Parsed<(String, Range<usize>)> {
        self.skip_spaces();
        let Some(open) = self.next() else {
            return Err(self.missing_argument(after));
        };
        if open.kind != Tok::Open {
            return Ok((token_text(&open.kind), open.range));
        }
        let mut text = String::new();
        let mut level = 0usize;
        let start = open.range.start;
        loop {
            let Some(token) = self.next() else {
                return Err(self.error("missing a `}` to close the group", self.end_range()));
            };
            match token.kind {
                Tok::Open => level += 1,
                Tok::Close if level == 0 => return Ok((text, start..token.range.end)),
                Tok::Close => level -= 1,
                _ => {}
            }
            text.push_str(&token_text(&token.kind));
        }
    }

    fn color_argument(&mut self, after: &Token) -> Parsed<Color> {
        let (name, range) = self.raw_argument(after)?;
        parse_color(name.trim())
            .ok_or_else(|| self.error(format!("unknown colour `{}`", name.trim()), range))
    }

    /// `\text{..}`: upright text, with `$..$` inside it not supported.
    fn text_argument(&mut self, after: &Token, bold: bool) -> Parsed<Node> {
        self.skip_spaces();
        let Some(open) = self.next() else {
            return Err(self.missing_argument(after));
        };
        let mut text = String::new();
        if open.kind != Tok::Open {
            text.push_str(&token_text(&open.kind));
        } else {
            let mut level = 0usize;
            loop {
                let Some(token) = self.next() else {
                    return Err(self.error("missing a `}` to close the text", self.end_range()));
                };
                match &token.kind {
                    Tok::Open => level += 1,
                    Tok::Close if level == 0 => break,
                    Tok::Close => level -= 1,
                    Tok::Space => text.push(' '),
                    Tok::Char('$') => {
                        return Err(self.error("math inside `\\text` is not supported", token.range))
                    }
                    Tok::Command(name) => match name.as_str() {
                        " " | "," | ";" | ":" | "quad" | "qquad" => text.push(' '),
                        "{" | "}" | "$" | "%" | "&" | "#" | "_" => text.push_str(name),
                        "textbackslash" => text.push('\\'),
                        _ => {
                            return Err(self.command_error(
                                format!("`\\{name}` is not supported inside `\\text`"),
                                name,
                                token.range,
                            ))
                        }
                    },
                    Tok::Char(c) => text.push(*c),
                    Tok::Sup => text.push('^'),
                    Tok::Sub => text.push('_'),
                    Tok::Align => text.push('&'),
                    Tok::Param(_) => {
                        return Err(self.error("a macro parameter outside a macro", token.range))
                    }
                }
            }
        }
        Ok(Node::Text {
            text,
            class: Class::Ord,
            limits: Limits::Never,
            bold,
        })
    }

    /// Expands a macro call: its arguments replace `#1`.. in its body.
    fn expand(&mut self, token: &Token, params: u8, body: &str) -> Parsed<()> {
        let mut args: Vec<Vec<Token>> = Vec::new();
        for _ in 0..params {
            self.skip_spaces();
            let Some(first) = self.next() else {
                return Err(self.missing_argument(token));
            };
            if first.kind != Tok::Open {
                args.push(vec![first]);
                continue;
            }
            let mut level = 0usize;
            let mut arg = Vec::new();
            loop {
                let Some(t) = self.next() else {
                    return Err(self.error("missing a `}` to close the group", self.end_range()));
                };
                match t.kind {
                    Tok::Open => level += 1,
                    Tok::Close if level == 0 => break,
                    Tok::Close => level -= 1,
                    _ => {}
                }
                arg.push(t);
            }
            args.push(arg);
        }
        let mut expansion = Vec::new();
        for t in tokenize(body, Some(token.range.clone())) {
            match t.kind {
                Tok::Param(n) => match args.get(usize::from(n) - 1) {
                    Some(arg) => expansion.extend(arg.iter().cloned()),
                    None => {
                        return Err(self.error(
                            format!("a macro's body uses #{n} but it takes {params} parameters"),
                            token.range.clone(),
                        ))
                    }
                },
                _ => expansion.push(t),
            }
        }
        self.expanded += expansion.len();
        if self.expanded > MAX_EXPANSION {
            return Err(self.error(
                format!("macros expand to more than {MAX_EXPANSION} tokens"),
                token.range.clone(),
            ));
        }
        self.stack.extend(expansion.into_iter().rev());
        Ok(())
    }

    /// `\newcommand{\name}[n]{body}` (also `\renewcommand`, `\def\name#1{..}`).
    fn define(&mut self, token: &Token, name: &str) -> Parsed<()> {
        self.skip_spaces();
        let target = match self.next() {
            Some(Token {
                kind: Tok::Command(target),
                ..
            }) => target,
            Some(Token {
                kind: Tok::Open, ..
            }) => {
                self.skip_spaces();
                let target = match self.next() {
                    Some(Token {
                        kind: Tok::Command(target),
                        ..
                    }) => target,
                    _ => return Err(self.missing_argument(token)),
                };
                self.skip_spaces();
                match self.next() {
                    Some(Token {
                        kind: Tok::Close, ..
                    }) => target,
                    _ => return Err(self.missing_argument(token)),
                }
            }
            _ => return Err(self.missing_argument(token)),
        };
        let mut params = 0u8;
        self.skip_spaces();
        if name == "def" {
            while let Some(Tok::Param(n)) = self.peek() {
                params = *n;
                self.next();
            }
        } else if self.peek() == Some(&Tok::Char('[')) {
            self.next();
            let (count, range) = self.bracket_text()?;
            params = count
                .trim()
                .parse()
                .ok()
                .filter(|n| (0..=9).contains(n))
                .ok_or_else(|| self.error("a macro takes 0 to 9 parameters", range))?;
        }
        let (body, _) = self.raw_argument(token)?;
        self.macros.define(&target, params, &body);
        Ok(())
    }

    /// The text up to `]` (after `[`).
    fn bracket_text(&mut self) -> Parsed<(String, Range<usize>)> {
        let mut text = String::new();
        let mut range: Option<Range<usize>> = None;
        loop {
            let Some(token) = self.next() else {
                return Err(self.error("missing a `]`", self.end_range()));
            };
            let start = range.as_ref().map_or(token.range.start, |r| r.start);
            range = Some(start..token.range.end);
            if token.kind == Tok::Char(']') {
                return Ok((text, range.unwrap_or_default()));
            }
            text.push_str(&token_text(&token.kind));
        }
    }

    /// An optional `[..]` argument parsed as math.
    fn optional_math(&mut self) -> Parsed<Option<Vec<Node>>> {
        self.skip_spaces();
        if self.peek() != Some(&Tok::Char('[')) {
            return Ok(None);
        }
        self.next();
        let mut inner: Vec<Token> = Vec::new();
        let mut level = 0usize;
        loop {
            let Some(token) = self.next() else {
                return Err(self.error("missing a `]`", self.end_range()));
            };
            match token.kind {
                Tok::Open => level += 1,
                Tok::Close => level = level.saturating_sub(1),
                Tok::Char(']') if level == 0 => break,
                _ => {}
            }
            inner.push(token);
        }
        // Parse the bracketed tokens as a group of their own.
        let close = Token {
            kind: Tok::Close,
            range: 0..0,
        };
        self.stack.push(close);
        self.stack.extend(inner.into_iter().rev());
        let (list, _) = self.list(Until::Close)?;
        Ok(Some(list))
    }

    /// A delimiter after `\left`, `\big` ..
    fn delimiter(&mut self, after: &Token) -> Parsed<char> {
        self.skip_spaces();
        let Some(token) = self.next() else {
            return Err(self.missing_argument(after));
        };
        let text = match &token.kind {
            Tok::Command(name) => format!("\\{name}"),
            Tok::Char(c) => c.to_string(),
            _ => String::new(),
        };
        symbols::delimiter(&text).ok_or_else(|| {
            let name = token_text(&after.kind);
            MathError {
                message: format!("`{text}` is not a delimiter after `{name}`"),
                range: token.range.clone(),
                command: Some(name),
            }
        })
    }

    /// A command: `Some` atom, or `None` for one that only defines.
    fn command(&mut self, name: &str, token: Token, alphabet: Alphabet) -> Parsed<Option<Node>> {
        if let Some((params, body)) = self.macros.defs.get(&format!("\\{name}")).cloned() {
            self.expand(&token, params, &body)?;
            return Ok(None);
        }
        if let Some((c, class)) = symbols::symbol(name) {
            return Ok(Some(Node::Char { c, class, alphabet }));
        }
        if let Some((text, limits)) = symbols::function(name) {
            return Ok(Some(function_node(text, limits)));
        }
        if let Some((c, stretchy)) = symbols::accent(name) {
            let body = self.argument(&token)?;
            return Ok(Some(Node::Accent { c, stretchy, body }));
        }
        if let Some(alphabet) = alphabet_of(name) {
            return self.styled(&token, alphabet).map(Some);
        }
        let node = match name {
            "frac" | "dfrac" | "tfrac" | "cfrac" | "binom" | "dbinom" | "tbinom" => {
                let num = self.argument(&token)?;
                let den = self.argument(&token)?;
                let style = match name {
                    "dfrac" | "dbinom" | "cfrac" => Some(StyleSwitch::Display),
                    "tfrac" | "tbinom" => Some(StyleSwitch::Text),
                    _ => None,
                };
                let binom = name.ends_with("binom");
                Node::Frac {
                    num,
                    den,
                    style,
                    bar: !binom,
                    delims: binom.then_some(('(', ')')),
                }
            }
            "sqrt" => {
                let index = self.optional_math()?;
                let body = self.argument(&token)?;
                Node::Sqrt { index, body }
            }
            "left" => {
                let left = self.delimiter(&token)?;
                let (body, ended) = self.list(Until::Right)?;
                let right_token = ended.expect("a list until \\right ends at one");
                let right = self.delimiter(&right_token)?;
                Node::Delimited { left, right, body }
            }
            "right" => {
                return Err(self.command_error("`\\right` without `\\left`", name, token.range))
            }
            "middle" => Node::Middle(self.delimiter(&token)?),
            "big" | "Big" | "bigg" | "Bigg" | "bigl" | "Bigl" | "biggl" | "Biggl" | "bigr"
            | "Bigr" | "biggr" | "Biggr" | "bigm" | "Bigm" | "biggm" | "Biggm" => {
                let c = self.delimiter(&token)?;
                let size = match name.trim_end_matches(['l', 'r', 'm']) {
                    "big" => 1,
                    "Big" => 2,
                    "bigg" => 3,
                    _ => 4,
                };
                let class = match name.chars().last() {
                    Some('l') => Class::Open,
                    Some('r') => Class::Close,
                    Some('m') => Class::Rel,
                    _ => Class::Ord,
                };
                Node::BigDelim { c, size, class }
            }
            "overline" | "underline" => Node::Line {
                over: name == "overline",
                body: self.argument(&token)?,
            },
            "overbrace" | "underbrace" => Node::Brace {
                over: name == "overbrace",
                body: self.argument(&token)?,
            },
            "overset" | "stackrel" => {
                let over = self.argument(&token)?;
                let base = self.argument(&token)?;
                let stack = Node::Stack {
                    base,
                    over: Some(over),
                    under: None,
                };
                if name == "stackrel" {
                    Node::Classed {
                        class: Class::Rel,
                        body: vec![stack],
                    }
                } else {
                    stack
                }
            }
            "underset" => {
                let under = self.argument(&token)?;
                let base = self.argument(&token)?;
                Node::Stack {
                    base,
                    over: None,
                    under: Some(under),
                }
            }
            "operatorname" | "operatornamewithlimits" => {
                let limits = self.peek() == Some(&Tok::Char('*')) || name.ends_with("limits");
                if self.peek() == Some(&Tok::Char('*')) {
                    self.next();
                }
                let (text, range) = self.raw_argument(&token)?;
                let text = operator_text(&text).ok_or_else(|| {
                    self.command_error("`\\operatorname` takes plain letters", name, range)
                })?;
                function_node(&text, limits)
            }
            "text" | "textrm" | "textup" | "textnormal" | "mbox" | "textit" | "textsf"
            | "texttt" | "hbox" => self.text_argument(&token, false)?,
            "textbf" => self.text_argument(&token, true)?,
            "mathop" | "mathrel" | "mathbin" | "mathord" | "mathopen" | "mathclose"
            | "mathpunct" | "mathinner" => {
                let body = self.argument(&token)?;
                let class = match name {
                    "mathop" => Class::Op,
                    "mathrel" => Class::Rel,
                    "mathbin" => Class::Bin,
                    "mathopen" => Class::Open,
                    "mathclose" => Class::Close,
                    "mathpunct" => Class::Punct,
                    "mathinner" => Class::Inner,
                    _ => Class::Ord,
                };
                Node::Classed { class, body }
            }
            "," | "thinspace" => Node::Space(3.0),
            ":" | ">" | "medspace" => Node::Space(4.0),
            ";" | "thickspace" => Node::Space(5.0),
            "!" | "negthinspace" => Node::Space(-3.0),
            "negmedspace" => Node::Space(-4.0),
            "negthickspace" => Node::Space(-5.0),
            " " | "space" | "nobreakspace" => Node::Space(6.0),
            "quad" => Node::Space(18.0),
            "qquad" => Node::Space(36.0),
            "enspace" => Node::Space(9.0),
            "hspace" | "kern" | "mkern" | "mskip" | "hskip" => {
                let (text, range) = if matches!(name, "hspace") {
                    self.raw_argument(&token)?
                } else {
                    self.length_text()
                };
                let mu = length_in_mu(text.trim()).ok_or_else(|| {
                    self.command_error(format!("`{}` is not a length", text.trim()), name, range)
                })?;
                Node::Space(mu)
            }
            "textcolor" => {
                let color = self.color_argument(&token)?;
                let body = self.argument(&token)?;
                Node::Color { color, body }
            }
            "not" => {
                self.skip_spaces();
                let Some(next) = self.next() else {
                    return Err(self.missing_argument(&token));
                };
                let inner = match &next.kind {
                    Tok::Command(inner) => {
                        let inner = inner.clone();
                        self.command(&inner, next, alphabet)?
                    }
                    _ => self.atom(next, alphabet)?,
                };
                let inner = inner.ok_or_else(|| self.missing_argument(&token))?;
                let class = match &inner {
                    Node::Char { class, .. } => *class,
                    _ => Class::Rel,
                };
                Node::Classed {
                    class,
                    body: vec![Node::Not(Box::new(inner))],
                }
            }
            "phantom" => Node::Phantom(self.argument(&token)?),
            "boxed" => Node::Boxed(self.argument(&token)?),
            "bmod" => function_node("mod", false),
            "pmod" | "mod" => {
                let body = if name == "pmod" {
                    let arg = self.argument(&token)?;
                    let mut body = vec![Node::Space(8.0)];
                    body.push(Node::Char {
                        c: '(',
                        class: Class::Open,
                        alphabet: Alphabet::Normal,
                    });
                    body.push(function_node("mod", false));
                    body.push(Node::Space(6.0));
                    body.extend(arg);
                    body.push(Node::Char {
                        c: ')',
                        class: Class::Close,
                        alphabet: Alphabet::Normal,
                    });
                    body
                } else {
                    vec![
                        Node::Space(12.0),
                        function_node("mod", false),
                        Node::Space(6.0),
                    ]
                };
                Node::Group(body)
            }
            "newcommand" | "renewcommand" | "providecommand" | "def" => {
                self.define(&token, name)?;
                return Ok(None);
            }
            "begin" => self.environment(&token)?,
            "end" => {
                return Err(self.command_error("`\\end` without `\\begin`", name, token.range))
            }
            "\\" => {
                return Err(self.command_error(
                    "a line break `\\\\` outside an environment",
                    name,
                    token.range,
                ))
            }
            "relax" | "nonumber" | "notag" | "displaylimits" => return Ok(None),
            _ => {
                return Err(self.command_error(
                    format!("unknown command `\\{name}`"),
                    name,
                    token.range,
                ))
            }
        };
        Ok(Some(node))
    }

    /// A font command's argument, or the rest of the group for the old
    /// forms (`\bf`, `\rm`).
    fn styled(&mut self, token: &Token, alphabet: Alphabet) -> Parsed<Node> {
        let old_form = matches!(&token.kind, Tok::Command(n) if matches!(n.as_str(), "rm" | "bf" | "it" | "cal" | "sf" | "tt"));
        if old_form {
            return Err(self.command_error(
                "old font switches are not supported: use `\\mathrm{..}` and its kin",
                token_text(&token.kind)[1..].trim_end(),
                token.range.clone(),
            ));
        }
        let body = self.argument_in(token, alphabet)?;
        let body = body.into_iter().map(|n| restyle(n, alphabet)).collect();
        Ok(Node::Group(body))
    }

    /// A TeX length after `\kern`: characters up to a unit.
    fn length_text(&mut self) -> (String, Range<usize>) {
        self.skip_spaces();
        let mut text = String::new();
        let mut range: Option<Range<usize>> = None;
        while let Some(Tok::Char(c)) = self.peek() {
            let c = *c;
            if !(c.is_ascii_alphanumeric() || c == '.' || c == '-') {
                break;
            }
            let token = self.next().expect("peeked");
            let start = range.as_ref().map_or(token.range.start, |r| r.start);
            range = Some(start..token.range.end);
            text.push(c);
            if text.ends_with("em")
                || text.ends_with("mu")
                || text.ends_with("ex")
                || text.ends_with("pt")
            {
                break;
            }
        }
        (text, range.unwrap_or_default())
    }

    /// `\begin{name} .. \end{name}`.
    fn environment(&mut self, token: &Token) -> Parsed<Node> {
        let (name, range) = self.raw_argument(token)?;
        let (left, right) = match name.as_str() {
            "matrix" | "aligned" | "align*" | "align" | "gathered" | "gather" | "gather*"
            | "array" | "smallmatrix" | "split" | "equation" | "equation*" | "alignedat" => {
                ('\0', '\0')
            }
            "pmatrix" => ('(', ')'),
            "bmatrix" => ('[', ']'),
            "Bmatrix" => ('{', '}'),
            "vmatrix" => ('|', '|'),
            "Vmatrix" => ('‖', '‖'),
            "cases" | "dcases" => ('{', '\0'),
            "rcases" => ('\0', '}'),
            _ => {
                return Err(MathError {
                    message: format!("unknown environment `{name}`"),
                    range,
                    command: Some("\\begin".into()),
                })
            }
        };
        let mut array = Array {
            rows: Vec::new(),
            columns: Vec::new(),
            pairs: false,
            column_gap: 1.0,
            display: false,
            vlines: Vec::new(),
        };
        match name.as_str() {
            "array" => {
                let (spec, range) = self.raw_argument(token)?;
                let mut index = 0;
                for c in spec.chars() {
                    match c {
                        'l' => array.columns.push(Align::Left),
                        'c' => array.columns.push(Align::Center),
                        'r' => array.columns.push(Align::Right),
                        '|' => array.vlines.push(array.columns.len()),
                        ' ' => {}
                        _ => {
                            return Err(MathError {
                                message: format!("`{c}` in an array's columns is not supported"),
                                range,
                                command: Some("\\begin".into()),
                            })
                        }
                    }
                    index += 1;
                }
                let _ = index;
            }
            "alignedat" => {
                self.raw_argument(token)?;
                array.pairs = true;
                array.column_gap = 0.0;
                array.display = true;
            }
            "aligned" | "align*" | "align" | "split" => {
                array.pairs = true;
                array.column_gap = 0.0;
                array.display = true;
            }
            "gathered" | "gather" | "gather*" | "equation" | "equation*" => {
                array.display = true;
            }
            "cases" | "dcases" | "rcases" => {
                array.columns = vec![Align::Left, Align::Left];
                array.display = name == "dcases";
            }
            _ => {}
        }
        // Rows of cells, cells split at `&`, rows at `\\`.
        let mut row: Vec<Vec<Node>> = Vec::new();
        loop {
            let (cell, ended) = self.list(Until::Cell)?;
            let ended = ended.expect("a cell ends at a token");
            row.push(cell);
            match &ended.kind {
                Tok::Align => {}
                Tok::Command(c) if c == "\\" || c == "cr" => {
                    // `\\[1ex]`: extra space, ignored.
                    self.skip_spaces();
                    if self.peek() == Some(&Tok::Char('[')) {
                        self.next();
                        self.bracket_text()?;
                    }
                    array.rows.push(std::mem::take(&mut row));
                }
                _ => {
                    let (end, end_range) = self.raw_argument(&ended)?;
                    if end != name {
                        return Err(MathError {
                            message: format!("`\\begin{{{name}}}` ended by `\\end{{{end}}}`"),
                            range: end_range,
                            command: Some("\\end".into()),
                        });
                    }
                    // A last empty row (after a final `\\`) is no row.
                    if !(row.len() == 1 && row[0].is_empty()) {
                        array.rows.push(row);
                    }
                    break;
                }
            }
        }
        Ok(Node::Array {
            array: Box::new(array),
            left,
            right,
        })
    }
}

/// An operator with its limits placed by `\limits` or `\nolimits`.
fn with_limits(op: Node, limits: Limits) -> Node {
    match op {
        Node::Text {
            text, class, bold, ..
        } => Node::Text {
            text,
            class,
            limits,
            bold,
        },
        Node::Limits { op, .. } => Node::Limits { op, limits },
        other => Node::Limits {
            op: Box::new(other),
            limits,
        },
    }
}

fn function_node(text: &str, limits: bool) -> Node {
    Node::Text {
        text: text.to_string(),
        class: Class::Op,
        limits: if limits {
            Limits::Display
        } else {
            Limits::Never
        },
        bold: false,
    }
}

/// An `\operatorname`'s name: letters, digits and a few marks; `\,` and
/// `\ ` become spaces.
fn operator_text(raw: &str) -> Option<String> {
    let text = raw
        .replace("\\,", " ")
        .replace("\\ ", " ")
        .replace("\\!", "");
    text.chars()
        .all(|c| c.is_alphanumeric() || " -*'".contains(c))
        .then_some(text)
}

fn alphabet_of(name: &str) -> Option<Alphabet> {
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
fn restyle(node: Node, alphabet: Alphabet) -> Node {
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
            bold,
        } => Node::Text {
            text,
            class,
            limits,
            bold: bold || matches!(alphabet, Alphabet::Bold | Alphabet::BoldItalic),
        },
        other => other,
    }
}

/// A token as the source spelled it (near enough, for raw arguments).
fn token_text(kind: &Tok) -> String {
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
    }
}

/// A length in mu (18 mu to the em): `em`, `mu`, `ex` (about half an em),
/// `pt` (a tenth of an em at 10 pt, as TeX's default size).
fn length_in_mu(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.trim().parse().ok()?;
    let mu = match unit.trim() {
        "mu" => number,
        "em" => number * 18.0,
        "ex" => number * 18.0 * 0.43,
        "pt" => number * 1.8,
        _ => return None,
    };
    mu.is_finite().then_some(mu.clamp(-1000.0, 1000.0))
}

/// A colour by name (the names `xcolor` and KaTeX know best) or `#rrggbb`.
fn parse_color(name: &str) -> Option<Color> {
    if name.starts_with('#') {
        return Color::parse(name);
    }
    if name.len() == 6 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Color::parse(&format!("#{name}"));
    }
    Some(match name {
        "black" => Color::rgb(0, 0, 0),
        "white" => Color::WHITE,
        "red" => Color::rgb(0xff, 0, 0),
        "green" => Color::rgb(0, 0x80, 0),
        "blue" => Color::rgb(0, 0, 0xff),
        "cyan" => Color::rgb(0, 0xff, 0xff),
        "magenta" => Color::rgb(0xff, 0, 0xff),
        "yellow" => Color::rgb(0xff, 0xff, 0),
        "orange" => Color::rgb(0xff, 0x80, 0),
        "purple" => Color::rgb(0x80, 0, 0x80),
        "brown" => Color::rgb(0xa5, 0x2a, 0x2a),
        "gray" | "grey" => Color::rgb(0x80, 0x80, 0x80),
        "lightgray" => Color::rgb(0xd3, 0xd3, 0xd3),
        "darkgray" => Color::rgb(0x40, 0x40, 0x40),
        "teal" => Color::rgb(0, 0x80, 0x80),
        "olive" => Color::rgb(0x80, 0x80, 0),
        "violet" => Color::rgb(0xee, 0x82, 0xee),
        "pink" => Color::rgb(0xff, 0xc0, 0xcb),
        "lime" => Color::rgb(0, 0xff, 0),
        "navy" => Color::rgb(0, 0, 0x80),
        "maroon" => Color::rgb(0x80, 0, 0),
        _ => return None,
    })
}
