//! Fonts and text: the only place that measures.
//!
//! Text is shaped once per paragraph with rustybuzz (kerning and ligatures as
//! the font defines them), then wrapped and shrunk by scaling those advances.
//! The PDF writer draws exactly the glyphs and advances measured here.

mod bidi;
mod face;
mod fit;
mod stack;
mod wrap;

pub use face::{Face, FontError, FontKey};
pub use fit::{fit_text, FitRequest, FittedText};
pub use stack::FontStack;
pub use wrap::{Glyph, Line, Shaper};

use std::sync::{Arc, OnceLock};

use crate::diag::{Diagnostics, FileRef};

/// Noto Sans Regular, built into the binary (OFL, see fonts/OFL.txt).
const BUILTIN_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, built into the binary.
const BUILTIN_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
/// Fallbacks for what Noto Sans lacks: arrows and mathematical symbols
/// (Noto Sans Math), check marks, stars and shapes (Noto Sans Symbols 2).
const BUILTIN_FALLBACKS: [&[u8]; 2] = [
    include_bytes!("../../fonts/NotoSansMath-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
];

/// Which face of the deck's family a piece of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// The deck's two faces, regular for body text and bold for titles, and the
/// built-in fallbacks that fill their gaps.
#[derive(Debug, Clone)]
pub struct FontSet {
    regular: Face,
    bold: Face,
    fallbacks: Vec<Face>,
}

impl FontSet {
    /// The built-in Noto Sans pair.
    /// Parsed and hashed once per process; a copy shares the bytes.
    pub fn builtin() -> FontSet {
        static BUILTIN: OnceLock<FontSet> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let builtin = |bytes: &[u8]| {
                    Face::from_bytes(Arc::from(bytes)).expect("a built-in font parses")
                };
                FontSet {
                    regular: builtin(BUILTIN_REGULAR),
                    bold: builtin(BUILTIN_BOLD),
                    fallbacks: BUILTIN_FALLBACKS
                        .iter()
                        .map(|bytes| builtin(bytes))
                        .collect(),
                }
            })
            .clone()
    }

    /// The faces the deck names, falling back to the built-in ones.
    /// Problems are reported where each file was named; returns `None` on error.
    pub fn load(
        regular: Option<&FileRef>,
        bold: Option<&FileRef>,
        diagnostics: &mut Diagnostics,
    ) -> Option<FontSet> {
        let builtin = FontSet::builtin();
        let regular = load_face(regular, builtin.regular, diagnostics);
        let bold = load_face(bold, builtin.bold, diagnostics);
        Some(FontSet {
            regular: regular?,
            bold: bold?,
            fallbacks: builtin.fallbacks,
        })
    }

    /// The deck's face for `weight`, with the fallbacks behind it.
    pub fn stack(&self, weight: Weight) -> FontStack<'_> {
        let primary = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        FontStack {
            primary,
            fallbacks: &self.fallbacks,
        }
    }

    /// The face with this key.
    pub fn by_key(&self, key: FontKey) -> Option<&Face> {
        [&self.regular, &self.bold]
            .into_iter()
            .chain(&self.fallbacks)
            .find(|face| face.key() == key)
    }
}

fn load_face(
    file: Option<&FileRef>,
    fallback: Face,
    diagnostics: &mut Diagnostics,
) -> Option<Face> {
    let Some(file) = file else {
        return Some(fallback);
    };
    let problem = match crate::read_regular_file(&file.path) {
        Ok(bytes) => match Face::from_bytes(Arc::from(bytes)) {
            Ok(face) => return Some(face),
            Err(err) => format!("cannot use font `{}` ({err})", file.written),
        },
        Err(err) => format!(
            "cannot read font `{}` ({})",
            file.written,
            crate::diag::io_reason(&err)
        ),
    };
    diagnostics.error(&file.named_in, Some(file.span), problem);
    None
}
