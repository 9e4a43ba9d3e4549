//! Commands that frame, strike, centre or stretch over a body, KaTeX's
//! HTML extensions (whose content is typeset), and the braket notation.

use super::super::symbols::{self, Class};
use super::lex::{tokenize, Tok, Token};
use super::text::text_alphabet;
use super::{Alphabet, CancelStrokes, Node, Parsed, Parser};

impl Parser<'_> {
    /// `\colorbox`, `\fcolorbox`, `\angl`, `\sout`, the cancel family,
    /// `\phase`, `\vcenter`, the
    /// stretchy accents under a body and line segments, the HTML
    /// extensions and `\url`; `None` for a command of another kind.
    pub(super) fn enclosing(&mut self, name: &str, token: &Token) -> Parsed<Option<Node>> {
        let node = match name {
            "colorbox" => {
                let fill = self.color_argument(token)?;
                let body = vec![self.text_argument(token, Alphabet::Roman)?];
                Node::Frame {
                    frame: None,
                    fill: Some(fill),
                    body,
                }
            }
            "fcolorbox" => {
                let frame = self.color_argument(token)?;
                let fill = self.color_argument(token)?;
                let body = vec![self.text_argument(token, Alphabet::Roman)?];
                Node::Frame {
                    frame: Some(frame),
                    fill: Some(fill),
                    body,
                }
            }
            "fbox" => Node::Frame {
                frame: None,
                fill: None,
                body: vec![self.text_argument(token, Alphabet::Roman)?],
            },
            "angl" => Node::Angl(self.argument(token)?),
            "sout" => Node::Strike(self.argument(token)?),
            "cancel" | "bcancel" | "xcancel" => Node::Cancel {
                strokes: match name {
                    "cancel" => CancelStrokes::Rising,
                    "bcancel" => CancelStrokes::Falling,
                    _ => CancelStrokes::Both,
                },
                body: self.argument(token)?,
            },
            "phase" => Node::Phase(self.argument(token)?),
            "vcenter" => Node::VCenter(self.argument(token)?),
            "overlinesegment" | "underlinesegment" => Node::Segment {
                over: name.starts_with("over"),
                body: self.argument(token)?,
            },
            _ if symbols::under_accent(name).is_some() => Node::UnderAccent {
                c: symbols::under_accent(name).unwrap_or('\u{332}'),
                body: self.argument(token)?,
            },
            // KaTeX's HTML extensions: an id, class, style or data for a
            // web page, then what they apply to, which is typeset here.
            "htmlId" | "htmlClass" | "htmlStyle" | "htmlData" | "href" => {
                self.raw_argument(token)?;
                Node::Group(self.argument(token)?)
            }
            "url" => {
                let (url, _) = self.raw_argument(token)?;
                Node::Text {
                    text: url.replace(' ', ""),
                    class: Class::Ord,
                    limits: super::super::Limits::Never,
                    alphabet: text_alphabet("texttt", Alphabet::Roman),
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(node))
    }

    /// The braket notation of the `braket` package, as KaTeX spells it:
    /// `\Braket{ϕ | A | ψ}` between tall angle brackets with every `|` a
    /// `\middle\vert`; `\Set{x | x > 0}` and `\set` with only the first.
    pub(super) fn braket(&mut self, name: &str, token: &Token) -> Parsed<bool> {
        let (left, bar, double_bar, right, only_first) = match name {
            "Braket" => (
                r"\left\langle",
                r"\,\middle\vert\,",
                r"\,\middle\Vert\,",
                r"\right\rangle",
                false,
            ),
            "Set" => (
                r"\left\{\:",
                r"\;\middle\vert\;",
                r"\;\middle\Vert\;",
                r"\:\right\}",
                true,
            ),
            "set" => (r"\{\,", r"\mid", r"\|", r"\,\}", true),
            _ => return Ok(false),
        };
        let argument = self.argument_tokens(token)?;
        let mut expansion = tokenize(left, Some(token.range.clone()));
        let mut replaced = false;
        for t in argument {
            let bar = match &t.kind {
                Tok::Char('|') if !(only_first && replaced) => bar,
                Tok::Command(c) if c == "|" && !(only_first && replaced) => double_bar,
                _ => {
                    expansion.push(t);
                    continue;
                }
            };
            replaced = true;
            expansion.extend(tokenize(bar, Some(t.range.clone())));
        }
        expansion.extend(tokenize(right, Some(token.range.clone())));
        self.push_expansion(token, expansion)?;
        Ok(true)
    }
}
