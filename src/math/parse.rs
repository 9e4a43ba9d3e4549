//! LaTeX math source to a tree of math atoms, with macros expanded.
//!
//! A small recursive-descent parser over tokens. Every command it does not
//! know is an error naming the command: a formula is typeset whole or not
//! at all, never with pieces silently dropped.

use std::collections::BTreeMap;
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
    /// Horizontal rules before each row (index) or after the last.
    pub hlines: Vec<usize>,
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
        /// Roman, or bold, italic .. (`\textbf`, `\mathbf{\sin}`).
        alphabet: Alphabet,
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
    /// `\overbrace` (true) or `\underbrace`, `\overbracket` ..: a
    /// horizontal `glyph` stretched over or under its body; takes its
    /// script as a label.
    Brace {
        over: bool,
        glyph: char,
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
    /// `\phantom`: space as large as its body, drawn empty; `\hphantom`
    /// keeps only its width, `\vphantom` only its height.
    Phantom {
        width: bool,
        height: bool,
        body: Vec<Node>,
    },
    /// `\boxed`: a frame around its body.
    Boxed(Vec<Node>),
    /// A big operator whose limits `\limits` or `\nolimits` placed.
    Limits {
        op: Box<Node>,
        limits: Limits,
    },
    /// `\tiny` .. `\Huge`: the rest of the group at this share of the size.
    Size {
        factor: f64,
        body: Vec<Node>,
    },
    /// `\rule[raise]{width}{height}`, in em.
    Rule {
        width: f64,
        height: f64,
        raise: f64,
    },
    /// `\raisebox{length}{..}`: its body raised (em).
    Raise {
        by: f64,
        body: Vec<Node>,
    },
    /// `\smash`: its body, with no height (`top`) and/or depth (`bottom`).
    Smash {
        top: bool,
        bottom: bool,
        body: Vec<Node>,
    },
    /// `\mathllap` (right), `\mathrlap` (left), `\mathclap` (centre): its
    /// body, taking no width, aligned to where it stands.
    Lap {
        align: Align,
        body: Vec<Node>,
    },
    /// `\mathchoice`: one body per style, display to scriptscript.
    Choice(Box<[Vec<Node>; 4]>),
    /// `\hline` at the start of an array row.
    HLine,
    /// `\tag{..}`: an equation's label, set after its line.
    Tag(Vec<Node>),
    /// `\xrightarrow[under]{over}` and its kin: an arrow stretched to
    /// the width of the text above and below it.
    XArrow {
        glyph: char,
        over: Vec<Node>,
        under: Option<Vec<Node>>,
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
    defs: BTreeMap<String, (u8, String)>,
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
                    match name.as_str() {
                        "right" if until == Until::Right => break Some(token),
                        "end" | "\\" | "cr" | "newline" if until == Until::Cell => {
                            break Some(token)
                        }
                        "\\" | "cr" | "newline" if until == Until::Line => break Some(token),
                        "\\" | "cr" if until == Until::StackLine => break Some(token),
                        "tiny" | "scriptsize" | "footnotesize" | "small" | "normalsize"
                        | "large" | "Large" | "LARGE" | "huge" | "Huge" => {
                            let factor = size_factor(&name);
                            let (body, ended) = self.list(until)?;
                            list.push(Node::Size { factor, body });
                            break ended;
                        }
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
                        // `a \over b`: all before over all after, in the group.
                        "over" | "atop" | "choose" | "brace" | "brack" | "above" => {
                            let num = std::mem::take(&mut list);
                            // `\above` takes the bar's thickness.
                            let bar = match name.as_str() {
                                "above" => {
                                    let (text, range) = self.length_text();
                                    self.length(&text, &name, range)? > 0.0
                                }
                                other => other == "over",
                            };
                            let (den, ended) = self.list(until)?;
                            let delims = match name.as_str() {
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

    /// `\text{..}` and its kin: text in `alphabet`, with `\textbf{..}`
    /// and the like inside, and math between `$`s.
    fn text_argument(&mut self, after: &Token, alphabet: Alphabet) -> Parsed<Node> {
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
    fn text_group(&mut self, mut alphabet: Alphabet) -> Parsed<Vec<Node>> {
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
    fn inline_math(&mut self, open: &Token) -> Parsed<Vec<Node>> {
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
    fn parse_tokens(&mut self, tokens: Vec<Token>) -> Parsed<Vec<Node>> {
        self.stack.push(Token {
            kind: Tok::Close,
            range: self.end_range(),
        });
        self.stack.extend(tokens.into_iter().rev());
        let (list, _) = self.list(Until::Close)?;
        Ok(list)
    }

    /// A macro the deck, the formula or deckgen defines.
    fn macro_named(&self, name: &str) -> Option<(u8, String)> {
        if let Some(found) = self.macros.defs.get(&format!("\\{name}")) {
            return Some(found.clone());
        }
        BUILTIN_MACROS
            .iter()
            .find(|(known, _, _)| *known == name)
            .map(|&(_, params, body)| (params, body.to_string()))
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
        self.macros.define(&format!("\\{target}"), params, &body);
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
        Ok(Some(self.parse_tokens(inner)?))
    }

    /// A delimiter given as an argument (`\genfrac`): one token, or a
    /// group holding one or none (`'\0'`).
    fn delimiter_argument(&mut self, after: &Token) -> Parsed<char> {
        let (text, range) = self.raw_argument(after)?;
        let text = text.trim();
        if text.is_empty() {
            return Ok('\0');
        }
        symbols::delimiter(text).ok_or_else(|| {
            let name = token_text(&after.kind).trim_end().to_string();
            MathError {
                message: format!("`{text}` is not a delimiter after `{name}`"),
                range,
                command: Some(name),
            }
        })
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
        if let Some((params, body)) = self.macro_named(name) {
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
            "genfrac" => {
                let open = self.delimiter_argument(&token)?;
                let close = self.delimiter_argument(&token)?;
                let (thickness, range) = self.raw_argument(&token)?;
                let bar =
                    thickness.trim().is_empty() || self.length(&thickness, name, range)? > 0.0;
                let (style, _) = self.raw_argument(&token)?;
                let style = match style.trim() {
                    "0" => Some(StyleSwitch::Display),
                    "1" => Some(StyleSwitch::Text),
                    "2" => Some(StyleSwitch::Script),
                    "3" => Some(StyleSwitch::ScriptScript),
                    _ => None,
                };
                let num = self.argument(&token)?;
                let den = self.argument(&token)?;
                Node::Frac {
                    num,
                    den,
                    style,
                    bar,
                    delims: (open != '\0' || close != '\0').then_some((open, close)),
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
            "overbrace" | "underbrace" | "overbracket" | "underbracket" => Node::Brace {
                over: name.starts_with("over"),
                glyph: match name {
                    "overbrace" => '⏞',
                    "underbrace" => '⏟',
                    "overbracket" => '⎴',
                    _ => '⎵',
                },
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
            | "texttt" | "hbox" | "textbf" | "emph" | "textmd" => {
                self.text_argument(&token, text_alphabet(name, Alphabet::Roman))?
            }
            "rule" => {
                let raise = match self.optional_raw()? {
                    Some((text, range)) => self.length(&text, name, range)?,
                    None => 0.0,
                };
                let (w, w_range) = self.raw_argument(&token)?;
                let (h, h_range) = self.raw_argument(&token)?;
                let width = self.length(&w, name, w_range)?;
                let height = self.length(&h, name, h_range)?;
                Node::Rule {
                    width,
                    height,
                    raise,
                }
            }
            "raisebox" => {
                let (by, range) = self.raw_argument(&token)?;
                let by = self.length(&by, name, range)?;
                let body = self.argument_in(&token, Alphabet::Roman)?;
                Node::Raise { by, body }
            }
            "smash" => {
                let (top, bottom) = match self.optional_raw()? {
                    Some((which, _)) => (which.contains('t'), which.contains('b')),
                    None => (true, true),
                };
                let body = self.argument(&token)?;
                Node::Smash { top, bottom, body }
            }
            "mathllap" | "llap" | "mathrlap" | "rlap" | "mathclap" | "clap" => {
                let align = match name.trim_start_matches("math") {
                    "llap" => Align::Right,
                    "rlap" => Align::Left,
                    _ => Align::Center,
                };
                let body = self.argument(&token)?;
                Node::Lap { align, body }
            }
            "mathchoice" => {
                let display = self.argument(&token)?;
                let text = self.argument(&token)?;
                let script = self.argument(&token)?;
                let scriptscript = self.argument(&token)?;
                Node::Choice(Box::new([display, text, script, scriptscript]))
            }
            "substack" => {
                self.skip_spaces();
                match self.next() {
                    Some(Token {
                        kind: Tok::Open, ..
                    }) => {}
                    _ => return Err(self.missing_argument(&token)),
                }
                let mut rows = Vec::new();
                loop {
                    let (line, ended) = self.list(Until::StackLine)?;
                    rows.push(vec![line]);
                    if ended.is_none_or(|t| t.kind == Tok::Close) {
                        break;
                    }
                }
                let array = Array {
                    rows,
                    columns: vec![Align::Center],
                    pairs: false,
                    column_gap: 0.0,
                    display: false,
                    vlines: Vec::new(),
                    hlines: Vec::new(),
                };
                Node::Array {
                    array: Box::new(array),
                    left: '\0',
                    right: '\0',
                }
            }
            "hline" | "hdashline" if self.in_array > 0 => Node::HLine,
            _ if extensible_arrow(name).is_some() => {
                let glyph = extensible_arrow(name).unwrap_or('→');
                let under = self.optional_math()?;
                let over = self.argument(&token)?;
                Node::XArrow { glyph, over, under }
            }
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
                self.skip_spaces();
                if name == "hspace" && self.peek() == Some(&Tok::Char('*')) {
                    self.next();
                }
                let (text, range) = if name == "hspace" || self.peek() == Some(&Tok::Open) {
                    self.raw_argument(&token)?
                } else {
                    self.length_text()
                };
                Node::Space(self.length(&text, name, range)? * 18.0)
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
            "phantom" | "hphantom" | "vphantom" => Node::Phantom {
                width: name != "vphantom",
                height: name != "hphantom",
                body: self.argument(&token)?,
            },
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
            "relax" | "nonumber" | "notag" | "displaylimits" | "nobreak" | "allowbreak" => {
                return Ok(None)
            }
            "tag" | "tag*" => {
                let star = self.peek() == Some(&Tok::Char('*'));
                if star {
                    self.next();
                }
                let label = self.text_argument(&token, Alphabet::Roman)?;
                let mut body = vec![Node::Space(36.0)];
                if star {
                    body.push(label);
                } else {
                    body.push(text_node("(".into(), Alphabet::Roman));
                    body.push(label);
                    body.push(text_node(")".into(), Alphabet::Roman));
                }
                Node::Tag(body)
            }
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

    /// A length (`1em`, `-3mu`, `2ex`, `1pt`) in em.
    fn length(&self, text: &str, command: &str, range: Range<usize>) -> Parsed<f64> {
        length_in_em(text.trim()).ok_or_else(|| {
            self.command_error(format!("`{}` is not a length", text.trim()), command, range)
        })
    }

    /// An optional `[..]` argument's raw text.
    fn optional_raw(&mut self) -> Parsed<Option<(String, Range<usize>)>> {
        self.skip_spaces();
        if self.peek() != Some(&Tok::Char('[')) {
            return Ok(None);
        }
        self.next();
        Ok(Some(self.bracket_text()?))
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
            let letters = text.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
            if letters.len() == 2 {
                break;
            }
        }
        (text, range.unwrap_or_default())
    }

    /// `\begin{name} .. \end{name}`.
    fn environment(&mut self, token: &Token) -> Parsed<Node> {
        let (name, range) = self.raw_argument(token)?;
        // The starred matrices take their columns' alignment: `[r]`.
        let (base, starred) = match name.strip_suffix('*') {
            Some(base) if base.ends_with("matrix") => (base, true),
            _ => (name.as_str(), false),
        };
        let (left, right) = match base {
            "matrix" | "aligned" | "align*" | "align" | "gathered" | "gather" | "gather*"
            | "array" | "smallmatrix" | "split" | "equation" | "equation*" | "alignedat"
            | "darray" | "subarray" => ('\0', '\0'),
            "pmatrix" => ('(', ')'),
            "bmatrix" => ('[', ']'),
            "Bmatrix" => ('{', '}'),
            "vmatrix" => ('|', '|'),
            "Vmatrix" => ('‖', '‖'),
            "cases" | "dcases" => ('{', '\0'),
            "rcases" | "drcases" => ('\0', '}'),
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
            hlines: Vec::new(),
        };
        let spec = match base {
            "array" | "darray" | "subarray" => Some(self.raw_argument(token)?),
            _ if starred => self.optional_raw()?,
            _ => None,
        };
        if let Some((spec, range)) = spec {
            for c in spec.chars() {
                match c {
                    'l' => array.columns.push(Align::Left),
                    'c' => array.columns.push(Align::Center),
                    'r' => array.columns.push(Align::Right),
                    '|' | ':' => array.vlines.push(array.columns.len()),
                    ' ' => {}
                    _ => {
                        return Err(MathError {
                            message: format!("`{c}` in an array's columns is not supported"),
                            range,
                            command: Some("\\begin".into()),
                        })
                    }
                }
            }
            if starred {
                // One alignment for every column.
                array.columns = vec![array.columns.first().copied().unwrap_or(Align::Center); 64];
            }
        }
        match base {
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
            "gathered" | "gather" | "gather*" | "equation" | "equation*" | "darray" => {
                array.display = true;
            }
            "cases" | "dcases" | "rcases" | "drcases" => {
                array.columns = vec![Align::Left, Align::Left];
                array.display = base.starts_with('d');
            }
            _ => {}
        }
        // Rows of cells, cells split at `&`, rows at `\\`.
        self.in_array += 1;
        let mut row: Vec<Vec<Node>> = Vec::new();
        loop {
            let (mut cell, ended) = self.list(Until::Cell)?;
            let ended = ended.expect("a cell ends at a token");
            if row.is_empty() {
                // `\hline`s open a row.
                let lines = cell.iter().take_while(|n| **n == Node::HLine).count();
                if lines > 0 {
                    array.hlines.push(array.rows.len());
                    cell.drain(..lines);
                }
            }
            if cell.contains(&Node::HLine) {
                return Err(self.command_error("`\\hline` must start a row", "hline", ended.range));
            }
            row.push(cell);
            match &ended.kind {
                Tok::Align => {}
                Tok::Command(c) if c == "\\" || c == "cr" || c == "newline" => {
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
        self.in_array -= 1;
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
            text,
            class,
            alphabet,
            ..
        } => Node::Text {
            text,
            class,
            limits,
            alphabet,
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
        alphabet: Alphabet::Roman,
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

/// A length in em: `em`, `mu` (18 to the em), `ex` (0.43 em, Computer
/// Modern's x-height), `pt` (a tenth of an em, as at TeX's 10 pt).
fn length_in_em(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.trim().parse().ok()?;
    let em = match unit.trim() {
        "em" => number,
        "mu" => number / 18.0,
        "ex" => number * 0.43,
        "pt" => number / 10.0,
        "bp" => number * 1.00375 / 10.0,
        "pc" => number * 1.2,
        "mm" => number * 0.2845,
        "cm" => number * 2.845,
        "in" => number * 7.227,
        _ => return None,
    };
    em.is_finite().then_some(em.clamp(-100.0, 100.0))
}

/// The arrow an extensible-arrow command (`\xrightarrow`) stretches.
fn extensible_arrow(name: &str) -> Option<char> {
    Some(match name {
        "xrightarrow" => '→',
        "xleftarrow" => '←',
        "xleftrightarrow" => '↔',
        "xRightarrow" => '⇒',
        "xLeftarrow" => '⇐',
        "xLeftrightarrow" => '⇔',
        "xmapsto" => '↦',
        "xhookrightarrow" => '↪',
        "xhookleftarrow" => '↩',
        "xtwoheadrightarrow" => '↠',
        "xtwoheadleftarrow" => '↞',
        "xrightharpoonup" => '⇀',
        "xrightharpoondown" => '⇁',
        "xleftharpoonup" => '↼',
        "xleftharpoondown" => '↽',
        "xrightleftharpoons" => '⇌',
        "xrightleftarrows" => '⇄',
        "xleftrightharpoons" => '⇋',
        "xlongequal" => '=',
        _ => return None,
    })
}

/// `\tiny` .. `\Huge` as a share of the normal size (LaTeX's at 10 pt).
fn size_factor(name: &str) -> f64 {
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
fn text_alphabet(name: &str, current: Alphabet) -> Alphabet {
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

fn text_node(text: String, alphabet: Alphabet) -> Node {
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

/// Macros deckgen defines, as KaTeX does: logos, KaTeX's colour
/// shorthands, and a few spellings.
const BUILTIN_MACROS: &[(&str, u8, &str)] = &[
    (
        "TeX",
        0,
        r"\mathrm{T\kern-.1667em\raisebox{-.5ex}{E}\kern-.125em X}",
    ),
    (
        "LaTeX",
        0,
        r"\mathrm{L\kern-.36em\raisebox{.2em}{\scriptstyle A}\kern-.15em\TeX}",
    ),
    (
        "KaTeX",
        0,
        r"\mathrm{K\kern-.17em\raisebox{.2em}{\scriptstyle A}\kern-.15em\TeX}",
    ),
    ("red", 1, r"\textcolor{df0030}{#1}"),
    ("blue", 1, r"\textcolor{6495ed}{#1}"),
    ("orange", 1, r"\textcolor{ffa500}{#1}"),
    ("pink", 1, r"\textcolor{ff00af}{#1}"),
    ("purple", 1, r"\textcolor{9d38bd}{#1}"),
    ("gray", 1, r"\textcolor{bbbbbb}{#1}"),
    ("underbar", 1, r"\underline{#1}"),
    ("pod", 1, r"\quad(#1)"),
    ("degree", 0, r"\text{°}"),
    ("green", 1, r"\textcolor{28ae7b}{#1}"),
    ("pounds", 0, r"\text{£}"),
    ("maltese", 0, r"\text{✠}"),
    ("minuso", 0, r"\mathbin{\ominus}"),
    ("argmin", 0, r"\operatorname*{arg\,min}"),
    ("argmax", 0, r"\operatorname*{arg\,max}"),
    ("set", 1, r"\{#1\}"),
    ("Set", 1, r"\left\{#1\right\}"),
    ("angl", 0, r"\text{⌉}"),
];

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
