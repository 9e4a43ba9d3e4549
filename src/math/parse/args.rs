//! A command's arguments: groups, raw text, delimiters, colours, lengths.

use std::ops::Range;

use super::super::symbols;
use super::super::MathError;
use super::alphabet::restyle;
use super::lex::{token_text, Tok, Token};
use super::{Alphabet, Node, Parsed, Parser, Until};
use crate::color::Color;

impl Parser<'_> {
    /// One argument: a braced group or a single token.
    pub(super) fn argument(&mut self, after: &Token) -> Parsed<Vec<Node>> {
        self.argument_in(after, Alphabet::Normal)
    }

    pub(super) fn argument_in(&mut self, after: &Token, alphabet: Alphabet) -> Parsed<Vec<Node>> {
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

    pub(super) fn missing_argument(&self, after: &Token) -> MathError {
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
    pub(super) fn list_in(&mut self, alphabet: Alphabet) -> Parsed<Vec<Node>> {
        let (list, _) = self.list(Until::Close)?;
        Ok(list
            .into_iter()
            .map(|node| restyle(node, alphabet))
            .collect())
    }

    /// Raw text up to the matching `}` (after `{`), or one token.
    pub(super) fn raw_argument(&mut self, after: &Token) -> Parsed<(String, Range<usize>)> {
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

    pub(super) fn color_argument(&mut self, after: &Token) -> Parsed<Color> {
        let (name, range) = self.raw_argument(after)?;
        parse_color(name.trim())
            .ok_or_else(|| self.error(format!("unknown colour `{}`", name.trim()), range))
    }

    /// The text up to `]` (after `[`).
    pub(super) fn bracket_text(&mut self) -> Parsed<(String, Range<usize>)> {
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
    pub(super) fn optional_math(&mut self) -> Parsed<Option<Vec<Node>>> {
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
    pub(super) fn delimiter_argument(&mut self, after: &Token) -> Parsed<char> {
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
    pub(super) fn delimiter(&mut self, after: &Token) -> Parsed<char> {
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

    /// A length (`1em`, `-3mu`, `2ex`, `1pt`) in em.
    pub(super) fn length(&self, text: &str, command: &str, range: Range<usize>) -> Parsed<f64> {
        length_in_em(text.trim()).ok_or_else(|| {
            self.command_error(format!("`{}` is not a length", text.trim()), command, range)
        })
    }

    /// An optional `[..]` argument's raw text.
    pub(super) fn optional_raw(&mut self) -> Parsed<Option<(String, Range<usize>)>> {
        self.skip_spaces();
        if self.peek() != Some(&Tok::Char('[')) {
            return Ok(None);
        }
        self.next();
        Ok(Some(self.bracket_text()?))
    }

    /// A TeX length after `\kern`: characters up to a unit.
    pub(super) fn length_text(&mut self) -> (String, Range<usize>) {
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
}

/// A length in em: `em`, `mu` (18 to the em), `ex` (0.43 em, Computer
/// Modern's x-height), `pt` (a tenth of an em, as at TeX's 10 pt).
pub(super) fn length_in_em(text: &str) -> Option<f64> {
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

/// A colour by name (the names `xcolor` and KaTeX know best) or `#rrggbb`.
pub(super) fn parse_color(name: &str) -> Option<Color> {
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
