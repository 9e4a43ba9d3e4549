//! Macros: the deck's, the formula's own (`\newcommand`) and deckgen's.

use std::collections::BTreeMap;

use super::lex::{tokenize, Tok, Token};
use super::{Parsed, Parser, MAX_EXPANSION};

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

impl Parser<'_> {
    /// A macro the deck, the formula or deckgen defines.
    pub(super) fn macro_named(&self, name: &str) -> Option<(u8, String)> {
        if let Some(found) = self.macros.defs.get(&format!("\\{name}")) {
            return Some(found.clone());
        }
        BUILTIN_MACROS
            .iter()
            .find(|(known, _, _)| *known == name)
            .map(|&(_, params, body)| (params, body.to_string()))
    }

    /// Expands a macro call: its arguments replace `#1`.. in its body.
    pub(super) fn expand(&mut self, token: &Token, params: u8, body: &str) -> Parsed<()> {
        let mut args: Vec<Vec<Token>> = Vec::new();
        for _ in 0..params {
            args.push(self.argument_tokens(token)?);
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
        self.push_expansion(token, expansion)
    }

    /// The tokens of one argument, unparsed: a braced group's insides, or
    /// one token.
    pub(super) fn argument_tokens(&mut self, after: &Token) -> Parsed<Vec<Token>> {
        self.skip_spaces();
        let Some(first) = self.next() else {
            return Err(self.missing_argument(after));
        };
        if first.kind != Tok::Open {
            return Ok(vec![first]);
        }
        let mut level = 0usize;
        let mut arg = Vec::new();
        loop {
            let Some(t) = self.next() else {
                return Err(self.error("missing a `}` to close the group", self.end_range()));
            };
            match t.kind {
                Tok::Open => level += 1,
                Tok::Close if level == 0 => return Ok(arg),
                Tok::Close => level -= 1,
                _ => {}
            }
            arg.push(t);
        }
    }

    /// Reads `expansion` next, counting it against the formula's bound.
    pub(super) fn push_expansion(&mut self, token: &Token, expansion: Vec<Token>) -> Parsed<()> {
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
    pub(super) fn define(&mut self, token: &Token, name: &str) -> Parsed<()> {
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
    ("angln", 0, r"\angl{n}"),
    ("mathstrut", 0, r"\vphantom{(}"),
    ("bra", 1, r"\mathinner{\langle{#1}|}"),
    ("ket", 1, r"\mathinner{|{#1}\rangle}"),
    ("braket", 1, r"\mathinner{\langle{#1}\rangle}"),
    ("Bra", 1, r"\left\langle#1\right|"),
    ("Ket", 1, r"\left|#1\right\rangle"),
];
