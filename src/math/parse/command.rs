//! Commands: symbols, functions, fractions, roots, delimiters, boxes.

use super::super::symbols::{self, Class};
use super::super::Limits;
use super::alphabet::{alphabet_of, restyle};
use super::lex::{Tok, Token};
use super::text::{text_alphabet, text_node};
use super::{Align, Alphabet, Array, Node, Parsed, Parser, StyleSwitch, Until};

impl Parser<'_> {
    /// A command: `Some` atom, or `None` for one that only defines.
    pub(super) fn command(
        &mut self,
        name: &str,
        token: Token,
        alphabet: Alphabet,
    ) -> Parsed<Option<Node>> {
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
        if self.braket(name, &token)? {
            return Ok(None);
        }
        // Each kind of command in its own function; `None` from all is a
        // command of none of these kinds.
        let mut node = self.fractions(name, &token)?;
        if node.is_none() {
            node = self.decorated(name, &token)?;
        }
        if node.is_none() {
            node = self.boxes(name, &token)?;
        }
        if node.is_none() {
            node = self.spaces(name, &token, alphabet)?;
        }
        if node.is_none() {
            node = self.enclosing(name, &token)?;
        }
        if node.is_some() {
            return Ok(node);
        }
        let node = match name {
            "newcommand" | "renewcommand" | "providecommand" | "def" => {
                self.define(&token, name)?;
                return Ok(None);
            }
            "begin" => self.environment(&token)?,
            // A picture has no place in a formula's glyphs and rules; the
            // slide's own picture keys place one.
            "includegraphics" => {
                return Err(self.command_error(
                    "pictures inside a formula are not supported (`\\includegraphics`): place the picture on the slide instead",
                    name,
                    token.range,
                ))
            }
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

    /// Fractions, roots and delimiters (`\frac`, `\sqrt`, `\left`, `\big`). `None` for a command of another kind.
    fn fractions(&mut self, name: &str, token: &Token) -> Parsed<Option<Node>> {
        let node = match name {
            "frac" | "dfrac" | "tfrac" | "cfrac" | "binom" | "dbinom" | "tbinom" => {
                let num = self.argument(token)?;
                let den = self.argument(token)?;
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
                let open = self.delimiter_argument(token)?;
                let close = self.delimiter_argument(token)?;
                let (thickness, range) = self.raw_argument(token)?;
                let bar =
                    thickness.trim().is_empty() || self.length(&thickness, name, range)? > 0.0;
                let (style, _) = self.raw_argument(token)?;
                let style = match style.trim() {
                    "0" => Some(StyleSwitch::Display),
                    "1" => Some(StyleSwitch::Text),
                    "2" => Some(StyleSwitch::Script),
                    "3" => Some(StyleSwitch::ScriptScript),
                    _ => None,
                };
                let num = self.argument(token)?;
                let den = self.argument(token)?;
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
                let body = self.argument(token)?;
                Node::Sqrt { index, body }
            }
            "left" => {
                let left = self.delimiter(token)?;
                let (body, ended) = self.list(Until::Right)?;
                let right_token = ended.expect("a list until \\right ends at one");
                let right = self.delimiter(&right_token)?;
                Node::Delimited { left, right, body }
            }
            "right" => {
                return Err(self.command_error(
                    "`\\right` without `\\left`",
                    name,
                    token.range.clone(),
                ))
            }
            "middle" => Node::Middle(self.delimiter(token)?),
            "big" | "Big" | "bigg" | "Bigg" | "bigl" | "Bigl" | "biggl" | "Biggl" | "bigr"
            | "Bigr" | "biggr" | "Biggr" | "bigm" | "Bigm" | "biggm" | "Biggm" => {
                let c = self.delimiter(token)?;
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
            _ => return Ok(None),
        };
        Ok(Some(node))
    }

    /// Lines, braces and labels over and under a body; operator names and text. `None` for a command of another kind.
    fn decorated(&mut self, name: &str, token: &Token) -> Parsed<Option<Node>> {
        let node = match name {
            "overline" | "underline" => Node::Line {
                over: name == "overline",
                body: self.argument(token)?,
            },
            "overbrace" | "underbrace" | "overbracket" | "underbracket" => Node::Brace {
                over: name.starts_with("over"),
                glyph: match name {
                    "overbrace" => '⏞',
                    "underbrace" => '⏟',
                    "overbracket" => '⎴',
                    _ => '⎵',
                },
                body: self.argument(token)?,
            },
            "overset" | "stackrel" => {
                let over = self.argument(token)?;
                let base = self.argument(token)?;
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
                let under = self.argument(token)?;
                let base = self.argument(token)?;
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
                // Its letters upright, and every atom ordinary: `-` and
                // `*` are a hyphen and an asterisk, as KaTeX sets them.
                let body = self
                    .argument_in(token, Alphabet::Roman)?
                    .into_iter()
                    .map(operator_atom)
                    .collect();
                let op = Node::Classed {
                    class: Class::Op,
                    body,
                };
                with_limits(
                    op,
                    if limits {
                        Limits::Display
                    } else {
                        Limits::Never
                    },
                )
            }
            "text" | "textrm" | "textup" | "textnormal" | "mbox" | "textit" | "textsf"
            | "texttt" | "hbox" | "textbf" | "emph" | "textmd" => {
                self.text_argument(token, text_alphabet(name, Alphabet::Roman))?
            }
            _ => return Ok(None),
        };
        Ok(Some(node))
    }

    /// Boxes: rules, raised, smashed and lapped bodies, stacks, extensible arrows, classes. `None` for a command of another kind.
    fn boxes(&mut self, name: &str, token: &Token) -> Parsed<Option<Node>> {
        let node = match name {
            "rule" => self.rule(name, token)?,
            "raisebox" => {
                let (by, range) = self.raw_argument(token)?;
                let by = self.length(&by, name, range)?;
                let body = self.argument_in(token, Alphabet::Roman)?;
                Node::Raise { by, body }
            }
            "smash" => {
                let (top, bottom) = match self.optional_raw()? {
                    Some((which, _)) => (which.contains('t'), which.contains('b')),
                    None => (true, true),
                };
                let body = self.argument(token)?;
                Node::Smash { top, bottom, body }
            }
            "mathllap" | "llap" | "mathrlap" | "rlap" | "mathclap" | "clap" => {
                let align = match name.trim_start_matches("math") {
                    "llap" => Align::Right,
                    "rlap" => Align::Left,
                    _ => Align::Center,
                };
                let body = self.argument(token)?;
                Node::Lap { align, body }
            }
            "mathchoice" => {
                let display = self.argument(token)?;
                let text = self.argument(token)?;
                let script = self.argument(token)?;
                let scriptscript = self.argument(token)?;
                Node::Choice(Box::new([display, text, script, scriptscript]))
            }
            "substack" => self.substack(token)?,
            "hline" | "hdashline" if self.in_array > 0 => Node::HLine,
            "xrightequilibrium" | "xleftequilibrium" => {
                let under = self.optional_math()?;
                let over = self.argument(token)?;
                Node::Equilibrium {
                    right: name == "xrightequilibrium",
                    over,
                    under,
                }
            }
            _ if extensible_arrow(name).is_some() => {
                let glyph = extensible_arrow(name).unwrap_or('→');
                let under = self.optional_math()?;
                let over = self.argument(token)?;
                Node::XArrow { glyph, over, under }
            }
            "mathop" | "mathrel" | "mathbin" | "mathord" | "mathopen" | "mathclose"
            | "mathpunct" | "mathinner" => {
                let body = self.argument(token)?;
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
            _ => return Ok(None),
        };
        Ok(Some(node))
    }

    /// `\rule[raise]{width}{height}`.
    fn rule(&mut self, name: &str, token: &Token) -> Parsed<Node> {
        let raise = match self.optional_raw()? {
            Some((text, range)) => self.length(&text, name, range)?,
            None => 0.0,
        };
        let (w, w_range) = self.raw_argument(token)?;
        let (h, h_range) = self.raw_argument(token)?;
        let width = self.length(&w, name, w_range)?;
        let height = self.length(&h, name, h_range)?;
        Ok(Node::Rule {
            width,
            height,
            raise,
        })
    }

    /// `\substack{a \\ b}`: its lines centred one over another, as a
    /// one-column array.
    fn substack(&mut self, token: &Token) -> Parsed<Node> {
        self.skip_spaces();
        match self.next() {
            Some(Token {
                kind: Tok::Open, ..
            }) => {}
            _ => return Err(self.missing_argument(token)),
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
        Ok(Node::Array {
            array: Box::new(array),
            left: '\0',
            right: '\0',
        })
    }

    /// Spaces, colours, negation, phantoms, frames and `\mod`. `None` for a command of another kind.
    fn spaces(&mut self, name: &str, token: &Token, alphabet: Alphabet) -> Parsed<Option<Node>> {
        let node = match name {
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
                    self.raw_argument(token)?
                } else {
                    self.length_text()
                };
                Node::Space(self.length(&text, name, range)? * 18.0)
            }
            "textcolor" => {
                let color = self.color_argument(token)?;
                let body = self.argument(token)?;
                Node::Color { color, body }
            }
            "not" => {
                self.skip_spaces();
                let Some(next) = self.next() else {
                    return Err(self.missing_argument(token));
                };
                let inner = match &next.kind {
                    Tok::Command(inner) => {
                        let inner = inner.clone();
                        self.command(&inner, next, alphabet)?
                    }
                    _ => self.atom(next, alphabet)?,
                };
                let inner = inner.ok_or_else(|| self.missing_argument(token))?;
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
                body: self.argument(token)?,
            },
            "boxed" => Node::Boxed(self.argument(token)?),
            "bmod" => function_node("mod", false),
            "pmod" | "mod" => {
                let body = if name == "pmod" {
                    let arg = self.argument(token)?;
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
            _ => return Ok(None),
        };
        Ok(Some(node))
    }

    /// A font command's argument (the old forms, `\bf`, take the rest of
    /// their group: see `list_command`).
    pub(super) fn styled(&mut self, token: &Token, alphabet: Alphabet) -> Parsed<Node> {
        let body = self.argument_in(token, alphabet)?;
        let body = body.into_iter().map(|n| restyle(n, alphabet)).collect();
        Ok(Node::Group(body))
    }
}

/// An operator with its limits placed by `\limits` or `\nolimits`.
pub(super) fn with_limits(op: Node, limits: Limits) -> Node {
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

pub(super) fn function_node(text: &str, limits: bool) -> Node {
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

/// An atom of an `\operatorname`'s name: ordinary, so no space comes
/// between its parts, with a minus sign back to the hyphen it was typed as.
fn operator_atom(node: Node) -> Node {
    match node {
        Node::Char { c, alphabet, .. } => Node::Char {
            c: match c {
                '−' => '-',
                '∗' => '*',
                c => c,
            },
            class: Class::Ord,
            alphabet,
        },
        other => other,
    }
}

/// The arrow an extensible-arrow command (`\xrightarrow`) stretches.
pub(super) fn extensible_arrow(name: &str) -> Option<char> {
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
