//! Math: LaTeX formulas typeset with the OpenType MATH table of the
//! built-in math font (New Computer Modern Math).
//!
//! [`typeset`] is pure: it parses a formula's source (macros expanded) and
//! lays it out TeX's way, with the font's own constants for script sizes,
//! fraction and radical gaps, limits and accents, and the font's larger
//! variants and assemblies for tall delimiters and radicals. Lengths are in
//! em of the surrounding text; glyphs stay glyphs (with their text, for
//! `/ToUnicode`), so a formula is searchable and copyable text in the PDF.

mod font;
mod layout;
mod parse;
mod runs;
mod symbols;

#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::color::Color;
use crate::text::Face;

pub use parse::{MAX_DEPTH, MAX_EXPANSION, MAX_SOURCE};

/// Whether a formula stands in a line of text or on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MathMode {
    /// Within a paragraph (`$..$`, `\(..\)`): text style, limits beside
    /// big operators.
    Inline,
    /// On its own line (`$$..$$`, `\[..\]`): display style, limits above
    /// and below.
    Display,
}

/// Where a big operator's limits go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limits {
    /// Above and below in display style, beside otherwise (`\sum`, `\lim`).
    Display,
    /// Always above and below (`\limits`).
    Always,
    /// Always beside (`\nolimits`, `\int`, `\sin`).
    Never,
}

/// A typeset formula, in em of the surrounding text's size, its origin at
/// the left end of its baseline (y up).
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub width: f64,
    /// Height above the baseline.
    pub ascent: f64,
    /// Depth below the baseline (positive).
    pub descent: f64,
    pub glyphs: Vec<MathGlyph>,
    pub rules: Vec<MathRule>,
    /// Its slanted strokes (`\cancel`, `\phase`), drawn over its glyphs.
    pub lines: Vec<MathLine>,
    /// Problems that did not stop the formula being set: a character no
    /// built-in font has, drawn as an empty box (its range is the whole
    /// formula's).
    pub warnings: Vec<MathError>,
}

/// One glyph of a formula.
#[derive(Debug, Clone, PartialEq)]
pub struct MathGlyph {
    pub face: Face,
    pub id: u16,
    /// Where its origin sits, in em from the formula's origin, y up.
    pub x: f64,
    pub y: f64,
    /// Its size relative to the text's (scripts are smaller).
    pub scale: f64,
    /// The characters it draws, for `/ToUnicode`; empty for a piece of a
    /// stretched delimiter other than its first.
    pub text: String,
    /// Its colour, from `\color` or `\textcolor`; `None` for the text's.
    pub color: Option<Color>,
}

/// A filled rectangle of a formula: a fraction bar, a radical's overbar.
/// Its lower left corner at (x, y), in em, y up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MathRule {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub color: Option<Color>,
    /// A background (`\colorbox`): drawn before the formula's glyphs,
    /// which stand on it.
    pub behind: bool,
}

/// A straight stroke of a formula, from one end to the other, in em, y
/// up: the slash of `\cancel`, the slant of `\phase`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MathLine {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub thickness: f64,
    pub color: Option<Color>,
}

/// Why a formula cannot be typeset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MathError {
    /// What went wrong, in deckgen's voice: lowercase, no period.
    pub message: String,
    /// The bytes of the formula's source it points at.
    pub range: Range<usize>,
    /// The command at fault (with its `\`), when one is.
    pub command: Option<String>,
}

impl std::fmt::Display for MathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MathError {}

/// Macros every formula of a deck can use: the theme's `math_macros` map,
/// each name (`\R`) to its body (`\mathbb{R}`), `#1`..`#9` for arguments.
/// `\newcommand` inside a formula adds to them for that formula only.
#[derive(Debug, Clone, Default)]
pub struct Macros {
    table: parse::MacroTable,
}

impl Macros {
    pub fn new() -> Macros {
        Macros::default()
    }

    /// Defines `name` (a `\` and letters) as `body`; its parameters are the
    /// highest `#n` the body uses. Refuses a name that is no command.
    pub fn define(&mut self, name: &str, body: &str) -> Result<(), MathError> {
        let word = name.strip_prefix('\\').unwrap_or("");
        if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(MathError {
                message: format!("a macro's name is `\\` and letters, not `{name}`"),
                range: 0..0,
                command: None,
            });
        }
        let params = body
            .as_bytes()
            .windows(2)
            .filter(|pair| pair[0] == b'#' && pair[1].is_ascii_digit() && pair[1] != b'0')
            .map(|pair| pair[1] - b'0')
            .max()
            .unwrap_or(0);
        self.table.define(name, params, body);
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// Typesets `source` (LaTeX math, without its `$` delimiters).
pub fn typeset(source: &str, mode: MathMode, macros: &Macros) -> Result<Formula, MathError> {
    if source.len() > MAX_SOURCE {
        return Err(MathError {
            message: format!("the formula is longer than {MAX_SOURCE} bytes"),
            range: 0..source.len(),
            command: None,
        });
    }
    let mut table = macros.table.clone();
    let nodes = parse::Parser::new(source, &mut table).parse()?;
    let mut formula = layout::layout(&nodes, mode);
    // Layout knows characters, not where they came from: a warning
    // points at the whole formula.
    for warning in &mut formula.warnings {
        warning.range = 0..source.len();
    }
    Ok(formula)
}
